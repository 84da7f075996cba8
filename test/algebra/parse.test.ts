// Limits of the expression parser (src/algebra/parse.ts): deep nesting, huge sums and huge exponents are refused
// quickly with a short message quoting at most 80 characters, never a stack overflow; long flat sums within the
// limits are walked without one stack frame per term.
import { describe, expect, it } from 'vitest';
import { ExprError, MAX_EXPONENT, evaluateText, scalarAlgebra } from '../../src/algebra/parse.ts';
import { symbol } from '../../src/algebra/expr.ts';
import { plainText } from '../../src/algebra/text.ts';

const alg = scalarAlgebra((s) => (s === 'x' || s === 'y' ? symbol(s) : undefined), { describe: 'test' });

function refusal(text: string): string {
  try {
    evaluateText(text, alg);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('parser limits', () => {
  it('10 000 nested parentheses: refused, short (by length); 3000 by nesting', () => {
    expect(refusal(`${'('.repeat(10_000)}x${')'.repeat(10_000)}`)).toMatch(
      /^the expression is 20001 characters long, more than the limit of 10000: "\(+\.\.\."$/,
    );
    const m = refusal(`${'('.repeat(3000)}x${')'.repeat(3000)}`);
    expect(m).toMatch(/^brackets nested more than 64 deep: "\(+\.\.\."$/);
    expect(m.length).toBeLessThan(140);
  });
  it('a 20 000-term sum: refused by length, quoting 80 characters', () => {
    const m = refusal(Array(20_000).fill('x').join(' + '));
    expect(m).toMatch(/^the expression is 79997 characters long, more than the limit of 10000: "x \+ x/);
    expect(m.length).toBeLessThan(160);
  });
  it('a 4000-term sum within the length limit is evaluated (no recursion per term)', () => {
    const x = evaluateText(Array(4000).fill('x').join('+') + '-3999*x+y*y*y', alg);
    expect(plainText(x)).toBe('x + y^3');
  });
  it('unary chains and towers of powers deeper than 200 levels are refused', () => {
    expect(refusal(`${'-'.repeat(300)}x`)).toMatch(/nests more than 200 levels/);
    expect(refusal(Array(400).fill('x').join('^'))).toMatch(/nests more than 200 levels|too deeply nested|exponent/);
  });
  it(`exponents above ${MAX_EXPONENT} are refused, naming the power`, () => {
    expect(refusal('x^100000000')).toBe('exponent 100000000 is above the limit of 100: "x ^ 1e+8"');
    expect(plainText(evaluateText('x^100', alg))).toBe('x^100');
  });
});
