// The language-neutral expression tree of generated straight-line code. A Node is plain data: numbers,
// references to locals, model parameters, sums, products, real division, calls of a fixed set of math
// functions and conditionals on a comparison. Printers (src/emit/code/printer.ts and one syntax table per
// language) turn a Node into source text; the program builder (program.ts) decides what is computed once.
// Contract: a Node never holds a complex value (real and imaginary parts are separate Nodes), and two Nodes
// that print the same are structurally equal (keyOf is the identity used for common subexpressions).

/** The math functions generated code may call; every language's syntax table prints each one. */
export type MathFn = 'sqrt' | 'abs' | 'exp' | 'expm1' | 'log' | 'pow' | 'cos' | 'sin' | 'cosh' | 'sinh' | 'tanh' | 'atan' | 'atan2' | 'max';

/**
 * Runtime functions of the generated module's support library (src/emit/runtime.ts for TypeScript):
 * principalValue(j, T, ω, s0, sign) = (1/2π) PV∫ S(ω′)/(ω − ω′) dω′ of one real part j of a spectrum;
 * eigh(d, re…, im…) the eigendecomposition of a d×d Hermitian block (a handle, read only by the next two),
 * eigenvalue(h, r) its r-th eigenvalue (ascending), eigenvector(h, a, r, part) component a of the r-th vector.
 */
export type RuntimeFn = 'principalValue' | 'eigh' | 'eigenvalue' | 'eigenvector';

export type Node =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'param'; readonly name: string }
  /** Σ ± coef·factor; coef null means 1, factor null means the number coef alone */
  | { readonly kind: 'sum'; readonly terms: readonly SumTerm[] }
  | { readonly kind: 'mul'; readonly factors: readonly Node[] }
  | { readonly kind: 'div'; readonly num: Node; readonly den: Node }
  | { readonly kind: 'call'; readonly fn: MathFn; readonly args: readonly Node[] }
  | { readonly kind: 'cond'; readonly test: Test; readonly then: Node; readonly else: Node }
  /** a one-argument function of the local `param` (a spectrum handed to a runtime quadrature) */
  | { readonly kind: 'lambda'; readonly param: string; readonly body: Node }
  | { readonly kind: 'runtime'; readonly fn: RuntimeFn; readonly args: readonly Node[] };

export interface SumTerm {
  readonly negative: boolean;
  /** |coefficient|, null for 1 */
  readonly coef: number | null;
  readonly factor: Node | null;
}

export interface Test {
  readonly op: 'eq' | 'ge' | 'lt';
  readonly left: Node;
  readonly right: Node;
}

export const num = (value: number): Node => ({ kind: 'num', value });
export const ref = (name: string): Node => ({ kind: 'ref', name });
export const param = (name: string): Node => ({ kind: 'param', name });
export const call = (fn: MathFn, ...args: Node[]): Node => ({ kind: 'call', fn, args });
export const div = (numerator: Node, denominator: Node): Node => ({ kind: 'div', num: numerator, den: denominator });
export const cond = (test: Test, then: Node, otherwise: Node): Node => ({ kind: 'cond', test, then, else: otherwise });
export const lambda = (name: string, body: Node): Node => ({ kind: 'lambda', param: name, body });
export const runtime = (fn: RuntimeFn, ...args: Node[]): Node => ({ kind: 'runtime', fn, args });
export const test = (left: Node, op: Test['op'], right: Node): Test => ({ op, left, right });

export const ZERO = num(0);
export const ONE = num(1);
export const isZero = (x: Node): boolean => x.kind === 'num' && x.value === 0;
export const isOne = (x: Node): boolean => x.kind === 'num' && x.value === 1;

/** a·b·…, dropping factors 1; 0 if any factor is 0. */
export function mul(...factors: Node[]): Node {
  if (factors.some(isZero)) return ZERO;
  const kept = factors.filter((f) => !isOne(f));
  if (kept.length === 0) return ONE;
  return kept.length === 1 ? kept[0]! : { kind: 'mul', factors: kept };
}

/** Σ of signed terms, dropping zeros; 0 when nothing is left, a lone positive plain term as itself. */
export function sum(terms: readonly SumTerm[]): Node {
  const kept = terms.filter((t) => t.coef !== 0 && !(t.factor && isZero(t.factor)));
  if (kept.length === 0) return ZERO;
  const [t] = kept;
  if (kept.length === 1 && !t!.negative && t!.factor && t!.coef === null) return t!.factor;
  return { kind: 'sum', terms: kept };
}

export const plus = (...xs: Node[]): Node => sum(xs.map((x) => ({ negative: false, coef: null, factor: x })));
export const minus = (a: Node, b: Node): Node =>
  sum([
    { negative: false, coef: null, factor: a },
    { negative: true, coef: null, factor: b },
  ]);

/** The structural identity of a node: equal keys print equally in every language. */
export const keyOf = (x: Node): string => JSON.stringify(x);

/** Every local a node reads (ref names), and whether it reads a model parameter. */
export function reads(x: Node, into: Set<string>): boolean {
  switch (x.kind) {
    case 'num':
      return false;
    case 'ref':
      into.add(x.name);
      return false;
    case 'param':
      return true;
    case 'sum':
      return x.terms.map((t) => (t.factor ? reads(t.factor, into) : false)).some(Boolean);
    case 'mul':
      return x.factors.map((f) => reads(f, into)).some(Boolean);
    case 'div':
      return [reads(x.num, into), reads(x.den, into)].some(Boolean);
    case 'call':
    case 'runtime':
      return x.args.map((a) => reads(a, into)).some(Boolean);
    case 'lambda':
      return reads(x.body, into);
    case 'cond':
      return [reads(x.test.left, into), reads(x.test.right, into), reads(x.then, into), reads(x.else, into)].some(Boolean);
  }
}
