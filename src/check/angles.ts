// The mixing angles' defining relations, imposed on an exact scalar. A model declares cot θ = N/D, i.e.
// N = R cos θ and D = R sin θ with R = √(N² + D²); the normal form knows only c² + s² = 1. To decide
// equalities such as 2 cos(θ/2) sin(θ/2) √(Δ² + 4ξ²) = 2ξ, replace √(N²+D²) by a symbol R and a parameter that
// N (or D) holds linearly by its solution (Δ → R(c² − s²), ξ → R c s). The substitution is a ring map onto the
// relations, so a result that vanishes proves the original vanishes (the converse is not claimed).
// (The same construction verifies declared eigenvectors in src/model/eigen.ts.)
import {
  type Expr,
  type Term,
  Expr as E,
  add,
  divConst,
  halfAngle,
  mul,
  ofComplex,
  radical,
  scale,
  sub,
  substitute,
  symbol,
} from '../algebra/expr.ts';
import { type Complex, cq, rat } from '../algebra/rational.ts';
import type { Model } from '../model/model.ts';

export function angleRelations(model: Model): (x: Expr) => Expr {
  const steps = model.angles.map((a) => {
    const rootKey = [...radical(add(mul(a.numerator, a.numerator), mul(a.denominator, a.denominator))).variables()][0];
    const R = symbol(`R_${a.name}`);
    const { c, s } = halfAngle(a.name);
    const rules = new Map<string, Expr>();
    const n = solveLinear(a.numerator, a.denominator);
    const d = solveLinear(a.denominator, a.numerator);
    if (n) rules.set(n.param, divConst(sub(mul(R, sub(mul(c, c), mul(s, s))), n.rest), ofComplex(n.coef)));
    if (d) rules.set(d.param, divConst(sub(mul(R, scale(mul(c, s), cq(rat(2)))), d.rest), ofComplex(d.coef)));
    return (x: Expr): Expr => {
      const y = substitute(x, (v) => (v.key === rootKey ? R : undefined));
      return rules.size ? substitute(y, (v) => (v.kind === 'symbol' ? rules.get(v.name) : undefined)) : y;
    };
  });
  return (x) => steps.reduce((acc, f) => f(acc), x);
}

/** e = coef·p + rest for a parameter p that e holds only linearly with a constant coefficient and `other` lacks. */
function solveLinear(e: Expr, other: Expr): { param: string; coef: Complex; rest: Expr } | undefined {
  const otherVars = other.variables();
  const candidates = new Map<string, Complex>();
  const disqualified = new Set<string>();
  for (const t of e.terms.values()) {
    for (const [k, p] of t.mono) {
      if (t.mono.length === 1 && p === 1 && !disqualified.has(k)) candidates.set(k, t.coef);
      else disqualified.add(k);
    }
  }
  for (const [k, coef] of candidates) {
    if (disqualified.has(k) || otherVars.has(k) || !/^[A-Za-z]/.test(k) || k.includes('(')) continue;
    return { param: k, coef, rest: E.fromTerms([...e.terms.values()].filter((t: Term) => !(t.mono.length === 1 && t.mono[0][0] === k))) };
  }
  return undefined;
}
