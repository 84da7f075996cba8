// Steady-state benchmark of a Hermitian-coupling model: µs per point for the Kato–Tanimura model (two qubits,
// σx couplings, Drude baths; derivations/examples/kato-tanimura.json), non-secular, with the generated module,
// over a 100×100 (J12 ∈ [0.01, 0.5], Th ∈ [1, 5]) grid; and, on a 10×10 grid, with the Lamb shift (each Π is a quadrature).
// Contract: benchCouplings() returns report lines (it prints nothing).
import { fileURLToPath } from 'node:url';
import { SteadyStateSolver } from '../numeric/steady.ts';
import { linspace } from '../numeric/grid.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { InputError, loadGenerated } from './loadGenerated.ts';

const MODEL = fileURLToPath(new URL('../../derivations/examples/kato-tanimura.json', import.meta.url));
const GOAL_US = 2;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** µs per point of the fast steady-state solve over a J12 × Th grid (median of `passes` passes). */
function timeGrid(model: GeneratedModel, n: number, passes: number): number {
  const base: Params = Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
  const J12 = linspace(0.01, 0.5, n); // below eps: at J12 = eps the levels |−⟩ and |gg⟩ cross
  const Th = linspace(1, 5, n);
  const solver = new SteadyStateSolver(model);
  const p: Params = { ...base };
  let sink = 0;
  const pass = () => {
    const t0 = performance.now();
    for (const j of J12) {
      for (const t of Th) {
        p.J12 = j;
        p.Th = t;
        if (!solver.solve(p)) throw new Error(`benchmark point J12 = ${j}, Th = ${t} needs the slow path`);
        sink += solver.rho.re[6]!;
      }
    }
    return (1e3 * (performance.now() - t0)) / (n * n);
  };
  pass();
  const times = Array.from({ length: passes }, pass);
  if (!Number.isFinite(sink)) throw new Error('non-finite steady state in the benchmark');
  return median(times);
}

export async function benchCouplings(): Promise<string[]> {
  const lines: string[] = [];
  try {
    const plain = (await loadGenerated(MODEL, 'nonsecular', { lambShift: false })).model;
    const us = timeGrid(plain, 100, 5);
    lines.push(`steady state, kato-tanimura (nonsecular, Drude baths, σx couplings), 100×100 (J12, Th) grid: ${us.toFixed(2)} µs/point (median of 5) — goal ≤ ${GOAL_US} µs: ${us <= GOAL_US ? 'met' : 'NOT met'}`);
    const ls = (await loadGenerated(MODEL, 'nonsecular', { lambShift: true })).model;
    const usLs = timeGrid(ls, 10, 3);
    lines.push(`  with the Lamb shift (8 principal values by quadrature per point), 10×10 grid: ${(usLs / 1000).toFixed(2)} ms/point (median of 3)`);
  } catch (e) {
    if (e instanceof InputError) return [`Hermitian-coupling bench skipped: ${e.message}`];
    throw e;
  }
  return lines;
}
