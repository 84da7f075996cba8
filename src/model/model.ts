// The loaded, validated form of a model file: everything downstream (derive, emit, numeric) reads this.
import type { Expr } from '../algebra/expr.ts';
import type { Operator } from '../operators/operator.ts';
import type { SpectralDensity } from '../bath/spectrum.ts';

/** A file or field name as printed in a message: controls, line separators and format characters as \uXXXX, at most 120 characters. */
export function printable(s: string): string {
  const safe = oneLine(s);
  return safe.length > 120 ? `${safe.slice(0, 117)}...` : safe;
}

/** `s` on one line: line breaks, control and format characters shown as \uXXXX escapes (for error messages that quote input). */
export function oneLine(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) =>
    [...c].map((u) => `\\u${u.codePointAt(0)!.toString(16).padStart(4, '0')}`).join(''),
  );
}

export class ModelError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    // the detail may quote the file's text: its line breaks and format characters are shown as escapes
    super(
      `${printable(file)}: ${printable(field)}: ${detail.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)}`,
    );
  }
}

export type ParameterKind = 'energy' | 'rate' | 'temperature' | 'weight' | 'number';

export interface Parameter {
  name: string;
  latex: string;
  default: number;
  kind: ParameterKind;
  description?: string;
}

export interface Angle {
  name: string;
  latex: string;
  /** cot θ = numerator / denominator, so cos θ = numerator/√(num²+den²), sin θ = denominator/√(num²+den²). */
  numerator: Expr;
  denominator: Expr;
}

export interface EigenState {
  name: string;
  latex: string;
  energy: Expr;
  /** components on the bare basis, in bare-basis order */
  vector: Expr[];
}

/** A Bohr frequency: an exact energy difference with the name it prints under. */
export interface Frequency {
  name: string;
  latex: string;
  value: Expr;
  declared: boolean;
}

export interface NamedOperator {
  name: string;
  latex: string;
  bare: Operator;
  eigen: Operator;
}

export interface Bath {
  name: string;
  latex: string;
  temperature: Expr;
  /**
   * Spectrum entries keyed "k,l" (k ≤ l in the order channels, then couplings): γ^α_kl(w) of RWA channels,
   * J^α_kl(w) of Hermitian couplings; the "l,k" entry is the conjugate. A bath couples channels or couplings, not both.
   */
  spectrum: Map<string, SpectralDensity>;
  /** 'channel' (RWA X_k† ⊗ B_k + h.c.) or 'coupling' (Hermitian A_k ⊗ B_k) */
  couples: 'channel' | 'coupling';
  /** S^α_kl(0) = lim 2J_kl(ω)N_α(ω), for the pairs of couplings that have zero-frequency components */
  zeroLimits: Map<string, ZeroLimit>;
}

/** The ω → 0 limit of a coupling spectrum: exact when its coefficient is a polynomial, else evaluated numerically. */
export interface ZeroLimit {
  /** J ≈ coefficient · ω^power */
  power: number;
  /** the coefficient, an expression free of w (parsed once, when the model loads) */
  coefficient: SpectralDensity;
  /** S(0) exactly, when it has a polynomial form (2·T·coef, or 0 for power > 1) */
  exact?: Expr;
}

export interface BathFunction {
  name: string;
  latex: string;
  kind: 'emission' | 'absorption';
  channels: [string, string];
}

export interface Model {
  file: string;
  name: string;
  title: string;
  source: string;
  unit: string;
  parameters: Parameter[];
  definitions: Map<string, Expr>;
  basis: string[];
  hamiltonian: Operator;
  angles: Angle[];
  states: EigenState[];
  /** columns are the eigenvectors in state order */
  eigenvectors: Operator;
  frequencies: Frequency[];
  operators: Map<string, NamedOperator>;
  /** sz(k), sp(k), sm(k) of every two-level site (models with system.sites), keyed "sz(1)" etc. */
  siteOperators: Map<string, NamedOperator>;
  channels: NamedOperator[];
  /** Hermitian couplings A_k of H_SB = Σ_k A_k ⊗ B_k (B_k = Σ_q g_q(b_q + b_q†)) */
  couplings: NamedOperator[];
  baths: Bath[];
  /** the model's default for the principal-value (Lamb-shift) part of the correlators (couplings only) */
  lambShift: boolean;
  bathFunctions: BathFunction[];
  /**
   * 'numeric': H_S has no exact eigenvectors here, so states are its eigenvectors found numerically at each
   * parameter point (src/model/numericEigen.ts); energies and matrix elements are opaque atoms.
   */
  eigenMode?: 'numeric';
  /** numeric eigen mode: Bohr frequencies within bohrTolerance·(1 + max|E|) of each other are one frequency */
  bohrTolerance?: number;
  /** what the loader decided on the user's behalf (the numeric-eigen fallback), for commands to print */
  notices?: string[];
}

/** The default of bohrTolerance: frequencies equal to about nine digits are equal. */
export const DEFAULT_BOHR_TOLERANCE = 1e-9;

export const FREQUENCY_SYMBOL = 'w';

/**
 * A signed Bohr frequency as atoms and jump labels name it: "eps1" (a declared or found positive frequency),
 * "-eps1" (its negative, for the raising parts of Hermitian couplings) or "0" (pure dephasing).
 */
export type FrequencyRef = string;
export const ZERO_FREQUENCY: FrequencyRef = '0';
