// --set expressions compiled into plain functions (src/numeric/arithmetic.ts): the same doubles as mathjs for
// the same text, mathjs's precedences (-2^2, 2^3^2, 2^-1), and everything outside the subset handed back
// (undefined) so that mathjs decides it.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { compileArithmetic } from '../../src/numeric/arithmetic.ts';
import { buildParameterTable, parseAssignments, parseGrid } from '../../src/numeric/grid.ts';
import { rng } from '../support/random.ts';

const mathjs = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
const SLOTS = ['Ta', 'dT', 'g', 'x'];
const slotOf = (n: string) => (SLOTS.includes(n) ? SLOTS.indexOf(n) : undefined);

const SAME = [
  'Ta+dT',
  'Ta + 2*dT - g/3',
  '-2^2',
  '2^3^2',
  '2^-1',
  '-Ta^2',
  '(Ta+dT)^0.5',
  'Ta/dT/g',
  'Ta - -dT',
  '+Ta',
  'sqrt(Ta)*exp(-g)',
  'log(Ta) + log10(dT+1) + log2(g+1)',
  'atan2(Ta, dT) + sin(pi*x) + cos(e*x)',
  'min(Ta, dT, g) + max(Ta, 2)',
  'pow(Ta, 1.5) + abs(x - 1)',
  'tanh(x) + sinh(x) - cosh(x)',
  '1e-3*Ta + .5',
  'expm1(x) + log1p(g)',
  'floor(Ta) + ceil(dT) + sign(x - 0.5)',
  'cbrt(Ta - 10)',
];
const HANDED_BACK = [
  '2Ta',
  'Ta!',
  'round(Ta)',
  'Ta mod 2',
  '[1, 2]',
  'Ta == 1',
  'foo(Ta)',
  'Ta +',
  'unknown + 1',
  'sqrt(Ta, 2)',
  'Ta % 3',
  '5 cm',
];

describe('compileArithmetic', () => {
  it.each(SAME)('%s: the same double as mathjs at 200 random points', (text) => {
    const c = compileArithmetic(text, slotOf);
    expect(c).toBeDefined();
    const code = mathjs.parse(text).compile();
    const rand = rng(text.length * 97);
    for (let i = 0; i < 200; i++) {
      const s = Float64Array.from(SLOTS, () => 40 * rand());
      const want = code.evaluate(Object.fromEntries(SLOTS.map((n, k) => [n, s[k]!])));
      const got = c!.evaluate(s);
      if (typeof want !== 'number') continue; // complex in mathjs (e.g. a negative base): not compared
      expect(Object.is(got, want) || got === want, `${text} at ${[...s]}: ${got} vs mathjs ${want}`).toBe(true);
    }
  });

  it.each(HANDED_BACK)('%s: outside the subset, left to mathjs', (text) => {
    expect(compileArithmetic(text, slotOf)).toBeUndefined();
  });

  it('lists the names it reads', () => {
    expect(compileArithmetic('Ta + 2*dT*Ta + pi', slotOf)!.deps.sort()).toEqual(['Ta', 'dT']);
  });
});

describe('buildParameterTable with compiled and mathjs assignments', () => {
  const parameters = [
    { name: 'Ta', latex: '', default: 10, kind: 'temperature' as const },
    { name: 'Tb', latex: '', default: 60, kind: 'temperature' as const },
    { name: 'g', latex: '', default: 1, kind: 'rate' as const },
  ];
  it('Tb=Ta+dT on a grid: every point; an expression only mathjs knows (2Ta) agrees', () => {
    const t = buildParameterTable(parameters, [parseGrid('Ta=0.5:30:7'), parseGrid('dT=0:100:5')], parseAssignments('Tb=Ta+dT,g=2Ta/Ta'));
    expect(t.points).toBe(35);
    for (let pt = 0; pt < 35; pt++) {
      const [Ta, Tb, g] = [t.values[pt * 3]!, t.values[pt * 3 + 1]!, t.values[pt * 3 + 2]!];
      expect(Tb).toBe(Ta + t.auxValues[pt]!);
      expect(g).toBe(2);
    }
  });
  it('a negative temperature names the argument and the point', () => {
    expect(() => buildParameterTable(parameters, [parseGrid('dT=-100:0:3')], parseAssignments('Tb=Ta+dT'))).toThrow(
      /--set Tb=Ta\+dT \(at dT=-100\): temperature Tb = -90 is negative/,
    );
  });
});
