// What an approximation is: one object per master equation derived from the same Born–Markov expansion
// (src/derive/redfield.ts), each in a file of its own in this folder and listed once in ../approx.ts.
// The derivation asks it four questions, each with the Redfield answer as the default:
//   prepare(model)           the model the equation is written for (a cutoff parameter, site frequencies added);
//   components(model)        the jump components X_k(ω) of the channels and A_k(ω) of the couplings;
//   keep(model, A, B)        whether a pair (A at ω, B at ω′) is kept: exact 1, a selector atom, or null;
//   coefficient(…)           the pair's coefficient c_AB of c_AB [B ρ A† − A† B ρ] + h.c. (default: the correlators).
// refuses(model) says why it does not apply to a model (undefined where it does).
import type { Expr } from '../../algebra/expr.ts';
import type { Model, Parameter } from '../../model/model.ts';
import type { JumpComponent } from '../components.ts';

/** The tags that name derivations in file names (<name>.<tag>.ts), JSON, CSV headers and LaTeX. */
export type Approx = 'nonsecular' | 'secular' | 'partial-secular' | 'ule' | 'local';

export type Family = 'emission' | 'absorption' | 'hermitian';

export interface Components {
  channels: JumpComponent[];
  couplings: JumpComponent[];
}

export interface Approximation {
  /** the name `--approx` takes */
  readonly name: string;
  readonly tag: Approx;
  /** other names `--approx` accepts (the 0.1 names) */
  readonly aliases: readonly string[];
  /** one line: what it keeps or rebuilds */
  readonly summary: string;
  /** how LaTeX appendices name it (LaTeX text) */
  readonly latex: string;
  /** where the form comes from */
  readonly citation: string;
  /** GKLS (completely positive) by construction */
  readonly gkls: boolean;
  /** why it cannot keep the principal values (--lamb-shift), if it cannot */
  readonly noLambShift?: string;
  /** a parameter the approximation adds to the model (partial-secular's cutoff), if any */
  readonly parameter?: Parameter;
  refuses?(model: Model): string | undefined;
  prepare?(model: Model): Model;
  components?(model: Model): Components;
  keep?(model: Model, a: JumpComponent, b: JumpComponent): Expr | null;
  coefficient?(model: Model, family: Family, a: JumpComponent, b: JumpComponent, lambShift: boolean): Expr;
}
