// Constructors of registry atoms (./atoms.ts) that need nothing but the algebra: the approximations import them,
// and with them the command line's --approx parsing, which must not load the spectra's expression parser (mathjs).
import { type Expr, atom } from '../algebra/expr.ts';
import type { FrequencyRef } from '../model/model.ts';

/** θ(c − |ω − ω′|) of the partial secular approximation, c the parameter named `cutoff`. */
export function nearSelector(a: FrequencyRef, b: FrequencyRef, cutoff: string): Expr {
  return atom('Near', a < b ? [a, b, cutoff] : [b, a, cutoff]);
}

const FAMILY_CODE = { emission: 'em', absorption: 'ab', hermitian: 'h' } as const;

/** √ of bath α's rate of operator k at ω in a family (the ULE's jump amplitudes). */
export function rootCorrelator(family: keyof typeof FAMILY_CODE, bath: string, k: string, ref: FrequencyRef): Expr {
  return atom('Rt', [FAMILY_CODE[family], bath, k, ref]);
}
