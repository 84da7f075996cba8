// Thermal bosonic baths seen through the system's operators: the correlation-function atoms the
// derivation builds, and their exact expansion (the atoms themselves are declared in ./atoms.ts).
//
// RWA channels, H_SB = Σ_k X_k† ⊗ B_k + h.c.: the one-sided Fourier transforms of the bath correlators,
// principal values dropped, are (seed 001 Eq. 6, A.3, A.4)
//   emission   Γ⁻_kl(ω) = Σ_α ½ γ^α_kl(ω) [N_α(ω) + 1]      (atom Gm(k,l,ω))
//   absorption Γ⁺_kl(ω) = Σ_α ½ γ^α_kl(ω) N_α(ω)            (atom Gp(k,l,ω))
// with γ^α_kl = 2π Σ_q g*_kq g_lq δ(ω − ω_q) = conj γ^α_lk and N_α the Planck occupation (atom N(α,ω)).
// Hermitian couplings, H_SB = Σ_k A_k ⊗ B_k: Γ_kl(ω) = ∫₀^∞ds e^{iωs}⟨B_k(s)B_l⟩ = Σ_α ½S^α_kl(ω) + iΠ^α_kl(ω)
// (atoms S, P; see ./atoms.ts). Equality is decided after expanding to leaves (N, J, S0, P), so identities
// such as A1 − A2 = γ are recognised.
import { type Expr, type Variable, add, atom, imag, mul, num, zero } from '../algebra/expr.ts';
import type { Frequency, FrequencyRef, Model } from '../model/model.ts';
import { complexValue } from '../model/evaluate.ts';
import { couplingSpectrum, expandAtoms, principalValue, priceAtom } from './atoms.ts';

export { frequencyByName } from './atoms.ts';

export type Correlation = 'emission' | 'absorption' | 'hermitian';
const FN = { emission: 'Gm', absorption: 'Gp' } as const;

/** Whether any bath correlates operators k and l. */
export function channelsCorrelated(model: Model, k: string, l: string): boolean {
  return model.baths.some((b) => b.spectrum.has(`${k},${l}`) || b.spectrum.has(`${l},${k}`));
}

/** The RWA correlation-function atom Γ∓_kl(ω), or exact zero when no bath correlates k and l. */
export function correlation(model: Model, kind: 'emission' | 'absorption', k: string, l: string, freq: Frequency): Expr {
  if (!channelsCorrelated(model, k, l)) return zero();
  return atom(FN[kind], [k, l, freq.name], { conjArgs: [l, k, freq.name] });
}

/** Γ_kl(ω) of Hermitian couplings k, l at a signed frequency: Σ_α ½S^α_kl(ω) (+ iΠ^α_kl(ω) with the Lamb shift). */
export function couplingCorrelation(model: Model, k: string, l: string, ref: FrequencyRef, lambShift: boolean): Expr {
  return add(
    ...model.baths.map((b) =>
      add(
        mul(num(1, 2), couplingSpectrum(model, b.name, k, l, ref)),
        lambShift ? mul(imag(), principalValue(model, b.name, k, l, ref)) : zero(),
      ),
    ),
  );
}

export function planck(bath: string, freq: Frequency): Expr {
  return atom('N', [bath, freq.name]);
}

/** Replace every correlator atom by its expansion into leaves: the form in which equality is decided. */
export function expandCorrelations(model: Model, x: Expr): Expr {
  return expandAtoms(model, x);
}

/** Exact zero test: an expression vanishes when it does after the correlator atoms are expanded. */
export function isZeroExact(model: Model, x: Expr): boolean {
  return x.isZero() || expandCorrelations(model, x).isZero();
}

/** Numeric value of any bath atom at given parameters, memoised per point. */
export function priceBathAtom(model: Model, params: Readonly<Record<string, number>>) {
  const cache = new Map<string, readonly [number, number]>();
  const definitions = new Map<string, number>();
  const scalar = (name: string): number => {
    if (params[name] !== undefined) return params[name];
    const d = model.definitions.get(name);
    if (!d) throw new Error(`no value for ${name}`);
    if (!definitions.has(name)) definitions.set(name, complexValue(model, d, params, price)[0]);
    return definitions.get(name)!;
  };
  const price = (v: Extract<Variable, { kind: 'atom' }>): readonly [number, number] => {
    const hit = cache.get(v.key);
    if (hit !== undefined) return hit;
    const value = priceAtom(v, { model, scalar, value: (x) => complexValue(model, x, params, price) });
    cache.set(v.key, value);
    return value;
  };
  return price;
}
