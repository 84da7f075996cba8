// The shared code printer (the pattern of SymPy's CodePrinter): precedence and parenthesisation of ir.ts
// nodes are decided here once; a language supplies only its syntax table (number literals, parameter access,
// math-function names, comparison and conditional forms, and its reserved words). Contract: print(x) is valid
// source in that language evaluating x with IEEE doubles; parentheses appear only where precedence (or
// left-to-right rounding order) needs them; equal nodes print equally.
import type { MathFn, Node, RuntimeFn, Test } from './ir.ts';

export interface Syntax {
  /** language name, as in `derive --target` */
  readonly name: string;
  /** words a local may not be called (keywords, builtins the module uses, its own function-local names) */
  readonly reserved: ReadonlySet<string>;
  /** a non-negative finite literal */
  number(value: number): string;
  /** reading model parameter `name` from the function's argument */
  param(name: string): string;
  /** a call of one of the math functions, arguments already printed */
  call(fn: MathFn, args: readonly string[]): string;
  compare(op: Test['op'], left: string, right: string): string;
  /** test ? a : b, each part already printed (a nested conditional in either branch comes parenthesised) */
  conditional(test: string, then: string, otherwise: string): string;
  /** a one-argument function of `param` with the printed body */
  lambda(param: string, body: string): string;
  /** a call of a runtime support function, arguments already printed */
  runtime(fn: RuntimeFn, args: readonly string[]): string;
}

/** Where a node is printed: alone (right of `=`), as a call argument, or as an operand of an operator. */
type Place = 'top' | 'arg' | 'operand';

export class CodePrinter {
  constructor(readonly syntax: Syntax) {}

  /** The node as a whole right-hand side. */
  print(x: Node): string {
    return this.node(x, 'top');
  }

  /** The node where it stands beside others (a list element, a return value): a negative number keeps its parentheses. */
  value(x: Node): string {
    return this.node(x, 'arg');
  }

  private node(x: Node, place: Place): string {
    const s = this.syntax;
    switch (x.kind) {
      case 'num': {
        const text = s.number(Math.abs(x.value));
        return x.value < 0 ? (place === 'top' ? `-${text}` : `(-${text})`) : text;
      }
      case 'ref':
        return x.name;
      case 'param':
        return s.param(x.name);
      case 'sum':
        return x.terms
          .map((t, i) => {
            const body =
              t.factor === null
                ? s.number(t.coef ?? 1)
                : t.coef === null
                  ? this.operand(t.factor, 'term')
                  : `${s.number(t.coef)} * ${this.operand(t.factor, 'factor')}`;
            return i === 0 ? (t.negative ? `-${body}` : body) : t.negative ? ` - ${body}` : ` + ${body}`;
          })
          .join('');
      case 'mul':
        return x.factors.map((f) => this.operand(f, 'factor')).join(' * ');
      case 'div':
        return `${this.operand(x.num, 'left')} / ${this.operand(x.den, 'den')}`;
      case 'call':
        return s.call(
          x.fn,
          x.args.map((a) => this.node(a, 'arg')),
        );
      case 'runtime':
        return s.runtime(
          x.fn,
          x.args.map((a) => this.node(a, 'arg')),
        );
      case 'lambda':
        return s.lambda(x.param, this.node(x.body, 'top'));
      case 'cond': {
        // a conditional in the `then` branch is parenthesised (Python's `a if t else b` needs it); in `else` it chains
        const then = x.then.kind === 'cond' ? `(${this.node(x.then, 'top')})` : this.node(x.then, 'top');
        return s.conditional(
          s.compare(x.test.op, this.operand(x.test.left, 'factor'), this.operand(x.test.right, 'factor')),
          then,
          this.node(x.else, 'top'),
        );
      }
    }
  }

  /**
   * A node as an operand: a sum term (a quotient or product needs nothing), a factor of a product (a quotient is
   * parenthesised, so that rounding keeps the order the program states), a dividend, or a divisor (anything with
   * an operator is parenthesised). Sums and conditionals are always parenthesised.
   */
  private operand(x: Node, role: 'term' | 'factor' | 'left' | 'den'): string {
    const wrapped = () => `(${this.node(x, 'top')})`;
    switch (x.kind) {
      case 'sum':
      case 'cond':
        return wrapped();
      case 'mul':
        return role === 'den' ? wrapped() : this.node(x, 'top');
      case 'div':
        return role === 'term' || role === 'left' ? this.node(x, 'top') : wrapped();
      default:
        return this.node(x, 'operand');
    }
  }
}
