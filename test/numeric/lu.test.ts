// LU solves and the rank-revealing null space, checked on random and deliberately rank-deficient matrices.
import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  zeros,
  identity,
  multiply,
  adjoint,
  maxAbs,
  maxAbsDiff,
  frobeniusNorm,
  fromNested,
} from '../../src/numeric/complexMatrix.ts';
import {
  leftNullBasis,
  luBackSolveInPlace,
  luFactor,
  luFactorInPlace,
  luSolve,
  luSolveInPlace,
  nullBasis,
  nullspace,
  qrColumnPivoted,
  realLuBackSolveInPlace,
  realLuFactorInPlace,
} from '../../src/numeric/lu.ts';
import { rng, randomMatrix } from '../support/random.ts';

describe('luFactor / luSolve', () => {
  it('solves random complex systems to roundoff', () => {
    const next = rng(1);
    let worst = 0;
    for (const n of [1, 2, 3, 5, 8, 16, 40, 100]) {
      const A = randomMatrix(n, n, next);
      const xTrue = randomMatrix(n, 3, next);
      const b = multiply(A, xTrue);
      const x = luSolve(luFactor(A), b);
      const residual = maxAbs(sub2(multiply(A, x), b)) / (frobeniusNorm(A) * frobeniusNorm(x));
      worst = Math.max(worst, residual);
      // random matrices are well conditioned enough for the forward error to be small too
      expect(maxAbsDiff(x, xTrue)).toBeLessThan(1e-10);
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('needs pivoting for a zero leading entry', () => {
    const A = fromNested(
      [
        [0, 1],
        [1, 0],
      ],
      [
        [0, 0],
        [1, 0],
      ],
    ); // [[0, 1], [1 + i, 0]]
    const b = fromNested([[2], [1]], [[0], [1]]); // [2, 1 + i]
    const x = luSolve(luFactor(A), b);
    expect(maxAbsDiff(x, fromNested([[1], [2]]))).toBeLessThan(1e-15);
  });

  it('refuses an exactly singular matrix', () => {
    const A = fromNested([
      [1, 2],
      [2, 4],
    ]);
    const lu = luFactor(A);
    expect(lu.pivotRatio).toBe(0);
    expect(() => luSolve(lu, fromNested([[1], [1]]))).toThrow(/singular/);
  });
});

describe('luFactorInPlace / luSolveInPlace / luBackSolveInPlace', () => {
  it('match luFactor / luSolve bit for bit, with the right-hand side eliminated separately or on the way', () => {
    const next = rng(2);
    for (const n of [1, 2, 6, 13]) {
      const A = randomMatrix(n, n, next);
      const b = randomMatrix(n, 1, next);
      const ref = luSolve(luFactor(A), b);
      const re = Float64Array.from(A.re);
      const im = Float64Array.from(A.im);
      const pivots = new Int32Array(n);
      const ratio = luFactorInPlace(n, re, im, pivots, new Float64Array(n), new Float64Array(n));
      expect(ratio).toBe(luFactor(A).pivotRatio);
      const xRe = Float64Array.from(b.re);
      const xIm = Float64Array.from(b.im);
      luSolveInPlace(n, re, im, pivots, xRe, xIm);
      expect([...xRe]).toEqual([...ref.re]);
      expect([...xIm]).toEqual([...ref.im]);
      // fused: the right-hand side rides along the factorisation, then only U remains
      const re2 = Float64Array.from(A.re);
      const im2 = Float64Array.from(A.im);
      const yRe = Float64Array.from(b.re);
      const yIm = Float64Array.from(b.im);
      luFactorInPlace(n, re2, im2, pivots, yRe, yIm);
      luBackSolveInPlace(n, re2, im2, yRe, yIm);
      expect([...yRe]).toEqual([...ref.re]);
      expect([...yIm]).toEqual([...ref.im]);
    }
  });

  it('reports a zero pivot ratio for a singular matrix', () => {
    const A = fromNested([
      [1, 2],
      [2, 4],
    ]);
    const scratch = () => new Float64Array(2);
    expect(luFactorInPlace(2, Float64Array.from(A.re), Float64Array.from(A.im), new Int32Array(2), scratch(), scratch())).toBe(0);
  });
});

describe('realLuFactorInPlace / realLuBackSolveInPlace', () => {
  it('solve random real systems to roundoff (sizes around the four-row blocking), with the pivots of the complex LU', () => {
    const next = rng(12);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 70]) {
      const A = Float64Array.from({ length: n * n }, () => next() - 0.5);
      const b = Float64Array.from({ length: n }, () => next() - 0.5);
      const a = Float64Array.from(A);
      const x = Float64Array.from(b);
      const pivots = new Int32Array(n);
      const ratio = realLuFactorInPlace(n, a, pivots, x);
      realLuBackSolveInPlace(n, a, x);
      // the residual, relative to |A| |x|
      let residual = 0;
      let size = 0;
      for (let i = 0; i < n; i++) {
        let r = -b[i]!;
        for (let j = 0; j < n; j++) r += A[i * n + j]! * x[j]!;
        residual = Math.max(residual, Math.abs(r));
      }
      for (let k = 0; k < n * n; k++) size = Math.max(size, Math.abs(A[k]!));
      const xMax = Math.max(...x.map(Math.abs));
      expect(residual / (size * xMax), `n = ${n}`).toBeLessThan(1e-13);
      // the complex LU of the same matrix picks the same rows (|Re z| + |Im z| is |z| here)
      const re = Float64Array.from(A);
      const cp = new Int32Array(n);
      const cRatio = luFactorInPlace(n, re, new Float64Array(n * n), cp, new Float64Array(n), new Float64Array(n));
      expect([...pivots]).toEqual([...cp]);
      expect(Math.abs(ratio - cRatio)).toBeLessThanOrEqual(1e-12 * cRatio);
    }
  });

  it('reports a zero pivot ratio for a singular matrix, and no valid ratio for one holding NaN', () => {
    expect(realLuFactorInPlace(2, Float64Array.from([1, 2, 2, 4]), new Int32Array(2), new Float64Array(2))).toBe(0);
    const ratio = realLuFactorInPlace(2, Float64Array.from([1, Number.NaN, 2, 4]), new Int32Array(2), new Float64Array(2));
    expect(ratio >= 1e-8).toBe(false);
  });
});

function sub2(a: CMatrix, b: CMatrix): CMatrix {
  const C = zeros(a.n, a.m);
  for (let k = 0; k < a.re.length; k++) {
    C.re[k] = a.re[k]! - b.re[k]!;
    C.im[k] = a.im[k]! - b.im[k]!;
  }
  return C;
}

describe('nullspace', () => {
  it('finds the exact nullity of products of thin random factors', () => {
    const next = rng(5);
    for (const [n, r] of [
      [6, 1],
      [6, 5],
      [10, 3],
      [16, 15],
      [30, 12],
      [64, 60],
    ] as const) {
      const M = multiply(randomMatrix(n, r, next), randomMatrix(r, n, next));
      const ns = nullspace(M, 1e-10);
      expect(ns.rank).toBe(r);
      expect(ns.nullity).toBe(n - r);
      // the basis is annihilated and orthonormal
      expect(maxAbs(multiply(M, ns.basis)) / frobeniusNorm(M)).toBeLessThan(1e-13);
      expect(maxAbsDiff(multiply(adjoint(ns.basis), ns.basis), identity(n - r))).toBeLessThan(1e-13);
      // a clear gap in the pivoted R diagonal
      expect(ns.diagonal[r]! / ns.diagonal[0]!).toBeLessThan(1e-13);
      expect(ns.diagonal[r - 1]! / ns.diagonal[0]!).toBeGreaterThan(1e-6);
    }
  });

  it('handles a hand-made rank-deficient matrix', () => {
    // rows: (1, i, 0), (0, 0, 1), (2, 2i, 3) → the third is 2·first + 3·second; null space spanned by (i, −1, 0)
    const M = fromNested(
      [
        [1, 0, 0],
        [0, 0, 1],
        [2, 0, 3],
      ],
      [
        [0, 1, 0],
        [0, 0, 0],
        [0, 2, 0],
      ],
    );
    const ns = nullspace(M);
    expect(ns.nullity).toBe(1);
    const v = ns.basis;
    // proportional to (i, −1, 0)/√2: v0 = −i v1 and v2 = 0
    expect(Math.abs(v.re[2]!) + Math.abs(v.im[2]!)).toBeLessThan(1e-15);
    expect(Math.abs(v.re[0]! - v.im[1]!)).toBeLessThan(1e-15);
    expect(Math.abs(v.im[0]! + v.re[1]!)).toBeLessThan(1e-15);
    expect(Math.hypot(v.re[0]!, v.im[0]!)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('full rank, zero and rectangular matrices', () => {
    const next = rng(11);
    expect(nullspace(randomMatrix(8, 8, next)).nullity).toBe(0);
    const Z = nullspace(zeros(4, 4));
    expect(Z.nullity).toBe(4);
    expect(maxAbsDiff(multiply(adjoint(Z.basis), Z.basis), identity(4))).toBeLessThan(1e-15);
    const wide = randomMatrix(3, 7, next);
    const ns = nullspace(wide);
    expect(ns.nullity).toBe(4);
    expect(maxAbs(multiply(wide, ns.basis))).toBeLessThan(1e-14);
  });

  it('one pivoted QR gives the right and the left null spaces', () => {
    const next = rng(9);
    for (const [n, r] of [
      [6, 5],
      [10, 7],
      [5, 0],
    ] as const) {
      const M = r === 0 ? zeros(n, n) : multiply(randomMatrix(n, r, next), randomMatrix(r, n, next));
      const qr = qrColumnPivoted(M);
      const right = nullBasis(qr, r);
      const left = leftNullBasis(qr, r);
      const scale = Math.max(frobeniusNorm(M), 1);
      expect(maxAbs(multiply(M, right)) / scale).toBeLessThan(1e-13);
      expect(maxAbs(multiply(adjoint(left), M)) / scale).toBeLessThan(1e-13);
      expect(maxAbsDiff(multiply(adjoint(left), left), identity(n - r))).toBeLessThan(1e-14);
      expect(maxAbsDiff(multiply(adjoint(right), right), identity(n - r))).toBeLessThan(1e-14);
    }
  });

  it('pivoted QR diagonal is non-increasing', () => {
    const next = rng(3);
    const { diagonal } = qrColumnPivoted(randomMatrix(12, 12, next));
    for (let k = 1; k < diagonal.length; k++) expect(diagonal[k]!).toBeLessThanOrEqual(diagonal[k - 1]! * (1 + 1e-12));
  });
});
