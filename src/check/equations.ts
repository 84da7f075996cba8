// Published equations other than coefficient tables (derivations/**/NAME.<kind>.published.json), checked
// exactly against what the derived master equation implies.
//
// File format (README, "Published-equation files"):
//   { source, model, approx?: "secular"|"nonsecular" (default nonsecular), notes?,
//     elements?: { name: "rhoMN" }            the paper's own names of density-matrix elements (n1, tau12, …)
//     definitions?: { name: expression }      the paper's own scalars (Gamma1, Delta24, mu, …), in order; may divide
//     equations: [ { id, reference?, kind, … } ] }
// kinds:
//   motion       lhs "d(X)/dt", rhs a linear combination of elements          — d X/dt of the derived equation
//   matrix       X: [elements], M: [[expr]], form "dX/dt = MX" | "MX = 0"      — the derived block matrix
//                (MX = 0 also matches when each row is a multiple of the derived row); rows?: [elements]
//                says whose equation each row of M is (default X; M is then rows × X)
//   determinant  unknowns: [elements], value                                  — det of the derived coefficient matrix
//                of those unknowns in their own equations (the others held fixed)
//   steady       lhs, rhs: expressions in elements (rational)                 — equal at the exact steady state
//                (equilibrium: true puts every bath at one temperature: N_α(ω) → N_first(ω))
//   vanishing    element, condition | conditions: [expr]                      — "condition = 0" (all of them) against
//                the numerator N of the element's exact closed form: match when N lies in the ideal the conditions
//                generate (one condition: it divides N), so the conditions imply the element vanishes; the cofactors
//                are reported (where they do not vanish, the condition is also necessary)
//   flux         site, value: a linear combination of elements (re(), im(), conj() of elements allowed)   —
//                the internal flux −i⟨[σ_site^z, H_S]⟩ = Tr(Fρ), F = −i[σ^z, H_S] in the eigenbasis (seed 000 Eq. 13)
// Element symbols: rhoMN (1-based eigenbasis indices) and the file's declared names. Every other symbol is a
// declared definition, an eigenstate's name (its energy), a Bohr frequency's name (its value), a model parameter or
// definition, i, or a bath function at a Bohr frequency; re(), im(), conj() apply to scalars.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MathNode } from 'mathjs';
import {
  type Expr,
  type Variable,
  Expr as ExprClass,
  atom,
  conj,
  imag,
  mul,
  neg,
  num,
  one,
  substitute,
  variable,
  zero,
} from '../algebra/expr.ts';
import { ketbra, opAdd, opMul, opNeg, opScale } from '../operators/operator.ts';
import { ExprError, parseText, walkNode } from '../algebra/parse.ts';
import { ratFromDecimal, ratFromNumber } from '../algebra/rational.ts';
import { ofRational } from '../algebra/expr.ts';
import type { Model } from '../model/model.ts';
import { type Approx, APPROXIMATIONS } from '../derive/approx.ts';
import { type DerivedTable, deriveTable } from '../derive/table.ts';
import { determinantOf, exactSteadyState, exactZeroTest, blockMatrix } from '../derive/steadyState.ts';
import { expandCorrelations, isZeroExact, priceBathAtom } from '../bath/correlators.ts';
import { angleRelations } from './angles.ts';
import { complexValue } from '../model/evaluate.ts';
import { exprText } from '../emit/text.ts';
import { namedSteadyState } from '../emit/latex.ts';
import { latexExpr } from '../emit/latexExpr.ts';
import { publishedScalars, readPublishedJson } from './published.ts';
import { checkKeys } from '../model/schema.ts';
import { type Frac, crossDifference, eliminate, fadd, fconj, fdiv, fmul, fneg, frac, linearIn } from './fraction.ts';

export const EQUATION_KINDS = ['motion', 'matrix', 'determinant', 'steady', 'vanishing', 'flux'] as const;
export type EquationKind = (typeof EQUATION_KINDS)[number];

type El = [number, number];

export interface PublishedEquation {
  id: string;
  reference: string;
  kind: EquationKind;
  field: string;
  /** motion */
  element?: El;
  rhs?: Map<number, Frac>;
  /** matrix */
  X?: El[];
  /** whose equation each row of M is */
  rows?: El[];
  M?: Frac[][];
  form?: 'dX/dt = MX' | 'MX = 0';
  /** determinant */
  unknowns?: El[];
  value?: Frac;
  /** flux */
  site?: string;
  /** steady, vanishing: parsed lazily (they need the steady state) */
  lhsText?: string;
  rhsText?: string;
  conditionTexts?: string[];
  equilibrium?: boolean;
}

export interface PublishedEquations {
  file: string;
  source: string;
  notes: string;
  model: Model;
  approx: Approx;
  elementNames: Map<string, El>;
  definitions: Map<string, Frac>;
  equations: PublishedEquation[];
}

/** Whether a parsed published JSON file is an equations file (rather than a coefficient table). */
export const isEquationsFile = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && Array.isArray((json as any).equations);

/** A published file holding an "equations" array (NAME.<kind>.published.json), rather than a coefficient table. */
export function isEquationsPath(path: string): boolean {
  try {
    return isEquationsFile(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return false; // unreadable: the table loader reports it with the file's name
  }
}

export function loadEquationsFile(path: string, model?: Model): PublishedEquations {
  const file = basename(path);
  const { json, model: m, fail } = readPublishedJson(path, model);
  checkKeys(json, 'equations', '', fail);
  const approx = (json.approx ?? 'nonsecular') as Approx;
  if (!APPROXIMATIONS.includes(approx)) fail('approx', `expected one of ${APPROXIMATIONS.join(', ')}, got ${JSON.stringify(json.approx)}`);
  const n = m.states.length;
  const guard = <T>(field: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ExprError || e instanceof RangeError) fail(field, e.message);
      throw e;
    }
  };
  const elementNames = new Map<string, El>();
  const builtin = (name: string): El | undefined => {
    const r = /^rho(\d)(\d)$/.exec(name);
    if (!r) return undefined;
    const el: El = [Number(r[1]) - 1, Number(r[2]) - 1];
    if (el[0] < 0 || el[1] < 0 || el[0] >= n || el[1] >= n)
      throw new ExprError(`${name}: ${m.file} has eigenstates 1..${n}, so no element ${name}`);
    return el;
  };
  const elementOf = (name: string): El | undefined => elementNames.get(name) ?? builtin(name);
  if (json.elements !== undefined && (typeof json.elements !== 'object' || json.elements === null || Array.isArray(json.elements)))
    fail('elements', 'expected an object mapping names to elements "rhoMN"');
  for (const [name, target] of Object.entries(json.elements ?? {})) {
    const field = `elements.${name}`;
    if (typeof target !== 'string') fail(field, 'expected an element "rhoMN"');
    const el = guard(field, () => builtin(target as string));
    if (!el) fail(field, `expected an element "rhoMN" (1-based eigenstate numbers), got ${JSON.stringify(target)}`);
    elementNames.set(name, el!);
  }
  const definitions = new Map<string, Frac>();
  const scalarsOf = (field: string) => scalarWalker(m, definitions, field);
  if (
    json.definitions !== undefined &&
    (typeof json.definitions !== 'object' || json.definitions === null || Array.isArray(json.definitions))
  )
    fail('definitions', 'expected an object mapping names to expressions');
  for (const [name, text] of Object.entries(json.definitions ?? {})) {
    const field = `definitions.${name}`;
    if (typeof text !== 'string') fail(field, 'expected an expression string');
    definitions.set(
      name,
      guard(field, () => scalarsOf(field)(parseText(text as string))),
    );
  }
  if (!Array.isArray(json.equations) || json.equations.length === 0) fail('equations', 'expected a non-empty array');
  const linear = (field: string, text: unknown): Map<number, Frac> => {
    if (typeof text !== 'string') fail(field, 'expected an expression string');
    return guard(field, () => linearForm(m, definitions, elementOf, field, parseText(text as string)));
  };
  const elementList = (field: string, v: unknown): El[] => {
    if (!Array.isArray(v) || v.length === 0) fail(field, 'expected a non-empty array of element names');
    return (v as unknown[]).map((x, i) => {
      const el = typeof x === 'string' ? guard(`${field}[${i}]`, () => elementOf(x)) : undefined;
      if (!el)
        fail(`${field}[${i}]`, `expected an element of ${m.file} (rhoMN or a name declared in "elements"), got ${JSON.stringify(x)}`);
      return el!;
    });
  };
  const equations: PublishedEquation[] = json.equations.map((e: any, i: number): PublishedEquation => {
    const field = `equations[${i}]`;
    if (typeof e !== 'object' || e === null) fail(field, 'expected an object');
    if (typeof e.id !== 'string' || !e.id) fail(`${field}.id`, 'expected a name for this equation, e.g. "Eq. (13), n1"');
    if (!EQUATION_KINDS.includes(e.kind))
      fail(`${field}.kind`, `expected one of ${EQUATION_KINDS.join(', ')}, got ${JSON.stringify(e.kind)}`);
    checkKeys(e, e.kind as EquationKind, field, fail);
    if (e.reference !== undefined && typeof e.reference !== 'string') fail(`${field}.reference`, 'expected a string');
    const base = { id: e.id as string, reference: typeof e.reference === 'string' ? e.reference : '', kind: e.kind as EquationKind, field };
    switch (e.kind as EquationKind) {
      case 'motion': {
        const lhs = typeof e.lhs === 'string' ? /^\s*d\(\s*([A-Za-z_]\w*)\s*\)\s*\/\s*dt\s*$/.exec(e.lhs) : null;
        if (!lhs) fail(`${field}.lhs`, `expected the derivative of an element, "d(X)/dt", got ${JSON.stringify(e.lhs)}`);
        const element = guard(`${field}.lhs`, () => elementOf(lhs![1]));
        if (!element) fail(`${field}.lhs`, `"${lhs![1]}" is not an element of ${m.file} (rhoMN or a name declared in "elements")`);
        return { ...base, element, rhs: linear(`${field}.rhs`, e.rhs) };
      }
      case 'matrix': {
        const X = elementList(`${field}.X`, e.X);
        const rows = e.rows === undefined ? X : elementList(`${field}.rows`, e.rows);
        if (e.form !== undefined && e.form !== 'dX/dt = MX' && e.form !== 'MX = 0')
          fail(`${field}.form`, `expected "dX/dt = MX" or "MX = 0", got ${JSON.stringify(e.form)}`);
        if (!Array.isArray(e.M) || e.M.length !== rows.length)
          fail(
            `${field}.M`,
            `expected ${rows.length} rows (the length of ${e.rows === undefined ? 'X' : 'rows'}), got ${Array.isArray(e.M) ? e.M.length : JSON.stringify(e.M)}`,
          );
        const M = (e.M as unknown[]).map((row, r) => {
          if (!Array.isArray(row) || row.length !== X.length)
            fail(
              `${field}.M[${r}]`,
              `expected ${X.length} entries (the length of X), got ${Array.isArray(row) ? row.length : JSON.stringify(row)}`,
            );
          return (row as unknown[]).map((x, c) => {
            const f = `${field}.M[${r}][${c}]`;
            if (typeof x !== 'string') fail(f, 'expected an expression string');
            return guard(f, () => scalarsOf(f)(parseText(x as string)));
          });
        });
        return { ...base, X, rows, M, form: e.form ?? 'dX/dt = MX' };
      }
      case 'determinant': {
        const unknowns = elementList(`${field}.unknowns`, e.unknowns);
        if (typeof e.value !== 'string') fail(`${field}.value`, 'expected an expression string');
        return { ...base, unknowns, value: guard(`${field}.value`, () => scalarsOf(`${field}.value`)(parseText(e.value))) };
      }
      case 'steady': {
        for (const side of ['lhs', 'rhs']) {
          if (typeof e[side] !== 'string') fail(`${field}.${side}`, 'expected an expression string');
          // parse now, so that bad symbols are reported when the file is loaded
          guard(`${field}.${side}`, () =>
            steadyWalker(m, definitions, elementOf, `${field}.${side}`, () => frac(one()))(parseText(e[side])),
          );
        }
        if (e.equilibrium !== undefined && typeof e.equilibrium !== 'boolean') fail(`${field}.equilibrium`, 'expected true or false');
        return { ...base, lhsText: e.lhs, rhsText: e.rhs, equilibrium: e.equilibrium === true };
      }
      case 'flux': {
        if (typeof e.site !== 'string' || !m.siteOperators.has(`sz(${e.site})`))
          fail(
            `${field}.site`,
            `expected the name of a site of ${m.file} (${[...new Set([...m.siteOperators.keys()].map((k) => k.replace(/^s[zpm]\((.*)\)$/, '$1')))].join(', ') || 'it has no sites'}), got ${JSON.stringify(e.site)}`,
          );
        return { ...base, site: e.site, rhs: linear(`${field}.value`, e.value) };
      }
      case 'vanishing': {
        const element = typeof e.element === 'string' ? guard(`${field}.element`, () => elementOf(e.element)) : undefined;
        if (!element) fail(`${field}.element`, `expected an element of ${m.file}, got ${JSON.stringify(e.element)}`);
        const texts: unknown[] = e.conditions !== undefined ? e.conditions : [e.condition];
        const cf = e.conditions !== undefined ? `${field}.conditions` : `${field}.condition`;
        if (!Array.isArray(texts) || texts.length === 0) fail(cf, 'expected a non-empty array of expression strings');
        texts.forEach((t, j) => {
          const f = e.conditions !== undefined ? `${cf}[${j}]` : cf;
          if (typeof t !== 'string') fail(f, 'expected an expression string (the condition is "expression = 0")');
          guard(f, () => scalarsOf(f)(parseText(t as string)));
        });
        return { ...base, element, conditionTexts: texts as string[] };
      }
    }
  });
  return {
    file,
    source: typeof json.source === 'string' ? json.source : '',
    notes: typeof json.notes === 'string' ? json.notes : '',
    model: m,
    approx,
    elementNames,
    definitions,
    equations,
  };
}

type Leaf = (node: MathNode) => Frac | undefined;

/**
 * A walker over rational expressions: + − × ÷, integer powers, conj(); other leaves (numbers, parameters,
 * bath functions, cos/sin/sqrt) through the published-table scalars, and names through `leaf` first.
 */
function rationalWalker(model: Model, definitions: Map<string, Frac>, field: string, leaf: Leaf): (node: MathNode) => Frac {
  const scalars = publishedScalars(model, field);
  const walk = (node: MathNode): Frac => {
    const nd = node as any;
    switch (node.type) {
      case 'ParenthesisNode':
        return walk(nd.content);
      case 'ConstantNode':
        if (typeof nd.value === 'number') return frac(ofRational(ratFromNumber(nd.value)));
        if (typeof nd.value === 'string' && /^[0-9.eE+-]+$/.test(nd.value)) return frac(ofRational(ratFromDecimal(nd.value)));
        throw new ExprError(`unexpected constant ${JSON.stringify(nd.value)}`);
      case 'SymbolNode': {
        const own = leaf(node);
        if (own) return own;
        const d = definitions.get(nd.name);
        if (d) return d;
        // the paper's own names for eigenenergies (lambda1) and Bohr frequencies (eps1) stand for their values
        const state = model.states.find((x) => x.name === nd.name);
        if (state) return frac(state.energy);
        const freq = model.frequencies.find((x) => x.name === nd.name);
        if (freq && !model.parameters.some((x) => x.name === nd.name)) return frac(freq.value);
        return frac(walkNode(node, scalars));
      }
      case 'OperatorNode': {
        const args = nd.args as MathNode[];
        switch (nd.fn) {
          case 'unaryMinus':
            return fneg(walk(args[0]));
          case 'unaryPlus':
            return walk(args[0]);
          case 'add':
            return fadd(walk(args[0]), walk(args[1]));
          case 'subtract':
            return fadd(walk(args[0]), fneg(walk(args[1])));
          case 'multiply':
            return fmul(walk(args[0]), walk(args[1]));
          case 'divide':
            return fdiv(walk(args[0]), walk(args[1]));
          case 'pow': {
            const e = walk(args[1]);
            const c = e.num.constantValue();
            const dc = e.den.constantValue();
            const k = c && dc && c.im.n === 0n && c.re.d === 1n && dc.re.n === 1n && dc.re.d === 1n ? Number(c.re.n) : NaN;
            if (!Number.isInteger(k)) throw new ExprError(`exponent must be an integer: "${node.toString()}"`);
            const base = walk(args[0]);
            let acc = frac(one());
            for (let i = 0; i < Math.abs(k); i++) acc = fmul(acc, base);
            return k < 0 ? fdiv(frac(one()), acc) : acc;
          }
          default:
            throw new ExprError(`operator "${nd.op}" is not supported: "${node.toString()}"`);
        }
      }
      case 'FunctionNode': {
        const name = nd.fn?.name as string;
        if (name === 'conj') {
          if (nd.args.length !== 1) throw new ExprError('conj takes one argument');
          return fconj(walk(nd.args[0]));
        }
        if (name === 're' || name === 'im') {
          if (nd.args.length !== 1) throw new ExprError(`${name} takes one argument`);
          const x = walk(nd.args[0]);
          return name === 're' ? fmul(frac(num(1, 2)), fadd(x, fconj(x))) : fmul(frac(mul(num(-1, 2), imag())), fadd(x, fneg(fconj(x))));
        }
        if (name === 'd') throw new ExprError(`d(…) is only allowed as the left side "d(X)/dt" of a motion equation: "${node.toString()}"`);
        return frac(walkNode(node, scalars));
      }
      default:
        throw new ExprError(`unsupported syntax (${node.type}): "${node.toString()}"`);
    }
  };
  return walk;
}

function scalarWalker(model: Model, definitions: Map<string, Frac>, field: string) {
  return rationalWalker(model, definitions, field, () => undefined);
}

/** Elements replaced by values (their exact steady state). */
function steadyWalker(
  model: Model,
  definitions: Map<string, Frac>,
  elementOf: (s: string) => El | undefined,
  field: string,
  valueOf: (el: El) => Frac,
) {
  return rationalWalker(model, definitions, field, (node) => {
    const el = elementOf((node as any).name);
    return el ? valueOf(el) : undefined;
  });
}

/** A linear combination of elements: Σ coefficient · element, keyed by row*n+col; a term without an element is refused. */
function linearForm(
  model: Model,
  definitions: Map<string, Frac>,
  elementOf: (s: string) => El | undefined,
  field: string,
  root: MathNode,
): Map<number, Frac> {
  const n = model.states.length;
  const scalar = scalarWalker(model, definitions, field);
  const hasElement = (node: MathNode): boolean => {
    let found = false;
    node.traverse((x: any) => {
      if (x.type === 'SymbolNode' && elementOf(x.name)) found = true;
    });
    return found;
  };
  const walk = (node: MathNode, factor: Frac, out: Map<number, Frac>): void => {
    const nd = node as any;
    if (!hasElement(node))
      throw new ExprError(`the term "${node.toString()}" has no density-matrix element (each term must be coefficient × element)`);
    switch (node.type) {
      case 'ParenthesisNode':
        return walk(nd.content, factor, out);
      case 'SymbolNode': {
        const el = elementOf(nd.name)!;
        const k = el[0] * n + el[1];
        out.set(k, out.has(k) ? fadd(out.get(k)!, factor) : factor);
        return;
      }
      case 'OperatorNode': {
        const args = nd.args as MathNode[];
        switch (nd.fn) {
          case 'unaryMinus':
            return walk(args[0], fneg(factor), out);
          case 'unaryPlus':
            return walk(args[0], factor, out);
          case 'add':
            walk(args[0], factor, out);
            return walk(args[1], factor, out);
          case 'subtract':
            walk(args[0], factor, out);
            return walk(args[1], fneg(factor), out);
          case 'multiply': {
            const [a, b] = args;
            const ea = hasElement(a);
            const eb = hasElement(b);
            if (ea && eb) throw new ExprError(`a product of two elements is not linear: "${node.toString()}"`);
            return ea ? walk(a, fmul(factor, scalar(b)), out) : walk(b, fmul(factor, scalar(a)), out);
          }
          case 'divide':
            return walk(args[0], fdiv(factor, scalar(args[1])), out);
        }
        throw new ExprError(`"${node.toString()}" is not a linear combination of elements`);
      }
      case 'FunctionNode': {
        const name = nd.fn?.name as string;
        if ((name === 're' || name === 'im' || name === 'conj') && nd.args.length === 1) {
          // conj(Σ c ρ_ab) = Σ c* ρ_ba (ρ is Hermitian); re = (x + x*)/2, im = (x − x*)/2i
          const inner = new Map<number, Frac>();
          walk(nd.args[0], frac(one()), inner);
          const conjugate = new Map<number, Frac>();
          for (const [k, c] of inner) conjugate.set((k % n) * n + Math.floor(k / n), fconj(c));
          const add = (src: Map<number, Frac>, f: Frac) => {
            for (const [k, c] of src) {
              const v = fmul(factor, fmul(f, c));
              out.set(k, out.has(k) ? fadd(out.get(k)!, v) : v);
            }
          };
          if (name === 'conj') add(conjugate, frac(one()));
          else if (name === 're') {
            add(inner, frac(num(1, 2)));
            add(conjugate, frac(num(1, 2)));
          } else {
            add(inner, frac(mul(num(-1, 2), imag())));
            add(conjugate, frac(mul(num(1, 2), imag())));
          }
          return;
        }
        throw new ExprError(`"${node.toString()}" is not a linear combination of elements`);
      }
    }
    throw new ExprError(`"${node.toString()}" is not a linear combination of elements`);
  };
  const out = new Map<number, Frac>();
  walk(root, frac(one()), out);
  return out;
}

// ───────────────────────── the comparison ─────────────────────────

export type EquationStatus = 'match' | 'mismatch' | 'undecided';

export interface TermRow {
  /** the element (in the file's names) whose coefficient this is, or "M[i][j]" */
  term: string;
  status: 'match' | 'mismatch';
  published: string;
  derived: string;
  /** published − derived (numerator over the published denominator when it has one) */
  difference?: string;
  /** the same difference as LaTeX (the report renders it with KaTeX) */
  differenceTex?: string;
}

export interface EquationRow {
  id: string;
  reference: string;
  kind: EquationKind;
  status: EquationStatus;
  /** one line saying what was compared and what came out */
  detail: string;
  terms?: TermRow[];
  /** the exact difference published − derived (numerator), when not term by term */
  difference?: string;
  cofactor?: string;
  /** steady: the published right side and the derived left side at the exact steady state, as LaTeX, when short */
  publishedTex?: string;
  derivedTex?: string;
}

export interface EquationsCheck {
  model: string;
  published: string;
  approx: Approx;
  rows: EquationRow[];
  ok: boolean;
}

const fracText = (f: Frac, model: Model) => {
  const d = f.den.constantValue();
  const numText = exprText(f.num, model);
  if (d && d.re.n === 1n && d.re.d === 1n && d.im.n === 0n) return numText;
  return `(${numText})/(${exprText(f.den, model)})`;
};

export function checkEquations(pub: PublishedEquations): EquationsCheck {
  const model = pub.model;
  const n = model.states.length;
  const table = deriveTable(model, pub.approx);
  const screen = exactZeroTest(model);
  const relations = angleRelations(model);
  // Zero in the normal form, or once the mixing angles' cot θ relations are imposed (2cs·√(Δ²+4ξ²) = 2ξ).
  const isZero = (x: Expr) => screen(x) || (model.angles.length > 0 && isZeroExact(model, relations(x)));
  const nameOf = (el: El): string => {
    for (const [name, e] of pub.elementNames) if (e[0] === el[0] && e[1] === el[1]) return name;
    return `rho${el[0] + 1}${el[1] + 1}`;
  };
  const elementOf = (s: string) =>
    pub.elementNames.get(s) ?? (/^rho(\d)(\d)$/.test(s) ? ([Number(s[3]) - 1, Number(s[4]) - 1] as El) : undefined);
  const derivedCoef = (row: El, col: El): Expr => {
    const eq = table.equations.find((e) => e.row === row[0] && e.col === row[1])!;
    return eq.terms.find((t) => t.b === col[0] && t.c === col[1])?.coef ?? zero();
  };
  const compareTerm = (term: string, published: Frac, derived: Expr): TermRow => {
    const diff = crossDifference(published, frac(derived));
    const ok = isZero(diff);
    // the difference as printed: with the angle relations imposed when that shortens it (R_θ = √(N² + D²))
    const reduced = model.angles.length ? relations(diff) : diff;
    const shown = reduced.terms.size < diff.terms.size ? reduced : diff;
    const den = published.den.constantValue();
    const differenceTex = ok
      ? undefined
      : den && den.re.n === 1n && den.re.d === 1n && den.im.n === 0n
        ? latexExpr(shown, model)
        : `\\frac{${latexExpr(shown, model)}}{${latexExpr(published.den, model)}}`;
    return {
      term,
      status: ok ? 'match' : 'mismatch',
      published: fracText(published, model),
      derived: exprText(derived, model),
      difference: ok ? undefined : fracText({ num: shown, den: published.den }, model),
      differenceTex,
    };
  };
  const rows = pub.equations.map((eq): EquationRow => {
    const head = { id: eq.id, reference: eq.reference, kind: eq.kind };
    try {
      return compareOne(eq, head);
    } catch (e) {
      // e.g. a closed form that the exact solve could not produce (a block too large): say so in the row
      if (e instanceof ExprError) return { ...head, status: 'undecided', detail: e.message };
      throw e;
    }
  });
  return { model: model.file, published: pub.file, approx: pub.approx, rows, ok: rows.every((r) => r.status === 'match') };

  function compareOne(eq: PublishedEquation, head: Pick<EquationRow, 'id' | 'reference' | 'kind'>): EquationRow {
    switch (eq.kind) {
      case 'motion': {
        const el = eq.element!;
        const derived = table.equations.find((e) => e.row === el[0] && e.col === el[1])!;
        const keys = new Set<number>([...eq.rhs!.keys(), ...derived.terms.map((t) => t.b * n + t.c)]);
        const terms = [...keys]
          .sort((a, b) => a - b)
          .map((k) => {
            const col: El = [Math.floor(k / n), k % n];
            return compareTerm(nameOf(col), eq.rhs!.get(k) ?? frac(zero()), derivedCoef(el, col));
          });
        const bad = terms.filter((t) => t.status === 'mismatch');
        return {
          ...head,
          status: bad.length ? 'mismatch' : 'match',
          terms,
          detail: bad.length
            ? `d(${nameOf(el)})/dt: ${bad.length} of ${terms.length} coefficients differ (${bad.map((t) => t.term).join(', ')})`
            : `d(${nameOf(el)})/dt: all ${terms.length} coefficients agree`,
        };
      }
      case 'matrix': {
        const X = eq.X!;
        const R = eq.rows!;
        const terms: TermRow[] = [];
        R.forEach((row, i) =>
          X.forEach((col, j) =>
            terms.push(compareTerm(`M[${i + 1}][${j + 1}] (d${nameOf(row)}/dt, ${nameOf(col)})`, eq.M![i][j], derivedCoef(row, col))),
          ),
        );
        // couplings to elements outside X: the published X must be closed under the dynamics
        const outside: TermRow[] = [];
        for (const row of R) {
          const d = table.equations.find((e) => e.row === row[0] && e.col === row[1])!;
          for (const t of d.terms)
            if (!X.some(([r, c]) => r === t.b && c === t.c))
              outside.push(compareTerm(`d${nameOf(row)}/dt, ${nameOf([t.b, t.c])} (outside X)`, frac(zero()), t.coef));
        }
        const bad = [...terms, ...outside].filter((t) => t.status === 'mismatch');
        if (bad.length && eq.form === 'MX = 0' && outside.length === 0) {
          // MX = 0 fixes M only up to a factor per row: row i of M proportional to the derived row i
          const proportional = R.every((row, i) =>
            X.every((_, j) =>
              X.every((__, k) =>
                isZero(crossDifference(fmul(eq.M![i][j], frac(derivedCoef(row, X[k]))), fmul(eq.M![i][k], frac(derivedCoef(row, X[j]))))),
              ),
            ),
          );
          if (proportional)
            return {
              ...head,
              status: 'match',
              terms: [...terms, ...outside],
              detail: `M (${R.length}×${X.length}): each row is a multiple of the derived row, so MX = 0 is the derived steady-state system; entries differ from dX/dt by those factors`,
            };
        }
        return {
          ...head,
          status: bad.length ? 'mismatch' : 'match',
          terms: [...terms, ...outside],
          detail: bad.length
            ? `M (${R.length}×${X.length}): ${bad.length} entries differ: ${bad.map((t) => t.term.split(' ')[0]).join(', ')}`
            : `M (${R.length}×${X.length}) equals the derived dX/dt = MX entry by entry`,
        };
      }
      case 'determinant': {
        const U = eq.unknowns!;
        const A = blockMatrix(table, U);
        const det = determinantOf(A);
        const diff = crossDifference(eq.value!, frac(det));
        const ok = isZero(diff);
        return {
          ...head,
          status: ok ? 'match' : 'mismatch',
          detail: `det of the ${U.length}×${U.length} coefficient matrix of ${U.map(nameOf).join(', ')} in their own equations: ${ok ? 'equal' : 'differs'} (derived: ${det.terms.size} terms)`,
          difference: ok ? undefined : fracText({ num: diff, den: eq.value!.den }, model),
        };
      }
      case 'flux': {
        // F = −i[σ^z_site, H_S] with H_S = Σ E_m |m><m| in the eigenbasis; Tr(Fρ) = Σ F_ba ρ_ab
        const sz = model.siteOperators.get(`sz(${eq.site})`)!.eigen;
        const H = opAdd(...model.states.map((st, a) => ketbra(n, a, a, st.energy)));
        const F = opScale(opAdd(opMul(sz, H), opNeg(opMul(H, sz))), neg(imag()));
        const derived = new Map<number, Expr>();
        for (const [r, c, v] of F.nonzero()) if (!isZero(v)) derived.set(c * n + r, v);
        const keys = new Set<number>([...eq.rhs!.keys(), ...derived.keys()]);
        const terms = [...keys]
          .sort((a, b) => a - b)
          .map((k) => compareTerm(nameOf([Math.floor(k / n), k % n]), eq.rhs!.get(k) ?? frac(zero()), derived.get(k) ?? zero()));
        const bad = terms.filter((t) => t.status === 'mismatch');
        return {
          ...head,
          status: bad.length ? 'mismatch' : 'match',
          terms,
          detail: bad.length
            ? `-i<[sz(${eq.site}), H_S]> = Tr(F rho): ${bad.length} of ${terms.length} coefficients differ (${bad.map((t) => t.term).join(', ')})`
            : `-i<[sz(${eq.site}), H_S]> = Tr(F rho) exactly (${terms.length} coefficients)`,
        };
      }
      case 'steady':
        return steadyRow(pub, table, eq, elementOf, head);
      case 'vanishing':
        return vanishingRow(pub, table, eq, head, nameOf);
    }
  }
}

/** The exact steady state as values of the elements (ρ = N/D of its block). */
function steadyValues(table: DerivedTable): (el: El) => Frac {
  const s = exactSteadyState(table);
  return (el) => {
    for (const b of s.blocks) {
      const i = b.elements.findIndex(([r, c]) => r === el[0] && c === el[1]);
      if (i < 0) continue;
      if (!b.solved)
        throw new ExprError(`the exact steady state of the block of rho${el[0] + 1}${el[1] + 1} is not available: ${b.reason}`);
      return b.populations ? frac(b.numerators[i], b.determinant) : frac(zero());
    }
    throw new Error('internal: element in no block');
  };
}

/** Every Planck occupation at the first bath's temperature: the equilibrium of a file's "equilibrium": true. */
function atOneTemperature(model: Model, x: Expr): Expr {
  const first = model.baths[0]?.name;
  return substitute(expandCorrelations(model, x), (v: Variable) =>
    v.kind === 'atom' && v.fn === 'N' && v.args[0] !== first ? atom('N', [first, v.args[1]]) : undefined,
  );
}

/** lhs and rhs at the model's default parameters (every bath at the first one's temperature for an equilibrium claim). */
function numericSides(model: Model, lhs: Frac, rhs: Frac, oneTemperature: boolean): string {
  const p: Record<string, number> = Object.fromEntries(model.parameters.map((x) => [x.name, x.default]));
  const temps = model.baths.map((b) => [...b.temperature.variables()].map((k) => variable(k)));
  if (oneTemperature && temps.every((t) => t.length === 1 && t[0].kind === 'symbol'))
    for (const [t] of temps) p[(t as { name: string }).name] = p[(temps[0][0] as { name: string }).name];
  const price = priceBathAtom(model, p);
  const value = (f: Frac) => {
    const [nr, ni] = complexValue(model, f.num, p, price);
    const [dr, di] = complexValue(model, f.den, p, price);
    const d = dr * dr + di * di;
    const [re, im] = [(nr * dr + ni * di) / d, (ni * dr - nr * di) / d];
    return Math.abs(im) > 1e-12 * Math.max(1, Math.abs(re))
      ? `${re.toPrecision(6)} ${im < 0 ? '-' : '+'} ${Math.abs(im).toPrecision(6)}i`
      : re.toPrecision(6);
  };
  const at = model.parameters.map((x) => `${x.name} = ${p[x.name]}`).join(', ');
  return `at ${at}: lhs = ${value(lhs)}, rhs = ${value(rhs)}`;
}

function steadyRow(
  pub: PublishedEquations,
  table: DerivedTable,
  eq: PublishedEquation,
  elementOf: (s: string) => El | undefined,
  head: Pick<EquationRow, 'id' | 'reference' | 'kind'>,
): EquationRow {
  const model = pub.model;
  const values = steadyValues(table);
  const walk = (side: 'lhs' | 'rhs') =>
    steadyWalker(model, pub.definitions, elementOf, `${eq.field}.${side}`, values)(parseText(side === 'lhs' ? eq.lhsText! : eq.rhsText!));
  const lhs = walk('lhs');
  const rhs = walk('rhs');
  const diff = crossDifference(lhs, rhs);
  const ok = eq.equilibrium
    ? exactZeroTest(model, { oneTemperature: true, exact: (x) => atOneTemperature(model, x).isZero() })(diff)
    : exactZeroTest(model)(diff);
  const where = eq.equilibrium ? ' with every bath at one temperature' : '';
  // Side by side for the report: the published rhs, and the lhs at the exact steady state in the paper's named
  // coefficients (the appendix's form; Case A secular: rho11 = Γ2Γ4(ΣΓ)/((Γ1+Γ2)(Γ3+Γ4)(ΣΓ))), when short.
  const short = (f: Frac, limit = 16) => f.num.terms.size <= limit && f.den.terms.size <= limit;
  const texOf = (f: Frac, tex: (x: Expr) => string) =>
    f.den.constantValue()?.re.n === 1n && f.den.constantValue()?.re.d === 1n && f.den.constantValue()?.im.n === 0n
      ? tex(f.num)
      : `\\frac{${tex(f.num)}}{${tex(f.den)}}`;
  let derivedTex = short(lhs) ? texOf(lhs, (x) => latexExpr(x, model)) : undefined;
  if (!derivedTex)
    try {
      const named = namedSteadyState(table);
      const namedValue = (el: El): Frac => {
        for (const b of named.steady.blocks) {
          const i = b.elements.findIndex(([r, c]) => r === el[0] && c === el[1]);
          if (i < 0) continue;
          if (b.populations && !b.solved) throw new Error('no named form for this block'); // caught below: the exact form is shown
          return b.populations ? frac(b.numerators[i], b.determinant) : frac(zero());
        }
        return frac(zero());
      };
      const namedLhs = steadyWalker(model, pub.definitions, elementOf, `${eq.field}.lhs`, namedValue)(parseText(eq.lhsText!));
      if (short(namedLhs)) derivedTex = texOf(namedLhs, named.latex);
    } catch {
      derivedTex = undefined; // a named form is a convenience of the report only
    }
  // the published side as the file writes it, in its own symbols (mathjs prints the expression tree)
  let publishedTex: string | undefined;
  try {
    publishedTex = `${parseText(eq.lhsText!).toTex()} = ${parseText(eq.rhsText!).toTex()}`;
  } catch {
    publishedTex = undefined;
  }
  return {
    ...head,
    publishedTex,
    derivedTex,
    status: ok ? 'match' : 'mismatch',
    detail: `${eq.lhsText} = ${eq.rhsText} at the exact steady state${where}: ${ok ? 'holds exactly' : 'does not hold'}`,
    difference: ok
      ? undefined
      : `numerator of lhs - rhs has ${diff.terms.size} terms${diff.terms.size <= 40 ? `: ${exprText(diff, model)}` : ''}; ${numericSides(model, lhs, rhs, eq.equilibrium === true)}`,
  };
}

const atomText = (model: Model, key: string) => exprText(ExprClass.ofVariable(variable(key)), model);

function vanishingRow(
  pub: PublishedEquations,
  table: DerivedTable,
  eq: PublishedEquation,
  head: Pick<EquationRow, 'id' | 'reference' | 'kind'>,
  nameOf: (el: El) => string,
): EquationRow {
  const model = pub.model;
  const el = eq.element!;
  const block = exactSteadyState(table).blocks.find((b) => b.elements.some(([r, c]) => r === el[0] && c === el[1]))!;
  if (!block.solved || !block.populations) {
    return {
      ...head,
      status: 'undecided',
      detail: block.solved
        ? `${nameOf(el)} is in a homogeneous block: it vanishes wherever that block's determinant does not`
        : `no exact steady state for ${nameOf(el)}: ${block.reason}`,
    };
  }
  const numerator = block.numerators[block.elements.findIndex(([r, c]) => r === el[0] && c === el[1])];
  const isZero = exactZeroTest(model);
  const published = eq.conditionTexts!.map((t) => scalarWalker(model, pub.definitions, `${eq.field}.condition`)(parseText(t)).num);
  // c = 0 for a complex c means c* = 0 as well: in the free ring the conjugate correlation functions
  // (Gamma_12 and Gamma_21) are separate variables, so the conjugate conditions join the divisors.
  const conditions = [...published];
  for (const c of published) if (!conditions.some((x) => x.key === conj(c).key)) conditions.push(conj(c));
  // Each condition is solved for a correlation function it is linear in, which is then eliminated from the
  // numerator and the later conditions: a numerator that becomes exactly zero vanishes wherever the conditions
  // hold (and the eliminated coefficients do not vanish) — the published condition is sufficient.
  let rest = numerator;
  let pending = conditions;
  const pivots: string[] = [];
  while (pending.length) {
    const [c, ...others] = pending;
    const candidates = [...c.variables()]
      .filter((k) => variable(k).kind === 'atom')
      .map((k) => ({ k, root: linearIn(c, k) }))
      .filter((x) => x.root);
    if (candidates.length === 0) {
      if (isZero(c)) {
        pending = others;
        continue; // the condition holds identically once earlier ones are imposed
      }
      return {
        ...head,
        status: 'undecided',
        detail: `a condition of ${eq.id} is linear in none of its correlation functions: no elimination`,
      };
    }
    candidates.sort((x, y) => x.root!.a.terms.size - y.root!.a.terms.size || (x.k < y.k ? -1 : 1));
    const { k, root } = candidates[0];
    pivots.push(atomText(model, k));
    rest = eliminate(rest, k, root!);
    pending = others.map((o) => eliminate(o, k, root!));
  }
  const ok = isZero(rest);
  return {
    ...head,
    status: ok ? 'match' : 'mismatch',
    detail: ok
      ? `the numerator of ${nameOf(el)} (${numerator.terms.size} terms) is exactly zero once the published condition${published.length > 1 ? 's' : ''}${conditions.length > published.length ? ' and the complex conjugate' + (published.length > 1 ? 's' : '') : ''} are solved for ${pivots.join(', ')}: the condition implies ${nameOf(el)} = 0`
      : `after solving the published condition${conditions.length > 1 ? 's' : ''} for ${pivots.join(', ')}, the numerator of ${nameOf(el)} is still nonzero (${rest.terms.size} terms): the condition does not make ${nameOf(el)} vanish`,
    difference: ok || rest.terms.size > 40 ? undefined : exprText(rest, model),
  };
}
