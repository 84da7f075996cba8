// Published master equations (derivations/**/X.published.json) → exact coefficients and superoperators.
//
// File format: { source, model, unitary, approx?, coefficients: {name: expr}, latex?: {name: tex},
//   terms: [{coefficient, operator, hc?, nonsecular?}] } (approx: the one approximation the equation is in). Coefficient expressions use the model's
// parameters, cos/sin of its angles, i, and its bath functions at its frequencies (A1(eps1)). Operator
// expressions are sums of products with rho: tau42*rho*tau13, tau32*rho, L(tau31) (= 2XρX† − {X†X, ρ}),
// the model's named operators (phi1m) and dag(X).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MathNode } from 'mathjs';
import { type Expr, add, mul, neg, num, one, imag, symbol, conj } from '../algebra/expr.ts';
import { type Algebra, ExprError, evaluateText, scalarAlgebra, scalarFunction, walkNode, parseText } from '../algebra/parse.ts';
import { type Operator, adjoint, identity, ketbra, opAdd, opMul, opNeg, opScale } from '../operators/operator.ts';
import { SuperOp } from '../operators/superop.ts';
import { type BathFunction, type Frequency, type Model, ModelError } from '../model/model.ts';
import { loadModelFile } from '../model/load.ts';
import { latexProblem } from '../model/latexField.ts';
import { parseJson } from '../model/json.ts';
import { checkKeys, checkSchema } from '../model/schema.ts';
import { APPROXIMATIONS, type Approx } from '../derive/approx.ts';
import { correlation } from '../bath/correlators.ts';
import { couplingSpectrum, principalValue, spectrumAt } from '../bath/atoms.ts';

export interface PublishedTerm {
  coefficient: string;
  operatorText: string;
  /** the superoperator the coefficient multiplies (its h.c. is separate) */
  structure: SuperOp;
  hc: boolean;
  nonsecular: boolean;
}

export interface Published {
  file: string;
  source: string;
  model: Model;
  unitary: boolean;
  /** the approximation the published equation is in ("approx" field), when it is only one of them */
  approx?: Approx;
  coefficients: Map<string, Expr>;
  latex: Map<string, string>;
  terms: PublishedTerm[];
}

/**
 * The start every published-file loader shares: the JSON object of the file, its model (given, or the file's
 * "model" relative to it), and `fail`, which names the file and the field.
 */
export function readPublishedJson(
  path: string,
  model?: Model,
): { json: any; model: Model; fail: (field: string, detail: string) => never } {
  const file = basename(path);
  const fail = (field: string, detail: string): never => {
    throw new ModelError(file, field, detail);
  };
  let json: any;
  try {
    json = parseJson(readFileSync(path, 'utf8'));
  } catch (e) {
    fail('(file)', `cannot read as JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('(root)', 'expected an object');
  checkSchema(json, fail);
  for (const f of ['source', 'notes']) if (json[f] !== undefined && typeof json[f] !== 'string') fail(f, 'expected a string');
  if (!model) {
    if (typeof json.model !== 'string') fail('model', 'expected the model file name (relative to this file)');
    model = loadModelFile(join(dirname(path), json.model));
  }
  return { json, model, fail };
}

export function loadPublishedFile(path: string, model?: Model): Published {
  const file = basename(path);
  const { json, model: m, fail } = readPublishedJson(path, model);
  checkKeys(json, 'table', '', fail);
  const guard = <T>(field: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ExprError || e instanceof RangeError) fail(field, e.message);
      throw e;
    }
  };
  if (typeof json.coefficients !== 'object' || json.coefficients === null || Array.isArray(json.coefficients))
    fail('coefficients', 'expected an object mapping names to expressions');
  const coefficients = new Map<string, Expr>();
  for (const [name, text] of Object.entries(json.coefficients)) {
    const field = `coefficients.${name}`;
    if (typeof text !== 'string' || !text.trim()) fail(field, 'expected an expression string');
    coefficients.set(
      name,
      guard(field, () => evaluateText(text as string, publishedScalars(m, field))),
    );
  }
  if (!Array.isArray(json.terms) || json.terms.length === 0)
    fail('terms', 'expected a non-empty array of {coefficient, operator, hc?, nonsecular?}');
  const terms: PublishedTerm[] = json.terms.map((t: any, i: number) => {
    const field = `terms[${i}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) fail(field, 'expected an object');
    checkKeys(t, 'term', field, fail);
    if (typeof t.coefficient !== 'string' || !coefficients.has(t.coefficient))
      fail(`${field}.coefficient`, `expected the name of an entry of "coefficients", got ${JSON.stringify(t.coefficient)}`);
    if (typeof t.operator !== 'string') fail(`${field}.operator`, 'expected a superoperator expression such as "2*tau42*rho*tau13"');
    for (const flag of ['hc', 'nonsecular'])
      if (t[flag] !== undefined && typeof t[flag] !== 'boolean') fail(`${field}.${flag}`, 'expected true or false');
    const structure = guard(`${field}.operator`, () => superoperator(m, t.operator));
    return { coefficient: t.coefficient, operatorText: t.operator, structure, hc: t.hc === true, nonsecular: t.nonsecular === true };
  });
  if (json.latex !== undefined && (typeof json.latex !== 'object' || json.latex === null || Array.isArray(json.latex)))
    fail('latex', 'expected an object mapping coefficient names to math-mode LaTeX');
  const latex = new Map<string, string>();
  for (const [name, v] of Object.entries(json.latex ?? {})) {
    if (typeof v !== 'string') fail(`latex.${name}`, 'expected a string of math-mode LaTeX');
    const why = latexProblem(v as string);
    if (why) fail(`latex.${name}`, why);
    latex.set(name, v as string);
  }
  if (json.unitary !== undefined && typeof json.unitary !== 'boolean')
    fail('unitary', `expected true or false, got ${JSON.stringify(json.unitary)}`);
  if (json.approx !== undefined && !APPROXIMATIONS.includes(json.approx))
    fail(
      'approx',
      `expected one of ${APPROXIMATIONS.join(', ')} (the approximation of the published equation), got ${JSON.stringify(json.approx)}`,
    );
  const approx = json.approx as Approx | undefined;
  return {
    file,
    source: typeof json.source === 'string' ? json.source : '',
    model: m,
    unitary: json.unitary !== false,
    ...(approx ? { approx } : {}),
    coefficients,
    latex,
    terms,
  };
}

/** Scalars of a published file: parameters, definitions, i, angles, and bath functions at model frequencies. */
export function publishedScalars(model: Model, describe: string): Algebra<Expr> {
  const params = new Set(model.parameters.map((p) => p.name));
  const angles = new Set(model.angles.map((a) => a.name));
  const energies = new Map(model.states.map((s) => [s.name, s.energy]));
  const freqArg = (node: MathNode, fn: string): Frequency => {
    const n = node as any;
    if (n.type === 'SymbolNode') {
      const f = model.frequencies.find((x) => x.name === n.name);
      if (f) return f;
    }
    const value = walkNode(
      node,
      scalarAlgebra((s) => (params.has(s) ? symbol(s) : (model.definitions.get(s) ?? energies.get(s))), { describe }),
    );
    const f = model.frequencies.find((x) => x.value.equals(value));
    if (!f)
      throw new ExprError(
        `${fn}(${node.toString()}): "${node.toString()}" is not a Bohr frequency of ${model.file} (${model.frequencies.map((x) => x.name).join(', ')})`,
      );
    return f;
  };
  return scalarAlgebra((s) => (params.has(s) ? symbol(s) : model.definitions.get(s)), {
    angles,
    describe,
    call: (fn, args) => {
      const hermitian = hermitianAtom(model, fn, args, (node) => freqArg(node, fn).name);
      if (hermitian) return hermitian;
      const bf = model.bathFunctions.find((b) => b.name === fn) ?? defaultBathFunction(model, fn);
      if (!bf) return undefined;
      if (args.length !== 1) throw new ExprError(`${fn} takes one frequency argument`);
      return correlation(model, bf.kind, bf.channels[0], bf.channels[1], freqArg(args[0], fn));
    },
  });
}

/**
 * The spectrum atoms as printers write them: J(bath, k, l, ω), S(bath, k, l, ±ω | 0), Pi(bath, k, l, ±ω | 0) —
 * ω a Bohr frequency (or an expression equal to one), −ω its negative.
 */
function hermitianAtom(model: Model, fn: string, args: readonly MathNode[], positive: (node: MathNode) => string): Expr | undefined {
  if (fn !== 'J' && fn !== 'S' && fn !== 'Pi') return undefined;
  if (args.length !== 4) throw new ExprError(`${fn}(bath, k, l, frequency) takes four arguments, got ${args.length}`);
  const name = (node: MathNode, what: string, allowed: string[]): string => {
    const text = node.toString().trim();
    if (!allowed.includes(text)) throw new ExprError(`${fn}: "${text}" is not a ${what} of ${model.file} (${allowed.join(', ')})`);
    return text;
  };
  const bath = name(
    args[0]!,
    'bath',
    model.baths.map((b) => b.name),
  );
  const ops = [...model.channels, ...model.couplings].map((c) => c.name);
  const k = name(args[1]!, 'channel or coupling', ops);
  const l = name(args[2]!, 'channel or coupling', ops);
  let f = args[3] as any;
  while (f.type === 'ParenthesisNode') f = f.content;
  const ref =
    f.type === 'ConstantNode' && Number(f.value) === 0
      ? '0'
      : f.type === 'OperatorNode' && f.fn === 'unaryMinus'
        ? `-${positive(f.args[0])}`
        : positive(f);
  if (fn === 'J') {
    if (ref === '0' || ref.startsWith('-')) throw new ExprError('J(bath, k, l, ω) takes a positive Bohr frequency');
    return spectrumAt(model, bath, k, l, ref);
  }
  return fn === 'S' ? couplingSpectrum(model, bath, k, l, ref) : principalValue(model, bath, k, l, ref);
}

/** The name printers give a correlation function the model does not name: Gm_k_l (emission), Gp_k_l (absorption). */
function defaultBathFunction(model: Model, fn: string): Pick<BathFunction, 'kind' | 'channels'> | undefined {
  for (const k of model.channels) {
    for (const l of model.channels) {
      if (fn === `Gm_${k.name}_${l.name}`) return { kind: 'emission', channels: [k.name, l.name] };
      if (fn === `Gp_${k.name}_${l.name}`) return { kind: 'absorption', channels: [k.name, l.name] };
    }
  }
  return undefined;
}

type SuperValue =
  | { kind: 'scalar'; x: Expr }
  | { kind: 'op'; op: Operator }
  /** Σ coef · left ρ right, with undefined meaning the identity */
  | { kind: 'super'; parts: { coef: Expr; left?: Operator; right?: Operator }[] };

/** Parse a superoperator expression over the model's eigenbasis. */
export function superoperator(model: Model, text: string): SuperOp {
  const n = model.states.length;
  const scalars = publishedScalars(model, 'operator');
  const tau = (name: string): Operator | undefined => {
    const m = /^tau(\d)(\d)$/.exec(name);
    if (!m) return undefined;
    const [a, b] = [Number(m[1]) - 1, Number(m[2]) - 1];
    if (a >= n || b >= n || a < 0 || b < 0) throw new ExprError(`${name}: the model has eigenstates 1..${n}`);
    return ketbra(n, a, b);
  };
  const mulOp = (a?: Operator, b?: Operator) => (a && b ? opMul(a, b) : (a ?? b));
  const alg: Algebra<SuperValue> = {
    describe: 'this superoperator',
    scalar: (x) => ({ kind: 'scalar', x }),
    asScalar: (v) => (v.kind === 'scalar' ? v.x : undefined),
    add: (a, b) => {
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', x: add(a.x, b.x) };
      if (a.kind === 'op' && b.kind === 'op') return { kind: 'op', op: opAdd(a.op, b.op) };
      if (a.kind === 'super' && b.kind === 'super') return { kind: 'super', parts: [...a.parts, ...b.parts] };
      throw new ExprError('every summand must contain rho exactly once');
    },
    mul: (a, b) => {
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', x: mul(a.x, b.x) };
      if (a.kind === 'super' && b.kind === 'super') throw new ExprError('rho appears twice in one product');
      if (a.kind === 'scalar' && b.kind === 'op') return { kind: 'op', op: opScale(b.op, a.x) };
      if (a.kind === 'op' && b.kind === 'scalar') return { kind: 'op', op: opScale(a.op, b.x) };
      if (a.kind === 'op' && b.kind === 'op') return { kind: 'op', op: opMul(a.op, b.op) };
      if (a.kind === 'scalar' && b.kind === 'super')
        return { kind: 'super', parts: b.parts.map((p) => ({ ...p, coef: mul(a.x, p.coef) })) };
      if (a.kind === 'super' && b.kind === 'scalar')
        return { kind: 'super', parts: a.parts.map((p) => ({ ...p, coef: mul(b.x, p.coef) })) };
      if (a.kind === 'op' && b.kind === 'super') return { kind: 'super', parts: b.parts.map((p) => ({ ...p, left: mulOp(a.op, p.left) })) };
      if (a.kind === 'super' && b.kind === 'op')
        return { kind: 'super', parts: a.parts.map((p) => ({ ...p, right: mulOp(p.right, b.op) })) };
      throw new ExprError('unsupported product');
    },
    neg: (a) =>
      a.kind === 'scalar'
        ? { kind: 'scalar', x: neg(a.x) }
        : a.kind === 'op'
          ? { kind: 'op', op: opNeg(a.op) }
          : { kind: 'super', parts: a.parts.map((p) => ({ ...p, coef: neg(p.coef) })) },
    symbol: (s) => {
      if (s === 'rho') return { kind: 'super', parts: [{ coef: one() }] };
      if (s === 'i') return { kind: 'scalar', x: imag() };
      const t = tau(s);
      if (t) return { kind: 'op', op: t };
      const named = model.operators.get(s);
      if (named) return { kind: 'op', op: named.eigen };
      if (s === 'H') return { kind: 'op', op: opAdd(...model.states.map((st, a) => ketbra(n, a, a, st.energy))) };
      const x = scalars.symbol(s);
      return x ? { kind: 'scalar', x } : undefined;
    },
    call: (fn, args, walk) => {
      if (fn === 'tau') {
        arity(fn, args, 2);
        const [a, b] = args.map((x) => {
          const v = walk(x);
          const c = v.kind === 'scalar' ? v.x.constantValue() : undefined;
          if (!c || c.im.n !== 0n || c.re.d !== 1n || c.re.n < 1n || c.re.n > BigInt(n))
            throw new ExprError(`tau(a, b) takes eigenstate numbers 1..${n}, got "${x.toString()}"`);
          return Number(c.re.n) - 1;
        });
        return { kind: 'op', op: ketbra(n, a, b) };
      }
      if (fn === 'dag') {
        arity(fn, args, 1);
        const v = walk(args[0]);
        if (v.kind === 'op') return { kind: 'op', op: adjoint(v.op) };
        if (v.kind === 'scalar') return { kind: 'scalar', x: conj(v.x) };
        throw new ExprError('dag() of a superoperator is not defined; use "hc": true');
      }
      if (fn === 'L') {
        arity(fn, args, 1);
        const v = walk(args[0]);
        if (v.kind !== 'op') throw new ExprError('L(X) takes an operator');
        const x = v.op;
        const xd = adjoint(x);
        const xdx = opMul(xd, x);
        return {
          kind: 'super',
          parts: [
            { coef: num(2), left: x, right: xd },
            { coef: num(-1), left: xdx },
            { coef: num(-1), right: xdx },
          ],
        };
      }
      const walkScalar = (node: MathNode) => {
        const v = walk(node);
        if (v.kind !== 'scalar') throw new ExprError(`${fn} takes a number`);
        return v.x;
      };
      const x = scalarFunction(fn, args, walkScalar, new Set(model.angles.map((a) => a.name))) ?? scalars.call?.(fn, args, walkScalar);
      return x ? { kind: 'scalar', x } : undefined;
    },
  };
  const v = walkNode(parseText(text), alg);
  if (v.kind !== 'super') throw new ExprError('expected an expression containing rho');
  const out = new SuperOp(n);
  for (const p of v.parts) {
    if (p.left && p.right) out.addSandwich(p.coef, p.left, p.right);
    else if (p.left) out.addLeft(p.coef, p.left);
    else if (p.right) out.addRight(p.coef, p.right);
    else out.addLeft(p.coef, identity(n));
  }
  return out;
}

function arity(fn: string, args: readonly MathNode[], count: number): void {
  if (args.length !== count) throw new ExprError(`${fn}(…) takes ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
}

export { opAdd, ketbra };
