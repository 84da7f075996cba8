// The loaded, validated form of a model file: everything downstream (derive, emit, numeric) reads this.
import type { Expr } from '../algebra/expr.ts';
import type { Operator } from '../operators/operator.ts';

export class ModelError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`${file}: ${field}: ${detail}`);
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
  /** spectrum entries γ^α_kl(w), keyed "k,l" (k ≤ l in channel order); may contain the symbol `w`. */
  spectrum: Map<string, Expr>;
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
  baths: Bath[];
  bathFunctions: BathFunction[];
}

export const FREQUENCY_SYMBOL = 'w';
