// Numeric eigenbasis mode, model side (src/model/numericEigen.ts): the derivation over opaque atoms — energies
// E(psi_k), matrix elements Mre/Mim(X, psi_m, psi_n) — keeps its structure, and its nonsecular generator, with
// the atoms priced by a numeric diagonalisation at a point and carried back to the bare basis, equals the
// independent brute-force Redfield generator (test/reference/redfield.ts) at random points.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelFile } from '../../src/model/load.ts';
import type { Model } from '../../src/model/model.ts';
import { type AtomPricer, complexValue } from '../../src/model/evaluate.ts';
import { type Expr, type Variable, atom } from '../../src/algebra/expr.ts';
import { derive } from '../../src/derive/redfield.ts';
import { expandCorrelations, frequencyByName } from '../../src/bath/correlators.ts';
import { planckNumber } from '../../src/bath/atoms.ts';
import { type CMatrix, adjoint, conjugate, kron, maxAbs, maxAbsDiff, multiply, zeros } from '../../src/numeric/complexMatrix.ts';
import { numericEigenModel, numericEigenPricer } from '../../src/model/numericEigen.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { rng } from '../support/random.ts';

/** The derived generator at a point, in the bare basis, with eigen atoms priced numerically and bath atoms on top. */
function bareGenerator(exact: Model, model: Model, params: Record<string, number>, transposeElements = false): CMatrix {
  const n = model.states.length;
  const plain = (x: Expr) => complexValue(exact, x, params);
  const eigen = numericEigenPricer(model, plain);
  const price: AtomPricer = (v, real) => {
    // the control: <n|X|m> in place of <m|X|n> must break the agreement
    const e = eigen.price(transposeElements && v.fn.startsWith('M') ? { ...v, args: [v.args[0]!, v.args[2]!, v.args[1]!] } : v);
    if (e !== undefined) return e;
    if (v.fn === 'N') {
      const b = model.baths.find((x) => x.name === v.args[0])!;
      return planckNumber(real(frequencyByName(model, v.args[1]!).value), real(b.temperature));
    }
    if (v.fn === 'Gm' || v.fn === 'Gp') return complexValue(model, expandCorrelations(model, atom(v.fn, v.args)), params, price)[0];
    throw new Error(`no price for ${v.key}`);
  };
  const L = zeros(n * n);
  for (const [key, coef] of derive(model, 'nonsecular').generator.tensor()) {
    const [a, b, c, d] = key.split(',').map(Number);
    const [re, im] = complexValue(model, coef, params, price);
    const idx = (a * n + d) * n * n + (b * n + c);
    L.re[idx] += re;
    L.im[idx] += im;
  }
  const W = kron(eigen.vectors, conjugate(eigen.vectors));
  return multiply(multiply(W, L), adjoint(W));
}

function randomParams(model: Model, next: () => number): Record<string, number> {
  const p = Object.fromEntries(model.parameters.map((x) => [x.name, x.default]));
  for (const x of model.parameters) {
    if (x.kind === 'temperature') p[x.name] = 0.5 + 40 * next();
    else if (x.kind === 'rate') p[x.name] = 0.2 + 2 * next();
    else p[x.name] = x.default * (0.6 + 0.8 * next());
  }
  return p;
}

const caseModel = (file: string) => {
  const exact = loadModelFile(file);
  const defaults = Object.fromEntries(exact.parameters.map((p) => [p.name, p.default]));
  const numeric = numericEigenModel(exact);
  const pricer = numericEigenPricer(numeric, (x) => complexValue(exact, x, defaults));
  return { exact, numeric, json: JSON.parse(readFileSync(file, 'utf8')), atDefaults: (w: Expr) => complexValue(numeric, w, defaults, (v: Extract<Variable, { kind: 'atom' }>) => pricer.price(v)!)[0] };
};

describe('numeric eigenbasis mode: structure kept, generator exact against the brute force', () => {
  for (const file of ['derivations/examples/detuned-three-site-chain.json', 'derivations/huangfu-jing/case-a.json', 'derivations/examples/four-site-chain.json']) {
    it(`${file}: opaque atoms, exact selection rules, nonsecular generator = brute force at random points (1e-10)`, () => {
      const { exact, numeric, json } = caseModel(file);
      expect(numeric.states[0].energy.key).toBe('1*E(psi1)');
      // Selection rules from the blocks of H: a channel element is an atom only between linked blocks
      for (const ch of numeric.channels) {
        const exactCh = exact.channels.find((c) => c.name === ch.name)!;
        expect(ch.eigen.entries.size).toBeGreaterThanOrEqual(exactCh.eigen.entries.size);
        for (const v of ch.eigen.entries.values()) expect([...v.variables()].every((k) => /^M(re|im)\(/.test(k))).toBe(true);
      }
      const next = rng(file.length);
      const points = file.includes('four-site') ? 2 : 4;
      for (let t = 0; t < points; t++) {
        const p = randomParams(exact, next);
        const reference = bruteForceGenerator(json, p, 'nonsecular').L;
        const derived = bareGenerator(exact, numeric, p);
        expect(maxAbsDiff(derived, reference) / Math.max(1, maxAbs(reference)), `${file} at ${JSON.stringify(p)}`).toBeLessThan(1e-10);
      }
    }, 60_000);
  }

  it('control: transposed matrix elements do not agree with the brute force', () => {
    const { exact, numeric, json } = caseModel('derivations/huangfu-jing/case-a.json');
    const p = Object.fromEntries(exact.parameters.map((x) => [x.name, x.default]));
    const reference = bruteForceGenerator(json, p, 'nonsecular').L;
    expect(maxAbsDiff(bareGenerator(exact, numeric, p), reference)).toBeLessThan(1e-10);
    expect(maxAbsDiff(bareGenerator(exact, numeric, p, true), reference)).toBeGreaterThan(0.1);
  });

  it('refuses Hermitian couplings for now, by name', () => {
    const spinBoson = loadModelFile('derivations/examples/spin-boson.json');
    expect(() => numericEigenModel(spinBoson)).toThrow(/spin-boson\.json: the numeric eigenbasis mode handles RWA channels only so far; .* are Hermitian couplings/);
  });

  it('frequencies are one per pair and named by value at the defaults; case A has 4 where the exact mode has 2', () => {
    const { exact, atDefaults } = caseModel('derivations/huangfu-jing/case-a.json');
    const numeric = numericEigenModel(exact, atDefaults);
    expect(exact.frequencies).toHaveLength(2);
    expect(numeric.frequencies).toHaveLength(4);
    const values = numeric.frequencies.map((f) => atDefaults(f.value));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values[0]).toBeGreaterThan(0);
  });
});
