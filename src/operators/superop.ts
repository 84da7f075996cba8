// Superoperators as sums of three kinds of monomials in the eigenbasis:
//   left  L(a,b):      τ_ab ρ
//   right R(c,d):      ρ τ_cd
//   sandwich S(a,b,c,d): τ_ab ρ τ_cd
// The left/right forms keep the shape in which master equations are printed; `tensor` rewrites
// everything as sandwiches (τ_ab ρ = Σ_c τ_ab ρ τ_cc), which is unique, so equations are compared there.
import { type Expr, add, conj, mul, neg } from '../algebra/expr.ts';
import type { Operator } from './operator.ts';

export type SuperKind = 'L' | 'R' | 'S';

export interface SuperEntry {
  kind: SuperKind;
  /** [a,b] for L and R, [a,b,c,d] for S (0-based eigenstate indices) */
  idx: number[];
  coef: Expr;
}

export const entryKey = (kind: SuperKind, idx: readonly number[]): string => `${kind}:${idx.join(',')}`;

export class SuperOp {
  readonly entries = new Map<string, SuperEntry>();
  constructor(readonly n: number) {}

  addEntry(kind: SuperKind, idx: number[], coef: Expr): void {
    if (coef.isZero()) return;
    const k = entryKey(kind, idx);
    const old = this.entries.get(k);
    const c = old ? add(old.coef, coef) : coef;
    if (c.isZero()) this.entries.delete(k);
    else this.entries.set(k, { kind, idx, coef: c });
  }

  /** coef · A ρ B */
  addSandwich(coef: Expr, a: Operator, b: Operator): void {
    for (const [i, j, x] of a.nonzero()) for (const [k, l, y] of b.nonzero()) this.addEntry('S', [i, j, k, l], mul(coef, x, y));
  }

  /** coef · A ρ */
  addLeft(coef: Expr, a: Operator): void {
    for (const [i, j, x] of a.nonzero()) this.addEntry('L', [i, j], mul(coef, x));
  }

  /** coef · ρ B */
  addRight(coef: Expr, b: Operator): void {
    for (const [i, j, x] of b.nonzero()) this.addEntry('R', [i, j], mul(coef, x));
  }

  addAll(other: SuperOp, factor?: Expr): void {
    for (const e of other.entries.values()) this.addEntry(e.kind, e.idx, factor ? mul(factor, e.coef) : e.coef);
  }

  /** The unique sandwich form: key "a,b,c,d" ↦ coefficient of τ_ab ρ τ_cd. */
  tensor(): Map<string, Expr> {
    const t = new Map<string, Expr>();
    const put = (idx: number[], c: Expr) => {
      const k = idx.join(',');
      const s = t.has(k) ? add(t.get(k)!, c) : c;
      if (s.isZero()) t.delete(k);
      else t.set(k, s);
    };
    for (const e of this.entries.values()) {
      if (e.kind === 'S') put(e.idx, e.coef);
      else for (let m = 0; m < this.n; m++) put(e.kind === 'L' ? [e.idx[0], e.idx[1], m, m] : [m, m, e.idx[0], e.idx[1]], e.coef);
    }
    return t;
  }
}

/** The adjoint entry: (τ_ab ρ τ_cd)† = τ_dc ρ τ_ba, (τ_ab ρ)† = ρ τ_ba. */
export function adjointEntry(e: SuperEntry): SuperEntry {
  if (e.kind === 'S') return { kind: 'S', idx: [e.idx[3], e.idx[2], e.idx[1], e.idx[0]], coef: conj(e.coef) };
  return { kind: e.kind === 'L' ? 'R' : 'L', idx: [e.idx[1], e.idx[0]], coef: conj(e.coef) };
}

export function superSub(a: SuperOp, b: SuperOp): SuperOp {
  const out = new SuperOp(a.n);
  out.addAll(a);
  for (const e of b.entries.values()) out.addEntry(e.kind, e.idx, neg(e.coef));
  return out;
}
