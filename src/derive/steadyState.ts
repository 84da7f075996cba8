// Exact steady states of a derived generator, block by block.
//
// Contract of exactSteadyState(table): for every element block of at most MAX_EXACT_BLOCK unknowns,
//  - the block matrix A (A[i][j] = coefficient of element j in d(element i)/dt, from table.equations);
//  - population block: one population row replaced by the trace condition Σ ρ_aa = 1, solved by Cramer's
//    rule, so ρ_j = numerators[j] / determinant with ONE common denominator (Σ_pop numerators = determinant);
//  - coherence block (no population): the system is homogeneous, so ρ = 0 whenever determinant ≠ 0;
//  - the steady state is not unique exactly when determinant = 0 (checked exactly: identically zero means
//    "never unique"); a coherence vanishes exactly when its numerator does.
// The algebra has no division by non-constants, so the solve is division-free: every minor that Cramer's
// rule needs comes from one Laplace expansion memoised over column subsets (2^k minors, k ≤ 8), all polynomials
// in the Gm/Gp atoms, parameters, half-angles and radicals. Zero tests expand the atoms (isZeroExact).
import { type Expr, type Mono, Expr as ExprClass, add, mul, neg, one, zero, variable } from '../algebra/expr.ts';
import { type Rational, qtoNumber, rat } from '../algebra/rational.ts';
import { isZeroExact, priceBathAtom } from '../bath/correlators.ts';
import { complexValue } from '../model/evaluate.ts';
import type { Model } from '../model/model.ts';
import type { DerivedTable } from './table.ts';

export const MAX_EXACT_BLOCK = 8;

export interface BlockSteadyState {
  /** the block's elements [row, col] (0-based), in the order of the unknowns */
  elements: [number, number][];
  populations: boolean;
  /** false when the block is larger than MAX_EXACT_BLOCK or its minors too large (nothing else is filled then) */
  solved: boolean;
  reason?: string;
  /** A[i][j]: coefficient of elements[j] in d elements[i]/dt */
  matrix: Expr[][];
  /** index (into elements) of the population whose equation was replaced by the trace condition */
  traceRow?: number;
  /** det of the steady-state system (with the trace row for the population block); 0 ⇔ not unique */
  determinant: Expr;
  /** ρ_element = numerators[i] / determinant (all zero for a coherence block) */
  numerators: Expr[];
  /** numerators[i] is exactly zero: the element vanishes in the steady state for all parameters */
  vanishes: boolean[];
  /** the determinant is exactly zero: the steady state is never unique */
  neverUnique: boolean;
  /** milliseconds the exact solve took */
  ms: number;
}

export interface ExactSteadyState {
  blocks: BlockSteadyState[];
}

const cache = new WeakMap<DerivedTable, ExactSteadyState>();

export function exactSteadyState(table: DerivedTable): ExactSteadyState {
  const hit = cache.get(table);
  if (hit) return hit;
  const result = steadyStateOf(table, exactZeroTest(table.model));
  cache.set(table, result);
  return result;
}

/** What a solve needs: the equations of motion and their blocks (a DerivedTable, or the same over other atoms). */
export interface LinearDynamics {
  model: Model;
  equations: DerivedTable['equations'];
  blocks: [number, number][][];
}

/** The steady state of any element dynamics, with a caller's zero test (e.g. over named paper coefficients). */
export function steadyStateOf(
  dyn: LinearDynamics,
  isZero: (x: Expr) => boolean,
  wanted: (block: number) => boolean = () => true,
): ExactSteadyState {
  return {
    blocks: dyn.blocks.map((b, i) =>
      wanted(i)
        ? solveBlock(dyn, b, isZero)
        : {
            elements: b,
            populations: b.some(([r, c]) => r === c),
            solved: false,
            reason: 'not requested',
            matrix: [],
            determinant: zero(),
            numerators: [],
            vanishes: [],
            neverUnique: false,
            ms: 0,
          },
    ),
  };
}

/** The block matrix of a set of elements: rows are their equations, columns the elements. */
export function blockMatrix(
  table: Pick<LinearDynamics, 'model' | 'equations'>,
  elements: readonly (readonly [number, number])[],
): Expr[][] {
  const n = table.model.states.length;
  const index = new Map(elements.map(([r, c], i) => [r * n + c, i]));
  const byElement = new Map(table.equations.map((e) => [e.row * n + e.col, e]));
  return elements.map(([r, c]) => {
    const row = elements.map(() => zero());
    for (const t of byElement.get(r * n + c)!.terms) {
      const j = index.get(t.b * n + t.c);
      if (j !== undefined) row[j] = add(row[j], t.coef);
    }
    return row;
  });
}

function solveBlock(table: LinearDynamics, elements: [number, number][], isZero: (x: Expr) => boolean): BlockSteadyState {
  const start = performance.now();
  const populations = elements.some(([r, c]) => r === c);
  const k = elements.length;
  const unsolved = (reason: string): BlockSteadyState => ({
    elements,
    populations,
    solved: false,
    reason,
    matrix: [],
    determinant: zero(),
    numerators: [],
    vanishes: [],
    neverUnique: false,
    ms: performance.now() - start,
  });
  if (k > MAX_EXACT_BLOCK) return unsolved(`${k} unknowns (the exact solve takes blocks of at most ${MAX_EXACT_BLOCK})`);
  try {
    return solveSmallBlock(table, elements, start, isZero);
  } catch (e) {
    if (e instanceof TooLarge) return unsolved(e.message);
    throw e;
  }
}

function solveSmallBlock(
  table: LinearDynamics,
  elements: [number, number][],
  start: number,
  isZero: (x: Expr) => boolean,
): BlockSteadyState {
  const populations = elements.some(([r, c]) => r === c);
  const k = elements.length;
  const A = blockMatrix(table, elements);
  let determinant: Expr;
  let numerators: Expr[];
  let traceRow: number | undefined;
  if (populations) {
    traceRow = elements.findIndex(([r, c]) => r === c);
    const rows = A.filter((_, i) => i !== traceRow);
    // ρ_j = C_{traceRow, j} / det with the cofactor C = (−1)^{r+j} M; M drops the trace row and column j.
    const wanted = elements.map((_, j) => fullMask(k) & ~(1 << j));
    const minors = minorsOf(rows, k, wanted);
    numerators = elements.map((_, j) => ((traceRow! + j) % 2 === 0 ? minors[j] : neg(minors[j])));
    determinant = add(...elements.map(([r, c], j) => (r === c ? numerators[j] : zero())));
  } else {
    determinant = minorsOf(A, k, [fullMask(k)])[0];
    numerators = elements.map(() => zero());
  }
  const neverUnique = isZero(determinant);
  return {
    elements,
    populations,
    solved: true,
    matrix: A,
    traceRow,
    determinant,
    numerators,
    vanishes: numerators.map(isZero),
    neverUnique,
    ms: performance.now() - start,
  };
}

const fullMask = (k: number) => (1 << k) - 1;

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Determinant of a square matrix of exact scalars (division-free). */
export function determinantOf(matrix: readonly Expr[][]): Expr {
  const k = matrix.length;
  if (k === 0) return one();
  return minorsOf(matrix, k, [fullMask(k)])[0];
}

/** Minors of rows × column subsets (bitmasks): the fast packed-polynomial ring when it applies, else Expr. */
function minorsOf(rows: readonly Expr[][], k: number, masks: number[]): Expr[] {
  const fast = FastPolys.tryBuild(rows);
  if (fast) {
    try {
      const minors = laplaceMinorsIn(fast.ring(), fast.rows, k);
      const out = masks.map((m) => fast.toExpr(minors.get(m)!, rows.length));
      return out;
    } catch (e) {
      if (!(e instanceof Overflow)) throw e;
      // a coefficient left the exact range of doubles: redo in the BigInt normal form
    }
  }
  const exprRing: Ring<Expr> = {
    one: one(),
    isZero: (x) => x.isZero(),
    mul: (x, y, negative) => (negative ? neg(mul(x, y)) : mul(x, y)),
    sum: (xs) => add(...xs),
    size: (x) => x.terms.size,
  };
  // BigInt arithmetic is about ten times slower per term product: a tenth of the budget.
  const minors = laplaceMinorsIn(exprRing, rows, k, MAX_WORK / 10);
  return masks.map((m) => minors.get(m)!);
}

/** A minor grew beyond MAX_TERMS: the closed form would be too large to print or use. */
export class TooLarge extends Error {}

/** Largest number of terms any intermediate minor may have (the seed models' largest closed form has ≈ 5000). */
export const MAX_TERMS = 40000;

/**
 * A zero test that is exact: a value that is clearly nonzero at a generic numeric point (relative to the
 * sum of its terms' magnitudes) is nonzero — sampling only ever proves inequality; everything else is decided by
 * expanding the correlation atoms to Planck atoms (isZeroExact). The numeric screen spares that expansion on
 * the large determinants, where it dominates the cost.
 */
export function exactZeroTest(
  model: Model,
  options: { oneTemperature?: boolean; exact?: (x: Expr) => boolean } = {},
): (x: Expr) => boolean {
  let point: Record<string, number> | undefined = Object.fromEntries(
    model.parameters.map((p, i) => [p.name, p.default * (1 + 0.1373 * (i + 1)) + 0.0731 * (i + 1) * (p.kind === 'weight' ? 0.1 : 1)]),
  );
  if (options.oneTemperature) {
    // every bath at the first bath's temperature (possible when each temperature is a parameter of its own)
    const names = model.baths.map((b) => [...b.temperature.variables()]);
    if (names.every((v) => v.length === 1 && variable(v[0]).kind === 'symbol')) {
      for (const [v] of names) point[(variable(v) as { name: string }).name] = point[(variable(names[0][0]) as { name: string }).name];
    } else point = undefined;
  }
  const exact = options.exact ?? ((x: Expr) => isZeroExact(model, x));
  const price = point ? priceBathAtom(model, point) : undefined;
  const values = new Map<string, [number, number] | null>();
  const valueOf = (key: string): [number, number] | null => {
    let v = values.get(key);
    if (v === undefined) {
      try {
        v = complexValue(model, ExprClass.ofVariable(variable(key)), point!, price);
      } catch {
        v = null; // no numeric value at this point (e.g. a negative radicand)
      }
      values.set(key, v);
    }
    return v;
  };
  return (x: Expr) => {
    if (x.isZero()) return true;
    if (point && price) {
      let re = 0;
      let im = 0;
      let size = 0;
      let ok = true;
      for (const t of x.terms.values()) {
        let tr = qtoNumber(t.coef.re);
        let ti = qtoNumber(t.coef.im);
        for (const [k, e] of t.mono) {
          const v = valueOf(k);
          if (!v) {
            ok = false;
            break;
          }
          for (let i = 0; i < e; i++) [tr, ti] = [tr * v[0] - ti * v[1], tr * v[1] + ti * v[0]];
        }
        if (!ok) break;
        re += tr;
        im += ti;
        size += Math.hypot(tr, ti);
      }
      if (ok && Number.isFinite(size) && Math.hypot(re, im) > 1e-6 * size) return false;
    }
    return exact(x);
  };
}

interface Ring<T> {
  one: T;
  size(a: T): number;
  isZero(a: T): boolean;
  /** a·b, or −a·b when negative (the sign of a cofactor, folded into the product) */
  mul(a: T, b: T, negative: boolean): T;
  sum(parts: T[]): T;
}

/** Term products the whole solve of one block may spend (deterministic, unlike a time limit). */
export const MAX_WORK = 400_000;

function laplaceMinorsIn<T>(ring: Ring<T>, rows: readonly T[][], k: number, maxWork = MAX_WORK): Map<number, T> {
  let work = 0;
  const minors = new Map<number, T>([[0, ring.one]]);
  const bySize: number[][] = Array.from({ length: k + 1 }, () => []);
  for (let s = 1; s <= fullMask(k); s++) bySize[popcount(s)].push(s);
  const overBudget = () => new TooLarge(`more than ${maxWork} term products`);
  for (let m = 1; m <= rows.length; m++) {
    const row = rows[m - 1];
    // The level's products are listed before any is computed: their work is known from the sizes of the row's entries
    // and of the minors below. A level that crosses the budget is refused without its products (most of the time a
    // refused block took), unless a minor completed before the crossing could exceed MAX_TERMS (it has at most its
    // products' terms): then those minors are computed first, as one after the other would, for that refusal's message.
    const level: { s: number; terms: { a: T; b: T; negative: boolean }[] }[] = [];
    let crossed = false;
    let mayExceedTerms = false;
    for (const s of bySize[m]) {
      const terms: { a: T; b: T; negative: boolean }[] = [];
      let pos = 0;
      let minorWork = 0;
      for (let j = 0; j < k && !crossed; j++) {
        if (!(s & (1 << j))) continue;
        const a = row[j];
        const sub = minors.get(s & ~(1 << j))!;
        if (!ring.isZero(a) && !ring.isZero(sub)) {
          minorWork += ring.size(a) * ring.size(sub);
          crossed = work + minorWork > maxWork;
          terms.push({ a, b: sub, negative: (pos + m - 1) % 2 !== 0 });
        }
        pos++;
      }
      if (crossed) break;
      work += minorWork;
      mayExceedTerms ||= minorWork > MAX_TERMS;
      level.push({ s, terms });
    }
    if (crossed && !mayExceedTerms) throw overBudget();
    for (const { s, terms } of level) {
      const minor = ring.sum(terms.map((t) => ring.mul(t.a, t.b, t.negative)));
      if (ring.size(minor) > MAX_TERMS) throw new TooLarge(`a ${m}×${m} minor has ${ring.size(minor)} terms (limit ${MAX_TERMS})`);
      minors.set(s, minor);
    }
    if (crossed) throw overBudget();
  }
  return minors;
}

/** Polynomial with Gaussian-integer coefficients (doubles, kept exact below 2^53) keyed by packed exponents. */
type Packed = Map<number, [number, number]>;

class Overflow extends Error {}

/**
 * The fast ring: the matrix entries, each row scaled by the lcm of its denominators, as polynomials with
 * exponents packed into one number (a bit field per variable, sized from a degree bound of every minor).
 * The normal form's rewriting (s² → 1 − c², (√r)² → r) is applied after every product, as in expr.ts, so
 * toExpr only unpacks.
 */
class FastPolys {
  private constructor(
    readonly rows: Packed[][],
    private readonly keys: string[],
    private readonly shifts: number[],
    private readonly widths: number[],
    /** for each rewritten variable (sin, radical): its field and the packed replacement of its square */
    private readonly rules: { field: number; square: Packed }[],
    private readonly rowScale: bigint[],
  ) {}

  static tryBuild(rows: readonly Expr[][]): FastPolys | undefined {
    const keySet = new Set(rows.flatMap((r) => r.flatMap((x) => [...x.variables()])));
    // The replacements bring their own variables (cos for sin, the radicand's for a radical).
    for (const k of [...keySet]) {
      const v = variable(k);
      if (v.kind === 'sin') keySet.add(v.cosKey);
      if (v.kind === 'radical') for (const w of v.radicand.variables()) keySet.add(w);
    }
    const keys = [...keySet].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const index = new Map(keys.map((k, i) => [k, i]));
    for (const k of keySet) {
      const v = variable(k);
      if (v.kind === 'radical' && [...v.radicand.variables()].some((w) => variable(w).kind !== 'symbol')) return undefined;
    }
    // Free-ring degree bound of any minor in each variable: the sum over rows of the row's largest degree.
    const free = keys.map(() => 0);
    for (const r of rows) {
      const rowMax = keys.map(() => 0);
      for (const x of r)
        for (const t of x.terms.values()) for (const [k, e] of t.mono) rowMax[index.get(k)!] = Math.max(rowMax[index.get(k)!], e);
      rowMax.forEach((e, i) => (free[i] += e));
    }
    // After rewriting: s^2 → c^2 raises cos by at most the sin degree; (√r)^2 → r raises r's variables.
    const bound = [...free];
    keys.forEach((k, i) => {
      const v = variable(k);
      if (v.kind === 'sin') {
        bound[index.get(v.cosKey)!] += free[i];
        bound[i] = 2;
      } else if (v.kind === 'radical') {
        for (const t of v.radicand.terms.values()) for (const [w, e] of t.mono) bound[index.get(w)!] += Math.ceil(free[i] / 2) * e;
        bound[i] = 2;
      }
    });
    const widths = bound.map((d) => Math.max(1, Math.ceil(Math.log2(d + 1))));
    const shifts: number[] = [];
    let total = 0;
    for (const w of widths) {
      shifts.push(total);
      total += w;
    }
    if (total > 52) return undefined;
    const pack = (mono: Mono): number => {
      let key = 0;
      for (const [k, e] of mono) key += e * 2 ** shifts[index.get(k)!];
      return key;
    };
    const packExpr = (x: Expr, l: bigint): Packed | undefined => {
      const p: Packed = new Map();
      for (const t of x.terms.values()) {
        const re = Number((t.coef.re.n * l) / t.coef.re.d);
        const im = Number((t.coef.im.n * l) / t.coef.im.d);
        if (!Number.isSafeInteger(re) || !Number.isSafeInteger(im)) return undefined;
        p.set(pack(t.mono), [re, im]);
      }
      return p;
    };
    const rules: { field: number; square: Packed }[] = [];
    for (const [i, k] of keys.entries()) {
      const v = variable(k);
      let square: Expr | undefined;
      if (v.kind === 'sin') square = add(one(), neg(ExprClass.ofVariable(variable(v.cosKey), 2)));
      else if (v.kind === 'radical') square = v.radicand;
      if (!square) continue;
      if ([...square.terms.values()].some((t) => t.coef.re.d !== 1n || t.coef.im.d !== 1n)) return undefined;
      rules.push({ field: i, square: packExpr(square, 1n)! });
    }
    const rowScale: bigint[] = [];
    const packedRows: Packed[][] = [];
    for (const r of rows) {
      let l = 1n;
      for (const x of r) for (const t of x.terms.values()) l = lcm(lcm(l, t.coef.re.d), t.coef.im.d);
      rowScale.push(l);
      const prow: Packed[] = [];
      for (const x of r) {
        const p = packExpr(x, l);
        if (!p) return undefined;
        prow.push(p);
      }
      packedRows.push(prow);
    }
    return new FastPolys(packedRows, keys, shifts, widths, rules, rowScale);
  }

  private field(key: number, i: number): number {
    return Math.floor(key / 2 ** this.shifts[i]) % 2 ** this.widths[i];
  }

  ring(): Ring<Packed> {
    const check = (x: number) => {
      if (!Number.isSafeInteger(x)) throw new Overflow();
      return x;
    };
    const accumulate = (out: Packed, k: number, re: number, im: number) => {
      const old = out.get(k);
      if (old) {
        old[0] = check(old[0] + re);
        old[1] = check(old[1] + im);
      } else out.set(k, [re, im]);
    };
    const rules = this.rules.map((r) => ({ ...r, unit: 2 ** this.shifts[r.field] }));
    /** Bit mask of the rules whose variable a monomial holds (exponent 1: the reduced form). */
    const flags = (k: number): number => {
      let f = 0;
      rules.forEach((r, i) => {
        if (this.field(k, r.field) > 0) f |= 1 << i;
      });
      return f;
    };
    // each minor and entry is multiplied many times: its terms with their flags are listed once
    const listed = new WeakMap<Packed, [number, number, number, number][]>();
    const withFlags = (a: Packed): [number, number, number, number][] => {
      let l = listed.get(a);
      if (!l) listed.set(a, (l = [...a].map(([k, [re, im]]) => [k, re, im, rules.length ? flags(k) : 0])));
      return l;
    };
    const dropZeros = (out: Packed): Packed => {
      for (const [k, c] of out) if (c[0] === 0 && c[1] === 0) out.delete(k);
      return out;
    };
    /** Add c·x^k·(product of the squares of the rules in `both`) into out: the rewriting of a product whose sin or radical met itself. */
    const addReduced = (out: Packed, k: number, re: number, im: number, both: number, from: number): void => {
      for (let i = from; i < rules.length; i++) {
        if (!(both & (1 << i))) continue;
        const rest = both & ~(1 << i);
        const base = k - 2 * rules[i].unit;
        for (const [ks, [sr, si]] of rules[i].square)
          addReduced(out, base + ks, check(check(re * sr) - check(im * si)), check(check(re * si) + check(im * sr)), rest, i + 1);
        return;
      }
      accumulate(out, k, re, im);
    };
    /** ±a·b, rewritten, without the terms that cancel */
    const product = (a: Packed, b: Packed, negative: boolean): Packed => {
      const out: Packed = new Map();
      const bs = withFlags(b);
      const sign = negative ? -1 : 1;
      for (const [ka, ar0, ai0, fa] of withFlags(a)) {
        const ar = sign * ar0;
        const ai = sign * ai0;
        for (const [kb, br, bi, fb] of bs) {
          const re = check(check(ar * br) - check(ai * bi));
          const im = check(check(ar * bi) + check(ai * br));
          if (fa & fb) addReduced(out, ka + kb, re, im, fa & fb, 0);
          else accumulate(out, ka + kb, re, im);
        }
      }
      return dropZeros(out);
    };
    return {
      one: new Map([[0, [1, 0]]]),
      isZero: (a) => a.size === 0,
      size: (a) => a.size,
      mul: product,
      sum: (parts) => {
        const out: Packed = new Map();
        for (const p of parts) for (const [k, [re, im]] of p) accumulate(out, k, re, im);
        return dropZeros(out);
      },
    };
  }

  /** Back to the normal form, dividing out the row scales of the `usedRows` rows that built the minor. */
  toExpr(p: Packed, usedRows: number): Expr {
    const terms: { mono: Mono; coef: { re: Rational; im: Rational } }[] = [];
    let denom = 1n;
    for (let i = 0; i < usedRows; i++) denom *= this.rowScale[i];
    for (const [key, [re, im]] of p) {
      // the fields from the lowest up: each exponent is the remainder by its field's size (the first field's
      // shift is 0), and the rest moves down by that size, until nothing is left
      const mono: [string, number][] = [];
      let rest = key;
      for (let i = 0; rest > 0; i++) {
        const size = 2 ** this.widths[i];
        const e = rest % size;
        if (e) mono.push([this.keys[i], e]);
        rest = (rest - e) / size;
      }
      terms.push({ mono, coef: { re: rat(BigInt(re), denom), im: rat(BigInt(im), denom) } });
    }
    return ExprClass.fromTerms(terms);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;
