// The report section "Which master equation?" (issue 10, item 4): the five approximations of one model side by
// side, with verdicts computed from the numbers, never written by hand.
//
//  1. Case A of seed 000 (derivations/huangfu-jing/case-a.json) on a line of ξ/γ over four decades at a fixed,
//     detuned point (CASE_A_FIXED): |ρ32|, the heat current J_a of bath a, the steady state's smallest eigenvalue and
//     the entropy production σ = −Σ_α J_α/T_α, for secular, Redfield, partial-secular (cutoff c = γ), ULE and local.
//     Verdicts: the ξ/γ where local and global (secular) J_a differ by more than 10 %, the crossover where the
//     local equation stops being the closer of the two to Redfield, where Redfield loses positivity (if anywhere),
//     where any σ < 0; plus the known second-law failure of the local equation at a strongly detuned point
//     (LOCAL_FAILURE: heat driven from the cold bath into the hot one, σ < 0) and Redfield's negative
//     eigenvalue at Ta = 0, Tb = 10⁶ (the point quoted in the issue).
//  2. Kato–Tanimura (derivations/examples/kato-tanimura.json) against the HEOM reference
//     (benchmarks/heom/kato-tanimura.json): for every applicable approximation, with and without the Lamb shift
//     where that module exists, the relative error of J_h and of the coherence ⟨σ1⁺σ2⁻⟩ (bare basis) at every
//     committed J12 but J12 = ε (a zero Bohr frequency there: the generated modules refuse that point), and which
//     variant is closest where (argmin per point, grouped into contiguous ranges).
//
// Contract: approximationsSection(study) computes both (memoised on the Study, so the figures of
// figures.ts and the section share one computation) and returns plain data for html.ts and results.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Approx, approximation } from '../derive/approx.ts';
import type { Params } from '../numeric/generatedModel.ts';
import { heatCurrents } from '../numeric/observables.ts';
import { entropyProduction } from '../numeric/diagnostics.ts';
import type { DensityMatrix } from '../numeric/steady.ts';
import type { Sampler, Study } from './study.ts';

export const CASE_A_FILE = 'derivations/huangfu-jing/case-a.json';
export const KT_FILE = 'derivations/examples/kato-tanimura.json';
export const HEOM_FILE = 'benchmarks/heom/kato-tanimura.json';

/** The five approximations in the report's order (src/derive/approx.ts). */
export const SECTION_APPROX: Approx[] = ['secular', 'nonsecular', 'partial-secular', 'ule', 'local'];

/**
 * Case A line: Ω = 1.5, Δ = γ/2 (detuned, inside the partial-secular cutoff at small ξ), γ = 0.01 (the unit of
 * ξ), Ta = 1.5, Tb = 1 (bath a is the hot one here), partial-secular cutoff c = γ.
 */
export const CASE_A_FIXED: Params = { Omega: 1.5, Delta: 0.005, gamma: 0.01, Ta: 1.5, Tb: 1, secularCutoff: 0.01 };
/** ξ/γ from 10⁻² to 10², 10 points per decade. */
export const XI_RATIOS: number[] = Array.from({ length: 41 }, (_, k) => 10 ** (-2 + k / 10));
/** The known failure of the local equation (test/derive/approximations.test.ts): Case A strongly detuned. */
export const LOCAL_FAILURE: Params = { Omega: 1.5, Delta: 1, xi: 0.1, gamma: 0.01, Ta: 1.5, Tb: 1, secularCutoff: 0.01 };
/** Redfield's positivity loss quoted in the issue: Case A at the paper's defaults with Ta = 0, Tb = 10⁶. */
export const POSITIVITY_POINT: Params = { Ta: 0, Tb: 1e6 };
/** Kato–Tanimura partial-secular cutoff: of the order of the relaxation rates 2J(ε)(2N(ε)+1) ≈ 0.03–0.08 at λ = 0.01. */
export const KT_CUTOFF = 0.05;
/** Two equations "differ" when their J_a differ by more than this, relative to the global (secular) one. */
export const DIFFER = 0.1;

export interface CaseACurve {
  approx: Approx;
  rho32: number[];
  Ja: number[];
  minEigenvalue: number[];
  sigma: number[];
}

export interface PointDiagnostics {
  approx: Approx;
  currents: Record<string, number>;
  sigma: number;
  minEigenvalue: number;
}

/** Contiguous runs of grid indices where a predicate holds, as [first x, last x]. */
export interface Range {
  from: number;
  to: number;
}

export interface CaseAResult {
  fixed: Params;
  xiOverGamma: number[];
  curves: CaseACurve[];
  verdicts: {
    /** ξ/γ ranges where |J_a(local) − J_a(secular)| > 10 % |J_a(secular)| */
    localGlobalDiffer: Range[];
    /** first ξ/γ at which secular is closer to Redfield than local (in J_a), after local was closer at the low end */
    crossover: number | null;
    /** ξ/γ ranges where Redfield's steady state has a negative eigenvalue */
    redfieldNegative: Range[];
    /** per approximation: ξ/γ ranges with σ < 0 */
    sigmaNegative: Record<string, Range[]>;
  };
  localFailure: { point: Params; rows: PointDiagnostics[]; localColdToHot: boolean; localSigmaNegative: boolean; othersSigmaPositive: boolean };
  /** also: the approximations that draw heat out of the T = 0 bath a there (J_a > 0: σ = −∞, against the second law) */
  positivity: { point: Params; rows: PointDiagnostics[]; redfieldNegative: boolean; drawFromZeroTemperature: Approx[] };
}

export interface KtVariant {
  approx: Approx;
  lambShift: boolean;
  /** "secular", "nonsecular + Lamb shift", … */
  label: string;
}

export interface KtResult {
  lam: number;
  cutoff: number;
  /** the J12 values compared (J12 = ε left out) */
  J12: number[];
  omitted: number[];
  heom: { J_h: number[]; coherence: { re: number; im: number }[] };
  variants: (KtVariant & { J_h: number[]; coherence: { re: number; im: number }[]; errJ: number[]; errC: number[] })[];
  /** per quantity: the closest variant at each J12, grouped into ranges */
  closest: Record<'J_h' | 'coherence', { label: string; from: number; to: number; worst: number }[]>;
  /** the closest at the largest J12 compared (weak coupling, well-separated levels) */
  largeJ12: Record<'J_h' | 'coherence', { label: string; error: number }>;
}

export interface ApproximationsSection {
  caseA: CaseAResult;
  kt: KtResult;
}

/** Groups the indices where ok[k] holds into contiguous ranges of xs. */
export function ranges(xs: number[], ok: boolean[]): Range[] {
  const out: Range[] = [];
  let start = -1;
  for (let k = 0; k <= xs.length; k++) {
    if (k < xs.length && ok[k]) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      out.push({ from: xs[start]!, to: xs[k - 1]! });
      start = -1;
    }
  }
  return out;
}

function diagnostics(s: Sampler, p: Params): { rho: DensityMatrix; currents: Record<string, number>; sigma: number; minEigenvalue: number } {
  const q = s.params(p);
  const a = s.analyze(q);
  const currents = heatCurrents(s.model, q, a.rho);
  const sigma = s.model.temperatures ? entropyProduction(currents, s.model.temperatures(q)) : NaN;
  return { rho: a.rho, currents, sigma, minEigenvalue: a.minEigenvalue };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

export function caseA(study: Study): Promise<CaseAResult> {
  return study.memo('approx:case-a', async () => {
    const samplers = await Promise.all(SECTION_APPROX.map((a) => study.sampler(CASE_A_FILE, a)));
    const xs = XI_RATIOS;
    const curves: CaseACurve[] = samplers.map((s, i) => {
      const c: CaseACurve = { approx: SECTION_APPROX[i]!, rho32: [], Ja: [], minEigenvalue: [], sigma: [] };
      for (const r of xs) {
        const d = diagnostics(s, { ...CASE_A_FIXED, xi: r * CASE_A_FIXED.gamma! });
        const n = d.rho.n;
        c.rho32.push(Math.hypot(d.rho.re[2 * n + 1]!, d.rho.im[2 * n + 1]!));
        c.Ja.push(d.currents.a!);
        c.minEigenvalue.push(d.minEigenvalue);
        c.sigma.push(d.sigma);
      }
      return c;
    });
    const by = (a: Approx) => curves.find((c) => c.approx === a)!;
    const [sec, red, loc] = [by('secular'), by('nonsecular'), by('local')];
    const localGlobalDiffer = ranges(xs, xs.map((_, k) => rel(loc.Ja[k]!, sec.Ja[k]!) > DIFFER));
    const localCloser = xs.map((_, k) => Math.abs(loc.Ja[k]! - red.Ja[k]!) < Math.abs(sec.Ja[k]! - red.Ja[k]!));
    const flip = localCloser[0] ? localCloser.findIndex((v) => !v) : -1;
    const point = async (p: Params) =>
      Promise.all(
        samplers.map(async (s, i) => {
          const d = diagnostics(s, p);
          return { approx: SECTION_APPROX[i]!, currents: d.currents, sigma: d.sigma, minEigenvalue: d.minEigenvalue };
        }),
      );
    const failRows = await point(LOCAL_FAILURE);
    const hot = LOCAL_FAILURE.Ta! > LOCAL_FAILURE.Tb! ? 'a' : 'b';
    const locRow = failRows.find((r) => r.approx === 'local')!;
    const posRows = await point({ ...samplers[0]!.defaults, ...POSITIVITY_POINT, secularCutoff: samplers[0]!.defaults.gamma! });
    return {
      fixed: CASE_A_FIXED,
      xiOverGamma: xs,
      curves,
      verdicts: {
        localGlobalDiffer,
        crossover: flip > 0 ? xs[flip]! : null,
        redfieldNegative: ranges(xs, red.minEigenvalue.map((v) => v < 0)),
        sigmaNegative: Object.fromEntries(curves.map((c) => [c.approx, ranges(xs, c.sigma.map((v) => v < 0))])),
      },
      localFailure: {
        point: LOCAL_FAILURE,
        rows: failRows,
        // heat from the cold bath into the hot one: the hot bath receives heat (its J < 0)
        localColdToHot: locRow.currents[hot]! < 0,
        localSigmaNegative: locRow.sigma < 0,
        othersSigmaPositive: failRows.filter((r) => r.approx !== 'local').every((r) => r.sigma > 0),
      },
      positivity: {
        point: POSITIVITY_POINT,
        rows: posRows,
        redfieldNegative: posRows.find((r) => r.approx === 'nonsecular')!.minEigenvalue < 0,
        drawFromZeroTemperature: posRows.filter((r) => r.currents.a! > 0).map((r) => r.approx),
      },
    };
  });
}

interface HeomPoint {
  J12: number;
  J_h: number;
  coherence: { re: number; im: number };
}

/** ⟨σ1⁺σ2⁻⟩ = ⟨ge|ρ|eg⟩ in the bare basis: ρ_bare = V ρ V† with V the module's eigenvectors (columns on the bare basis). */
export function bareCoherence(s: Sampler, p: Params, rho: DensityMatrix): { re: number; im: number } {
  const V = s.model.eigenvectors(p);
  const n = rho.n;
  const row = s.model.bareBasis.indexOf('ge');
  const col = s.model.bareBasis.indexOf('eg');
  if (row < 0 || col < 0) throw new Error(`${s.model.name}: bare basis ${s.model.bareBasis.join(', ')} has no ge / eg`);
  let re = 0;
  let im = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      // V_row,a ρ_ab conj(V_col,b)
      const vr = V.re[row * n + a]!;
      const vi = V.im[row * n + a]!;
      const tr = vr * rho.re[a * n + b]! - vi * rho.im[a * n + b]!;
      const ti = vr * rho.im[a * n + b]! + vi * rho.re[a * n + b]!;
      const wr = V.re[col * n + b]!;
      const wi = -V.im[col * n + b]!;
      re += tr * wr - ti * wi;
      im += tr * wi + ti * wr;
    }
  }
  return { re, im };
}

/** Contiguous runs of the same argmin label. */
function argminRanges(xs: number[], labels: string[], errors: number[][]): { label: string; from: number; to: number; worst: number }[] {
  const out: { label: string; from: number; to: number; worst: number }[] = [];
  xs.forEach((x, k) => {
    const min = Math.min(...errors.map((e) => e[k]!));
    // variants equal to the best within 1e-6 (relative) tie: secular and partial-secular beyond the cutoff are one equation
    const label = labels.filter((_, i) => errors[i]![k]! <= min * (1 + 1e-6)).join(' = ');
    const last = out.at(-1);
    if (last && last.label === label) {
      last.to = x;
      last.worst = Math.max(last.worst, min);
    } else out.push({ label, from: x, to: x, worst: min });
  });
  return out;
}

export function ktVersusHeom(study: Study): Promise<KtResult> {
  return study.memo('approx:kt-heom', async () => {
    const root = study.provider.root;
    const data = JSON.parse(readFileSync(join(root, HEOM_FILE), 'utf8')) as { parameters: Params; points: HeomPoint[] };
    const eps = data.parameters.eps!;
    const points = data.points.filter((pt) => pt.J12 !== eps);
    const omitted = data.points.filter((pt) => pt.J12 === eps).map((pt) => pt.J12);
    const model = JSON.parse(readFileSync(join(root, KT_FILE), 'utf8')) as { name: string };
    const list: KtVariant[] = [];
    for (const a of SECTION_APPROX) {
      list.push({ approx: a, lambShift: false, label: approximation(a).name });
      try {
        readFileSync(join(root, 'derivations', 'generated', `${model.name}.${a}.lamb-shift.ts`));
        list.push({ approx: a, lambShift: true, label: `${approximation(a).name} + Lamb shift` });
      } catch {
        // no Lamb-shift module of this approximation (the ULE keeps no principal values)
      }
    }
    const variants = await Promise.all(
      list.map(async (v) => {
        const s = await study.sampler(KT_FILE, v.approx, v.lambShift);
        const J_h: number[] = [];
        const coherence: { re: number; im: number }[] = [];
        for (const pt of points) {
          const p = s.params({ ...data.parameters, J12: pt.J12, secularCutoff: KT_CUTOFF });
          const a = s.analyze(p);
          J_h.push(heatCurrents(s.model, p, a.rho).h!);
          coherence.push(bareCoherence(s, p, a.rho));
        }
        const errJ = points.map((pt, k) => rel(J_h[k]!, pt.J_h));
        const errC = points.map((pt, k) => Math.hypot(coherence[k]!.re - pt.coherence.re, coherence[k]!.im - pt.coherence.im) / Math.hypot(pt.coherence.re, pt.coherence.im));
        return { ...v, J_h, coherence, errJ, errC };
      }),
    );
    const xs = points.map((pt) => pt.J12);
    const labels = variants.map((v) => v.label);
    const closest = { J_h: argminRanges(xs, labels, variants.map((v) => v.errJ)), coherence: argminRanges(xs, labels, variants.map((v) => v.errC)) };
    const last = xs.length - 1;
    const atEnd = (key: 'errJ' | 'errC') => {
      const min = Math.min(...variants.map((v) => v[key][last]!));
      return { label: variants.filter((v) => v[key][last]! <= min * (1 + 1e-6)).map((v) => v.label).join(' = '), error: min };
    };
    return {
      lam: data.parameters.lam!,
      cutoff: KT_CUTOFF,
      J12: xs,
      omitted,
      heom: { J_h: points.map((pt) => pt.J_h), coherence: points.map((pt) => pt.coherence) },
      variants,
      closest,
      largeJ12: { J_h: atEnd('errJ'), coherence: atEnd('errC') },
    };
  });
}

export async function approximationsSection(study: Study): Promise<ApproximationsSection> {
  const [a, kt] = await Promise.all([caseA(study), ktVersusHeom(study)]);
  return { caseA: a, kt };
}
