// Textbook identities of the exact core, by name: half-angle trigonometry, radicals, Gaussian rationals,
// exact decimals, and the uniqueness of the normal form.
import { describe, expect, it } from 'vitest';
import { evaluateText, scalarAlgebra, ExprError } from '../../src/algebra/parse.ts';
import { symbol, conj, mul, num, halfAngle, sub, add } from '../../src/algebra/expr.ts';
import { ratFromDecimal, qstr } from '../../src/algebra/rational.ts';

const alg = scalarAlgebra((n) => symbol(n), { angles: new Set(['theta', 'phi']) });
const x = (s: string) => evaluateText(s, alg);

describe('half-angle pairs c = cos(θ/2), s = sin(θ/2)', () => {
  it('c² + s² = 1', () => expect(x('cos(theta/2)^2 + sin(theta/2)^2').key).toBe('1'));
  it('cos θ = c² − s² and sin θ = 2cs, so cos²θ + sin²θ = 1', () => expect(x('cos(theta)^2 + sin(theta)^2').key).toBe('1'));
  it('(c − s)² = 1 − sin θ (seed 000 Case B factor)', () =>
    expect(x('(cos(theta/2) - sin(theta/2))^2').equals(x('1 - sin(theta)'))).toBe(true));
  it('(c + s)²(c − s)² = cos²θ', () =>
    expect(x('(cos(theta/2)+sin(theta/2))^2*(cos(theta/2)-sin(theta/2))^2').equals(x('cos(theta)^2'))).toBe(true));
  it('sin⁴ reduces to a polynomial in c only', () =>
    expect(x('sin(theta/2)^4').equals(x('1 - 2*cos(theta/2)^2 + cos(theta/2)^4'))).toBe(true));
  it('independent angles do not mix', () => expect(x('cos(theta/2)^2 + sin(phi/2)^2').equals(num(1))).toBe(false));
  it('cos and sin of an undeclared angle are refused', () => expect(() => x('cos(alpha)')).toThrow(ExprError));
});

describe('radicals and numbers', () => {
  it('√2·√2 = 2 and √8 = 2√2', () => {
    expect(x('sqrt(2)*sqrt(2)').key).toBe('2');
    expect(x('sqrt(8)').equals(x('2*sqrt(2)'))).toBe(true);
  });
  it('√(a²+b²)² = a² + b²', () => expect(x('sqrt(a^2+b^2)^2').equals(x('a^2+b^2'))).toBe(true));
  it('√(9/4) = 3/2 exactly, √(−4) = 2i', () => {
    expect(x('sqrt(9/4)').key).toBe('3/2');
    expect(x('sqrt(-4)').key).toBe('2*i');
  });
  it('decimals are exact: 0.1 + 0.2 = 3/10', () => {
    expect(x('0.1 + 0.2').key).toBe('3/10');
    expect(qstr(ratFromDecimal('1e-3'))).toBe('1/1000');
  });
  it('i² = −1 and conj(i·x) = −i·x for a real symbol', () => {
    expect(x('i*i').key).toBe('-1');
    expect(add(conj(x('i*y')), x('i*y')).isZero()).toBe(true);
  });
  it('the normal form does not depend on the order of construction', () => {
    const { c, s } = halfAngle('theta');
    const a = mul(add(c, s), sub(c, s), symbol('q'));
    const b = mul(symbol('q'), sub(mul(c, c), mul(s, s)));
    expect(a.key).toBe(b.key);
  });
  it('only division by a nonzero number is accepted', () => {
    expect(() => x('1/y')).toThrow(/division/);
    expect(() => x('1/0')).toThrow();
  });
});
