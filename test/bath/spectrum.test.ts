// Spectral densities (src/bath/spectrum.ts): the exact polynomial form where there is one, numeric values
// against mathjs's own evaluation, the ω → 0 behaviour read off the expression tree (S(0) = 2T·lim J/ω),
// and the refusals (unknown functions, cancellations, exponents in ω).
import { describe, expect, it } from 'vitest';
import { evaluate } from 'mathjs';
import { mul, num, symbol } from '../../src/algebra/expr.ts';
import { leadingAtZero, parseSpectrum, spectrumFunction } from '../../src/bath/spectrum.ts';

const PARAMS: Record<string, number> = { eta: 0.07, wc: 3.5, lam: 0.02, gam: 1.3, s: 0.5, g: 0.4, f: 0.8, phi: 0.9 };
const parse = (text: string) =>
  parseSpectrum(
    text,
    (x) => x in PARAMS,
    (x) => (x in PARAMS ? symbol(x) : undefined),
  );
const value = (text: string) => spectrumFunction({ text, node: parse(text).node, complex: /\bi\b/.test(text) }, (x) => PARAMS[x]!)(0)[0];

describe('spectra as expressions', () => {
  it('a polynomial in w keeps its exact form; exp, division and complex phases do not', () => {
    expect(parse('2*g').exact!.equals(mul(num(2), symbol('g')))).toBe(true);
    expect(parse('eta*w^3').exact).toBeDefined();
    expect(parse('eta*w*exp(-w/wc)').exact).toBeUndefined();
    expect(parse('2*lam*gam*w/(w^2 + gam^2)').exact).toBeUndefined();
    const phase = parse('sqrt(f*g*g)*exp(i*phi)');
    expect(phase.exact).toBeUndefined();
    expect(phase.complex).toBe(true);
  });

  it.each([
    'eta*w*exp(-w/wc)',
    '2*lam*gam*w/(w^2 + gam^2)',
    'eta*w^s*wc^(1-s)*exp(-w/wc)',
    'g^2*gam/((w - 1)^2 + gam^2)',
    'sqrt(f*g*g)*exp(i*phi)*w/(1 + w^2)',
    'eta*w*cosh(w/wc)/(1 + sinh(w)^2)',
  ])('%s: numeric values equal mathjs evaluate at 5 frequencies', (text) => {
    const f = spectrumFunction(parse(text), (x) => PARAMS[x]!);
    for (const w of [0.01, 0.3, 1, 2.7, 40]) {
      const ref = evaluate(text, { ...PARAMS, w });
      const [re, im] = f(w);
      const [rr, ri] = typeof ref === 'number' ? [ref, 0] : [ref.re, ref.im];
      expect(Math.hypot(re - rr, im - ri)).toBeLessThan(1e-14 * Math.max(1, Math.hypot(rr, ri)));
    }
  });
});

describe('the ω → 0 behaviour J ≈ c ω^p', () => {
  it.each([
    ['eta*w*exp(-w/wc)', 1, PARAMS.eta],
    ['2*lam*gam*w/(w^2 + gam^2)', 1, (2 * PARAMS.lam!) / PARAMS.gam!],
    ['eta*w^3/wc^2', 3, PARAMS.eta! / PARAMS.wc! ** 2],
    ['eta*w^s*wc^(1-s)*exp(-w/wc)', 0.5, PARAMS.eta! * PARAMS.wc! ** 0.5],
    ['eta*sinh(w)*exp(-w^2)', 1, PARAMS.eta],
    ['g + eta*w', 0, PARAMS.g],
    ['eta*w + g*w^2', 1, PARAMS.eta],
  ] as const)('%s: p = %d, and c agrees with J(ω)/ω^p at ω = 1e-7', (text, power, coef) => {
    const lead = leadingAtZero(parse(text), value);
    expect(lead.power).toBe(power);
    expect(value(lead.coef)).toBeCloseTo(coef, 12);
    const J = spectrumFunction(parse(text), (x) => PARAMS[x]!);
    const eps = 1e-7;
    expect(J(eps)[0] / eps ** power).toBeCloseTo(coef, 5);
  });

  it('refuses what cannot be read off, with the reason', () => {
    expect(() => leadingAtZero(parse('exp(w) - 1'), value)).toThrow(/cancel as w -> 0/);
    expect(() => leadingAtZero(parse('eta*w^w'), value)).toThrow(/exponent .* depends on w/);
    expect(() => parse('eta*w*besselj(w)')).toThrow(/unknown function "besselj" \(a spectrum may use exp, sqrt/);
    expect(() => parse('eta*w*q')).toThrow(/unknown symbol "q"/);
  });
});
