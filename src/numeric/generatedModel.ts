// The contract between generated code (derivations/generated/*.ts, written by src/emit/typescript.ts)
// and the numeric layer. The numeric layer sees only this: numbers in, typed arrays out.
//
// Conventions: everything is in the model's eigenbasis, in the model's state order. vec(ρ) is row-major,
// index a*n + b for ρ_ab. A Liouvillian fills a Float64Array of length 2·n⁴: entries [0, n⁴) are the real
// parts and [n⁴, 2n⁴) the imaginary parts of the n²×n² matrix L (row-major) with d vec(ρ)/dt = L vec(ρ).

export type ParameterKind = 'energy' | 'rate' | 'temperature' | 'weight' | 'number';

export interface ParameterInfo {
  name: string;
  latex: string;
  default: number;
  kind: ParameterKind;
}

export type Params = Record<string, number>;

export interface GeneratedModel {
  /** model name, e.g. "huangfu-jing-case-a" */
  name: string;
  /** the approximation's tag (src/derive/approx.ts): nonsecular is Redfield */
  approx: 'secular' | 'nonsecular' | 'partial-secular' | 'ule' | 'local';
  /** true when the principal-value (Lamb-shift) parts of the correlators are kept (absent: false) */
  lambShift?: boolean;
  /** 'numeric': the module diagonalises H_S at each point (states psi1…, block by block, ascending); absent: exact */
  eigenMode?: 'numeric';
  /** numeric eigenbasis: Bohr frequencies within bohrTolerance·(1 + max|E|) are one (the secular selectors use it) */
  bohrTolerance?: number;
  /** eigenstate names, e.g. ["lambda1", …] */
  basis: string[];
  /** bare-basis labels, e.g. ["ee", "eg", "ge", "gg"] */
  bareBasis: string[];
  parameters: ParameterInfo[];
  /** bath names and the parameter-expression of each temperature is inside the code; names only here */
  baths: string[];
  /** n, the number of levels */
  dimension: number;
  /** eigenvalues λ_i */
  energies(p: Params): Float64Array;
  /** the bath temperatures T_α at p, by bath name (absent in modules of bornmarkov ≤ 0.1) */
  temperatures?(p: Params): Record<string, number>;
  /** every named coefficient of the paper form (Gamma1…, Lambda1…, Delta1…) and of the Lindblad-like form */
  coefficients(p: Params): Record<string, number | [number, number]>;
  /**
   * Fill `out` (length 2·n⁴, see above). With `bath`, only that bath's dissipator D_α (no −i[H_S, ρ]),
   * so that heat currents J_α = Tr[H_S D_α(ρ)] can be formed; without, the full generator.
   */
  liouvillian(p: Params, out: Float64Array, bath?: string): void;
  /**
   * L on blocks[0] only, the full generator: with m = blocks[0].length, out (length 2m²) holds the m×m
   * sub-matrix with rows and columns in blocks[0] order, m² real parts then m² imaginary parts. The steady state
   * lives in this block, so the per-point solver needs nothing else (absent in modules of bornmarkov ≤ 0.1).
   */
  populationBlock?(p: Params, out: Float64Array): void;
  /**
   * The indices k = row·m + column of the m×m block whose real or imaginary part populationBlock writes at every
   * point, ascending; every other entry is 0 unless a gated group below wrote it (absent: any entry may be nonzero).
   */
  populationEntries?: number[];
  /**
   * Terms that a 0/1 selector multiplies (the numeric eigenbasis' Sec(ω, ω′), the partial-secular cutoff) are added
   * in groups, one per selector, where it is on: the entries of each group, ascending …
   */
  populationGates?: number[][];
  /** … and which groups the last populationBlock call added (1) or skipped (0) */
  populationGatesOn?: Uint8Array;
  /** what physics() writes: the Bohr frequencies, and per bath its operators (absent in modules of bornmarkov ≤ 0.1) */
  physicsLayout?: { frequencies: string[]; spectra: { bath: string; operators: string[] }[] };
  /**
   * The numbers of the physics check at p, flat: the bath temperatures (model order); the Bohr frequencies of
   * physicsLayout; then per physicsLayout.spectra entry and frequency the bath's m×m spectrum matrix (m² real
   * parts, then m² imaginary parts, row-major).
   */
  physics?(p: Params, out: Float64Array): void;
  /** vec indices grouped into blocks closed under the dynamics; blocks[0] holds all populations a*n+a */
  blocks: number[][];
  /** declared eigenvectors on the bare basis: n×n row-major, column j is state j (re, im) */
  eigenvectors(p: Params): { re: Float64Array; im: Float64Array };
  /** site operators sz(k) (for sites models) and the model's named operators, on the EIGENbasis, n×n row-major */
  operators(p: Params): Record<string, { re: Float64Array; im: Float64Array }>;
  /** numeric eigenbasis, secular: the frequency pairs (ω, ω′) whose terms are kept where ω ≈ ω′ … */
  secularPairs?: [string, string][];
  /** … and whether each is kept at p (1) or not (0) */
  selectors?(p: Params): Float64Array;
}
// Runtime support the generated modules of models with the Lamb shift import (a quadrature; see lambShift.ts).
export { principalValue } from './lambShift.ts';
