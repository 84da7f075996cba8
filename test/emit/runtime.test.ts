// The principal-value runtime that self-contained generated modules carry (src/emit/runtime.ts) is the algorithm
// of src/numeric/lambShift.ts: its JavaScript flavor, run here, gives the same numbers bit for bit, for real and
// imaginary parts, ω of both signs and zero, T = 0 and T > 0. The eigendecomposition runtime of the numeric
// eigenbasis mode is likewise hermitianEigen (src/numeric/eigen.ts) bit for bit, degenerate blocks included.
import { describe, expect, it } from 'vitest';
import { eighSource, principalValueSource } from '../../src/emit/runtime.ts';
import { principalValue } from '../../src/numeric/lambShift.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { fromNested } from '../../src/numeric/complexMatrix.ts';
import { rng } from '../support/random.ts';

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
    expect(ts).toMatch(
      /function principalValue\(j: \(x: number\) => number, T: number, omega: number, s0: number, sign: number\): number \{/,
    );
    expect(js).not.toMatch(/: number/);
  });
});

type Eigh = (d: number, ...a: number[]) => { values: number[]; re: number[]; im: number[] };
const carriedEigh = new Function(`${eighSource(() => '').join('\n')}\nreturn eigh;`)() as Eigh;

describe('the carried eigendecomposition runtime', () => {
  const next = rng(11);
  const random = (d: number, complex: boolean, degenerate: boolean) => {
    const re = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const im = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const x = degenerate ? (i === j ? 1 + (i % 2) : 0.25 * ((i + j) % 2)) : next() - 0.5;
        const y = complex && i !== j ? next() - 0.5 : 0;
        re[i]![j] = re[j]![i] = x;
        im[i]![j] = y;
        im[j]![i] = -y;
      }
    return { re, im };
  };
  it.each([
    [2, false, false],
    [3, false, false],
    [3, true, false],
    [6, true, false],
    [4, false, true],
    [6, false, true],
    [8, false, false],
  ] as const)('%i×%i (complex %s, degenerate %s): values and vectors equal hermitianEigen bit for bit', (d, complex, degenerate) => {
    const { re, im } = random(d, complex, degenerate);
    const ours = carriedEigh(d, ...re.flat(), ...im.flat());
    const ref = hermitianEigen(fromNested(re, im));
    // (signed zeros aside: the real path's imaginary parts are all +0)
    const plain = (xs: ArrayLike<number>) => Array.from(xs, (x) => x + 0);
    expect(plain(ours.values)).toEqual(plain(ref.values));
    expect(plain(ours.re)).toEqual(plain(ref.vectors.re));
    expect(plain(ours.im)).toEqual(plain(ref.vectors.im));
  });

  it('keeps its last 8 results by input: a repeated block gets the same handle, a changed one a new decomposition', () => {
    const blocks = Array.from({ length: 9 }, (_, k) => random(3, k % 2 === 1, false));
    const args = ({ re, im }: { re: number[][]; im: number[][] }) => [...re.flat(), ...im.flat()];
    const first = blocks.map((b) => carriedEigh(3, ...args(b)));
    // the 9th evicted the 1st; the 2nd–9th are still kept
    for (let k = 1; k < 9; k++) expect(carriedEigh(3, ...args(blocks[k]!))).toBe(first[k]);
    const again = carriedEigh(3, ...args(blocks[0]!));
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
    // one entry changed by one ulp is a new input
    const nudged = args(blocks[1]!);
    nudged[1] = nudged[3] = nudged[1]! * (1 + Number.EPSILON);
    const other = carriedEigh(3, ...nudged);
    expect(other).not.toBe(first[1]);
    expect(Array.from(other.values)).toEqual(
      Array.from(
        hermitianEigen(
          fromNested(
            [nudged.slice(0, 3), nudged.slice(3, 6), nudged.slice(6, 9)],
            [nudged.slice(9, 12), nudged.slice(12, 15), nudged.slice(15, 18)],
          ),
        ).values,
      ),
    );
  });

  it('refuses a non-finite block with a message, not NaN eigenvectors', () => {
    expect(() => carriedEigh(2, 1, NaN, NaN, 2, 0, 0, 0, 0)).toThrow('eigh: H_S is not finite at these parameters');
  });

  it('the TypeScript flavor asserts its index reads for the strict compiler, the JavaScript one carries no assertion', () => {
    expect(eighSource((t) => t).join('\n')).toMatch(/re\[p \* n \+ q\]!/);
    expect(eighSource(() => '').join('\n')).not.toMatch(/\]!/);
  });
});
