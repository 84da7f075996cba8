// Exact dense linear algebra over the constant number field of radicals.ts (matrices as Expr[][]):
// null spaces by Gaussian elimination, Gram–Schmidt orthonormalisation, products and compressions.
// Entries are constants (no parameters) except where a function says otherwise; zero tests are exact.
import { type Expr, add, conj, mul, num, sub } from './expr.ts';
import { invertConstant, sqrtConstant } from './radicals.ts';

export type Matrix = Expr[][];
export type Vector = Expr[];

export const dot = (u: Vector, v: Vector): Expr => add(...u.map((x, i) => mul(conj(x), v[i])));

export function matVec(m: Matrix, v: Vector): Vector {
  return m.map((row) => add(...row.map((x, j) => (v[j].isZero() || x.isZero() ? num(0) : mul(x, v[j])))));
}

/** W† M W for W given by its columns (entries of M may be parametric). */
export function compress(m: Matrix, columns: Vector[]): Matrix {
  const mw = columns.map((w) => matVec(m, w));
  return columns.map((u) => mw.map((x) => dot(u, x)));
}

/** A basis of {v : m v = 0} (m constant). */
export function nullSpace(m: Matrix, cols = m[0]?.length ?? 0): Vector[] {
  const a = m.map((r) => [...r]);
  const pivotCols: number[] = [];
  let row = 0;
  for (let col = 0; col < cols && row < a.length; col++) {
    const p = a.findIndex((r, i) => i >= row && !r[col].isZero());
    if (p < 0) continue;
    [a[row], a[p]] = [a[p], a[row]];
    const inv = invertConstant(a[row][col]);
    a[row] = a[row].map((x) => (x.isZero() ? x : mul(x, inv)));
    for (let i = 0; i < a.length; i++) {
      if (i === row || a[i][col].isZero()) continue;
      const f = a[i][col];
      a[i] = a[i].map((x, j) => (a[row][j].isZero() ? x : sub(x, mul(f, a[row][j]))));
    }
    pivotCols.push(col);
    row++;
  }
  const free = [...Array(cols).keys()].filter((c) => !pivotCols.includes(c));
  return free.map((f) => {
    const v: Vector = Array.from({ length: cols }, (_, j) => num(j === f ? 1 : 0));
    pivotCols.forEach((pc, r) => {
      if (!a[r][f].isZero()) v[pc] = sub(num(0), a[r][f]);
    });
    return v;
  });
}

/** Orthonormal vectors spanning the same space (exact Gram–Schmidt; norms through sqrtConstant). */
export function orthonormalize(vs: Vector[]): Vector[] {
  const ortho: Vector[] = [];
  const norms: Expr[] = [];
  for (const v of vs) {
    let w = v;
    ortho.forEach((u, i) => {
      const f = mul(dot(u, w), invertConstant(norms[i]));
      if (!f.isZero()) w = w.map((x, k) => sub(x, mul(f, u[k])));
    });
    const n2 = dot(w, w);
    if (n2.isZero()) continue;
    ortho.push(w);
    norms.push(n2);
  }
  return ortho.map((w, i) => {
    // w/√n = w·√n/n: one radical per vector, in the canonical form of sqrtConstant.
    const f = mul(sqrtConstant(norms[i]), invertConstant(norms[i]));
    return w.map((x) => mul(x, f));
  });
}

export function isScalarMatrix(m: Matrix): boolean {
  return m.every((row, i) => row.every((x, j) => (i === j ? x.equals(m[0][0]) : x.isZero())));
}

export function commutes(a: Matrix, b: Matrix): boolean {
  const n = a.length;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let x = num(0);
      for (let k = 0; k < n; k++) x = add(x, sub(mul(a[i][k], b[k][j]), mul(b[i][k], a[k][j])));
      if (!x.isZero()) return false;
    }
  return true;
}
