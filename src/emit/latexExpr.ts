// The LaTeX expression printer: a visitor over the plain data of exact scalars (Expr), their variables and
// bath atoms, and the operator structures of the paper form and the Lindblad-like form. Contract:
//   latexExpr(x, model)       one scalar, written the way the papers write it: grouped by bath function,
//                             half-angle quadratic forms factored ((c − s)², c² − s², sin cos, …), a trig
//                             factor common to every bath function pulled in front of [ … ]; never
//                             "1 \cdot", "+ -" or "--"; names from the model's latex fields.
//   latexPrinter(model, opts) the same visitor as the signed summands (Piece) the document builders lay out.
//   latexStructureItem, latexStructure, latexSuperTerm, latexJump
//                             operator structures: L_{\tau_{31}}(\rho), \tau_{42}\rho\tau_{13}, X^{\dagger}_{a}(\varepsilon_1)
//   texText(s)                plain text for a LaTeX paragraph.
// The appendix document (src/emit/latex.ts) and the line layout of long formulas (src/emit/latexLayout.ts)
// are built on these.
import { GREEK_LETTERS } from '../model/latexField.ts';
import { type Expr, type Variable, Expr as ExprClass, scale, variable } from '../algebra/expr.ts';
import { type Complex, type Rational, C1, cdiv, ceq, cinv, cisZero, cmul, cneg, rat } from '../algebra/rational.ts';
import type { Model, NamedOperator } from '../model/model.ts';
import { FREQUENCY_SYMBOL, ZERO_FREQUENCY } from '../model/model.ts';
import { type Operator, adjoint, opEquals } from '../operators/operator.ts';
import type { DerivedTable } from '../derive/table.ts';
import type { StructureItem } from '../derive/paperForm.ts';
import type { JumpLabel } from '../derive/redfield.ts';
import { atomKind, isBathAtom } from '../bath/atoms.ts';
import type { SpectralDensity } from '../bath/spectrum.ts';

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
export interface Piece {
  negative: boolean;
  body: string;
}

// ───────────────────────── numbers ─────────────────────────

const qabs = (q: Rational): Rational => (q.n < 0n ? { n: -q.n, d: q.d } : q);
const ratTex = (q: Rational): string => (q.d === 1n ? `${q.n}` : `\\frac{${q.n}}{${q.d}}`);
export const isOne = (c: Complex) => ceq(c, C1);

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

export function joinPieces(pieces: Piece[]): string {
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

const GREEK = new Set(GREEK_LETTERS);

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

const channelTex = (model: Model, name: string): string =>
  [...model.channels, ...model.couplings].find((c) => c.name === name)?.latex ?? nameTex(name);
const bathTex = (model: Model, name: string): string => model.baths.find((b) => b.name === name)?.latex ?? nameTex(name);

/**
 * LaTeX of a spectrum without a polynomial form: a visitor over its expression tree (products by juxtaposition,
 * quotients as \frac, exp as e^{…}); names print as the model declares them, w as ω.
 */
export function spectrumTex(model: Model, sd: SpectralDensity): string {
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
export function pairTex(model: Model, k: string, l: string): string {
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
  if (isBathAtom(v))
    return atomKind(v).latex(model, v, {
      frequency: (f) => frequencyTex(model, f),
      bath: (b) => bathTex(model, b),
      pair: (k, l) => pairTex(model, k, l),
    });
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
      return (
        1000 +
        Math.max(
          0,
          model.angles.findIndex((a) => a.name === v.angle),
        )
      );
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
  const content = contentOf(
    terms.map((t) => t.coef),
    terms[0].coef,
  );
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
    const sc = contentOf(
      nz.map(([c]) => c),
      nz[0][0],
    );
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
    return general([
      [a, C],
      [b, S],
    ]);
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
  return general([
    [a, C2],
    [d, `${S}${C}`],
    [b, S2],
  ]);
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
      const common = contentOf(
        fs.map((f) => f.coef),
        fs[0].coef,
      );
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

/** coef · tex as one signed summand: the coefficient as a factor in front, never a leading 1 (−tex for −1). */
function timesOf(ctx: Ctx, coef: Expr, tex: string): Piece {
  const f = factorOf(ctx, coef);
  return { negative: f.negative, body: f.body === '1' ? tex : `${f.body} ${tex}` };
}

/** The scalar printer of one model (and atom names), as the document builders use it. */
export interface LatexPrinter {
  readonly model: Model;
  /** x as LaTeX (latexExpr) */
  expr(x: Expr): string;
  /** the signed summands of x as printed */
  pieces(x: Expr): Piece[];
  /** x as a factor of a product: one summand, or the sum in \left( … \right) */
  factor(x: Expr): Piece;
  /** coef · tex as one summand (tex alone when coef is 1) */
  times(coef: Expr, tex: string): Piece;
}

export function latexPrinter(model: Model, opts: LatexOptions = {}): LatexPrinter {
  const ctx: Ctx = { model, opts };
  return {
    model,
    expr: (x) => latexExprCtx(ctx, x),
    pieces: (x) => exprPieces(ctx, x),
    factor: (x) => factorOf(ctx, x),
    times: (coef, tex) => timesOf(ctx, coef, tex),
  };
}

// ───────────────────────── operator structures ─────────────────────────

/** τ_mn (1-based), with a comma once indices reach two digits. */
export function latexTau(m: number, n: number, size: number): string {
  return size > 9 ? `\\tau_{${m + 1},${n + 1}}` : `\\tau_{${m + 1}${n + 1}}`;
}

export const rhoElement = (a: number, b: number, size: number): string =>
  size > 9 ? `\\rho_{${a + 1},${b + 1}}` : `\\rho_{${a + 1}${b + 1}}`;

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

export function texText(s: string): string {
  const map: Record<string, string> = {
    '\\': '\\textbackslash{}',
    '{': '\\{',
    '}': '\\}',
    $: '\\$',
    '&': '\\&',
    '#': '\\#',
    '^': '\\^{}',
    _: '\\_',
    '%': '\\%',
    '~': '\\~{}',
    '<': '\\textless{}',
    '>': '\\textgreater{}',
    '|': '\\textbar{}',
    '–': '--',
    '—': '---',
    '‘': '`',
    '’': "'",
    '“': '``',
    '”': "''",
    '×': '$\\times$',
    '→': '$\\to$',
    '←': '$\\leftarrow$',
    '↔': '$\\leftrightarrow$',
    '≤': '$\\le$',
    '≥': '$\\ge$',
    '±': '$\\pm$',
    '⟨': '$\\langle$',
    '⟩': '$\\rangle$',
    θ: '$\\theta$',
    γ: '$\\gamma$',
    ε: '$\\varepsilon$',
    ξ: '$\\xi$',
    Δ: '$\\Delta$',
    Ω: '$\\Omega$',
    ω: '$\\omega$',
    λ: '$\\lambda$',
    Λ: '$\\Lambda$',
    Γ: '$\\Gamma$',
    ρ: '$\\rho$',
    σ: '$\\sigma$',
    τ: '$\\tau$',
    φ: '$\\varphi$',
    α: '$\\alpha$',
    β: '$\\beta$',
  };
  let out = '';
  for (const ch of s) out += map[ch] ?? (/[\x20-\x7e]/.test(ch) ? ch : '?');
  return out;
}
