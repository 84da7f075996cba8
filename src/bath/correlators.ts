// Thermal bosonic baths seen through the system's channels.
//
// For H_SB = Σ_k X_k† ⊗ B_k + h.c. the one-sided Fourier transforms of the bath correlators, with the
// principal values dropped, are the channel correlation functions (seed 001 Eq. 6, A.3, A.4)
//   emission   Γ⁻_kl(ω) = Σ_α ½ γ^α_kl(ω) [N_α(ω) + 1]      (atom Gm(k,l,ω))
//   absorption Γ⁺_kl(ω) = Σ_α ½ γ^α_kl(ω) N_α(ω)            (atom Gp(k,l,ω))
// with γ^α_kl = 2π Σ_q g*_kq g_lq δ(ω − ω_q) = conj γ^α_lk and N_α the Planck occupation (atom N(α,ω)).
// The derivation works with the Gm/Gp atoms (they print as A1(ε1), Γ⁻_12(ε1), …); equality is decided
// after expanding them to the N atoms, so identities such as A1 − A2 = γ are recognised.
import { type Expr, type Variable, add, atom, conj, mul, num, substitute, zero } from '../algebra/expr.ts';
import { type Frequency, type Model, FREQUENCY_SYMBOL } from '../model/model.ts';
import { numericValue } from '../model/evaluate.ts';

export type Correlation = 'emission' | 'absorption';
const FN: Record<Correlation, string> = { emission: 'Gm', absorption: 'Gp' };

/** γ^α_kl(ω) for one bath (zero when the bath does not couple the pair). */
export function spectrumEntry(model: Model, bath: string, k: string, l: string, freq: Expr): Expr {
  const b = model.baths.find((x) => x.name === bath)!;
  const order = model.channels.map((c) => c.name);
  const forward = order.indexOf(k) <= order.indexOf(l);
  const raw = b.spectrum.get(forward ? `${k},${l}` : `${l},${k}`);
  if (!raw) return zero();
  const atW = substitute(raw, (v) => (v.kind === 'symbol' && v.name === FREQUENCY_SYMBOL ? freq : undefined));
  return forward ? atW : conj(atW);
}

/** Whether any bath correlates channels k and l. */
export function channelsCorrelated(model: Model, k: string, l: string): boolean {
  return model.baths.some((b) => b.spectrum.has(`${k},${l}`) || b.spectrum.has(`${l},${k}`));
}

/** The correlation-function atom Γ∓_kl(ω), or exact zero when no bath correlates k and l. */
export function correlation(model: Model, kind: Correlation, k: string, l: string, freq: Frequency): Expr {
  if (!channelsCorrelated(model, k, l)) return zero();
  return atom(FN[kind], [k, l, freq.name], { conjArgs: [l, k, freq.name] });
}

export function planck(bath: string, freq: Frequency): Expr {
  return atom('N', [bath, freq.name]);
}

/** Replace every Gm/Gp atom by Σ_α ½ γ^α_kl(ω) (N_α(ω) [+1]): the form in which equality is decided. */
export function expandCorrelations(model: Model, x: Expr): Expr {
  return substitute(x, (v) => {
    if (v.kind !== 'atom' || (v.fn !== 'Gm' && v.fn !== 'Gp')) return undefined;
    const [k, l, f] = v.args;
    const freq = frequencyByName(model, f);
    const parts = model.baths.map((b) => {
      const g = spectrumEntry(model, b.name, k, l, freq.value);
      if (g.isZero()) return zero();
      const n = planck(b.name, freq);
      return mul(num(1, 2), g, v.fn === 'Gm' ? add(n, num(1)) : n);
    });
    return add(...parts);
  });
}

/** Exact zero test: an expression vanishes when it does after the Gm/Gp atoms are expanded. */
export function isZeroExact(model: Model, x: Expr): boolean {
  return x.isZero() || expandCorrelations(model, x).isZero();
}

/** Planck occupation 1/(e^{ω/T} − 1), finite for T = 0 (→ 0) and for T → ∞ (grows like T/ω). */
export function planckNumber(omega: number, temperature: number): number {
  if (temperature === 0) return 0;
  return 1 / Math.expm1(omega / temperature);
}

/** Numeric value of a bath atom (N, Gm, Gp) at given parameters. */
export function priceBathAtom(model: Model, params: Readonly<Record<string, number>>) {
  const cache = new Map<string, number>();
  const price = (v: Extract<Variable, { kind: 'atom' }>, real: (x: Expr) => number): number => {
    const hit = cache.get(v.key);
    if (hit !== undefined) return hit;
    let value: number;
    if (v.fn === 'N') {
      const b = model.baths.find((x) => x.name === v.args[0])!;
      value = planckNumber(real(frequencyByName(model, v.args[1]).value), real(b.temperature));
    } else if (v.fn === 'Gm' || v.fn === 'Gp') {
      value = numericValue(model, expandCorrelations(model, atom(v.fn, v.args)), params, price);
    } else throw new Error(`no numeric value for atom ${v.key}`);
    cache.set(v.key, value);
    return value;
  };
  return price;
}

export function frequencyByName(model: Model, name: string): Frequency {
  const f = model.frequencies.find((x) => x.name === name);
  if (!f) throw new Error(`internal: unknown frequency ${name} in ${model.file}`);
  return f;
}

