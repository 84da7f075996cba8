// The datasets of Li, Cai & Sun (seed 001) behind its figures and claims: which model, which parameters, which
// observable, which range. Each function computes through the Study (memoised), so a figure and the claims about it
// see the same numbers.
//
// Conventions: ρ is in the model's eigenbasis, 0-based. TL = T, TR = T + ΔT (lcsAt); ε = 1, γ11L = 0.01,
// γ11R = 0.02, γ22L = 0.02, γ22R = 0.01, f = 1 and Δ12 = ±0.01 are the model defaults (Fig. 3 caption). The
// coherence of Fig. 3 is the one between the two levels that share the transitions: Λ basis (g1, g2, e) →
// rho[0][1]; V basis (g, e1, e2) → rho[1][2] (⟨e1|ρ|e2⟩, the paper's ρ12 of Eq. 23). Ξ has no such pair, so its map
// shows every coherence (l1 norm). The figure's ranges are not in the text (the figure is lost): T ∈ [0.1, 2],
// ΔT ∈ [0, 5] in units of ε. The lower end is 0.1, not lower, because below it the thermal excitation rates γN(ε)
// (N ≈ e^{−ε/T}) fall under 1e-10 of the generator's scale, where no double-precision rank decision can tell a
// unique steady state from a degenerate one (at T = 0.05 the analysis reports nullity 2 at ΔT = 0).
import type { Params } from '../../../numeric/generatedModel.ts';
import { observableValues } from '../../../numeric/observables.ts';
import { type CurveSet, type MapData, type StateFunction, type Study, absElement, imElement, l1, linspace } from '../../study.ts';

export const LCS_FILES = {
  lambda: 'derivations/li-cai-sun/lambda.json',
  v: 'derivations/li-cai-sun/v.json',
  xi: 'derivations/li-cai-sun/xi.json',
} as const;
export type LcsKind = keyof typeof LCS_FILES;
/** Seed 001 Sec. 5: two coupled TLSs, each in its own bath, in the basis of Eq. (26) (G, E1, E2, D). */
export const LCS_TWO_TLS = 'derivations/li-cai-sun/two-tls.json';

export const LCS_T: [number, number] = [0.1, 2];
export const LCS_DT: [number, number] = [0, 5];
export const LCS_ELEMENT: Record<LcsKind, { obs: StateFunction; label: string; what: string }> = {
  lambda: { obs: absElement(0, 1), label: '|ρ_{12}|', what: '|⟨g1|ρ|g2⟩| = |rho[0][1]|' },
  v: { obs: absElement(1, 2), label: '|ρ_{12}|', what: '|⟨e1|ρ|e2⟩| = |rho[1][2]|' },
  xi: { obs: l1, label: 'Σ_{i≠j}|ρ_{ij}|', what: 'Σ_{i≠j} |ρ_ij| (l1 norm of coherence)' },
};
/** Temperature of the Eq. (20) runs and the Ξ line */
export const LCS_EQ20_T = 0.5;
/** Eq. (20)/(22) satisfied: both transitions couple to L and R in the same proportion (1 : 2). */
export const LCS_PROPORTIONAL: Params = { g11L: 0.01, g11R: 0.02, g22L: 0.01, g22R: 0.02 };
/** Sec. 3.1: the det = 0 example (Δ12 = 0, every γ equal, f = 1). */
export const LCS_DET0: Params = { D12: 0, g11L: 0.01, g11R: 0.01, g22L: 0.01, g22R: 0.01, fL: 1, fR: 1 };

/** The parameters of a point: TL = T, TR = T + ΔT, and any overrides. */
export const lcsAt = (t: number, dt: number, extra: Params = {}): Params => ({ TL: t, TR: t + dt, ...extra });

/** Fig. 3 of seed 001: the coherence of Λ, V (or every coherence of Ξ) over (T, ΔT). */
export function lcsMap(study: Study, kind: LcsKind, approx: 'secular' | 'nonsecular' = 'nonsecular'): Promise<MapData> {
  return study.memo(`lcs-map-${kind}-${approx}`, async () => {
    const s = await study.sampler(LCS_FILES[kind], approx);
    const xs = linspace(LCS_T[0], LCS_T[1], study.grid.nx);
    const ys = linspace(LCS_DT[0], LCS_DT[1], study.grid.ny);
    return s.grid(xs, ys, (t, dt) => lcsAt(t, dt), LCS_ELEMENT[kind].obs);
  });
}

/** Eq. (20): Λ's |ρ12| vs ΔT at T = 0.5 for the Fig. 3 couplings (breaks it), proportional couplings (satisfies it), and f = 1/2. */
export function lcsEq20(study: Study): Promise<CurveSet> {
  return study.memo('lcs-eq20', async () => {
    const s = await study.sampler(LCS_FILES.lambda);
    const xs = linspace(LCS_DT[0], LCS_DT[1], study.grid.line);
    const run = (extra: Params) => s.line(xs, (dt) => lcsAt(LCS_EQ20_T, dt, extra), LCS_ELEMENT.lambda.obs);
    return {
      xs,
      curves: [
        { key: 'fig3', label: 'Fig. 3 couplings: Eq. (20) broken', values: run({}) },
        { key: 'half', label: 'the same with f_{L} = f_{R} = 1/2', values: run({ fL: 0.5, fR: 0.5 }) },
        { key: 'proportional', label: 'proportional couplings: Eq. (20) holds', values: run(LCS_PROPORTIONAL) },
      ],
    };
  });
}

/**
 * Seed 001 Sec. 5 on its own model: the flux J1−2 = −i⟨[σ1^z, H_S]⟩ from the steady state and ⟨E1|ρ|E2⟩ = rho[1][2]
 * (basis G, E1, E2, D of Eq. 26) along T2 = T1 + ΔT, T1 = 10, ΔT ∈ [0, 100], the model's other defaults (Ω = 30, g = 2,
 * γ = 1, Δ = 0).
 */
export function lcsTwoTlsFlux(study: Study): Promise<{ dts: number[]; imE1E2: number[]; flux: number[]; g: number }> {
  return study.memo('lcs-two-tls-flux', async () => {
    const s = await study.sampler(LCS_TWO_TLS);
    const dts = linspace(0, 100, Math.max(11, Math.round(study.grid.line / 4)));
    const imE1E2: number[] = [];
    const flux: number[] = [];
    let g = NaN;
    for (const dt of dts) {
      const p = s.params({ T1: 10, T2: 10 + dt });
      g = p.g!;
      const rho = s.state(p);
      imE1E2.push(imElement(1, 2)(rho, p));
      flux.push(observableValues(s.model, p, rho, ['flux(1)'])[0]!); // the registry's flux(1)
    }
    return { dts, imE1E2, flux, g };
  });
}
