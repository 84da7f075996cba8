// The approximations as derivations of one model (src/derive/approximations/): the partial secular equation
// between its limits, the ULE's complete positivity and its closeness to Redfield, the deviation of the ULE and
// the local equation from the Gibbs state and how it scales, and the local equation's known failure of the second
// law (Levy & Kosloff 2014) — all through compiled modules, against the independent references where they exist.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModel } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { type Approx, APPROXIMATION_LIST, applicableApproximations, parseApproximation } from '../../src/derive/approx.ts';
import { compile } from '../../src/index.ts';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import { analyzeSteadyState } from '../../src/numeric/steady.ts';
import { heatCurrents } from '../../src/numeric/observables.ts';
import { entropyProduction, kossakowskiMin } from '../../src/numeric/diagnostics.ts';
import { maxAbs, maxAbsDiff } from '../../src/numeric/complexMatrix.ts';
import { bareGenerator } from '../support/bareGenerator.ts';
import { bruteForceGenerator, gibbsState } from '../reference/redfield.ts';
import { rng } from '../support/random.ts';

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const caseA = read('derivations/huangfu-jing/case-a.json');
const kato = read('derivations/examples/kato-tanimura.json');
const spinBoson = read('derivations/examples/spin-boson.json');

const modules = new Map<string, Promise<GeneratedModel>>();
const moduleOf = (json: any, approx: Approx) => {
  const key = `${json.name}:${approx}`;
  if (!modules.has(key)) modules.set(key, compile(deriveTable(loadModel(json, `${json.name}.json`), approx)));
  return modules.get(key)!;
};
const at = (g: GeneratedModel, p: Record<string, number>): Params => ({
  ...Object.fromEntries(g.parameters.map((q) => [q.name, q.default])),
  ...p,
});

/** ‖ρ − σ‖ (largest entry) of two steady states in the bare basis. */
function bareSteady(g: GeneratedModel, p: Params) {
  const a = analyzeSteadyState(g, p);
  const n = g.dimension;
  const V = g.eigenvectors(p);
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  // V ρ V†
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let a1 = 0; a1 < n; a1++)
        for (let b = 0; b < n; b++) {
          const vr = V.re[i * n + a1]!,
            vi = V.im[i * n + a1]!;
          const wr = V.re[j * n + b]!,
            wi = -V.im[j * n + b]!;
          const rr = a.rho.re[a1 * n + b]!,
            ri = a.rho.im[a1 * n + b]!;
          const tr = vr * rr - vi * ri,
            ti = vr * ri + vi * rr;
          re += tr * wr - ti * wi;
          im += tr * wi + ti * wr;
        }
      out.re[i * n + j] = re;
      out.im[i * n + j] = im;
    }
  return out;
}
const distance = (x: { re: Float64Array; im: Float64Array }, y: { re: ArrayLike<number>; im: ArrayLike<number> }) => {
  let d = 0;
  for (let k = 0; k < x.re.length; k++) d = Math.max(d, Math.hypot(x.re[k]! - y.re[k]!, x.im[k]! - y.im[k]!));
  return d;
};
const slope = (xs: number[], ys: number[]) =>
  (Math.log(ys[ys.length - 1]!) - Math.log(ys[0]!)) / (Math.log(xs[xs.length - 1]!) - Math.log(xs[0]!));

describe('the registry', () => {
  it('names and aliases: redfield = nonsecular, global = secular, psa, unified-lindblad; an unknown name lists the choices', () => {
    expect(parseApproximation('redfield')).toBe('nonsecular');
    expect(parseApproximation('nonsecular')).toBe('nonsecular');
    expect(parseApproximation('global')).toBe('secular');
    expect(parseApproximation('psa')).toBe('partial-secular');
    expect(parseApproximation('unified-lindblad')).toBe('ule');
    expect(() => parseApproximation('lindblad')).toThrow(
      /^--approx must be one of secular \(or global\), redfield \(or nonsecular\), partial-secular \(or psa\), ule \(or unified-lindblad\), local, got "lindblad"$/,
    );
    expect(APPROXIMATION_LIST.filter((a) => a.gkls).map((a) => a.name)).toEqual(['secular', 'ule', 'local']);
  });

  it('local needs sites, the ULE a diagonal spectral matrix: refused with the reason', () => {
    const sb = loadModel(spinBoson, 'spin-boson.json');
    expect(applicableApproximations(sb)).toEqual(['secular', 'nonsecular', 'partial-secular', 'ule']);
    expect(() => deriveTable(sb, 'local')).toThrow(
      /^the local approximation does not apply to spin-boson: the local equation needs a model with "sites"/,
    );
    const v = loadModel(read('derivations/li-cai-sun/v.json'), 'v.json');
    expect(() => deriveTable(v, 'ule')).toThrow(
      /bath L correlates 1 and 2 \(spectrum "1,2"\): its jump operators need the matrix square root/,
    );
    expect(() => deriveTable(loadModel(kato, 'k.json'), 'ule', { lambShift: true })).toThrow(/the ULE's Lamb-shift term .* is not derived/);
  });
});

describe('partial secular between its limits', () => {
  for (const json of [caseA, kato]) {
    it(`${json.name}: cutoff → 0 is the secular generator, cutoff → ∞ Redfield, in between as the rule says (bare basis, 1e-12)`, async () => {
      const [ps, sec, red] = await Promise.all([
        moduleOf(json, 'partial-secular'),
        moduleOf(json, 'secular'),
        moduleOf(json, 'nonsecular'),
      ]);
      const p = at(ps, json === caseA ? { Delta: 1.5, xi: 0.4 } : { J12: 0.05 });
      const gap = (c: number, other: GeneratedModel) => {
        const a = bareGenerator(ps, { ...p, secularCutoff: c });
        const b = bareGenerator(other, p);
        return maxAbsDiff(a, b) / maxAbs(b);
      };
      expect(gap(1e-9, sec)).toBeLessThan(1e-12);
      expect(gap(1e9, red)).toBeLessThan(1e-12);
      const E = [...ps.energies(p)];
      let c: number;
      if (json === caseA) {
        // Case A's Bohr frequencies Ω ∓ R differ by one gap, E₊ − E₋ = 2R: the cutoff keeps its pairs exactly above it
        const split = E[1]! - E[2]!;
        expect(gap(split * 0.999, sec)).toBeLessThan(1e-12);
        expect(gap(split * 1.001, red)).toBeLessThan(1e-12);
        c = split * 1.001;
      } else {
        // a cutoff above the smallest gap between Bohr frequencies keeps some nonsecular pairs only
        const w = E.flatMap((a) => E.map((b) => Math.abs(a - b))).filter((x) => x > 1e-9);
        c = Math.min(...w) * 1.5;
        expect(gap(c, sec)).toBeGreaterThan(1e-6);
        expect(gap(c, red)).toBeGreaterThan(1e-6);
      }
      // and the module equals the brute-force partial-secular generator at that cutoff
      const ref = bruteForceGenerator(json, { ...p, secularCutoff: c }, 'partial-secular').L;
      expect(maxAbsDiff(bareGenerator(ps, { ...p, secularCutoff: c }), ref) / maxAbs(ref)).toBeLessThan(1e-11);
    });
  }
});

describe('the unified Lindblad equation', () => {
  for (const json of [kato, spinBoson, caseA]) {
    it(`${json.name}: GKLS at random points (rate matrix ≥ 0), where Redfield is not everywhere`, async () => {
      const [u, r] = await Promise.all([moduleOf(json, 'ule'), moduleOf(json, 'nonsecular')]);
      const next = rng(json.name.length);
      let redfieldWorst = Infinity;
      for (let t = 0; t < 6; t++) {
        const p = at(u, {});
        for (const q of u.parameters) p[q.name] = q.kind === 'temperature' ? 0.05 + 5 * next() : q.default * (0.5 + next());
        const k = kossakowskiMin(u, p);
        expect(k.gkls, `${JSON.stringify(p)}: min ${k.min}`).toBe(true);
        redfieldWorst = Math.min(redfieldWorst, kossakowskiMin(r, p).min / kossakowskiMin(r, p).scale);
      }
      expect(redfieldWorst).toBeLessThan(-1e-6);
    });
  }

  it("Kato–Tanimura: its steady state approaches Redfield's linearly in the coupling λ (second order in g)", async () => {
    const [u, r] = await Promise.all([moduleOf(kato, 'ule'), moduleOf(kato, 'nonsecular')]);
    const lams = [1e-4, 1e-3, 1e-2];
    const d = lams.map((lam) => {
      const p = at(u, { lam, J12: 0.1, Th: 2, Tc: 1 });
      return distance(bareSteady(u, p), bareSteady(r, p));
    });
    console.log(
      `ULE vs Redfield, Kato–Tanimura at J12 = 0.1: max|ρ_ULE − ρ_R| = ${d.map((x) => x.toExponential(2)).join(', ')} for λ = ${lams.join(', ')}; slope ${slope(lams, d).toFixed(3)}`,
    );
    expect(slope(lams, d)).toBeGreaterThan(0.8);
    expect(slope(lams, d)).toBeLessThan(1.2);
  });
});

describe('equal temperatures: the Gibbs state', () => {
  it('ULE: the steady state deviates from the Gibbs state of H_S by O(λ); the local equation by an amount that does not vanish with the coupling', async () => {
    const [u, l] = await Promise.all([moduleOf(kato, 'ule'), moduleOf(kato, 'local')]);
    const lams = [1e-4, 1e-3, 1e-2];
    const dev = (g: GeneratedModel, lam: number) => {
      const p = at(g, { lam, J12: 0.2, Th: 1, Tc: 1 });
      const { H } = bruteForceGenerator(kato, p, 'nonsecular');
      return distance(bareSteady(g, p), gibbsState(H, 1));
    };
    const du = lams.map((lam) => dev(u, lam));
    const dl = lams.map((lam) => dev(l, lam));
    console.log(
      `deviation from Gibbs at T = 1, J12 = 0.2: ULE ${du.map((x) => x.toExponential(2)).join(', ')} (slope ${slope(lams, du).toFixed(2)}), local ${dl.map((x) => x.toExponential(2)).join(', ')} for λ = ${lams.join(', ')}`,
    );
    expect(slope(lams, du)).toBeGreaterThan(0.8);
    expect(slope(lams, du)).toBeLessThan(1.2);
    // local: the Gibbs state of the site Hamiltonians, not of H_S: an O(J12/T) offset that the coupling does not remove
    expect(dl[0]!).toBeGreaterThan(1e-3);
    expect(dl[0]! / dl[2]!).toBeGreaterThan(0.5);
    expect(dl[0]! / dl[2]!).toBeLessThan(2);
  });
});

describe('the local equation', () => {
  it('Case A: the generator is the hand-written site dissipators γ(N+1)D[σ⁻_k] + γN D[σ⁺_k] at ω_k = Ω ± Δ/2, plus −i[H_S, ·]', async () => {
    const g = await moduleOf(caseA, 'local');
    const p = at(g, { Omega: 3, Delta: 1, xi: 0.3, gamma: 0.2, Ta: 2, Tb: 5 });
    // bare basis ee, eg, ge, gg; σ⁻_1 = |g·⟩⟨e·|, σ⁻_2 = |·g⟩⟨·e|
    const n = 4;
    const idx = (s: string) => ['ee', 'eg', 'ge', 'gg'].indexOf(s);
    const op = (pairs: [string, string][]) => {
      const m = { re: new Float64Array(16), im: new Float64Array(16) };
      for (const [a, b] of pairs) m.re[idx(a) * n + idx(b)] = 1;
      return m;
    };
    const sm1 = op([
      ['ge', 'ee'],
      ['gg', 'eg'],
    ]);
    const sm2 = op([
      ['eg', 'ee'],
      ['gg', 'ge'],
    ]);
    const N = (w: number, T: number) => 1 / Math.expm1(w / T);
    const w1 = p.Omega! + p.Delta! / 2;
    const w2 = p.Omega! - p.Delta! / 2;
    const H = { re: new Float64Array(16), im: new Float64Array(16) };
    H.re[idx('ee') * n + idx('ee')] = (w1 + w2) / 2;
    H.re[idx('eg') * n + idx('eg')] = (w1 - w2) / 2;
    H.re[idx('ge') * n + idx('ge')] = (w2 - w1) / 2;
    H.re[idx('gg') * n + idx('gg')] = -(w1 + w2) / 2;
    H.re[idx('eg') * n + idx('ge')] = H.re[idx('ge') * n + idx('eg')] = p.xi!;
    const jumps = [
      { L: sm1, rate: 2 * p.gamma! * (N(w1, p.Ta!) + 1) },
      { L: sm1, rate: 2 * p.gamma! * N(w1, p.Ta!), dag: true },
      { L: sm2, rate: 2 * p.gamma! * (N(w2, p.Tb!) + 1) },
      { L: sm2, rate: 2 * p.gamma! * N(w2, p.Tb!), dag: true },
    ];
    // L[(a n + d), (b n + c)] for dρ_ad/dt = Σ L ρ_bc, real matrices here
    const Lh = new Float64Array(256);
    const Lhi = new Float64Array(256);
    const add = (a: number, d: number, b: number, c: number, re: number, im: number) => {
      Lh[(a * n + d) * 16 + b * n + c] += re;
      Lhi[(a * n + d) * 16 + b * n + c] += im;
    };
    for (let a = 0; a < n; a++)
      for (let d = 0; d < n; d++)
        for (let k = 0; k < n; k++) {
          add(a, d, k, d, 0, -H.re[a * n + k]!); // −i H ρ
          add(a, d, a, k, 0, H.re[k * n + d]!); // +i ρ H
        }
    for (const { L: M, rate, dag } of jumps) {
      const J = (i: number, j: number) => (dag ? M.re[j * n + i]! : M.re[i * n + j]!);
      for (let a = 0; a < n; a++)
        for (let d = 0; d < n; d++)
          for (let b = 0; b < n; b++)
            for (let c = 0; c < n; c++) {
              add(a, d, b, c, rate * J(a, b) * J(d, c), 0); // J ρ J†
              let JdJ_ab = 0;
              let JdJ_cd = 0;
              for (let k = 0; k < n; k++) {
                JdJ_ab += J(k, a) * J(k, b);
                JdJ_cd += J(k, c) * J(k, d);
              }
              if (c === d) add(a, d, b, c, -0.5 * rate * JdJ_ab, 0);
              if (a === b) add(a, d, b, c, -0.5 * rate * JdJ_cd, 0);
            }
    }
    const ours = bareGenerator(g, p);
    let worst = 0;
    let scale = 0;
    for (let k = 0; k < 256; k++) {
      worst = Math.max(worst, Math.hypot(ours.re[k]! - Lh[k]!, ours.im[k]! - Lhi[k]!));
      scale = Math.max(scale, Math.hypot(Lh[k]!, Lhi[k]!));
    }
    expect(worst / scale).toBeLessThan(1e-12);
  });

  it('detuned sites: heat flows from the cold bath to the hot one and the entropy production is negative; Redfield and secular obey the second law', async () => {
    // ω1 = 2 (bath a, T = 1.5, hot), ω2 = 1 (bath b, T = 1, cold): N_a(ω1) = 0.357 < N_b(ω2) = 0.582
    const p0 = { Omega: 1.5, Delta: 1, xi: 0.1, gamma: 0.01, Ta: 1.5, Tb: 1 };
    const sigma: Record<string, number> = {};
    const Ja: Record<string, number> = {};
    for (const approx of ['local', 'nonsecular', 'secular'] as const) {
      const g = await moduleOf(caseA, approx);
      const p = at(g, p0);
      const { rho } = analyzeSteadyState(g, p);
      const J = heatCurrents(g, p, rho);
      Ja[approx] = J.a!;
      sigma[approx] = entropyProduction(J, g.temperatures!(p));
    }
    console.log(`Case A, detuned (ω1 = 2, Ta = 1.5; ω2 = 1, Tb = 1): J_a = ${JSON.stringify(Ja)}, σ = ${JSON.stringify(sigma)}`);
    expect(Ja.local).toBeLessThan(0);
    expect(sigma.local).toBeLessThan(0);
    expect(Ja.nonsecular).toBeGreaterThan(0);
    expect(sigma.nonsecular).toBeGreaterThan(0);
    expect(sigma.secular).toBeGreaterThan(0);
  });
});
