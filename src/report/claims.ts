// The quantitative claims of the two papers, judged by computation.
//
// Contract:
//  - CLAIMS is data: each claim quotes the paper (with its equation/figure reference), says what is computed,
//    carries a Criterion (the tolerance, stated before any number is seen), and a measure(study) that computes the
//    number(s) from the generated models. Nothing here writes a verdict by hand.
//  - judge(criterion, measurement) is the only place a verdict is decided: "reproduced" or "differs", with the
//    size of the difference. It is a pure function (unit-tested on synthetic numbers).
//  - evaluateClaims runs every claim; a claim whose computation throws gets verdict "error" (with the message),
//    which the report counts as a failure, and the others go on.
//
// Tolerance rules, applied uniformly:
//  - a value the paper quotes as approximate ("approximately 0.15", "around Ta/γ = 8") is reproduced when the
//    computed value lies within max(10 % of the quoted value, one unit of its last quoted digit) — see quoted();
//  - "vanishes"/"no coherence": |value| ≤ 1e-10 (roundoff of these solves is ~1e-16 relative; 1e-10 leaves six
//    orders of margin and is still far below any coherence the papers discuss, ≥ 1e-3);
//  - qualitative shapes ("increases with", "overlapped", "greatest at resonance") are counted: the number of grid
//    points that violate the statement, reproduced when it is 0; steps smaller than 1e-9 of the curve's range
//    count as flat (not as violations), so roundoff cannot decide;
//  - words of size ("order of magnitude", "much smaller", "overlapped") are read as stated in each claim's criterion.
import type { Params } from '../numeric/generatedModel.ts';
import { commutatorFlux } from '../numeric/observables.ts';
import { fmt, signed } from './format.ts';
import { type MapData, type ModelUse, type Sampler, type Study, absElement, argmaxLine, imElement, l1, linspace, mapMax, maximizeBox } from './study.ts';
import {
  HJ_DT,
  HJ_FILES,
  HJ_FIXED,
  HJ_FIG2A_TA,
  HJ_TA,
  LCS_DET0,
  LCS_DT,
  LCS_ELEMENT,
  LCS_EQ20_T,
  LCS_FILES,
  LCS_T,
  type HjCase,
  hjFig2a,
  hjFig2b,
  hjFlux,
  hjMap,
  lcsEq20,
  lcsMap,
  lcsTwoTlsFlux,
  rho32,
} from './datasets.ts';

// ───────────────────────── criteria and the judge ─────────────────────────

export type Criterion =
  /** |v_k − target_k| ≤ tol_k for every component */
  | { kind: 'approx'; target: number[]; tol: number[]; names?: string[] }
  /** |v_k| ≤ tol */
  | { kind: 'zero'; tol: number }
  /** v_k < bound */
  | { kind: 'below'; bound: number }
  /** v_k > bound */
  | { kind: 'above'; bound: number }
  /** lo ≤ v_k ≤ hi */
  | { kind: 'between'; lo: number; hi: number }
  /** v = number of violations out of `total` (in the measurement); reproduced when 0 */
  | { kind: 'count' };

export interface Measurement {
  value: number[];
  /** for count criteria: how many checks were made */
  total?: number;
  /** how the number was obtained, and anything the reader needs to weigh it (computed text only) */
  detail: string;
}

export type Verdict = 'reproduced' | 'differs';

export interface Judgement {
  verdict: Verdict;
  /** the size of the difference, in words with numbers */
  difference: string;
  /** the largest miss over the components (0 when reproduced, for every kind but approx where it is |v − target|) */
  size: number;
}

/** Tolerance for a value quoted as approximate: max(10 % of it, one unit of its last quoted digit). */
export function quoted(value: number, lastDigit: number): number {
  return Math.max(0.1 * Math.abs(value), lastDigit);
}

export function approx(target: number, lastDigit: number): Criterion {
  return { kind: 'approx', target: [target], tol: [quoted(target, lastDigit)] };
}

export function judge(c: Criterion, m: Measurement): Judgement {
  const v = m.value;
  if (v.length === 0 || v.some((x) => !Number.isFinite(x))) return { verdict: 'differs', difference: `no finite value computed (${v.map((x) => fmt(x)).join(', ')})`, size: Infinity };
  switch (c.kind) {
    case 'approx': {
      if (c.target.length !== v.length || c.tol.length !== v.length) throw new Error(`criterion has ${c.target.length} targets for ${v.length} values`);
      const diffs = v.map((x, k) => x - c.target[k]!);
      const ok = diffs.every((d, k) => Math.abs(d) <= c.tol[k]!);
      const parts = diffs.map((d, k) => `${c.names?.[k] ? `${c.names[k]}: ` : ''}computed − quoted = ${signed(d)} (${fmt(Math.abs(d) / Math.abs(c.target[k]! || 1) * 100, 2)} %, tolerance ±${fmt(c.tol[k]!)})`);
      return { verdict: ok ? 'reproduced' : 'differs', difference: parts.join('; '), size: Math.max(...diffs.map(Math.abs)) };
    }
    case 'zero': {
      const worst = Math.max(...v.map(Math.abs));
      return { verdict: worst <= c.tol ? 'reproduced' : 'differs', difference: `largest |value| = ${fmt(worst)} (tolerance ${fmt(c.tol)})`, size: worst };
    }
    case 'below': {
      const worst = Math.max(...v);
      return { verdict: worst < c.bound ? 'reproduced' : 'differs', difference: worst < c.bound ? `${fmt(worst)} < ${fmt(c.bound)} (margin ${fmt(c.bound - worst)})` : `${fmt(worst)} ≥ ${fmt(c.bound)} (exceeds by ${fmt(worst - c.bound)})`, size: Math.max(0, worst - c.bound) };
    }
    case 'above': {
      const worst = Math.min(...v);
      return { verdict: worst > c.bound ? 'reproduced' : 'differs', difference: worst > c.bound ? `${fmt(worst)} > ${fmt(c.bound)}` : `${fmt(worst)} ≤ ${fmt(c.bound)} (short by ${fmt(c.bound - worst)})`, size: Math.max(0, c.bound - worst) };
    }
    case 'between': {
      const miss = v.map((x) => (x < c.lo ? c.lo - x : x > c.hi ? x - c.hi : 0));
      const worst = Math.max(...miss);
      return {
        verdict: worst === 0 ? 'reproduced' : 'differs',
        difference: `${v.map((x) => fmt(x)).join(', ')} ${worst === 0 ? 'within' : 'outside'} [${fmt(c.lo)}, ${fmt(c.hi)}]${worst === 0 ? '' : ` (by ${fmt(worst)})`}`,
        size: worst,
      };
    }
    case 'count': {
      const n = v.reduce((a, b) => a + b, 0);
      const of = m.total !== undefined ? ` of ${m.total}` : '';
      return { verdict: n === 0 ? 'reproduced' : 'differs', difference: `${n}${of} checks violate the statement`, size: n };
    }
  }
}

/** The criterion in words, for the report table. */
export function criterionText(c: Criterion): string {
  switch (c.kind) {
    case 'approx':
      return c.target.map((t, k) => `${c.names?.[k] ? `${c.names[k]} ` : ''}${fmt(t)} ± ${fmt(c.tol[k]!)}`).join(', ');
    case 'zero':
      return `|value| ≤ ${fmt(c.tol)}`;
    case 'below':
      return `< ${fmt(c.bound)}`;
    case 'above':
      return `> ${fmt(c.bound)}`;
    case 'between':
      return `in [${fmt(c.lo)}, ${fmt(c.hi)}]`;
    case 'count':
      return 'no violations';
  }
}

// ───────────────────────── helpers for measurements ─────────────────────────

/** Decreasing steps of a sequence, ignoring changes below `flat` (roundoff). */
export function decreases(ys: ArrayLike<number>, flat: number): number {
  let n = 0;
  for (let k = 1; k < ys.length; k++) if (ys[k]! < ys[k - 1]! - flat) n++;
  return n;
}

function column(m: MapData, ix: number): number[] {
  return m.ys.map((_, iy) => m.values[iy * m.xs.length + ix]!);
}

function row(m: MapData, iy: number): number[] {
  return m.xs.map((_, ix) => m.values[iy * m.xs.length + ix]!);
}

function rangeOf(values: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    lo = Math.min(lo, values[k]!);
    hi = Math.max(hi, values[k]!);
  }
  return hi - lo;
}

const hjAt = (delta: number, ta: number, dt: number): Params => ({ ...HJ_FIXED, Delta: delta, Ta: ta, Tb: ta + dt });

/** The maximum of |ρ32| of a case over the map's box, refined from the grid maximum by a compass search. */
function hjRefinedMax(study: Study, c: HjCase): Promise<{ ta: number; dt: number; value: number; grid: number }> {
  return study.memo(`hj-refined-max-${c}`, async () => {
    const [m, s] = await Promise.all([hjMap(study, c), study.sampler(HJ_FILES[c])]);
    const top = mapMax(m);
    const hx = (HJ_TA[1] - HJ_TA[0]) / Math.max(1, m.xs.length - 1);
    const hy = (HJ_DT[1] - HJ_DT[0]) / Math.max(1, m.ys.length - 1);
    const best = maximizeBox((ta, dt) => s.value(hjAt(0, ta, dt), rho32), { x: HJ_TA, y: HJ_DT }, { x: top.x, y: top.y }, { hx, hy });
    return { ta: best.x, dt: best.y, value: best.value, grid: top.value };
  });
}

/** Planck occupation 1/(e^{ε/T} − 1); 0 at T = 0. */
function planck(e: number, t: number): number {
  return t > 0 ? 1 / Math.expm1(e / t) : 0;
}

/** Seed 000 Eq. (8) coefficients Γ1…Γ4 of Case A at p (A1 = γ(Na + 1), A2 = γ Na, B likewise). */
function hjGammas(p: Params): [number, number, number, number] {
  const r = Math.sqrt(p.Delta! ** 2 + 4 * p.xi! ** 2);
  const cosTheta = p.Delta! / r;
  const c2 = (1 + cosTheta) / 2;
  const s2 = (1 - cosTheta) / 2;
  const e1 = p.Omega! + r / 2;
  const e2 = p.Omega! - r / 2;
  const g = p.gamma!;
  const A1 = (e: number) => g * (planck(e, p.Ta!) + 1);
  const A2 = (e: number) => g * planck(e, p.Ta!);
  const B1 = (e: number) => g * (planck(e, p.Tb!) + 1);
  const B2 = (e: number) => g * planck(e, p.Tb!);
  return [c2 * A1(e1) + s2 * B1(e1), c2 * A2(e1) + s2 * B2(e1), s2 * A1(e2) + c2 * B1(e2), s2 * A2(e2) + c2 * B2(e2)];
}

/** A coarse sub-grid (about k × k points) of a map's box. */
function subgrid(x: [number, number], y: [number, number], k: number): [number, number][] {
  const out: [number, number][] = [];
  for (const a of linspace(x[0], x[1], k)) for (const b of linspace(y[0], y[1], k)) out.push([a, b]);
  return out;
}

// ───────────────────────── the claims ─────────────────────────

export interface Claim {
  id: string;
  paper: '000' | '001';
  /** equation / figure / section of the paper */
  ref: string;
  /** the paper's words */
  quote: string;
  /** what the toolkit computes to judge it */
  computed: string;
  /**
   * Context the reader needs to weigh the result (a derivation by hand, why a reading was chosen). Written before
   * and independently of the computed numbers: it never states a verdict or a computed value.
   */
  note?: string;
  criterion: Criterion;
  measure(study: Study): Promise<Measurement>;
}

const ZERO = 1e-10;

/** Over the points of each map with ΔT > 0: how many have a value ≤ ZERO, how many there are, and the smallest value per map. */
function vanishingAtPositiveDt(maps: MapData[]): { bad: number; total: number; smallest: number[] } {
  let bad = 0;
  let total = 0;
  const smallest = maps.map((m) => {
    let min = Infinity;
    m.ys.forEach((dt, iy) => {
      if (dt <= 0) return;
      for (const v of row(m, iy)) {
        total++;
        if (!(v > ZERO)) bad++;
        min = Math.min(min, v);
      }
    });
    return min;
  });
  return { bad, total, smallest };
}

export const CLAIMS: Claim[] = [
  // ── seed 000: Huangfu & Jing ──
  {
    id: 'hj-secular-no-coherence',
    paper: '000',
    ref: 'Sec. III A, Eq. (9)',
    quote: 'when one applies the master equation with the secular approximation, the coherence terms completely disappear in the steady state even under a non-equilibrium heat environment',
    computed: 'largest |ρ32| of the secular steady state of Case A over the Fig. 3 grid (Δ = 0)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await hjMap(study, 'A', 'secular');
      const top = mapMax(m);
      return { value: [top.value], detail: `max over ${m.values.length} grid points = ${fmt(top.value)}` };
    },
  },
  {
    id: 'hj-eq9-populations',
    paper: '000',
    ref: 'Eq. (9)',
    quote: 'ρ11 = Γ2Γ4/Γ, ρ22 = Γ2Γ3/Γ, ρ33 = Γ1Γ4/Γ, and ρ44 = Γ1Γ3/Γ with Γ = (Γ1 + Γ2)(Γ3 + Γ4)',
    computed: 'largest |ρ_ii − Eq. (9)| of the secular Case A steady state, with Γ1…Γ4 of Eq. (8) evaluated independently from Planck numbers, on a 5 × 5 grid of (Ta, ΔT) for Δ/γ ∈ {0, 10}',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const s = await study.sampler(HJ_FILES.A, 'secular');
      let worst = 0;
      let n = 0;
      for (const delta of [0, 10]) {
        for (const [ta, dt] of subgrid(HJ_TA, HJ_DT, 5)) {
          const p = s.params(hjAt(delta, ta, dt));
          const rho = s.state(p);
          const [g1, g2, g3, g4] = hjGammas(p);
          const G = (g1 + g2) * (g3 + g4);
          const expected = [g2 * g4, g2 * g3, g1 * g4, g1 * g3].map((x) => x / G);
          expected.forEach((e, i) => (worst = Math.max(worst, Math.abs(rho.re[i * 5]! - e))));
          n++;
        }
      }
      return { value: [worst], detail: `${n} points; largest population difference ${fmt(worst)}` };
    },
  },
  {
    id: 'hj-fig2a-monotonic',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: 'The absolute value of the coherence term ρ32 increases monotonically with ΔT',
    computed: 'decreasing steps of |ρ32|(ΔT) on each of the five Fig. 2(a) curves (Ta = 10)',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2a(study);
      const counts = set.curves.map((c) => decreases(c.values, 1e-9 * rangeOf(c.values)));
      return { value: [counts.reduce((a, b) => a + b, 0)], total: set.curves.length * (set.xs.length - 1), detail: set.curves.map((c, k) => `Δ = ${c.key}: ${counts[k]}`).join(', ') };
    },
  },
  {
    id: 'hj-fig2a-saturation',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: '[|ρ32|] increases monotonically with ΔT and then tends toward a stable value',
    computed: 'growth of |ρ32| (Δ = 0, Ta = 10) over the last fifth of the plotted ΔT range (80 → 100), relative to its value at ΔT = 100; read as "stable" when below 5 %',
    criterion: { kind: 'below', bound: 0.05 },
    async measure(study) {
      const set = await hjFig2a(study);
      const c = set.curves.find((x) => x.key === '0')!;
      const k80 = set.xs.findIndex((x) => x >= HJ_DT[0] + 0.8 * (HJ_DT[1] - HJ_DT[0]));
      const end = c.values[c.values.length - 1]!;
      const growth = (end - c.values[k80]!) / end;
      // For the reader: the mean slope over the last fifth relative to the first fifth (how far the curve has flattened).
      const k20 = set.xs.findIndex((x) => x >= HJ_DT[0] + 0.2 * (HJ_DT[1] - HJ_DT[0]));
      const slope = (a: number, b: number) => (c.values[b]! - c.values[a]!) / (set.xs[b]! - set.xs[a]!);
      const flattening = slope(k80, c.values.length - 1) / slope(0, k20);
      return { value: [growth], detail: `|ρ32| = ${fmt(c.values[k80]!)} at ΔT = ${fmt(set.xs[k80]!)}, ${fmt(end)} at ΔT = ${fmt(set.xs[set.xs.length - 1]!)}: growth ${fmt(growth * 100)} %; mean slope over the last fifth is ${fmt(flattening * 100)} % of that over the first fifth` };
    },
  },
  {
    id: 'hj-fig2a-detuning',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: '|ρ32| is found to increase with decreasing absolute value of the atomic detuning',
    computed: 'points ΔT > 0 of Fig. 2(a) where not |ρ32|(Δ=0) > |ρ32|(Δ=±10) > |ρ32|(Δ=±20)',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2a(study);
      const y = (d: number) => set.curves.find((c) => c.key === String(d))!.values;
      let bad = 0;
      let total = 0;
      set.xs.forEach((dt, k) => {
        if (dt <= 0) return;
        for (const s of [1, -1]) {
          total++;
          if (!(y(0)[k]! > y(10 * s)[k]! && y(10 * s)[k]! > y(20 * s)[k]!)) bad++;
        }
      });
      return { value: [bad], total, detail: `at ΔT = 50: |ρ32| = ${fmt(y(0)[Math.floor(set.xs.length / 2)]!)} (Δ=0), ${fmt(y(10)[Math.floor(set.xs.length / 2)]!)} (Δ=10), ${fmt(y(20)[Math.floor(set.xs.length / 2)]!)} (Δ=20)` };
    },
  },
  {
    id: 'hj-fig2a-overlap',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: 'The curves corresponding to the same absolute value of detuning between the atoms are completely overlapped.',
    note: 'Case A has no symmetry Δ → −Δ: it exchanges the bare frequencies of the atoms, but atom 1 stays on the cold bath a and atom 2 on the hot bath b, so the two curves need not coincide.',
    computed: 'largest |ρ32(+Δ) − ρ32(−Δ)| for |Δ| ∈ {10, 20} along Fig. 2(a), as a fraction of the plot’s y range (largest |ρ32|); read as "overlapped" when below 1 % (about a line width)',
    criterion: { kind: 'below', bound: 0.01 },
    async measure(study) {
      const set = await hjFig2a(study);
      const y = (d: number) => set.curves.find((c) => c.key === String(d))!.values;
      const scale = Math.max(...set.curves.flatMap((c) => c.values));
      let worst = 0;
      let where = '';
      for (const d of [10, 20]) {
        set.xs.forEach((dt, k) => {
          const diff = Math.abs(y(d)[k]! - y(-d)[k]!);
          if (diff / scale > worst) {
            worst = diff / scale;
            where = `|Δ| = ${d}, ΔT = ${fmt(dt)}: |ρ32| = ${fmt(y(d)[k]!)} (Δ = +${d}) vs ${fmt(y(-d)[k]!)} (Δ = −${d})`;
          }
        });
      }
      return { value: [worst], detail: `worst at ${where}` };
    },
  },
  {
    id: 'hj-fig2b-resonant',
    paper: '000',
    ref: 'Fig. 2(b)',
    quote: 'We still obtain the greatest coherence |ρ32| in the resonant situation.',
    computed: 'Ta points of Fig. 2(b) (ΔT = 50) where |ρ32|(Δ = 0) is not larger than every detuned curve',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2b(study);
      const res = set.curves.find((c) => c.key === '0')!.values;
      const others = set.curves.filter((c) => c.key !== '0');
      const bad = set.xs.filter((_, k) => !others.every((c) => res[k]! > c.values[k]!)).length;
      return { value: [bad], total: set.xs.length, detail: `${set.xs.length} values of Ta in [${HJ_TA[0]}, ${HJ_TA[1]}]` };
    },
  },
  {
    id: 'hj-fig2b-optimum',
    paper: '000',
    ref: 'Fig. 2(b)',
    quote: '|ρ32| increases initially and then decreases with increasing Ta … This optimal point is numerically found to be around Ta/γ = 8.',
    computed: 'the Ta that maximises |ρ32| at ΔT = 50, Δ = 0 (golden-section search around the best point of the Fig. 2(b) curve)',
    criterion: approx(8, 1),
    async measure(study) {
      const [set, s] = await Promise.all([hjFig2b(study), study.sampler(HJ_FILES.A)]);
      const best = argmaxLine((ta) => s.value(hjAt(0, ta, 50), rho32), set.xs);
      return { value: [best.x], detail: `optimum Ta/γ = ${fmt(best.x, 4)}, |ρ32| = ${fmt(best.value)} there; interior maximum: ${best.x > set.xs[0]! && best.x < set.xs[set.xs.length - 1]! ? 'yes' : 'no'}` };
    },
  },
  {
    id: 'hj-fig3-max',
    paper: '000',
    ref: 'Fig. 3 (Sec. IV)',
    quote: 'the value in Fig. 3 (of approximately 0.15)',
    computed: 'largest |ρ32| of Case A over Ta ∈ [0.5, 30], ΔT ∈ [0, 100] (grid maximum refined by a compass search)',
    criterion: approx(0.15, 0.01),
    async measure(study) {
      const r = await hjRefinedMax(study, 'A');
      return { value: [r.value], detail: `max |ρ32| = ${fmt(r.value, 4)} at Ta = ${fmt(r.ta)}, ΔT = ${fmt(r.dt)} (grid: ${fmt(r.grid, 4)})` };
    },
  },
  {
    id: 'hj-fig3-zero-dt',
    paper: '000',
    ref: 'Fig. 3',
    quote: '|ρ32| always vanishes when ΔT = 0, i.e., when the non-equilibrium environment reduces to an equilibrium environment',
    computed: 'largest |ρ32| of Case A on the ΔT = 0 row of the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await hjMap(study, 'A');
      const r = row(m, 0);
      return { value: [Math.max(...r)], detail: `${r.length} values of Ta; largest ${fmt(Math.max(...r))}` };
    },
  },
  {
    id: 'hj-fig3-increasing',
    paper: '000',
    ref: 'Fig. 3',
    quote: '|ρ32| always increased with ΔT at a fixed value of Ta',
    computed: 'decreasing steps along ΔT in every Ta column of the Case A map',
    criterion: { kind: 'count' },
    async measure(study) {
      const m = await hjMap(study, 'A');
      const flat = 1e-9 * mapMax(m).value;
      let bad = 0;
      const where: string[] = [];
      m.xs.forEach((ta, ix) => {
        const d = decreases(column(m, ix), flat);
        if (d) where.push(`Ta = ${fmt(ta)}: ${d}`);
        bad += d;
      });
      return { value: [bad], total: m.xs.length * (m.ys.length - 1), detail: where.length ? `decreases at ${where.slice(0, 6).join('; ')}${where.length > 6 ? '; …' : ''}` : `${m.xs.length} columns, all non-decreasing` };
    },
  },
  {
    id: 'hj-fig3-dt70',
    paper: '000',
    ref: 'Fig. 3',
    quote: 'when ΔT/γ = 70, the chosen value of Ta/γ should be roughly 6 to obtain the largest absolute value of the steady-state coherence',
    computed: 'the Ta that maximises |ρ32| of Case A at ΔT = 70, Δ = 0 (golden-section search)',
    criterion: approx(6, 1),
    async measure(study) {
      const s = await study.sampler(HJ_FILES.A);
      const best = argmaxLine((ta) => s.value(hjAt(0, ta, 70), rho32), linspace(HJ_TA[0], HJ_TA[1], Math.max(30, study.grid.nx)));
      return { value: [best.x], detail: `optimum Ta/γ = ${fmt(best.x, 4)}, |ρ32| = ${fmt(best.value)} there` };
    },
  },
  {
    id: 'hj-fig4-max',
    paper: '000',
    ref: 'Fig. 4',
    quote: 'we find that the maximum absolute value of coherence reduces to approximately 0.12',
    computed: 'largest |ρ32| of Case B over the Fig. 3 box (refined)',
    criterion: approx(0.12, 0.01),
    async measure(study) {
      const r = await hjRefinedMax(study, 'B');
      return { value: [r.value], detail: `max |ρ32| = ${fmt(r.value, 4)} at Ta = ${fmt(r.ta)}, ΔT = ${fmt(r.dt)}` };
    },
  },
  {
    id: 'hj-fig4-lower',
    paper: '000',
    ref: 'Fig. 4',
    quote: 'which is slightly lower than the value in Fig. 3',
    computed: 'ratio of the largest |ρ32| of Case B to that of Case A',
    criterion: { kind: 'between', lo: 0.5, hi: 1 - 1e-9 },
    async measure(study) {
      const [a, b] = await Promise.all([hjRefinedMax(study, 'A'), hjRefinedMax(study, 'B')]);
      return { value: [b.value / a.value], detail: `${fmt(b.value, 4)} / ${fmt(a.value, 4)} ("slightly lower" read as a ratio in [0.5, 1))` };
    },
  },
  {
    id: 'hj-fig5-order',
    paper: '000',
    ref: 'Fig. 5',
    quote: 'the maximum value |ρ32| is approximately one order of magnitude lower than that in Case A and Case B',
    computed: 'log10 of the ratio of the largest |ρ32| of Case C to those of Cases A and B; "one order of magnitude" read as −1 ± 0.5 decades',
    criterion: { kind: 'approx', target: [-1, -1], tol: [0.5, 0.5], names: ['C/A', 'C/B'] },
    async measure(study) {
      const [a, b, c] = await Promise.all([hjRefinedMax(study, 'A'), hjRefinedMax(study, 'B'), hjRefinedMax(study, 'C')]);
      return {
        value: [Math.log10(c.value / a.value), Math.log10(c.value / b.value)],
        detail: `max |ρ32|: A ${fmt(a.value, 4)}, B ${fmt(b.value, 4)}, C ${fmt(c.value, 4)}; ratios C/A = ${fmt(c.value / a.value)}, C/B = ${fmt(c.value / b.value)}`,
      };
    },
  },
  {
    id: 'hj-fig5-location',
    paper: '000',
    ref: 'Fig. 5',
    quote: 'the maximum absolute value of |ρ32| is in the region around ΔT/γ = 48 and Ta/γ = 2',
    computed: 'where Case C’s |ρ32| is largest in the Fig. 3 box (grid maximum refined by a compass search)',
    criterion: { kind: 'approx', target: [48, 2], tol: [quoted(48, 1), quoted(2, 1)], names: ['ΔT/γ', 'Ta/γ'] },
    async measure(study) {
      const r = await hjRefinedMax(study, 'C');
      return { value: [r.dt, r.ta], detail: `max |ρ32| = ${fmt(r.value, 4)} at ΔT/γ = ${fmt(r.dt, 4)}, Ta/γ = ${fmt(r.ta, 4)}` };
    },
  },
  {
    id: 'hj-fig5-nonmonotonic',
    paper: '000',
    ref: 'Fig. 5',
    quote: '|ρ32| no longer increases monotonically with temperature difference at a (properly) fixed value of Ta … Beyond this point, increasing the temperature difference gives rise to decreasing coherence.',
    computed: 'drop of Case C’s |ρ32| from its maximum over ΔT ∈ [0, 100] to its value at ΔT = 100, at Ta = 2, relative to the maximum',
    criterion: { kind: 'above', bound: 1e-6 },
    async measure(study) {
      const s = await study.sampler(HJ_FILES.C);
      const dts = linspace(HJ_DT[0], HJ_DT[1], study.grid.line);
      const ys = s.line(dts, (dt) => hjAt(0, 2, dt), rho32);
      const top = Math.max(...ys);
      const end = ys[ys.length - 1]!;
      return { value: [(top - end) / top], detail: `at Ta = 2: max ${fmt(top, 4)} at ΔT = ${fmt(dts[ys.indexOf(top)]!)}, ${fmt(end, 4)} at ΔT = 100` };
    },
  },
  {
    id: 'hj-nonzero-dt',
    paper: '000',
    ref: 'Sec. IV (Figs. 3–5)',
    quote: 'One commonality of these three cases is that a non-vanishing coherence can emerge when ΔT > 0.',
    computed: 'grid points with ΔT > 0 where |ρ32| ≤ 1e-10, on the maps of Cases A, B and C',
    criterion: { kind: 'count' },
    async measure(study) {
      const maps = await Promise.all((['A', 'B', 'C'] as const).map((c) => hjMap(study, c)));
      const { bad, total, smallest } = vanishingAtPositiveDt(maps);
      return { value: [bad], total, detail: smallest.map((min, k) => `${'ABC'[k]}: smallest ${fmt(min)}`).join(', ') };
    },
  },
  {
    id: 'hj-case-d',
    paper: '000',
    ref: 'Sec. IV, Case D',
    quote: 'In this case, we also investigate the relationship between the coherence term in the steady state and the temperatures of the two baths. We find that the residual coherence terms completely vanish.',
    computed: 'largest |ρ32| of Case D over the Fig. 3 grid at Δ = 0 (non-unique steady state: limit of the maximally mixed state), and along ΔT at Ta = 10 for Δ = 5 (unique)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const [m, s] = await Promise.all([hjMap(study, 'D'), study.sampler(HJ_FILES.D)]);
      const detuned = s.line(linspace(HJ_DT[0], HJ_DT[1], 21), (dt) => hjAt(5, 10, dt), rho32);
      const a = mapMax(m).value;
      const b = Math.max(...detuned);
      return { value: [a, b], detail: `Δ = 0 map: ${fmt(a)} (${m.nonUnique} of ${m.values.length} points with a non-unique steady state); Δ = 5 line: ${fmt(b)}` };
    },
  },
  {
    id: 'hj-channels',
    paper: '000',
    ref: 'Abstract, Sec. V',
    quote: 'The absolute value of quantum coherence decreases in the presence of additional atom-bath interaction channels.',
    computed: 'orderings of the largest |ρ32| over the Fig. 3 box: A > B, A > C (one extra channel), B > D, C > D (two extra channels)',
    criterion: { kind: 'count' },
    async measure(study) {
      const [a, b, c] = await Promise.all((['A', 'B', 'C'] as const).map((x) => hjRefinedMax(study, x)));
      const d = mapMax(await hjMap(study, 'D')).value;
      const checks = [a.value > b.value, a.value > c.value, b.value > d, c.value > d];
      return { value: [checks.filter((x) => !x).length], total: checks.length, detail: `A ${fmt(a.value)}, B ${fmt(b.value)}, C ${fmt(c.value)}, D ${fmt(d)}` };
    },
  },
  {
    id: 'hj-eq13',
    paper: '000',
    ref: 'Eq. (13)',
    quote: 'J1−2 = −i⟨[σ1^z, HS]⟩ = −4ξ Im(ρ32)',
    note: 'By hand, with the paper’s Eq. (2): in the block (|eg⟩, |ge⟩), σ1^z = diag(1, −1) and [σ1^z, HS] has entries +2ξ (upper right) and −2ξ (lower left), so −i⟨[σ1^z, HS]⟩ = 4ξ Im⟨ge|ρ|eg⟩; and with |λ2⟩ = c|eg⟩ + s|ge⟩, |λ3⟩ = −s|eg⟩ + c|ge⟩, Im⟨ge|ρ|eg⟩ = (c² + s²) Im ρ32 = Im ρ32. The paper’s own definitions therefore give +4ξ Im ρ32; the detail reports the computed flux against both signs.',
    computed: 'largest |J1−2 − (−4ξ Im ρ32)| / max|J1−2| along ΔT (Case A, Ta = 10, Δ = 0), with J1−2 = −i⟨[σ1^z, H_S]⟩ computed from the steady state (σ1^z on the eigenbasis of Eq. (2))',
    criterion: { kind: 'zero', tol: 1e-9 },
    async measure(study) {
      const f = await hjFlux(study);
      const xi = HJ_FIXED.xi;
      const scale = Math.max(...f.flux.map(Math.abs));
      const dev = (sign: number) => Math.max(...f.flux.map((j, k) => Math.abs(j - sign * 4 * xi * f.im32[k]!))) / scale;
      const k = f.dts.findIndex((d) => d >= 50);
      return {
        value: [dev(-1)],
        detail: `relative deviation from −4ξ Im ρ32: ${fmt(dev(-1))}; from +4ξ Im ρ32: ${fmt(dev(+1))}. At ΔT = ${fmt(f.dts[k]!)}: J1−2 = ${fmt(f.flux[k]!, 4)}, Im ρ32 = ${fmt(f.im32[k]!, 4)}, −4ξ Im ρ32 = ${fmt(-4 * xi * f.im32[k]!, 4)}`,
      };
    },
  },

  // ── seed 001: Li, Cai & Sun ──
  {
    id: 'lcs-secular-diagonal',
    paper: '001',
    ref: 'Sec. 2.2, Eqs. (9)–(11)',
    quote: 'no matter whether the environment is in equilibrium, we always obtain a steady state of a diagonal form ρs = Σ Pn|n⟩⟨n|, and all the off-diagonal terms of ρs vanish',
    computed: 'largest Σ_{i≠j}|ρ_ij| of the secular steady states of Λ and V over a grid of (T, ΔT) of Fig. 3',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      let worst = 0;
      let n = 0;
      for (const kind of ['lambda', 'v'] as const) {
        const s = await study.sampler(LCS_FILES[kind], 'secular');
        for (const [t, dt] of subgrid(LCS_T, LCS_DT, 8)) {
          worst = Math.max(worst, s.value({ TL: t, TR: t + dt }, l1));
          n++;
        }
      }
      return { value: [worst], detail: `${n} points; largest ${fmt(worst)}` };
    },
  },
  {
    id: 'lcs-eq11-populations',
    paper: '001',
    ref: 'Eq. (11)',
    quote: 'n1/ne = Γ−11(ε1)/Γ+11(ε1), n2/ne = Γ−22(ε2)/Γ+22(ε2)',
    computed: 'largest relative difference between n_i/n_e of the secular Λ steady state and Γ−ii(εi)/Γ+ii(εi) of Eq. (6), evaluated independently from Planck numbers, on an 8 × 8 grid of (T, ΔT)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda, 'secular');
      let worst = 0;
      let n = 0;
      for (const [t, dt] of subgrid(LCS_T, LCS_DT, 8)) {
        const p = s.params({ TL: t, TR: t + dt });
        const rho = s.state(p);
        const eps = [p.eps! + p.D12! / 2, p.eps! - p.D12! / 2];
        const gL = [p.g11L!, p.g22L!];
        const gR = [p.g11R!, p.g22R!];
        for (const i of [0, 1]) {
          const nl = planck(eps[i]!, p.TL!);
          const nr = planck(eps[i]!, p.TR!);
          const ratio = (gL[i]! * (nl + 1) + gR[i]! * (nr + 1)) / (gL[i]! * nl + gR[i]! * nr);
          const computed = rho.re[i * 4]! / rho.re[8]!;
          worst = Math.max(worst, Math.abs(computed / ratio - 1));
        }
        n++;
      }
      return { value: [worst], detail: `${n} points; largest relative difference ${fmt(worst)}` };
    },
  },
  {
    id: 'lcs-eq18-equilibrium',
    paper: '001',
    ref: 'Eqs. (17)–(18)',
    quote: 'ni/ng = Γ+ii(εi)/Γ−ii(εi) = e^{−εi/T}, ρ12 = ρ*21 = 0, (18) is exactly the steady solution of Eq. (13)',
    computed: 'largest |ρ − e^{−H/T}/Z| (every element) of the non-secular Λ and V steady states at ΔT = 0, for the T values of the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      let worst = 0;
      let coh = 0;
      let n = 0;
      for (const kind of ['lambda', 'v'] as const) {
        const s = await study.sampler(LCS_FILES[kind]);
        for (const t of linspace(LCS_T[0], LCS_T[1], study.grid.nx)) {
          const p = s.params({ TL: t, TR: t });
          const rho = s.state(p);
          const E = s.model.energies(p);
          const emin = Math.min(...E);
          const w = Array.from(E, (e) => Math.exp(-(e - emin) / t));
          const Z = w.reduce((a, b) => a + b, 0);
          const d = rho.n;
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              const target = a === b ? w[a]! / Z : 0;
              const diff = Math.hypot(rho.re[a * d + b]! - target, rho.im[a * d + b]!);
              worst = Math.max(worst, diff);
              if (a !== b) coh = Math.max(coh, diff);
            }
          }
          n++;
        }
      }
      return { value: [worst], detail: `${n} points; largest deviation from the Gibbs state ${fmt(worst)} (largest coherence ${fmt(coh)})` };
    },
  },
  {
    id: 'lcs-fig3-nonzero',
    paper: '001',
    ref: 'Fig. 3, Sec. 3.1',
    quote: 'We see that |ρ12| = |τ21| does not vanish in the steady state, that is, there exist steady quantum coherence in the non-equilibrium system.',
    computed: 'grid points with ΔT > 0 where |ρ12| ≤ 1e-10, on the Λ and V maps',
    criterion: { kind: 'count' },
    async measure(study) {
      const maps = await Promise.all((['lambda', 'v'] as const).map((k) => lcsMap(study, k)));
      const { bad, total, smallest } = vanishingAtPositiveDt(maps);
      const detail = smallest.map((min, k) => `${k === 0 ? 'Λ' : 'V'}: smallest ${fmt(min)}, largest ${fmt(mapMax(maps[k]!).value)}`);
      return { value: [bad], total, detail: detail.join('; ') };
    },
  },
  {
    id: 'lcs-fig3-increasing',
    paper: '001',
    ref: 'Fig. 3, Abstract',
    quote: 'when the lower temperature TL = T is given, the nonzero off-diagonal term |ρ12| increases with the temperature difference ΔT',
    computed: 'decreasing steps along ΔT in every T column of the Λ and V maps',
    criterion: { kind: 'count' },
    async measure(study) {
      const kinds = ['lambda', 'v'] as const;
      const maps = await Promise.all(kinds.map((k) => lcsMap(study, k)));
      // Re of the plotted element (Λ: ρ[0][1], V: ρ[1][2]), to tell a zero crossing of ρ12 from a genuine decrease.
      const reOf = { lambda: (rho: { n: number; re: Float64Array }) => rho.re[1]!, v: (rho: { n: number; re: Float64Array }) => rho.re[rho.n + 2]! };
      let bad = 0;
      let total = 0;
      const where: { kind: (typeof kinds)[number]; t: number; iy: number; m: MapData; text: string }[] = [];
      maps.forEach((m, k) => {
        const flat = 1e-9 * mapMax(m).value;
        let own = 0;
        m.xs.forEach((t, ix) => {
          const col = column(m, ix);
          for (let iy = 1; iy < col.length; iy++) {
            if (col[iy]! < col[iy - 1]! - flat) {
              own++;
              if (where.length < 6) where.push({ kind: kinds[k]!, t, iy, m, text: `${k === 0 ? 'Λ' : 'V'} at T = ${fmt(t)}, ΔT ${fmt(m.ys[iy - 1]!)} → ${fmt(m.ys[iy]!)}: ${fmt(col[iy - 1]!)} → ${fmt(col[iy]!)}` });
            }
          }
        });
        bad += own;
        total += m.xs.length * (m.ys.length - 1);
      });
      const texts: string[] = [];
      for (const w of where) {
        const s = await study.sampler(LCS_FILES[w.kind]);
        const lo = w.m.ys[w.iy - 1]!;
        const hi = w.m.ys[Math.min(w.m.ys.length - 1, w.iy + 1)]!;
        const a = reOf[w.kind](s.state({ TL: w.t, TR: w.t + lo }));
        const b = reOf[w.kind](s.state({ TL: w.t, TR: w.t + hi }));
        texts.push(`${w.text} (Re ρ12 ${Math.sign(a) !== Math.sign(b) ? `changes sign between ΔT = ${fmt(lo)} and ${fmt(hi)}: ρ12 passes through zero` : `keeps its sign on [${fmt(lo)}, ${fmt(hi)}]`})`);
      }
      return { value: [bad], total, detail: texts.length ? `decreases: ${texts.join('; ')}${bad > texts.length ? '; …' : ''}` : `${maps.length} maps, ${maps[0]!.xs.length} columns each, all non-decreasing` };
    },
  },
  {
    id: 'lcs-fig3-ends',
    paper: '001',
    ref: 'Fig. 3, Sec. 3.1',
    quote: 'when the lower temperatures TL is quite high or approaches the zero temperature, |ρ12| becomes small but keeps nonzero',
    note: 'The paper does not say at which ΔT; the measurement fixes ΔT = 1 and varies T = TL over [0.01, 5] (beyond the map, whose T axis starts at 0.1).',
    computed: 'Λ’s |ρ12| at T = 0.01 and at T = 5 (ΔT = 1), each divided by its maximum over T ∈ [0.01, 5]; "small but nonzero" read as a ratio in (1e-10, 0.5]',
    criterion: { kind: 'between', lo: ZERO, hi: 0.5 },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda);
      const ts = linspace(0.01, 5, study.grid.line);
      const ys = s.line(ts, (t) => ({ TL: t, TR: t + 1 }), LCS_ELEMENT.lambda.obs);
      const top = Math.max(...ys);
      const lo = ys[0]! / top;
      const hi = ys[ys.length - 1]! / top;
      return { value: [lo, hi], detail: `max ${fmt(top)} at T = ${fmt(ts[ys.indexOf(top)]!)}; |ρ12| = ${fmt(ys[0]!)} at T = 0.01 (ratio ${fmt(lo)}), ${fmt(ys[ys.length - 1]!)} at T = 5 (ratio ${fmt(hi)})` };
    },
  },
  {
    id: 'lcs-v-smaller',
    paper: '001',
    ref: 'Sec. 4, Fig. 3(b)',
    quote: 'the maximum value of |ρ12| in the V-type system is much smaller than that in the Λ-type system [see Fig. 3(a)]',
    computed: 'ratio of the largest |⟨e1|ρ|e2⟩| of V to the largest |⟨g1|ρ|g2⟩| of Λ over the same (T, ΔT) grid; "much smaller" read as at least a factor 2 (ratio < 0.5)',
    criterion: { kind: 'below', bound: 0.5 },
    async measure(study) {
      const [lam, v] = await Promise.all([lcsMap(study, 'lambda'), lcsMap(study, 'v')]);
      const a = mapMax(lam).value;
      const b = mapMax(v).value;
      return { value: [b / a], detail: `V ${fmt(b, 4)} / Λ ${fmt(a, 4)} = ${fmt(b / a)}` };
    },
  },
  {
    id: 'lcs-xi-zero',
    paper: '001',
    ref: 'Sec. 4, Eq. (24)',
    quote: 'for the Ξ-type system, there is always no quantum coherence left in the steady state',
    computed: 'largest Σ_{i≠j}|ρ_ij| of the non-secular Ξ steady state over the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await lcsMap(study, 'xi');
      return { value: [mapMax(m).value], detail: `${m.values.length} points; largest ${fmt(mapMax(m).value)}` };
    },
  },
  {
    id: 'lcs-eq20-zero',
    paper: '001',
    ref: 'Eqs. (20)–(22)',
    quote: 'when the coupling spectrums γij^(α) satisfy the following relation (20) … Thus the condition (19) is satisfied to give rise to vanishing quantum coherence.',
    computed: `largest |ρ12| of Λ for ΔT ∈ (0, ${LCS_DT[1]}] at T = ${LCS_EQ20_T} with γ11^(L)/γ11^(R) = γ22^(L)/γ22^(R) = 1/2 (f = 1, real cross spectra, so Eq. (20) holds)`,
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const set = await lcsEq20(study);
      const ys = set.curves.find((c) => c.key === 'proportional')!.values.filter((_, k) => set.xs[k]! > 0);
      return { value: [Math.max(...ys)], detail: `${ys.length} values of ΔT > 0; largest ${fmt(Math.max(...ys))}` };
    },
  },
  {
    id: 'lcs-eq20-broken',
    paper: '001',
    ref: 'Eqs. (19)–(20)',
    quote: 'If the relation (20) is not satisfied, usually we obtain nonzero ρ12/21 in the steady state.',
    computed: `points ΔT ∈ (0, ${LCS_DT[1]}] (T = ${LCS_EQ20_T}) where Λ’s |ρ12| ≤ 1e-10 with the Fig. 3 couplings, which violate Eq. (20)`,
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await lcsEq20(study);
      const ys = set.curves.find((c) => c.key === 'fig3')!.values.filter((_, k) => set.xs[k]! > 0);
      return { value: [ys.filter((y) => !(y > ZERO)).length], total: ys.length, detail: `smallest ${fmt(Math.min(...ys))}, largest ${fmt(Math.max(...ys))}` };
    },
  },
  {
    id: 'lcs-f-half',
    paper: '001',
    ref: 'Sec. 3.1',
    quote: 'If we have fα(ω) < 1, the steady quantum coherence is suppressed, but still keeps nonzero.',
    computed: `points ΔT ∈ (0, ${LCS_DT[1]}] (T = ${LCS_EQ20_T}) where not 1e-10 < |ρ12|(f = 1/2) < |ρ12|(f = 1), Λ-type`,
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await lcsEq20(study);
      const full = set.curves.find((c) => c.key === 'fig3')!.values;
      const half = set.curves.find((c) => c.key === 'half')!.values;
      let bad = 0;
      let total = 0;
      set.xs.forEach((dt, k) => {
        if (dt <= 0) return;
        total++;
        if (!(half[k]! > ZERO && half[k]! < full[k]!)) bad++;
      });
      const k = set.xs.length - 1;
      return { value: [bad], total, detail: `at ΔT = ${fmt(set.xs[k]!)}: ${fmt(half[k]!)} (f = 1/2) vs ${fmt(full[k]!)} (f = 1)` };
    },
  },
  {
    id: 'lcs-unique',
    paper: '001',
    ref: 'Sec. 3.1, Fig. 3',
    quote: 'The steady solution is unique and does not depend on the initial condition (We checked this numerically for parameters in Fig. 3).',
    computed: 'points of an 8 × 8 sub-grid of the Fig. 3 box where the rank-revealing analysis finds dim ker L ≠ 1 (Λ and V)',
    criterion: { kind: 'count' },
    async measure(study) {
      let bad = 0;
      let total = 0;
      let gap = Infinity;
      for (const kind of ['lambda', 'v'] as const) {
        const s = await study.sampler(LCS_FILES[kind]);
        for (const [t, dt] of subgrid(LCS_T, LCS_DT, 8)) {
          const a = s.analyze({ TL: t, TR: t + dt });
          total++;
          if (!a.unique) bad++;
          if (a.rankGap.smallestKept !== null) gap = Math.min(gap, a.rankGap.smallestKept);
        }
      }
      return { value: [bad], total, detail: `smallest singular-value proxy kept as nonzero: ${fmt(gap)} (tolerance 1e-10)` };
    },
  },
  {
    id: 'lcs-det0',
    paper: '001',
    ref: 'Sec. 3.1, Eqs. (15)–(16)',
    quote: 'if we choose ∆12 = 0, γ(L)ii(ε1) = γ(L)ii(ε2) = γ(R)ii(ε1) = γ(R)ii(ε2) and fL/R(εi) = 1 … we would always get det = 0, no matter how much the temperatures TL/R take … the system does not have a unique steady state',
    computed: 'points (TL, TR) of a 4 × 4 grid where the Λ-type steady state with Δ12 = 0, all γ = 0.01, f = 1 is unique (dim ker L = 1); Eq. (16)’s det evaluated alongside',
    criterion: { kind: 'count' },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda);
      let unique = 0;
      let total = 0;
      let detMax = 0;
      const nullities = new Set<number>();
      for (const [tl, tr] of subgrid([0.2, 2], [0.2, 3], 4)) {
        const p = s.params({ ...LCS_DET0, TL: tl, TR: tr });
        const a = s.analyze(p);
        total++;
        if (a.unique) unique++;
        nullities.add(a.nullity);
        // Eq. (16) with real Γ+: det = 4(Γ+11 + Γ+22)²(Γ+11Γ+22 − Γ+12Γ+21) + 4Δ12²Γ+11Γ+22 (ε1 = ε2 here)
        const e = p.eps!;
        const nl = planck(e, tl);
        const nr = planck(e, tr);
        const gp = (l: number, r: number) => 0.5 * (l * nl + r * nr);
        const g11 = gp(p.g11L!, p.g11R!);
        const g22 = gp(p.g22L!, p.g22R!);
        const g12 = gp(Math.sqrt(p.fL! * p.g11L! * p.g22L!), Math.sqrt(p.fR! * p.g11R! * p.g22R!));
        const det = 4 * (g11 + g22) ** 2 * (g11 * g22 - g12 * g12) + 4 * p.D12! ** 2 * g11 * g22;
        detMax = Math.max(detMax, Math.abs(det) / (g11 + g22) ** 4);
      }
      return { value: [unique], total, detail: `dim ker L ∈ {${[...nullities].join(', ')}}; largest |det| of Eq. (16) relative to (Γ+11 + Γ+22)⁴: ${fmt(detMax)}` };
    },
  },
  {
    id: 'lcs-sec5-flux',
    paper: '001',
    ref: 'Sec. 5, Eqs. (25)–(28)',
    quote: 'J1−2 = −i2g⟨σ+1σ−2 − σ−1σ+2⟩ … = 4g Im⟨E1|ρ|E2⟩',
    note: 'By hand, with the paper’s Eq. (26): |E2⟩⟨E1| − |E1⟩⟨E2| = |g1e2⟩⟨e1g2| − |e1g2⟩⟨g1e2|, the negative of the operator it replaces in the middle step, so the chain of equalities ends in −4g Im⟨E1|ρ|E2⟩. The detail reports the computed flux against both signs.',
    computed: 'largest |J1−2 − 4g Im⟨E1|ρ|E2⟩| / max|J1−2| for the paper’s two coupled TLSs, each in its own bath (model two-tls.json in the basis G, E1, E2, D of Eq. (26); Ω = 30, g = 2, γ = 1, Δ = 0, T1 = 10, T2 = T1 + ΔT, ΔT ∈ [0, 100]), with J1−2 = −i⟨[σ1^z, H_S]⟩ computed from the steady state',
    criterion: { kind: 'zero', tol: 1e-9 },
    async measure(study) {
      const f = await lcsTwoTlsFlux(study);
      const scale = Math.max(...f.flux.map(Math.abs));
      const dev = (sign: number) => Math.max(...f.flux.map((j, k) => Math.abs(j - sign * 4 * f.g * f.imE1E2[k]!))) / scale;
      const k = f.dts.findIndex((d) => d >= 50);
      return {
        value: [dev(1)],
        detail: `${f.dts.length} points; relative deviation from 4g Im⟨E1|ρ|E2⟩: ${fmt(dev(1))}; from −4g Im⟨E1|ρ|E2⟩: ${fmt(dev(-1))}. At ΔT = ${fmt(f.dts[k]!)}: J1−2 = ${fmt(f.flux[k]!, 4)}, Im⟨E1|ρ|E2⟩ = ${fmt(f.imE1E2[k]!, 4)}`,
      };
    },
  },
];

export interface ClaimResult {
  claim: Claim;
  measurement?: Measurement;
  judgement?: Judgement;
  /** set when the computation failed */
  error?: string;
  /** the models (file, approximation) the measurement used */
  uses: ModelUse[];
  ms: number;
}

/** Measures and judges every claim; a failing computation is recorded, never fatal. */
export async function evaluateClaims(study: Study, claims: Claim[] = CLAIMS, log: (line: string) => void = () => {}): Promise<ClaimResult[]> {
  const out: ClaimResult[] = [];
  for (const [k, claim] of claims.entries()) {
    const t0 = performance.now();
    const at = `[${k + 1}/${claims.length}]`;
    try {
      const { value: measurement, uses } = await study.track(() => claim.measure(study));
      const judgement = judge(claim.criterion, measurement);
      out.push({ claim, measurement, judgement, uses, ms: performance.now() - t0 });
      log(`report: claim ${at} ${claim.id} (${claim.ref}): ${judgement.verdict} — ${judgement.difference}`);
    } catch (e) {
      const uses = ((e as { uses?: ModelUse[] }).uses ?? []) as ModelUse[];
      out.push({ claim, error: (e as Error).message, uses, ms: performance.now() - t0 });
      log(`report: claim ${at} ${claim.id}: ERROR ${(e as Error).message}`);
    }
  }
  return out;
}
