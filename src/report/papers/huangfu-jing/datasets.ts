// The datasets of Huangfu & Jing (seed 000) behind its figures and claims: which model, which parameters, which
// observable, which range. Each function computes through the Study (memoised), so a figure and the claims about it
// see the same numbers.
//
// Conventions: ρ is in the model's eigenbasis, 0-based; ρ32 of the paper is rho[2][1] (⟨λ3|ρ|λ2⟩); Ω = 30, ξ = 2,
// γ = 1 (Figs. 2–5); Tb = Ta + ΔT; maps over Ta ∈ [0.5, 30], ΔT ∈ [0, 100] at Δ = 0. hjAt(Δ, Ta, ΔT) is the one
// place these parameters are assembled.
import type { Params } from '../../../numeric/generatedModel.ts';
import { observableValues } from '../../../numeric/observables.ts';
import { type CurveSet, type MapData, type Study, absElement, imElement, linspace, mapMax, maximizeBox } from '../../study.ts';

export const HJ_FILES = {
  A: 'derivations/huangfu-jing/case-a.json',
  B: 'derivations/huangfu-jing/case-b.json',
  C: 'derivations/huangfu-jing/case-c.json',
  D: 'derivations/huangfu-jing/case-d.json',
} as const;
export type HjCase = keyof typeof HJ_FILES;

/** Figs. 2–5 of seed 000: fixed for every dataset (set explicitly, not taken from model defaults). */
export const HJ_FIXED = { Omega: 30, xi: 2, gamma: 1 } as const;
export const HJ_DELTAS = [-20, -10, 0, 10, 20] as const;
export const HJ_TA: [number, number] = [0.5, 30];
export const HJ_DT: [number, number] = [0, 100];
/** Fig. 2(a): Ta fixed; Fig. 2(b): ΔT fixed */
export const HJ_FIG2A_TA = 10;
export const HJ_FIG2B_DT = 50;

export const rho32 = absElement(2, 1);

/** The parameters of a point: detuning Δ, cold bath Ta, hot bath Tb = Ta + ΔT, and HJ_FIXED. */
export const hjAt = (delta: number, ta: number, dt: number): Params => ({ ...HJ_FIXED, Delta: delta, Ta: ta, Tb: ta + dt });

/** Fig. 2(a): |ρ32| vs ΔT at Ta = 10 for each Δ. */
export function hjFig2a(study: Study): Promise<CurveSet> {
  return study.memo('hj-fig2a', async () => {
    const s = await study.sampler(HJ_FILES.A);
    const xs = linspace(HJ_DT[0], HJ_DT[1], study.grid.line);
    return { xs, curves: HJ_DELTAS.map((d) => ({ label: `Δ/γ = ${d}`, key: String(d), values: s.line(xs, (dt) => hjAt(d, HJ_FIG2A_TA, dt), rho32) })) };
  });
}

/** Fig. 2(b): |ρ32| vs Ta at ΔT = 50 for each Δ. */
export function hjFig2b(study: Study): Promise<CurveSet> {
  return study.memo('hj-fig2b', async () => {
    const s = await study.sampler(HJ_FILES.A);
    const xs = linspace(HJ_TA[0], HJ_TA[1], study.grid.line);
    return { xs, curves: HJ_DELTAS.map((d) => ({ label: `Δ/γ = ${d}`, key: String(d), values: s.line(xs, (ta) => hjAt(d, ta, HJ_FIG2B_DT), rho32) })) };
  });
}

/** |ρ32| over (Ta, ΔT) for one case (Figs. 3–5 at Δ = 0). */
export function hjMap(study: Study, c: HjCase, approx: 'secular' | 'nonsecular' = 'nonsecular', delta = 0): Promise<MapData> {
  return study.memo(`hj-map-${c}-${approx}-${delta}`, async () => {
    const s = await study.sampler(HJ_FILES[c], approx);
    const xs = linspace(HJ_TA[0], HJ_TA[1], study.grid.nx);
    const ys = linspace(HJ_DT[0], HJ_DT[1], study.grid.ny);
    return s.grid(xs, ys, (ta, dt) => hjAt(delta, ta, dt), rho32);
  });
}

/** Case A along ΔT at Ta = 10, Δ = 0: Im ρ32 and the inter-atom flux J_{1−2} = −i⟨[σ1^z, H_S]⟩ computed from ρ. */
export function hjFlux(study: Study): Promise<{ dts: number[]; im32: number[]; abs32: number[]; flux: number[] }> {
  return study.memo('hj-flux', async () => {
    const s = await study.sampler(HJ_FILES.A);
    const dts = linspace(HJ_DT[0], HJ_DT[1], Math.max(11, Math.round(study.grid.line / 4)));
    const im32: number[] = [];
    const abs32: number[] = [];
    const flux: number[] = [];
    for (const dt of dts) {
      const p = s.params(hjAt(0, HJ_FIG2A_TA, dt));
      const rho = s.state(p);
      im32.push(imElement(2, 1)(rho, p));
      abs32.push(rho32(rho, p));
      // The toolkit's own flux, the registry's flux(1): σ1^z on the eigenbasis from the generated module,
      // commutator with H_S = diag(λ) (what `sweep --observable "flux(1)"` gives).
      flux.push(observableValues(s.model, p, rho, ['flux(1)'])[0]!);
    }
    return { dts, im32, abs32, flux };
  });
}

/** The maximum of |ρ32| of a case over the map's box, refined from the grid maximum by a compass search. */
export function hjRefinedMax(study: Study, c: HjCase): Promise<{ ta: number; dt: number; value: number; grid: number }> {
  return study.memo(`hj-refined-max-${c}`, async () => {
    const [m, s] = await Promise.all([hjMap(study, c), study.sampler(HJ_FILES[c])]);
    const top = mapMax(m);
    const hx = (HJ_TA[1] - HJ_TA[0]) / Math.max(1, m.xs.length - 1);
    const hy = (HJ_DT[1] - HJ_DT[0]) / Math.max(1, m.ys.length - 1);
    const best = maximizeBox((ta, dt) => s.value(hjAt(0, ta, dt), rho32), { x: HJ_TA, y: HJ_DT }, { x: top.x, y: top.y }, { hx, hy });
    return { ta: best.x, dt: best.y, value: best.value, grid: top.value };
  });
}
