// Plain arithmetic expressions (the usual --set forms: Tb=Ta+dT, gamma=2*g^2, T=sqrt(x)/2) compiled once into a
// JavaScript function of a Float64Array of slot values, so that a sweep pays nothing per point for parsing or
// for mathjs (which also takes most of a second to load). Contract of compileArithmetic(text, slotOf):
//   - the subset: decimal numbers, names, pi, e, + - * / ^ (right-associative, above unary minus, as mathjs:
//     -2^2 = -4), parentheses, and calls of abs sqrt cbrt exp expm1 log log10 log2 log1p sin cos tan asin acos
//     atan sinh cosh tanh atan2 min max pow hypot floor ceil sign (not round: mathjs rounds halves away from 0); the value is the IEEE double mathjs
//     computes for the same text on numbers;
//   - anything else (implicit multiplication, units, matrices, other functions, syntax errors) returns
//     undefined: the caller falls back to mathjs, so its results and error messages stay mathjs's;
//   - `deps` lists the names read; a name without a slot returns undefined too (the caller reports it).

const FUNCTIONS: Record<string, { arity: number | 'many'; js: string }> = {
  abs: { arity: 1, js: 'Math.abs' },
  sqrt: { arity: 1, js: 'Math.sqrt' },
  cbrt: { arity: 1, js: 'Math.cbrt' },
  exp: { arity: 1, js: 'Math.exp' },
  expm1: { arity: 1, js: 'Math.expm1' },
  log: { arity: 1, js: 'Math.log' },
  log10: { arity: 1, js: 'Math.log10' },
  log2: { arity: 1, js: 'Math.log2' },
  log1p: { arity: 1, js: 'Math.log1p' },
  sin: { arity: 1, js: 'Math.sin' },
  cos: { arity: 1, js: 'Math.cos' },
  tan: { arity: 1, js: 'Math.tan' },
  asin: { arity: 1, js: 'Math.asin' },
  acos: { arity: 1, js: 'Math.acos' },
  atan: { arity: 1, js: 'Math.atan' },
  sinh: { arity: 1, js: 'Math.sinh' },
  cosh: { arity: 1, js: 'Math.cosh' },
  tanh: { arity: 1, js: 'Math.tanh' },
  atan2: { arity: 2, js: 'Math.atan2' },
  pow: { arity: 2, js: 'Math.pow' },
  hypot: { arity: 'many', js: 'Math.hypot' },
  min: { arity: 'many', js: 'Math.min' },
  max: { arity: 'many', js: 'Math.max' },
  floor: { arity: 1, js: 'Math.floor' },
  ceil: { arity: 1, js: 'Math.ceil' },
  sign: { arity: 1, js: 'Math.sign' },
};

type Token = { kind: 'num'; text: string } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^(),]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2] });
    else tokens.push({ kind: 'op', text: m[3]! });
  }
  return tokens;
}

class Unsupported extends Error {}

/** Recursive descent with mathjs's precedences: sum < product < unary ± < power (right-associative). */
class Parser {
  private i = 0;
  readonly deps = new Set<string>();
  constructor(
    private readonly tokens: Token[],
    private readonly slotOf: (name: string) => number | undefined,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.text === text;
  }
  private expect(text: string): void {
    if (!this.isOp(text)) throw new Unsupported();
    this.i++;
  }

  parse(): string {
    const js = this.sum();
    if (this.i !== this.tokens.length) throw new Unsupported();
    return js;
  }
  private sum(): string {
    let js = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.i++]!.text;
      js = `(${js} ${op} ${this.product()})`;
    }
    return js;
  }
  private product(): string {
    let js = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.tokens[this.i++]!.text;
      js = `(${js} ${op} ${this.unary()})`;
    }
    return js;
  }
  private unary(): string {
    if (this.isOp('-')) {
      this.i++;
      return `(-${this.unary()})`;
    }
    if (this.isOp('+')) {
      this.i++;
      return `(+${this.unary()})`;
    }
    return this.power();
  }
  private power(): string {
    const base = this.atom();
    if (this.isOp('^')) {
      this.i++;
      return `Math.pow(${base}, ${this.unary()})`; // 2^-1 and 2^3^2 = 2^(3^2), as mathjs
    }
    return base;
  }
  private atom(): string {
    const t = this.tokens[this.i++];
    if (!t) throw new Unsupported();
    if (t.kind === 'num') return `(${Number(t.text)})`;
    if (t.kind === 'op') {
      if (t.text !== '(') throw new Unsupported();
      const js = this.sum();
      this.expect(')');
      return js;
    }
    if (this.isOp('(')) {
      const f = FUNCTIONS[t.text];
      if (!f) throw new Unsupported();
      this.i++;
      const args = [this.sum()];
      while (this.isOp(',')) {
        this.i++;
        args.push(this.sum());
      }
      this.expect(')');
      if (f.arity !== 'many' && args.length !== f.arity) throw new Unsupported();
      return `${f.js}(${args.join(', ')})`;
    }
    if (t.text === 'pi') return `(${Math.PI})`;
    if (t.text === 'e') return `(${Math.E})`;
    const slot = this.slotOf(t.text);
    this.deps.add(t.text);
    if (slot === undefined) throw new Unsupported();
    return `s[${slot}]`;
  }
}

export interface CompiledArithmetic {
  evaluate: (slots: Float64Array) => number;
  deps: string[];
}

export function compileArithmetic(text: string, slotOf: (name: string) => number | undefined): CompiledArithmetic | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  const parser = new Parser(tokens, slotOf);
  let js: string;
  try {
    js = parser.parse();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  // eslint-disable-next-line no-new-func -- the body is built from the tokens above only (numbers, slots, Math.*)
  const evaluate = new Function('s', `return ${js};`) as (slots: Float64Array) => number;
  return { evaluate, deps: [...parser.deps] };
}
