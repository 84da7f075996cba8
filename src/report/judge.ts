// The generic part of the report's claims: what a claim is, the criteria and the judge that turns a measurement
// into a verdict, the tolerance rules, the helpers that measurements share, and the loop that evaluates claims.
// The claims themselves are per paper (src/report/papers/<paper>/claims.ts); nothing here names a paper.
//
// Contract:
//  - A Claim is data: it quotes the paper (with its equation/figure reference), says what is computed, carries a
//    Criterion (the tolerance, stated before any number is seen), and a measure(study) that computes the number(s)
//    from the generated models. Nothing writes a verdict by hand.
//  - judge(criterion, measurement) is the only place a verdict is decided: "reproduced" or "differs", with the
//    size of the difference. It is a pure function (unit-tested on synthetic numbers).
//  - evaluateClaims runs every claim; a claim whose computation throws gets verdict "error" (with the message),
//    which the report counts as a failure, and the others go on.
//
// Tolerance rules, applied uniformly:
//  - a value the paper quotes as approximate ("approximately 0.15", "around Ta/γ = 8") is reproduced when the
//    computed value lies within max(10 % of the quoted value, one unit of its last quoted digit) — see quoted();
//  - "vanishes"/"no coherence": |value| ≤ ZERO = 1e-10 (roundoff of these solves is ~1e-16 relative; 1e-10 leaves
//    six orders of margin and is still far below any coherence the papers discuss, ≥ 1e-3);
//  - qualitative shapes ("increases with", "overlapped", "greatest at resonance") are counted: the number of grid
//    points that violate the statement, reproduced when it is 0; steps smaller than 1e-9 of the curve's range
//    count as flat (not as violations), so roundoff cannot decide;
//  - words of size ("order of magnitude", "much smaller", "overlapped") are read as stated in each claim's criterion.
import { fmt, signed } from './format.ts';
import { type MapData, type ModelUse, type Study, linspace } from './study.ts';

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

export function column(m: MapData, ix: number): number[] {
  return m.ys.map((_, iy) => m.values[iy * m.xs.length + ix]!);
}

export function row(m: MapData, iy: number): number[] {
  return m.xs.map((_, ix) => m.values[iy * m.xs.length + ix]!);
}

export function rangeOf(values: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    lo = Math.min(lo, values[k]!);
    hi = Math.max(hi, values[k]!);
  }
  return hi - lo;
}

/** Planck occupation 1/(e^{ε/T} − 1); 0 at T = 0. */
export function planck(e: number, t: number): number {
  return t > 0 ? 1 / Math.expm1(e / t) : 0;
}

/** A coarse sub-grid (about k × k points) of a map's box. */
export function subgrid(x: [number, number], y: [number, number], k: number): [number, number][] {
  const out: [number, number][] = [];
  for (const a of linspace(x[0], x[1], k)) for (const b of linspace(y[0], y[1], k)) out.push([a, b]);
  return out;
}

/** The largest |value| that counts as "vanishes" (see the tolerance rules above). */
export const ZERO = 1e-10;

/**
 * The largest value of f over a list of points (a sub-grid, a line, a product of cases and points), with the first
 * point where it is reached (undefined when no value exceeds 0) and the number of points. Math.max semantics: a NaN
 * anywhere makes the result NaN, which judge() reports as "no finite value".
 */
export function worstOver<P>(points: Iterable<P>, f: (p: P) => number): { worst: number; at: P | undefined; n: number } {
  let worst = 0;
  let at: P | undefined;
  let n = 0;
  for (const p of points) {
    const v = f(p);
    if (v > worst) at = p;
    worst = Math.max(worst, v);
    n++;
  }
  return { worst, at, n };
}

/** Over the points of each map with ΔT > 0 (y > 0): how many have a value ≤ ZERO, how many there are, and the smallest value per map. */
export function vanishingAtPositiveDt(maps: MapData[]): { bad: number; total: number; smallest: number[] } {
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

// ───────────────────────── claims and their evaluation ─────────────────────────

export interface Claim {
  id: string;
  /** the paper's id in the registry (src/report/papers/index.ts), e.g. '000' */
  paper: string;
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
export async function evaluateClaims(study: Study, claims: Claim[], log: (line: string) => void = () => {}): Promise<ClaimResult[]> {
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
