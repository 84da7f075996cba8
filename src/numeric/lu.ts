// Complex dense linear algebra on split re/im arrays:
//  - luFactorInPlace / luSolveInPlace / luBackSolveInPlace: LU with partial (row) pivoting, P A = L U, overwriting
//    caller-owned buffers (eliminating one right-hand side on the way), and the solves against it:
//    no allocation, for per-point hot paths;
//  - luFactor / luSolve: the same on a copy, solving A X = B for several columns;
//  - realLuFactorInPlace / realLuBackSolveInPlace: the in-place pair in real arithmetic (a quarter of the complex
//    flops), for the steady state of a Hermitian ρ written in real unknowns (steady.ts);
//  - qrColumnPivoted: Householder QR with column pivoting, A P = Q R, the rank-revealing step (R and Q's reflectors);
//  - nullBasis / leftNullBasis: orthonormal bases of {x : A x = 0} and {y : y† A = 0} from one pivoted QR and a rank;
//  - nullspace(M, tol): numerical rank (relative to |r_00|), nullity and nullBasis, in one call.
// Intended for Liouvillians of up to a few hundred rows (steady states of n ≤ 16 systems).

import { type CMatrix, zeros } from './complexMatrix.ts';

export interface LUFactors {
  n: number;
  /** L (unit lower, below the diagonal) and U (on and above) packed together, row-major */
  re: Float64Array;
  im: Float64Array;
  /** row i of the factorised matrix is row perm[i] of A */
  perm: Int32Array;
  /** the row interchanges in order: at step k, row k was swapped with row pivots[k] (LAPACK's ipiv) */
  pivots: Int32Array;
  /** smallest |u_kk| / largest |u_kk| (|z| = |Re z| + |Im z|): a cheap conditioning hint, 0 for an exactly singular A */
  pivotRatio: number;
}

/**
 * In-place LU with partial pivoting, P A = L U, of the n×n row-major matrix (re, im): on return L (unit lower,
 * below the diagonal) and U (on and above) overwrite it, and pivots[k] is the row swapped with row k at step k.
 * Pivots are chosen by |Re z| + |Im z|. Returns min|u_kk| / max|u_kk| (0 when a column has no nonzero pivot,
 * negative or NaN when the matrix holds NaN). The right-hand side (bRe, bIm), length n, is carried along (row
 * swaps and elimination), leaving L⁻¹ P b there for luBackSolveInPlace: a single solve needs no second pass.
 * It is required, not optional: making it optional measured ~6% slower on the Case A sweep's block solve;
 * callers that want none pass scratch. Allocates nothing: the hot path of the steady-state sweeps.
 */
export function luFactorInPlace(
  n: number,
  re: Float64Array,
  im: Float64Array,
  pivots: Int32Array,
  bRe: Float64Array,
  bIm: Float64Array,
): number {
  let minPivot = Infinity;
  let maxPivot = 0;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let pivotMag = -1;
    for (let i = k; i < n; i++) {
      const mag = Math.abs(re[i * n + k]!) + Math.abs(im[i * n + k]!);
      if (mag > pivotMag) {
        pivotMag = mag;
        pivotRow = i;
      }
    }
    pivots[k] = pivotRow;
    if (pivotRow !== k) {
      for (let j = 0; j < n; j++) {
        const a = k * n + j;
        const b = pivotRow * n + j;
        let t = re[a]!;
        re[a] = re[b]!;
        re[b] = t;
        t = im[a]!;
        im[a] = im[b]!;
        im[b] = t;
      }
      let t = bRe[k]!;
      bRe[k] = bRe[pivotRow]!;
      bRe[pivotRow] = t;
      t = bIm[k]!;
      bIm[k] = bIm[pivotRow]!;
      bIm[pivotRow] = t;
    }
    if (pivotMag < minPivot) minPivot = pivotMag;
    if (pivotMag > maxPivot) maxPivot = pivotMag;
    if (pivotMag === 0) continue; // singular column: leave it, the ratio says so
    const pr = re[k * n + k]!;
    const pi = im[k * n + k]!;
    const d = pr * pr + pi * pi;
    for (let i = k + 1; i < n; i++) {
      const ar = re[i * n + k]!;
      const ai = im[i * n + k]!;
      if (ar === 0 && ai === 0) continue; // multiplier 0, already stored
      // multiplier l_ik = a_ik / u_kk
      const lr = (ar * pr + ai * pi) / d;
      const li = (ai * pr - ar * pi) / d;
      re[i * n + k] = lr;
      im[i * n + k] = li;
      for (let j = k + 1; j < n; j++) {
        const ur = re[k * n + j]!;
        const ui = im[k * n + j]!;
        re[i * n + j] -= lr * ur - li * ui;
        im[i * n + j] -= lr * ui + li * ur;
      }
      bRe[i] -= lr * bRe[k]! - li * bIm[k]!;
      bIm[i] -= lr * bIm[k]! + li * bRe[k]!;
    }
  }
  return n === 0 ? 1 : maxPivot === 0 ? 0 : minPivot / maxPivot;
}

/**
 * Solves A x = b in place against factors from luFactorInPlace: (xRe, xIm) hold b on entry and x on return.
 * Allocates nothing and does not check for singularity (the caller has the pivot ratio).
 */
export function luSolveInPlace(
  n: number,
  re: Float64Array,
  im: Float64Array,
  pivots: Int32Array,
  xRe: Float64Array,
  xIm: Float64Array,
): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    if (p === k) continue;
    let t = xRe[k]!;
    xRe[k] = xRe[p]!;
    xRe[p] = t;
    t = xIm[k]!;
    xIm[k] = xIm[p]!;
    xIm[p] = t;
  }
  // forward substitution with unit-lower L
  for (let i = 0; i < n; i++) {
    let sr = xRe[i]!;
    let si = xIm[i]!;
    for (let k = 0; k < i; k++) {
      const lr = re[i * n + k]!;
      const li = im[i * n + k]!;
      sr -= lr * xRe[k]! - li * xIm[k]!;
      si -= lr * xIm[k]! + li * xRe[k]!;
    }
    xRe[i] = sr;
    xIm[i] = si;
  }
  luBackSolveInPlace(n, re, im, xRe, xIm);
}

/** Back substitution U x = y in place ((xRe, xIm) hold y on entry), U from luFactorInPlace. Allocates nothing. */
export function luBackSolveInPlace(n: number, re: Float64Array, im: Float64Array, xRe: Float64Array, xIm: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let sr = xRe[i]!;
    let si = xIm[i]!;
    for (let k = i + 1; k < n; k++) {
      const ur = re[i * n + k]!;
      const ui = im[i * n + k]!;
      sr -= ur * xRe[k]! - ui * xIm[k]!;
      si -= ur * xIm[k]! + ui * xRe[k]!;
    }
    const pr = re[i * n + i]!;
    const pi = im[i * n + i]!;
    const d = pr * pr + pi * pi;
    xRe[i] = (sr * pr + si * pi) / d;
    xIm[i] = (si * pr - sr * pi) / d;
  }
}

/** Scratch for realLuFactorInPlace's row lists (grown as needed; factorisations do not nest). */
let rowList = new Int32Array(64);
function rowScratch(n: number): Int32Array {
  if (rowList.length < n) rowList = new Int32Array(n);
  return rowList;
}

/**
 * luFactorInPlace in real arithmetic: the n×n row-major matrix a becomes L (unit lower) and U, pivots[k] the row
 * swapped with row k, and b (length n) is carried along to L⁻¹ P b. Returns min|u_kk| / max|u_kk| (0 when a column
 * has no nonzero pivot, NaN when the matrix holds NaN). Allocates nothing.
 */
export function realLuFactorInPlace(n: number, a: Float64Array, pivots: Int32Array, b: Float64Array): number {
  let minPivot = Infinity;
  let maxPivot = 0;
  for (let k = 0; k < n; k++) {
    const kk = k * n;
    let pivotRow = k;
    let pivotMag = -1;
    for (let i = k; i < n; i++) {
      const mag = Math.abs(a[i * n + k]!);
      if (mag > pivotMag) {
        pivotMag = mag;
        pivotRow = i;
      }
    }
    pivots[k] = pivotRow;
    if (pivotRow !== k) {
      const pp = pivotRow * n;
      for (let j = 0; j < n; j++) {
        const t = a[kk + j]!;
        a[kk + j] = a[pp + j]!;
        a[pp + j] = t;
      }
      const t = b[k]!;
      b[k] = b[pivotRow]!;
      b[pivotRow] = t;
    }
    if (!(pivotMag >= minPivot)) minPivot = pivotMag; // NaN lands here too
    if (pivotMag > maxPivot) maxPivot = pivotMag;
    if (pivotMag === 0) continue; // singular column: leave it, the ratio says so
    const inverse = 1 / a[kk + k]!;
    const bk = b[k]!;
    // the rows below with a nonzero multiplier (a secular block is sparse; the others stay as they are), four at a
    // time: each pivot-row entry is loaded once for the four (1.7–2× on a dense 70×70 block), and every entry gets
    // the same operations in the same order as row by row
    const rows = rowScratch(n);
    let count = 0;
    for (let i = k + 1; i < n; i++) if (a[i * n + k] !== 0) rows[count++] = i;
    let t = 0;
    for (; t + 3 < count; t += 4) {
      const r1 = rows[t]! * n;
      const r2 = rows[t + 1]! * n;
      const r3 = rows[t + 2]! * n;
      const r4 = rows[t + 3]! * n;
      const l1 = a[r1 + k]! * inverse;
      const l2 = a[r2 + k]! * inverse;
      const l3 = a[r3 + k]! * inverse;
      const l4 = a[r4 + k]! * inverse;
      a[r1 + k] = l1;
      a[r2 + k] = l2;
      a[r3 + k] = l3;
      a[r4 + k] = l4;
      for (let j = k + 1; j < n; j++) {
        const u = a[kk + j]!;
        a[r1 + j] -= l1 * u;
        a[r2 + j] -= l2 * u;
        a[r3 + j] -= l3 * u;
        a[r4 + j] -= l4 * u;
      }
      b[rows[t]!] -= l1 * bk;
      b[rows[t + 1]!] -= l2 * bk;
      b[rows[t + 2]!] -= l3 * bk;
      b[rows[t + 3]!] -= l4 * bk;
    }
    for (; t < count; t++) {
      const i = rows[t]!;
      const ii = i * n;
      const l = a[ii + k]! * inverse;
      a[ii + k] = l;
      for (let j = k + 1; j < n; j++) a[ii + j] -= l * a[kk + j]!;
      b[i] -= l * bk;
    }
  }
  return n === 0 ? 1 : maxPivot === 0 ? 0 : minPivot / maxPivot;
}

/** Back substitution U x = y in place (x holds y on entry), U from realLuFactorInPlace. Allocates nothing. */
export function realLuBackSolveInPlace(n: number, a: Float64Array, x: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    const ii = i * n;
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= a[ii + k]! * x[k]!;
    x[i] = s / a[ii + i]!;
  }
}

/** LU factors of a copy of A (luFactorInPlace on fresh arrays). */
export function luFactor(A: CMatrix): LUFactors {
  if (A.n !== A.m) throw new RangeError('luFactor: matrix must be square');
  const n = A.n;
  const re = Float64Array.from(A.re);
  const im = Float64Array.from(A.im);
  const pivots = new Int32Array(n);
  // the right-hand side it carries is scratch here: luSolve solves for every column afterwards
  const pivotRatio = luFactorInPlace(n, re, im, pivots, new Float64Array(n), new Float64Array(n));
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    [perm[k], perm[p]] = [perm[p]!, perm[k]!];
  }
  return { n, re, im, perm, pivots, pivotRatio };
}

/** Solves A X = B for X, with A given by its LU factors; B may have several columns. */
export function luSolve(lu: LUFactors, B: CMatrix): CMatrix {
  const { n, re, im, pivots } = lu;
  if (B.n !== n) throw new RangeError(`luSolve: right-hand side has ${B.n} rows, expected ${n}`);
  if (!(lu.pivotRatio > 0)) throw new RangeError('luSolve: matrix is singular');
  const m = B.m;
  const X = zeros(n, m);
  const xRe = new Float64Array(n);
  const xIm = new Float64Array(n);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      xRe[i] = B.re[i * m + c]!;
      xIm[i] = B.im[i * m + c]!;
    }
    luSolveInPlace(n, re, im, pivots, xRe, xIm);
    for (let i = 0; i < n; i++) {
      X.re[i * m + c] = xRe[i]!;
      X.im[i * m + c] = xIm[i]!;
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
  /**
   * The Householder reflectors, Q = H_0 H_1 … H_{s−1} with H_k = I − 2 v_k v_k† / ‖v_k‖²: v_k is row k of the
   * s×n row-major (vRe, vIm) (entries i ≥ k), vNorm2[k] = ‖v_k‖², 0 where step k needed no reflector.
   */
  vRe: Float64Array;
  vIm: Float64Array;
  vNorm2: Float64Array;
}

/**
 * Householder QR with column pivoting, A P = Q R: R, the permutation and the reflectors that make Q.
 * The right null space follows from R alone, the left one from Q's trailing columns (nullBasis, leftNullBasis).
 */
export function qrColumnPivoted(A: CMatrix): PivotedQR {
  const n = A.n;
  const m = A.m;
  const re = Float64Array.from(A.re);
  const im = Float64Array.from(A.im);
  const cols = Int32Array.from({ length: m }, (_, j) => j);
  const steps = Math.min(n, m);
  const diagonal = new Float64Array(steps);
  const vRe = new Float64Array(steps * n);
  const vIm = new Float64Array(steps * n);
  const vNorm2 = new Float64Array(steps);
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
    const v = k * n;
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
      vRe[v + i] = re[i * m + k]!;
      vIm[v + i] = im[i * m + k]!;
    }
    vRe[v + k] = x0r - betaRe;
    vIm[v + k] = x0i - betaIm;
    const vNorm2k = (vNorm2[k] = 2 * (sigma * sigma + sigma * x0abs));
    // Apply H to the remaining columns j > k: a_j ← a_j − v (2 v†a_j / ‖v‖²).
    for (let j = k + 1; j < m; j++) {
      let dr = 0;
      let di = 0;
      for (let i = k; i < n; i++) {
        const ar = re[i * m + j]!;
        const ai = im[i * m + j]!;
        dr += vRe[v + i]! * ar + vIm[v + i]! * ai;
        di += vRe[v + i]! * ai - vIm[v + i]! * ar;
      }
      const fr = (2 * dr) / vNorm2k;
      const fi = (2 * di) / vNorm2k;
      for (let i = k; i < n; i++) {
        re[i * m + j] -= vRe[v + i]! * fr - vIm[v + i]! * fi;
        im[i * m + j] -= vRe[v + i]! * fi + vIm[v + i]! * fr;
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
  return { n, m, R: { n, m, re, im }, cols, diagonal, vRe, vIm, vNorm2 };
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

/** Numerical null space of M (n × m). tol is relative: |r_kk| ≤ tol · |r_00| counts as zero. */
export function nullspace(M: CMatrix, tol = 1e-10): Nullspace {
  const qr = qrColumnPivoted(M);
  const { diagonal } = qr;
  const top = diagonal.length > 0 ? diagonal[0]! : 0;
  let rank = 0;
  while (rank < diagonal.length && diagonal[rank]! > tol * top && top > 0) rank++;
  return { rank, nullity: M.m - rank, basis: nullBasis(qr, rank), diagonal };
}

/**
 * Orthonormal basis (m × (m − rank)) of {x : A x = 0} from the pivoted QR of A and the rank to use:
 * with A P = Q R and R = [R11 R12; 0 ~0], every null vector is P [−R11⁻¹ R12 y; y].
 */
export function nullBasis(qr: PivotedQR, rank: number): CMatrix {
  const { m, R, cols } = qr;
  const nullity = m - rank;
  const raw = zeros(m, nullity);
  const yRe = new Float64Array(m);
  const yIm = new Float64Array(m);
  for (let c = 0; c < nullity; c++) {
    // Free variable: permuted column rank + c set to 1, the pivoted ones from back substitution.
    yRe.fill(0);
    yIm.fill(0);
    yRe[rank + c] = 1;
    for (let i = rank - 1; i >= 0; i--) {
      let sr = -R.re[i * m + rank + c]!;
      let si = -R.im[i * m + rank + c]!;
      for (let k = i + 1; k < rank; k++) {
        const rr = R.re[i * m + k]!;
        const ri = R.im[i * m + k]!;
        sr -= rr * yRe[k]! - ri * yIm[k]!;
        si -= rr * yIm[k]! + ri * yRe[k]!;
      }
      const pr = R.re[i * m + i]!;
      const pi = R.im[i * m + i]!;
      const d = pr * pr + pi * pi;
      yRe[i] = (sr * pr + si * pi) / d;
      yIm[i] = (si * pr - sr * pi) / d;
    }
    for (let k = 0; k < m; k++) {
      raw.re[cols[k]! * nullity + c] = yRe[k]!;
      raw.im[cols[k]! * nullity + c] = yIm[k]!;
    }
  }
  return orthonormalizeColumns(raw);
}

/**
 * Orthonormal basis (n × (n − rank)) of {y : y† A = 0} from the same pivoted QR: since y† A P = (Q†y)† R and the
 * rows of R from `rank` on are ~0, it is spanned by Q's trailing columns Q e_j, j ≥ rank (orthonormal as they come).
 */
export function leftNullBasis(qr: PivotedQR, rank: number): CMatrix {
  const { n, vRe, vIm, vNorm2 } = qr;
  const steps = vNorm2.length;
  const nullity = n - rank;
  const Y = zeros(n, nullity);
  const xRe = new Float64Array(n);
  const xIm = new Float64Array(n);
  for (let c = 0; c < nullity; c++) {
    xRe.fill(0);
    xIm.fill(0);
    xRe[rank + c] = 1;
    // Q e_j = H_0 (H_1 (… H_{s−1} e_j)); H_k touches entries k.. only
    for (let k = steps - 1; k >= 0; k--) {
      const w = vNorm2[k]!;
      if (w === 0) continue;
      const v = k * n;
      let dr = 0;
      let di = 0;
      for (let i = k; i < n; i++) {
        dr += vRe[v + i]! * xRe[i]! + vIm[v + i]! * xIm[i]!;
        di += vRe[v + i]! * xIm[i]! - vIm[v + i]! * xRe[i]!;
      }
      const fr = (2 * dr) / w;
      const fi = (2 * di) / w;
      for (let i = k; i < n; i++) {
        xRe[i] -= vRe[v + i]! * fr - vIm[v + i]! * fi;
        xIm[i] -= vRe[v + i]! * fi + vIm[v + i]! * fr;
      }
    }
    for (let i = 0; i < n; i++) {
      Y.re[i * nullity + c] = xRe[i]!;
      Y.im[i * nullity + c] = xIm[i]!;
    }
  }
  return Y;
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
