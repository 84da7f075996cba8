// Dense complex matrices in double precision, stored split into real and imaginary
// Float64Arrays in row-major order (entry (i, j) lives at index i*m + j).
// Every function is pure: inputs are never modified, a fresh matrix is returned.
// This is the numeric (floating-point) side of bornmarkov; it shares nothing with the exact algebra.

export interface Complex {
  re: number;
  im: number;
}

export interface CMatrix {
  /** number of rows */
  n: number;
  /** number of columns */
  m: number;
  re: Float64Array;
  im: Float64Array;
}

export function complex(re: number, im = 0): Complex {
  return { re, im };
}

export function zeros(n: number, m: number = n): CMatrix {
  return { n, m, re: new Float64Array(n * m), im: new Float64Array(n * m) };
}

export function identity(n: number): CMatrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  return I;
}

/** A real matrix given as nested rows. */
export function fromReal(rows: number[][]): CMatrix {
  return fromNested(rows);
}

/** A complex matrix given as nested rows of real parts and (optionally) imaginary parts. */
export function fromNested(re: number[][], im?: number[][]): CMatrix {
  const n = re.length;
  const m = n === 0 ? 0 : re[0]!.length;
  const M = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const row = re[i]!;
    if (row.length !== m) throw new RangeError('ragged rows');
    for (let j = 0; j < m; j++) {
      M.re[i * m + j] = row[j]!;
      M.im[i * m + j] = im ? im[i]![j]! : 0;
    }
  }
  return M;
}

export function toNested(M: CMatrix): { re: number[][]; im: number[][] } {
  const re: number[][] = [];
  const im: number[][] = [];
  for (let i = 0; i < M.n; i++) {
    re.push(Array.from(M.re.subarray(i * M.m, (i + 1) * M.m)));
    im.push(Array.from(M.im.subarray(i * M.m, (i + 1) * M.m)));
  }
  return { re, im };
}

export function clone(M: CMatrix): CMatrix {
  return { n: M.n, m: M.m, re: Float64Array.from(M.re), im: Float64Array.from(M.im) };
}

export function get(M: CMatrix, i: number, j: number): Complex {
  const k = i * M.m + j;
  return { re: M.re[k]!, im: M.im[k]! };
}

/** In-place setter; the one deliberate exception to purity, for building matrices entry by entry. */
export function set(M: CMatrix, i: number, j: number, value: Complex | number): void {
  const k = i * M.m + j;
  if (typeof value === 'number') {
    M.re[k] = value;
    M.im[k] = 0;
  } else {
    M.re[k] = value.re;
    M.im[k] = value.im;
  }
}

function assertSameShape(a: CMatrix, b: CMatrix, what: string): void {
  if (a.n !== b.n || a.m !== b.m) {
    throw new RangeError(`${what}: shape ${a.n}x${a.m} vs ${b.n}x${b.m}`);
  }
}

export function add(a: CMatrix, b: CMatrix): CMatrix {
  assertSameShape(a, b, 'add');
  const C = zeros(a.n, a.m);
  for (let k = 0; k < a.re.length; k++) {
    C.re[k] = a.re[k]! + b.re[k]!;
    C.im[k] = a.im[k]! + b.im[k]!;
  }
  return C;
}

export function sub(a: CMatrix, b: CMatrix): CMatrix {
  assertSameShape(a, b, 'sub');
  const C = zeros(a.n, a.m);
  for (let k = 0; k < a.re.length; k++) {
    C.re[k] = a.re[k]! - b.re[k]!;
    C.im[k] = a.im[k]! - b.im[k]!;
  }
  return C;
}

/** s · M for a complex (or real) scalar s. */
export function scale(M: CMatrix, s: Complex | number): CMatrix {
  const sr = typeof s === 'number' ? s : s.re;
  const si = typeof s === 'number' ? 0 : s.im;
  const C = zeros(M.n, M.m);
  for (let k = 0; k < M.re.length; k++) {
    const xr = M.re[k]!;
    const xi = M.im[k]!;
    C.re[k] = sr * xr - si * xi;
    C.im[k] = sr * xi + si * xr;
  }
  return C;
}

export function multiply(a: CMatrix, b: CMatrix): CMatrix {
  if (a.m !== b.n) throw new RangeError(`multiply: ${a.n}x${a.m} times ${b.n}x${b.m}`);
  const C = zeros(a.n, b.m);
  const n = a.n;
  const inner = a.m;
  const m = b.m;
  // i-k-j loop order walks b and C row-wise, which keeps the inner loop contiguous.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inner; k++) {
      const ar = a.re[i * inner + k]!;
      const ai = a.im[i * inner + k]!;
      if (ar === 0 && ai === 0) continue;
      const bRow = k * m;
      const cRow = i * m;
      for (let j = 0; j < m; j++) {
        const br = b.re[bRow + j]!;
        const bi = b.im[bRow + j]!;
        C.re[cRow + j] += ar * br - ai * bi;
        C.im[cRow + j] += ar * bi + ai * br;
      }
    }
  }
  return C;
}

/** Conjugate transpose M†. */
export function adjoint(M: CMatrix): CMatrix {
  const C = zeros(M.m, M.n);
  for (let i = 0; i < M.n; i++) {
    for (let j = 0; j < M.m; j++) {
      C.re[j * M.n + i] = M.re[i * M.m + j]!;
      C.im[j * M.n + i] = -M.im[i * M.m + j]!;
    }
  }
  return C;
}

/** Plain transpose Mᵀ (no conjugation). */
export function transpose(M: CMatrix): CMatrix {
  const C = zeros(M.m, M.n);
  for (let i = 0; i < M.n; i++) {
    for (let j = 0; j < M.m; j++) {
      C.re[j * M.n + i] = M.re[i * M.m + j]!;
      C.im[j * M.n + i] = M.im[i * M.m + j]!;
    }
  }
  return C;
}

/** Entrywise complex conjugate. */
export function conjugate(M: CMatrix): CMatrix {
  const C = clone(M);
  for (let k = 0; k < C.im.length; k++) C.im[k] = -C.im[k]!;
  return C;
}

/** Kronecker product a ⊗ b; the index of a varies slowest, matching row-major vec. */
export function kron(a: CMatrix, b: CMatrix): CMatrix {
  const n = a.n * b.n;
  const m = a.m * b.m;
  const C = zeros(n, m);
  for (let i = 0; i < a.n; i++) {
    for (let j = 0; j < a.m; j++) {
      const ar = a.re[i * a.m + j]!;
      const ai = a.im[i * a.m + j]!;
      if (ar === 0 && ai === 0) continue;
      for (let p = 0; p < b.n; p++) {
        const row = (i * b.n + p) * m + j * b.m;
        for (let q = 0; q < b.m; q++) {
          const br = b.re[p * b.m + q]!;
          const bi = b.im[p * b.m + q]!;
          C.re[row + q] = ar * br - ai * bi;
          C.im[row + q] = ar * bi + ai * br;
        }
      }
    }
  }
  return C;
}

export function trace(M: CMatrix): Complex {
  if (M.n !== M.m) throw new RangeError('trace of a non-square matrix');
  let re = 0;
  let im = 0;
  for (let i = 0; i < M.n; i++) {
    re += M.re[i * M.m + i]!;
    im += M.im[i * M.m + i]!;
  }
  return { re, im };
}

/** Largest entrywise modulus |a_ij − b_ij| (the max-norm of the difference). */
export function maxAbsDiff(a: CMatrix, b: CMatrix): number {
  assertSameShape(a, b, 'maxAbsDiff');
  let worst = 0;
  for (let k = 0; k < a.re.length; k++) {
    const d = Math.hypot(a.re[k]! - b.re[k]!, a.im[k]! - b.im[k]!);
    if (d > worst || Number.isNaN(d)) worst = d;
  }
  return worst;
}

/** Frobenius norm ‖M‖_F = sqrt(Σ |m_ij|²). */
export function frobeniusNorm(M: CMatrix): number {
  // Scaled accumulation so that very large or very small entries neither overflow nor underflow.
  let scaleMax = 0;
  for (let k = 0; k < M.re.length; k++) {
    scaleMax = Math.max(scaleMax, Math.abs(M.re[k]!), Math.abs(M.im[k]!));
  }
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let sum = 0;
  for (let k = 0; k < M.re.length; k++) {
    const r = M.re[k]! / scaleMax;
    const i = M.im[k]! / scaleMax;
    sum += r * r + i * i;
  }
  return scaleMax * Math.sqrt(sum);
}

/** Frobenius norm of the difference ‖a − b‖_F. */
export function frobeniusDiff(a: CMatrix, b: CMatrix): number {
  return frobeniusNorm(sub(a, b));
}

/** Largest entrywise modulus of M. */
export function maxAbs(M: CMatrix): number {
  let worst = 0;
  for (let k = 0; k < M.re.length; k++) {
    const d = Math.hypot(M.re[k]!, M.im[k]!);
    if (d > worst || Number.isNaN(d)) worst = d;
  }
  return worst;
}

/** ‖M − M†‖ max-norm: zero exactly for Hermitian M. */
export function hermiticityDefect(M: CMatrix): number {
  return maxAbsDiff(M, adjoint(M));
}
