// Checks of the dense complex matrix kernel against identities that hold exactly or to roundoff.
import { describe, expect, it } from 'vitest';
import {
  zeros,
  identity,
  fromReal,
  fromNested,
  clone,
  add,
  sub,
  scale,
  multiply,
  adjoint,
  transpose,
  kron,
  trace,
  maxAbsDiff,
  frobeniusNorm,
  frobeniusDiff,
  toNested,
} from '../../src/numeric/complexMatrix.ts';
import { rng, randomMatrix } from '../support/random.ts';

describe('complexMatrix', () => {
  const next = rng(12345);

  it('multiplies small matrices exactly', () => {
    // (1+i  2 ; 0  -i) (1 ; i) = (1 + i + 2i ; 1) = (1+3i ; 1)
    const A = fromNested(
      [
        [1, 2],
        [0, 0],
      ],
      [
        [1, 0],
        [0, -1],
      ],
    );
    const x = fromNested([[1], [0]], [[0], [1]]);
    const y = multiply(A, x);
    expect(toNested(y)).toEqual({ re: [[1], [1]], im: [[3], [0]] });
  });

  it('identity, add, sub, scale, clone behave', () => {
    const A = randomMatrix(4, 4, next);
    expect(maxAbsDiff(multiply(identity(4), A), A)).toBe(0);
    expect(maxAbsDiff(sub(add(A, A), scale(A, 2)), zeros(4))).toBe(0);
    // scaling by i twice is scaling by −1
    expect(maxAbsDiff(scale(scale(A, { re: 0, im: 1 }), { re: 0, im: 1 }), scale(A, -1))).toBe(0);
    const B = clone(A);
    B.re[0] = 99;
    expect(A.re[0]).not.toBe(99);
    expect(
      toNested(
        fromReal([
          [1, 2],
          [3, 4],
        ]),
      ).re,
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('adjoint reverses products and is an involution', () => {
    const A = randomMatrix(3, 5, next);
    const B = randomMatrix(5, 2, next);
    expect(maxAbsDiff(adjoint(adjoint(A)), A)).toBe(0);
    expect(maxAbsDiff(adjoint(multiply(A, B)), multiply(adjoint(B), adjoint(A)))).toBeLessThan(1e-14);
    expect(maxAbsDiff(transpose(transpose(A)), A)).toBe(0);
  });

  it('kron obeys the mixed-product rule and multiplies traces', () => {
    const A = randomMatrix(2, 2, next);
    const B = randomMatrix(3, 3, next);
    const C = randomMatrix(2, 2, next);
    const D = randomMatrix(3, 3, next);
    const lhs = multiply(kron(A, B), kron(C, D));
    const rhs = kron(multiply(A, C), multiply(B, D));
    expect(maxAbsDiff(lhs, rhs)).toBeLessThan(1e-14);
    const tAB = trace(kron(A, B));
    const tA = trace(A);
    const tB = trace(B);
    expect(tAB.re).toBeCloseTo(tA.re * tB.re - tA.im * tB.im, 13);
    expect(tAB.im).toBeCloseTo(tA.re * tB.im + tA.im * tB.re, 13);
    // first factor varies slowest: (A⊗B)[i*3+p][j*3+q] = A[i][j] B[p][q]
    const K = kron(A, B);
    expect(K.re[(1 * 3 + 2) * 6 + (0 * 3 + 1)]).toBeCloseTo(A.re[2]! * B.re[7]! - A.im[2]! * B.im[7]!, 15);
  });

  it('norms', () => {
    const A = fromNested(
      [
        [3, 0],
        [0, 0],
      ],
      [
        [0, 4],
        [0, 0],
      ],
    );
    expect(frobeniusNorm(A)).toBeCloseTo(5, 15);
    expect(maxAbsDiff(A, zeros(2))).toBe(4);
    expect(frobeniusDiff(A, A)).toBe(0);
    expect(frobeniusNorm(scale(A, 1e200))).toBeCloseTo(5e200, -186);
  });
});
