// Exact arithmetic in the number field of constant radicals: expressions with no parameters, only
// Gaussian-rational coefficients and square roots whose radicands are themselves constant (√5, √(5 + √5)).
//
// Contract:
//   isConstantExpr(x)  x holds no symbol, angle or atom (radicals with constant radicands only);
//   constantValue(x)   its value as [re, im] (radicals take the positive root);
//   invertConstant(x)  1/x, exact, by multiplying with conjugates √r → −√r, deepest radical first;
//   sqrtConstant(x)    √x in a canonical form, so that equal numbers keep equal normal forms:
//                      rational radicands are split into prime radicals (√6 = √2·√3), rational content is
//                      pulled out (√(10 + 2√5) = √2·√(5 + √5)), a + b√d denests when a² − b²d is a square, and
//                      a radicand that is a square multiple of an earlier nested radicand reuses that radical
//                      (√(5 − √5) = √(5 + √5)·(√5 − 1)/2). Without these rules two radicals could be dependent and
//                      the polynomial normal form would no longer be unique.
import {
  type Expr,
  type Variable,
  Expr as E,
  add,
  evaluate,
  mul,
  neg,
  num,
  ofRational,
  radical,
  scale,
  sub,
  substitute,
  variable,
} from './expr.ts';
import { type Rational, cq, qsqrt, rat, cinv, qtoNumber } from './rational.ts';

export function isConstantExpr(x: Expr): boolean {
  for (const k of x.variables()) {
    const v = variable(k);
    if (v.kind !== 'radical' || !isConstantExpr(v.radicand)) return false;
  }
  return true;
}

const radicalValue = new Map<string, number>();

/** Numeric value of a constant expression (radicals: positive roots; a negative radicand is an internal error). */
export function constantValue(x: Expr): [number, number] {
  return evaluate(x, (v) => [radicalNumber(v), 0]);
}

function radicalNumber(v: Variable): number {
  if (v.kind !== 'radical') throw new RangeError(`internal: ${v.key} is not a constant`);
  let r = radicalValue.get(v.key);
  if (r === undefined) {
    const [re] = constantValue(v.radicand);
    if (re < 0) throw new RangeError(`internal: negative radicand in ${v.key}`);
    radicalValue.set(v.key, (r = Math.sqrt(re)));
  }
  return r;
}

/** Nesting depth: 0 for a rational, 1 for √r with r rational, 1 + depth(r) otherwise. */
function depth(key: string): number {
  const v = variable(key);
  if (v.kind !== 'radical') return 0;
  let d = 0;
  for (const k of v.radicand.variables()) d = Math.max(d, depth(k));
  return d + 1;
}

export function invertConstant(x: Expr): Expr {
  const c = x.constantValue();
  if (c) return E.constant(cinv(c));
  // Conjugate the deepest radical ρ: x = A + Bρ, x·x̄ = A² − B²ρ² is free of ρ.
  let deepest = '';
  let best = -1;
  for (const k of x.variables()) {
    const d = depth(k);
    if (d > best || (d === best && k > deepest)) [deepest, best] = [k, d];
  }
  if (best < 1) throw new RangeError(`internal: ${x.key} is not a constant`);
  const conjugate = substitute(x, (v) => (v.key === deepest ? neg(E.ofVariable(v)) : undefined));
  const product = mul(x, conjugate);
  if (product.isZero()) throw new RangeError(`internal: ${x.key} is a zero divisor (dependent radicals)`);
  return mul(conjugate, invertConstant(product));
}

/** Nested radicals made so far, by radicand key: candidates for reuse. */
const nested: Expr[] = [];

/** √x for a constant x (see the file comment); a negative x gives i·√(−x). */
export function sqrtConstant(x: Expr): Expr {
  if (x.isZero()) return num(0);
  const [re, im] = constantValue(x);
  const q = x.constantValue();
  if (q && q.im.n !== 0n) throw new RangeError('square root of a complex number is not supported');
  if (!q && Math.abs(im) > 1e-12 * Math.abs(re)) throw new RangeError(`square root of a complex number is not supported: ${x.key}`);
  if (re < 0) return mul(E.constant(cq(rat(0), rat(1))), sqrtConstant(neg(x)));
  if (q) return sqrtPositiveRational(q.re);
  if (!isConstantExpr(x)) throw new RangeError(`internal: ${x.key} is not a constant`);
  const result = sqrtPositiveField(x);
  // Safety net of the canonical forms: the square must come back exactly, and the root positive.
  if (!mul(result, result).equals(x)) throw new RangeError(`internal: sqrt(${x.key}) squared back to ${mul(result, result).key}`);
  return result;
}

/** √q for a positive rational: √(n/d) = √(n·d)/d, square factors out, the square-free rest as a product of prime radicals. */
function sqrtPositiveRational(q: Rational): Expr {
  const exact = qsqrt(q);
  if (exact) return ofRational(exact);
  let m = q.n * q.d;
  let outside = 1n;
  const primes: bigint[] = [];
  for (let p = 2n; p * p <= m; p++) {
    if (p > 1000000n) break; // a large prime factor stays in the remainder
    let k = 0;
    while (m % p === 0n) {
      m /= p;
      k++;
    }
    outside *= p ** BigInt(Math.floor(k / 2));
    if (k % 2) primes.push(p);
  }
  if (m > 1n) primes.push(m);
  return mul(ofRational(rat(outside, q.d)), ...primes.map((p) => radical(num(p))));
}

function sqrtPositiveField(x: Expr): Expr {
  // Rational content: x = g·x' with x' of coprime integer coefficients.
  const g = content(x);
  const primitive = scale(x, cq(rat(g.d, g.n)));
  const outer = sqrtPositiveRational(g);
  const denested = denest(primitive);
  if (denested) return mul(outer, denested);
  // a − b√d with b > 0 is written through its conjugate a + b√d when their product is a square, whichever
  // came first: the canonical form must not depend on the order in which radicals were met.
  const conjugate = conjugateOfNegative(primitive);
  if (conjugate) {
    const root = denest(mul(primitive, conjugate));
    if (root) {
      let candidate = mul(root, sqrtConstant(conjugate), invertConstant(conjugate));
      if (constantValue(candidate)[0] < 0) candidate = neg(candidate);
      return mul(outer, candidate);
    }
  }
  for (const r0 of nested) {
    // √x' = √(x'·r0)/√r0 when x'·r0 is a square in the field.
    const root = denest(mul(primitive, r0));
    if (!root) continue;
    let candidate = mul(root, radical(r0), invertConstant(r0));
    if (constantValue(candidate)[0] < 0) candidate = neg(candidate);
    return mul(outer, candidate);
  }
  nested.push(primitive);
  return mul(outer, radical(primitive));
}

/**
 * √(a + b·m) with a, b rational and m a product of radicals whose square is rational, as u + v with u, v
 * square roots of rationals, when N = a² − b²m² is a rational square: u = √((a + √N)/2), v = sgn(b)·√((a − √N)/2).
 * Also recognises exact squares (u + v·m)² inside ℚ(m). Returns undefined when x is not of that form.
 */
function denest(x: Expr): Expr | undefined {
  const q = x.constantValue();
  if (q) return q.im.n === 0n && q.re.n > 0n ? sqrtPositiveRational(q.re) : undefined;
  let a: Rational = rat(0);
  let b: Rational = rat(0);
  let monoKey: string | undefined;
  let mono: Expr | undefined;
  for (const [k, t] of x.terms) {
    if (t.coef.im.n !== 0n) return undefined;
    if (k === '') {
      a = t.coef.re;
      continue;
    }
    if (monoKey !== undefined) return undefined;
    if (
      !t.mono.every(
        ([key, e]) => e === 1 && variable(key).kind === 'radical' && (variable(key) as { radicand: Expr }).radicand.constantValue(),
      )
    )
      return undefined;
    monoKey = k;
    b = t.coef.re;
    mono = E.fromTerms([{ mono: t.mono, coef: cq(rat(1)) }]);
  }
  if (!mono) return undefined;
  const m2 = mul(mono, mono).constantValue();
  if (!m2) return undefined;
  const d = m2.re;
  const aN = qtoNumber(a);
  // N = a² − b²d
  const N = rat(a.n * a.n * b.d * b.d * d.d - b.n * b.n * d.n * a.d * a.d, a.d * a.d * b.d * b.d * d.d);
  const rootN = qsqrt(N);
  if (!rootN || aN <= 0) return undefined;
  const half = (s: 1 | -1) => rat(a.n * rootN.d + BigInt(s) * rootN.n * a.d, 2n * a.d * rootN.d);
  const uu = half(1);
  const vv = half(-1);
  if (uu.n < 0n || vv.n < 0n) return undefined;
  const u = sqrtPositiveRational(uu);
  const v = sqrtPositiveRational(vv);
  const result = b.n < 0n ? sub(u, v) : add(u, v);
  return mul(result, result).equals(x) ? result : undefined;
}

/** For x = a + b·m (a, b rational, b < 0, m a product of rational radicals) the conjugate a − b·m; else undefined. */
function conjugateOfNegative(x: Expr): Expr | undefined {
  const terms = [...x.terms.entries()];
  const radicalTerms = terms.filter(([k]) => k !== '');
  if (radicalTerms.length !== 1) return undefined;
  const [key, t] = radicalTerms[0];
  if (t.coef.im.n !== 0n || t.coef.re.n >= 0n) return undefined;
  if (!t.mono.every(([k, e]) => e === 1 && (variable(k) as { radicand?: Expr }).radicand?.constantValue())) return undefined;
  return E.fromTerms(
    terms.map(([k, term]) =>
      k === key ? { mono: term.mono, coef: { re: { n: -term.coef.re.n, d: term.coef.re.d }, im: term.coef.im } } : term,
    ),
  );
}

/** The positive rational g with x/g of coprime integer coefficients (real parts; imaginary parts are absent here). */
function content(x: Expr): Rational {
  let gn = 0n;
  let ld = 1n;
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  };
  for (const t of x.terms.values()) ld = (ld * t.coef.re.d) / gcd(ld, t.coef.re.d);
  for (const t of x.terms.values()) gn = gcd(gn, (t.coef.re.n * ld) / t.coef.re.d);
  return rat(gn, ld);
}
