// A spectral density's expression tree (src/bath/spectrum.ts) as language-neutral code: the value of J at a
// frequency node, real and imaginary parts apart. Complex arithmetic is written out on the parts (a complex
// phase e^{iφ} becomes cos φ, sin φ), so the IR stays real. The nodes are pure (no locals), so the same tree
// can serve as the body of a lambda handed to the runtime quadrature.
import type { MathNode } from 'mathjs';
import { FREQUENCY_SYMBOL } from '../../model/model.ts';
import type { SpectralDensity } from '../../bath/spectrum.ts';
import { type MathFn, type Node, ONE, ZERO, call, div, isZero, minus, mul, num, plus } from './ir.ts';
import type { Val } from './program.ts';

const neg = (x: Node): Node => (isZero(x) ? ZERO : mul(num(-1), x));

/** The spectrum at `w`, with parameters and definitions resolved by `scalar`; conjugated when `conjugate`. */
export function spectrumValue(sd: SpectralDensity, w: Node, scalar: (name: string) => Node, conjugate = false): Val {
  const walk = (m: MathNode): Val => {
    const n = m as any;
    switch (n.type) {
      case 'ConstantNode':
        return { re: num(Number(n.value)), im: ZERO };
      case 'ParenthesisNode':
        return walk(n.content);
      case 'SymbolNode':
        if (n.name === FREQUENCY_SYMBOL) return { re: w, im: ZERO };
        if (n.name === 'i') return { re: ZERO, im: ONE };
        if (n.name === 'pi') return { re: num(Math.PI), im: ZERO };
        if (n.name === 'e') return { re: num(Math.E), im: ZERO };
        return { re: scalar(n.name), im: ZERO };
      case 'OperatorNode': {
        const a = walk(n.args[0]);
        if (n.fn === 'unaryMinus') return { re: neg(a.re), im: neg(a.im) };
        if (n.fn === 'unaryPlus') return a;
        const b = walk(n.args[1]);
        switch (n.fn) {
          case 'add':
            return { re: plus(a.re, b.re), im: plus(a.im, b.im) };
          case 'subtract':
            return { re: minus(a.re, b.re), im: minus(a.im, b.im) };
          case 'multiply':
            return { re: minus(mul(a.re, b.re), mul(a.im, b.im)), im: plus(mul(a.re, b.im), mul(a.im, b.re)) };
          case 'divide': {
            if (isZero(b.im)) return { re: div(a.re, b.re), im: isZero(a.im) ? ZERO : div(a.im, b.re) };
            const d = plus(mul(b.re, b.re), mul(b.im, b.im));
            return { re: div(plus(mul(a.re, b.re), mul(a.im, b.im)), d), im: div(minus(mul(a.im, b.re), mul(a.re, b.im)), d) };
          }
          default: {
            if (!isZero(a.im) || !isZero(b.im))
              throw new RangeError(`a complex power in the spectrum "${sd.text}" has no generated code; write the phase as exp(i*phi)`);
            // small integer powers as products (w^2 + gam^2 of a Drude spectrum): cheaper, and exact in the same way
            const k = b.re.kind === 'num' ? b.re.value : NaN;
            if (Number.isInteger(k) && k >= 2 && k <= 4) return { re: mul(...Array.from({ length: k }, () => a.re)), im: ZERO };
            return { re: call('pow', a.re, b.re), im: ZERO };
          }
        }
      }
      default: {
        const fn = n.fn.name as MathFn;
        const a = walk(n.args[0]);
        if (isZero(a.im)) return { re: call(fn, a.re), im: ZERO };
        if (fn === 'exp') {
          const r = isZero(a.re) ? ONE : call('exp', a.re);
          return { re: mul(r, call('cos', a.im)), im: mul(r, call('sin', a.im)) };
        }
        throw new RangeError(`${fn} of a complex argument in the spectrum "${sd.text}" has no generated code`);
      }
    }
  };
  const v = walk(sd.node);
  return conjugate ? { re: v.re, im: neg(v.im) } : v;
}
