// Benchmark of the numeric eigenbasis mode: µs per steady-state point when the generated module diagonalises H_S
// at every point, beside the exact-eigenbasis module of the same model in the same run — the uniform four-site
// chain (16 levels, blocks 1, 4, 6, 4, 1) on a 10×10 (J, Ta) grid, secular and nonsecular — and the exciton
// trimer (a generic 3×3 block, numeric only) on a 50×50 (J12, Th) grid.
// The chain's code is long straight-line code, which V8 optimises only after some thousand calls (and a second of
// compiling on the other core): its passes follow a warm-up of WARMUP_POINTS points, whose own mean is reported
// beside them (what a short sweep costs). The grid is swept both ways: Ta inner (H_S is the same along a row,
// so the module's kept eigendecompositions serve it) and J inner (a new H_S at every point).
// Contract: benchNumericEigen() returns report lines (it prints nothing).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SteadyStateSolver } from '../numeric/steady.ts';
import { linspace } from '../numeric/grid.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { loadModel } from '../model/load.ts';
import { deriveTable } from '../derive/table.ts';
import type { Approx } from '../derive/approx.ts';
import { compile } from '../index.ts';

const CHAIN = fileURLToPath(new URL('../../derivations/examples/four-site-chain.json', import.meta.url));
const TRIMER = fileURLToPath(new URL('../../derivations/examples/exciton-trimer.json', import.meta.url));
const GOAL_US = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Points the numeric chain runs before its timed passes (V8 has optimised its parts by then). */
const WARMUP_POINTS = 4000;

/**
 * µs per point of the fast steady-state solve over an x × y grid, y inner (median of `passes` passes after
 * warm-up passes of at least `warmup` points, at least one; also benchCouplings'), and the mean over the warm-up.
 */
export function timeGrid(
  model: GeneratedModel,
  x: [string, number, number],
  y: [string, number, number],
  n: number,
  passes: number,
  warmup = 0,
): number {
  return timeGridWarm(model, x, y, n, passes, warmup).us;
}

function timeGridWarm(
  model: GeneratedModel,
  x: [string, number, number],
  y: [string, number, number],
  n: number,
  passes: number,
  warmup: number,
): { us: number; warmupUs: number } {
  const p: Params = Object.fromEntries(model.parameters.map((q) => [q.name, q.default]));
  const xs = linspace(x[1], x[2], n);
  const ys = linspace(y[1], y[2], n);
  const solver = new SteadyStateSolver(model);
  let sink = 0;
  const pass = () => {
    const t0 = performance.now();
    for (const a of xs)
      for (const b of ys) {
        p[x[0]] = a;
        p[y[0]] = b;
        if (!solver.solve(p)) throw new Error(`benchmark point ${x[0]} = ${a}, ${y[0]} = ${b} needs the slow path`);
        sink += solver.rho.re[0]!;
      }
    return (1e3 * (performance.now() - t0)) / (n * n);
  };
  const warm = Array.from({ length: Math.max(1, Math.ceil(warmup / (n * n))) }, pass);
  const times = Array.from({ length: passes }, pass);
  if (!Number.isFinite(sink)) throw new Error('non-finite steady state in the benchmark');
  return { us: median(times), warmupUs: warm.reduce((a, b) => a + b, 0) / warm.length };
}

async function moduleOf(file: string, approx: Approx, eigen?: string): Promise<{ model: GeneratedModel; deriveMs: number }> {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (eigen) json.eigen = eigen;
  const t0 = performance.now();
  const table = deriveTable(loadModel(json, file), approx);
  const deriveMs = performance.now() - t0;
  return { model: await compile(table), deriveMs };
}

export async function benchNumericEigen(): Promise<string[]> {
  const lines = ['numeric eigenbasis (H_S diagonalised per point) beside the exact eigenbasis, same run:'];
  for (const approx of ['secular', 'nonsecular'] as const) {
    const exact = await moduleOf(CHAIN, approx);
    const numeric = await moduleOf(CHAIN, approx, 'numeric');
    const J: [string, number, number] = ['J', 0.5, 2];
    const Ta: [string, number, number] = ['Ta', 1, 10];
    const te = timeGridWarm(exact.model, J, Ta, 10, 5, WARMUP_POINTS);
    const rows = timeGridWarm(numeric.model, J, Ta, 10, 5, WARMUP_POINTS);
    const columns = timeGridWarm(numeric.model, Ta, J, 10, 5, WARMUP_POINTS);
    const worst = Math.max(rows.us, columns.us);
    lines.push(
      `  four-site chain, ${approx}, 10×10 (J, Ta): numeric ${rows.us.toFixed(1)} µs/point (Ta inner), ${columns.us.toFixed(1)} µs/point (J inner: H_S new at every point); ` +
        `exact ${te.us.toFixed(1)} µs/point (×${(rows.us / te.us).toFixed(2)}); first ${WARMUP_POINTS} points (JIT warm-up) ${rows.warmupUs.toFixed(0)} µs/point (exact ${te.warmupUs.toFixed(0)}); ` +
        `derivation ${(numeric.deriveMs / 1000).toFixed(2)} s vs ${(exact.deriveMs / 1000).toFixed(2)} s — goal ≤ ${GOAL_US} µs: ${worst <= GOAL_US ? 'met' : 'NOT met'}`,
    );
  }
  for (const approx of ['secular', 'nonsecular'] as const) {
    const trimer = await moduleOf(TRIMER, approx);
    const t = timeGrid(trimer.model, ['J12', 0.2, 1.5], ['Th', 1, 20], 50, 3);
    lines.push(
      `  exciton trimer (generic 3×3 block), ${approx}, 50×50 (J12, Th): ${t.toFixed(2)} µs/point; derivation ${trimer.deriveMs.toFixed(0)} ms`,
    );
  }
  return lines;
}
