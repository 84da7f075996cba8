// Steady-state benchmark of a Hermitian-coupling model: µs per point for the Kato–Tanimura model (two qubits,
// σx couplings, Drude baths; derivations/examples/kato-tanimura.json), non-secular, with the generated module,
// over a 100×100 (J12 ∈ [0.01, 0.5], Th ∈ [1, 5]) grid; and, on a 10×10 grid, with the Lamb shift (each Π is a quadrature).
// Contract: benchCouplings() returns report lines (it prints nothing).
import { fileURLToPath } from 'node:url';
import { timeGrid } from './benchNumericEigen.ts';
import { InputError } from '../errors.ts';
import { loadGenerated } from '../modules/load.ts';

const MODEL = fileURLToPath(new URL('../../derivations/examples/kato-tanimura.json', import.meta.url));
const GOAL_US = 2;
// J12 below eps: at J12 = eps the levels |−⟩ and |gg⟩ cross
const GRID_J12: [string, number, number] = ['J12', 0.01, 0.5];
const GRID_TH: [string, number, number] = ['Th', 1, 5];

export async function benchCouplings(): Promise<string[]> {
  const lines: string[] = [];
  try {
    const plain = (await loadGenerated(MODEL, 'nonsecular', { lambShift: false })).model;
    const us = timeGrid(plain, GRID_J12, GRID_TH, 100, 5);
    lines.push(
      `steady state, kato-tanimura (nonsecular, Drude baths, σx couplings), 100×100 (J12, Th) grid: ${us.toFixed(2)} µs/point (median of 5) — goal ≤ ${GOAL_US} µs: ${us <= GOAL_US ? 'met' : 'NOT met'}`,
    );
    const ls = (await loadGenerated(MODEL, 'nonsecular', { lambShift: true })).model;
    const usLs = timeGrid(ls, GRID_J12, GRID_TH, 10, 3);
    lines.push(
      `  with the Lamb shift (8 principal values by quadrature per point), 10×10 grid: ${(usLs / 1000).toFixed(2)} ms/point (median of 3)`,
    );
  } catch (e) {
    if (e instanceof InputError) return [`Hermitian-coupling bench skipped: ${e.message}`];
    throw e;
  }
  return lines;
}
