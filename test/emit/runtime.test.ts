// The principal-value runtime that self-contained generated modules carry (src/emit/runtime.ts) is the algorithm
// of src/numeric/lambShift.ts: its JavaScript flavor, run here, gives the same numbers bit for bit, for real and
// imaginary parts, ω of both signs and zero, T = 0 and T > 0.
import { describe, expect, it } from 'vitest';
import { principalValueSource } from '../../src/emit/runtime.ts';
import { principalValue } from '../../src/numeric/lambShift.ts';

type PV = (j: (x: number) => number, T: number, omega: number, s0: number, sign: number) => number;
const carried = new Function(`${principalValueSource(() => '').join('\n')}\nreturn principalValue;`)() as PV;

describe('the carried principal-value runtime', () => {
  const ohmic = (x: number) => 0.05 * x * Math.exp(-x / 10);
  const drude = (x: number) => (2 * 0.01 * 1.3 * x) / (x * x + 1.3 * 1.3);
  it.each([
    [ohmic, 0, 1.2, 0, 1],
    [ohmic, 0.7, -0.4, 0.07, 1],
    [ohmic, 2, 0, 0.2, 1],
    [drude, 1.5, 0.9, 0.046, 1],
    [drude, 1.5, 0.9, 0.02, -1],
    [drude, 0, -2, 0, -1],
  ] as const)('case %#: equal to lambShift.ts bit for bit', (j, T, w, s0, sign) => {
    const a = carried(j, T, w, s0, sign);
    const b = principalValue(j, T, w, s0, sign);
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBe(b);
  });

  it('the TypeScript flavor carries the annotations the strict compiler needs, the JavaScript one none', () => {
    const ts = principalValueSource((t) => t).join('\n');
    const js = principalValueSource(() => '').join('\n');
    expect(ts).toMatch(/function principalValue\(j: \(x: number\) => number, T: number, omega: number, s0: number, sign: number\): number \{/);
    expect(js).not.toMatch(/: number/);
  });
});
