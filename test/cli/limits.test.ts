// Stated resource limits of the commands, in-process: --threads at most twice the cores, the sweep grid's points,
// evolve's stored numbers, deep or huge expressions in --set and in model files. Each is exit 2 with a short
// message naming the argument or field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
const ADAPTER = ['--module', 'test/support/generatedAdapter.ts'];
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-limits-'));

let err: string[] = [];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

async function refused(args: string[], message: RegExp): Promise<void> {
  err = [];
  expect(await main(args)).toBe(2);
  const text = err.join('\n');
  expect(text).toMatch(message);
  expect(text.length).toBeLessThan(400);
}

describe('resource limits', () => {
  it('--threads above 2 × cores', async () => {
    const cores = availableParallelism();
    await refused(
      ['sweep', CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'l1', '--threads', '1000'],
      new RegExp(`--threads 1000: at most ${2 * cores} on this machine \\(2 × its ${cores} cores\\)`),
    );
  });
  it('a grid of more than 50 million points', async () => {
    await refused(
      ['sweep', CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:10000', '--grid', 'Tb=1:2:10000', '--observable', 'l1'],
      /--grid: the grid has 100000000 points \(10000 × 10000\), more than the limit of 50000000/,
    );
  });
  it('evolve storing more than 50 million numbers', async () => {
    await refused(
      ['evolve', CASE_A, ...ADAPTER, '--t', '0:1:9000000'],
      /--t 0:1:9000000: 9000000 times of a 4-level state are 288000000 numbers, more than the limit of 50000000/,
    );
  });
  it('a --set expression nested 10 000 deep or 20 000 terms long', async () => {
    await refused(
      ['solve', CASE_A, ...ADAPTER, '--set', `Tb=${'('.repeat(10_000)}1${')'.repeat(10_000)}`],
      /--set Tb=…: the expression is 20001 characters long, more than the limit of 2000: "\(+\.\.\."/,
    );
    await refused(
      ['solve', CASE_A, ...ADAPTER, '--set', `Tb=${'('.repeat(100)}1${')'.repeat(100)}`],
      /--set Tb=…: brackets nested more than 64 deep/,
    );
  });
  it('a model whose Hamiltonian is a 20 000-term sum, or sz(1)^100000000', async () => {
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ ...json, system: { ...json.system, hamiltonian: Array(20_000).fill('sz(1)').join(' + ') } }));
    await refused(
      ['show', huge],
      /huge\.json: system\.hamiltonian: the expression is 159997 characters long, more than the limit of 10000: "sz\(1\) \+ sz\(1\)/,
    );
    const power = join(dir, 'power.json');
    writeFileSync(power, JSON.stringify({ ...json, system: { ...json.system, hamiltonian: 'sz(1)^100000000' } }));
    const t0 = performance.now();
    await refused(['show', power], /power\.json: system\.hamiltonian: exponent 100000000 is above the limit of 100/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
