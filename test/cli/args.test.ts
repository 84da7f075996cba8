// Command-line options (src/cli/options.ts: one parser for every command): an unknown option is an error with a
// suggestion, exit 2, never ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError, parseOptions } from '../../src/cli/options.ts';
import { main } from '../../src/cli/main.ts';
import { didYouMean } from '../../src/model/names.ts';

let err: string[] = [];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('unknown options', () => {
  it('one parser for every command: known flags pass, unknown ones are refused with the closest known one', () => {
    const check = { valued: ['--approx'], flags: ['--json'], usage: true };
    const o = parseOptions(['m.json', '--json', '--approx', 'secular'], check);
    expect([o.flags.has('--json'), o.get('--approx'), o.positional]).toEqual([true, 'secular', ['m.json']]);
    expect(() => parseOptions(['--jsno'], check)).toThrow(
      new InputError('unknown option --jsno (did you mean "--json"?) (options: --approx, --json)', { usage: true }),
    );
    expect(() => parseOptions(['--verbose'], { valued: ['--approx'], flags: ['--json', '--steady', '--full'] })).toThrow(
      /^unknown option --verbose \(options: /,
    );
    // check, show and derive refusals carry the usage text; a flag given twice is refused too
    try {
      parseOptions(['--jsno'], check);
    } catch (e) {
      expect((e as InputError).usage).toBe(true);
    }
    expect(() => parseOptions(['--json', '--json'], check)).toThrow(/^--json given twice$/);
  });
  it('parseOptions: the suggestion and the list', () => {
    expect(() => parseOptions(['--thread', '2'], { valued: ['--threads', '--out'] })).toThrow(
      new InputError('unknown option --thread (did you mean "--threads"?) (options: --threads, --out)'),
    );
  });
  it('didYouMean: transpositions and case count as near, unrelated words get nothing', () => {
    expect(didYouMean('eigne', ['eigen', 'system'])).toBe(' (did you mean "eigen"?)');
    expect(didYouMean('Parameters', ['parameters'])).toBe(' (did you mean "parameters"?)');
    expect(didYouMean('xyzzy', ['eigen', 'system'])).toBe('');
  });
  for (const [command, args, message] of [
    [
      'check',
      ['derivations/huangfu-jing/case-a.json', 'derivations/huangfu-jing/case-a.published.json', '--jsno'],
      /unknown option --jsno \(did you mean "--json"\?\)/,
    ],
    ['show', ['derivations/huangfu-jing/case-a.json', '--verbose'], /unknown option --verbose/],
    ['derive', ['derivations/huangfu-jing/case-a.json', '--tagret', 'ts'], /unknown option --tagret \(did you mean "--target"\?\)/],
    ['solve', ['derivations/huangfu-jing/case-a.json', '--jsno'], /unknown option --jsno \(did you mean "--json"\?\)/],
  ] as const) {
    it(`${command}: exit 2 naming the option`, async () => {
      expect(await main([command, ...args])).toBe(2);
      expect(err.join('\n')).toMatch(message);
    });
  }
});

// Found by the fast-check fuzzer (test/model/fuzz.test.ts): an argument quoted in a message kept its raw line
// breaks, so one refusal printed as several lines (and could forge a line of output). Escaped now, every command.
describe('an argument with a line break', () => {
  const CASE_A = 'derivations/huangfu-jing/case-a.json';
  const cases: [string, string[]][] = [
    ['check (usage refusal)', ['check', CASE_A, 'derivations/huangfu-jing/case-a.published.json', '--approx', 'x\ny']],
    ['show (unknown option)', ['show', CASE_A, '--x\u2028y']],
    ['solve (InputError)', ['solve', CASE_A, '--x\ny']],
    ['derive (its own parser)', ['derive', CASE_A, '--x\ny', '--out', '/nonexistent-dir/never']],
    ['derive (--approx)', ['derive', CASE_A, '--approx', 'x\ry', '--out', '/nonexistent-dir/never']],
    ['unknown command', ['x\ny']],
  ];
  for (const [what, argv] of cases) {
    it(`${what}: exit 2, the refusal on one line with the break escaped`, async () => {
      expect(await main(argv)).toBe(2);
      const first = err.join('\n').split(/\n(?=usage)/)[0]!;
      expect(first).not.toMatch(/[\n\r\u2028]/);
      expect(first).toMatch(/\\u(000a|2028|000d)/);
    });
  }
});
