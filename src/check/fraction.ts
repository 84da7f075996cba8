// Rational functions as numerator/denominator pairs of exact scalars (the polynomial normal form has no
// division by non-constants). Equality is P1·Q2 − P2·Q1 = 0. Common monomial factors of numerator and
// denominator are cancelled (enough to undo the a·(b/a) a paper's bracketed ratios produce); nothing else is.
// Also the elimination of a variable through a condition linear in it (for vanishing conditions).
import {
  type Expr,
  type Mono,
  type Term,
  Expr as ExprClass,
  add,
  conj,
  divConst,
  mul,
  neg,
  one,
  pow,
  sub,
  variable,
} from '../algebra/expr.ts';
import { cisZero } from '../algebra/rational.ts';

export interface Frac {
  num: Expr;
  den: Expr;
}

export const frac = (num: Expr, den: Expr = one()): Frac => ({ num, den });

function sameExpr(a: Expr, b: Expr): boolean {
  return a.key === b.key;
}

export function fadd(a: Frac, b: Frac): Frac {
  if (sameExpr(a.den, b.den)) return cancel({ num: add(a.num, b.num), den: a.den });
  return cancel({ num: add(mul(a.num, b.den), mul(b.num, a.den)), den: mul(a.den, b.den) });
}

export const fneg = (a: Frac): Frac => ({ num: neg(a.num), den: a.den });
export const fsub = (a: Frac, b: Frac): Frac => fadd(a, fneg(b));
export const fmul = (a: Frac, b: Frac): Frac => cancel({ num: mul(a.num, b.num), den: mul(a.den, b.den) });
export const fconj = (a: Frac): Frac => ({ num: conj(a.num), den: conj(a.den) });

export function fdiv(a: Frac, b: Frac): Frac {
  if (b.num.isZero()) throw new RangeError('division by zero');
  return cancel({ num: mul(a.num, b.den), den: mul(a.den, b.num) });
}

/** The numerator of a − b over a common denominator: zero exactly when a = b. */
export function crossDifference(a: Frac, b: Frac): Expr {
  return sub(mul(a.num, b.den), mul(b.num, a.den));
}

/** Cancel the common monomial content (and a constant denominator) of numerator and denominator. */
function cancel(f: Frac): Frac {
  const c = f.den.constantValue();
  if (c && !cisZero(c)) return { num: divConst(f.num, f.den), den: one() };
  if (f.num.isZero()) return { num: f.num, den: one() };
  const common = monoGcd([...f.num.terms.values(), ...f.den.terms.values()].map((t) => t.mono));
  if (common.length === 0) return f;
  return { num: divMono(f.num, common), den: divMono(f.den, common) };
}

/** Only for variables the normal form never rewrites (symbols, atoms, cos): a sin or radical stays. */
function monoGcd(monos: Mono[]): [string, number][] {
  let acc = new Map<string, number>(monos[0].filter(([k]) => plain(k)).map(([k, e]) => [k, e]));
  for (const m of monos.slice(1)) {
    const mm = new Map(m);
    const next = new Map<string, number>();
    for (const [k, e] of acc) {
      const f = mm.get(k);
      if (f) next.set(k, Math.min(e, f));
    }
    acc = next;
    if (acc.size === 0) break;
  }
  return [...acc];
}

const plain = (key: string) => {
  const kind = variable(key).kind;
  return kind === 'symbol' || kind === 'atom' || kind === 'cos';
};

function divMono(x: Expr, m: [string, number][]): Expr {
  const d = new Map(m);
  return ExprClass.fromTerms(
    [...x.terms.values()].map((t) => ({
      mono: t.mono.map(([k, e]) => [k, e - (d.get(k) ?? 0)] as const).filter(([, e]) => e > 0),
      coef: t.coef,
    })),
  );
}

/** x = a·v + b with a, b free of v, when every term of x has v to the power 0 or 1 (and some has 1). */
export function linearIn(x: Expr, v: string): { a: Expr; b: Expr } | undefined {
  const a: Term[] = [];
  const b: Term[] = [];
  for (const t of x.terms.values()) {
    const e = t.mono.find(([k]) => k === v)?.[1] ?? 0;
    if (e > 1) return undefined;
    if (e === 1) a.push({ mono: t.mono.filter(([k]) => k !== v), coef: t.coef });
    else b.push(t);
  }
  return a.length ? { a: ExprClass.fromTerms(a), b: ExprClass.fromTerms(b) } : undefined;
}

/**
 * p with the variable v replaced by −b/a (the root of a·v + b = 0), times a^deg_v(p) so that it stays a
 * polynomial: zero exactly when p vanishes wherever a·v + b does (and a does not).
 */
export function eliminate(p: Expr, v: string, root: { a: Expr; b: Expr }): Expr {
  const byPower = new Map<number, Term[]>();
  for (const t of p.terms.values()) {
    const e = t.mono.find(([k]) => k === v)?.[1] ?? 0;
    if (!byPower.has(e)) byPower.set(e, []);
    byPower.get(e)!.push({ mono: t.mono.filter(([k]) => k !== v), coef: t.coef });
  }
  const deg = Math.max(...byPower.keys());
  const parts: Expr[] = [];
  for (const [e, terms] of byPower) parts.push(mul(ExprClass.fromTerms(terms), pow(neg(root.b), e), pow(root.a, deg - e)));
  return add(...parts);
}
