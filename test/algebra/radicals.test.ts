// Canonical constant radicals (src/algebra/radicals.ts): equal numbers get equal normal forms, so exact
// equality stays a comparison of keys; every value is also checked against floating point.
import { describe, expect, it } from 'vitest';
import { add, mul, num, sub } from '../../src/algebra/expr.ts';
import { constantValue, invertConstant, sqrtConstant } from '../../src/algebra/radicals.ts';
import { plainText } from '../../src/algebra/text.ts';
import { parseText, walkNode, scalarAlgebra } from '../../src/algebra/parse.ts';

const value = (text: string) =>
  walkNode(
    parseText(text),
    scalarAlgebra(() => undefined),
  );

describe('sqrtConstant', () => {
  it('splits rational radicands into prime radicals: sqrt(6) = sqrt(2)*sqrt(3), sqrt(12/5) = 2/5*sqrt(3)*sqrt(5)', () => {
    expect(value('sqrt(6)').equals(mul(value('sqrt(2)'), value('sqrt(3)')))).toBe(true);
    expect(plainText(value('sqrt(12/5)'))).toBe('2/5*sqrt(3)*sqrt(5)');
    expect(value('sqrt(2)*sqrt(6)').equals(mul(num(2), value('sqrt(3)')))).toBe(true);
  });

  it('denests sqrt(3 + 2*sqrt(2)) = 1 + sqrt(2) and sqrt(7 - 4*sqrt(3)) = 2 - sqrt(3)', () => {
    expect(plainText(value('sqrt(3 + 2*sqrt(2))'))).toBe('1 + sqrt(2)');
    expect(plainText(value('sqrt(7 - 4*sqrt(3))'))).toBe('2 - sqrt(3)');
  });

  it('keeps sqrt(5 + sqrt(5)) nested, pulls rational content out of sqrt(10 + 2*sqrt(5)), and writes sqrt(5 - sqrt(5)) through sqrt(5 + sqrt(5))', () => {
    const a = value('sqrt(5 + sqrt(5))');
    expect(plainText(a)).toBe('sqrt(5 + sqrt(5))');
    expect(value('sqrt(10 + 2*sqrt(5))').equals(mul(value('sqrt(2)'), a))).toBe(true);
    const b = value('sqrt(5 - sqrt(5))');
    // sqrt(5 - sqrt(5)) = sqrt(5 + sqrt(5))*(sqrt(5) - 1)/2: one radical, so the product is exactly 2*sqrt(5)
    expect(b.variables().size).toBe(2);
    expect(mul(a, b).equals(mul(num(2), value('sqrt(5)')))).toBe(true);
    expect(constantValue(b)[0]).toBeCloseTo(Math.sqrt(5 - Math.sqrt(5)), 14);
  });

  it('squares back exactly and is positive, for a spread of radicands', () => {
    for (const t of ['2', '7/3', '5 + sqrt(5)', '5 - sqrt(5)', '(5 + sqrt(17))/8', '1/2 + sqrt(2)/4', '11 - 2*sqrt(30)']) {
      const x = value(t);
      const r = sqrtConstant(x);
      expect(mul(r, r).equals(x), t).toBe(true);
      expect(constantValue(r)[0], t).toBeCloseTo(Math.sqrt(constantValue(x)[0]), 13);
    }
  });

  it('gives i*sqrt(-x) for a negative radicand', () => {
    const r = sqrtConstant(value('-3'));
    expect(constantValue(r)).toEqual([0, Math.sqrt(3)]);
  });
});

describe('invertConstant', () => {
  it('1/(1 + sqrt(2)) = sqrt(2) - 1; x * (1/x) = 1 in a tower with sqrt(5 + sqrt(5))', () => {
    expect(invertConstant(value('1 + sqrt(2)')).equals(sub(value('sqrt(2)'), num(1)))).toBe(true);
    for (const t of ['3 - sqrt(5)', 'sqrt(5 + sqrt(5)) + sqrt(5)', '2 + sqrt(3) - sqrt(2)', '1 + sqrt(2)*sqrt(5 + sqrt(5))']) {
      const x = value(t);
      expect(mul(x, invertConstant(x)).equals(num(1)), t).toBe(true);
    }
  });

  it('refuses zero', () => {
    expect(() => invertConstant(add(value('sqrt(2)'), value('-sqrt(2)')))).toThrow(/division by zero/);
  });
});

describe('canonical forms do not depend on the order radicals are met', () => {
  it('sqrt(17 - sqrt(17)) first, then sqrt(17 + sqrt(17)): the minus form is still written through the plus form', () => {
    const minus = value('sqrt(17 - sqrt(17))');
    const plus = value('sqrt(17 + sqrt(17))');
    expect(plainText(plus)).toBe('sqrt(17 + sqrt(17))');
    expect([...minus.variables()].sort()).toEqual([...plus.variables(), 'sqrt(17)'].sort());
    // (17 - sqrt(17))(17 + sqrt(17)) = 272 = (4 sqrt(17))^2
    expect(mul(minus, plus).equals(mul(num(4), value('sqrt(17)')))).toBe(true);
    expect(constantValue(minus)[0]).toBeCloseTo(Math.sqrt(17 - Math.sqrt(17)), 14);
  });

  it('independent nested radicals stay independent only when they are: sqrt(7 - sqrt(7))·sqrt(7 + sqrt(7)) = sqrt(42) exactly', () => {
    const minus = value('sqrt(7 - sqrt(7))');
    const plus = value('sqrt(7 + sqrt(7))');
    expect(mul(minus, plus).equals(value('sqrt(42)'))).toBe(true);
  });
});
