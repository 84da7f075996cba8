// The figures of Huangfu & Jing (seed 000): what each one reproduces, its parameters (in the caption, as the papers'
// captions require), and how it is drawn from the datasets (./datasets.ts) with svg.ts.
//
// Contract: HJ_FIGURES is this paper's ordered list (the report's order); build(study) computes (through the memoised
// datasets) and returns the SVG plus the caption. A figure whose model fails throws; write.ts records that and goes on.
import { heatMap, linePlot, PALETTE, type Series } from '../../svg.ts';
import { fmt } from '../../format.ts';
import { type CurveSet, mapMax } from '../../study.ts';
import type { FigureSpec } from '../../figures.ts';
import { HJ_DELTAS, HJ_DT, HJ_FIG2A_TA, HJ_FIG2B_DT, HJ_FIXED, HJ_TA, type HjCase, hjFig2a, hjFig2b, hjFlux, hjMap } from './datasets.ts';

const HJ_PARAMS = `Ω/γ = ${HJ_FIXED.Omega}, ξ/γ = ${HJ_FIXED.xi}, γ_a = γ_b = γ = ${HJ_FIXED.gamma}`;
const HJ_RHO = 'ρ32 = ⟨λ3|ρ|λ2⟩ in the eigenbasis of Eq. (2) (rho[2][1], 0-based)';

/** Colour by |Δ|, dashed for Δ < 0: curves that should overlap (±Δ) are easy to compare. */
function deltaSeries(set: CurveSet): Series[] {
  const colorOf = (d: number) => (d === 0 ? '#000000' : Math.abs(d) === 10 ? PALETTE[0]! : PALETTE[1]!);
  return set.curves.map((c) => {
    const d = Number(c.key);
    return { label: `Δ/γ = ${d}`, x: set.xs, y: c.values, color: colorOf(d), dash: d < 0 ? '7 5' : undefined };
  });
}

function hjMapFigure(c: HjCase, fig: string, extra: string): FigureSpec {
  return {
    id: `hj-fig${fig}-case-${c.toLowerCase()}`,
    paper: '000',
    reproduces: `Fig. ${fig}`,
    title: `|ρ32| of Case ${c} over (Ta, ΔT)`,
    async build(study) {
      const m = await hjMap(study, c);
      const top = mapMax(m);
      return {
        svg: heatMap({
          title: `Case ${c}: steady-state |ρ_{32}| (non-secular), Δ = 0`,
          xLabel: 'T_{a} / γ',
          yLabel: 'ΔT / γ  (T_{b} = T_{a} + ΔT)',
          colorLabel: '|ρ_{32}|',
          panels: [{ title: `Case ${c}`, xs: m.xs, ys: m.ys, values: m.values, markers: [{ x: top.x, y: top.y, label: `max ${fmt(top.value)}` }] }],
          caption: `Huangfu & Jing Fig. ${fig}, Case ${c}. |${HJ_RHO}| of the non-secular (Redfield) steady state, resonant atoms Δ = 0, ${HJ_PARAMS}; Ta ∈ [${HJ_TA[0]}, ${HJ_TA[1]}], ΔT ∈ [${HJ_DT[0]}, ${HJ_DT[1]}] on a ${m.xs.length} × ${m.ys.length} grid. Largest grid value ${fmt(top.value)} at Ta = ${fmt(top.x)}, ΔT = ${fmt(top.y)}. ${extra}`,
        }),
        caption: `Case ${c}, Δ = 0, ${HJ_PARAMS}; Ta/γ ∈ [${HJ_TA[0]}, ${HJ_TA[1]}], ΔT/γ ∈ [${HJ_DT[0]}, ${HJ_DT[1]}], Tb = Ta + ΔT; ${m.xs.length} × ${m.ys.length} grid. Largest |ρ32| on the grid: ${fmt(top.value)} at Ta/γ = ${fmt(top.x)}, ΔT/γ = ${fmt(top.y)}. ${extra}`,
      };
    },
  };
}

export const HJ_FIGURES: FigureSpec[] = [
  {
    id: 'hj-fig2a',
    paper: '000',
    reproduces: 'Fig. 2(a)',
    title: '|ρ32| vs ΔT (Case A)',
    async build(study) {
      const set = await hjFig2a(study);
      return {
        svg: linePlot({
          title: `Case A: |ρ_{32}| vs ΔT at T_{a} = ${HJ_FIG2A_TA}γ`,
          xLabel: 'ΔT / γ  (T_{b} = T_{a} + ΔT)',
          yLabel: '|ρ_{32}|',
          series: deltaSeries(set),
          caption: `Huangfu & Jing Fig. 2(a). |${HJ_RHO}| of the non-secular steady state of Case A vs ΔT = Tb − Ta at Ta/γ = ${HJ_FIG2A_TA}; ${HJ_PARAMS}; Δ/γ ∈ {${HJ_DELTAS.join(', ')}} (same colour for ±Δ, dashed for Δ < 0); ${set.xs.length} points.`,
        }),
        caption: `Case A, Ta/γ = ${HJ_FIG2A_TA}, ${HJ_PARAMS}; Δ/γ ∈ {${HJ_DELTAS.join(', ')}} (same colour for ±Δ, dashed for Δ < 0); ΔT/γ ∈ [${HJ_DT[0]}, ${HJ_DT[1]}], ${set.xs.length} points.`,
      };
    },
  },
  {
    id: 'hj-fig2b',
    paper: '000',
    reproduces: 'Fig. 2(b)',
    title: '|ρ32| vs Ta (Case A)',
    async build(study) {
      const set = await hjFig2b(study);
      return {
        svg: linePlot({
          title: `Case A: |ρ_{32}| vs T_{a} at ΔT = ${HJ_FIG2B_DT}γ`,
          xLabel: 'T_{a} / γ',
          yLabel: '|ρ_{32}|',
          series: deltaSeries(set),
          caption: `Huangfu & Jing Fig. 2(b). |${HJ_RHO}| of the non-secular steady state of Case A vs the cold-bath temperature Ta at ΔT/γ = ${HJ_FIG2B_DT} (Tb = Ta + ΔT); ${HJ_PARAMS}; Δ/γ ∈ {${HJ_DELTAS.join(', ')}} (dashed: Δ < 0); ${set.xs.length} points.`,
        }),
        caption: `Case A, ΔT/γ = ${HJ_FIG2B_DT}, ${HJ_PARAMS}; Δ/γ ∈ {${HJ_DELTAS.join(', ')}} (dashed: Δ < 0); Ta/γ ∈ [${HJ_TA[0]}, ${HJ_TA[1]}], ${set.xs.length} points.`,
      };
    },
  },
  hjMapFigure('A', '3', 'Each atom couples to its own bath.'),
  hjMapFigure('B', '4', 'Atom 2 also couples to the cold bath a.'),
  hjMapFigure('C', '5', 'Atom 1 also couples to the hot bath b.'),
  {
    id: 'hj-case-d',
    paper: '000',
    reproduces: 'Sec. IV, Case D',
    title: '|ρ32| of Case D over (Ta, ΔT), on Case A’s colour scale',
    async build(study) {
      const [d, a] = await Promise.all([hjMap(study, 'D'), hjMap(study, 'A')]);
      const top = mapMax(d);
      const scale = mapMax(a).value;
      const note = `At Δ = 0 the antisymmetric single-excitation state is dark in Case D and the steady state is not unique (nullity > 1 at ${d.nonUnique} of ${d.values.length} grid points): each value there is the long-time limit of the maximally mixed state.`;
      return {
        svg: heatMap({
          title: 'Case D: steady-state |ρ_{32}|, Δ = 0 (colour scale of Case A)',
          xLabel: 'T_{a} / γ',
          yLabel: 'ΔT / γ  (T_{b} = T_{a} + ΔT)',
          colorLabel: '|ρ_{32}|',
          range: [0, scale],
          panels: [{ title: `Case D (largest value ${fmt(top.value)})`, xs: d.xs, ys: d.ys, values: d.values }],
          caption: `Huangfu & Jing Sec. IV, Case D (both atoms couple to both baths). |${HJ_RHO}|, non-secular, Δ = 0, ${HJ_PARAMS}; same grid and colour scale [0, ${fmt(scale)}] as Case A (Fig. 3). Largest value ${fmt(top.value)}. ${note}`,
        }),
        caption: `Case D, Δ = 0, ${HJ_PARAMS}; grid and colour scale [0, ${fmt(scale)}] of Case A. Largest |ρ32|: ${fmt(top.value)}. ${note}`,
      };
    },
  },
  {
    id: 'hj-secular-vs-nonsecular',
    paper: '000',
    reproduces: 'Eqs. (9) vs (11)',
    title: 'Secular vs non-secular steady state (Case A)',
    async build(study) {
      const [sec, non] = await Promise.all([hjMap(study, 'A', 'secular'), hjMap(study, 'A', 'nonsecular')]);
      const range: [number, number] = [0, mapMax(non).value];
      return {
        svg: heatMap({
          title: 'Case A: |ρ_{32}| with and without the secular approximation',
          xLabel: 'T_{a} / γ',
          yLabel: 'ΔT / γ  (T_{b} = T_{a} + ΔT)',
          colorLabel: '|ρ_{32}|',
          range,
          panels: [
            { title: `secular, Eq. (7) (largest ${fmt(mapMax(sec).value)})`, xs: sec.xs, ys: sec.ys, values: sec.values },
            { title: `non-secular, Eq. (10) (largest ${fmt(mapMax(non).value)})`, xs: non.xs, ys: non.ys, values: non.values },
          ],
          caption: `Huangfu & Jing Eqs. (7)–(11). |${HJ_RHO}| of Case A at Δ = 0, ${HJ_PARAMS}, from the secular master equation (left, steady state Eq. (9)) and the full non-secular one (right, Eq. (11)); shared colour scale.`,
        }),
        caption: `Case A, Δ = 0, ${HJ_PARAMS}; left: secular (Eq. 7), right: non-secular (Eq. 10); shared colour scale; grid of Fig. 3.`,
      };
    },
  },
  {
    id: 'hj-flux',
    paper: '000',
    reproduces: 'Eq. (13)',
    title: 'Inter-atom flux J₁₋₂ vs coherence (Case A)',
    async build(study) {
      const f = await hjFlux(study);
      const xi = HJ_FIXED.xi;
      const lo = Math.min(...f.im32);
      const hi = Math.max(...f.im32);
      const xs = [Math.min(0, lo), Math.max(0, hi)];
      return {
        svg: linePlot({
          title: 'Case A: inter-atom flux J_{1−2} vs Im ρ_{32}',
          xLabel: 'Im ρ_{32}',
          yLabel: 'J_{1−2} / γ',
          series: [
            { label: 'J_{1−2} = −i⟨[σ^{z}_{1}, H_{S}]⟩ (computed)', x: f.im32, y: f.flux, color: '#000000', markers: true, noLine: true },
            { label: 'J = +4ξ Im ρ_{32}', x: xs, y: xs.map((v) => 4 * xi * v), color: PALETTE[2]! },
            { label: 'J = −4ξ Im ρ_{32} (Eq. 13 as printed)', x: xs, y: xs.map((v) => -4 * xi * v), color: PALETTE[1]!, dash: '7 5' },
          ],
          caption: `Huangfu & Jing Eq. (13) (and Li, Cai & Sun Sec. 5). Points: the flux J₁₋₂ = −i⟨[σ1^z, H_S]⟩ computed from the non-secular steady state of Case A (σ1^z in the eigenbasis, from the generated module) at Ta/γ = ${HJ_FIG2A_TA}, Δ = 0, ΔT/γ ∈ [${HJ_DT[0]}, ${HJ_DT[1]}] (${f.dts.length} points), ${HJ_PARAMS}, against Im ${HJ_RHO}. Lines: ±4ξ Im ρ32.`,
        }),
        caption: `Case A, Ta/γ = ${HJ_FIG2A_TA}, Δ = 0, ${HJ_PARAMS}; ΔT/γ ∈ [${HJ_DT[0]}, ${HJ_DT[1]}], ${f.dts.length} points. Points: J₁₋₂ = −i⟨[σ1^z, H_S]⟩ from the steady state; lines: J = ±4ξ Im ρ32.`,
      };
    },
  },
];
