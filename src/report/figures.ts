// The report's figures: the figure types, the figures of "Which master equation?" (approximations.ts), and FIGURES,
// the report's ordered list — every registered paper's figures (src/report/papers/<paper>/figures.ts, in the order of
// the registry src/report/papers/index.ts), then those of "Which master equation?".
//
// Contract: build(study) computes (through the memoised datasets) and returns the SVG plus the caption, with the
// parameters in the caption. A figure whose model fails throws; write.ts records that and goes on with the others.
import { linePlot, PALETTE, type Series } from './svg.ts';
import { approximation, type Approx } from '../derive/approx.ts';
import { CASE_A_FIXED, DIFFER, type CaseAResult, type Range, caseA, ktVersusHeom } from './approximations.ts';
import { fmt } from './format.ts';
import type { Study } from './study.ts';
import { PAPERS } from './papers/index.ts';

export interface Figure {
  svg: string;
  caption: string;
}

export interface FigureSpec {
  id: string;
  /** the paper it reproduces (its id in src/report/papers/index.ts, e.g. '000'), or 'approx' for the figures of "Which master equation?" */
  paper: string;
  /** what it reproduces, e.g. "Fig. 2(a)" (or "new" for figures the papers do not have) */
  reproduces: string;
  title: string;
  build(study: Study): Promise<Figure>;
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

export const FIGURES: FigureSpec[] = [...PAPERS.flatMap((p) => p.figures), ...APPROX_FIGURES];
