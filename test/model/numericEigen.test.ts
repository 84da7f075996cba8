// Numeric eigenbasis mode, model side (src/model/numericEigen.ts): the derivation over opaque atoms — energies
// E(psi_k), matrix elements Mre/Mim(X, psi_m, psi_n) — keeps its structure, and its nonsecular generator, with
// the atoms priced by a numeric diagonalisation at a point and carried back to the bare basis, equals the
// independent brute-force Redfield generator (test/reference/redfield.ts) at random points.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModel, loadModelFile } from '../../src/model/load.ts';
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
  // the eigen atoms through this test's own hook (the control transposes them), not complexValue's built-in pricing
  const hooked: Model = { ...model, eigenMode: undefined };
  const price: AtomPricer = (v, real) => {
    // the control: <n|X|m> in place of <m|X|n> must break the agreement
    const e = eigen.price(transposeElements && v.fn.startsWith('M') ? { ...v, args: [v.args[0]!, v.args[2]!, v.args[1]!] } : v);
    if (e !== undefined) return e;
    if (v.fn === 'N') {
      const b = model.baths.find((x) => x.name === v.args[0])!;
      return planckNumber(real(frequencyByName(model, v.args[1]!).value), real(b.temperature));
    }
    if (v.fn === 'Gm' || v.fn === 'Gp') return complexValue(hooked, expandCorrelations(model, atom(v.fn, v.args)), params, price)[0];
    throw new Error(`no price for ${v.key}`);
  };
  const L = zeros(n * n);
  for (const [key, coef] of derive(model, 'nonsecular').generator.tensor()) {
    const [a, b, c, d] = key.split(',').map(Number);
    const [re, im] = complexValue(hooked, coef, params, price);
    const idx = (a * n + d) * n * n + (b * n + c);
    L.re[idx] += re;
    L.im[idx] += im;
  }
  const W = kron(eigen.vectors, conjugate(eigen.vectors));
  return multiply(W, multiply(L, adjoint(W)));
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
  return {
    exact,
    numeric,
    json: JSON.parse(readFileSync(file, 'utf8')),
    atDefaults: (w: Expr) => complexValue(numeric, w, defaults, (v: Extract<Variable, { kind: 'atom' }>) => pricer.price(v)!)[0],
  };
};

describe('numeric eigenbasis mode: structure kept, generator exact against the brute force', () => {
  for (const file of [
    'derivations/examples/detuned-three-site-chain.json',
    'derivations/huangfu-jing/case-a.json',
    'derivations/examples/four-site-chain.json',
  ]) {
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

  it('refuses Hermitian couplings for now, by name, and in a model file with the field', () => {
    const spinBoson = loadModelFile('derivations/examples/spin-boson.json');
    expect(() => numericEigenModel(spinBoson)).toThrow(
      /the numeric eigenbasis mode handles RWA channels only so far; z is a Hermitian coupling/,
    );
    const json = { ...JSON.parse(readFileSync('derivations/examples/spin-boson.json', 'utf8')), eigen: 'numeric' };
    expect(() => loadModel(json, 'sb.json')).toThrow(
      /^sb\.json: eigen: the numeric eigenbasis mode handles RWA channels only so far; z is a Hermitian coupling/,
    );
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

describe('numeric eigenbasis mode in model files', () => {
  const generic = (extra: Record<string, unknown> = {}) => ({
    name: 'v3',
    parameters: { g: { default: 0.3 }, T: { default: 2, kind: 'temperature' } },
    system: {
      levels: ['o', 'a', 'b', 'c'],
      hamiltonian: '5*ketbra(a,a) + 6*ketbra(b,b) + 8*ketbra(c,c) + g*(ketbra(a,b) + ketbra(b,a) + ketbra(b,c) + ketbra(c,b))',
    },
    channels: { x: { operator: 'ketbra(o, a)' } },
    baths: { x: { temperature: 'T', spectrum: { x: '1' } } },
    ...extra,
  });

  it('a block with no exact form falls back with a notice that says why and how to choose', () => {
    const m = loadModel(generic(), 'v3.json');
    expect(m.eigenMode).toBe('numeric');
    expect(m.notices).toHaveLength(1);
    expect(m.notices![0]).toMatch(
      /^v3\.json: H couples a, b, c in one block of size 3; it has a 3-dimensional part with no symmetry .*; using the numeric eigenbasis mode .*"eigen": "exact" to refuse\)$/,
    );
    expect(m.states.map((s) => s.name)).toEqual(['psi1', 'psi2', 'psi3', 'psi4']);
    // ascending within the block, the lone ground state first; energies at the defaults from the numeric pricer
    const e = m.states.map((s) => numericValueOf(m, s.energy));
    expect(e[0]).toBe(0);
    expect(e[1]).toBeLessThan(e[2]!);
    expect(e[2]).toBeLessThan(e[3]!);
    expect(e[1]! + e[2]! + e[3]!).toBeCloseTo(19, 12); // the trace of the block
  });

  it('"eigen": "numeric" says so and gives no notice; an exact model can be forced numeric too', () => {
    expect(loadModel(generic({ eigen: 'numeric' }), 'v3.json').notices).toBeUndefined();
    const caseA = loadModel({ ...JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8')), eigen: 'numeric' }, 'a.json');
    expect(caseA.eigenMode).toBe('numeric');
    expect(caseA.states[0]!.energy.key).toBe('1*E(psi1)');
  });

  it.each([
    [{ eigen: 'numerical' }, /^v3\.json: eigen: expected "numeric", "exact" or an object with states, got "numerical"/],
    [{ eigen: { mode: 'numeric', tolerance: -1 } }, /^v3\.json: eigen\.tolerance: expected a number in \[0, 1\)/],
    [{ eigen: { mode: 'numeric', tolerance: '1e-9' } }, /^v3\.json: eigen\.tolerance: expected a number in \[0, 1\)/],
    [{ eigen: { tolerance: 1e-6 } }, /^v3\.json: eigen\.tolerance: a Bohr-frequency tolerance applies to "mode": "numeric" only/],
    [{ eigen: { mode: 'fast' } }, /^v3\.json: eigen\.mode: expected "numeric" or "exact"/],
    [{ eigen: { mode: 'numeric', states: [] } }, /^v3\.json: eigen: the numeric eigenbasis mode takes no states, angles or frequencies/],
  ])('bad eigen field %j: a clear message', (extra, message) => {
    expect(() => loadModel(generic(extra), 'v3.json')).toThrow(message);
  });

  it('a channel that does not lower the energy in the numeric eigenbasis is refused at the defaults, naming it', () => {
    const json = generic({ eigen: 'numeric' });
    json.channels = { x: { operator: 'ketbra(a, c)' } }; // inside the mixed block: raising parts too
    expect(() => loadModel(json, 'v3.json')).toThrow(
      /^v3\.json: channels\.x\.operator: not a lowering operator: it has a component psi\d <- psi\d/,
    );
  });
});

function numericValueOf(m: Model, x: Expr): number {
  const p = Object.fromEntries(m.parameters.map((q) => [q.name, q.default]));
  return complexValue(m, x, p)[0];
}
