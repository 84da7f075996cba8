// The figures of Li, Cai & Sun (seed 001): what each one reproduces, its parameters (in the caption, as the papers'
// captions require), and how it is drawn from the datasets (./datasets.ts) with svg.ts.
//
// Contract: LCS_FIGURES is this paper's ordered list (the report's order); build(study) computes (through the memoised
// datasets) and returns the SVG plus the caption. A figure whose model fails throws; write.ts records that and goes on.
import { heatMap, linePlot, PALETTE } from '../../svg.ts';
import { fmt } from '../../format.ts';
import { mapMax } from '../../study.ts';
import type { FigureSpec } from '../../figures.ts';
import { LCS_DT, LCS_ELEMENT, LCS_EQ20_T, LCS_T, lcsEq20, lcsMap } from './datasets.ts';

const LCS_PARAMS = 'ε = (ε1 + ε2)/2 = 1 (the unit), γ11^(L) = 0.01, γ11^(R) = 0.02, γ22^(L) = 0.02, γ22^(R) = 0.01, cross spectra γ12^(α) = (f_α γ11^(α) γ22^(α))^(1/2) real, f_L = f_R = 1';

export const LCS_FIGURES: FigureSpec[] = [
  ...(['lambda', 'v'] as const).map(
    (kind): FigureSpec => ({
      id: `lcs-fig3${kind === 'lambda' ? 'a' : 'b'}-${kind}`,
      paper: '001',
      reproduces: `Fig. 3(${kind === 'lambda' ? 'a' : 'b'})`,
      title: `|ρ12| of the ${kind === 'lambda' ? 'Λ' : 'V'}-type system over (T, ΔT)`,
      async build(study) {
        const m = await lcsMap(study, kind);
        const top = mapMax(m);
        const name = kind === 'lambda' ? 'Λ' : 'V';
        const d12 = kind === 'lambda' ? '0.01' : '−0.01';
        return {
          svg: heatMap({
            title: `${name}-type: steady-state |ρ_{12}| (non-secular)`,
            xLabel: 'T / ε  (T_{L} = T)',
            yLabel: 'ΔT / ε  (T_{R} = T + ΔT)',
            colorLabel: '|ρ_{12}|',
            panels: [{ title: `${name}-type, Δ_{12} = ${d12}`, xs: m.xs, ys: m.ys, values: m.values, markers: [{ x: top.x, y: top.y, label: `max ${fmt(top.value)}` }] }],
            caption: `Li, Cai & Sun Fig. 3(${kind === 'lambda' ? 'a' : 'b'}). ${LCS_ELEMENT[kind].what} of the ${name}-type system, steady state of Eq. (12); ${LCS_PARAMS}, Δ12 = ε1 − ε2 = ${d12}; T ∈ [${LCS_T[0]}, ${LCS_T[1]}], ΔT ∈ [${LCS_DT[0]}, ${LCS_DT[1]}] (ranges chosen here: the figure itself is not in the text), ${m.xs.length} × ${m.ys.length} grid. Largest value ${fmt(top.value)} at T = ${fmt(top.x)}, ΔT = ${fmt(top.y)}.`,
          }),
          caption: `${name}-type, ${LCS_PARAMS}, Δ12 = ${d12}; TL = T, TR = T + ΔT, T/ε ∈ [${LCS_T[0]}, ${LCS_T[1]}], ΔT/ε ∈ [${LCS_DT[0]}, ${LCS_DT[1]}] (the paper's ranges are not in the text), ${m.xs.length} × ${m.ys.length} grid; plotted: ${LCS_ELEMENT[kind].what}. Largest value ${fmt(top.value)} at T = ${fmt(top.x)}, ΔT = ${fmt(top.y)}.`,
        };
      },
    }),
  ),
  {
    id: 'lcs-xi',
    paper: '001',
    reproduces: 'Sec. 4, Ξ-type',
    title: 'Every coherence of the Ξ-type system, on the Λ colour scale',
    async build(study) {
      const [xi, lam] = await Promise.all([lcsMap(study, 'xi'), lcsMap(study, 'lambda')]);
      const top = mapMax(xi);
      const scale = mapMax(lam).value;
      return {
        svg: heatMap({
          title: 'Ξ-type: Σ_{i≠j}|ρ_{ij}| (non-secular), colour scale of Λ',
          xLabel: 'T / ε  (T_{L} = T)',
          yLabel: 'ΔT / ε  (T_{R} = T + ΔT)',
          colorLabel: 'Σ_{i≠j}|ρ_{ij}|',
          range: [0, scale],
          panels: [{ title: `Ξ-type (largest value ${fmt(top.value)})`, xs: xi.xs, ys: xi.ys, values: xi.values }],
          caption: `Li, Cai & Sun Sec. 4, Eq. (24). The l1 norm of coherence Σ_{i≠j}|ρ_ij| of the Ξ-type system (levels g, e1, e2 with ε2 = ε1 − Δ12), steady state of Eq. (12); ${LCS_PARAMS}, Δ12 = 0.01; grid and colour scale [0, ${fmt(scale)}] of Fig. 3(a). Largest value ${fmt(top.value)}.`,
        }),
        caption: `Ξ-type, ${LCS_PARAMS}, Δ12 = 0.01; grid and colour scale [0, ${fmt(scale)}] of Fig. 3(a); plotted: Σ_{i≠j}|ρ_ij|. Largest value ${fmt(top.value)}.`,
      };
    },
  },
  {
    id: 'lcs-eq20',
    paper: '001',
    reproduces: 'Eqs. (19)–(22)',
    title: 'The zero-coherence condition Eq. (20) (Λ-type)',
    async build(study) {
      const set = await lcsEq20(study);
      return {
        svg: linePlot({
          title: `Λ-type: |ρ_{12}| vs ΔT at T = ${LCS_EQ20_T}ε`,
          xLabel: 'ΔT / ε  (T_{L} = T, T_{R} = T + ΔT)',
          yLabel: '|ρ_{12}|',
          series: set.curves.map((c, k) => ({ label: c.label, x: set.xs, y: c.values, color: [PALETTE[0]!, PALETTE[4]!, PALETTE[1]!][k], dash: c.key === 'proportional' ? '7 5' : undefined })),
          caption: `Li, Cai & Sun Eqs. (19)–(22). |⟨g1|ρ|g2⟩| of the Λ-type system vs ΔT at T = ${LCS_EQ20_T}: with the Fig. 3 couplings (γ11^(L) = 0.01, γ11^(R) = 0.02, γ22^(L) = 0.02, γ22^(R) = 0.01, which break Eq. (20)), the same with f_L = f_R = 1/2, and with proportional couplings γ11^(L) = γ22^(L) = 0.01, γ11^(R) = γ22^(R) = 0.02 (Eq. (20) holds: the coherence vanishes although ΔT > 0). ε = 1, Δ12 = 0.01, f = 1 unless stated; ${set.xs.length} points.`,
        }),
        caption: `Λ-type, T/ε = ${LCS_EQ20_T}, ε = 1, Δ12 = 0.01, ΔT/ε ∈ [${LCS_DT[0]}, ${LCS_DT[1]}], ${set.xs.length} points. Fig. 3 couplings (break Eq. 20); the same with f = 1/2; proportional couplings γ11^(L)/γ11^(R) = γ22^(L)/γ22^(R) = 1/2 (satisfy Eq. 20).`,
      };
    },
  },
];
