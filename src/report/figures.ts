// The report's figures: what each one reproduces, its parameters (in the caption, as the brief and the papers'
// captions require), and how it is drawn from the datasets (datasets.ts) with svg.ts.
//
// Contract: FIGURES is the ordered list; build(study) computes (through the memoised datasets) and returns the
// SVG plus the caption. A figure whose model fails throws; write.ts records that and goes on with the others.
import { heatMap, linePlot, PALETTE, type Series } from './svg.ts';
import { approximation, type Approx } from '../derive/approx.ts';
import { CASE_A_FIXED, DIFFER, type CaseAResult, type Range, caseA, ktVersusHeom } from './approximations.ts';
import { fmt } from './format.ts';
import { type Study, mapMax } from './study.ts';
import {
  HJ_DELTAS,
  HJ_DT,
  HJ_FIG2A_TA,
  HJ_FIG2B_DT,
  HJ_FIXED,
  HJ_TA,
  LCS_DT,
  LCS_ELEMENT,
  LCS_EQ20_T,
  LCS_T,
  type CurveSet,
  type HjCase,
  hjFig2a,
  hjFig2b,
  hjFlux,
  hjMap,
  lcsEq20,
  lcsMap,
} from './datasets.ts';

export interface Figure {
  svg: string;
  caption: string;
}

export interface FigureSpec {
  id: string;
  /** the paper it reproduces, or 'approx' for the figures of "Which master equation?" */
  paper: '000' | '001' | 'approx';
  /** what it reproduces, e.g. "Fig. 2(a)" (or "new" for figures the papers do not have) */
  reproduces: string;
  title: string;
  build(study: Study): Promise<Figure>;
}

const HJ_PARAMS = `Ω/γ = ${HJ_FIXED.Omega}, ξ/γ = ${HJ_FIXED.xi}, γ_a = γ_b = γ = ${HJ_FIXED.gamma}`;
const HJ_RHO = 'ρ32 = ⟨λ3|ρ|λ2⟩ in the eigenbasis of Eq. (2) (rho[2][1], 0-based)';
const LCS_PARAMS = 'ε = (ε1 + ε2)/2 = 1 (the unit), γ11^(L) = 0.01, γ11^(R) = 0.02, γ22^(L) = 0.02, γ22^(R) = 0.01, cross spectra γ12^(α) = (f_α γ11^(α) γ22^(α))^(1/2) real, f_L = f_R = 1';

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

/** One colour per approximation, the same in every figure of "Which master equation?". */
const APPROX_COLOR: Record<Approx, string> = { secular: PALETTE[0]!, nonsecular: PALETTE[1]!, 'partial-secular': PALETTE[4]!, ule: PALETTE[2]!, local: PALETTE[3]! };
const AX_PARAMS = `Ω = ${CASE_A_FIXED.Omega}, Δ = ${CASE_A_FIXED.Delta} = γ/2, γ = ${CASE_A_FIXED.gamma}, Ta = ${CASE_A_FIXED.Ta}, Tb = ${CASE_A_FIXED.Tb} (bath a hot), partial-secular cutoff c = γ = ${CASE_A_FIXED.secularCutoff}`;
const rangeText = (rs: Range[]) => (rs.length ? `for ξ/γ ∈ ${rs.map((r) => `[${fmt(r.from)}, ${fmt(r.to)}]`).join(' ∪ ')}` : 'nowhere on this line');

function caseAFigure(id: string, title: string, yLabel: string, pick: (c: CaseAResult['curves'][number]) => number[], yLog: boolean, note: (a: CaseAResult) => string): FigureSpec {
  return {
    id,
    paper: 'approx',
    reproduces: 'Case A over ξ/γ',
    title,
    async build(study) {
      const a = await caseA(study);
      // partial-secular beyond its cutoff is the secular equation: dashed, so the curve under it stays visible
      const series: Series[] = a.curves.map((c) => ({ label: approximation(c.approx).name, x: a.xiOverGamma, y: pick(c).map((v) => (yLog && Math.abs(v) < 1e-14 ? NaN : v)), color: APPROX_COLOR[c.approx], dash: c.approx === 'partial-secular' ? '7 5' : undefined }));
      const caption = `Case A of Huangfu & Jing (each atom on its own bath), ${AX_PARAMS}; ξ/γ from 10⁻² to 10², ${a.xiOverGamma.length} log-spaced points; steady states of the five generated modules. ${note(a)}`;
      return { svg: linePlot({ title, xLabel: 'ξ / γ', yLabel, series, xLog: true, yLog, caption }), caption };
    },
  };
}

function ktFigure(key: 'errJ' | 'errC', what: string): FigureSpec {
  return {
    id: `kt-heom-${key === 'errJ' ? 'current' : 'coherence'}`,
    paper: 'approx',
    reproduces: 'Kato–Tanimura vs HEOM',
    title: `Kato–Tanimura: relative error of ${what} against HEOM`,
    async build(study) {
      const k = await ktVersusHeom(study);
      const series: Series[] = k.variants.map((v) => ({ label: v.label, x: k.J12, y: v[key], color: APPROX_COLOR[v.approx], dash: v.lambShift ? '7 5' : undefined, markers: true }));
      const best = k.closest[key === 'errJ' ? 'J_h' : 'coherence'].map((r) => `${r.label} for J12 ∈ [${fmt(r.from)}, ${fmt(r.to)}] (≤ ${fmt(r.worst, 2)})`).join('; ');
      const caption = `Kato–Tanimura model (two sites, ε = 1, Drude–Lorentz baths λ = ${k.lam}, γ = 1, Th = 2, Tc = 1) against the converged HEOM steady states of ${'benchmarks/heom/kato-tanimura.json'}: |bornmarkov − HEOM| / |HEOM| of ${what}, for every applicable approximation (dashed: with the Lamb shift; partial-secular cutoff c = ${k.cutoff}). J12 = ${k.omitted.join(', ')} = ε left out (a zero Bohr frequency there). Closest: ${best}.`;
      return { svg: linePlot({ title: `Kato–Tanimura: ${what} vs HEOM`, xLabel: 'J_{12} / ε', yLabel: 'relative error', series, xLog: true, yLog: true, caption }), caption };
    },
  };
}

/** The figures of "Which master equation?" (also listed in FIGURES). */
export const APPROX_FIGURES: FigureSpec[] = [
  caseAFigure('ax-case-a-rho32', 'Case A: |ρ32| against ξ/γ, five approximations', '|ρ_{32}|', (c) => c.rho32, true, () => 'Secular, and partial-secular beyond its cutoff, keep no coherence (ρ32 = 0: not drawn on the log axis).'),
  caseAFigure('ax-case-a-current', 'Case A: heat current J_{a} against ξ/γ, five approximations', 'J_{a} (heat from bath a)', (c) => c.Ja, true, (a) => `Local and secular J_a differ by more than ${DIFFER * 100} % ${rangeText(a.verdicts.localGlobalDiffer)}; secular replaces local as the closer to Redfield at ξ/γ = ${a.verdicts.crossover === null ? 'nowhere' : fmt(a.verdicts.crossover)}.`),
  caseAFigure('ax-case-a-min-eigenvalue', 'Case A: smallest eigenvalue of ρ against ξ/γ', 'min eigenvalue of ρ', (c) => c.minEigenvalue, false, (a) => `Redfield's steady state is negative ${rangeText(a.verdicts.redfieldNegative)}.`),
  caseAFigure('ax-case-a-entropy', 'Case A: entropy production σ against ξ/γ', 'σ = −Σ_{α} J_{α}/T_{α}', (c) => c.sigma, true, (a) => `σ < 0: ${Object.entries(a.verdicts.sigmaNegative).map(([k, r]) => `${approximation(k as Approx).name} ${rangeText(r)}`).join(', ')}.`),
  ktFigure('errJ', 'the heat current J_h'),
  ktFigure('errC', 'the coherence ⟨σ1⁺σ2⁻⟩'),
];

export const FIGURES: FigureSpec[] = [
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
  ...APPROX_FIGURES,
];
