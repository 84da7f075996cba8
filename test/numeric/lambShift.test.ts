// The principal-value quadrature (src/numeric/lambShift.ts) against closed forms:
//  - T = 0, Ohmic with exponential cutoff J = ηω e^{−ω/ωc}: Π(ω) = (η/π)[−ωc + ω e^{−ω/ωc} Ei(ω/ωc)], for ω of both signs;
//  - ω = 0, any T: Π(0) = −(1/π)∫₀^∞ J(x)/x dx, = −ηωc/π for the same spectrum;
//  - Drude–Lorentz at T = 0 from its closed form by partial fractions;
//  - a flat spectrum (divergent principal value) is refused.
// Ei is computed here by its power series (exact to double precision for |x| ≤ 10), sharing nothing.
import { describe, expect, it } from 'vitest';
import { lambShift, principalValue, integrate } from '../../src/numeric/lambShift.ts';

function Ei(x: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 1; k < 300; k++) {
    term *= x / k;
    sum += term / k;
    if (Math.abs(term / k) < 1e-18 * Math.abs(sum)) break;
  }
  return 0.5772156649015329 + Math.log(Math.abs(x)) + sum;
}

describe('Lamb-shift quadrature', () => {
  const eta = 0.1;
  const wc = 5;
  const ohmic = (x: number) => eta * x * Math.exp(-x / wc);

  it.each([0.05, 0.3, 1, 2, 7, 20, -0.5, -1, -4, -12])(
    'T = 0 Ohmic at ω = %d equals the exponential-integral closed form to 1e-10',
    (w) => {
      const [pv] = lambShift(ohmic, null, 0, w, 0);
      const exact = (eta / Math.PI) * (-wc + w * Math.exp(-w / wc) * Ei(w / wc));
      expect(Math.abs(pv - exact)).toBeLessThan(1e-10 * Math.abs(exact));
    },
  );

  it.each([0, 0.3, 3])('ω = 0 at T = %d: Π(0) = −ηωc/π exactly (the thermal parts cancel)', (T) => {
    const s0 = 2 * T * eta;
    const [pv] = lambShift(ohmic, null, T, 0, s0);
    expect(Math.abs(pv + (eta * wc) / Math.PI)).toBeLessThan(1e-10 * ((eta * wc) / Math.PI));
  });

  it('Drude–Lorentz at T = 0 equals its partial-fraction closed form to 1e-10', () => {
    // J = 2λγx/(x²+γ²): Π(ω) = (1/π) PV∫₀^∞ J(x)/(ω − x) dx, and by partial fractions
    //   PV∫₀^∞ x dx / ((x²+γ²)(ω−x)) = [ω ln(|ω|/γ) − πγ/2] / (ω² + γ²)
    const lam = 0.02;
    const gam = 1.3;
    const J = (x: number) => (2 * lam * gam * x) / (x * x + gam * gam);
    for (const w of [0.4, 2, -1.5, 9]) {
      const [pv] = lambShift(J, null, 0, w, 0);
      const closed = ((2 * lam * gam) / Math.PI) * ((w * Math.log(Math.abs(w) / gam) - (Math.PI * gam) / 2) / (w * w + gam * gam));
      expect(Math.abs(pv - closed)).toBeLessThan(1e-10 * Math.abs(closed));
    }
  });

  it('a complex cross spectrum gives Π with real and imaginary parts, each from its own part of J', () => {
    const phase = 0.7;
    const [re, im] = lambShift(
      (x) => Math.cos(phase) * ohmic(x),
      (x) => Math.sin(phase) * ohmic(x),
      0,
      1.2,
      0,
      0,
    );
    const [full] = lambShift(ohmic, null, 0, 1.2, 0);
    expect(re).toBeCloseTo(Math.cos(phase) * full, 14);
    // at T = 0 the negative-frequency half vanishes, so conjugation does not enter: Im Π = sin φ · Π
    expect(im).toBeCloseTo(Math.sin(phase) * full, 14);
    expect(principalValue((x) => Math.sin(phase) * ohmic(x), 0.5, 1.2, 0, -1)).not.toBeCloseTo(
      Math.sin(phase) * lambShift(ohmic, null, 0.5, 1.2, 0)[0],
      6,
    );
  });

  it('refuses a principal value that does not converge (flat spectrum)', () => {
    expect(() => lambShift(() => 1, null, 1, 1, 2)).toThrow(/did not converge|not finite/);
    expect(() => integrate((x) => 1 / x, 0, 1)).toThrow();
  });
});
