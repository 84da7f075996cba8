// Eigenstructure of H_S: exact verification of declared eigenpairs, and exact solution for Hamiltonians
// that are diagonal or made of 2×2 blocks.
//
// Mixing angles enter as c = cos(θ/2), s = sin(θ/2) with c² + s² = 1. An angle declared by
// cot θ = N/D means N = R cos θ and D = R sin θ with R = √(N² + D²). To verify H v = λ v exactly we
// replace √(N²+D²) by a symbol R and solve N and D for one parameter each (N = Δ, D = 2ξ: Δ → R(c²−s²),
// ξ → R c s); the residual must then vanish identically modulo c² + s² = 1.
import {
  type Expr,
  type Term,
  Expr as E,
  add,
  conj,
  divConst,
  halfAngle,
  mul,
  num,
  ofComplex,
  pow,
  radical,
  scale,
  sub,
  substitute,
  symbol,
} from '../algebra/expr.ts';
import { ExprError, exactSqrt } from '../algebra/parse.ts';
import { plainText as exprText } from '../algebra/text.ts';
import { cq, rat, cinv, type Complex } from '../algebra/rational.ts';
import type { Operator } from '../operators/operator.ts';
import type { Angle, EigenState } from './model.ts';

export function verifyEigenstructure(h: Operator, states: EigenState[], angles: Angle[], basis: string[]): void {
  const reduce = angleReducer(angles);
  const n = basis.length;
  states.forEach((st, j) => {
    for (let r = 0; r < n; r++) {
      let hv = num(0);
      for (let k = 0; k < n; k++) hv = add(hv, mul(h.get(r, k), st.vector[k]));
      const raw = sub(hv, mul(st.energy, st.vector[r]));
      if (!reduce(raw).isZero()) {
        throw new ExprError(`state ${st.name} is not an eigenvector of H with energy ${exprText(st.energy)}: component ${basis[r]} of (H - E)v is ${exprText(raw)}, which is not 0 even with the mixing-angle relations imposed`);
      }
    }
    states.forEach((other, i) => {
      if (i > j) return;
      let dot = num(0);
      for (let k = 0; k < n; k++) dot = add(dot, mul(conj(other.vector[k]), st.vector[k]));
      const expected = i === j ? num(1) : num(0);
      if (!reduce(sub(dot, expected)).isZero()) {
        throw new ExprError(i === j ? `state ${st.name} is not normalised: <v|v> = ${exprText(dot)}` : `states ${other.name} and ${st.name} are not orthogonal: <${other.name}|${st.name}> = ${exprText(dot)}`);
      }
    });
  });
}

/** The map residual → residual with every angle's defining relation imposed (see the file comment). */
function angleReducer(angles: Angle[]): (x: Expr) => Expr {
  const steps = angles.map((a) => {
    const radicand = add(mul(a.numerator, a.numerator), mul(a.denominator, a.denominator));
    const rootKey = [...radical(radicand).variables()][0];
    const rSymbol = symbol(`R_${a.name}`);
    const { c, s } = halfAngle(a.name);
    const cosTheta = sub(mul(c, c), mul(s, s));
    const sinTheta = scale(mul(c, s), cq(rat(2)));
    const solveN = solveLinear(a.numerator, a.denominator);
    const solveD = solveLinear(a.denominator, a.numerator);
    return (x: Expr): Expr => {
      if (x.isZero()) return x;
      let y = substitute(x, (v) => (v.key === rootKey ? rSymbol : undefined));
      const rules = new Map<string, Expr>();
      if (solveN) rules.set(solveN.param, divConst(sub(mul(rSymbol, cosTheta), solveN.rest), ofComplex(solveN.coef)));
      if (solveD) rules.set(solveD.param, divConst(sub(mul(rSymbol, sinTheta), solveD.rest), ofComplex(solveD.coef)));
      if (!solveN && !solveD) return y;
      y = substitute(y, (v) => (v.kind === 'symbol' ? rules.get(v.name) : undefined));
      return y;
    };
  });
  return (x) => steps.reduce((acc, f) => f(acc), x);
}

/** Write e = coef·p + rest for a parameter p that e contains only linearly, with a constant coefficient, and that `other` lacks. */
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
    const rest = E.fromTerms([...e.terms.values()].filter((t: Term) => !(t.mono.length === 1 && t.mono[0][0] === k)));
    return { param: k, coef, rest };
  }
  return undefined;
}

/** Eigenpairs of a Hamiltonian that is diagonal or splits into 2×2 blocks with a real coupling. */
export function findEigenstructure(h: Operator, basis: string[], declaredAngles: Angle[]): { states: EigenState[]; angles: Angle[] } {
  const n = basis.length;
  const seen = new Set<number>();
  const blocks: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (seen.has(i)) continue;
    const block = [i];
    seen.add(i);
    for (let q = 0; q < block.length; q++) {
      for (let k = 0; k < n; k++) {
        if (!seen.has(k) && (!h.get(block[q], k).isZero() || !h.get(k, block[q]).isZero())) {
          seen.add(k);
          block.push(k);
        }
      }
    }
    blocks.push(block.sort((a, b) => a - b));
  }
  const big = blocks.find((b) => b.length > 2);
  if (big) throw new ExprError(`H couples ${big.map((i) => basis[i]).join(', ')} in one block of size ${big.length}; declare eigen.states (eigenvectors are found automatically only for diagonal and 2x2-block Hamiltonians)`);
  const pairs = blocks.filter((b) => b.length === 2);
  const angles: Angle[] = [...declaredAngles];
  const states: EigenState[] = [];
  const unit = (i: number): Expr[] => basis.map((_, k) => num(k === i ? 1 : 0));
  for (const block of blocks) {
    if (block.length === 1) {
      const i = block[0];
      states.push({ name: basis[i], latex: basis[i], energy: h.get(i, i), vector: unit(i) });
      continue;
    }
    const [i, k] = block;
    const a = h.get(i, i);
    const d = h.get(k, k);
    const b = h.get(i, k);
    if (!sub(b, conj(b)).isZero()) throw new ExprError(`the coupling between ${basis[i]} and ${basis[k]} is not real; declare eigen.states`);
    const name = pairs.length === 1 ? 'theta' : `theta${pairs.indexOf(block) + 1}`;
    const numerator = sub(a, d);
    const denominator = scale(b, cq(rat(2)));
    if (!angles.some((x) => x.name === name)) angles.push({ name, latex: pairs.length === 1 ? '\\theta' : `\\theta_{${pairs.indexOf(block) + 1}}`, numerator, denominator });
    const root = exactSqrt(add(pow(numerator, 2), pow(denominator, 2)));
    const mean = divConst(add(a, d), num(2));
    const { c, s } = halfAngle(name);
    const plus: Expr[] = basis.map(() => num(0));
    const minus: Expr[] = basis.map(() => num(0));
    plus[i] = c;
    plus[k] = s;
    minus[i] = scale(s, cinv(cq(rat(-1))));
    minus[k] = c;
    const tag = `${basis[i]}_${basis[k]}`;
    // the LaTeX name must survive labels with subscripts: {eg}_{+}, not e_g_+
    const texTag = `{${basis[i]}${basis[k]}}`;
    states.push({ name: `${tag}_p`, latex: `${texTag}_{+}`, energy: add(mean, divConst(root, num(2))), vector: plus });
    states.push({ name: `${tag}_m`, latex: `${texTag}_{-}`, energy: sub(mean, divConst(root, num(2))), vector: minus });
  }
  return { states, angles };
}
