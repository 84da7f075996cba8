// Complex dense linear algebra on split re/im arrays:
//  - luFactor / luSolve: LU factorisation with partial (row) pivoting, P A = L U, and solves A X = B;
//  - qrColumnPivoted: Householder QR with column pivoting, A P = Q R, the rank-revealing step;
//  - nullspace(M, tol): numerical rank, nullity and an orthonormal basis of {x : M x = 0}.
// Intended for Liouvillians of up to a few hundred rows (steady states of n ≤ 16 systems).

import { type CMatrix, zeros } from './complexMatrix.ts';

export interface LUFactors {
  n: number;
  /** L (unit lower, below the diagonal) and U (on and above) packed together, row-major */
  re: Float64Array;
  im: Float64Array;
  /** row i of the factorised matrix is row perm[i] of A */
  perm: Int32Array;
  /** smallest |u_kk| / largest |u_kk|: a cheap conditioning hint, 0 for an exactly singular A */
  pivotRatio: number;
}

export function luFactor(A: CMatrix): LUFactors {
  if (A.n !== A.m) throw new RangeError('luFactor: matrix must be square');
  const n = A.n;
  const re = Float64Array.from(A.re);
  const im = Float64Array.from(A.im);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let minPivot = Infinity;
  let maxPivot = 0;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let pivotMag = -1;
    for (let i = k; i < n; i++) {
      const mag = Math.hypot(re[i * n + k]!, im[i * n + k]!);
      if (mag > pivotMag) {
        pivotMag = mag;
        pivotRow = i;
      }
    }
    if (pivotRow !== k) {
      for (let j = 0; j < n; j++) {
        const a = k * n + j;
        const b = pivotRow * n + j;
        [re[a], re[b]] = [re[b]!, re[a]!];
        [im[a], im[b]] = [im[b]!, im[a]!];
      }
      [perm[k], perm[pivotRow]] = [perm[pivotRow]!, perm[k]!];
    }
    minPivot = Math.min(minPivot, pivotMag);
    maxPivot = Math.max(maxPivot, pivotMag);
    if (pivotMag === 0) continue; // singular column: leave it, luSolve will refuse
    const pr = re[k * n + k]!;
    const pi = im[k * n + k]!;
    const d = pr * pr + pi * pi;
    for (let i = k + 1; i < n; i++) {
      const ar = re[i * n + k]!;
      const ai = im[i * n + k]!;
      // multiplier l_ik = a_ik / u_kk
      const lr = (ar * pr + ai * pi) / d;
      const li = (ai * pr - ar * pi) / d;
      re[i * n + k] = lr;
      im[i * n + k] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const ur = re[k * n + j]!;
        const ui = im[k * n + j]!;
        re[i * n + j] -= lr * ur - li * ui;
        im[i * n + j] -= lr * ui + li * ur;
      }
    }
  }
  const pivotRatio = n === 0 ? 1 : maxPivot === 0 ? 0 : minPivot / maxPivot;
  return { n, re, im, perm, pivotRatio };
}

/** Solves A X = B for X, with A given by its LU factors; B may have several columns. */
export function luSolve(lu: LUFactors, B: CMatrix): CMatrix {
  const { n, re, im, perm } = lu;
  if (B.n !== n) throw new RangeError(`luSolve: right-hand side has ${B.n} rows, expected ${n}`);
  if (lu.pivotRatio === 0) throw new RangeError('luSolve: matrix is singular');
  const m = B.m;
  const X = zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      X.re[i * m + c] = B.re[perm[i]! * m + c]!;
      X.im[i * m + c] = B.im[perm[i]! * m + c]!;
    }
  }
  for (let c = 0; c < m; c++) {
    // forward substitution with unit-lower L
    for (let i = 0; i < n; i++) {
      let sr = X.re[i * m + c]!;
      let si = X.im[i * m + c]!;
      for (let k = 0; k < i; k++) {
        const lr = re[i * n + k]!;
        const li = im[i * n + k]!;
        const xr = X.re[k * m + c]!;
        const xi = X.im[k * m + c]!;
        sr -= lr * xr - li * xi;
        si -= lr * xi + li * xr;
      }
      X.re[i * m + c] = sr;
      X.im[i * m + c] = si;
    }
    // back substitution with U
    for (let i = n - 1; i >= 0; i--) {
      let sr = X.re[i * m + c]!;
      let si = X.im[i * m + c]!;
      for (let k = i + 1; k < n; k++) {
        const ur = re[i * n + k]!;
        const ui = im[i * n + k]!;
        const xr = X.re[k * m + c]!;
        const xi = X.im[k * m + c]!;
        sr -= ur * xr - ui * xi;
        si -= ur * xi + ui * xr;
      }
      const pr = re[i * n + i]!;
      const pi = im[i * n + i]!;
      const d = pr * pr + pi * pi;
      X.re[i * m + c] = (sr * pr + si * pi) / d;
      X.im[i * m + c] = (si * pr - sr * pi) / d;
    }
  }
  return X;
}

export interface PivotedQR {
  /** rows and columns of the factorised matrix */
  n: number;
  m: number;
  /** R in the upper triangle (n×m, row-major); Householder data is kept separately */
  R: CMatrix;
  /** column k of A P is column cols[k] of A */
  cols: Int32Array;
  /** |r_kk|, non-increasing (up to roundoff) because of the pivoting */
  diagonal: Float64Array;
}

/**
 * Householder QR with column pivoting, A P = Q R. Only R and the permutation are kept:
 * the null space follows from R alone, since Q is unitary.
 */
export function qrColumnPivoted(A: CMatrix): PivotedQR {
  const n = A.n;
  const m = A.m;
  const re = Float64Array.from(A.re);
  const im = Float64Array.from(A.im);
  const cols = Int32Array.from({ length: m }, (_, j) => j);
  const steps = Math.min(n, m);
  const diagonal = new Float64Array(steps);
  const vRe = new Float64Array(n);
  const vIm = new Float64Array(n);
  for (let k = 0; k < steps; k++) {
    // Pick the remaining column of largest norm (norms recomputed exactly: sizes are small and
    // downdating formulas lose accuracy exactly where rank decisions are made).
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < m; j++) {
      let s = 0;
      for (let i = k; i < n; i++) s += re[i * m + j]! ** 2 + im[i * m + j]! ** 2;
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    if (best !== k) {
      for (let i = 0; i < n; i++) {
        const a = i * m + k;
        const b = i * m + best;
        [re[a], re[b]] = [re[b]!, re[a]!];
        [im[a], im[b]] = [im[b]!, im[a]!];
      }
      [cols[k], cols[best]] = [cols[best]!, cols[k]!];
    }
    const sigma = Math.sqrt(bestNorm);
    if (sigma === 0) {
      diagonal[k] = 0;
      continue;
    }
    // Reflector H = I − 2 v v†/‖v‖² with v = x − β e1, β = −e^{i arg x0} ‖x‖, so H x = β e1
    // and no cancellation occurs in v_0 = x0 − β.
    const x0r = re[k * m + k]!;
    const x0i = im[k * m + k]!;
    const x0abs = Math.hypot(x0r, x0i);
    const phr = x0abs === 0 ? 1 : x0r / x0abs;
    const phi = x0abs === 0 ? 0 : x0i / x0abs;
    const betaRe = -phr * sigma;
    const betaIm = -phi * sigma;
    for (let i = k; i < n; i++) {
      vRe[i] = re[i * m + k]!;
      vIm[i] = im[i * m + k]!;
    }
    vRe[k] = x0r - betaRe;
    vIm[k] = x0i - betaIm;
    const vNorm2 = 2 * (sigma * sigma + sigma * x0abs);
    // Apply H to the remaining columns j > k: a_j ← a_j − v (2 v†a_j / ‖v‖²).
    for (let j = k + 1; j < m; j++) {
      let dr = 0;
      let di = 0;
      for (let i = k; i < n; i++) {
        const ar = re[i * m + j]!;
        const ai = im[i * m + j]!;
        dr += vRe[i]! * ar + vIm[i]! * ai;
        di += vRe[i]! * ai - vIm[i]! * ar;
      }
      const fr = (2 * dr) / vNorm2;
      const fi = (2 * di) / vNorm2;
      for (let i = k; i < n; i++) {
        re[i * m + j] -= vRe[i]! * fr - vIm[i]! * fi;
        im[i * m + j] -= vRe[i]! * fi + vIm[i]! * fr;
      }
    }
    re[k * m + k] = betaRe;
    im[k * m + k] = betaIm;
    for (let i = k + 1; i < n; i++) {
      re[i * m + k] = 0;
      im[i * m + k] = 0;
    }
    diagonal[k] = sigma;
  }
  return { n, m, R: { n, m, re, im }, cols, diagonal };
}

export interface Nullspace {
  /** numerical rank: number of |r_kk| above tol · |r_00| */
  rank: number;
  /** dimension of the numerical null space, m − rank */
  nullity: number;
  /** m × nullity matrix with orthonormal columns spanning the null space */
  basis: CMatrix;
  /** |r_kk| of the pivoted QR, for inspecting how clear the rank gap is */
  diagonal: Float64Array;
}

/**
 * Numerical null space of M (n × m). tol is relative: |r_kk| ≤ tol · |r_00| counts as zero.
 * With A P = Q R and R = [R11 R12; 0 ~0], every null vector is P [−R11⁻¹ R12 y; y].
 */
export function nullspace(M: CMatrix, tol = 1e-10): Nullspace {
  const m = M.m;
  const qr = qrColumnPivoted(M);
  const { R, cols, diagonal } = qr;
  const top = diagonal.length > 0 ? diagonal[0]! : 0;
  let rank = 0;
  while (rank < diagonal.length && diagonal[rank]! > tol * top && top > 0) rank++;
  const nullity = m - rank;
  const raw = zeros(m, nullity);
  for (let c = 0; c < nullity; c++) {
    // Free variable: permuted column rank + c set to 1, the pivoted ones from back substitution.
    const y = new Float64Array(2 * m);
    y[2 * (rank + c)] = 1;
    for (let i = rank - 1; i >= 0; i--) {
      let sr = -R.re[i * m + rank + c]!;
      let si = -R.im[i * m + rank + c]!;
      for (let k = i + 1; k < rank; k++) {
        const rr = R.re[i * m + k]!;
        const ri = R.im[i * m + k]!;
        sr -= rr * y[2 * k]! - ri * y[2 * k + 1]!;
        si -= rr * y[2 * k + 1]! + ri * y[2 * k]!;
      }
      const pr = R.re[i * m + i]!;
      const pi = R.im[i * m + i]!;
      const d = pr * pr + pi * pi;
      y[2 * i] = (sr * pr + si * pi) / d;
      y[2 * i + 1] = (si * pr - sr * pi) / d;
    }
    for (let k = 0; k < m; k++) {
      raw.re[cols[k]! * nullity + c] = y[2 * k]!;
      raw.im[cols[k]! * nullity + c] = y[2 * k + 1]!;
    }
  }
  return { rank, nullity, basis: orthonormalizeColumns(raw), diagonal };
}

/** Modified Gram–Schmidt, applied twice ("twice is enough") for orthonormality to roundoff. */
export function orthonormalizeColumns(A: CMatrix): CMatrix {
  const { n, m } = A;
  const re = Float64Array.from(A.re);
  const im = Float64Array.from(A.im);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < m; j++) {
      for (let p = 0; p < j; p++) {
        // projection coefficient <q_p, a_j> = Σ conj(q_p) a_j
        let dr = 0;
        let di = 0;
        for (let i = 0; i < n; i++) {
          const qr = re[i * m + p]!;
          const qi = im[i * m + p]!;
          const ar = re[i * m + j]!;
          const ai = im[i * m + j]!;
          dr += qr * ar + qi * ai;
          di += qr * ai - qi * ar;
        }
        for (let i = 0; i < n; i++) {
          const qr = re[i * m + p]!;
          const qi = im[i * m + p]!;
          re[i * m + j] -= dr * qr - di * qi;
          im[i * m + j] -= dr * qi + di * qr;
        }
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += re[i * m + j]! ** 2 + im[i * m + j]! ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) throw new RangeError('orthonormalizeColumns: columns are linearly dependent');
      for (let i = 0; i < n; i++) {
        re[i * m + j] /= norm;
        im[i * m + j] /= norm;
      }
    }
  }
  return { n, m, re, im };
}
