// Exact steady states (src/derive/steadyState.ts) against the numeric steady-state solver (src/numeric/steady.ts,
// rank-revealing QR on the generator evaluated at numbers): every block of every seed model, both
// approximations, at random parameter points, to 1e−12. Also: the structure the papers state (Case A secular
// is diagonal; Ξ has no coherence; Case D's population block is singular only on a thin set), and the
// determinant helper on a matrix with a known determinant.
import { describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { determinantOf, exactSteadyState } from '../../src/derive/steadyState.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { priceBathAtom } from '../../src/bath/correlators.ts';
import { analyzeSteadyState } from '../../src/numeric/steady.ts';
import { num, symbol, sub, mul, add } from '../../src/algebra/expr.ts';
import { adaptModel, repoPath } from '../support/generatedAdapter.ts';
import { rng } from '../support/random.ts';
import type { Model } from '../../src/model/model.ts';

const SEEDS = [
  'huangfu-jing/case-a',
  'huangfu-jing/case-b',
  'huangfu-jing/case-c',
  'huangfu-jing/case-d',
  'li-cai-sun/lambda',
  'li-cai-sun/v',
  'li-cai-sun/xi',
  'li-cai-sun/two-tls',
];

/** Random parameters around the defaults: energies and temperatures positive, weights in (0, 1]. */
function randomPoint(model: Model, next: () => number): Record<string, number> {
  return Object.fromEntries(
    model.parameters.map((p) => {
      if (p.kind === 'weight') return [p.name, 0.3 + 0.7 * next()];
      if (p.kind === 'temperature') return [p.name, 0.3 + 5 * next() * Math.max(1, p.default)];
      const scale = p.default === 0 ? 1 : Math.abs(p.default);
      return [p.name, (p.default === 0 ? next() - 0.5 : p.default) + 0.3 * scale * (next() - 0.5)];
    }),
  );
}

describe('exact steady states agree with the numeric solver', () => {
  for (const seed of SEEDS) {
    for (const approx of ['secular', 'nonsecular'] as const) {
      it(`${seed} (${approx}): every block, 3 random points, to 1e-12`, () => {
        const file = repoPath(`derivations/${seed}.json`);
        const model = loadModelFile(file);
        const table = deriveTable(model, approx);
        const exact = exactSteadyState(table);
        const numeric = adaptModel(file, approx);
        const n = model.states.length;
        const next = rng(12 + seed.length);
        expect(exact.blocks.every((b) => b.solved)).toBe(true);
        for (let trial = 0; trial < 3; trial++) {
          const p = randomPoint(model, next);
          const price = priceBathAtom(model, p);
          const value = (x: Parameters<typeof complexValue>[1]) => complexValue(model, x, p, price);
          const analysis = analyzeSteadyState(numeric, p);
          expect(analysis.nullity).toBe(1);
          let checked = 0;
          for (const b of exact.blocks) {
            const [dr, di] = value(b.determinant);
            expect(Math.hypot(dr, di)).toBeGreaterThan(0);
            b.elements.forEach(([r, c], i) => {
              const [nr, ni] = value(b.numerators[i]);
              const re = (nr * dr + ni * di) / (dr * dr + di * di);
              const im = (ni * dr - nr * di) / (dr * dr + di * di);
              expect(Math.abs(re - analysis.rho.re[r * n + c]!)).toBeLessThan(1e-12);
              expect(Math.abs(im - analysis.rho.im[r * n + c]!)).toBeLessThan(1e-12);
              checked++;
            });
          }
          expect(checked).toBe(n * n);
        }
      });
    }
  }
});

describe('structure of the exact steady states', () => {
  const steady = (seed: string, approx: 'secular' | 'nonsecular') =>
    exactSteadyState(deriveTable(loadModelFile(repoPath(`derivations/${seed}.json`)), approx));

  it('Case A secular: 4 populations, every coherence vanishes identically (seed 000 Eq. 9 is diagonal)', () => {
    const s = steady('huangfu-jing/case-a', 'secular');
    expect(s.blocks[0].elements).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    for (const b of s.blocks.slice(1)) expect(b.populations).toBe(false);
    expect(s.blocks.every((b) => !b.neverUnique)).toBe(true);
  });

  it('Case A non-secular: rho23, rho32 join the populations and do not vanish identically (Eq. 11)', () => {
    const s = steady('huangfu-jing/case-a', 'nonsecular');
    const b = s.blocks[0];
    expect(b.elements).toEqual([
      [0, 0],
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(b.vanishes).toEqual([false, false, false, false, false, false]);
  });

  it('Xi non-secular: the populations are closed and the coherences vanish (seed 001 Sec. 4)', () => {
    const s = steady('li-cai-sun/xi', 'nonsecular');
    expect(s.blocks[0].elements.every(([r, c]) => r === c)).toBe(true);
  });

  it('Lambda non-secular: the coherence rho12 is coupled to the populations and does not vanish identically', () => {
    const b = steady('li-cai-sun/lambda', 'nonsecular').blocks[0];
    expect(b.elements).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(b.vanishes[1]).toBe(false);
  });

  it('the numerators of the population block sum to its determinant (trace 1)', () => {
    for (const seed of SEEDS) {
      const model = loadModelFile(repoPath(`derivations/${seed}.json`));
      const b = exactSteadyState(deriveTable(model, 'nonsecular')).blocks[0];
      const trace = add(...b.elements.map(([r, c], i) => (r === c ? b.numerators[i] : num(0))));
      expect(sub(trace, b.determinant).isZero()).toBe(true);
    }
  });

  it('determinantOf: a symbolic 3x3 and a Vandermonde 4x4', () => {
    const [a, b, c, d, e, f, g, h, k] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k'].map(symbol);
    const det3 = determinantOf([
      [a, b, c],
      [d, e, f],
      [g, h, k],
    ]);
    const expected = sub(add(mul(a, e, k), mul(b, f, g), mul(c, d, h)), add(mul(c, e, g), mul(b, d, k), mul(a, f, h)));
    expect(sub(det3, expected).isZero()).toBe(true);
    const xs = [1, 2, 3, 5];
    const vandermonde = determinantOf(xs.map((x) => [0, 1, 2, 3].map((p) => num(x ** p))));
    expect(vandermonde.constantValue()!.re).toEqual({ n: (2n - 1n) * (3n - 1n) * (5n - 1n) * (3n - 2n) * (5n - 2n) * (5n - 3n), d: 1n });
  });
});

describe('the printed forms of the exact steady state', () => {
  it('the closed forms in the named coefficients (LaTeX appendix) have exactly the values of the exact solve', async () => {
    const { namedSteadyState } = await import('../../src/emit/latex.ts');
    const { isZeroExact } = await import('../../src/bath/correlators.ts');
    for (const [seed, approx] of [
      ['huangfu-jing/case-a', 'secular'],
      ['li-cai-sun/lambda', 'nonsecular'],
      ['li-cai-sun/v', 'nonsecular'],
    ] as const) {
      const model = loadModelFile(repoPath(`derivations/${seed}.json`));
      const table = deriveTable(model, approx);
      const exact = exactSteadyState(table);
      const { steady, value } = namedSteadyState(table);
      // printing solves the population block over the named coefficients (the homogeneous blocks print sizes only)
      expect(steady.blocks[0].solved).toBe(true);
      exact.blocks.forEach((b, i) => {
        if (!steady.blocks[i].solved) return;
        expect(isZeroExact(model, sub(value(steady.blocks[i].determinant), b.determinant))).toBe(true);
        b.numerators.forEach((x, j) => expect(isZeroExact(model, sub(value(steady.blocks[i].numerators[j]), x))).toBe(true));
      });
    }
  });

  it('Case A secular in the named coefficients: D = -8(G1+G2)(G3+G4)(G1+G2+G3+G4), rho11 D = -8 G2 G4 (G1+G2+G3+G4)', async () => {
    const { latexAppendix } = await import('../../src/emit/latex.ts');
    const tex = latexAppendix(deriveTable(loadModelFile(repoPath('derivations/huangfu-jing/case-a.json')), 'secular'));
    const section = tex.slice(tex.indexOf('Exact steady state'));
    expect(section).toContain(
      '\\rho_{11} D &= -8 \\left(\\Gamma_{1} \\Gamma_{2} \\Gamma_{4} + \\Gamma_{2}^2 \\Gamma_{4} + \\Gamma_{2} \\Gamma_{3} \\Gamma_{4} + \\Gamma_{2} \\Gamma_{4}^2\\right)',
    );
    expect(section).toContain('the steady state is unique where its determinant does not vanish');
  });

  it('show --steady prints every block; --json gives the closed forms and sizes', async () => {
    const { main } = await import('../../src/cli/main.ts');
    const logs: string[] = [];
    const orig = console.log;
    console.log = (s: string) => logs.push(s);
    try {
      expect(await main(['show', repoPath('derivations/li-cai-sun/xi.json'), '--steady'])).toBe(0);
      expect(logs[0]).toContain('block {rho11, rho22, rho33} (populations)');
      expect(logs[0]).toMatch(/rho11 = N_rho11 \/ det, {2}N_rho11 = /);
      expect(logs[0]).toContain('homogeneous: rho12 = rho23 = 0 whenever det != 0');
      expect(await main(['show', repoPath('derivations/huangfu-jing/case-b.json'), '--steady', '--json'])).toBe(0);
      const json = JSON.parse(logs[1]);
      const b0 = json.steadyState.blocks[0];
      expect(b0.elements).toEqual([
        [1, 1],
        [2, 2],
        [2, 3],
        [3, 2],
        [3, 3],
        [4, 4],
      ]);
      expect(b0.determinantTerms).toBe(4938);
      expect(b0.determinant).toBeNull(); // longer than the print limit; --full prints it
      expect(b0.closedForms.map((f: { vanishes: boolean }) => f.vanishes)).toEqual([false, false, false, false, false, false]);
    } finally {
      console.log = orig;
    }
  });
});
