// LaTeX printer: a visitor over the plain data of exact scalars (Expr), paper-form structures, the
// Lindblad-like form and a DerivedTable. Contract:
//   latexExpr(x, model)       one scalar, written the way the papers write it: grouped by bath function,
//                             half-angle quadratic forms factored ((c − s)², c² − s², sin cos, …), a trig
//                             factor common to every bath function pulled in front of [ … ]; never
//                             "1 \cdot", "+ -" or "--"; names from the model's latex fields.
//   latexStructureItem, latexStructure, latexSuperTerm, latexJump
//                             operator structures: L_{\tau_{31}}(\rho), \tau_{42}\rho\tau_{13}, X^{\dagger}_{a}(\varepsilon_1)
//   latexAppendix(table)      a standalone article (amsmath only) with the model, H_SB, the paper form and its
//                             coefficients, the Lindblad-like form with Ĥc and the equations of motion.
//   latexFormulas(table)      every display formula of that appendix, as KaTeX-ready strings (same order).
// Printing never changes a value: the equations of motion written with named coefficients are checked
// exactly against the table before they are printed.
import { type Expr, type Variable, Expr as ExprClass, add, atom, conj, isReal, mul, num, scale, sub, substitute, symbol, variable } from '../algebra/expr.ts';
import { type Complex, type Rational, C1, cdiv, ceq, cinv, cisZero, cmul, cneg, rat } from '../algebra/rational.ts';
import type { Model, NamedOperator } from '../model/model.ts';
import { FREQUENCY_SYMBOL, ZERO_FREQUENCY } from '../model/model.ts';
import { type Operator, adjoint, opAdd, opEquals, opScale } from '../operators/operator.ts';
import { SuperOp, adjointEntry } from '../operators/superop.ts';
import { type DerivedTable, elementEquations } from '../derive/table.ts';
import { exactSteadyState, steadyStateOf } from '../derive/steadyState.ts';
import { type PaperTerm, type StructureItem, addItem } from '../derive/paperForm.ts';
import { type JumpLabel, unitaryPart } from '../derive/redfield.ts';
import { expandCorrelations } from '../bath/correlators.ts';
import { atomKind, isBathAtom, spectrumSymbolic } from '../bath/atoms.ts';
import { approximation } from '../derive/approx.ts';
import { type SpectralDensity } from '../bath/spectrum.ts';
import { isZeroExact } from '../check/compare.ts';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

export interface LatexOptions {
  /** LaTeX of atoms the model does not name (e.g. named coefficients standing for whole expressions) */
  atomLatex?: (v: AtomVar) => string | undefined;
  /** reading order of such atoms (smaller first) */
  atomRank?: (v: AtomVar) => number | undefined;
}

interface Ctx {
  model: Model;
  opts: LatexOptions;
}

/** One signed summand; `body` never starts with a sign. */
interface Piece {
  negative: boolean;
  body: string;
}

// ───────────────────────── numbers ─────────────────────────

const qabs = (q: Rational): Rational => (q.n < 0n ? { n: -q.n, d: q.d } : q);
const ratTex = (q: Rational): string => (q.d === 1n ? `${q.n}` : `\\frac{${q.n}}{${q.d}}`);
const isOne = (c: Complex) => ceq(c, C1);

/** coefficient · factors as one signed piece (the coefficient 1 is never written in front of factors). */
function productPiece(c: Complex, factors: string[]): Piece {
  const nonEmpty = factors.filter((x) => x !== '');
  // ½√2 is written \frac{\sqrt{2}}{2}
  if (c.im.n === 0n && c.re.d !== 1n && /^\\sqrt\{\d+\}$/.test(nonEmpty[0] ?? '')) {
    const a = qabs(c.re);
    const lead = `\\frac{${a.n === 1n ? '' : a.n}${nonEmpty[0]}}{${a.d}}`;
    return { negative: c.re.n < 0n, body: [lead, ...nonEmpty.slice(1)].join(' ') };
  }
  const f = nonEmpty.join(' ');
  if (c.im.n === 0n) {
    const a = qabs(c.re);
    const lead = a.n === 1n && a.d === 1n && f ? '' : ratTex(a);
    return { negative: c.re.n < 0n, body: [lead, f].filter(Boolean).join(' ') };
  }
  if (c.re.n === 0n) {
    const a = qabs(c.im);
    const lead = a.d === 1n ? (a.n === 1n ? 'i' : `${a.n}i`) : `\\frac{${a.n === 1n ? '' : a.n}i}{${a.d}}`;
    return { negative: c.im.n < 0n, body: [lead, f].filter(Boolean).join(' ') };
  }
  const im = qabs(c.im);
  const imTex = im.d === 1n ? (im.n === 1n ? 'i' : `${im.n}i`) : `\\frac{${im.n === 1n ? '' : im.n}i}{${im.d}}`;
  const re = `${c.re.n < 0n ? '-' : ''}${ratTex(qabs(c.re))}`;
  return { negative: false, body: [`\\left(${re} ${c.im.n < 0n ? '-' : '+'} ${imTex}\\right)`, f].filter(Boolean).join(' ') };
}

function joinPieces(pieces: Piece[]): string {
  if (pieces.length === 0) return '0';
  return pieces.map((p, i) => (i === 0 ? (p.negative ? `-${p.body}` : p.body) : `${p.negative ? ' - ' : ' + '}${p.body}`)).join('');
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The rational content of a list of coefficients, with the unit (±1 or ±i) that makes `leading` positive:
 * dividing by it leaves coprime integer parts and a positive first summand.
 */
function contentOf(coefs: Complex[], leading: Complex): Complex {
  let g = 0n;
  let l = 1n;
  for (const c of coefs) {
    for (const q of [c.re, c.im]) {
      if (q.n === 0n) continue;
      g = gcd(g, q.n);
      l = (l / gcd(l, q.d)) * q.d;
    }
  }
  if (g === 0n) return C1;
  const base = rat(g, l);
  const neg = (q: Rational): Rational => ({ n: -q.n, d: q.d });
  if (coefs.every((c) => c.re.n === 0n)) return { re: rat(0), im: leading.im.n < 0n ? neg(base) : base };
  const negative = leading.re.n !== 0n ? leading.re.n < 0n : leading.im.n < 0n;
  return { re: negative ? neg(base) : base, im: rat(0) };
}

// ───────────────────────── variables ─────────────────────────

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi',
  'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);

/** A readable guess for a name the model gives no latex for: theta → \theta, g1 → g_{1}, abc → \mathrm{abc}. */
export function nameTex(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  if (m) return `${nameTex(m[1])}_{${m[2]}}`;
  if (GREEK.has(name)) return `\\${name}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  if (/^[A-Za-z]+$/.test(name)) return `\\mathrm{${name}}`;
  return `\\mathrm{${name.replace(/[^A-Za-z0-9]/g, '')}}`;
}

/** A bare-basis label as a ket body: g1 → g_{1}, ee → ee. */
export function labelTex(label: string): string {
  const m = /^([A-Za-z]+)(\d+)$/.exec(label);
  if (m) return `${m[1]}_{${m[2]}}`;
  return label.replace(/[^A-Za-z0-9,+\-]/g, '');
}

function symbolTex(ctx: Ctx, name: string): string {
  if (name === FREQUENCY_SYMBOL) return '\\omega';
  const p = ctx.model.parameters.find((x) => x.name === name);
  return p ? p.latex : nameTex(name);
}

function angleTex(ctx: Ctx, angle: string): string {
  const a = ctx.model.angles.find((x) => x.name === angle);
  return a ? a.latex : nameTex(angle);
}

export function frequencyTex(model: Model, name: string): string {
  if (name === FREQUENCY_SYMBOL) return '\\omega';
  if (name === ZERO_FREQUENCY) return '0';
  if (name.startsWith('-')) return `-${frequencyTex(model, name.slice(1))}`;
  const f = model.frequencies.find((x) => x.name === name);
  return f ? f.latex : nameTex(name);
}

const channelTex = (model: Model, name: string): string => [...model.channels, ...model.couplings].find((c) => c.name === name)?.latex ?? nameTex(name);
const bathTex = (model: Model, name: string): string => model.baths.find((b) => b.name === name)?.latex ?? nameTex(name);

/**
 * LaTeX of a spectrum without a polynomial form: a visitor over its expression tree (products by juxtaposition,
 * quotients as \frac, exp as e^{…}); names print as the model declares them, w as ω.
 */
function spectrumTex(model: Model, sd: SpectralDensity): string {
  const PREC: Record<string, number> = { add: 1, subtract: 1, unaryMinus: 2, multiply: 3, divide: 4, pow: 5 };
  const visit = (node: any, outer = 0): string => {
    switch (node.type) {
      case 'ParenthesisNode':
        return visit(node.content, outer);
      case 'ConstantNode':
        return String(node.value);
      case 'SymbolNode': {
        if (node.name === FREQUENCY_SYMBOL) return '\\omega';
        if (node.name === 'i' || node.name === 'e') return node.name;
        if (node.name === 'pi') return '\\pi';
        const p = model.parameters.find((x) => x.name === node.name);
        return p ? `{${p.latex}}` : nameTex(node.name);
      }
      case 'FunctionNode': {
        const fn = node.fn.name as string;
        const arg = visit(node.args[0]);
        if (fn === 'exp') return `e^{${arg}}`;
        if (fn === 'sqrt') return `\\sqrt{${arg}}`;
        if (fn === 'abs') return `\\left|${arg}\\right|`;
        return `\\${fn}\\left(${arg}\\right)`;
      }
      case 'OperatorNode': {
        const [x, y] = node.args;
        const prec = PREC[node.fn] ?? 6;
        let text: string;
        if (node.fn === 'divide') return `\\frac{${visit(x)}}{${visit(y)}}`;
        if (node.fn === 'unaryMinus') text = `-${visit(x, prec)}`;
        else if (node.fn === 'unaryPlus') text = visit(x, outer);
        else if (node.fn === 'pow') text = `${visit(x, 6)}^{${visit(y)}}`;
        else if (node.fn === 'multiply') text = `${visit(x, prec)} ${visit(y, prec)}`;
        else text = `${visit(x, prec)} ${node.fn === 'add' ? '+' : '-'} ${visit(y, prec + 1)}`;
        return prec < outer ? `\\left(${text}\\right)` : text;
      }
      default:
        return nameTex(String(node));
    }
  };
  return visit(sd.node);
}

/** Subscript of a channel pair: "ab" for one-character names, "a,b" otherwise. */
function pairTex(model: Model, k: string, l: string): string {
  // a Hermitian coupling's auto-spectrum has one index: J_{\sigma^x_1}, not J_{\sigma^x_1,\sigma^x_1}
  if (k === l && model.couplings.some((c) => c.name === k)) return channelTex(model, k);
  const a = channelTex(model, k);
  const b = channelTex(model, l);
  return a.length === 1 && b.length === 1 ? `${a}${b}` : `${a},${b}`;
}

function atomTex(ctx: Ctx, v: AtomVar): string {
  const hooked = ctx.opts.atomLatex?.(v);
  if (hooked !== undefined) return hooked;
  const { model } = ctx;
  if (isBathAtom(v)) return atomKind(v).latex(model, v, { frequency: (f) => frequencyTex(model, f), bath: (b) => bathTex(model, b), pair: (k, l) => pairTex(model, k, l) });
  return `${nameTex(v.fn)}(${v.args.map((a) => nameTex(a)).join(', ')})`;
}

/** Reading order of a variable: parameters in declared order, then angles, radicals, atoms (by frequency, then bath function). */
function rank(ctx: Ctx, key: string): number {
  const v = variable(key);
  const { model } = ctx;
  switch (v.kind) {
    case 'symbol': {
      const i = model.parameters.findIndex((p) => p.name === v.name);
      return i >= 0 ? i : v.name === FREQUENCY_SYMBOL ? 900 : 950;
    }
    case 'cos':
    case 'sin':
      return 1000 + Math.max(0, model.angles.findIndex((a) => a.name === v.angle));
    case 'radical':
      // numeric radicals lead, as in √2 ξ; radicals of parameters follow the parameters
      return v.radicand.constantValue() ? -1 : 2000;
    case 'atom': {
      const hooked = ctx.opts.atomRank?.(v);
      if (hooked !== undefined) return 3000 + hooked;
      if (isBathAtom(v)) return 3000 + atomKind(v).rank(model, v);
      return 300000;
    }
  }
}

type Mono = readonly (readonly [string, number])[];

/** A numeric radical (√2) is part of the coefficient as far as reading order goes. */
const isNumericRadical = (key: string): boolean => {
  const v = variable(key);
  return v.kind === 'radical' && v.radicand.constantValue() !== undefined;
};

function compareMonos(ctx: Ctx, a0: Mono, b0: Mono): number {
  const a = a0.filter(([k]) => !isNumericRadical(k));
  const b = b0.filter(([k]) => !isNumericRadical(k));
  if (a.length === 0 || b.length === 0) return b.length - a.length; // the constant term last
  const sa = [...a].sort((x, y) => rank(ctx, x[0]) - rank(ctx, y[0]) || (x[0] < y[0] ? -1 : 1));
  const sb = [...b].sort((x, y) => rank(ctx, x[0]) - rank(ctx, y[0]) || (x[0] < y[0] ? -1 : 1));
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const d = rank(ctx, sa[i][0]) - rank(ctx, sb[i][0]) || (sa[i][0] < sb[i][0] ? -1 : sa[i][0] > sb[i][0] ? 1 : 0) || sb[i][1] - sa[i][1];
    if (d !== 0) return d;
  }
  return sa.length - sb.length;
}

const power = (base: string, e: number): string => {
  if (e === 1) return base;
  const b = base.includes('^') ? `{${base}}` : base;
  return `${b}^${e < 10 ? e : `{${e}}`}`;
};

/** cos(θ/2)^ce sin(θ/2)^se, written sin before cos as the papers do, with no space in between. */
function trigTex(ctx: Ctx, angle: string, ce: number, se: number): string {
  const half = `\\frac{${angleTex(ctx, angle)}}{2}`;
  const f = (name: string, e: number) => (e === 0 ? '' : e === 1 ? `\\${name}${half}` : `\\${name}^${e < 10 ? e : `{${e}}`}${half}`);
  return f('sin', se) + f('cos', ce);
}

/** The factors of a monomial, in reading order; half-angle factors of one angle form one factor. */
function monoFactors(ctx: Ctx, mono: Mono): string[] {
  const sorted = [...mono].sort((x, y) => rank(ctx, x[0]) - rank(ctx, y[0]) || (x[0] < y[0] ? -1 : 1));
  const out: string[] = [];
  const trig = new Map<string, { c: number; s: number }>();
  for (const [k, e] of sorted) {
    const v = variable(k);
    if (v.kind === 'cos' || v.kind === 'sin') {
      const t = trig.get(v.angle) ?? { c: 0, s: 0 };
      if (!trig.has(v.angle)) out.push(`\u0000trig:${v.angle}`);
      trig.set(v.angle, v.kind === 'cos' ? { ...t, c: e } : { ...t, s: e });
      continue;
    }
    switch (v.kind) {
      case 'symbol':
        out.push(power(symbolTex(ctx, v.name), e));
        break;
      case 'radical':
        out.push(power(`\\sqrt{${latexExprCtx(ctx, v.radicand)}}`, e));
        break;
      case 'atom':
        out.push(power(atomTex(ctx, v), e));
        break;
    }
  }
  return out.map((f) => {
    if (!f.startsWith('\u0000trig:')) return f;
    const angle = f.slice(6);
    const t = trig.get(angle)!;
    return trigTex(ctx, angle, t.c, t.s);
  });
}

function sortedTerms(ctx: Ctx, x: Expr) {
  return [...x.terms.values()].sort((a, b) => compareMonos(ctx, a.mono, b.mono));
}

/** Term-by-term pieces, no factoring. */
function plainPieces(ctx: Ctx, x: Expr): Piece[] {
  return sortedTerms(ctx, x).map((t) => productPiece(t.coef, monoFactors(ctx, t.mono)));
}

/** x = content · primitive, the primitive with coprime integer parts and a positive first summand. */
function splitContent(ctx: Ctx, x: Expr): { content: Complex; primitive: Expr } {
  const terms = sortedTerms(ctx, x);
  if (terms.length === 0) return { content: C1, primitive: x };
  const content = contentOf(terms.map((t) => t.coef), terms[0].coef);
  return { content, primitive: isOne(content) ? x : scale(x, cinv(content)) };
}

/** The factors a content-free trig-free polynomial contributes to a product (a sum gets parentheses). */
function restFactors(ctx: Ctx, primitive: Expr): string[] {
  const terms = [...primitive.terms.values()];
  if (terms.length === 1 && isOne(terms[0].coef)) return monoFactors(ctx, terms[0].mono);
  return [`\\left(${joinPieces(plainPieces(ctx, primitive))}\\right)`];
}

// ───────────────────────── half-angle forms ─────────────────────────

interface Shape {
  /** ready to juxtapose with other factors */
  tex: string;
}

/**
 * A polynomial T in c = cos(θ/2), s = sin(θ/2) (normal form: no s²) as scale · shape, when T is a quadratic
 * form a c² + d cs + b s² (a constant k counts as k(c² + s²)) or a linear form α c + β s; else undefined.
 */
function trigShape(ctx: Ctx, angle: string, T: Expr): { scale: Complex; shape: Shape } | undefined {
  const k = new Map<string, Complex>();
  for (const t of T.terms.values()) {
    let ce = 0;
    let se = 0;
    for (const [key, e] of t.mono) {
      const v = variable(key);
      if (v.kind === 'cos') ce = e;
      else if (v.kind === 'sin') se = e;
      else return undefined;
    }
    k.set(`${ce},${se}`, t.coef);
  }
  const get = (key: string): Complex => k.get(key) ?? { re: rat(0), im: rat(0) };
  const keys = [...k.keys()];
  const C = trigTex(ctx, angle, 1, 0);
  const S = trigTex(ctx, angle, 0, 1);
  const C2 = trigTex(ctx, angle, 2, 0);
  const S2 = trigTex(ctx, angle, 0, 2);
  const general = (parts: [Complex, string][]): { scale: Complex; shape: Shape } => {
    const nz = parts.filter(([c]) => !cisZero(c));
    const sc = contentOf(nz.map(([c]) => c), nz[0][0]);
    const body = joinPieces(nz.map(([c, f]) => productPiece(cdiv(c, sc), [f])));
    return { scale: sc, shape: { tex: nz.length === 1 ? body : `\\left(${body}\\right)` } };
  };
  if (keys.every((x) => x === '1,0' || x === '0,1')) {
    const a = get('1,0');
    const b = get('0,1');
    if (cisZero(b)) return { scale: a, shape: { tex: C } };
    if (cisZero(a)) return { scale: b, shape: { tex: S } };
    if (ceq(a, b)) return { scale: a, shape: { tex: `\\left(${C} + ${S}\\right)` } };
    if (ceq(a, cneg(b))) return { scale: a, shape: { tex: `\\left(${C} - ${S}\\right)` } };
    return general([[a, C], [b, S]]);
  }
  if (!keys.every((x) => x === '0,0' || x === '2,0' || x === '1,1')) return undefined;
  const b = get('0,0');
  const a = { re: addQ(get('2,0').re, b.re), im: addQ(get('2,0').im, b.im) };
  const d = get('1,1');
  const two = (x: Complex): Complex => cmul(x, { re: rat(2), im: rat(0) });
  if (ceq(a, b) && !cisZero(a) && ceq(d, two(a))) return { scale: a, shape: { tex: `\\left(${C} + ${S}\\right)^2` } };
  if (ceq(a, b) && !cisZero(a) && ceq(d, cneg(two(a)))) return { scale: a, shape: { tex: `\\left(${C} - ${S}\\right)^2` } };
  if (cisZero(a) && cisZero(b)) return { scale: d, shape: { tex: `${S}${C}` } };
  if (cisZero(d) && ceq(a, cneg(b))) return { scale: a, shape: { tex: `\\left(${C2} - ${S2}\\right)` } };
  if (cisZero(d) && cisZero(b)) return { scale: a, shape: { tex: C2 } };
  if (cisZero(d) && cisZero(a)) return { scale: b, shape: { tex: S2 } };
  return general([[a, C2], [d, `${S}${C}`], [b, S2]]);
}

const addQ = (x: Rational, y: Rational): Rational => rat(x.n * y.d + y.n * x.d, x.d * y.d);

interface Factored {
  coef: Complex;
  shape?: Shape;
  /** trig-free, content-free */
  rest: Expr;
}

/**
 * P = coef · shape(θ) · rest when P separates into a half-angle form of one angle times a trig-free
 * polynomial (rank one as a matrix trig-monomial × other-monomial); undefined otherwise.
 */
function factorTrig(ctx: Ctx, P: Expr): Factored | undefined {
  const rows = new Map<string, { mono: Mono; cols: Map<string, { mono: Mono; coef: Complex }> }>();
  const angles = new Set<string>();
  for (const t of P.terms.values()) {
    const trig = t.mono.filter(([k]) => {
      const v = variable(k);
      if (v.kind === 'cos' || v.kind === 'sin') angles.add(v.angle);
      return v.kind === 'cos' || v.kind === 'sin';
    });
    const rest = t.mono.filter(([k]) => variable(k).kind !== 'cos' && variable(k).kind !== 'sin');
    const rk = rest.map(([k, e]) => `${k}^${e}`).join('*');
    if (!rows.has(rk)) rows.set(rk, { mono: rest, cols: new Map() });
    rows.get(rk)!.cols.set(trig.map(([k, e]) => `${k}^${e}`).join('*'), { mono: trig, coef: t.coef });
  }
  if (angles.size > 1) return undefined;
  if (angles.size === 0) {
    const { content, primitive } = splitContent(ctx, P);
    return { coef: content, rest: primitive };
  }
  const [first, ...others] = [...rows.values()];
  const restTerms: { mono: Mono; coef: Complex }[] = [{ mono: first.mono, coef: C1 }];
  const [k0, c0] = [...first.cols.entries()][0];
  for (const r of others) {
    if (r.cols.size !== first.cols.size || !r.cols.has(k0)) return undefined;
    const lambda = cdiv(r.cols.get(k0)!.coef, c0.coef);
    for (const [key, c] of first.cols) {
      const x = r.cols.get(key);
      if (!x || !ceq(x.coef, cmul(lambda, c.coef))) return undefined;
    }
    restTerms.push({ mono: r.mono, coef: lambda });
  }
  const T = ExprClass.fromTerms([...first.cols.values()]);
  const shaped = trigShape(ctx, [...angles][0], T);
  if (!shaped) return undefined;
  const { content, primitive } = splitContent(ctx, ExprClass.fromTerms(restTerms));
  return { coef: cmul(shaped.scale, content), shape: shaped.shape, rest: primitive };
}

// ───────────────────────── scalars ─────────────────────────

/** The summands of x as printed: grouped by bath function (atom), each coefficient factored. */
function exprPieces(ctx: Ctx, x: Expr): Piece[] {
  const free: { mono: Mono; coef: Complex }[] = [];
  const groups = new Map<string, { atoms: Mono; terms: { mono: Mono; coef: Complex }[] }>();
  for (const t of x.terms.values()) {
    const atoms = t.mono.filter(([k]) => variable(k).kind === 'atom');
    if (atoms.length === 0) {
      free.push(t);
      continue;
    }
    const rest = t.mono.filter(([k]) => variable(k).kind !== 'atom');
    const key = atoms.map(([k, e]) => `${k}^${e}`).join('*');
    if (!groups.has(key)) groups.set(key, { atoms, terms: [] });
    groups.get(key)!.terms.push({ mono: rest, coef: t.coef });
  }
  const ordered = [...groups.values()].sort((a, b) => compareMonos(ctx, a.atoms, b.atoms));
  const analysed = ordered.map((g) => {
    const P = ExprClass.fromTerms(g.terms);
    return { atomFactors: monoFactors(ctx, g.atoms), P, f: factorTrig(ctx, P) };
  });
  const freeExpr = ExprClass.fromTerms(free);

  // A factor common to every bath function (same half-angle form, or a common numeric content ≠ ±1)
  // goes in front of [ … ], as seed 000 writes Δ_j = sin(θ/2)cos(θ/2)[A_1(ε_1) − B_1(ε_1)].
  if (freeExpr.isZero() && analysed.length >= 2 && analysed.every((a) => a.f)) {
    const fs = analysed.map((a) => a.f!);
    const sameShape = fs.every((f) => f.shape?.tex === fs[0].shape?.tex);
    if (sameShape) {
      const common = contentOf(fs.map((f) => f.coef), fs[0].coef);
      const unit = isOne(common) || ceq(common, cneg(C1));
      if (fs[0].shape || !unit) {
        const inner = analysed.map((a) => productPiece(cdiv(a.f!.coef, common), [...restFactors(ctx, a.f!.rest), ...a.atomFactors]));
        const [open, close] = fs[0].shape ? ['\\left[', '\\right]'] : ['\\left(', '\\right)'];
        return [productPiece(common, [fs[0].shape?.tex ?? '', `${open}${joinPieces(inner)}${close}`])];
      }
    }
  }

  const pieces: Piece[] = [];
  if (!freeExpr.isZero()) {
    const f = factorTrig(ctx, freeExpr);
    if (f?.shape) pieces.push(productPiece(f.coef, [f.shape.tex, ...restFactors(ctx, f.rest)]));
    else pieces.push(...plainPieces(ctx, freeExpr));
  }
  for (const a of analysed) {
    if (a.f) pieces.push(productPiece(a.f.coef, [a.f.shape?.tex ?? '', ...restFactors(ctx, a.f.rest), ...a.atomFactors]));
    else {
      const { content, primitive } = splitContent(ctx, a.P);
      pieces.push(productPiece(content, [`\\left(${joinPieces(plainPieces(ctx, primitive))}\\right)`, ...a.atomFactors]));
    }
  }
  return pieces;
}

function latexExprCtx(ctx: Ctx, x: Expr): string {
  return joinPieces(exprPieces(ctx, x));
}

/** An exact scalar as LaTeX, with the model's names (see the file comment for the layout rules). */
export function latexExpr(x: Expr, model: Model, opts: LatexOptions = {}): string {
  return latexExprCtx({ model, opts }, x);
}

/** x as a factor of a product: parenthesised when it prints as more than one summand. */
function factorOf(ctx: Ctx, x: Expr): Piece {
  const p = exprPieces(ctx, x);
  if (p.length === 1) return p[0];
  return { negative: false, body: `\\left(${joinPieces(p)}\\right)` };
}

// ───────────────────────── operator structures ─────────────────────────

/** τ_mn (1-based), with a comma once indices reach two digits. */
export function latexTau(m: number, n: number, size: number): string {
  return size > 9 ? `\\tau_{${m + 1},${n + 1}}` : `\\tau_{${m + 1}${n + 1}}`;
}

const rhoElement = (a: number, b: number, size: number): string => (size > 9 ? `\\rho_{${a + 1},${b + 1}}` : `\\rho_{${a + 1}${b + 1}}`);

/** One paper-form piece without its sign: L_{\tau_{31}}(\rho), \tau_{32}\rho, \rho\tau_{23}, \tau_{42}\rho\tau_{13}. */
export function latexStructureItem(item: StructureItem, size: number): string {
  const t = (i: number, j: number) => latexTau(item.idx[i], item.idx[j], size);
  switch (item.kind) {
    case 'D':
      return `L_{${t(0, 1)}}(\\rho)`;
    case 'L':
      return `${t(0, 1)}\\rho`;
    case 'R':
      return `\\rho${t(0, 1)}`;
    case 'S':
      return `${t(0, 1)}\\rho${latexTau(item.idx[2], item.idx[3], size)}`;
  }
}

/** A signed sum of paper-form pieces: "\tau_{32}\rho + \tau_{31}\rho\tau_{12} - \tau_{42}\rho\tau_{34}". */
export function latexStructure(items: StructureItem[], size: number): string {
  return joinPieces(items.map((it) => ({ negative: it.sign < 0, body: latexStructureItem(it, size) })));
}

/** A superoperator monomial of the derivation: kind L (τ_ab ρ), R (ρ τ_ab) or S (τ_ab ρ τ_cd). */
export function latexSuperTerm(kind: 'L' | 'R' | 'S', idx: number[], size: number): string {
  return latexStructureItem({ kind, idx, sign: 1 }, size);
}

/** The operator of a jump label (X_k(ω), or its adjoint for absorption labels), when the table knows it. */
function jumpOperator(table: DerivedTable, label: JumpLabel): Operator | undefined {
  const c = table.derivation.components.find((x) => x.channel === label.channel && x.freq.name === label.freq);
  if (!c) return undefined;
  return label.raising ? adjoint(c.op) : c.op;
}

function namedMatch(model: Model, op: Operator): NamedOperator | undefined {
  for (const o of model.operators.values()) if (opEquals(o.eigen, op)) return o;
  return undefined;
}

/**
 * A jump operator of the Lindblad-like form: X_{k}(ω) of channel k at frequency ω (X^{\dagger} for the
 * raising ones), or the model's own operator name (\hat\varphi^-_1) when that component is exactly it.
 * `dagger` prints the adjoint of the label.
 */
export function latexJump(model: Model, label: JumpLabel, options: { dagger?: boolean; table?: DerivedTable } = {}): string {
  const raising = label.raising !== (options.dagger ?? false);
  if (options.table) {
    const op = jumpOperator(options.table, { ...label, raising });
    const named = op && namedMatch(model, op);
    if (named) return named.latex;
  }
  const ch = channelTex(model, label.channel);
  // A_k(ω) for the parts of a Hermitian coupling, X_k(ω) for those of an RWA channel
  const symbol = model.couplings.some((c) => c.name === label.channel) ? 'A' : 'X';
  return `${symbol}${raising ? '^{\\dagger}' : ''}_{${ch}}(${frequencyTex(model, label.freq)})`;
}

// ───────────────────────── layout helpers ─────────────────────────

/** A rough printed width of a formula, to break long sums over lines. */
export function visibleWidth(tex: string): number {
  return tex
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(left|right|bigl|bigr|quad|,)(?![a-zA-Z])/g, '')
    .replace(/\\[a-zA-Z]+/g, 'x')
    .replace(/[{}^_ ]/g, '').length;
}

const LINE = 62;

/**
 * An inline (text-paragraph) list of formulas joined by `separator` (a comma and its space); a list longer than a
 * few items may break after each comma, since math in a paragraph breaks only after relations and operators.
 */
function inlineList(items: string[], separator: string): string {
  return items.join(items.length > 6 ? ',\\allowbreak\\ ' : separator);
}

/**
 * One token of a formula cut for line breaking: an unbreakable atom (braces {…} are never cut), or a break
 * point — a binary + or − between summands, a relation =, or the space between two factors of a product.
 * `depth` counts the \left…\right groups open at the token; `group` marks a \left (open) or \right (close).
 */
interface Tok {
  kind: 'atom' | 'bin' | 'rel' | 'space';
  tex: string;
  depth: number;
  group?: { id: number; open: boolean };
}

/** The delimiter after \left or \right at i (a character, or a control sequence such as \{ or \langle). */
function delimiterAt(s: string, i: number): string {
  if (s[i] !== '\\') return s[i] ?? '';
  const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
  return m ? m[0] : '\\';
}

/** The tokens of a formula (one summand or a whole right-hand side, as the printers write them). */
function formulaTokens(s: string): Tok[] {
  const toks: Tok[] = [];
  const stack: number[] = [];
  let nextId = 0;
  let atom = '';
  const flush = () => {
    if (atom) toks.push({ kind: 'atom', tex: atom, depth: stack.length });
    atom = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (s.startsWith('\\left', i) && !/[a-zA-Z]/.test(s[i + 5] ?? '')) {
      flush();
      const d = delimiterAt(s, i + 5);
      const id = nextId++;
      toks.push({ kind: 'atom', tex: `\\left${d}`, depth: stack.length, group: { id, open: true } });
      stack.push(id);
      i += 5 + d.length;
    } else if (s.startsWith('\\right', i) && !/[a-zA-Z]/.test(s[i + 6] ?? '')) {
      flush();
      const d = delimiterAt(s, i + 6);
      const id = stack.pop() ?? -1;
      toks.push({ kind: 'atom', tex: `\\right${d}`, depth: stack.length, group: { id, open: false } });
      i += 6 + d.length;
    } else if (ch === '{') {
      let level = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '\\') {
          j++;
          continue;
        }
        if (s[j] === '{') level++;
        else if (s[j] === '}' && --level === 0) break;
      }
      atom += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))!;
      atom += m[0];
      i += m[0].length;
    } else if (ch === ' ') {
      flush();
      const op = s[i + 1];
      if ((op === '+' || op === '-' || op === '=') && s[i + 2] === ' ' && toks.length) {
        toks.push({ kind: op === '=' ? 'rel' : 'bin', tex: op, depth: stack.length });
        i += 3;
      } else {
        if (toks.length && toks.at(-1)!.kind === 'atom') toks.push({ kind: 'space', tex: ' ', depth: stack.length });
        i += 1;
      }
    } else {
      atom += ch;
      i += 1;
    }
  }
  flush();
  if (toks.at(-1)?.kind === 'space') toks.pop();
  return toks;
}

/** The end (index after the closing brace) of the brace group that opens at i. */
function groupEnd(s: string, i: number): number {
  let level = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') level++;
    else if (s[j] === '}' && --level === 0) return j + 1;
  }
  return s.length;
}

/**
 * A fraction whose numerator is wider than a line, \frac{N}{D}, written \frac{1}{D} \left(N\right) (the same
 * value), so that N can be cut like any bracketed sum; fractions inside N likewise.
 */
function openWideFractions(tex: string, width: number): string {
  let out = '';
  let i = 0;
  while (i < tex.length) {
    const at = tex.indexOf('\\frac{', i);
    if (at < 0) break;
    const numEnd = groupEnd(tex, at + 5);
    const denEnd = tex[numEnd] === '{' ? groupEnd(tex, numEnd) : -1;
    if (denEnd < 0) {
      out += tex.slice(i, numEnd);
      i = numEnd;
      continue;
    }
    const numerator = tex.slice(at + 6, numEnd - 1);
    const denominator = tex.slice(numEnd + 1, denEnd - 1);
    out += tex.slice(i, at);
    out += visibleWidth(numerator) > width ? `\\frac{1}{${denominator}} \\left(${openWideFractions(numerator, width)}\\right)` : tex.slice(at, denEnd);
    i = denEnd;
  }
  return out + tex.slice(i);
}

const tokWidth = (t: Tok): number => (t.kind === 'atom' ? visibleWidth(t.tex) : t.kind === 'space' ? 0 : 2);

/** A formula cut into lines: the first to follow whatever its line already holds, each other one to start a line. */
export interface CutLine {
  tex: string;
  /** how the line continues its predecessor: after a + or − (summand), an = (chain) or between factors */
  after: 'bin' | 'rel' | 'space' | 'first';
  depth: number;
  width: number;
}

/**
 * Cut a formula into lines of at most `rest` printed characters (the first of at most `first`), greedily, at
 * the break point of lowest depth on the line (between summands or at =, else between factors; never inside
 * braces). A \left…\right group that a cut splits becomes \bigl…\bigr (\Bigl…\Bigr around fractions), which
 * need not be matched within a line. A fraction with a numerator wider than a line is opened first
 * (openWideFractions); any other atom wider than a line stays whole.
 */
export function cutFormula(tex: string, first: number, rest: number): CutLine[] {
  const toks = formulaTokens(openWideFractions(tex, rest));
  const starts: number[] = [0];
  let lineStart = 0;
  let width = 0;
  let limit = first;
  // the best cut on a line: between summands or at = before between factors, then the lowest depth, then the latest
  const score = (t: Tok) => (t.kind === 'space' ? 1000 : 0) + t.depth;
  for (let j = 0; j < toks.length; ) {
    width += tokWidth(toks[j]!);
    if (width > limit && j > lineStart) {
      let best = -1;
      for (let k = lineStart + 1; k <= j; k++) {
        const t = toks[k]!;
        if (t.kind !== 'atom' && (best < 0 || score(t) <= score(toks[best]!))) best = k;
      }
      if (best >= 0) {
        starts.push(best);
        lineStart = best;
        limit = rest;
        width = 0;
        j = best;
        continue;
      }
    }
    j++;
  }
  // groups that a cut splits
  const lineOf = (idx: number) => starts.filter((s) => s <= idx).length - 1;
  const openedOn = new Map<number, number>();
  const split = new Set<number>();
  toks.forEach((t, idx) => {
    if (!t.group) return;
    if (t.group.open) openedOn.set(t.group.id, lineOf(idx));
    else if (openedOn.get(t.group.id) !== lineOf(idx)) split.add(t.group.id);
  });
  const fracs = new Set<number>();
  const open: number[] = [];
  for (const t of toks) {
    if (t.group?.open) open.push(t.group.id);
    else if (t.group) open.pop();
    else if (t.tex.includes('\\frac')) for (const id of open) fracs.add(id);
  }
  const render = (t: Tok): string => {
    if (t.group && split.has(t.group.id)) {
      const size = fracs.has(t.group.id) ? 'B' : 'b';
      return t.group.open ? `\\${size}igl${t.tex.slice(5)}` : `\\${size}igr${t.tex.slice(6)}`;
    }
    return t.kind === 'bin' || t.kind === 'rel' ? ` ${t.tex} ` : t.tex;
  };
  return starts.map((s, li) => {
    const end = starts[li + 1] ?? toks.length;
    const lead = toks[s]!;
    let body = toks.slice(s, end).map(render).join('').trim();
    const after = li === 0 ? 'first' : (lead.kind as CutLine['after']);
    if (after === 'space') body = `\\times ${body}`;
    return { tex: body, after, depth: li === 0 ? 0 : lead.depth, width: toks.slice(s, end).reduce((a, t) => a + tokWidth(t), 0) };
  });
}

/** The align prefix of a continuation line: = aligns with the first line's =, a summand or factor is indented. */
const continuation = (l: CutLine): string => (l.after === 'rel' ? '&' : l.depth > 0 ? '&\\qquad ' : '&\\quad ');

/** lhs = p1 + p2 …, broken into align lines of roughly LINE printed characters; a summand too wide for a line is cut inside. */
function alignedSum(lhs: string, pieces: Piece[], width = LINE): string {
  if (pieces.length === 0) return `${lhs} &= 0`;
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  pieces.forEach((p, i) => {
    const w = visibleWidth(p.body) + 2;
    const lead = i === 0 ? (p.negative ? '-' : '') : p.negative ? '- ' : '+ ';
    if (i > 0 && curWidth + w > width && cur) {
      lines.push(cur);
      cur = '';
      curWidth = 0;
    }
    if (w <= width) {
      cur += (cur ? ' ' : '') + lead + p.body;
      curWidth += w;
      return;
    }
    // a wide summand starts a line of its own unless half a line is still free
    if (cur && width - curWidth < width / 2) {
      lines.push(cur);
      cur = '';
      curWidth = 0;
    }
    const cut = cutFormula(p.body, width - curWidth - 2, width - 4);
    cur += (cur ? ' ' : '') + lead + cut[0]!.tex;
    for (const l of cut.slice(1)) {
      lines.push(cur);
      cur = `${continuation(l)}${l.tex}`;
    }
    curWidth = cut.length > 1 ? cut.at(-1)!.width + 4 : curWidth + w;
  });
  lines.push(cur);
  return lines.map((l, i) => (i === 0 ? `${lhs} &= ${l}` : l.startsWith('&') ? l : `&\\quad ${l}`)).join(' \\\\\n');
}

/** lhs = x1 = x2 = …, a chain of equal expressions broken before an = where a line would run past LINE. */
function alignedChain(lhs: string, parts: string[], width = LINE): string {
  const lines: string[] = [];
  let cur: string[] = [];
  let curWidth = 0;
  for (const p of parts) {
    const w = visibleWidth(p) + 2;
    if (cur.length && curWidth + w > width) {
      lines.push(cur.join(' = '));
      cur = [];
      curWidth = 0;
    }
    cur.push(p);
    curWidth += w;
  }
  lines.push(cur.join(' = '));
  return lines.map((l, i) => (i === 0 ? `${lhs} &= ${l}` : `&= ${l}`)).join(' \\\\\n');
}

/** Plain text for LaTeX: special characters escaped, non-ASCII replaced by what pdflatex can set. */
export function texText(s: string): string {
  const map: Record<string, string> = {
    '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}', _: '\\_', '%': '\\%', '~': '\\~{}',
    '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}', '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '×': '$\\times$',
    '→': '$\\to$', '←': '$\\leftarrow$', '↔': '$\\leftrightarrow$', '≤': '$\\le$', '≥': '$\\ge$', '±': '$\\pm$', '⟨': '$\\langle$', '⟩': '$\\rangle$',
    'θ': '$\\theta$', 'γ': '$\\gamma$', 'ε': '$\\varepsilon$', 'ξ': '$\\xi$', 'Δ': '$\\Delta$', 'Ω': '$\\Omega$', 'ω': '$\\omega$', 'λ': '$\\lambda$',
    'Λ': '$\\Lambda$', 'Γ': '$\\Gamma$', 'ρ': '$\\rho$', 'σ': '$\\sigma$', 'τ': '$\\tau$', 'φ': '$\\varphi$', 'α': '$\\alpha$', 'β': '$\\beta$',
  };
  let out = '';
  for (const ch of s) out += map[ch] ?? (/[\x20-\x7e]/.test(ch) ? ch : '?');
  return out;
}

// ───────────────────────── the appendix ─────────────────────────

type Block = { kind: 'text'; tex: string } | { kind: 'math'; body: string; multiline: boolean };

/** The paper-form terms as printed: a term whose pieces all carry a minus sign is shown with −coef and + pieces. */
type DisplayTerm = PaperTerm;

function displayTerms(table: DerivedTable): DisplayTerm[] {
  return table.paper.terms.map((t: PaperTerm) => {
    const flip = t.items.every((it) => it.sign < 0);
    return {
      family: t.family,
      name: t.name,
      latex: t.latex,
      coef: flip ? scale(t.coef, cneg(C1)) : t.coef,
      factor: t.factor,
      hc: t.hc,
      items: flip ? t.items.map((it) => ({ ...it, sign: 1 as const })) : t.items,
    };
  });
}

function stateKet(model: Model, i: number): string {
  const st = model.states[i];
  if (st.latex.includes('\\rangle')) return st.latex;
  return `|${st.latex === st.name ? labelTex(st.name) : st.latex}\\rangle`;
}

/** The energy of state i: its own latex when states are named by their eigenvalues (λ_1, as seed 000 does), else E_{label}. */
function stateEnergyTex(model: Model, i: number): string {
  const st = model.states[i];
  if (/^\\(lambda|varepsilon|epsilon)\b|^E_/.test(st.latex)) return st.latex;
  const label = st.latex === st.name || st.latex.includes('\\rangle') ? labelTex(st.name) : st.latex;
  return `E_{${label}}`;
}

const bareKet = (label: string) => `|${labelTex(label)}\\rangle`;
const bareBra = (label: string) => `\\langle ${labelTex(label)}|`;

/** Σ v |r⟩⟨c| on the bare basis. */
function ketBraSum(ctx: Ctx, op: Operator): string {
  const pieces: Piece[] = [];
  for (const [r, c, v] of op.nonzero()) {
    const f = factorOf(ctx, v);
    const kb = `${bareKet(ctx.model.basis[r])}${bareBra(ctx.model.basis[c])}`;
    const coefIsOne = f.body === '1';
    pieces.push({ negative: f.negative, body: coefIsOne ? kb : `${f.body} ${kb}` });
  }
  return joinPieces(pieces);
}

/** Σ v τ_mn on the eigenbasis. */
function tauSum(ctx: Ctx, op: Operator): Piece[] {
  const n = ctx.model.states.length;
  const pieces: Piece[] = [];
  for (const [r, c, v] of op.nonzero()) {
    const f = factorOf(ctx, v);
    const tau = latexTau(r, c, n);
    pieces.push({ negative: f.negative, body: f.body === '1' ? tau : `${f.body} ${tau}` });
  }
  return pieces;
}

/** A bare operator as a combination of site operators σ^±_k when it is one exactly, else undefined. */
function siteCombination(ctx: Ctx, op: Operator): string | undefined {
  for (const fn of ['sm', 'sp']) {
    const sites = [...ctx.model.siteOperators.values()].filter((o) => o.name.startsWith(`${fn}(`));
    if (sites.length === 0) continue;
    const parts: { coef: Expr; site: NamedOperator }[] = [];
    for (const s of sites) {
      const [r, c] = [...s.bare.nonzero()][0];
      const coef = op.get(r, c);
      if (!coef.isZero()) parts.push({ coef, site: s });
    }
    if (parts.length === 0) continue;
    const rebuilt = opAdd(...parts.map((p) => opScale(p.site.bare, p.coef)));
    if (!opEquals(rebuilt, op)) continue;
    return joinPieces(
      parts.map((p) => {
        const f = factorOf(ctx, p.coef);
        return { negative: f.negative, body: f.body === '1' ? p.site.latex : `${f.body} ${p.site.latex}` };
      }),
    );
  }
  return undefined;
}

function matrixTex(rows: string[][]): string {
  return `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** Atoms standing for the named paper-form coefficients, for the equations of motion. */
interface NamedCoefficients {
  opts: LatexOptions;
  /** coef ↦ the value it stands for */
  value: (x: Expr) => Expr;
  generator: SuperOp;
}

function namedCoefficients(table: DerivedTable, terms: DisplayTerm[]): NamedCoefficients {
  const { model } = table;
  const n = model.states.length;
  const latex = new Map<string, string>();
  const rankOf = new Map<string, number>();
  const values = new Map<string, Expr>();
  const generator = unitaryPart(model);
  terms.forEach((t, i) => {
    const base = [model.name, table.approx, t.name, t.coef.key];
    const real = isReal(expandCorrelations(model, t.coef));
    const ph = atom('PaperCoefficient', base, real ? {} : { conjArgs: [...base, '*'] });
    const key = [...ph.terms.values()][0].mono[0][0];
    latex.set(key, t.latex);
    rankOf.set(key, 2 * i);
    values.set(key, t.coef);
    if (!real) {
      const ck = (variable(key) as AtomVar).conjKey;
      latex.set(ck, `${t.latex.includes('^') ? `{${t.latex}}` : t.latex}^{*}`);
      rankOf.set(ck, 2 * i + 1);
      values.set(ck, conj(t.coef));
    }
    const piece = new SuperOp(n);
    for (const it of t.items) addItem(piece, it, mul(num(t.factor * it.sign), ph));
    generator.addAll(piece);
    if (t.hc) for (const e of piece.entries.values()) {
      const a = adjointEntry(e);
      generator.addEntry(a.kind, a.idx, a.coef);
    }
  });
  return {
    opts: { atomLatex: (v) => latex.get(v.key), atomRank: (v) => rankOf.get(v.key) },
    value: (x) => substitute(x, (v) => values.get(v.key)),
    generator,
  };
}

/** The sections of the appendix, in order. */
function appendixBlocks(table: DerivedTable): { title: string; blocks: Block[] } {
  const { model } = table;
  const ctx: Ctx = { model, opts: {} };
  const n = model.states.length;
  const blocks: Block[] = [];
  const text = (tex: string) => blocks.push({ kind: 'text', tex });
  // multi-line (align) when it has line breaks or alignment points outside its matrices
  const display = (body: string) => {
    const outer = body.replace(/\\begin\{pmatrix\}[\s\S]*?\\end\{pmatrix\}/g, '');
    blocks.push({ kind: 'math', body, multiline: outer.includes('\\\\') || outer.includes('&') });
  };
  const approxText = approximation(table.approx).latex;
  const title = `Born--Markov master equation, ${approxText}: ${texText(model.title)}`;

  // ── the system
  const unitParam = model.parameters.find((p) => p.name === model.unit);
  const unitTex = unitParam ? `$${unitParam.latex}$` : texText(model.unit);
  text('\\section*{The system}');
  text(
    `This appendix was generated by \\texttt{bornmarkov} from the model file \\texttt{${texText(model.file)}}` +
      `.${model.source ? ` The model is that of ${texText(model.source)}.` : ''}` +
      ` Energies are in units of ${unitTex}; $\\hbar = k_B = 1$.`,
  );
  const params = model.parameters.filter((p) => p.description);
  if (params.length) {
    text('\\begin{itemize}');
    for (const p of model.parameters) text(`\\item $${p.latex}$: ${texText(p.description ?? p.kind)}`);
    text('\\end{itemize}');
  }
  text(`On the bare basis $(${inlineList(model.basis.map(bareKet), ', ')})$ the system Hamiltonian is`);
  display(`H_S = ${matrixTex(model.basis.map((_, r) => model.basis.map((__, c) => latexExprCtx(ctx, model.hamiltonian.get(r, c)))))}`);
  if (model.angles.length) {
    text('with the mixing angle' + (model.angles.length > 1 ? 's' : ''));
    display(
      model.angles
        .map((a) => {
          const nu = latexExprCtx(ctx, a.numerator);
          const de = a.denominator.constantValue();
          const rhs = de && isOne(de) ? nu : `\\frac{${nu}}{${latexExprCtx(ctx, a.denominator)}}`;
          return `\\cot ${a.latex} = ${rhs}`;
        })
        .join(', \\quad '),
    );
  }
  text(
    `Its eigenstates, numbered $1, \\dots, ${n}$ in this order (so that $\\tau_{mn} = |m\\rangle\\langle n|$ and $\\rho_{mn} = \\langle m|\\rho|n\\rangle$ refer to these numbers), and energies:`,
  );
  const states = model.states.map((st, i) => {
    const vec: Piece[] = [];
    st.vector.forEach((v, j) => {
      if (v.isZero()) return;
      const f = factorOf(ctx, v);
      vec.push({ negative: f.negative, body: f.body === '1' ? bareKet(model.basis[j]) : `${f.body} ${bareKet(model.basis[j])}` });
    });
    return { ket: stateKet(model, i), vec, energyLhs: stateEnergyTex(model, i), energy: exprPieces(ctx, st.energy) };
  });
  // state and energy side by side while they fit on a line; else each on lines of its own
  const sideBySide = states.every((st) => visibleWidth(`${st.ket}${joinPieces(st.vec)}${st.energyLhs}${joinPieces(st.energy)}`) + 8 <= LINE);
  display(
    states
      .map((st) =>
        sideBySide
          ? `${st.ket} &= ${joinPieces(st.vec)}, & ${st.energyLhs} &= ${joinPieces(st.energy)}`
          : `${alignedSum(st.ket, st.vec)}, \\\\\n${alignedSum(st.energyLhs, st.energy)}`,
      )
      .join(' \\\\\n'),
  );
  text('The Bohr frequencies of the couplings are');
  display(
    model.frequencies
      .map((f) => {
        const pairs: string[] = [];
        for (let m = 0; m < n; m++) for (let k = 0; k < n; k++) if (sub(model.states[m].energy, model.states[k].energy).equals(f.value)) pairs.push(`${stateEnergyTex(model, m)} - ${stateEnergyTex(model, k)}`);
        return alignedChain(f.latex, [...pairs, latexExprCtx(ctx, f.value)]);
      })
      .join(' \\\\\n'),
  );

  // ── the coupling
  text('\\section*{The coupling to the baths}');
  if (model.channels.length) {
    text(
      'The system couples to independent thermal bosonic baths through the channels $k$, ' +
        '$H_{SB} = \\sum_k (X_k^{\\dagger} \\otimes B_k + X_k \\otimes B_k^{\\dagger})$, with the lowering operators',
    );
    display(
      model.channels
        .map((ch) => {
          const named = [...model.operators.values()].find((o) => opEquals(o.bare, ch.bare));
          const rhs = named ? named.latex : (siteCombination(ctx, ch.bare) ?? ketBraSum(ctx, ch.bare));
          return `X_{${ch.latex}} &= ${rhs}`;
        })
        .join(' \\\\\n'),
    );
    if (model.operators.size) {
      text('where');
      display([...model.operators.values()].map((o) => `${o.latex} &= ${ketBraSum(ctx, o.bare)}`).join(' \\\\\n'));
    }
    text('On the eigenbasis each channel splits into parts $X_k(\\omega)$ that lower the energy by a Bohr frequency $\\omega$:');
    display(
      model.channels
        .flatMap((ch) => {
          const comps = table.derivation.components.filter((c) => c.channel === ch.name);
          const sum = comps.map((c) => `X_{${ch.latex}}(${c.freq.latex})`).join(' + ');
          return [
            `X_{${ch.latex}} &= ${sum}`,
            ...comps.map((c) => alignedSum(`X_{${ch.latex}}(${c.freq.latex})`, tauSum(ctx, c.op))),
          ];
        })
        .join(' \\\\\n'),
    );
  }
  if (model.couplings.length) {
    text(
      `The system couples ${model.channels.length ? 'also ' : ''}through Hermitian operators $A_k$, $H_{SB} = \\sum_k A_k \\otimes B_k$ with $B_k = \\sum_q (g_{kq} b_q + \\bar g_{kq} b_q^{\\dagger})$:`,
    );
    display(model.couplings.map((c) => `A_{${c.latex}} &= ${siteCombination(ctx, c.bare) ?? ketBraSum(ctx, c.bare)}`).join(' \\\\\n'));
    text('On the eigenbasis each splits into parts $A_k(\\omega)$ that lower the energy by $\\omega$ (raise it for $\\omega < 0$; $\\omega = 0$ dephases):');
    display(
      model.couplings
        .flatMap((c) => {
          const comps = table.derivation.components.filter((x) => x.channel === c.name);
          return [
            `A_{${c.latex}} &= ${comps.map((x) => `A_{${c.latex}}(${frequencyTex(model, x.freq.name)})`).join(' + ')}`,
            ...comps.map((x) => alignedSum(`A_{${c.latex}}(${frequencyTex(model, x.freq.name)})`, tauSum(ctx, x.op))),
          ];
        })
        .join(' \\\\\n'),
    );
  }
  const spectrumSymbol = model.channels.length ? '\\gamma' : 'J';
  text(`The baths, their temperatures and coupling spectra $${spectrumSymbol}^{(\\alpha)}_{kl}(\\omega) = \\overline{${spectrumSymbol}^{(\\alpha)}_{lk}(\\omega)}$:`);
  display(
    model.baths
      .map((b) => {
        const spectra = [...b.spectrum.entries()].map(([key, v]) => {
          const [k, l] = key.split(',');
          const sym = model.couplings.some((c) => c.name === k) ? 'J' : '\\gamma';
          return `${sym}^{(${b.latex})}_{${pairTex(model, k, l)}}(\\omega) = ${v.exact ? latexExprCtx(ctx, v.exact) : spectrumTex(model, v)}`;
        });
        return `\\text{bath } ${b.latex}: \\quad & T = ${latexExprCtx(ctx, b.temperature)}, \\quad ${spectra.join(', \\quad ')}`;
      })
      .join(' \\\\\n'),
  );
  if (model.couplings.length) {
    text(
      'For the Hermitian couplings, with $J^{(\\alpha)}_{kl}(\\omega) = \\pi \\sum_q g_{kq} \\bar g_{lq} \\delta(\\omega - \\omega_q)$, the one-sided transforms ' +
        '$\\Gamma_{kl}(\\omega) = \\int_0^\\infty ds\\, e^{i\\omega s} \\langle B_k(s) B_l \\rangle$ are',
    );
    display(
      [
        `\\Gamma_{kl}(\\omega) &= \\sum_{\\alpha} \\tfrac{1}{2} S^{(\\alpha)}_{kl}(\\omega)${table.derivation.lambShift ? ' + i \\Pi^{(\\alpha)}_{kl}(\\omega)' : ''}, & S^{(\\alpha)}_{kl}(\\omega) &= \\begin{cases} 2 J^{(\\alpha)}_{kl}(\\omega) \\left[N_{\\alpha}(\\omega) + 1\\right] & \\omega > 0 \\\\ 2 \\overline{J^{(\\alpha)}_{kl}(-\\omega)} N_{\\alpha}(-\\omega) & \\omega < 0 \\\\ \\lim_{\\omega \\to 0} 2 J^{(\\alpha)}_{kl}(\\omega) N_{\\alpha}(\\omega) & \\omega = 0 \\end{cases}`,
        ...(table.derivation.lambShift ? ['\\Pi^{(\\alpha)}_{kl}(\\omega) &= \\frac{1}{2\\pi} \\mathrm{P}\\!\\int_{-\\infty}^{\\infty} d\\omega\\prime\\, \\frac{S^{(\\alpha)}_{kl}(\\omega\\prime)}{\\omega - \\omega\\prime} & & \\text{(the Lamb shift; evaluated numerically)}'] : []),
        ...model.baths.flatMap((b) =>
          [...b.zeroLimits.entries()].map(([key, z]) => {
            const [k, l] = key.split(',');
            const value = z.exact ? latexExprCtx(ctx, z.exact) : `2 T_{${b.latex}} \\lim_{\\omega \\to 0} J^{(${b.latex})}_{${pairTex(model, k, l)}}(\\omega)/\\omega`;
            return `S^{(${b.latex})}_{${pairTex(model, k, l)}}(0) &= ${value}`;
          }),
        ),
      ].join(' \\\\\n'),
    );
  }
  if (model.channels.length) {
    text('With the Planck occupations and the (real parts of the) one-sided Fourier transforms of the bath correlators,');
  display(
    [
      `N_{\\alpha}(\\omega) &= \\frac{1}{e^{\\omega/T_{\\alpha}} - 1}`,
      `\\Gamma^{-}_{kl}(\\omega) &= \\sum_{\\alpha} \\frac{1}{2} \\gamma^{(\\alpha)}_{kl}(\\omega) \\left[N_{\\alpha}(\\omega) + 1\\right], & \\Gamma^{+}_{kl}(\\omega) &= \\sum_{\\alpha} \\frac{1}{2} \\gamma^{(\\alpha)}_{kl}(\\omega) N_{\\alpha}(\\omega)`,
    ].join(' \\\\\n'),
  );
  }
  if (model.bathFunctions.length) {
    text('the bath functions of the model are');
    const w = symbol(FREQUENCY_SYMBOL);
    display(
      model.bathFunctions
        .map((bf) => {
          const [k, l] = bf.channels;
          const parts: Piece[] = [];
          for (const b of model.baths) {
            const g = spectrumSymbolic(model, b.name, k, l);
            if (g.isZero()) continue;
            const f = factorOf(ctx, mul(num(1, 2), g));
            const occ = `N_{${b.latex}}(\\omega)`;
            const tail = bf.kind === 'emission' ? `\\left[${occ} + 1\\right]` : occ;
            parts.push({ negative: f.negative, body: f.body === '1' ? tail : `${f.body} ${tail}` });
          }
          const generic = `\\Gamma^{${bf.kind === 'emission' ? '-' : '+'}}_{${pairTex(model, k, l)}}(\\omega)`;
          const lhs = `${bf.latex}(\\omega)`;
          return `${lhs} &= ${lhs === generic ? '' : `${generic} = `}${joinPieces(parts)}`;
        })
        .join(' \\\\\n'),
    );
  }

  // ── the paper form
  const terms = displayTerms(table);
  text('\\section*{The master equation}');
  text(
    `In the Born--Markov approximation (${table.derivation.lambShift ? 'principal-value (Lamb-shift) parts kept' : 'principal-value parts dropped'}; ${approximation(table.approx).latex}) the master equation is, with $L_X(\\rho) = 2X\\rho X^{\\dagger} - \\{X^{\\dagger}X, \\rho\\}$,`,
  );
  display(alignedSum('\\dot\\rho', paperFormPieces(terms, n)));
  text('with the coefficients');
  for (const family of ['Gamma', 'Lambda', 'Delta', 'Other'] as const) {
    const fam = terms.filter((t) => t.family === family);
    if (fam.length === 0) continue;
    display(fam.map((t) => alignedSum(t.latex, exprPieces(ctx, t.coef))).join(' \\\\\n'));
  }

  // ── the Lindblad-like form
  const L = table.lindblad;
  const jump = (l: JumpLabel, dagger = false) => latexJump(model, l, { dagger, table });
  text('\\section*{Lindblad-like form}');
  text(
    'The same generator written with the jump operators, in the form of S.-W. Li, C. Y. Cai and C. P. Sun, Ann.\\ Phys.\\ 360, 19 (2015), Eqs.\\ (12) and (A.8), with ' +
      '$\\mathcal{D}[B, A](\\rho) = B\\rho A^{\\dagger} - \\frac{1}{2}\\{A^{\\dagger}B, \\rho\\}$ and $\\mathcal{D}[A] = \\mathcal{D}[A, A]$:',
  );
  const ratePieces: Piece[] = [{ negative: false, body: `-i\\left[H_S${L.hc.length ? ' + \\hat{H}_c' : ''}, \\rho\\right]` }];
  for (const r of L.rates) {
    const f = factorOf(ctx, r.rate);
    const same = r.a.channel === r.b.channel && r.a.freq === r.b.freq && r.a.raising === r.b.raising;
    const d = same ? `\\mathcal{D}[${jump(r.b)}](\\rho)` : `\\mathcal{D}[${jump(r.b)}, ${jump(r.a)}](\\rho)`;
    ratePieces.push({ negative: f.negative, body: f.body === '1' ? d : `${f.body} ${d}` });
  }
  display(alignedSum('\\dot\\rho', ratePieces));
  if (L.hc.length) {
    text('with the non-diagonal Lamb-shift-like Hamiltonian');
    display(
      alignedSum(
        '\\hat{H}_c',
        L.hc.map((h) => {
          const f = factorOf(ctx, h.coef);
          return { negative: f.negative, body: `${f.body === '1' ? '' : `${f.body} `}${jump(h.a, true)} ${jump(h.b)}` };
        }),
      ),
    );
  } else text('Here $\\hat{H}_c = 0$.');

  // ── equations of motion
  text('\\section*{Equations of motion}');
  const named = namedCoefficients(table, terms);
  const nctx: Ctx = { model, opts: named.opts };
  const tensor = named.generator.tensor();
  const eq = new Map<string, Expr>();
  for (const [key, coef] of tensor) {
    const [a, b, c, d] = key.split(',').map(Number);
    eq.set(`${a},${d}|${b},${c}`, add(eq.get(`${a},${d}|${b},${c}`) ?? num(0), coef));
  }
  // Printing must not change the physics: the named form reproduces the table's equations exactly.
  const actual = new Map<string, Expr>();
  for (const e of table.equations) for (const t of e.terms) actual.set(`${e.row},${e.col}|${t.b},${t.c}`, t.coef);
  for (const k of new Set([...eq.keys(), ...actual.keys()])) {
    const diff = sub(named.value(eq.get(k) ?? num(0)), actual.get(k) ?? num(0));
    if (!isZeroExact(model, diff)) throw new Error(`internal: equation of motion ${k} of ${model.name} (${table.approx}) differs from the table`);
  }
  const coefOf = (row: [number, number], col: [number, number]) => eq.get(`${row[0]},${row[1]}|${col[0]},${col[1]}`) ?? num(0);
  const pop = table.blocks[0];
  const ordered = [...pop.filter(([r, c]) => r === c), ...pop.filter(([r, c]) => r !== c)];
  const equationsOf = (block: [number, number][]): string =>
    block
      .map((row) => {
        const pieces: Piece[] = [];
        for (const col of block) {
          const c = coefOf(row, col);
          if (c.isZero()) continue;
          const f = factorOf(nctx, c);
          pieces.push({ negative: f.negative, body: f.body === '1' ? rhoElement(col[0], col[1], n) : `${f.body} ${rhoElement(col[0], col[1], n)}` });
        }
        return alignedSum(`\\dot\\rho_{${n > 9 ? `${row[0] + 1},${row[1] + 1}` : `${row[0] + 1}${row[1] + 1}`}}`, pieces);
      })
      .join(' \\\\\n');
  text(
    `The elements $\\rho_{mn}$ of the density matrix fall into ${table.blocks.length} blocks that evolve independently; ` +
      'the equations below use the named coefficients above (${}^{*}$ is complex conjugation). ',
  );
  if (ordered.length <= MATRIX_MAX) {
    text(
      'The block holding the populations obeys $\\dot{\\mathbf{X}} = \\mathbf{M}\\mathbf{X}$ ' +
        '(as the matrix $\\mathbf{M}$ of Y. Huangfu and J. Jing (2021), Eq.\\ (11)), with',
    );
    display(`\\mathbf{X} = \\left(${ordered.map(([r, c]) => rhoElement(r, c, n)).join(', ')}\\right)^{T}`);
    const M = abbreviatedMatrix(nctx, ordered.map((row) => ordered.map((col) => coefOf(row, col))));
    display(`\\mathbf{M} = ${matrixTex(M.rows)}`);
    if (M.names.length) {
      text('where');
      display(M.names.map((m) => alignedSum(m.latex, exprPieces(nctx, m.value))).join(' \\\\\n'));
    }
  } else {
    text(`The block holding the populations (${ordered.length} elements) obeys`);
    display(equationsOf(ordered));
  }
  text('The blocks (elements that couple to one another):');
  text('\\begin{enumerate}');
  for (const b of table.blocks) text(`\\item $${inlineList(b.map(([r, c]) => rhoElement(r, c, n)), ',\\ ')}$`);
  text('\\end{enumerate}');
  const conjIndex = (i: number) => table.blocks.findIndex((b) => b.some(([r, c]) => r === table.blocks[i][0][1] && c === table.blocks[i][0][0]));
  const others = table.blocks.map((_, i) => i).filter((i) => i > 0 && conjIndex(i) >= i);
  if (others.length) {
    text('The other blocks; the remaining ones are their complex conjugates, $\\rho_{nm} = \\rho_{mn}^{*}$:');
    for (const i of others) display(equationsOf(table.blocks[i]));
  }
  steadyStateSection(table, named, nctx, text, display);
  return { title, blocks };
}

const namedSteadyCache = new WeakMap<DerivedTable, ReturnType<typeof steadyStateOf>>();

/**
 * The same solve over the named coefficients, for printing: only population blocks whose exact determinant is short
 * enough (≤ NAMED_SOLVE_TERMS terms) for the named form to have a chance of fitting on a line (memoised per table).
 */
function namedSteady(table: DerivedTable, named: NamedCoefficients) {
  const hit = namedSteadyCache.get(table);
  if (hit) return hit;
  const n = table.model.states.length;
  const exact = exactSteadyState(table);
  const wanted = (i: number) => exact.blocks[i].solved && exact.blocks[i].populations && exact.blocks[i].determinant.terms.size <= NAMED_SOLVE_TERMS;
  const solved = steadyStateOf({ model: table.model, equations: elementEquations(n, named.generator, (x) => x.isZero()), blocks: table.blocks }, (x) => x.isZero(), wanted);
  namedSteadyCache.set(table, solved);
  return solved;
}

const NAMED_SOLVE_TERMS = 1000;

/** The steady state solved over the named paper coefficients (as the appendix prints it) and the map back to values. */
export function namedSteadyState(table: DerivedTable): { steady: ReturnType<typeof steadyStateOf>; value: (x: Expr) => Expr; latex: (x: Expr) => string } {
  const named = namedCoefficients(table, displayTerms(table));
  return { steady: namedSteady(table, named), value: named.value, latex: (x) => latexExpr(x, table.model, named.opts) };
}

/** Closed forms longer than this (in the named coefficients) are described by their size, not printed. */
const STEADY_TEX_TERMS = 24;

/**
 * ── the exact steady state (src/derive/steadyState.ts). The closed forms are printed in the named
 * coefficients (Γ, Λ, Δ, … as the paper writes them): the same solve on the generator over the named
 * coefficients, whose value is the exact solve's (substitution is a ring homomorphism; a test checks it).
 * What vanishes and whether the state is unique come from the exact solve.
 */
function steadyStateSection(table: DerivedTable, named: NamedCoefficients, nctx: Ctx, text: (tex: string) => void, display: (body: string) => void): void {
  const { model } = table;
  const n = model.states.length;
  const exact = exactSteadyState(table);
  const namedSolve = namedSteady(table, named);
  text('\\section*{Exact steady state}');
  text(
    'Each block is solved exactly (Cramer\\textquoteright s rule, division-free). In the block holding the populations one ' +
      'population equation is replaced by $\\operatorname{tr}\\rho = 1$, so every element is $\\rho_{mn} = N_{mn}/D$ with one determinant $D$; ' +
      'the steady state is unique exactly when $D \\neq 0$, and a coherence vanishes exactly when its numerator does. ' +
      'A block without populations is homogeneous: its elements vanish whenever its determinant does not.',
  );
  exact.blocks.forEach((b, i) => {
    const names = inlineList(b.elements.map(([r, c]) => rhoElement(r, c, n)), ',\\ ');
    if (!b.solved) {
      text(`Block $${names}$: not solved exactly (${texText(b.reason ?? '')}).`);
      return;
    }
    const nb = namedSolve.blocks[i];
    const fits = (x: Expr) => x.terms.size <= STEADY_TEX_TERMS;
    const uniqueness = b.neverUnique ? 'its determinant vanishes identically: the steady state is never unique' : 'the steady state is unique where its determinant does not vanish';
    if (!b.populations) {
      text(`Block $${names}$ (${b.determinant.terms.size} terms in its determinant): ${uniqueness}; then $${b.elements.map(([r, c]) => rhoElement(r, c, n)).join(' = ')} = 0$.`);
      return;
    }
    text(
      `Block $${names}$: the equation of $${rhoElement(b.elements[b.traceRow!][0], b.elements[b.traceRow!][1], n)}$ is replaced by the trace condition; ${uniqueness}. ` +
        `The determinant has ${b.determinant.terms.size} terms${nb.solved ? ` (${nb.determinant.terms.size} in the named coefficients)` : ''}.`,
    );
    if (nb.solved && fits(nb.determinant)) display(alignedSum('D', exprPieces(nctx, nb.determinant)));
    const shown: string[] = [];
    const sizes: string[] = [];
    b.elements.forEach(([r, c], j) => {
      const el = rhoElement(r, c, n);
      if (b.vanishes[j]) shown.push(`${el} &= 0`);
      else if (nb.solved && fits(nb.numerators[j]) && fits(nb.determinant)) shown.push(alignedSum(`${el} D`, exprPieces(nctx, nb.numerators[j])));
      else sizes.push(`$N_{${r + 1}${c + 1}}$: ${b.numerators[j].terms.size} terms`);
    });
    if (shown.length) display(shown.join(' \\\\\n'));
    if (sizes.length) text(`Numerators too long to print here (\\texttt{bornmarkov show --steady --full} prints them): ${sizes.join(', ')}.`);
  });
}

const MATRIX_WIDTH = 72;
/** Blocks with more elements are written as equations, not as a matrix. */
const MATRIX_MAX = 8;

/**
 * The matrix entries as LaTeX; while the matrix is wider than a page, its widest entry is replaced by a
 * name μ_k (and an entry that is the complex conjugate of a named one by μ_k^*), as seed 000 writes μ in M.
 */
function abbreviatedMatrix(ctx: Ctx, entries: Expr[][]): { rows: string[][]; names: { latex: string; value: Expr }[] } {
  const rows = entries.map((r) => r.map((x) => latexExprCtx(ctx, x)));
  const names: { latex: string; value: Expr }[] = [];
  const width = () => rows[0].reduce((acc, _, j) => acc + Math.max(...rows.map((r) => visibleWidth(r[j]))) + 2, 0);
  const named = new Set<string>();
  while (width() > MATRIX_WIDTH) {
    let best: [number, number] | undefined;
    rows.forEach((r, i) => r.forEach((x, j) => {
      // short entries (0, 2Γ_1, Δ_3) stay: naming them would not make the matrix readable
      if (!named.has(`${i},${j}`) && visibleWidth(x) > 8 && (!best || visibleWidth(x) > visibleWidth(rows[best[0]][best[1]]))) best = [i, j];
    }));
    if (!best) break;
    const value = entries[best[0]][best[1]];
    const latex = `\\mu_{${names.length + 1}}`;
    names.push({ latex, value });
    const conjValue = conj(value);
    rows.forEach((r, i) => r.forEach((_, j) => {
      if (named.has(`${i},${j}`)) return;
      if (entries[i][j].equals(value)) r[j] = latex;
      else if (entries[i][j].equals(conjValue)) r[j] = `${latex}^{*}`;
      else return;
      named.add(`${i},${j}`);
    }));
  }
  return { rows, names };
}

/** The summands of the paper-form master equation (seed 000 Eqs. 7, 10, B1 layout). */
function paperFormPieces(terms: DisplayTerm[], n: number): Piece[] {
  const pieces: Piece[] = [{ negative: false, body: '-i\\left[H_S, \\rho\\right]' }];
  const termBody = (t: DisplayTerm): Piece => {
    if (t.items.length === 1) return { negative: t.items[0].sign < 0, body: `${t.latex} ${latexStructureItem(t.items[0], n)}` };
    const bracket = t.items.every((it) => it.kind === 'D') ? ['\\left[', '\\right]'] : ['\\left(', '\\right)'];
    return { negative: false, body: `${t.latex} ${bracket[0]}${latexStructure(t.items, n)}${bracket[1]}` };
  };
  let i = 0;
  while (i < terms.length) {
    const t0 = terms[i];
    let j = i;
    while (j < terms.length && terms[j].family === t0.family && terms[j].factor === t0.factor && terms[j].hc === t0.hc) j++;
    const group = terms.slice(i, j).map(termBody);
    i = j;
    if (!t0.hc && t0.factor === 1) {
      pieces.push(...group);
      continue;
    }
    // 2(Λ_1 … + h.c.) as in seed 000 Eq. (7); [Δ_1 … ] + h.c. as in Eq. (10)
    const inner = t0.factor === 2 && t0.hc ? [...group, { negative: false, body: '\\text{h.c.}' }] : group;
    const open = t0.factor === 2 ? '2\\bigl(' : '\\bigl[';
    const close = t0.factor === 2 ? '\\bigr)' : t0.hc ? '\\bigr] + \\text{h.c.}' : '\\bigr]';
    inner.forEach((p, k) => {
      let body = p.body;
      // the sign of the first summand stays inside the bracket
      if (k === 0) body = `${open}${p.negative ? '-' : ''}${body}`;
      if (k === inner.length - 1) body = `${body}${close}`;
      pieces.push({ negative: k === 0 ? false : p.negative, body });
    });
  }
  return pieces;
}

function renderDocument(title: string, blocks: Block[]): string {
  const out: string[] = [
    '% Generated by bornmarkov (src/emit/latex.ts). Standalone: pdflatex this file, or paste its body as an appendix.',
    '\\documentclass[10pt]{article}',
    '\\usepackage{amsmath}',
    '\\setlength{\\textwidth}{6.5in}',
    '\\setlength{\\oddsidemargin}{0in}',
    '\\setlength{\\evensidemargin}{0in}',
    '\\setlength{\\textheight}{9in}',
    '\\setlength{\\topmargin}{-0.5in}',
    '\\setcounter{MaxMatrixCols}{64}',
    // prose lines may stretch rather than run into the margin before a long inline formula
    '\\setlength{\\emergencystretch}{3em}',
    '\\allowdisplaybreaks',
    `\\title{${title}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
  ];
  for (const b of blocks) {
    if (b.kind === 'text') out.push(b.tex);
    else if (b.multiline) out.push(`\\begin{align*}\n${b.body}\n\\end{align*}`);
    else out.push(`\\[\n${b.body}\n\\]`);
  }
  out.push('\\end{document}', '');
  return out.join('\n');
}

/** The standalone LaTeX appendix (article class, amsmath only) of a derived table. */
export function latexAppendix(table: DerivedTable): string {
  const { title, blocks } = appendixBlocks(table);
  return renderDocument(title, blocks);
}

/** Every display formula of the appendix, as a KaTeX display-mode string (multi-line ones in aligned). */
export function latexFormulas(table: DerivedTable): string[] {
  return appendixBlocks(table)
    .blocks.filter((b): b is Extract<Block, { kind: 'math' }> => b.kind === 'math')
    .map((b) => (b.multiline ? `\\begin{aligned}\n${b.body}\n\\end{aligned}` : b.body));
}
