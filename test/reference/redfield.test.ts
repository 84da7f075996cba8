// Tests of the brute-force reference generator itself: structural properties every Born–Markov
// generator must have (trace and Hermiticity preservation, Gibbs state stationary when all baths share
// one temperature), the secular selection rule, and hand-derived closed forms for small systems.
// Every model under derivations/ (except *.published.json and derivations/generated) is exercised.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  zeros,
  identity,
  add,
  sub,
  scale,
  multiply,
  adjoint,
  transpose,
  kron,
  trace,
  maxAbs,
  maxAbsDiff,
  frobeniusNorm,
} from '../../src/numeric/complexMatrix.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { nullspace } from '../../src/numeric/lu.ts';
import { applyGenerator, bathTemperatures, bruteForceGenerator, gibbsState } from './redfield.ts';
import { rng } from '../support/random.ts';
import { derivationModels } from '../../src/model/files.ts';

const derivationsRoot = fileURLToPath(new URL('../../derivations', import.meta.url));

function randomDensityMatrix(n: number, next: () => number): CMatrix {
  const A = zeros(n);
  for (let k = 0; k < n * n; k++) {
    A.re[k] = 2 * next() - 1;
    A.im[k] = 2 * next() - 1;
  }
  const rho = multiply(A, adjoint(A));
  return scale(rho, 1 / trace(rho).re);
}

/** Parameters that put every bath at temperature T; each temperature must be a bare parameter. */
function equalTemperatureParams(model: any, T: number): Record<string, number> {
  const params: Record<string, number> = {};
  for (const [name, bath] of Object.entries<any>(model.baths)) {
    const node = parse(String(bath.temperature)) as any;
    if (node.type !== 'SymbolNode' || !(node.name in model.parameters)) {
      throw new Error(`bath ${name}: temperature ${bath.temperature} is not a single parameter`);
    }
    params[node.name] = T;
  }
  return params;
}

/** max over columns (c,d) of |Σ_a L[(a,a),(c,d)]|: zero iff Tr(L(ρ)) = 0 for every ρ. */
function traceDefect(L: CMatrix, n: number): number {
  let worst = 0;
  for (let col = 0; col < n * n; col++) {
    let re = 0;
    let im = 0;
    for (let a = 0; a < n; a++) {
      re += L.re[(a * n + a) * L.m + col]!;
      im += L.im[(a * n + a) * L.m + col]!;
    }
    worst = Math.max(worst, Math.hypot(re, im));
  }
  return worst;
}

/** max |L[(a,b),(c,d)] − conj L[(b,a),(d,c)]|: zero iff L maps Hermitian ρ to Hermitian L(ρ). */
function hermiticityDefect(L: CMatrix, n: number): number {
  let worst = 0;
  const N = n * n;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      for (let c = 0; c < n; c++)
        for (let d = 0; d < n; d++) {
          const x = (a * n + b) * N + (c * n + d);
          const y = (b * n + a) * N + (d * n + c);
          worst = Math.max(worst, Math.hypot(L.re[x]! - L.re[y]!, L.im[x]! + L.im[y]!));
        }
  return worst;
}

/** The coherent part ρ ↦ −i[H, ρ] as an n²×n² matrix on row-major vec. */
function hamiltonianSuperoperator(H: CMatrix): CMatrix {
  const I = identity(H.n);
  return scale(sub(kron(H, I), kron(I, transpose(H))), { re: 0, im: -1 });
}

const vecOf = (rho: CMatrix): CMatrix => ({ n: rho.n * rho.n, m: 1, re: rho.re, im: rho.im });

const files = derivationModels(derivationsRoot);

describe('model discovery', () => {
  it('finds the model files', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });
});

describe.each(files.map((f) => [relative(derivationsRoot, f), f]))('%s', (_name, file) => {
  const model = JSON.parse(readFileSync(file, 'utf8'));
  const defaults = bathTemperatures(model, {});

  describe.each(['secular', 'nonsecular'] as const)('%s', (approx) => {
    const { n, L, H, labels } = bruteForceGenerator(model, {}, approx);

    it('has a consistent shape and a Hermitian H', () => {
      expect(labels.length).toBe(n);
      expect(L.n).toBe(n * n);
      expect(maxAbsDiff(H, adjoint(H))).toBe(0);
    });

    it('preserves the trace', () => {
      expect(traceDefect(L, n)).toBeLessThan(1e-13 * Math.max(1, maxAbs(L)));
    });

    it('preserves Hermiticity', () => {
      expect(hermiticityDefect(L, n)).toBeLessThan(1e-13 * Math.max(1, maxAbs(L)));
      const next = rng(n * 31 + (approx === 'secular' ? 1 : 2));
      for (let trial = 0; trial < 3; trial++) {
        const drho = applyGenerator(L, randomDensityMatrix(n, next));
        expect(maxAbsDiff(drho, adjoint(drho))).toBeLessThan(1e-13 * Math.max(1, maxAbs(L)));
      }
    });

    it.each(Object.entries(defaults))('makes the Gibbs state stationary when every bath is at T%s', (_bath, T) => {
      const eq = bruteForceGenerator(model, equalTemperatureParams(model, T), approx);
      expect(Object.values(eq.temperatures).every((t) => t === T)).toBe(true);
      const rhoG = gibbsState(eq.H, T);
      expect(Math.abs(trace(rhoG).re - 1)).toBeLessThan(1e-14);
      const residual = frobeniusNorm(applyGenerator(eq.L, rhoG));
      expect(residual).toBeLessThan(1e-12);
      // and the Gibbs state lies in the numerically computed null space of L
      const ns = nullspace(eq.L, 1e-10);
      const v = vecOf(rhoG);
      const projected = multiply(ns.basis, multiply(adjoint(ns.basis), v));
      expect(maxAbsDiff(projected, v)).toBeLessThan(1e-12);
    });

    it('has a stationary state at the default (unequal) temperatures', () => {
      const ns = nullspace(L, 1e-10);
      expect(ns.nullity).toBeGreaterThanOrEqual(1);
      if (ns.nullity !== 1) return; // a dark subspace (several steady states) is legitimate
      const column: CMatrix = { n, m: n, re: ns.basis.re.slice(), im: ns.basis.im.slice() };
      const rho = scale(column, inverse(trace(column)));
      expect(maxAbsDiff(rho, adjoint(rho))).toBeLessThan(1e-12);
      const populations = hermitianEigen(rho).values;
      expect(populations[0]!).toBeGreaterThan(-1e-12);
      expect(frobeniusNorm(applyGenerator(L, rho))).toBeLessThan(1e-12);
    });

    if (approx === 'secular') {
      it('commutes with the free evolution (secular selection rule)', () => {
        const LH = hamiltonianSuperoperator(H);
        const commutator = sub(multiply(L, LH), multiply(LH, L));
        expect(maxAbs(commutator)).toBeLessThan(1e-12 * maxAbs(L) * maxAbs(LH));
      });
    } else {
      it('keeps terms the secular generator drops', () => {
        const secular = bruteForceGenerator(model, {}, 'secular').L;
        const LH = hamiltonianSuperoperator(H);
        const commutator = sub(multiply(L, LH), multiply(LH, L));
        expect(maxAbsDiff(L, secular)).toBeGreaterThan(1e-6 * maxAbs(L));
        expect(maxAbs(commutator)).toBeGreaterThan(1e-6);
      });
    }
  });
});

function inverse(c: { re: number; im: number }): { re: number; im: number } {
  const d = c.re * c.re + c.im * c.im;
  return { re: c.re / d, im: -c.im / d };
}

// ---------------------------------------------------------------------------------------------
// Closed forms for small systems, derived by hand from the bath correlators.

const planck = (w: number, T: number): number => 1 / Math.expm1(w / T);

function twoLevelAtom(spectrum: Record<string, string>, channels: Record<string, string>, extra: Record<string, number> = {}) {
  const parameters: Record<string, { default: number }> = {
    omega: { default: 1.3 },
    gamma: { default: 0.7 },
    T: { default: 0.9 },
  };
  for (const [k, v] of Object.entries(extra)) parameters[k] = { default: v };
  return {
    parameters,
    system: { sites: [{ name: '1', levels: ['e', 'g'] }], hamiltonian: 'omega/2*sz(1)' },
    channels: Object.fromEntries(Object.entries(channels).map(([k, op]) => [k, { operator: op }])),
    baths: { b: { temperature: 'T', spectrum } },
  };
}

/** Expected L of a damped two-level atom, basis (e, g): emission rate down, absorption rate up. */
function twoLevelExpected(omega: number, down: number, up: number): CMatrix {
  // vec order: ee = 0, eg = 1, ge = 2, gg = 3
  const L = zeros(4, 4);
  L.re[0 * 4 + 0] = -down;
  L.re[0 * 4 + 3] = up;
  L.re[3 * 4 + 0] = down;
  L.re[3 * 4 + 3] = -up;
  // ρ_eg rotates as e^{−iωt} and dephases at half the total population rate
  L.re[1 * 4 + 1] = -(down + up) / 2;
  L.im[1 * 4 + 1] = -omega;
  L.re[2 * 4 + 2] = -(down + up) / 2;
  L.im[2 * 4 + 2] = omega;
  return L;
}

describe('closed forms', () => {
  it('two-level atom with flat spectrum: rates γ(N+1) down, γN up, coherence γ(2N+1)/2', () => {
    const model = twoLevelAtom({ a: 'gamma' }, { a: 'sm(1)' });
    const N = planck(1.3, 0.9);
    for (const approx of ['secular', 'nonsecular'] as const) {
      const { L, labels } = bruteForceGenerator(model, {}, approx);
      expect(labels).toEqual(['e', 'g']);
      expect(maxAbsDiff(L, twoLevelExpected(1.3, 0.7 * (N + 1), 0.7 * N))).toBeLessThan(1e-15);
    }
  });

  it('parameter overrides and ketbra on a single-site `levels` system (label e is not Euler’s e)', () => {
    const model = {
      parameters: { omega: { default: 1 }, gamma: { default: 1 }, T: { default: 1 } },
      system: { levels: ['e', 'g'], hamiltonian: 'omega/2*(ketbra(e, e) - ketbra(g, g))' },
      operators: { lower: { value: 'dag(raise)' }, raise: { value: 'ketbra(e, g)' } },
      channels: { a: { operator: 'lower' } },
      baths: { b: { temperature: 'T', spectrum: { a: 'gamma' } } },
    };
    const N = planck(2.5, 0.4);
    const { L } = bruteForceGenerator(model, { omega: 2.5, gamma: 0.3, T: 0.4 }, 'secular');
    expect(maxAbsDiff(L, twoLevelExpected(2.5, 0.3 * (N + 1), 0.3 * N))).toBeLessThan(1e-15);
  });

  it('frequency-dependent spectrum is sampled at the Bohr frequency', () => {
    const model = twoLevelAtom({ a: 'kappa*w^3' }, { a: 'sm(1)' }, { kappa: 0.05 });
    const rate = 0.05 * 1.3 ** 3;
    const N = planck(1.3, 0.9);
    const { L } = bruteForceGenerator(model, {}, 'nonsecular');
    expect(maxAbsDiff(L, twoLevelExpected(1.3, rate * (N + 1), rate * N))).toBeLessThan(1e-15);
  });

  it('complex cross spectrum enters as γ_lk in ⟨B_k B_l†⟩ (convention check)', () => {
    // X_1 = σ⁻, X_2 = iσ⁻ couple to B = B_1 − iB_2, whose spectrum is
    // γ_11 + γ_22 + i γ_21 − i γ_12 = 2g(1 + sin φ) for γ_12 = g e^{iφ}.
    const phi = 0.4;
    const g = 0.25;
    const model = twoLevelAtom({ '1': 'g', '2': 'g', '1,2': 'g*exp(i*phi)' }, { '1': 'sm(1)', '2': 'i*sm(1)' }, { g, phi });
    const total = 2 * g * (1 + Math.sin(phi));
    const N = planck(1.3, 0.9);
    for (const approx of ['secular', 'nonsecular'] as const) {
      const { L } = bruteForceGenerator(model, {}, approx);
      expect(maxAbsDiff(L, twoLevelExpected(1.3, total * (N + 1), total * N))).toBeLessThan(1e-15);
    }
  });

  it('V system at zero temperature: full Redfield equals the collective Lindblad form Σ γ_lk (X_l ρ X_k† − ½{X_k† X_l, ρ})', () => {
    const model = {
      parameters: {
        w1: { default: 1.02 },
        w2: { default: 0.97 },
        T: { default: 1e-4 },
        g11: { default: 0.03 },
        g22: { default: 0.05 },
        g12: { default: 0.02 },
        phi: { default: 0.9 },
      },
      system: { levels: ['g', 'e1', 'e2'], hamiltonian: 'w1*ketbra(e1, e1) + w2*ketbra(e2, e2)' },
      channels: { '1': { operator: 'ketbra(g, e1)' }, '2': { operator: 'ketbra(g, e2)' } },
      baths: { cold: { temperature: 'T', spectrum: { '1': 'g11', '2': 'g22', '1,2': 'g12*exp(i*phi)' } } },
    };
    const { L, H } = bruteForceGenerator(model, {}, 'nonsecular');
    const n = 3;
    const ket = (a: number, b: number): CMatrix => {
      const M = zeros(n);
      M.re[a * n + b] = 1;
      return M;
    };
    const X = [ket(0, 1), ket(0, 2)];
    const c12 = { re: 0.02 * Math.cos(0.9), im: 0.02 * Math.sin(0.9) };
    // gammaMatrix[k][l] = γ_kl
    const gammaMatrix = [
      [{ re: 0.03, im: 0 }, c12],
      [
        { re: c12.re, im: -c12.im },
        { re: 0.05, im: 0 },
      ],
    ];
    const superop = (A: CMatrix, B: CMatrix): CMatrix => kron(A, transpose(B)); // ρ ↦ AρB
    let total = hamiltonianSuperoperator(H);
    for (let k = 0; k < 2; k++) {
      for (let l = 0; l < 2; l++) {
        const glk = gammaMatrix[l]![k]!;
        const XkdXl = multiply(adjoint(X[k]!), X[l]!);
        const dissipator = sub(superop(X[l]!, adjoint(X[k]!)), scale(add(superop(XkdXl, identity(n)), superop(identity(n), XkdXl)), 0.5));
        total = add(total, scale(dissipator, glk));
      }
    }
    expect(maxAbsDiff(L, total)).toBeLessThan(1e-15);
    // the interference term by hand: dρ_e1e1/dt ∋ −½ γ_12 ρ_e1e2
    const row = (1 * n + 1) * n * n;
    expect(L.re[row + (1 * n + 2)]).toBeCloseTo(-0.5 * c12.re, 15);
    expect(L.im[row + (1 * n + 2)]).toBeCloseTo(-0.5 * c12.im, 15);
    // the secular generator drops it, because ρ_e1e2 oscillates at w1 − w2 ≠ 0
    const secular = bruteForceGenerator(model, {}, 'secular').L;
    expect(secular.re[row + (1 * n + 2)]).toBe(0);
    expect(secular.im[row + (1 * n + 2)]).toBe(0);
  });

  it('Gibbs state stays stationary for a non-flat spectrum with several Bohr frequencies', () => {
    const file = files.find((f) => f.endsWith(join('li-cai-sun', 'xi.json')));
    if (!file) return;
    const model = JSON.parse(readFileSync(file, 'utf8'));
    for (const bath of Object.values<any>(model.baths)) {
      for (const key of Object.keys(bath.spectrum)) bath.spectrum[key] = `(${bath.spectrum[key]})*w^3*exp(-w/3)`;
    }
    for (const approx of ['secular', 'nonsecular'] as const) {
      const eq = bruteForceGenerator(model, { TL: 0.7, TR: 0.7 }, approx);
      expect(frobeniusNorm(applyGenerator(eq.L, gibbsState(eq.H, 0.7)))).toBeLessThan(1e-12);
      // and the spectrum's frequency dependence really changed the generator
      const flat = bruteForceGenerator(JSON.parse(readFileSync(file, 'utf8')), { TL: 0.7, TR: 0.7 }, approx);
      expect(maxAbsDiff(eq.L, flat.L)).toBeGreaterThan(1e-4);
    }
  });
});
