// The registry of bath atoms: every opaque function a derived table may contain is declared here once —
// its plain-text and LaTeX names, its reading rank, how it expands into lower atoms (the form in which
// equality is decided), its numeric value, and its generated code. Printers, the exact comparison, the
// numeric pricing and the code generator ask this registry; none of them switches on atom names.
//
//   N(α, ω)          Planck occupation N_α(ω) = 1/(e^{ω/T_α} − 1)                     (leaf)
//   Gm(k, l, ω)      RWA emission correlator Γ⁻_kl(ω) = Σ_α ½γ^α_kl(ω)(N_α(ω)+1)     → γ, N
//   Gp(k, l, ω)      RWA absorption correlator Γ⁺_kl(ω) = Σ_α ½γ^α_kl(ω)N_α(ω)       → γ, N
//   J(α, k, l, ω)    a spectrum entry that has no polynomial form, at a positive Bohr frequency (leaf)
//   S(α, k, l, ω)    Hermitian-coupling spectrum S^α_kl(ω) at a signed frequency:
//                    2J_kl(ω)(N+1) (ω > 0), 2J_lk(|ω|)N(|ω|) (ω < 0), S0 (ω = 0)        → J, N, S0
//   S0(α, k, l)      its ω → 0 limit 2T·lim J_kl(ω)/ω when that has no polynomial form (leaf)
//   P(α, k, l, ω)    principal value Π^α_kl(ω) = (1/2π) PV∫ S^α_kl(ω′)/(ω − ω′) dω′ (Lamb shift; leaf)
// and the system atoms of the numeric eigenbasis mode (src/model/numericEigen.ts; priced in model/evaluate.ts):
//   E(ψ)             an energy of H_S found numerically at the point                    (leaf)
//   Mre/Mim(X, ψm, ψn)  real and imaginary parts of ⟨ψm|X|ψn⟩                           (leaves)
//   Sec(ω, ω′)       the secular selector: 1 where |ω − ω′| is within the Bohr tolerance, else 0 (leaf)
// and the atoms of the other approximations (src/derive/approximations/):
//   Near(ω, ω′, c)   partial secular: θ(c − |ω − ω′|), c a parameter (leaf)
//   Rt(f, α, k, ω)   ULE: √ of bath α's rate of operator k at ω in family f — em: γ(N+1), ab: γN, h: S (leaf)
import { type Expr, type Variable, add, atom, conj, mul, num, substitute, zero, Expr as ExprClass } from '../algebra/expr.ts';
import { type Bath, type Frequency, type FrequencyRef, type Model, FREQUENCY_SYMBOL, ZERO_FREQUENCY } from '../model/model.ts';
import { type SpectralDensity, spectrumFunction } from './spectrum.ts';
import { lambShift } from '../numeric/lambShift.ts';

export type AtomVar = Extract<Variable, { kind: 'atom' }>;
type C = readonly [number, number];

/** Numeric context of pricing: the value of exact expressions and of spectrum parameters at one point. */
export interface PriceContext {
  model: Model;
  /** complex value of an exact expression (atoms priced recursively) */
  value(x: Expr): C;
  /** real value of a parameter or definition by name */
  scalar(name: string): number;
}

/** What the LaTeX printer lends an atom to name its parts. */
export interface TexNames {
  frequency(ref: FrequencyRef): string;
  bath(name: string): string;
  /** subscript of an operator pair, "ab" or "a,b" */
  pair(k: string, l: string): string;
}

export interface AtomKind {
  fn: string;
  text(model: Model, v: AtomVar): string;
  latex(model: Model, v: AtomVar, names: TexNames): string;
  /** reading order among atoms, smaller first */
  rank(model: Model, v: AtomVar): number;
  /** the atom in terms of lower atoms (undefined for leaves) */
  expand?(model: Model, v: AtomVar): Expr;
  /** numeric value of a leaf */
  price?(v: AtomVar, ctx: PriceContext): C;
}

// ------------------------------------------------------------------------------------------------
// Frequencies by reference

/** The positive frequency a reference is based on and its sign (0 for the zero frequency). */
export function splitRef(ref: FrequencyRef): { name: string | null; sign: -1 | 0 | 1 } {
  if (ref === ZERO_FREQUENCY) return { name: null, sign: 0 };
  return ref.startsWith('-') ? { name: ref.slice(1), sign: -1 } : { name: ref, sign: 1 };
}

export function frequencyByName(model: Model, name: string): Frequency {
  const f = model.frequencies.find((x) => x.name === name);
  if (!f) throw new Error(`internal: unknown frequency ${name} in ${model.file}`);
  return f;
}

/** The exact value of a signed frequency reference. */
export function refValue(model: Model, ref: FrequencyRef): Expr {
  const { name, sign } = splitRef(ref);
  if (name === null) return zero();
  const v = frequencyByName(model, name).value;
  return sign > 0 ? v : mul(num(-1), v);
}

/** The reference of an exact energy difference: a named frequency, its negative, or zero. */
export function refOf(model: Model, value: Expr): FrequencyRef | undefined {
  if (value.isZero()) return ZERO_FREQUENCY;
  for (const f of model.frequencies) {
    if (f.value.equals(value)) return f.name;
    if (add(f.value, value).isZero()) return `-${f.name}`;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Spectra

export const bathByName = (model: Model, name: string): Bath => {
  const b = model.baths.find((x) => x.name === name);
  if (!b) throw new Error(`internal: unknown bath ${name}`);
  return b;
};

/** Order of the operators spectrum keys refer to: channels, then couplings. */
const operatorOrder = (model: Model): string[] => [...model.channels.map((c) => c.name), ...model.couplings.map((c) => c.name)];

/** The stored key of the pair and whether the value is the conjugate of the stored one. */
function spectrumKey(model: Model, k: string, l: string): { key: string; flipped: boolean } {
  const order = operatorOrder(model);
  const forward = order.indexOf(k) <= order.indexOf(l);
  return { key: forward ? `${k},${l}` : `${l},${k}`, flipped: !forward };
}

/** The spectrum a bath stores for the pair, and whether (k, l) is its conjugate (the reversed order). */
export function storedSpectrum(model: Model, bath: string, k: string, l: string): { sd: SpectralDensity; flipped: boolean } | undefined {
  const { key, flipped } = spectrumKey(model, k, l);
  const sd = bathByName(model, bath).spectrum.get(key);
  return sd ? { sd, flipped } : undefined;
}

/** The ω → 0 data of the pair's spectrum (coupling pairs with zero-frequency components only). */
export function zeroLimitData(model: Model, bath: string, k: string, l: string) {
  return zeroLimitOf(model, bath, k, l);
}

export function hasSpectrum(bath: Bath, model: Model, k: string, l: string): boolean {
  return bath.spectrum.has(spectrumKey(model, k, l).key);
}

/**
 * The spectrum entry k,l of one bath at a positive frequency: exact where the spectrum is a polynomial,
 * otherwise the atom J(α,k,l,ω); zero when the bath does not couple the pair.
 */
export function spectrumAt(model: Model, bath: string, k: string, l: string, freq: string): Expr {
  const b = bathByName(model, bath);
  const { key, flipped } = spectrumKey(model, k, l);
  const sd = b.spectrum.get(key);
  if (!sd) return zero();
  if (sd.exact) {
    const w = frequencyByName(model, freq).value;
    const at = substitute(sd.exact, (v) => (v.kind === 'symbol' && v.name === FREQUENCY_SYMBOL ? w : undefined));
    return flipped ? conj(at) : at;
  }
  return k === l && !sd.complex ? atom('J', [bath, k, l, freq]) : atom('J', [bath, k, l, freq], { conjArgs: [bath, l, k, freq] });
}

/** The spectrum entry k,l as a function of ω (the symbol w): exact, or the atom J(α,k,l,w) for printing. */
export function spectrumSymbolic(model: Model, bath: string, k: string, l: string): Expr {
  const { key, flipped } = spectrumKey(model, k, l);
  const sd = bathByName(model, bath).spectrum.get(key);
  if (!sd) return zero();
  if (sd.exact) return flipped ? conj(sd.exact) : sd.exact;
  return k === l && !sd.complex
    ? atom('J', [bath, k, l, FREQUENCY_SYMBOL])
    : atom('J', [bath, k, l, FREQUENCY_SYMBOL], { conjArgs: [bath, l, k, FREQUENCY_SYMBOL] });
}

const real = (x: number): C => [x, 0];

/** Planck occupation 1/(e^{ω/T} − 1), finite for T = 0 (→ 0) and for T → ∞ (grows like T/ω). */
export function planckNumber(omega: number, temperature: number): number {
  if (temperature === 0) return 0;
  return 1 / Math.expm1(omega / temperature);
}

/** Numeric J^α_kl(x) (complex) at any x > 0, conjugated for the reversed pair. */
function spectrumNumeric(ctx: PriceContext, bath: string, k: string, l: string): (x: number) => C {
  const { model } = ctx;
  const { key, flipped } = spectrumKey(model, k, l);
  const sd = bathByName(model, bath).spectrum.get(key);
  if (!sd) return () => [0, 0];
  const f = spectrumFunction(sd, ctx.scalar);
  return flipped
    ? (x) => {
        const [a, b] = f(x);
        return [a, -b];
      }
    : f;
}

// ------------------------------------------------------------------------------------------------
// The kinds

const namedBathFunction = (model: Model, v: AtomVar) => {
  const kind = v.fn === 'Gm' ? 'emission' : 'absorption';
  return model.bathFunctions.findIndex((b) => b.kind === kind && b.channels[0] === v.args[0] && b.channels[1] === v.args[1]);
};
const operatorIndex = (model: Model, name: string) => operatorOrder(model).indexOf(name);
const freqIndex = (model: Model, ref: string) => {
  const { name } = splitRef(ref);
  const i = name === null ? -1 : model.frequencies.findIndex((f) => f.name === name);
  return i < 0 ? 99 : i;
};
const pairRank = (model: Model, k: string, l: string) => operatorIndex(model, k) * 7 + operatorIndex(model, l);
const bathIndex = (model: Model, b: string) => model.baths.findIndex((x) => x.name === b);

function correlatorKind(fn: 'Gm' | 'Gp'): AtomKind {
  return {
    fn,
    text: (model, v) => {
      const i = namedBathFunction(model, v);
      return i >= 0 ? `${model.bathFunctions[i].name}(${v.args[2]})` : `${fn}_${v.args[0]}_${v.args[1]}(${v.args[2]})`;
    },
    latex: (model, v, t) => {
      const i = namedBathFunction(model, v);
      const name = i >= 0 ? model.bathFunctions[i].latex : `\\Gamma^{${fn === 'Gm' ? '-' : '+'}}_{${t.pair(v.args[0], v.args[1])}}`;
      return `${name}(${t.frequency(v.args[2])})`;
    },
    rank: (model, v) => {
      let bi = namedBathFunction(model, v);
      if (bi < 0) bi = 100 + (fn === 'Gm' ? 0 : 50) + pairRank(model, v.args[0], v.args[1]);
      return freqIndex(model, v.args[2]) * 1000 + bi;
    },
    // Γ∓_kl(ω) = Σ_α ½ γ^α_kl(ω) (N_α(ω) [+1])
    expand: (model, v) => {
      const [k, l, f] = v.args;
      return add(
        ...model.baths.map((b) => {
          const g = spectrumAt(model, b.name, k, l, f);
          if (g.isZero()) return zero();
          const n = planck(b.name, f);
          return mul(num(1, 2), g, fn === 'Gm' ? add(n, num(1)) : n);
        }),
      );
    },
  };
}

function numericEigenOnly(v: AtomVar): C {
  throw new Error(`internal: ${v.key} is priced by the numeric eigenbasis (model/evaluate.ts), not as a bath atom`);
}
const stateLatex = (model: Model, name: string) => model.states.find((s) => s.name === name)?.latex ?? name;
const operatorLatex = (model: Model, name: string) =>
  [...model.channels, ...model.couplings, ...model.operators.values(), ...model.siteOperators.values()].find((o) => o.name === name)
    ?.latex ?? name;

/** Re/Im ⟨ψm|X|ψn⟩ of the numeric eigenbasis. */
function elementKind(fn: 'Mre' | 'Mim'): AtomKind {
  return {
    fn,
    text: (_m, v) => `${fn}(${v.args.join(', ')})`,
    latex: (model, v) =>
      `\\mathrm{${fn === 'Mre' ? 'Re' : 'Im'}}\\langle ${stateLatex(model, v.args[1])}|${operatorLatex(model, v.args[0])}|${stateLatex(model, v.args[2])}\\rangle`,
    rank: (model, v) =>
      400000 +
      (fn === 'Mim' ? 50000 : 0) +
      model.states.findIndex((s) => s.name === v.args[1]) * 100 +
      model.states.findIndex((s) => s.name === v.args[2]),
    price: numericEigenOnly,
  };
}

const KINDS: AtomKind[] = [
  {
    fn: 'N',
    text: (_m, v) => `N_${v.args[0]}(${v.args[1]})`,
    latex: (_m, v, t) => `N_{${t.bath(v.args[0])}}(${t.frequency(v.args[1])})`,
    rank: (model, v) => 200000 + bathIndex(model, v.args[0]) * 100 + freqIndex(model, v.args[1]),
    price: (v, ctx) =>
      real(planckNumber(ctx.value(refValue(ctx.model, v.args[1]))[0], ctx.value(bathByName(ctx.model, v.args[0]).temperature)[0])),
  },
  correlatorKind('Gm'),
  correlatorKind('Gp'),
  {
    fn: 'J',
    text: (_m, v) => `J(${v.args.join(', ')})`,
    latex: (model, v, t) =>
      `${isChannel(model, v.args[1]) ? '\\gamma' : 'J'}^{(${t.bath(v.args[0])})}_{${t.pair(v.args[1], v.args[2])}}(${t.frequency(v.args[3])})`,
    rank: (model, v) =>
      100000 + freqIndex(model, v.args[3]) * 1000 + bathIndex(model, v.args[0]) * 50 + pairRank(model, v.args[1], v.args[2]),
    price: (v, ctx) => spectrumNumeric(ctx, v.args[0], v.args[1], v.args[2])(ctx.value(refValue(ctx.model, v.args[3]))[0]),
  },
  {
    fn: 'S',
    text: (_m, v) => `S(${v.args.join(', ')})`,
    latex: (_m, v, t) => `S^{(${t.bath(v.args[0])})}_{${t.pair(v.args[1], v.args[2])}}(${t.frequency(v.args[3])})`,
    rank: (model, v) =>
      freqIndex(model, v.args[3]) * 1000 +
      500 +
      bathIndex(model, v.args[0]) * 50 +
      pairRank(model, v.args[1], v.args[2]) +
      (v.args[3].startsWith('-') ? 25 : 0),
    expand: (model, v) => {
      const [bath, k, l, ref] = v.args;
      const { name, sign } = splitRef(ref);
      if (name === null) return zeroLimit(model, bath, k, l);
      if (sign > 0) return mul(num(2), spectrumAt(model, bath, k, l, name), add(planck(bath, name), num(1)));
      return mul(num(2), spectrumAt(model, bath, l, k, name), planck(bath, name));
    },
  },
  {
    fn: 'S0',
    text: (_m, v) => `S(${v.args.join(', ')}, 0)`,
    latex: (_m, v, t) => `S^{(${t.bath(v.args[0])})}_{${t.pair(v.args[1], v.args[2])}}(0)`,
    rank: (model, v) => 99000 + bathIndex(model, v.args[0]) * 50 + pairRank(model, v.args[1], v.args[2]),
    price: (v, ctx) => {
      const [bath, k, l] = v.args;
      const z = zeroLimitOf(ctx.model, bath, k, l);
      const T = ctx.value(bathByName(ctx.model, bath).temperature)[0];
      if (!z) return [0, 0];
      if (z.power > 1) return [0, 0];
      return [2 * T * spectrumFunction(z.coefficient, ctx.scalar)(0)[0], 0];
    },
  },
  {
    fn: 'P',
    text: (_m, v) => `Pi(${v.args.join(', ')})`,
    latex: (_m, v, t) => `\\Pi^{(${t.bath(v.args[0])})}_{${t.pair(v.args[1], v.args[2])}}(${t.frequency(v.args[3])})`,
    rank: (model, v) =>
      150000 +
      freqIndex(model, v.args[3]) * 1000 +
      bathIndex(model, v.args[0]) * 50 +
      pairRank(model, v.args[1], v.args[2]) +
      (v.args[3].startsWith('-') ? 25 : 0),
    price: (v, ctx) => {
      const [bath, k, l, ref] = v.args;
      const J = spectrumNumeric(ctx, bath, k, l);
      const T = ctx.value(bathByName(ctx.model, bath).temperature)[0];
      const s0 = ctx.value(zeroLimit(ctx.model, bath, k, l));
      const complex = bathByName(ctx.model, bath).spectrum.get(spectrumKey(ctx.model, k, l).key)?.complex ?? false;
      return lambShift((x) => J(x)[0], complex ? (x) => J(x)[1] : null, T, ctx.value(refValue(ctx.model, ref))[0], s0[0], s0[1]);
    },
  },
  {
    fn: 'E',
    text: (_m, v) => `E(${v.args[0]})`,
    latex: (model, v) => `E_{${stateLatex(model, v.args[0])}}`,
    rank: (model, v) => 300000 + model.states.findIndex((s) => s.name === v.args[0]),
    price: numericEigenOnly,
  },
  elementKind('Mre'),
  elementKind('Mim'),
  {
    fn: 'Sec',
    text: (_m, v) => `Sec(${v.args.join(', ')})`,
    latex: (_m, v, t) => `\\delta_{${t.frequency(v.args[0])},${t.frequency(v.args[1])}}`,
    rank: (model, v) => 50 + freqIndex(model, v.args[0]) * 100 + freqIndex(model, v.args[1]),
    price: numericEigenOnly,
  },
];

const signedValue = (ctx: PriceContext, ref: string) => ctx.value(refValue(ctx.model, ref))[0];

KINDS.push(
  {
    fn: 'Near',
    text: (_m, v) => `Near(${v.args.join(', ')})`,
    latex: (model, v, t) => {
      const [a, b] = [t.frequency(v.args[0]), t.frequency(v.args[1])];
      const gap = b.startsWith('-') ? `${a} + ${b.slice(1)}` : `${a} - ${b}`;
      return `\\theta(${model.parameters.find((p) => p.name === v.args[2])?.latex ?? v.args[2]} - |${gap}|)`;
    },
    rank: (model, v) => 60 + freqIndex(model, v.args[0]) * 100 + freqIndex(model, v.args[1]),
    price: (v, ctx) => [Math.abs(signedValue(ctx, v.args[0]) - signedValue(ctx, v.args[1])) < ctx.scalar(v.args[2]) ? 1 : 0, 0],
  },
  {
    fn: 'Rt',
    text: (_m, v) => `Rt(${v.args.join(', ')})`,
    // g^{∓(α)}_k(ω) = √(γ(N+1)), √(γN); g^{(α)}_k(ω) = √S(ω) — a short name: the ULE's tables multiply many of them
    latex: (_m, v, t) => {
      const [family, bath, k, ref] = v.args;
      const sign = family === 'em' ? '-' : family === 'ab' ? '+' : '';
      return `g^{${sign}(${t.bath(bath)})}_{${t.pair(k, k)}}(${t.frequency(ref)})`;
    },
    rank: (model, v) =>
      250000 +
      freqIndex(model, v.args[3]) * 1000 +
      bathIndex(model, v.args[1]) * 50 +
      operatorIndex(model, v.args[2]) +
      (v.args[0] === 'ab' ? 25 : 0),
    price: (v, ctx) => {
      const r = ctx.value(rootRadicand(ctx.model, v))[0];
      if (!(r >= -1e-300)) throw new RangeError(`the ULE rate ${v.key} is negative (${r}) at this point: its square root does not exist`);
      return [Math.sqrt(Math.max(r, 0)), 0];
    },
  },
);

const BY_FN = new Map(KINDS.map((k) => [k.fn, k]));

export { nearSelector, rootCorrelator } from './constructors.ts';

/** What an Rt atom is the square root of, in lower atoms. */
export function rootRadicand(model: Model, v: AtomVar): Expr {
  const [family, bath, k, ref] = v.args as [string, string, string, string];
  if (family === 'h') return couplingSpectrum(model, bath, k, k, ref);
  const g = spectrumAt(model, bath, k, k, ref);
  return mul(g, family === 'em' ? add(planck(bath, ref), num(1)) : planck(bath, ref));
}

export function atomKind(v: AtomVar): AtomKind {
  const k = BY_FN.get(v.fn);
  if (!k) throw new Error(`internal: no atom kind ${v.fn}`);
  return k;
}

/** Whether an atom is declared in the registry (printers fall back to fn(args) for others). */
export const isBathAtom = (v: AtomVar): boolean => BY_FN.has(v.fn);

const isChannel = (model: Model, name: string) => model.channels.some((c) => c.name === name);

// ------------------------------------------------------------------------------------------------
// Constructors

export function planck(bath: string, freq: string): Expr {
  return atom('N', [bath, freq]);
}

/** S^α_kl(ω) of Hermitian couplings k, l at a signed frequency; zero when the bath does not couple them. */
export function couplingSpectrum(model: Model, bath: string, k: string, l: string, ref: FrequencyRef): Expr {
  if (!hasSpectrum(bathByName(model, bath), model, k, l)) return zero();
  return k === l ? atom('S', [bath, k, l, ref]) : atom('S', [bath, k, l, ref], { conjArgs: [bath, l, k, ref] });
}

/** Π^α_kl(ω), the principal-value part; zero when the bath does not couple them. */
export function principalValue(model: Model, bath: string, k: string, l: string, ref: FrequencyRef): Expr {
  if (!hasSpectrum(bathByName(model, bath), model, k, l)) return zero();
  return k === l ? atom('P', [bath, k, l, ref]) : atom('P', [bath, k, l, ref], { conjArgs: [bath, l, k, ref] });
}

function zeroLimitOf(model: Model, bath: string, k: string, l: string) {
  const { key } = spectrumKey(model, k, l);
  return bathByName(model, bath).zeroLimits.get(key);
}

/** S^α_kl(0): exact where the limit has a polynomial form, else the atom S0. */
export function zeroLimit(model: Model, bath: string, k: string, l: string): Expr {
  const z = zeroLimitOf(model, bath, k, l);
  if (!z) return zero();
  if (z.exact) return spectrumKey(model, k, l).flipped ? conj(z.exact) : z.exact;
  return atom('S0', [bath, k, l]);
}

// ------------------------------------------------------------------------------------------------
// Visitors over expressions

/** Replace every expandable atom until only leaves remain: the form in which equality is decided. */
export function expandAtoms(model: Model, x: Expr): Expr {
  let current = x;
  for (let depth = 0; depth < 4; depth++) {
    let changed = false;
    current = substitute(current, (v) => {
      if (v.kind !== 'atom') return undefined;
      // in a model restricted to some baths, the atoms of the others vanish
      const bath = atomBath(v);
      if (bath !== undefined && !model.baths.some((b) => b.name === bath)) {
        changed = true;
        return zero();
      }
      const kind = BY_FN.get(v.fn);
      if (!kind?.expand) return undefined;
      changed = true;
      return kind.expand(model, v);
    });
    if (!changed) return current;
  }
  return current;
}

/** Numeric value of any registered atom at one point (expandable atoms through their expansion). */
export function priceAtom(v: AtomVar, ctx: PriceContext): C {
  const kind = atomKind(v);
  if (kind.price) return kind.price(v, ctx);
  return ctx.value(expandAtoms(ctx.model, ExprClass.ofVariable(v)));
}

/** Atoms that carry their bath as the first argument (the rest sum over the baths in their expansion). */
export function atomBath(v: AtomVar): string | undefined {
  if (v.fn === 'Rt') return v.args[1];
  return v.fn === 'N' || v.fn === 'J' || v.fn === 'S' || v.fn === 'S0' || v.fn === 'P' ? v.args[0] : undefined;
}
