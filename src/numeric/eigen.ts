// Eigendecomposition of a complex Hermitian matrix by the cyclic complex Jacobi method.
// Contract: hermitianEigen(A) returns eigenvalues in ascending order and a unitary V whose
// column k is the eigenvector of values[k], so that A = V diag(values) V†.
// Jacobi is chosen over a tridiagonal QR because it is short, needs no shifts, and reaches
// high relative accuracy for the small (≤ 16×16, but any size works) matrices this project needs.
// Only the Hermitian part (A + A†)/2 is used; a non-Hermitian input is not detected here.

import { type CMatrix, zeros, identity } from './complexMatrix.ts';

export interface HermitianEigen {
  /** eigenvalues, ascending */
  values: Float64Array;
  /** unitary matrix whose columns are the eigenvectors */
  vectors: CMatrix;
  /** number of Jacobi sweeps that were needed */
  sweeps: number;
}

const MAX_SWEEPS = 60;

/**
 * Diagonalises the Hermitian n×n matrix held in (re, im) in place by cyclic complex Jacobi sweeps: on return
 * its diagonal holds the eigenvalues (unsorted). With V (an n×n matrix, identity on entry) the rotations are
 * accumulated so that its columns are the eigenvectors. Allocates nothing, so that a sweep asking for ρ's
 * smallest eigenvalue at every point can use it on reused buffers. Returns the number of sweeps.
 */
export function jacobiDiagonalize(n: number, re: Float64Array, im: Float64Array, V?: CMatrix): number {
  let sweeps = 0;
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += re[i * n + i]! * re[i * n + i]!;
      for (let j = i + 1; j < n; j++) off += re[i * n + j]! ** 2 + im[i * n + j]! ** 2;
    }
    // Converged once the off-diagonal mass is negligible against the whole matrix.
    if (off === 0 || off <= 1e-34 * (diag + 2 * off)) return sweeps;

    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apqRe = re[p * n + q]!;
        const apqIm = im[p * n + q]!;
        const r = Math.hypot(apqRe, apqIm);
        if (r === 0) continue;
        const app = re[p * n + p]!;
        const aqq = re[q * n + q]!;
        // After the first sweeps an element far below both diagonal entries cannot change
        // them in double precision; zeroing it directly avoids useless rotations.
        if (sweeps > 3 && Math.abs(app) + 1e20 * r === Math.abs(app) && Math.abs(aqq) + 1e20 * r === Math.abs(aqq)) {
          re[p * n + q] = im[p * n + q] = re[q * n + p] = im[q * n + p] = 0;
          continue;
        }
        // a_pq = r e^{iφ}. The unitary G = diag(1, e^{-iφ}) · R(θ) on the (p, q) plane first makes
        // the pair real-symmetric and then applies the classical real Jacobi rotation.
        const ephRe = apqRe / r; // e^{iφ}
        const ephIm = apqIm / r;
        const theta = (aqq - app) / (2 * r);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // G columns: G_pp = c, G_qp = −s e^{−iφ}, G_pq = s, G_qq = c e^{−iφ}.
        rotateColumns(n, re, im, p, q, c, s, ephRe, ephIm); // A ← A G
        // Row update A ← G† A (all columns k).
        for (let k = 0; k < n; k++) {
          const pkRe = re[p * n + k]!;
          const pkIm = im[p * n + k]!;
          const qkRe = re[q * n + k]!;
          const qkIm = im[q * n + k]!;
          // e^{+iφ} a_qk
          const wRe = ephRe * qkRe - ephIm * qkIm;
          const wIm = ephRe * qkIm + ephIm * qkRe;
          re[p * n + k] = c * pkRe - s * wRe;
          im[p * n + k] = c * pkIm - s * wIm;
          re[q * n + k] = s * pkRe + c * wRe;
          im[q * n + k] = s * pkIm + c * wIm;
        }
        // The rotation annihilates the pair by construction; store exact values, not roundoff.
        re[p * n + q] = im[p * n + q] = re[q * n + p] = im[q * n + p] = 0;
        im[p * n + p] = 0;
        im[q * n + q] = 0;
        if (V) rotateColumns(n, V.re, V.im, p, q, c, s, ephRe, ephIm); // V ← V G
      }
    }
  }
  throw new Error('Jacobi iteration did not converge');
}

/** M ← M G for the plane rotation G of jacobiDiagonalize, on columns p and q of every row. */
function rotateColumns(
  n: number,
  re: Float64Array,
  im: Float64Array,
  p: number,
  q: number,
  c: number,
  s: number,
  ephRe: number,
  ephIm: number,
): void {
  for (let k = 0; k < n; k++) {
    const kpRe = re[k * n + p]!;
    const kpIm = im[k * n + p]!;
    const kqRe = re[k * n + q]!;
    const kqIm = im[k * n + q]!;
    // e^{−iφ} a_kq
    const wRe = ephRe * kqRe + ephIm * kqIm;
    const wIm = ephRe * kqIm - ephIm * kqRe;
    re[k * n + p] = c * kpRe - s * wRe;
    im[k * n + p] = c * kpIm - s * wIm;
    re[k * n + q] = s * kpRe + c * wRe;
    im[k * n + q] = s * kpIm + c * wIm;
  }
}

/** Writes the Hermitian part (A + A†)/2 of the n×n matrix (aRe, aIm) into (re, im): roundoff asymmetry cannot bias the result. */
export function hermitianPart(n: number, aRe: ArrayLike<number>, aIm: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      re[i * n + j] = 0.5 * (aRe[i * n + j]! + aRe[j * n + i]!);
      im[i * n + j] = 0.5 * (aIm[i * n + j]! - aIm[j * n + i]!);
    }
    im[i * n + i] = 0;
  }
}

export function hermitianEigen(A: CMatrix): HermitianEigen {
  if (A.n !== A.m) throw new RangeError('hermitianEigen: matrix must be square');
  const n = A.n;
  const W = zeros(n, n);
  hermitianPart(n, A.re, A.im, W.re, W.im);
  const V = identity(n);
  const re = W.re;
  const sweeps = jacobiDiagonalize(n, W.re, W.im, V);

  // Sort ascending and fix each eigenvector's phase (largest component real and positive)
  // so that the output is deterministic for non-degenerate spectra.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => re[a * n + a]! - re[b * n + b]!);
  const values = new Float64Array(n);
  const vectors = zeros(n, n);
  order.forEach((src, dst) => {
    values[dst] = re[src * n + src]!;
    let best = 0;
    let bestRow = 0;
    for (let k = 0; k < n; k++) {
      const mag = Math.hypot(V.re[k * n + src]!, V.im[k * n + src]!);
      if (mag > best + 1e-12) {
        best = mag;
        bestRow = k;
      }
    }
    const pr = V.re[bestRow * n + src]! / best;
    const pi = V.im[bestRow * n + src]! / best;
    // multiply the column by conj(phase)
    for (let k = 0; k < n; k++) {
      const xr = V.re[k * n + src]!;
      const xi = V.im[k * n + src]!;
      vectors.re[k * n + dst] = pr * xr + pi * xi;
      vectors.im[k * n + dst] = pr * xi - pi * xr;
    }
    vectors.im[bestRow * n + dst] = 0;
  });
  return { values, vectors, sweeps };
}
