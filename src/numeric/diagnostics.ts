// Thermodynamic and positivity diagnostics of a generator, for every approximation alike (issue 10):
//   kossakowskiMin(model, p)      the smallest eigenvalue of the generator's rate (Kossakowski) matrix, taken
//                                 basis-free as the Choi matrix C = Σ_ij |i⟩⟨j| ⊗ L(|i⟩⟨j|) projected off the
//                                 maximally entangled vector: L is GKLS (generates a completely positive
//                                 semigroup) exactly when that projection is positive semidefinite
//                                 (Wolf & Cirac, Commun. Math. Phys. 279, 147 (2008), conditional complete positivity);
//                                 returned with the largest |eigenvalue|, to judge rounding;
//   entropyProduction(J, T)       σ = −Σ_α J_α/T_α (J_α the heat flowing from bath α into the system), ≥ 0 by the
//                                 second law; a bath at T = 0 with J_α ≠ 0 makes it infinite.
// Numeric layer: generated modules only.
import type { GeneratedModel, Params } from './generatedModel.ts';
import { hermitianEigen } from './eigen.ts';
import { zeros } from './complexMatrix.ts';

export interface Kossakowski {
  /** smallest eigenvalue of the projected Choi matrix (negative: not GKLS) */
  min: number;
  /** largest |eigenvalue| (the scale of the rates) */
  scale: number;
  /** min ≥ −1e−10·scale */
  gkls: boolean;
}

export function kossakowskiMin(model: GeneratedModel, p: Params): Kossakowski {
  const n = model.dimension;
  const N = n * n;
  const L = new Float64Array(2 * N * N);
  model.liouvillian(p, L);
  // C_{(i,a),(j,b)} = L(|i⟩⟨j|)_ab = L[a n + b, i n + j], then P C P with P = 1 − |Ω⟩⟨Ω|, |Ω⟩ = Σ_i |i i⟩/√n
  const C = zeros(N, N);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < n; a++)
      for (let j = 0; j < n; j++)
        for (let b = 0; b < n; b++) {
          const src = (a * n + b) * N + (i * n + j);
          const dst = (i * n + a) * N + (j * n + b);
          C.re[dst] = L[src]!;
          C.im[dst] = L[N * N + src]!;
        }
  const diag = Array.from({ length: n }, (_, i) => i * n + i);
  // (P C P)_xy = C_xy − u_x (u·C)_y − (C u)_x u_y + u_x u_y (u C u), u = Ω
  const u = 1 / Math.sqrt(n);
  const rowSum = { re: new Float64Array(N), im: new Float64Array(N) }; // (u† C)_y
  const colSum = { re: new Float64Array(N), im: new Float64Array(N) }; // (C u)_x
  let totRe = 0;
  let totIm = 0;
  for (const x of diag)
    for (let y = 0; y < N; y++) {
      rowSum.re[y] += u * C.re[x * N + y]!;
      rowSum.im[y] += u * C.im[x * N + y]!;
      colSum.re[y] += u * C.re[y * N + x]!;
      colSum.im[y] += u * C.im[y * N + x]!;
    }
  for (const x of diag) {
    totRe += u * colSum.re[x]!;
    totIm += u * colSum.im[x]!;
  }
  const isDiag = new Uint8Array(N);
  for (const x of diag) isDiag[x] = 1;
  const P = zeros(N, N);
  for (let x = 0; x < N; x++)
    for (let y = 0; y < N; y++) {
      const ux = isDiag[x] ? u : 0;
      const uy = isDiag[y] ? u : 0;
      P.re[x * N + y] = C.re[x * N + y]! - ux * rowSum.re[y]! - colSum.re[x]! * uy + ux * uy * totRe;
      P.im[x * N + y] = C.im[x * N + y]! - ux * rowSum.im[y]! - colSum.im[x]! * uy + ux * uy * totIm;
    }
  const { values } = hermitianEigen(P);
  const min = values[0]!;
  const scale = Math.max(Math.abs(values[0]!), Math.abs(values[N - 1]!));
  return { min, scale, gkls: min >= -1e-10 * Math.max(scale, 1e-300) };
}

/** σ = −Σ_α J_α/T_α; NaN when a bath's temperature is unknown. */
export function entropyProduction(currents: Record<string, number>, temperatures: Record<string, number>): number {
  let s = 0;
  for (const [bath, J] of Object.entries(currents)) {
    const T = temperatures[bath];
    if (T === undefined) return NaN;
    if (J === 0) continue;
    s -= J / T;
  }
  return s;
}
