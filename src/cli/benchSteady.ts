// Steady-state benchmark: µs per point for seed 000 Case A (non-secular, then every other approximation) on a 200×200 (Ta, ΔT) grid
// (Ta = 0.5…30, ΔT = 0…100, Tb = Ta + ΔT, Δ = 0, Ω = 30, ξ = 2, γ = 1), with the generated module.
// Contract: benchSteady() returns report lines (it prints nothing):
//   - single thread: the fast block solve alone, and solve + |ρ32|, medians of 5 passes over the grid;
//   - all cores: the worker-thread sweep on a started pool, median of 3 runs, and the pool's one-time start-up;
//   - QuTiP (only when python3 or Debian's /usr/bin/python3 imports qutip; nothing is installed here): after checking that
//     both give the same ρ at a few points, bloch_redfield_tensor + steadystate timed on a subset of the same
//     points (src/cli/qutipSteady.py), side by side with ours on that subset, and the ratio.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PointEvaluator, SweepPool } from '../numeric/sweep.ts';
import { SteadyStateSolver } from '../numeric/steady.ts';
import { PhysicsCheck } from '../numeric/physics.ts';
import { linspace } from '../numeric/grid.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { InputError } from '../errors.ts';
import { loadGenerated } from '../modules/load.ts';

const MODEL = fileURLToPath(new URL('../../derivations/huangfu-jing/case-a.json', import.meta.url));
const GOAL_US = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const us = (x: number) => `${x.toFixed(2)} µs/point`;

/** The grid as a points × parameters table in the model's parameter order. */
function caseAGrid(model: GeneratedModel, nTa: number, nDT: number): { names: string[]; values: Float64Array; pairs: [number, number][] } {
  const names = model.parameters.map((p) => p.name);
  const base: Params = { ...Object.fromEntries(model.parameters.map((p) => [p.name, p.default])), Delta: 0, Omega: 30, xi: 2, gamma: 1 };
  const Ta = linspace(0.5, 30, nTa);
  const dT = linspace(0, 100, nDT);
  const values = new Float64Array(nTa * nDT * names.length);
  const pairs: [number, number][] = [];
  let pt = 0;
  for (const ta of Ta) {
    for (const d of dT) {
      const p: Params = { ...base, Ta: ta, Tb: ta + d };
      names.forEach((n, k) => (values[pt * names.length + k] = p[n]!));
      pairs.push([ta, ta + d]);
      pt++;
    }
  }
  return { names, values, pairs };
}

/** Seconds for the fast solve over the given rows (parameters written into one reused object). */
function timeSolves(solver: SteadyStateSolver, names: string[], values: Float64Array): number {
  const k = names.length;
  const points = values.length / k;
  const p: Params = {};
  let sink = 0;
  const t0 = performance.now();
  for (let pt = 0; pt < points; pt++) {
    for (let i = 0; i < k; i++) p[names[i]!] = values[pt * k + i]!;
    if (!solver.solve(p)) throw new Error(`benchmark point ${pt} needs the slow path`);
    sink += solver.rho.im[9]!;
  }
  const ms = performance.now() - t0;
  if (!Number.isFinite(sink)) throw new Error('non-finite steady state in the benchmark');
  return ms / 1000;
}

/** Seconds for fill + physics check + solve over the rows (timeSolves without the check, for the comparison). */
function timeChecked(model: GeneratedModel, solver: SteadyStateSolver, names: string[], values: Float64Array): number {
  const k = names.length;
  const points = values.length / k;
  const p: Params = {};
  const physics = new PhysicsCheck(model);
  let flagged = 0;
  const t0 = performance.now();
  for (let pt = 0; pt < points; pt++) {
    for (let i = 0; i < k; i++) p[names[i]!] = values[pt * k + i]!;
    solver.fill(p);
    if (physics.problem(p, solver.L, solver.outflows)) flagged++;
    if (!solver.solveFilled()) throw new Error(`benchmark point ${pt} needs the slow path`);
  }
  const ms = performance.now() - t0;
  if (flagged) throw new Error(`${flagged} benchmark points flagged unphysical`);
  return ms / 1000;
}

/** The first Python that imports qutip: the one on PATH, or Debian's (python3-qutip installs there, not in a pyenv). */
function qutipPython(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import qutip'], { stdio: 'ignore' }).status === 0);
}

export async function benchSteady(): Promise<string[]> {
  const lines: string[] = [];
  let model: GeneratedModel;
  let loaded;
  try {
    loaded = await loadGenerated(MODEL, 'nonsecular');
    model = loaded.model;
  } catch (e) {
    if (e instanceof InputError) return [`steady-state bench skipped: ${e.message}`];
    throw e;
  }
  const grid = caseAGrid(model, 200, 200);
  const points = grid.pairs.length;
  lines.push(
    `steady state, ${model.name} (${model.approx}), 200×200 (Ta, ΔT) grid = ${points} points; block solve of ${model.blocks[0]!.length}×${model.blocks[0]!.length} (of ${model.dimension ** 2})`,
  );

  // Single thread. One warm-up pass lets the JIT settle before timing.
  const solver = new SteadyStateSolver(model);
  timeSolves(solver, grid.names, grid.values);
  const solveOnly = Array.from({ length: 5 }, () => (1e6 * timeSolves(solver, grid.names, grid.values)) / points);
  const ev = new PointEvaluator(model, grid.names, ['abs(rho[2][1])']);
  const out = new Float64Array(points);
  const withObs = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    ev.run(grid.values, out);
    return (1e3 * (performance.now() - t0)) / points;
  });
  const single = median(solveOnly);
  lines.push(
    `  single thread, steady state:           ${us(single)} (median of 5; min ${us(Math.min(...solveOnly))}) — goal ≤ ${GOAL_US} µs: ${single <= GOAL_US ? 'met' : 'NOT met'}`,
  );
  lines.push(`  single thread, steady state + |ρ32|:   ${us(median(withObs))}`);
  // the physics check of every solved point (issue 13: at most 10 % of the steady state), interleaved with the plain solve
  const plain: number[] = [];
  const checked: number[] = [];
  timeChecked(model, solver, grid.names, grid.values);
  for (let r = 0; r < 5; r++) {
    plain.push((1e6 * timeSolves(solver, grid.names, grid.values)) / points);
    checked.push((1e6 * timeChecked(model, solver, grid.names, grid.values)) / points);
  }
  const share = (median(checked) - median(plain)) / median(plain);
  lines.push(
    `  physics check of every point (temperatures, Bohr frequencies, spectrum matrices): ${us(median(checked) - median(plain))} = ${(100 * share).toFixed(1)} % of the steady state (${us(median(plain))} without, ${us(median(checked))} with; medians of 5, interleaved) — goal ≤ 10 %: ${share <= 0.1 ? 'met' : 'NOT met'}`,
  );

  // All cores: a pool of workers started once (start-up reported on its own, since it does not grow with the
  // grid), one warm-up sweep for the workers' JIT, then the median of 3 sweeps.
  const threads = availableParallelism();
  const t0 = performance.now();
  const pool = new SweepPool(loaded.ref, grid.names, ['abs(rho[2][1])'], threads);
  let runs;
  try {
    await pool.started();
    const startupMs = performance.now() - t0;
    await pool.run(grid.values);
    runs = [];
    for (let r = 0; r < 3; r++) runs.push(await pool.run(grid.values));
    const wall = median(runs.map((r) => (1e3 * r.wallMs) / points));
    lines.push(
      `  ${threads} threads (worker_threads), + |ρ32|: ${us(wall)} wall (median of 3; ${(median(withObs) / wall).toFixed(2)}× the single-thread rate with |ρ32|), after a one-time pool start-up of ${startupMs.toFixed(0)} ms`,
    );
  } finally {
    await pool.close();
  }
  // the sweep must reproduce the single-thread values
  let diff = 0;
  for (let k = 0; k < points; k++) diff = Math.max(diff, Math.abs(runs[0]!.values[k]! - out[k]!));
  if (diff !== 0) lines.push(`  warning: threaded and single-thread |ρ32| differ by ${diff}`);

  lines.push(...(await benchApproximations(grid.names, grid.values, points, single)));
  lines.push(...benchQutip(model, grid.pairs, grid.names, grid.values));
  return lines;
}

/** The same grid for every other approximation of Case A (partial-secular at secularCutoff = γ), single thread. */
async function benchApproximations(names: string[], values: Float64Array, points: number, redfield: number): Promise<string[]> {
  const lines: string[] = [];
  for (const approx of ['secular', 'partial-secular', 'ule', 'local'] as const) {
    const { model } = await loadGenerated(MODEL, approx);
    // the grid's rows in this module's parameter order (partial-secular has one more: its cutoff, γ = 1 here)
    const own = model.parameters.map((p) => p.name);
    const rows = new Float64Array((values.length / names.length) * own.length);
    for (let pt = 0; pt < points; pt++)
      own.forEach((n, k) => (rows[pt * own.length + k] = n === 'secularCutoff' ? 1 : values[pt * names.length + names.indexOf(n)]!));
    const solver = new SteadyStateSolver(model);
    timeSolves(solver, own, rows);
    const t = median(Array.from({ length: 5 }, () => (1e6 * timeSolves(solver, own, rows)) / points));
    lines.push(
      `  ${approx.padEnd(15)} single thread, steady state: ${us(t)} (×${(t / redfield).toFixed(2)} Redfield's) — goal ≤ 2 µs: ${t <= 2 ? 'met' : 'NOT met'}`,
    );
  }
  return lines;
}

/** QuTiP's time per point in µs, once benchQutip has measured it (for the whole-process comparison). */
export const qutipPerPoint: { us?: number } = {};

/** QuTiP on every 40th point of the grid, after checking ρ at a few points; or a line saying it is absent. */
function benchQutip(model: GeneratedModel, pairs: [number, number][], names: string[], values: Float64Array): string[] {
  const python = qutipPython();
  if (!python)
    return [
      '  QuTiP: not installed (neither python3 nor /usr/bin/python3 imports qutip; Debian: apt-get install python3-qutip), no comparison',
    ];
  const stride = 40;
  const subset = pairs.filter((_, k) => k % stride === 0);
  const k = names.length;
  const subValues = new Float64Array(subset.length * k);
  pairs.forEach((_, pt) => {
    if (pt % stride === 0) subValues.set(values.subarray(pt * k, pt * k + k), (pt / stride) * k);
  });
  const base: Params = { ...Object.fromEntries(model.parameters.map((p) => [p.name, p.default])), Delta: 0, Omega: 30, xi: 2, gamma: 1 };
  const checkPoints = [subset[0]!, subset[Math.floor(subset.length / 3)]!, subset[subset.length - 1]!];
  const check = checkPoints.map(([Ta, Tb]) => {
    const V = model.eigenvectors({ ...base, Ta, Tb });
    const n = model.dimension;
    const nest = (a: Float64Array) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
    return { Ta, Tb, V: { re: nest(V.re), im: nest(V.im) } };
  });
  const script = fileURLToPath(new URL('./qutipSteady.py', import.meta.url));
  const job = { Omega: 30, Delta: 0, xi: 2, gamma: 1, points: subset, check };
  const r = spawnSync(python, [script], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return [`  QuTiP: the comparison script failed: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}`];
  const res = JSON.parse(r.stdout) as { version: string; seconds: number; points: number; check: { re: number[][]; im: number[][] }[] };

  const solver = new SteadyStateSolver(model);
  let worst = 0;
  checkPoints.forEach(([Ta, Tb], c) => {
    solver.solve({ ...base, Ta, Tb });
    const n = model.dimension;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        worst = Math.max(
          worst,
          Math.hypot(solver.rho.re[a * n + b]! - res.check[c]!.re[a]![b]!, solver.rho.im[a * n + b]! - res.check[c]!.im[a]![b]!),
        );
      }
    }
  });
  const lines = [
    `  QuTiP ${res.version}: max |ρ_bornmarkov − ρ_QuTiP| = ${worst.toExponential(2)} at ${checkPoints.length} points ${worst < 1e-8 ? '(same ρ)' : '(DIFFERENT ρ: timing not comparable)'}`,
  ];
  timeSolves(solver, names, subValues);
  const ours = median(Array.from({ length: 5 }, () => (1e6 * timeSolves(solver, names, subValues)) / subset.length));
  const theirs = (1e6 * res.seconds) / res.points;
  qutipPerPoint.us = theirs;
  lines.push(
    `  on ${subset.length} of the points: bornmarkov ${us(ours)}   QuTiP bloch_redfield_tensor + steadystate ${us(theirs)}   ratio ${(theirs / ours).toFixed(0)}×`,
  );
  return lines;
}
