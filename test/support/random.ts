// Deterministic pseudo-random numbers and matrices for the numeric tests, so a failure is reproducible.
import { type CMatrix, zeros } from '../../src/numeric/complexMatrix.ts';

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An n×m matrix with real and imaginary parts uniform in [−1, 1). */
export function randomMatrix(n: number, m: number, next: () => number): CMatrix {
  const M = zeros(n, m);
  for (let k = 0; k < n * m; k++) {
    M.re[k] = 2 * next() - 1;
    M.im[k] = 2 * next() - 1;
  }
  return M;
}

/** A Hermitian n×n matrix with entries uniform in [−1, 1) (real diagonal). */
export function randomHermitian(n: number, next: () => number): CMatrix {
  const A = zeros(n);
  for (let i = 0; i < n; i++) {
    A.re[i * n + i] = 2 * next() - 1;
    for (let j = i + 1; j < n; j++) {
      const re = 2 * next() - 1;
      const im = 2 * next() - 1;
      A.re[i * n + j] = re;
      A.im[i * n + j] = im;
      A.re[j * n + i] = re;
      A.im[j * n + i] = -im;
    }
  }
  return A;
}
