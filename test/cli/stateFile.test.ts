// Numerics that say when they fail (issue 13 item 6), through solve and evolve in-process: --from states must be
// density matrices (Hermitian, trace 1, positive semidefinite) or --force is needed; expm propagation keeps the trace
// and reports its drift.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-state-'));
const cache = join(dir, 'cache');
const state = (name: string, re: number[][], im?: number[][]) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(im ? { re, im } : { re }));
  return p;
};
const Z = [0, 0, 0, 0];

let err: string[] = [];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('--from states', () => {
  const negative = state('negative.json', [[1.5, 0, 0, 0], [0, -0.5, 0, 0], Z, Z]);
  const trace2 = state('trace2.json', [[1, 0, 0, 0], [0, 1, 0, 0], Z, Z]);
  const nonHermitian = state('nonherm.json', [[1, 0.3, 0, 0], [0, 0, 0, 0], Z, Z]);
  for (const [what, file, message] of [
    [
      'not positive semidefinite',
      negative,
      /--from .*negative\.json: the state is not positive semidefinite \(eigenvalue -5\.000e-1\): not a density matrix \(give --force/,
    ],
    ['trace 2', trace2, /trace2\.json: the state has trace 2, not 1: not a density matrix/],
    ['not Hermitian', nonHermitian, /nonherm\.json: the state is not Hermitian \(defect 3\.00e-1\)/],
  ] as const) {
    it(`${what}: solve and evolve refuse it (exit 2); with --force a warning`, async () => {
      expect(await main(['solve', CASE_A, '--cache', cache, '--from', file])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      err = [];
      expect(await main(['evolve', CASE_A, '--cache', cache, '--from', file, '--t', '0:1:2'])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      err = [];
      expect(await main(['evolve', CASE_A, '--cache', cache, '--from', file, '--t', '0:1:2', '--force'])).toBe(0);
      expect(err.join('\n')).toMatch(/warning: the initial state in .* (is not|has trace)/);
    });
  }
});

describe('evolve --method expm', () => {
  it('keeps Tr ρ = 1 at t = 1e12 and reports the drift it undid', async () => {
    const out = join(dir, 'long.json');
    expect(
      await main(['evolve', CASE_A, '--cache', cache, '--set', 'Ta=10,Tb=60', '--method', 'expm', '--t', '0:1e12:5', '--out', out]),
    ).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(typeof r.traceDrift).toBe('number');
    const last = r.rho.re[4];
    expect(Math.abs(last[0][0] + last[1][1] + last[2][2] + last[3][3] - 1)).toBeLessThan(1e-12);
  });
});

describe('evolve tolerances and overflows name their cause', () => {
  it('--rtol 1e-300 and --atol 0 are refused naming the option; huge --from entries are not a density matrix', async () => {
    expect(await main(['evolve', CASE_A, '--cache', cache, '--t', '0:1:2', '--rtol', '1e-300'])).toBe(2);
    expect(err.join('\n')).toMatch(/--rtol 1e-300: must be from 1e-14 \(double precision\) to below 1/);
    err = [];
    expect(await main(['evolve', CASE_A, '--cache', cache, '--t', '0:1:2', '--atol', '0'])).toBe(2);
    expect(err.join('\n')).toMatch(/--atol must be a positive number, got "0"/);
    err = [];
    const huge = state('huge.json', [[1e300, 0, 0, 0], [0, 1e300, 0, 0], Z, Z]);
    expect(await main(['evolve', CASE_A, '--cache', cache, '--t', '0:1:2', '--from', huge])).toBe(2);
    expect(err.join('\n')).toMatch(/huge\.json: the state has trace 2e\+300, not 1: not a density matrix/);
  });
});
