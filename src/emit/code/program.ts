// A language-neutral straight-line program for a set of exact values of one model (the shared core of every
// code target: typescript.ts, python.ts, …). Contract:
//   - values are memoised by canonical key: each parameter, half-angle pair, radical, temperature, Bohr
//     frequency, bath atom, monomial and coefficient is computed once; equal right-hand sides are one local;
//   - a statement is `name = node` (ir.ts); dependencies always come first; names are legal identifiers of the
//     target language (its reserved words are avoided) and unique within the function;
//   - complex values are pairs of real nodes {re, im}; zeros are dropped at construction;
//   - the pricing of bath atoms (Planck numbers N, correlation functions Gm/Gp) lives in ATOM_CODE at the end
//     of this file, the one place a new atom kind gets its generated code;
//   - keep(roots) gives the statements the roots need, in order (dead ones dropped), and whether any reads p.
import { type Mono, type Variable, Expr, variable } from '../../algebra/expr.ts';
import { type Rational, qtoNumber } from '../../algebra/rational.ts';
import type { Model } from '../../model/model.ts';
import { expandCorrelations, frequencyByName } from '../../bath/correlators.ts';
import { expandAtoms, refValue, rootRadicand, spectrumAt, storedSpectrum, zeroLimit, zeroLimitData } from '../../bath/atoms.ts';
import { spectrumValue } from './spectrum.ts';
import { eigenAtomCode } from './eigenbasis.ts';
import { atomName } from '../text.ts';
import {
  type Node,
  type SumTerm,
  ONE,
  ZERO,
  call,
  cond,
  div,
  isOne,
  isZero,
  keyOf,
  lambda,
  minus,
  mul,
  num,
  param,
  plus,
  reads,
  ref,
  runtime,
  sum,
  test,
} from './ir.ts';

export type AtomVar = Extract<Variable, { kind: 'atom' }>;

/** A value in generated code: real and imaginary parts. */
export interface Val {
  readonly re: Node;
  readonly im: Node;
}

export const ZERO_VAL: Val = { re: ZERO, im: ZERO };

export interface Statement {
  readonly name: string;
  readonly node: Node;
}

const isNeg = (q: Rational) => q.n < 0n;
const isUnit = (q: Rational) => (q.n === 1n || q.n === -1n) && q.d === 1n;
const negate = (q: Rational): Rational => ({ n: -q.n, d: q.d });
const constNode = (q: Rational): Node => num(qtoNumber(q));

/** Σ q_i · node_i (node null = 1) as one sum node. */
function linear(parts: { q: Rational; node: Node | null }[]): Node {
  const terms: SumTerm[] = [];
  for (const { q, node } of parts) {
    if (q.n === 0n || (node && isZero(node))) continue;
    const size = Math.abs(qtoNumber(q));
    terms.push({ negative: isNeg(q), coef: node === null ? size : isUnit(q) ? null : size, factor: node });
  }
  return sum(terms);
}

export class Program {
  readonly statements: Statement[] = [];
  private readonly names = new Set<string>();
  private readonly memo = new Map<string, Val>();
  private readonly counters = new Map<string, number>();
  /** base name → where ident's search for a free suffix resumes */
  private readonly nextSuffix = new Map<string, number>();
  /** right-hand side key → the local that holds it */
  private readonly byNode = new Map<string, string>();
  private readonly selectors = new Map<string, string>();

  /**
   * reserved: names the function may not use (the language's keywords and the function's own names).
   * selectBaths: atoms that sum over baths are Σ_α _on_α · (bath α's term), for bath-resolved dissipators.
   */
  constructor(
    readonly model: Model,
    readonly selectBaths: boolean,
    private readonly reserved: ReadonlySet<string>,
    extraNames: readonly string[] = [],
  ) {
    for (const r of extraNames) this.names.add(r);
    if (selectBaths) {
      this.names.add('_u');
      for (const b of model.baths) this.selectors.set(b.name, this.ident(`_on_${b.name}`));
    }
  }

  /** The 0/1 switch of bath α's terms (liouvillian only). */
  bathSelector(bath: string): string {
    return this.selectors.get(bath)!;
  }

  /** A stable identifier: sanitised, and unique within the function. */
  ident(base: string): string {
    let name = base
      .replace(/\(/g, '_')
      .replace(/\)/g, '')
      .replace(/[^A-Za-z0-9_]/g, '_');
    if (this.names.has(name) || this.reserved.has(name)) {
      // the smallest free suffix ≥ 2; names are never freed, so the search resumes where the last one for this base
      // stopped (thousands of locals share a hint in a long function: a search from 2 each time was quadratic)
      let i = this.nextSuffix.get(name) ?? 2;
      while (this.names.has(`${name}_${i}`)) i++;
      this.nextSuffix.set(name, i + 1);
      name = `${name}_${i}`;
    }
    this.names.add(name);
    return name;
  }

  private counted(prefix: string): string {
    const i = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, i);
    return this.ident(`${prefix}${i}`);
  }

  /** `name = node` unless an equal node is already held by a local; returns the reference. */
  local(name: string, node: Node): Node {
    const key = keyOf(node);
    const hit = this.byNode.get(key);
    if (hit) return ref(hit);
    this.byNode.set(key, name);
    this.statements.push({ name, node });
    return ref(name);
  }

  /** A new local named after `hint` (made unique). */
  named(hint: string, node: Node): Node {
    return this.local(this.ident(hint), node);
  }

  remember(key: string, make: () => Val): Val {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const v = make();
    this.memo.set(key, v);
    return v;
  }

  /** The real value of an expression that has no imaginary part (radicands, cot, energies, frequencies). */
  real(x: Expr, what: string, hint?: string): Node {
    const v = this.expr(x, hint);
    if (!isZero(v.im)) throw new Error(`internal: ${what} (${x.key}) is not real`);
    return v.re;
  }

  param(name: string): Node {
    return this.remember(`p:${name}`, () => {
      const local = this.reserved.has(name) ? this.ident(`_p_${name}`) : this.ident(name);
      return { re: this.local(local, param(name)), im: ZERO };
    }).re;
  }

  variable(v: Variable): Val {
    return this.remember(`v:${v.key}`, () => {
      switch (v.kind) {
        case 'symbol':
          if (!this.model.parameters.some((p) => p.name === v.name))
            throw new Error(`internal: ${v.name} is not a parameter of ${this.model.name}`);
          return { re: this.param(v.name), im: ZERO };
        case 'cos':
        case 'sin': {
          const h = this.halfAngle(v.angle);
          return { re: v.kind === 'cos' ? h.c : h.s, im: ZERO };
        }
        case 'radical':
          return { re: this.local(this.counted('_r'), call('sqrt', this.real(v.radicand, v.key))), im: ZERO };
        case 'atom': {
          const price = ATOM_CODE[v.fn];
          if (!price) throw new Error(`internal: no generated code for atom ${v.key}`);
          return price(this, v);
        }
      }
    });
  }

  /**
   * cos(θ/2), sin(θ/2) for cot θ = x/y, θ = atan2(y, x) (as src/model/evaluate.ts), without trig calls:
   * the half-angle formulas, each branch free of cancellation; θ = 0 when x = y = 0.
   */
  private halfAngle(angle: string): { c: Node; s: Node } {
    const key = `angle:${angle}`;
    const hit = this.memo.get(key);
    if (hit) return { c: hit.re, s: hit.im };
    const a = this.model.angles.find((x) => x.name === angle);
    if (!a) throw new Error(`internal: unknown angle ${angle}`);
    const x = this.real(a.numerator, `cot ${angle} numerator`);
    const y = this.real(a.denominator, `cot ${angle} denominator`);
    const two = num(2);
    const R = this.named(`_R_${angle}`, call('sqrt', plus(mul(x, x), mul(y, y))));
    const zeroR = test(R, 'eq', ZERO);
    const xNonNeg = test(x, 'ge', ZERO);
    const c = this.named(
      `_c_${angle}`,
      cond(
        zeroR,
        ONE,
        cond(xNonNeg, call('sqrt', div(plus(R, x), mul(two, R))), div(call('abs', y), call('sqrt', mul(two, R, minus(R, x))))),
      ),
    );
    const sign = cond(test(y, 'lt', ZERO), num(-1), ONE);
    const s = this.named(
      `_s_${angle}`,
      cond(
        zeroR,
        ZERO,
        cond(xNonNeg, div(y, call('sqrt', mul(two, R, plus(R, x)))), mul(sign, call('sqrt', div(minus(R, x), mul(two, R))))),
      ),
    );
    this.memo.set(key, { re: c, im: s });
    return { c, s };
  }

  /** The Bohr frequency of that name (real). */
  frequency(name: string): Node {
    return this.remember(`w:${name}`, () => {
      const f = frequencyByName(this.model, name);
      return { re: this.real(f.value, `frequency ${name}`, `_w_${name}`), im: ZERO };
    }).re;
  }

  /** The temperature of that bath (real). */
  temperature(bath: string): Node {
    return this.remember(`T:${bath}`, () => {
      const b = this.model.baths.find((x) => x.name === bath)!;
      return { re: this.real(b.temperature, `temperature of bath ${bath}`, `_T_${bath}`), im: ZERO };
    }).re;
  }

  monomial(mono: Mono): Val {
    if (mono.length === 0) return { re: ONE, im: ZERO };
    if (mono.length === 1 && mono[0]![1] === 1) return this.variable(variable(mono[0]![0]));
    const key = mono.map(([k, e]) => `${k}^${e}`).join('*');
    return this.remember(`m:${key}`, () => {
      const realFactors: Node[] = [];
      const complexFactors: Val[] = [];
      for (const [k, e] of mono) {
        const v = this.variable(variable(k));
        for (let i = 0; i < e; i++) isZero(v.im) ? realFactors.push(v.re) : complexFactors.push(v);
      }
      if (realFactors.some(isZero)) return ZERO_VAL;
      let acc: Val = { re: realFactors.length > 1 ? { kind: 'mul', factors: realFactors } : (realFactors[0] ?? ONE), im: ZERO };
      if (realFactors.length > 1) acc = { re: this.local(this.counted('_m'), acc.re), im: ZERO };
      for (const z of complexFactors) {
        // (a + ib)(c + id), a real accumulator staying real until the first complex factor
        const name = this.counted('_m');
        if (isZero(acc.im)) {
          const a = acc.re;
          acc = {
            re: isZero(z.re) ? ZERO : this.local(name, mul(a, z.re)),
            im: this.local(`${name}_im`, mul(a, z.im)),
          };
        } else {
          const re = linear([
            { q: Q1, node: mul(acc.re, z.re) },
            { q: QM1, node: mul(acc.im, z.im) },
          ]);
          const im = linear([
            { q: Q1, node: mul(acc.re, z.im) },
            { q: Q1, node: mul(acc.im, z.re) },
          ]);
          acc = { re: isZero(re) ? ZERO : this.local(name, re), im: isZero(im) ? ZERO : this.local(`${name}_im`, im) };
        }
      }
      return acc;
    });
  }

  /** The value of an exact expression: constants inline, a lone unit-coefficient monomial as itself, else a local (named `hint` if new). */
  expr(x: Expr, hint?: string): Val {
    const c = x.constantValue();
    if (c) return { re: constNode(c.re), im: constNode(c.im) };
    const terms = [...x.terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    const [first] = terms;
    if (terms.length === 1 && isUnit(first!.coef.re) && !isNeg(first!.coef.re) && first!.coef.im.n === 0n)
      return this.monomial(first!.mono);
    return this.remember(`e:${x.key}`, () => {
      const re: { q: Rational; node: Node | null }[] = [];
      const im: { q: Rational; node: Node | null }[] = [];
      for (const t of terms) {
        const m = this.monomial(t.mono);
        const mr = isOne(m.re) ? null : m.re;
        re.push({ q: t.coef.re, node: mr });
        if (!isZero(m.im)) re.push({ q: negate(t.coef.im), node: m.im });
        if (!isZero(m.im)) im.push({ q: t.coef.re, node: m.im });
        im.push({ q: t.coef.im, node: mr });
      }
      const name = hint ? this.ident(hint) : this.counted('_k');
      const reNode = linear(re);
      const imNode = linear(im);
      return {
        re: isZero(reNode) ? ZERO : this.local(name, reNode),
        im: isZero(imNode) ? ZERO : this.local(`${name}i`, imNode),
      };
    });
  }

  /**
   * The statements the roots need, in program order (locals nothing reads are dropped: the program computes both
   * halves of a half-angle pair, and a value may be needed only by an entry that turned out to be zero), and
   * whether the kept code reads a model parameter. `alsoUsed` names locals the caller's own text reads.
   */
  keep(roots: readonly Node[], alsoUsed: readonly string[] = []): { statements: Statement[]; readsParameters: boolean } {
    const used = new Set<string>(alsoUsed);
    let readsParameters = roots.map((r) => reads(r, used)).some(Boolean);
    const kept: Statement[] = [];
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const st = this.statements[i]!;
      if (!used.has(st.name)) continue;
      if (reads(st.node, used)) readsParameters = true;
      kept.push(st);
    }
    return { statements: kept.reverse(), readsParameters };
  }
}

const Q1: Rational = { n: 1n, d: 1n };
const QM1: Rational = { n: -1n, d: 1n };

/** Bath α's term of an atom that sums over baths: the atom expanded with bath α alone. */
export function oneBathTerm(model: Model, bath: string, v: AtomVar): Expr {
  return expandCorrelations({ ...model, baths: model.baths.filter((b) => b.name === bath) }, Expr.ofVariable(v));
}

// ---------------------------------------------------------------------------------------------
// Bath atoms: the generated code of each atom kind, in one place. A pricing gets the program (for frequency(),
// temperature(), expr(), named() and, when selectBaths, bathSelector()) and returns the atom's value.

type AtomPricing = (prog: Program, v: AtomVar) => Val;

/** N_α(ω) = 1/(e^{ω/T_α} − 1), through expm1; 0 at T = 0. */
const planckCode: AtomPricing = (prog, v) => {
  const [bath, freq] = v.args as [string, string];
  const w = prog.frequency(freq);
  const T = prog.temperature(bath);
  return { re: prog.named(`_N_${bath}_${freq}`, cond(test(T, 'eq', ZERO), ZERO, div(ONE, call('expm1', div(w, T))))), im: ZERO };
};

/** Γ∓_kl(ω) = Σ_α ½ γ^α_kl(ω) (N_α(ω) [+ 1]), each bath's term switched by its selector in a bath-resolved liouvillian. */
const correlationCode: AtomPricing = (prog, v) => {
  const { model } = prog;
  const [k, l, freq] = v.args as [string, string, string];
  const parts: { sel: string | null; val: Val }[] = [];
  for (const b of model.baths) {
    const g = spectrumAt(model, b.name, k, l, freq);
    if (g.isZero()) continue;
    parts.push({ sel: prog.selectBaths ? prog.bathSelector(b.name) : null, val: prog.expr(oneBathTerm(model, b.name, v)) });
  }
  const name = prog.ident(`_${atomName(model, v)}`);
  const combine = (pick: (x: Val) => Node): Node =>
    plus(...parts.filter((x) => !isZero(pick(x.val))).map((x) => (x.sel ? mul(ref(x.sel), pick(x.val)) : pick(x.val))));
  const re = combine((x) => x.re);
  const im = combine((x) => x.im);
  return {
    re: isZero(re) ? ZERO : prog.local(name, re),
    im: isZero(im) ? ZERO : prog.named(`${name}_im`, im),
  };
};

/** A parameter or a definition (its exact value) by name, for spectrum expressions. */
export function scalarNode(prog: Program, name: string): Node {
  if (prog.model.parameters.some((p) => p.name === name)) return prog.param(name);
  const d = prog.model.definitions.get(name);
  if (!d) throw new Error(`internal: ${name} is neither a parameter nor a definition of ${prog.model.name}`);
  return prog.real(d, `definition ${name}`);
}

/** Both parts as locals named after the atom. */
function asLocals(prog: Program, v: AtomVar, value: Val): Val {
  // _J_b_z_z_w1, _S_b_z_z_mw1 (−ω1), _Pi_b_z_z_0
  const name = prog.ident(`_${v.fn === 'P' ? 'Pi' : v.fn}_${v.args.map((a) => a.replace(/^-/, 'm')).join('_')}`);
  return { re: isZero(value.re) ? ZERO : prog.local(name, value.re), im: isZero(value.im) ? ZERO : prog.named(`${name}_im`, value.im) };
}

/** In a bath-resolved liouvillian a correlator of bath α is switched by α's selector. */
function selected(prog: Program, bath: string, value: Val): Val {
  if (!prog.selectBaths) return value;
  const sel = ref(prog.bathSelector(bath));
  return { re: mul(sel, value.re), im: mul(sel, value.im) };
}

/** J^α_kl(ω) of a spectrum without a polynomial form, evaluated from its expression. */
const spectrumCode: AtomPricing = (prog, v) => {
  const [bath, k, l, freq] = v.args as [string, string, string, string];
  const s = storedSpectrum(prog.model, bath, k, l)!;
  return asLocals(
    prog,
    v,
    spectrumValue(s.sd, prog.frequency(freq), (x) => scalarNode(prog, x), s.flipped),
  );
};

/** S^α_kl(ω) of Hermitian couplings: its expansion 2J(N+1), 2J̄N or S(0). */
const couplingSpectrumCode: AtomPricing = (prog, v) => {
  const value = prog.expr(expandAtoms(prog.model, Expr.ofVariable(v)));
  return asLocals(prog, v, selected(prog, v.args[0]!, value));
};

/** S^α_kl(0) = 2T·lim J_kl(ω)/ω, from the coefficient of the leading power found when the model loaded. */
const zeroLimitCode: AtomPricing = (prog, v) => {
  const [bath, k, l] = v.args as [string, string, string];
  const z = zeroLimitData(prog.model, bath, k, l)!;
  if (z.power > 1) return ZERO_VAL;
  const coef = spectrumValue(z.coefficient, ZERO, (x) => scalarNode(prog, x));
  const T = prog.temperature(bath);
  return asLocals(prog, v, { re: mul(num(2), T, coef.re), im: mul(num(2), T, coef.im) });
};

/** Π^α_kl(ω) by the runtime quadrature, real and imaginary parts of the spectrum handed over as functions. */
const principalValueCode: AtomPricing = (prog, v) => {
  const [bath, k, l, freq] = v.args as [string, string, string, string];
  const { model } = prog;
  const s = storedSpectrum(model, bath, k, l)!;
  const x = ref('_x');
  const J = spectrumValue(s.sd, x, (name) => scalarNode(prog, name), s.flipped);
  const T = prog.temperature(bath);
  const w = prog.real(refValue(model, freq), `frequency ${freq}`);
  const s0 = prog.expr(zeroLimit(model, bath, k, l));
  const re = runtime('principalValue', lambda('_x', J.re), T, w, s0.re, ONE);
  const im = isZero(J.im) ? ZERO : runtime('principalValue', lambda('_x', J.im), T, w, s0.im, num(-1));
  return asLocals(prog, v, selected(prog, bath, { re, im }));
};

/** θ(c − |ω − ω′|) of the partial secular approximation. */
const nearCode: AtomPricing = (prog, v) => {
  const [a, b, c] = v.args as [string, string, string];
  const gap = call(
    'abs',
    minus(prog.real(refValue(prog.model, a), `frequency ${a}`), prog.real(refValue(prog.model, b), `frequency ${b}`)),
  );
  return { re: prog.named(`_near_${a}_${b}`.replace(/-/g, 'm'), cond(test(gap, 'lt', prog.param(c)), ONE, ZERO)), im: ZERO };
};

/** √ of a ULE rate: the square root of its radicand's value (switched by its bath in a bath-resolved liouvillian). */
const rootCode: AtomPricing = (prog, v) => {
  const value = prog.expr(expandAtoms(prog.model, rootRadicand(prog.model, v)));
  return asLocals(prog, v, selected(prog, v.args[1]!, { re: call('sqrt', value.re), im: ZERO }));
};

export const ATOM_CODE: Readonly<Record<string, AtomPricing>> = {
  N: planckCode,
  Gm: correlationCode,
  Gp: correlationCode,
  J: spectrumCode,
  S: couplingSpectrumCode,
  S0: zeroLimitCode,
  P: principalValueCode,
  E: eigenAtomCode,
  Mre: eigenAtomCode,
  Mim: eigenAtomCode,
  Sec: eigenAtomCode,
  Near: nearCode,
  Rt: rootCode,
};
