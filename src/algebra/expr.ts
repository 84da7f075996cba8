// Exact scalars: polynomials with Gaussian-rational coefficients over interned variables.
//
// Variables are plain symbols (parameters), half-angle pairs c = cos(θ/2), s = sin(θ/2) reduced with
// s² → 1 − c², square roots √r reduced with (√r)² → r, and opaque atoms (bath functions such as
// A1(ε1), Planck occupations N_a(ε1)). With those rewrite rules applied after every product, the
// representation is a unique normal form, so two expressions are equal exactly when their canonical
// keys are equal — equality is never decided by sampling floats.
import { type Complex, type Rational, C0, C1, CI, cadd, cconj, cisZero, cmul, cneg, cq, cstr, cinv, rat, qtoNumber } from './rational.ts';

export type Variable =
  | { kind: 'symbol'; key: string; name: string }
  | { kind: 'cos'; key: string; angle: string }
  | { kind: 'sin'; key: string; angle: string; cosKey: string }
  | { kind: 'radical'; key: string; radicand: Expr }
  | { kind: 'atom'; key: string; fn: string; args: readonly string[]; conjKey: string; data?: unknown };

const registry = new Map<string, Variable>();

export function variable(key: string): Variable {
  const v = registry.get(key);
  if (!v) throw new Error(`internal: unknown variable ${key}`);
  return v;
}

function intern(v: Variable): Variable {
  const old = registry.get(v.key);
  if (old) return old;
  registry.set(v.key, v);
  return v;
}

/** A monomial: variable keys sorted ascending with positive integer exponents. */
export type Mono = readonly (readonly [string, number])[];

export interface Term {
  readonly mono: Mono;
  readonly coef: Complex;
}

const monoKey = (m: Mono): string => m.map(([k, e]) => (e === 1 ? k : `${k}^${e}`)).join('*');

export class Expr {
  /** Terms keyed by monomial key; never holds a zero coefficient. */
  private constructor(readonly terms: ReadonlyMap<string, Term>) {}

  static fromTerms(terms: Iterable<Term>): Expr {
    const acc = new Map<string, Term>();
    for (const t of terms) addTermInto(acc, t.mono, t.coef);
    return new Expr(acc);
  }

  /** Internal: wrap terms already keyed by monoKey with no zero coefficient (saves recomputing the keys). */
  static keyed(terms: Map<string, Term>): Expr {
    return new Expr(terms);
  }

  static constant(c: Complex): Expr {
    return cisZero(c) ? ZERO : new Expr(new Map([['', { mono: [], coef: c }]]));
  }

  static ofVariable(v: Variable, power = 1): Expr {
    return reduceMono([[v.key, power]], C1);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The rational-complex value if this is a constant, else undefined. */
  constantValue(): Complex | undefined {
    if (this.terms.size === 0) return C0;
    if (this.terms.size === 1) {
      const t = this.terms.get('');
      if (t) return t.coef;
    }
    return undefined;
  }

  /** Canonical text: equal expressions have equal keys. */
  get key(): string {
    const keys = [...this.terms.keys()].sort();
    if (keys.length === 0) return '0';
    return keys.map((k) => `${cstr(this.terms.get(k)!.coef)}${k ? '*' + k : ''}`).join(' + ');
  }

  toString(): string {
    return this.key;
  }

  equals(other: Expr): boolean {
    return sub(this, other).isZero();
  }

  variables(): Set<string> {
    const s = new Set<string>();
    for (const t of this.terms.values()) for (const [k] of t.mono) s.add(k);
    return s;
  }
}

function addTermInto(acc: Map<string, Term>, mono: Mono, coef: Complex, key?: string): void {
  if (cisZero(coef)) return;
  const k = key ?? monoKey(mono);
  const old = acc.get(k);
  if (!old) {
    acc.set(k, { mono, coef });
    return;
  }
  const c = cadd(old.coef, coef);
  if (cisZero(c)) acc.delete(k);
  else acc.set(k, { mono, coef: c });
}

const ZERO = Expr.fromTerms([]);
export const zero = (): Expr => ZERO;
// Expressions are immutable, so the constants 1 and i can be shared.
const ONE = Expr.constant(C1);
const IMAG = Expr.constant(CI);
export const one = (): Expr => ONE;
export const imag = (): Expr => IMAG;
export const num = (n: number | bigint, d: number | bigint = 1): Expr => Expr.constant(cq(rat(n, d)));
export const ofRational = (q: Rational): Expr => Expr.constant(cq(q));
export const ofComplex = (c: Complex): Expr => Expr.constant(c);

export function symbol(name: string): Expr {
  return Expr.ofVariable(intern({ kind: 'symbol', key: name, name }));
}

/** The pair (cos(θ/2), sin(θ/2)) of a named mixing angle. */
export function halfAngle(angle: string): { c: Expr; s: Expr } {
  const cosKey = `cos(${angle}/2)`;
  const cv = intern({ kind: 'cos', key: cosKey, angle });
  const sv = intern({ kind: 'sin', key: `sin(${angle}/2)`, angle, cosKey });
  return { c: Expr.ofVariable(cv), s: Expr.ofVariable(sv) };
}

/** √r for a non-constant r, or for a rational that is not a perfect square (callers handle perfect squares). */
export function radical(radicand: Expr): Expr {
  return Expr.ofVariable(intern({ kind: 'radical', key: `sqrt(${radicand.key})`, radicand }));
}

/** An opaque function atom fn(args); conjKey names the atom that is its complex conjugate (itself if real). */
export function atom(fn: string, args: readonly string[], options: { conjArgs?: readonly string[]; data?: unknown } = {}): Expr {
  const key = atomKey(fn, args);
  const conjKey = options.conjArgs ? atomKey(fn, options.conjArgs) : key;
  if (conjKey !== key) intern({ kind: 'atom', key: conjKey, fn, args: options.conjArgs!, conjKey: key, data: options.data });
  return Expr.ofVariable(intern({ kind: 'atom', key, fn, args, conjKey, data: options.data }));
}

export const atomKey = (fn: string, args: readonly string[]): string => `${fn}(${args.join(',')})`;

/** Multiply two monomials and apply the rewrite rules (s² → 1 − c², (√r)² → r). */
function reduceMono(mono: Mono, coef: Complex): Expr {
  for (let i = 0; i < mono.length; i++) {
    const [k, e] = mono[i];
    if (e < 2) continue;
    const v = variable(k);
    let replacement: Expr | undefined;
    if (v.kind === 'sin') replacement = sub(one(), Expr.ofVariable(variable(v.cosKey), 2));
    else if (v.kind === 'radical') replacement = v.radicand;
    if (!replacement) continue;
    const rest: (readonly [string, number])[] = mono.filter((_, j) => j !== i);
    const half = Math.floor(e / 2);
    const odd = e % 2;
    if (odd) rest.splice(i, 0, [k, 1]);
    return mul(reduceMono(rest, coef), pow(replacement, half));
  }
  return Expr.fromTerms([{ mono, coef }]);
}

function mulMonos(a: Mono, b: Mono): { mono: Mono; needsReduce: boolean } {
  if (a.length === 0) return { mono: b, needsReduce: false };
  if (b.length === 0) return { mono: a, needsReduce: false };
  const out: [string, number][] = [];
  let i = 0;
  let j = 0;
  let needsReduce = false;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) out.push([a[i][0], a[i++][1]]);
    else if (i >= a.length || b[j][0] < a[i][0]) out.push([b[j][0], b[j++][1]]);
    else {
      const e = a[i][1] + b[j][1];
      const v = variable(a[i][0]);
      if (v.kind === 'sin' || v.kind === 'radical') needsReduce = true;
      out.push([a[i][0], e]);
      i++;
      j++;
    }
  }
  return { mono: out, needsReduce };
}

export function add(...xs: Expr[]): Expr {
  const acc = new Map<string, Term>();
  for (const x of xs) for (const [k, t] of x.terms) addTermInto(acc, t.mono, t.coef, k);
  return Expr.keyed(acc);
}

export function neg(a: Expr): Expr {
  const acc = new Map<string, Term>();
  for (const [k, t] of a.terms) acc.set(k, { mono: t.mono, coef: cneg(t.coef) });
  return Expr.keyed(acc);
}

export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));

export function scale(a: Expr, c: Complex): Expr {
  if (cisZero(c)) return ZERO;
  const acc = new Map<string, Term>();
  for (const [k, t] of a.terms) acc.set(k, { mono: t.mono, coef: cmul(t.coef, c) });
  return Expr.keyed(acc);
}

export function mul(...xs: Expr[]): Expr {
  if (xs.length === 0) return ONE;
  let acc = xs[0];
  for (let i = 1; i < xs.length; i++) acc = mul2(acc, xs[i]);
  return acc;
}

function mul2(a: Expr, b: Expr): Expr {
  if (a.isZero() || b.isZero()) return ZERO;
  const acc = new Map<string, Term>();
  const pending: Expr[] = [];
  for (const [ka, ta] of a.terms) {
    for (const [kb, tb] of b.terms) {
      const coef = cmul(ta.coef, tb.coef);
      const { mono, needsReduce } = mulMonos(ta.mono, tb.mono);
      if (needsReduce) pending.push(reduceMono(mono, coef));
      // A constant factor leaves the other monomial, and so its key, unchanged.
      else addTermInto(acc, mono, coef, ka === '' ? kb : kb === '' ? ka : undefined);
    }
  }
  for (const p of pending) for (const [k, t] of p.terms) addTermInto(acc, t.mono, t.coef, k);
  return Expr.keyed(acc);
}

export function pow(a: Expr, n: number): Expr {
  if (!Number.isInteger(n)) throw new RangeError(`exponent must be an integer, got ${n}`);
  if (n < 0) {
    const c = a.constantValue();
    if (!c) throw new RangeError('negative power of a non-constant expression is not a polynomial');
    return pow(Expr.constant(cinv(c)), -n);
  }
  if (n === 0) return one();
  // square-and-multiply, never squaring past the top bit (a^1 is a itself: substitution raises most atoms to 1)
  let result: Expr | undefined;
  let base = a;
  for (;;) {
    if (n & 1) result = result ? mul(result, base) : base;
    n >>= 1;
    if (n === 0) return result!;
    base = mul(base, base);
  }
}

/** Division by a nonzero constant (the only division a polynomial normal form admits). */
export function divConst(a: Expr, b: Expr): Expr {
  const c = b.constantValue();
  if (!c || cisZero(c)) throw new RangeError('division by a non-constant or zero expression');
  return scale(a, cinv(c));
}

/** Complex conjugate: symbols, half-angles and radicals are real; atoms map to their declared conjugate. */
export function conj(a: Expr): Expr {
  const acc = new Map<string, Term>();
  for (const [key, t] of a.terms) {
    const coef = cconj(t.coef);
    if (!t.mono.some(([k]) => variable(k).kind === 'atom')) {
      acc.set(key, { mono: t.mono, coef });
      continue;
    }
    // Conjugation is a bijection on atoms and leaves exponents alone, so the image is a normal monomial once
    // its keys are sorted again.
    const mono = t.mono
      .map(([k, e]): readonly [string, number] => {
        const v = variable(k);
        return [v.kind === 'atom' ? v.conjKey : k, e];
      })
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    addTermInto(acc, mono, coef);
  }
  return Expr.keyed(acc);
}

/** Replace variables by expressions (those for which `replace` returns undefined stay). */
export function substitute(a: Expr, replace: (v: Variable) => Expr | undefined): Expr {
  const cache = new Map<string, Expr | undefined>();
  const replacementOf = (k: string): Expr | undefined => {
    if (!cache.has(k)) cache.set(k, replace(variable(k)));
    return cache.get(k);
  };
  const acc = new Map<string, Term>();
  for (const [key, t] of a.terms) {
    // The factors that stay form a sub-monomial of a normal form, so they need no reduction: only the
    // replaced ones are multiplied out (most terms of a derivation keep every factor).
    const replaced = t.mono.filter(([k]) => replacementOf(k) !== undefined);
    if (replaced.length === 0) {
      addTermInto(acc, t.mono, t.coef, key);
      continue;
    }
    const kept = t.mono.filter(([k]) => replacementOf(k) === undefined);
    let m = Expr.fromTerms([{ mono: kept, coef: t.coef }]);
    for (const [k, e] of replaced) m = mul2(m, pow(replacementOf(k)!, e));
    for (const [k, u] of m.terms) addTermInto(acc, u.mono, u.coef, k);
  }
  return Expr.keyed(acc);
}

/** Numeric value as [re, im], given a numeric value for every variable. */
export function evaluate(a: Expr, valueOf: (v: Variable) => readonly [number, number]): [number, number] {
  let re = 0;
  let im = 0;
  const cache = new Map<string, readonly [number, number]>();
  for (const t of a.terms.values()) {
    let mr = qtoNumber(t.coef.re);
    let mi = qtoNumber(t.coef.im);
    for (const [k, e] of t.mono) {
      let val = cache.get(k);
      if (!val) cache.set(k, (val = valueOf(variable(k))));
      for (let p = 0; p < e; p++) [mr, mi] = [mr * val[0] - mi * val[1], mr * val[1] + mi * val[0]];
    }
    re += mr;
    im += mi;
  }
  return [re, im];
}

/** True when the expression equals its complex conjugate. */
export function isReal(a: Expr): boolean {
  return sub(a, conj(a)).isZero();
}

export { C0, C1, CI };
