// Operators on an n-dimensional space as sparse matrices of exact scalars.
// In the eigenbasis an entry (m, n) is the coefficient of τ_mn = |λ_m⟩⟨λ_n|.
import { type Expr, add, mul, conj, neg, zero, one } from '../algebra/expr.ts';

export class Operator {
  /** entries keyed by row*n + col; zero entries are never stored. */
  constructor(
    readonly n: number,
    readonly entries: ReadonlyMap<number, Expr>,
  ) {}

  get(row: number, col: number): Expr {
    return this.entries.get(row * this.n + col) ?? zero();
  }

  isZero(): boolean {
    return this.entries.size === 0;
  }

  /** [row, col, value] for every nonzero entry, in row-major order. */
  *nonzero(): Generator<[number, number, Expr]> {
    for (const k of [...this.entries.keys()].sort((a, b) => a - b)) {
      yield [Math.floor(k / this.n), k % this.n, this.entries.get(k)!];
    }
  }
}

function build(n: number, put: (set: (r: number, c: number, v: Expr) => void) => void): Operator {
  const m = new Map<number, Expr>();
  put((r, c, v) => {
    const k = r * n + c;
    const s = m.has(k) ? add(m.get(k)!, v) : v;
    if (s.isZero()) m.delete(k);
    else m.set(k, s);
  });
  return new Operator(n, m);
}

export const opZero = (n: number): Operator => new Operator(n, new Map());
export const ketbra = (n: number, row: number, col: number, v: Expr = one()): Operator => build(n, (set) => set(row, col, v));
export const identity = (n: number): Operator =>
  build(n, (set) => {
    for (let i = 0; i < n; i++) set(i, i, one());
  });

export function opAdd(...ops: Operator[]): Operator {
  return build(ops[0].n, (set) => {
    for (const o of ops) for (const [r, c, v] of o.nonzero()) set(r, c, v);
  });
}

export function opScale(a: Operator, s: Expr): Operator {
  return build(a.n, (set) => {
    for (const [r, c, v] of a.nonzero()) set(r, c, mul(s, v));
  });
}

export const opNeg = (a: Operator): Operator => opScale(a, neg(one()));

export function opMul(a: Operator, b: Operator): Operator {
  const n = a.n;
  const byRow = new Map<number, [number, Expr][]>();
  for (const [r, c, v] of b.nonzero()) {
    if (!byRow.has(r)) byRow.set(r, []);
    byRow.get(r)!.push([c, v]);
  }
  return build(n, (set) => {
    for (const [r, k, va] of a.nonzero()) for (const [c, vb] of byRow.get(k) ?? []) set(r, c, mul(va, vb));
  });
}

export function adjoint(a: Operator): Operator {
  return build(a.n, (set) => {
    for (const [r, c, v] of a.nonzero()) set(c, r, conj(v));
  });
}

export function opEquals(a: Operator, b: Operator): boolean {
  return opAdd(a, opNeg(b)).isZero();
}

/** V† A V: the matrix of A in the basis formed by the columns of V. */
export function changeBasis(a: Operator, v: Operator): Operator {
  return opMul(opMul(adjoint(v), a), v);
}

/** The operator whose columns are the given vectors (each a dense list of exact scalars). */
export function fromColumns(columns: readonly (readonly Expr[])[]): Operator {
  const n = columns.length;
  return build(n, (set) =>
    columns.forEach((col, j) =>
      col.forEach((x, i) => {
        if (!x.isZero()) set(i, j, x);
      }),
    ),
  );
}
