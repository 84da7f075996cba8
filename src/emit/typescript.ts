// TypeScript printer: a visitor over a DerivedTable that writes a module satisfying GeneratedModel
// (src/numeric/generatedModel.ts). Contract of typescriptModule(table, context):
//   - straight-line code built from the tables: each half-angle pair, radical, temperature, Bohr frequency,
//     Planck occupation N_α(ω) (expm1; 0 at T = 0) and channel correlation function Γ∓_kl(ω) is computed
//     once per call; then every distinct monomial and every distinct coefficient (keyed by its exact
//     canonical key) once, and only what is read (no unused local, so the modules pass noUnusedLocals and
//     noUnusedParameters too); then `out` is zero-filled and only the nonzero tensor entries are written;
//   - liouvillian(p, out, bath) prices each Γ∓ atom with only bath α's term and drops −i[H_S, ρ] when
//     `bath` is given (baths are independent, so Σ_α D_α = D exactly);
//   - byte-for-byte deterministic: every list is visited in a fixed, sorted order.
// Only numbers cross into the generated module; it imports nothing but the contract's types.
import { type Expr, type Mono, type Variable, Expr as ExprClass, isReal, variable } from '../algebra/expr.ts';
import { type Rational, qtoNumber } from '../algebra/rational.ts';
import type { Model } from '../model/model.ts';
import type { DerivedTable } from '../derive/table.ts';
import { unitaryPart } from '../derive/redfield.ts';
import { expandCorrelations, frequencyByName } from '../bath/correlators.ts';
import { atomBath, expandAtoms, refValue, spectrumAt, zeroLimit } from '../bath/atoms.ts';
import { COMPLEX_HELPERS, COMPLEX_HELPER_DEPENDENCIES, parseSpectrum, spectrumCode } from '../bath/spectrum.ts';
import { atomName } from './text.ts';
import { lindbladNames } from './json.ts';

export interface EmitContext {
  /** the model file as the user names it (printed in the header and in the regeneration hint) */
  source?: string;
  /** import path of src/numeric/generatedModel.ts as seen from the output directory */
  contractImport?: string;
}

export const DEFAULT_CONTRACT_IMPORT = '../../src/numeric/generatedModel.ts';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

/** A value in generated code: real and imaginary parts, each '0', a literal, a name or a parenthesised form. */
interface Val {
  re: string;
  im: string;
}

const ZERO: Val = { re: '0', im: '0' };

// Names a model parameter may not take as a local in the generated functions.
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements ' +
    'interface package private protected public await async of p out bath re im Math Float64Array RangeError undefined NaN Infinity ' +
    'eval arguments lambShift _x').split(' '),
);

function literal(q: Rational): string {
  const x = Math.abs(qtoNumber(q));
  // Round-trip decimal of the nearest double: exact for the integers and short fractions seen here.
  return String(x);
}

const isNeg = (q: Rational) => q.n < 0n;
const isOne = (q: Rational) => (q.n === 1n || q.n === -1n) && q.d === 1n;

/** Σ q_i · code_i as source text (code null = 1); '0' when empty. */
function sumText(parts: { q: Rational; code: string | null }[]): string {
  let out = '';
  for (const { q, code } of parts) {
    if (q.n === 0n || code === '0') continue;
    const body = code === null ? literal(q) : isOne(q) ? code : `${literal(q)} * ${code}`;
    if (out === '') out = isNeg(q) ? `-${body}` : body;
    else out += isNeg(q) ? ` - ${body}` : ` + ${body}`;
  }
  return out === '' ? '0' : out;
}

/**
 * Straight-line code for a set of exact values. Values are memoised by canonical key, so each variable,
 * monomial and coefficient is computed once; dependencies (a radical's radicand, an angle's cot) come first.
 */
class Program {
  readonly lines: string[] = [];
  private readonly names = new Set<string>();
  private readonly memo = new Map<string, Val>();
  private readonly counters = new Map<string, number>();

  private readonly selectors = new Map<string, string>();

  /** selectBaths: Γ∓ atoms are Σ_α _on_α · (bath α's term), for bath-resolved dissipators */
  constructor(private readonly model: Model, private readonly selectBaths: boolean, reserved: string[] = []) {
    for (const r of reserved) this.names.add(r);
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
  private ident(base: string): string {
    let name = base.replace(/\(/g, '_').replace(/\)/g, '').replace(/[^A-Za-z0-9_$]/g, '_');
    if (this.names.has(name)) {
      let i = 2;
      while (this.names.has(`${name}_${i}`)) i++;
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

  /** Right-hand side → the local that holds it: equal texts are one value (every local is a const of consts). */
  private readonly byCode = new Map<string, string>();

  private local(name: string, code: string): string {
    const hit = this.byCode.get(code);
    if (hit) return hit;
    this.byCode.set(code, name);
    this.lines.push(`const ${name} = ${code};`);
    return name;
  }

  private remember(key: string, make: () => Val): Val {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const v = make();
    this.memo.set(key, v);
    return v;
  }

  /** The real value of an expression that has no imaginary part (radicands, cot, energies, frequencies). */
  real(x: Expr, what: string, hint?: string): string {
    const v = this.expr(x, hint);
    if (v.im !== '0') throw new Error(`internal: ${what} (${x.key}) is not real`);
    return v.re;
  }

  param(name: string): string {
    return this.remember(`p:${name}`, () => {
      const local = RESERVED.has(name) ? this.ident(`_p_${name}`) : this.ident(name);
      return { re: this.local(local, `p.${name}`), im: '0' };
    }).re;
  }

  variable(v: Variable): Val {
    return this.remember(`v:${v.key}`, () => {
      switch (v.kind) {
        case 'symbol':
          if (!this.model.parameters.some((p) => p.name === v.name)) throw new Error(`internal: ${v.name} is not a parameter of ${this.model.name}`);
          return { re: this.param(v.name), im: '0' };
        case 'cos':
        case 'sin': {
          const h = this.halfAngle(v.angle);
          return { re: v.kind === 'cos' ? h.c : h.s, im: '0' };
        }
        case 'radical':
          return { re: this.local(this.counted('_r'), `Math.sqrt(${this.real(v.radicand, v.key)})`), im: '0' };
        case 'atom':
          return this.atom(v);
      }
    });
  }

  /**
   * cos(θ/2), sin(θ/2) for cot θ = x/y, θ = atan2(y, x) (as src/model/evaluate.ts), without trig calls:
   * the half-angle formulas, each branch free of cancellation; θ = 0 when x = y = 0.
   */
  private halfAngle(angle: string): { c: string; s: string } {
    const key = `angle:${angle}`;
    const hit = this.memo.get(key);
    if (hit) return { c: hit.re, s: hit.im };
    const a = this.model.angles.find((x) => x.name === angle);
    if (!a) throw new Error(`internal: unknown angle ${angle}`);
    const x = this.real(a.numerator, `cot ${angle} numerator`);
    const y = this.real(a.denominator, `cot ${angle} denominator`);
    const R = this.local(this.ident(`_R_${angle}`), `Math.sqrt(${x} * ${x} + ${y} * ${y})`);
    const c = this.local(this.ident(`_c_${angle}`), `${R} === 0 ? 1 : ${x} >= 0 ? Math.sqrt((${R} + ${x}) / (2 * ${R})) : Math.abs(${y}) / Math.sqrt(2 * ${R} * (${R} - ${x}))`);
    const s = this.local(this.ident(`_s_${angle}`), `${R} === 0 ? 0 : ${x} >= 0 ? ${y} / Math.sqrt(2 * ${R} * (${R} + ${x})) : (${y} < 0 ? -1 : 1) * Math.sqrt((${R} - ${x}) / (2 * ${R}))`);
    this.memo.set(key, { re: c, im: s });
    return { c, s };
  }

  private frequency(name: string): string {
    return this.remember(`w:${name}`, () => {
      const f = frequencyByName(this.model, name);
      return { re: this.real(f.value, `frequency ${name}`, `_w_${name}`), im: '0' };
    }).re;
  }

  private temperature(bath: string): string {
    return this.remember(`T:${bath}`, () => {
      const b = this.model.baths.find((x) => x.name === bath)!;
      return { re: this.real(b.temperature, `temperature of bath ${bath}`, `_T_${bath}`), im: '0' };
    }).re;
  }

  private atom(v: AtomVar): Val {
    const make = ATOM_CODE[v.fn];
    if (!make) throw new Error(`internal: no generated code for atom ${v.key}`);
    const value = make(this, v);
    const bath = atomBath(v);
    // bath-resolved dissipators: the correlators that carry their bath are switched by its selector
    if (!this.selectBaths || bath === undefined || (v.fn !== 'S' && v.fn !== 'P')) return value;
    const sel = this.bathSelector(bath);
    const base = this.ident(`_${atomName(this.model, v)}_sel`);
    return {
      re: value.re === '0' ? '0' : this.local(base, `${sel} * ${paren(value.re)}`),
      im: value.im === '0' ? '0' : this.local(`${base}_im`, `${sel} * ${paren(value.im)}`),
    };
  }

  /** Γ∓_kl(ω) = Σ_α ½ γ^α_kl(ω) (N_α(ω) [+ 1]), each bath's term switched by its selector. */
  correlatorCode(v: AtomVar): Val {
    const [k, l, freq] = v.args;
    const parts: { sel: string | null; val: Val }[] = [];
    for (const b of this.model.baths) {
      const g = spectrumAt(this.model, b.name, k, l, freq);
      if (g.isZero()) continue;
      const term = oneBathTerm(this.model, b.name, v);
      parts.push({ sel: this.selectBaths ? this.bathSelector(b.name) : null, val: this.expr(term) });
    }
    const name = this.ident(`_${atomName(this.model, v)}`);
    const combine = (pick: (x: Val) => string): string => {
      const terms = parts.filter((x) => pick(x.val) !== '0').map((x) => (x.sel ? `${x.sel} * ${paren(pick(x.val))}` : pick(x.val)));
      return terms.length === 0 ? '0' : terms.join(' + ');
    };
    const re = combine((x) => x.re);
    const im = combine((x) => x.im);
    return {
      re: re === '0' ? '0' : this.local(name, re),
      im: im === '0' ? '0' : this.local(this.ident(`${name}_im`), im),
    };
  }

  planckCode(bath: string, freq: string): string {
    const w = this.frequency(freq);
    const T = this.temperature(bath);
    return this.local(this.ident(`_N_${bath}_${freq}`), `${T} === 0 ? 0 : 1 / Math.expm1(${w} / ${T})`);
  }

  /** A name of the spectrum expression (parameter or definition) as code. */
  scalarName(x: string): string {
    if (this.model.parameters.some((p) => p.name === x)) return this.param(x);
    const d = this.model.definitions.get(x);
    if (!d) throw new Error(`internal: ${x} is neither a parameter nor a definition of ${this.model.name}`);
    return paren(this.real(d, `definition ${x}`));
  }

  /** J^α_kl at the frequency whose code is `w` (conjugated for the reversed pair), as code text. */
  spectrumCodeAt(bath: string, k: string, l: string, w: string): { re: string; im: string } {
    const order = [...this.model.channels, ...this.model.couplings].map((c) => c.name);
    const flipped = order.indexOf(k) > order.indexOf(l);
    const key = flipped ? `${l},${k}` : `${k},${l}`;
    const sd = this.model.baths.find((b) => b.name === bath)!.spectrum.get(key)!;
    const code = spectrumCode(sd, w, (x) => this.scalarName(x));
    const im = code.im === '0' ? '0' : flipped ? `-(${code.im})` : code.im;
    return { re: code.re, im };
  }

  jCode(v: AtomVar): Val {
    const [bath, k, l, freq] = v.args;
    const w = this.frequency(freq);
    const name = this.ident(`_${atomName(this.model, v)}`);
    const c = this.spectrumCodeAt(bath, k, l, w);
    if (c.im === '0') return { re: this.local(name, c.re), im: '0' };
    // complex spectra: one evaluation, both parts read from it
    const pair = this.local(`${name}_c`, c.re.replace(/\[0\]$/, ''));
    return { re: this.local(name, `${pair}[0]`), im: this.local(`${name}_im`, flipSign(c.im, `${pair}[1]`)) };
  }

  zeroLimitCode(v: AtomVar): Val {
    const [bath, k, l] = v.args;
    const order = [...this.model.channels, ...this.model.couplings].map((c) => c.name);
    const key = order.indexOf(k) > order.indexOf(l) ? `${l},${k}` : `${k},${l}`;
    const z = this.model.baths.find((b) => b.name === bath)!.zeroLimits.get(key)!;
    if (z.power > 1) return ZERO;
    const sd = parseSpectrum(z.coef, () => true, () => undefined);
    const coef = spectrumCode(sd, '0', (x) => this.scalarName(x)).re;
    return { re: this.local(this.ident(`_${atomName(this.model, v)}`.replace('(0)', '_0')), `2 * ${this.temperature(bath)} * (${coef})`), im: '0' };
  }

  principalValueCode(v: AtomVar): Val {
    const [bath, k, l, ref] = v.args;
    const w = this.real(refValue(this.model, ref), `frequency ${ref}`);
    const T = this.temperature(bath);
    const c = this.spectrumCodeAt(bath, k, l, '_x');
    const s0 = this.expr(zeroLimit(this.model, bath, k, l));
    const complex = c.im !== '0';
    const re = `(_x: number) => ${c.re}`;
    const im = complex ? `(_x: number) => ${c.im}` : 'null';
    const name = this.ident(`_${atomName(this.model, v)}`);
    const pair = this.local(`${name}_pv`, `lambShift(${re}, ${im}, ${T}, ${w}, ${s0.re}, ${s0.im})`);
    return { re: this.local(name, `${pair}[0]`), im: complex ? this.local(`${name}_im`, `${pair}[1]`) : '0' };
  }

  expandedCode(v: AtomVar): Val {
    return this.expr(expandAtoms(this.model, atomExpr(v)));
  }

  monomial(mono: Mono): Val {
    if (mono.length === 0) return { re: '1', im: '0' };
    if (mono.length === 1 && mono[0][1] === 1) return this.variable(variable(mono[0][0]));
    const key = mono.map(([k, e]) => `${k}^${e}`).join('*');
    return this.remember(`m:${key}`, () => {
      const realFactors: string[] = [];
      const complexFactors: Val[] = [];
      for (const [k, e] of mono) {
        const v = this.variable(variable(k));
        for (let i = 0; i < e; i++) (v.im === '0' ? realFactors.push(v.re) : complexFactors.push(v));
      }
      if (realFactors.includes('0')) return ZERO;
      let acc: Val = { re: realFactors.length ? realFactors.join(' * ') : '1', im: '0' };
      if (realFactors.length > 1) acc = { re: this.local(this.counted('_m'), acc.re), im: '0' };
      for (const z of complexFactors) {
        // (a + ib)(c + id), a real accumulator staying real until the first complex factor
        const name = this.counted('_m');
        if (acc.im === '0') {
          const a = acc.re;
          acc = {
            re: z.re === '0' ? '0' : this.local(name, a === '1' ? z.re : `${a} * ${z.re}`),
            im: this.local(`${name}_im`, a === '1' ? z.im : `${a} * ${z.im}`),
          };
        } else {
          const re = sumText([{ q: Q1, code: prod(acc.re, z.re) }, { q: QM1, code: prod(acc.im, z.im) }]);
          const im = sumText([{ q: Q1, code: prod(acc.re, z.im) }, { q: Q1, code: prod(acc.im, z.re) }]);
          acc = { re: re === '0' ? '0' : this.local(name, re), im: im === '0' ? '0' : this.local(`${name}_im`, im) };
        }
      }
      return acc;
    });
  }

  /** The value of an exact expression: constants inline, a lone unit-coefficient monomial as itself, else a local (named `hint` if new). */
  expr(x: Expr, hint?: string): Val {
    const c = x.constantValue();
    if (c) return { re: constText(c.re), im: constText(c.im) };
    const terms = [...x.terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    if (terms.length === 1 && isOne(terms[0].coef.re) && !isNeg(terms[0].coef.re) && terms[0].coef.im.n === 0n) return this.monomial(terms[0].mono);
    return this.remember(`e:${x.key}`, () => {
      const re: { q: Rational; code: string | null }[] = [];
      const im: { q: Rational; code: string | null }[] = [];
      for (const t of terms) {
        const m = this.monomial(t.mono);
        const mr = m.re === '1' ? null : m.re;
        const mi = m.im;
        re.push({ q: t.coef.re, code: mr });
        if (mi !== '0') re.push({ q: negate(t.coef.im), code: mi });
        if (mi !== '0') im.push({ q: t.coef.re, code: mi });
        im.push({ q: t.coef.im, code: mr });
      }
      const name = hint ? this.ident(hint) : this.counted('_k');
      const reText = sumText(re);
      const imText = sumText(im);
      return {
        re: reText === '0' ? '0' : this.local(name, reText),
        im: imText === '0' ? '0' : this.local(`${name}i`, imText),
      };
    });
  }
}

const Q1: Rational = { n: 1n, d: 1n };
const QM1: Rational = { n: -1n, d: 1n };
const negate = (q: Rational): Rational => ({ n: -q.n, d: q.d });
const prod = (a: string, b: string): string => (a === '0' || b === '0' ? '0' : a === '1' ? b : b === '1' ? a : `${a} * ${b}`);
const paren = (code: string): string => (/^[A-Za-z0-9_$.]+$/.test(code) ? code : `(${code})`);
/** A value standing alone on the right of `=` needs no parentheses. */
const rhs = (code: string): string => (/^\(-[0-9.e+]+\)$/.test(code) ? code.slice(1, -1) : code);
const constText = (q: Rational): string => (q.n === 0n ? '0' : isNeg(q) ? `(-${literal(q)})` : literal(q));

const atomExpr = (v: AtomVar): Expr => ExprClass.ofVariable(v);

/** -(a) as code when the spectrum's imaginary part was conjugated, else b. */
const flipSign = (im: string, b: string): string => (im.startsWith('-(') ? `-${b}` : b);

/** Generated code of each bath-atom kind of the registry (src/bath/atoms.ts). */
const ATOM_CODE: Record<string, (prog: Program, v: AtomVar) => Val> = {
  N: (prog, v) => ({ re: prog.planckCode(v.args[0], v.args[1]), im: '0' }),
  Gm: (prog, v) => prog.correlatorCode(v),
  Gp: (prog, v) => prog.correlatorCode(v),
  J: (prog, v) => prog.jCode(v),
  S: (prog, v) => prog.expandedCode(v),
  S0: (prog, v) => prog.zeroLimitCode(v),
  P: (prog, v) => prog.principalValueCode(v),
};

/** Bath α's term of a channel correlation function: ½ γ^α_kl(ω) (N_α(ω) + 1) or ½ γ^α_kl(ω) N_α(ω). */
export function oneBathTerm(model: Model, bath: string, v: AtomVar): Expr {
  return expandCorrelations({ ...model, baths: model.baths.filter((b) => b.name === bath) }, atomExpr(v));
}

/** x with every Γ∓ atom priced by bath α alone (zero when α does not reach it). */
export function bathPart(model: Model, x: Expr, bath: string): Expr {
  return expandCorrelations({ ...model, baths: model.baths.filter((b) => b.name === bath) }, x);
}

/** Whether the generated code must write an entry: nonzero for the full dissipator or for some bath alone. */
function dissipatorEntryNonzero(model: Model, x: Expr): boolean {
  if (x.isZero()) return false;
  if (!expandCorrelations(model, x).isZero()) return true;
  return model.baths.some((b) => !bathPart(model, x, b.name).isZero());
}

/** Coefficients whose value is real for every parameter point print as numbers, the rest as [re, im]. */
function realValued(model: Model, x: Expr): boolean {
  return isReal(expandCorrelations(model, x));
}

function jsString(s: string): string {
  return JSON.stringify(s);
}

/** Text from the model file inside a template literal of the generated code. */
function templateText(s: string): string {
  return s.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
}

// Text from the model file inside a comment: one line, and no star-slash that would end a block comment early.
function commentText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/');
}

/** The vec(ρ) index blocks of the contract: blocks[0] holds every population (blocks with one are merged). */
export function vecBlocks(table: DerivedTable): number[][] {
  const n = table.model.states.length;
  const toVec = (b: [number, number][]) => b.map(([r, c]) => r * n + c).sort((x, y) => x - y);
  const hasPopulation = (b: [number, number][]) => b.some(([r, c]) => r === c);
  const populations = table.blocks.filter(hasPopulation).flatMap(toVec).sort((x, y) => x - y);
  const rest = table.blocks.filter((b) => !hasPopulation(b)).map(toVec).sort((x, y) => x[0] - y[0]);
  return [populations, ...rest];
}

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/**
 * The body of one function: head, the program's locals, tail. Locals nothing reads are dropped (the program
 * computes both halves of a half-angle pair, and a value may be needed only by an entry that turned out to be
 * zero), so every `const` is used; a function that reads no parameter names its argument `_p`.
 */
function functionBlock(signature: string, program: Program, tail: string[], head: string[] = []): string[] {
  const used = new Set<string>();
  const note = (line: string) => {
    for (const id of line.match(IDENTIFIER) ?? []) used.add(id);
  };
  [...head, ...tail].forEach(note);
  const kept: string[] = [];
  for (let i = program.lines.length - 1; i >= 0; i--) {
    const line = program.lines[i];
    const m = /^const ([A-Za-z_$][A-Za-z0-9_$]*) = (.*);$/.exec(line);
    if (m && !used.has(m[1])) continue;
    note(m ? m[2] : line);
    kept.push(line);
  }
  kept.reverse();
  const readsParameters = [...head, ...kept, ...tail].some((l) => /(^|[^A-Za-z0-9_$.])p\./.test(l));
  const sig = readsParameters ? signature : signature.replace('(p: Params', '(_p: Params');
  return [sig, ...[...head, ...kept, ...tail].map((l) => `  ${l}`), '}'];
}

export function typescriptModule(table: DerivedTable, context: EmitContext = {}): string {
  const { model, approx } = table;
  const n = model.states.length;
  const N = n * n;
  const size = 2 * N * N;
  const source = commentText(context.source ?? model.file);
  const contract = context.contractImport ?? DEFAULT_CONTRACT_IMPORT;
  const out: string[] = [];

  out.push(
    `// Generated by bornmarkov from ${source} (${commentText(model.name)}, ${approx} approximation). Do not edit:`,
    `// regenerate with \`npx bornmarkov derive ${source}\`.`,
    `// Model: ${commentText(model.title)}`,
    ...(model.source ? [`// Source: ${commentText(model.source)}`] : []),
    `// Contract: src/numeric/generatedModel.ts. Eigenbasis ${model.states.map((s) => s.name).join(', ')}; vec(rho) row-major;`,
    `// liouvillian fills 2*n^4 = ${size} numbers (real parts, then imaginary parts) of L with d vec(rho)/dt = L vec(rho).`,
    `// Energies in units of ${commentText(model.unit)}.`,
    `import type { GeneratedModel, ParameterInfo, Params as ParameterRecord } from '${contract}';`,
    '',
    `/** Parameters of ${commentText(model.name)}, by name. */`,
    'export interface Params extends ParameterRecord {',
  );
  for (const p of model.parameters) {
    out.push(`  /** ${commentText(`${p.description ? `${p.description} ` : ''}(${p.kind}, default ${p.default})`)} */`);
    out.push(`  ${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p.name) ? p.name : jsString(p.name)}: number;`);
  }
  out.push('}', '');

  out.push('export const parameters: ParameterInfo[] = [');
  for (const p of model.parameters) out.push(`  { name: ${jsString(p.name)}, latex: ${jsString(p.latex)}, default: ${p.default}, kind: ${jsString(p.kind)} },`);
  out.push('];', '');

  const baths = model.baths.map((b) => b.name);
  out.push(`export const baths: string[] = [${baths.map(jsString).join(', ')}];`, '');

  // energies
  {
    const prog = new Program(model, false);
    const codes = model.states.map((s) => prog.real(s.energy, `energy of ${s.name}`));
    out.push('/** Eigenvalues λ_i in state order. */');
    out.push(...functionBlock('export function energies(p: Params): Float64Array {', prog, [`return new Float64Array([${codes.join(', ')}]);`]), '');
  }

  // coefficients
  {
    const prog = new Program(model, false);
    const names = lindbladNames(table);
    const entries: [string, Expr][] = [
      ...table.paper.terms.map((t): [string, Expr] => [t.name, t.coef]),
      ...table.lindblad.rates.map((r, i): [string, Expr] => [names.rates[i], r.rate]),
      ...table.lindblad.hc.map((h, i): [string, Expr] => [names.hc[i], h.coef]),
    ];
    const fields = entries.map(([name, x]) => {
      const v = prog.expr(x);
      return `  ${jsString(name)}: ${realValued(model, x) ? v.re : `[${v.re}, ${v.im}]`},`;
    });
    out.push('/** The named coefficients of the paper form (Gamma…, Lambda…, Delta…) and of the Lindblad-like form (K[B, A] rates, h[A, B] of Hc). */');
    out.push(...functionBlock('export function coefficients(p: Params): Record<string, number | [number, number]> {', prog, ['return {', ...fields, '};']), '');
  }

  // liouvillian
  {
    const prog = new Program(model, true);
    const dissipator = table.derivation.dissipator.tensor();
    const unitary = unitaryPart(model).tensor();
    const keys = [...new Set([...dissipator.keys(), ...unitary.keys()])]
      .map((k) => {
        const [a, b, c, d] = k.split(',').map(Number);
        return { k, index: (a * n + d) * N + (b * n + c) };
      })
      .sort((x, y) => x.index - y.index);
    const writes: [number, string][] = [];
    for (const { k, index } of keys) {
      const D = dissipator.get(k);
      const dv = D && dissipatorEntryNonzero(model, D) ? prog.expr(D) : ZERO;
      const U = unitary.get(k);
      const uv = U ? prog.expr(U) : ZERO;
      const part = (d: string, u: string): string => (u === '0' ? d : d === '0' ? `_u * ${paren(u)}` : `${d} + _u * ${paren(u)}`);
      const re = part(dv.re, uv.re);
      const im = part(dv.im, uv.im);
      if (re !== '0') writes.push([index, re]);
      if (im !== '0') writes.push([N * N + index, im]);
    }
    writes.sort((x, y) => x[0] - y[0]);
    const selectors = model.baths.map((b) => prog.bathSelector(b.name));
    const head = [
      `if (out.length !== ${size}) throw new RangeError(\`liouvillian: out must have length ${size} (2*n^4, n = ${n}), got \${out.length}\`);`,
      `// without a bath: the full generator; with one: only its dissipator D_alpha (the others and -i[H_S, rho] switched off)`,
      `let _u = 1${selectors.map((s) => `, ${s} = 1`).join('')};`,
      'if (bath !== undefined) {',
      '  _u = 0;',
      ...model.baths.map((b, i) => `  ${selectors[i]} = bath === ${jsString(b.name)} ? 1 : 0;`),
      `  if (${selectors.join(' + ')} === 0) throw new RangeError(\`liouvillian: no bath "\${bath}" in ${templateText(model.name)} (baths: ${templateText(baths.join(', '))})\`);`,
      '}',
    ];
    out.push('/** Fills `out` with L (see the header); with `bath`, only that bath\'s dissipator D_alpha. */');
    out.push(...functionBlock('export function liouvillian(p: Params, out: Float64Array, bath?: string): void {', prog, ['out.fill(0);', ...writes.map(([i, code]) => `out[${i}] = ${rhs(code)};`)], head), '');
  }

  // blocks
  out.push('/** vec(rho) indices a*n+b grouped into blocks closed under the dynamics; blocks[0] holds the populations. */');
  out.push('export const blocks: number[][] = [');
  for (const b of vecBlocks(table)) out.push(`  [${b.join(', ')}],`);
  out.push('];', '');

  // eigenvectors
  {
    const prog = new Program(model, false);
    const writes: string[] = [];
    model.states.forEach((st, j) =>
      st.vector.forEach((x, i) => {
        if (x.isZero()) return;
        const v = prog.expr(x);
        if (v.re !== '0') writes.push(`re[${i * n + j}] = ${rhs(v.re)};`);
        if (v.im !== '0') writes.push(`im[${i * n + j}] = ${rhs(v.im)};`);
      }),
    );
    out.push('/** Declared eigenvectors on the bare basis: n×n row-major, column j is state j. */');
    out.push(
      ...functionBlock('export function eigenvectors(p: Params): { re: Float64Array; im: Float64Array } {', prog, [
        `const re = new Float64Array(${N});`,
        `const im = new Float64Array(${N});`,
        ...writes,
        'return { re, im };',
      ]),
      '',
    );
  }

  // operators
  {
    const ops = [...[...model.siteOperators.values()].filter((o) => o.name.startsWith('sz(')), ...model.operators.values()];
    const arrays = ops.map((_, i) => [`_re${i}`, `_im${i}`]);
    const prog = new Program(model, false, arrays.flat());
    const body: string[] = [];
    const fields: string[] = [];
    ops.forEach((o, i) => {
      const [re, im] = arrays[i];
      body.push(`const ${re} = new Float64Array(${N});`, `const ${im} = new Float64Array(${N});`);
      for (const [r, c, x] of o.eigen.nonzero()) {
        const v = prog.expr(x);
        if (v.re !== '0') body.push(`${re}[${r * n + c}] = ${rhs(v.re)};`);
        if (v.im !== '0') body.push(`${im}[${r * n + c}] = ${rhs(v.im)};`);
      }
      fields.push(`  ${jsString(o.name)}: { re: ${re}, im: ${im} },`);
    });
    out.push('/** Site operators sz(k) and the named operators of the model, on the eigenbasis (n×n row-major). */');
    out.push(
      ...functionBlock('export function operators(p: Params): Record<string, { re: Float64Array; im: Float64Array }> {', prog, [
        ...body,
        'return {',
        ...fields,
        '};',
      ]),
      '',
    );
  }

  // Runtime support only where the tables need it: the Lamb-shift quadrature and complex spectrum helpers.
  const body = out.join('\n');
  const support: string[] = [];
  if (/\blambShift\(/.test(body)) support.push(`import { lambShift } from '${contract}';`);
  const helpers = new Set<string>();
  const need = (h: string) => {
    if (helpers.has(h)) return;
    for (const d of COMPLEX_HELPER_DEPENDENCIES[h] ?? []) need(d);
    helpers.add(h);
  };
  for (const h of Object.keys(COMPLEX_HELPERS)) if (new RegExp(`\\b${h}\\(`).test(body)) need(h);
  if (helpers.size) support.push('', '// complex arithmetic for the complex cross spectra', ...[...helpers].map((h) => COMPLEX_HELPERS[h]));
  if (support.length) out.splice(out.indexOf('') , 0, ...support);

  out.push(
    'const model: GeneratedModel = {',
    `  name: ${jsString(model.name)},`,
    `  approx: ${jsString(approx)},`,
    `  basis: [${model.states.map((s) => jsString(s.name)).join(', ')}],`,
    `  bareBasis: [${model.basis.map(jsString).join(', ')}],`,
    '  parameters,',
    '  baths,',
    `  dimension: ${n},`,
    '  energies,',
    '  coefficients,',
    '  liouvillian,',
    '  blocks,',
    '  eigenvectors,',
    '  operators,',
    '};',
    '',
    'export default model;',
    '',
  );
  return out.join('\n');
}
