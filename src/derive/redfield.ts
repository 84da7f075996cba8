// The Born–Markov double commutator, expanded exactly.
//
// With H_SB = Σ_k X_k† ⊗ B_k + h.c. and X_k = Σ_ω X_k(ω) split into Bohr-frequency components
// (X_k(ω) lowers the energy by ω > 0), −∫₀^∞ds Tr_B[H_SB(t),[H_SB(t−s), ρ⊗ρ_B]] becomes, back in the
// Schrödinger picture and without principal values,
//   −i[H_S, ρ] + Σ_{k,ω; l,ω'} Γ⁻_lk(ω') [X_l(ω') ρ X_k(ω)† − X_k(ω)† X_l(ω') ρ]
//                            + Γ⁺_kl(ω') [X_l(ω')† ρ X_k(ω) − X_k(ω) X_l(ω')† ρ]  + h.c.
// (the ⟨B B†⟩ and ⟨B† B⟩ correlators respectively; ⟨B B⟩ = 0 for thermal baths). Which pairs (ω, ω') are
// kept, with which components and coefficients, the approximation object says (./approximations/): Redfield
// keeps all, secular ω = ω' only, …. Both papers' equations are instances: seed 000 Eq. (A2), seed 001 Eq. (A.6).
//
// Hermitian couplings H_SB = Σ_k A_k ⊗ B_k (Breuer–Petruccione §3.3.1) split A_k = Σ_ω A_k(ω) over every
// signed Bohr frequency, zero included (A_k(ω) lowers the energy by ω), and add
//   Σ_{k,ω; l,ω'} Γ_kl(ω) [A_l(ω) ρ A_k(ω')† − A_k(ω')† A_l(ω) ρ] + h.c.,   Γ_kl(ω) = Σ_α ½S^α_kl(ω) + iΠ^α_kl(ω),
// with the principal value Π kept only when the Lamb shift is asked for.
import { type Expr, add, conj, divConst, mul, neg, num, imag, sub } from '../algebra/expr.ts';
import { type Operator, adjoint, opMul } from '../operators/operator.ts';
import { SuperOp } from '../operators/superop.ts';
import type { Model } from '../model/model.ts';
import { type Correlation, correlation, couplingCorrelation, priceBathAtom } from '../bath/correlators.ts';
import { principalValue } from '../bath/atoms.ts';
import { complexValue } from '../model/evaluate.ts';

import { type Approx, ApproximationRefused, approximation } from './approx.ts';
import type { Family } from './approximations/approximation.ts';
import { type JumpComponent, couplingComponents, jumpComponents } from './components.ts';
export { type JumpComponent, couplingComponents, jumpComponents } from './components.ts';
export { type Approx, APPROXIMATIONS, PAPER_APPROXIMATIONS } from './approx.ts';

/** One term c_AB [B ρ A† − A† B ρ] + h.c. of the expansion; A, B are jump operators of one family. */
export interface PairTerm {
  family: Correlation;
  a: Operator;
  b: Operator;
  aLabel: JumpLabel;
  bLabel: JumpLabel;
  coef: Expr;
}

export interface JumpLabel {
  channel: string;
  freq: string;
  /** true for X_k(ω)†, the jump operators of the absorption family */
  raising: boolean;
}

export interface DeriveOptions {
  /** keep the principal-value (Lamb-shift) parts of the Hermitian-coupling correlators; default: the model's `lambShift` */
  lambShift?: boolean;
  /** the default of the approximation's own parameter (partial-secular's cutoff) */
  cutoff?: number;
}

export interface Derivation {
  model: Model;
  approx: Approx;
  lambShift: boolean;
  components: JumpComponent[];
  pairs: PairTerm[];
  /** the dissipative part (everything but −i[H_S, ρ]) */
  dissipator: SuperOp;
  /** the full generator, −i[H_S, ρ] included */
  generator: SuperOp;
}

/**
 * The principal value PV∫ S(ω′)/(ω − ω′) dω′ exists only for spectra that decay: a polynomial spectrum
 * (flat, ω³, …) is refused outright, any other is integrated once at the default parameters.
 */
function refuseDivergentPrincipalValues(model: Model): void {
  const defaults = Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
  const price = priceBathAtom(model, defaults);
  for (const b of model.baths) {
    if (b.couples !== 'coupling') continue;
    for (const [key, sd] of b.spectrum) {
      const [k, l] = key.split(',') as [string, string];
      const where = `the spectrum ${k === l ? k : key} of bath ${b.name} ("${sd.text}")`;
      if (sd.exact)
        throw new RangeError(
          `the Lamb shift of ${where} diverges: the principal value ∫ J(ω′)/(ω − ω′) dω′ of a polynomial spectrum does not converge at large ω′; give J a cutoff (e.g. * exp(-w/wc)) or derive without --lamb-shift`,
        );
      const f = model.frequencies[0];
      if (!f) continue;
      try {
        complexValue(model, principalValue(model, b.name, k, l, f.name), defaults, price);
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError(`the Lamb shift of ${where} at ${f.name} (default parameters): ${e.message}`);
        throw e;
      }
    }
  }
}

export function derive(given: Model, approx: Approx, options: DeriveOptions = {}): Derivation {
  const ap = approximation(approx);
  const refusal = ap.refuses?.(given);
  if (refusal) throw new ApproximationRefused(`the ${ap.name} approximation does not apply to ${given.name}: ${refusal}`);
  // the model the equation is written for (a cutoff parameter, site frequencies added)
  let model = ap.prepare ? ap.prepare(given) : given;
  if (options.cutoff !== undefined) {
    const own = ap.parameter;
    if (!own) throw new RangeError(`a cutoff applies to the partial-secular approximation only, not to ${ap.name}`);
    if (!(options.cutoff >= 0)) throw new RangeError(`the cutoff must be >= 0, got ${options.cutoff}`);
    model = { ...model, parameters: model.parameters.map((p) => (p.name === own.name ? { ...p, default: options.cutoff! } : p)) };
  }
  const lambShift = options.lambShift ?? model.lambShift;
  if (lambShift && ap.noLambShift) throw new RangeError(ap.noLambShift);
  if (lambShift && model.couplings.length === 0)
    throw new RangeError(
      `the Lamb shift needs Hermitian couplings ("couplings"); ${model.name} has RWA channels only, whose polynomial spectra have divergent principal values`,
    );
  if (lambShift) refuseDivergentPrincipalValues(model);
  const { channels: components, couplings: hermitian } = ap.components
    ? ap.components(model)
    : { channels: jumpComponents(model), couplings: couplingComponents(model) };
  const pairs: PairTerm[] = [];
  // which pairs (A at ω, B at ω′) the approximation keeps (exact 1, a selector atom, or dropped), with which coefficient
  const kept = (A: JumpComponent, B: JumpComponent): Expr | null => (ap.keep ? ap.keep(model, A, B) : num(1));
  const coefficient = (family: Family, A: JumpComponent, B: JumpComponent, redfield: () => Expr): Expr =>
    ap.coefficient ? ap.coefficient(model, family, A, B, lambShift) : redfield();
  for (const A of hermitian) {
    for (const B of hermitian) {
      const keep = kept(A, B);
      if (!keep) continue;
      const coef = mul(
        keep,
        coefficient('hermitian', A, B, () => couplingCorrelation(model, A.channel, B.channel, B.freq.name, lambShift)),
      );
      if (coef.isZero()) continue;
      const label = (c: JumpComponent): JumpLabel => ({ channel: c.channel, freq: c.freq.name, raising: false });
      pairs.push({ family: 'hermitian', a: A.op, b: B.op, aLabel: label(A), bLabel: label(B), coef });
    }
  }
  for (const A of components) {
    for (const B of components) {
      const keep = kept(A, B);
      if (!keep) continue;
      const label = (c: JumpComponent, raising: boolean): JumpLabel => ({ channel: c.channel, freq: c.freq.name, raising });
      const em = mul(
        keep,
        coefficient('emission', A, B, () => correlation(model, 'emission', B.channel, A.channel, B.freq)),
      );
      if (!em.isZero()) pairs.push({ family: 'emission', a: A.op, b: B.op, aLabel: label(A, false), bLabel: label(B, false), coef: em });
      const ab = mul(
        keep,
        coefficient('absorption', A, B, () => correlation(model, 'absorption', A.channel, B.channel, B.freq)),
      );
      if (!ab.isZero())
        pairs.push({ family: 'absorption', a: adjoint(A.op), b: adjoint(B.op), aLabel: label(A, true), bLabel: label(B, true), coef: ab });
    }
  }
  const dissipator = new SuperOp(model.states.length);
  for (const p of pairs) {
    const aDag = adjoint(p.a);
    const bDag = adjoint(p.b);
    const cc = conj(p.coef);
    dissipator.addSandwich(p.coef, p.b, aDag);
    dissipator.addLeft(neg(p.coef), opMul(aDag, p.b));
    dissipator.addSandwich(cc, p.a, bDag);
    dissipator.addRight(neg(cc), opMul(bDag, p.a));
  }
  const generator = new SuperOp(model.states.length);
  generator.addAll(unitaryPart(model));
  generator.addAll(dissipator);
  return { model, approx, lambShift, components: [...components, ...hermitian], pairs, dissipator, generator };
}

/** −i[H_S, ρ] in the eigenbasis: −i λ_a τ_aa ρ + i λ_a ρ τ_aa. */
export function unitaryPart(model: Model): SuperOp {
  const s = new SuperOp(model.states.length);
  model.states.forEach((st, a) => {
    s.addEntry('L', [a, a], mul(neg(imag()), st.energy));
    s.addEntry('R', [a, a], mul(imag(), st.energy));
  });
  return s;
}

/**
 * The Lindblad-like form (seed 001 Eq. 12, A.7–A.8): dρ/dt = −i[H_S + Ĥc, ρ]
 *   + Σ_{A,B} K_BA (B ρ A† − ½{A†B, ρ}),  K_BA = c_AB + c̄_BA,  Ĥc = Σ_{A,B} (c_AB − c̄_BA)/(2i) A†B,
 * summed over the jump operators of each family (X_k(ω) for emission, X_k(ω)† for absorption).
 */
export interface LindbladTerm {
  family: Correlation;
  /** B and A in K_BA (B ρ A† − ½{A†B, ρ}) */
  b: JumpLabel;
  a: JumpLabel;
  bOp: Operator;
  aOp: Operator;
  rate: Expr;
}

export interface HcTerm {
  family: Correlation;
  /** coefficient h of h · A†B in Ĥc */
  a: JumpLabel;
  b: JumpLabel;
  op: Operator;
  coef: Expr;
}

export interface LindbladForm {
  rates: LindbladTerm[];
  hc: HcTerm[];
}

const labelKey = (l: JumpLabel) => `${l.channel}|${l.freq}|${l.raising}`;

export function lindbladForm(d: Derivation): LindbladForm {
  const byPair = new Map<string, PairTerm>();
  for (const p of d.pairs) byPair.set(`${p.family}:${labelKey(p.aLabel)}:${labelKey(p.bLabel)}`, p);
  const rates: LindbladTerm[] = [];
  const hc: HcTerm[] = [];
  for (const p of d.pairs) {
    const partner = byPair.get(`${p.family}:${labelKey(p.bLabel)}:${labelKey(p.aLabel)}`);
    const cBA = partner ? conj(partner.coef) : num(0);
    const rate = add(p.coef, cBA);
    if (!rate.isZero()) rates.push({ family: p.family, b: p.bLabel, a: p.aLabel, bOp: p.b, aOp: p.a, rate });
    const h = divConst(sub(p.coef, cBA), mul(num(2), imag()));
    const op = opMul(adjoint(p.a), p.b);
    if (!h.isZero() && !op.isZero()) hc.push({ family: p.family, a: p.aLabel, b: p.bLabel, op, coef: h });
  }
  return { rates, hc };
}

/** The generator rebuilt from the Lindblad-like form (a consistency check of the two forms). */
export function generatorFromLindblad(model: Model, form: LindbladForm): SuperOp {
  const s = unitaryPart(model);
  const half = num(1, 2);
  for (const t of form.rates) {
    const aDag = adjoint(t.aOp);
    s.addSandwich(t.rate, t.bOp, aDag);
    const ab = opMul(aDag, t.bOp);
    s.addLeft(neg(mul(half, t.rate)), ab);
    s.addRight(neg(mul(half, t.rate)), ab);
  }
  for (const h of form.hc) {
    s.addLeft(mul(neg(imag()), h.coef), h.op);
    s.addRight(mul(imag(), h.coef), h.op);
  }
  return s;
}
