// Bohr-frequency grouping of a numeric eigenbasis (src/numeric/bohr.ts): against the exact frequencies of the
// four-site chain (distinct exact energy differences = numeric groups), the inconsistent-tolerance error, and
// the grouping changes along a sweep through a degeneracy.
import { describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/model/load.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { sub } from '../../src/algebra/expr.ts';
import { fromNested } from '../../src/numeric/complexMatrix.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { bohrGrouping, groupingChanges, groupingKey } from '../../src/numeric/bohr.ts';

const chain = loadModelFile('derivations/examples/four-site-chain.json');
const numericEnergies = (params: Record<string, number>) => {
  const n = chain.basis.length;
  const at = (i: number, k: number) => complexValue(chain, chain.hamiltonian.get(i, k), params);
  const re = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => at(i, k)[0]));
  const im = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => at(i, k)[1]));
  return hermitianEigen(fromNested(re, im)).values;
};

describe('bohrGrouping', () => {
  it('four-site chain at the defaults: as many groups as distinct exact differences E_n − E_m, and the same multiplicities', () => {
    const params = Object.fromEntries(chain.parameters.map((p) => [p.name, p.default]));
    const g = bohrGrouping(numericEnergies(params));
    const exact = new Map<string, { count: number; at: number }>();
    for (const a of chain.states)
      for (const b of chain.states) {
        const w = sub(b.energy, a.energy);
        const e = exact.get(w.key) ?? { count: 0, at: complexValue(chain, w, params)[0] };
        e.count++;
        exact.set(w.key, e);
      }
    expect(g.groups).toHaveLength(exact.size);
    const sorted = [...exact.values()].sort((x, y) => x.at - y.at);
    g.groups.forEach((grp, i) => {
      expect(grp.omega).toBeCloseTo(sorted[i].at, 10);
      expect(grp.pairs.length).toBe(sorted[i].count);
    });
    // the zero group: 16 diagonal pairs and the 2 ordered pairs of the degenerate two-excitation doublet
    expect(g.groups.find((x) => Math.abs(x.omega) < 1e-12)!.pairs).toHaveLength(18);
  });

  it('refuses a tolerance that links 1, 1 + 0.8e-6, 1 + 1.6e-6 but not their ends, and says which tolerances are consistent', () => {
    const E = [0, 1, 2 + 0.8e-6, 3 + 2.4e-6];
    expect(() => bohrGrouping(E, { abs: 1e-6, rel: 0 })).toThrow(
      /merges frequencies inconsistently: -1\.0000016\d* and -1 differ by 1\.600e-6 .*choose a tolerance below 8\.000e-7 .* or above 1\.600e-6/,
    );
    expect(bohrGrouping(E, { abs: 1e-7, rel: 0 }).groups.filter((x) => x.omega > 0.5 && x.omega < 1.5)).toHaveLength(3);
    expect(bohrGrouping(E, { abs: 1e-5, rel: 0 }).groups.filter((x) => x.omega > 0.5 && x.omega < 1.5)).toHaveLength(1);
  });

  it('a sweep of J through 0 reports the grouping change at J = 0 (all one-excitation levels degenerate) and back', () => {
    const Js = [-1, -0.5, 0, 0.5, 1];
    const gs = Js.map((J) => bohrGrouping(numericEnergies({ Omega: 30, J, gamma: 1, Ta: 1, Tb: 2 })));
    expect(groupingChanges(gs)).toEqual([2, 3]);
    expect(groupingKey(gs[0])).toBe(groupingKey(gs[1]));
  });

  it('rejects non-finite energies and negative tolerances', () => {
    expect(() => bohrGrouping([0, NaN])).toThrow(/energy 2 is not finite/);
    expect(() => bohrGrouping([0, 1], { abs: -1 })).toThrow(/tolerance must be >= 0/);
  });
});
