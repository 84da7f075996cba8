// Expression strings → values, through mathjs's parser (mathjs only parses; all arithmetic is ours).
//
// Limits (issue 13): an expression is at most MAX_EXPRESSION_LENGTH characters, nests brackets at most
// MAX_NESTING deep, and its tree (sums and products of many terms count as one level) at most MAX_TREE_DEPTH;
// integer exponents are at most MAX_EXPONENT. Beyond them it is refused with a short ExprError, never a stack
// overflow; every message quotes at most 80 characters of the input.
//
// One tree walker serves every value type (exact scalars, operators, superoperators): the caller
// passes an Algebra that says how to add, multiply, and resolve names. Errors are ExprErrors that
// quote the offending piece, so model loaders can prefix the file and field.
// The number-only build: the exact path needs mathjs's parser only, and this entry loads in half the time.
import { parse } from 'mathjs/number';
import type { MathNode } from 'mathjs';
import { ratFromNumber, ratFromDecimal, rat, type Rational } from './rational.ts';
import { type Expr, add, mul, neg, pow, num, imag, ofRational, radical, scale, halfAngle } from './expr.ts';
import { cq } from './rational.ts';
import { invertConstant, isConstantExpr, sqrtConstant } from './radicals.ts';

export class ExprError extends Error {}

export const MAX_EXPRESSION_LENGTH = 10_000;
export const MAX_NESTING = 64;
export const MAX_TREE_DEPTH = 200;
export const MAX_EXPONENT = 100;

/** At most 80 characters of input text, for messages. */
export function quote(text: string): string {
  const one = text.replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]/gu, ' ');
  return JSON.stringify(one.length > 80 ? `${one.slice(0, 77)}...` : one);
}

/** Chains of one associative operation (a + b + c … as mathjs nests them to the left) count as one level. */
const CHAIN = new Set(['add', 'subtract', 'multiply']);

function treeDepth(root: MathNode): number {
  let max = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_TREE_DEPTH) return max;
    const n = node as any;
    const children: MathNode[] = n.type === 'ParenthesisNode' ? [n.content] : (n.args ?? []);
    children.forEach((c, i) => {
      const same =
        i === 0 && n.type === 'OperatorNode' && CHAIN.has(n.fn) && (c as any).type === 'OperatorNode' && CHAIN.has((c as any).fn);
      stack.push([c, same ? d : d + 1]);
    });
  }
  return max;
}

export interface Algebra<V> {
  /** Wrap an exact scalar as a value. */
  scalar(x: Expr): V;
  /** The exact scalar inside a value, or undefined if the value is not a scalar. */
  asScalar(v: V): Expr | undefined;
  add(a: V, b: V): V;
  mul(a: V, b: V): V;
  neg(a: V): V;
  symbol(name: string): V | undefined;
  call?(name: string, args: readonly MathNode[], walk: (n: MathNode) => V): V | undefined;
  describe: string;
}

export function parseText(text: string): MathNode {
  if (typeof text !== 'string' || text.trim() === '') throw new ExprError('expected a non-empty expression string');
  if (text.length > MAX_EXPRESSION_LENGTH)
    throw new ExprError(
      `the expression is ${text.length} characters long, more than the limit of ${MAX_EXPRESSION_LENGTH}: ${quote(text)}`,
    );
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth > MAX_NESTING) throw new ExprError(`brackets nested more than ${MAX_NESTING} deep: ${quote(text)}`);
  }
  let node: MathNode;
  try {
    node = parse(text);
  } catch (e) {
    // mathjs quotes the rest of the text in its message: one line, at most 80 characters of it
    const raw = (e as Error).message.replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]/gu, ' ');
    const why = e instanceof RangeError ? 'too deeply nested' : raw.length > 120 ? `${raw.slice(0, 117)}...` : raw;
    throw new ExprError(`cannot parse ${quote(text)}: ${why}`);
  }
  if (treeDepth(node) > MAX_TREE_DEPTH)
    throw new ExprError(`the expression nests more than ${MAX_TREE_DEPTH} levels (unary signs and powers count): ${quote(text)}`);
  return node;
}

export function evaluateText<V>(text: string, algebra: Algebra<V>): V {
  return walkNode(parseText(text), algebra);
}

export function walkNode<V>(root: MathNode, algebra: Algebra<V>): V {
  const walk = (node: MathNode): V => {
    const n = node as any;
    switch (node.type) {
      case 'ConstantNode': {
        if (typeof n.value === 'number') return algebra.scalar(ofRational(ratFromNumber(n.value)));
        if (typeof n.value === 'string' && /^[0-9.eE+-]+$/.test(n.value)) return algebra.scalar(ofRational(ratFromDecimal(n.value)));
        throw new ExprError(`unexpected constant ${JSON.stringify(n.value)}`);
      }
      case 'ParenthesisNode':
        return walk(n.content);
      case 'SymbolNode': {
        const v = algebra.symbol(n.name);
        if (v === undefined) throw new ExprError(`unknown symbol "${n.name}" in ${algebra.describe}`);
        return v;
      }
      case 'OperatorNode': {
        const args = n.args as MathNode[];
        switch (n.fn) {
          case 'unaryMinus':
            return algebra.neg(walk(args[0]));
          case 'unaryPlus':
            return walk(args[0]);
          case 'add':
          case 'subtract':
          case 'multiply':
            return chain(node);
          case 'divide': {
            const d = algebra.asScalar(walk(args[1]));
            if (d && d.isZero()) throw new ExprError(`division by zero: ${quote(node.toString())}`);
            // Numbers, radicals included (1/sqrt(2)), have exact inverses; a parameter has none in a polynomial normal form.
            if (!d || !isConstantExpr(d)) {
              throw new ExprError(
                `only division by a nonzero number is exact here: ${quote(node.toString())} divides by ${d ? `${quote(args[1].toString())}, which depends on parameters` : 'an operator'}. ` +
                  'Multiply through instead, or make the quotient a parameter of its own (e.g. a parameter r for Delta/xi); a mixing angle takes a quotient directly: eigen.angles.<name>.cot = "numerator/denominator"',
              );
            }
            return algebra.mul(walk(args[0]), algebra.scalar(invertConstant(d)));
          }
          case 'pow': {
            const base = walk(args[0]);
            const e = algebra.asScalar(walk(args[1]))?.constantValue();
            const k = e && e.im.n === 0n && e.re.d === 1n ? Number(e.re.n) : NaN;
            if (!Number.isInteger(k) || k < 0) throw new ExprError(`exponent must be a non-negative integer: ${quote(node.toString())}`);
            if (k > MAX_EXPONENT) throw new ExprError(`exponent ${k} is above the limit of ${MAX_EXPONENT}: ${quote(node.toString())}`);
            const s = algebra.asScalar(base);
            if (s) return algebra.scalar(pow(s, k));
            let acc = algebra.scalar(num(1));
            for (let i = 0; i < k; i++) acc = algebra.mul(acc, base);
            return acc;
          }
          default:
            throw new ExprError(`operator "${n.op}" is not supported: ${quote(node.toString())}`);
        }
      }
      case 'FunctionNode': {
        const name = n.fn?.name as string;
        const r = algebra.call?.(name, n.args, walk);
        if (r !== undefined) return r;
        throw new ExprError(`unknown function "${name}" in ${algebra.describe}: ${quote(node.toString())}`);
      }
      default:
        throw new ExprError(`unsupported syntax (${node.type}): ${quote(node.toString())}`);
    }
  };
  // a + b + c + … (and products) without one stack frame per term: the left spine is walked in a loop
  const chain = (top: MathNode): V => {
    const spine: any[] = [];
    let n = top as any;
    while (n.type === 'OperatorNode' && CHAIN.has(n.fn)) {
      spine.push(n);
      n = n.args[0];
    }
    let acc = walk(n);
    for (let i = spine.length - 1; i >= 0; i--) {
      const op = spine[i];
      const right = walk(op.args[1]);
      acc =
        op.fn === 'add' ? algebra.add(acc, right) : op.fn === 'subtract' ? algebra.add(acc, algebra.neg(right)) : algebra.mul(acc, right);
    }
    return acc;
  };
  return walk(root);
}

/** Exact √x: perfect squares stay rational, constants go through the canonical radicals of radicals.ts. */
export function exactSqrt(x: Expr): Expr {
  const c = x.constantValue();
  if (c && c.im.n !== 0n) throw new ExprError('square root of a complex number is not supported');
  if (c || isConstantExpr(x)) return sqrtConstant(x);
  return radical(x);
}

/**
 * Functions every scalar context understands: sqrt, and the trigonometry of declared mixing angles,
 * written as cos(θ/2), sin(θ/2), cos(θ), sin(θ).
 */
export function scalarFunction(
  name: string,
  args: readonly MathNode[],
  walkScalar: (n: MathNode) => Expr,
  angles: ReadonlySet<string>,
): Expr | undefined {
  if (name === 'sqrt') {
    if (args.length !== 1) throw new ExprError('sqrt takes one argument');
    return exactSqrt(walkScalar(args[0]));
  }
  if (name === 'cos' || name === 'sin') {
    if (args.length !== 1) throw new ExprError(`${name} takes one argument`);
    const a = angleArgument(args[0], angles);
    if (!a)
      throw new ExprError(
        `${name}(...) is only exact on a declared mixing angle: write ${name}(θ/2) or ${name}(θ) for an angle θ declared in eigen.angles`,
      );
    const { c, s } = halfAngle(a.angle);
    if (a.half) return name === 'cos' ? c : s;
    return name === 'cos' ? add(mul(c, c), neg(mul(s, s))) : scale(mul(c, s), cq(rat(2)));
  }
  return undefined;
}

function angleArgument(node: MathNode, angles: ReadonlySet<string>): { angle: string; half: boolean } | undefined {
  let n = node as any;
  while (n.type === 'ParenthesisNode') n = n.content;
  if (n.type === 'SymbolNode' && angles.has(n.name)) return { angle: n.name, half: false };
  if (n.type === 'OperatorNode' && n.fn === 'divide') {
    const [a, b] = n.args;
    if (a.type === 'SymbolNode' && angles.has(a.name) && b.type === 'ConstantNode' && Number(b.value) === 2) {
      return { angle: a.name, half: true };
    }
  }
  return undefined;
}

/** The plain scalar algebra over exact expressions. */
export function scalarAlgebra(
  symbol: (name: string) => Expr | undefined,
  options: {
    angles?: ReadonlySet<string>;
    call?: (name: string, args: readonly MathNode[], walk: (n: MathNode) => Expr) => Expr | undefined;
    describe?: string;
  } = {},
): Algebra<Expr> {
  const angles = options.angles ?? new Set<string>();
  const alg: Algebra<Expr> = {
    describe: options.describe ?? 'this expression',
    scalar: (x) => x,
    asScalar: (v) => v,
    add: (a, b) => add(a, b),
    mul: (a, b) => mul(a, b),
    neg: (a) => neg(a),
    symbol: (name) => (name === 'i' ? imag() : symbol(name)),
    call: (name, args, walk) => options.call?.(name, args, walk) ?? scalarFunction(name, args, walk, angles),
  };
  return alg;
}

export type { Rational };
