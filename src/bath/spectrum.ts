// Spectral densities as the user writes them: any mathjs expression in ω (the symbol `w`) and the model's
// parameters and definitions — exp, sqrt, rational functions, non-integer powers, complex phases.
//
// A spectrum has two lives. When it is a polynomial in w (flat, ω³, …) it also has an exact form, and the
// tables substitute it at each Bohr frequency, as in 0.1 (every published coefficient depends on this).
// Otherwise its value at a Bohr frequency stays an opaque atom in the tables (J_α(ε1)), and only the
// numeric layers evaluate the expression: `spectrumFunction` here, the emitted code through
// src/emit/code/spectrum.ts.
//
// The ω → 0 behaviour is found exactly from the expression tree (`leadingAtZero`): J ≈ c·ω^p with c free
// of ω, so S(0) = lim 2J(ω)N(ω) = 2Tc for p = 1, 0 for p > 1, and diverges for p < 1.
import type { MathNode } from 'mathjs';
import { type Expr, symbol } from '../algebra/expr.ts';
import { ExprError, evaluateText, parseText, scalarAlgebra } from '../algebra/parse.ts';
import { FREQUENCY_SYMBOL } from '../model/model.ts';

export interface SpectralDensity {
  /** the expression as written in the model file */
  text: string;
  node: MathNode;
  /** the exact polynomial form in w, when the expression has one */
  exact?: Expr;
  /** whether the expression mentions i (a complex cross spectrum) */
  complex: boolean;
}

/** Functions a spectrum may call, with their numeric meaning on complex arguments. */
type C = [number, number];
const FUNCTIONS: Record<string, (z: C) => C> = {
  exp: ([a, b]) => {
    const r = Math.exp(a);
    return b === 0 ? [r, 0] : [r * Math.cos(b), r * Math.sin(b)];
  },
  sqrt: ([a, b]) => {
    if (b === 0 && a >= 0) return [Math.sqrt(a), 0];
    const r = Math.hypot(a, b);
    const re = Math.sqrt((r + a) / 2);
    const im = Math.sqrt((r - a) / 2);
    return [re, b < 0 ? -im : im];
  },
  log: ([a, b]) => [Math.log(Math.hypot(a, b)), Math.atan2(b, a)],
  abs: ([a, b]) => [Math.hypot(a, b), 0],
  cos: ([a, b]) => [Math.cos(a) * Math.cosh(b), -Math.sin(a) * Math.sinh(b)],
  sin: ([a, b]) => [Math.sin(a) * Math.cosh(b), Math.cos(a) * Math.sinh(b)],
  cosh: ([a, b]) => [Math.cosh(a) * Math.cos(b), Math.sinh(a) * Math.sin(b)],
  sinh: ([a, b]) => [Math.sinh(a) * Math.cos(b), Math.cosh(a) * Math.sin(b)],
  tanh: (z) => cdiv(FUNCTIONS.sinh(z), FUNCTIONS.cosh(z)),
  atan: ([a, b]) => {
    if (b !== 0) throw new ExprError('atan of a complex number is not supported in a spectrum');
    return [Math.atan(a), 0];
  },
};
export const SPECTRUM_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

const cmul = (x: C, y: C): C => [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
function cdiv(x: C, y: C): C {
  const d = y[0] * y[0] + y[1] * y[1];
  return [(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d];
}
function cpow(x: C, y: C): C {
  if (x[1] === 0 && y[1] === 0 && (x[0] >= 0 || Number.isInteger(y[0]))) return [Math.pow(x[0], y[0]), 0];
  if (x[0] === 0 && x[1] === 0) return [0, 0];
  const l = FUNCTIONS.log(x);
  return FUNCTIONS.exp(cmul(l, y));
}

const unwrap = (node: MathNode): any => {
  let n = node as any;
  while (n.type === 'ParenthesisNode') n = n.content;
  return n;
};

/**
 * Parse and validate a spectrum: every symbol must be w, i, pi, e or a name `known` accepts, every function
 * one of SPECTRUM_FUNCTIONS. `exactSymbol` resolves names for the exact (polynomial) form.
 */
export function parseSpectrum(
  text: string,
  known: (name: string) => boolean,
  exactSymbol: (name: string) => Expr | undefined,
): SpectralDensity {
  const node = parseText(text);
  let complex = false;
  const visit = (m: MathNode): void => {
    const n = m as any;
    switch (n.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number' && !(typeof n.value === 'string' && /^[0-9.eE+-]+$/.test(n.value)))
          throw new ExprError(`unexpected constant ${JSON.stringify(n.value)}`);
        return;
      case 'SymbolNode':
        if (n.name === 'i') complex = true;
        if (n.name === FREQUENCY_SYMBOL || n.name === 'i' || n.name === 'pi' || n.name === 'e' || known(n.name)) return;
        throw new ExprError(`unknown symbol "${n.name}" (spectra use w for the frequency, parameters and definitions)`);
      case 'ParenthesisNode':
        return visit(n.content);
      case 'OperatorNode':
        if (!['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'].includes(n.fn))
          throw new ExprError(`operator "${n.op}" is not supported in a spectrum`);
        return (n.args as MathNode[]).forEach(visit);
      case 'FunctionNode': {
        const name = n.fn?.name as string;
        if (!(name in FUNCTIONS)) throw new ExprError(`unknown function "${name}" (a spectrum may use ${SPECTRUM_FUNCTIONS.join(', ')})`);
        if (n.args.length !== 1) throw new ExprError(`${name} takes one argument`);
        return (n.args as MathNode[]).forEach(visit);
      }
      default:
        throw new ExprError(`unsupported syntax (${n.type}) in a spectrum`);
    }
  };
  visit(node);
  let exact: Expr | undefined;
  try {
    exact = evaluateText(
      text,
      scalarAlgebra((x) => (x === FREQUENCY_SYMBOL ? symbol(FREQUENCY_SYMBOL) : exactSymbol(x)), { describe: 'spectrum' }),
    );
  } catch (e) {
    if (!(e instanceof ExprError || e instanceof RangeError)) throw e;
    exact = undefined;
  }
  return { text, node, exact, complex };
}

/** A numeric evaluator of the spectrum: (ω, value of each other name) → [re, im]. */
export function spectrumFunction(sd: SpectralDensity, scalar: (name: string) => number): (w: number) => C {
  const walk = (m: MathNode, w: number): C => {
    const n = m as any;
    switch (n.type) {
      case 'ConstantNode':
        return [Number(n.value), 0];
      case 'ParenthesisNode':
        return walk(n.content, w);
      case 'SymbolNode':
        if (n.name === FREQUENCY_SYMBOL) return [w, 0];
        if (n.name === 'i') return [0, 1];
        if (n.name === 'pi') return [Math.PI, 0];
        if (n.name === 'e') return [Math.E, 0];
        return [scalar(n.name), 0];
      case 'OperatorNode': {
        const a = walk(n.args[0], w);
        if (n.fn === 'unaryMinus') return [-a[0], -a[1]];
        if (n.fn === 'unaryPlus') return a;
        const b = walk(n.args[1], w);
        switch (n.fn) {
          case 'add':
            return [a[0] + b[0], a[1] + b[1]];
          case 'subtract':
            return [a[0] - b[0], a[1] - b[1]];
          case 'multiply':
            return cmul(a, b);
          case 'divide':
            return cdiv(a, b);
          default:
            return cpow(a, b);
        }
      }
      default:
        return FUNCTIONS[n.fn.name as string](walk(n.args[0], w));
    }
  };
  return (w) => walk(sd.node, w);
}

/** J ≈ coef · ω^power as ω → 0⁺; coef is expression text free of w. */
export interface Leading {
  power: number;
  coef: string;
}

/**
 * The leading behaviour of a spectrum at ω → 0⁺, from its expression tree. `value` evaluates coefficient
 * text at the default parameters, to detect a cancellation of leading terms (then the caller is told to
 * rewrite the spectrum). Returns power Infinity for an expression that is identically zero near 0.
 */
export function leadingAtZero(sd: SpectralDensity, value: (coefText: string) => number): Leading {
  const ZERO: Leading = { power: Infinity, coef: '0' };
  const hasW = (m: MathNode): boolean => {
    let found = false;
    (m as any).traverse((x: any) => {
      if (x.type === 'SymbolNode' && x.name === FREQUENCY_SYMBOL) found = true;
    });
    return found;
  };
  const walk = (m: MathNode): Leading => {
    const n = unwrap(m);
    if (!hasW(n)) {
      const text = n.toString();
      return Math.abs(value(text)) === 0 && n.type === 'ConstantNode' ? ZERO : { power: 0, coef: text };
    }
    if (n.type === 'SymbolNode') return { power: 1, coef: '1' };
    if (n.type === 'OperatorNode') {
      const [x, y] = n.args as MathNode[];
      switch (n.fn) {
        case 'unaryPlus':
          return walk(x);
        case 'unaryMinus': {
          const a = walk(x);
          return { power: a.power, coef: `-(${a.coef})` };
        }
        case 'add':
        case 'subtract': {
          const a = walk(x);
          const b = walk(y);
          const bc = n.fn === 'add' ? b.coef : `-(${b.coef})`;
          if (a.power < b.power) return a;
          if (b.power < a.power) return { power: b.power, coef: bc };
          if (a.power === Infinity) return ZERO;
          const coef = `(${a.coef}) + (${bc})`;
          if (Math.abs(value(coef)) <= 1e-12 * (Math.abs(value(a.coef)) + Math.abs(value(b.coef)))) {
            throw new ExprError(
              `the leading terms of "${n.toString()}" cancel as w -> 0, so its limit cannot be read off; write the spectrum so that its lowest power of w appears explicitly (e.g. w*exp(-w/wc) instead of exp(-w/wc)*(exp(w) - 1))`,
            );
          }
          return { power: a.power, coef };
        }
        case 'multiply': {
          const a = walk(x);
          const b = walk(y);
          if (a.power === Infinity || b.power === Infinity) return ZERO;
          return { power: a.power + b.power, coef: `(${a.coef}) * (${b.coef})` };
        }
        case 'divide': {
          const a = walk(x);
          const b = walk(y);
          if (b.power === Infinity) throw new ExprError(`division by zero in "${n.toString()}"`);
          if (a.power === Infinity) return ZERO;
          return { power: a.power - b.power, coef: `(${a.coef}) / (${b.coef})` };
        }
        case 'pow': {
          if (hasW(y)) throw new ExprError(`the exponent of "${n.toString()}" depends on w, so its behaviour as w -> 0 cannot be read off`);
          const a = walk(x);
          const k = value(y.toString());
          return { power: a.power * k, coef: `(${a.coef})^(${y.toString()})` };
        }
      }
    }
    if (n.type === 'FunctionNode') {
      const fn = n.fn.name as string;
      const a = walk(n.args[0]);
      if (fn === 'sqrt') return { power: a.power / 2, coef: `sqrt(${a.coef})` };
      if (fn === 'abs') return { power: a.power, coef: `abs(${a.coef})` };
      if (a.power === 0) return { power: 0, coef: `${fn}(${a.coef})` };
      if (a.power > 0) {
        // f(x) with x → 0: exp, cos, cosh → 1; sin, sinh, tanh, atan ≈ x
        if (fn === 'exp' || fn === 'cos' || fn === 'cosh') return { power: 0, coef: '1' };
        if (fn === 'sin' || fn === 'sinh' || fn === 'tanh' || fn === 'atan') return a;
      }
      if (fn === 'exp' && a.power < 0 && value(a.coef) < 0) return ZERO;
      throw new ExprError(`cannot read off the behaviour of "${n.toString()}" as w -> 0`);
    }
    throw new ExprError(`cannot read off the behaviour of "${n.toString()}" as w -> 0`);
  };
  return walk(sd.node);
}
