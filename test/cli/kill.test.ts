// Kill tests (issue 13 item 5): `sweep` and `derive` run as child processes and are interrupted with SIGTERM or
// SIGINT at several moments, and once with SIGKILL. After each, the output is the previous file or the complete new
// one — never a part — and no temporary is left by SIGTERM/SIGINT; a temporary left by SIGKILL is removed by the
// next run that writes there. The moments are fractions of an uninterrupted run's duration D, measured first, so that
// some land near the write at the end; each run's outcome is printed.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINARY } from '../support/binary.ts';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the binary (test/support/binary.ts) with args; sends `signal` after `delay` ms (none when delay is Infinity). */
function runAndKill(args: string[], delay: number, signal: NodeJS.Signals): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BINARY, ...args], { stdio: 'ignore' });
    const timer = Number.isFinite(delay) ? setTimeout(() => child.kill(signal), delay) : undefined;
    child.on('error', fail);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      done({ code, signal: sig });
    });
  });
}

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.bornmarkov-tmp'));
const CASE_A = 'derivations/huangfu-jing/case-a.json';
const LAMBDA = 'derivations/li-cai-sun/lambda.json';

describe('interrupted runs', () => {
  it('sweep: the CSV is the old file or the whole new one; SIGTERM and SIGINT leave no temporary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-kill-sweep-'));
    const out = join(dir, 'map.csv');
    const args = [
      'sweep',
      CASE_A,
      '--cache',
      join(dir, 'cache'),
      '--grid',
      'Ta=0.5:30:300',
      '--grid',
      'Tb=1:60:300',
      '--observable',
      'abs(rho[2][1])',
      '--out',
      out,
    ];
    writeFileSync(out, 'previous\n');
    const complete = (text: string) => {
      const rows = text.split('\n').filter((l) => l && !l.startsWith('#'));
      return rows.length === 1 + 300 * 300 && rows.every((r) => r.split(',').length === 3);
    };
    const outcomes: string[] = [];
    let t0 = performance.now();
    expect((await runAndKill(args, Infinity, 'SIGTERM')).code).toBe(0); // also fills the module cache
    t0 = performance.now();
    expect((await runAndKill(args, Infinity, 'SIGTERM')).code).toBe(0);
    const D = performance.now() - t0;
    writeFileSync(out, 'previous\n');
    const plan = [0.9, 1.0, 1.05].map((f, i) => [Math.round(f * D), i % 2 ? 'SIGINT' : 'SIGTERM'] as const);
    for (const [delay, signal] of plan) {
      const ended = await runAndKill(args, delay, signal);
      const text = readFileSync(out, 'utf8');
      const state = text === 'previous\n' ? 'previous' : complete(text) ? 'complete' : 'PARTIAL';
      outcomes.push(`${signal}@${delay}ms: ${ended.signal ?? `exit ${ended.code}`}, ${state}`);
      expect(state, outcomes.join('; ')).not.toBe('PARTIAL');
      expect(temporaries(dir), outcomes.join('; ')).toEqual([]);
      if (state === 'complete') writeFileSync(out, 'previous\n');
    }
    console.log(`sweep kill test: ${outcomes.join('; ')}`);
    // SIGKILL cannot be caught: a temporary may stay, the old file does; the next run removes the temporary
    await runAndKill(args, Math.round(0.95 * D), 'SIGKILL');
    expect(['previous\n'].includes(readFileSync(out, 'utf8')) || complete(readFileSync(out, 'utf8'))).toBe(true);
    writeFileSync(join(dir, '.map.csv.999999999.zz9.bornmarkov-tmp'), 'half a file');
    expect((await runAndKill(args, Infinity, 'SIGTERM')).code).toBe(0);
    expect(complete(readFileSync(out, 'utf8'))).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  }, 120_000);

  it('derive: the set of outputs is all old or all new; no temporary after SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-kill-derive-'));
    // every approximation of the Λ model, tex, ts and json each (nine files written as one set)
    const names = ['nonsecular', 'partial-secular', 'secular'].flatMap((a) =>
      ['json', 'tex', 'ts'].map((e) => `li-cai-sun-lambda.${a}.${e}`),
    );
    const committed = new Map(names.map((n) => [n, readFileSync(join('derivations/generated', n), 'utf8')]));
    const reset = () => names.forEach((n) => writeFileSync(join(dir, n), 'old'));
    const outcomes: string[] = [];
    reset();
    const t0 = performance.now();
    expect((await runAndKill(['derive', LAMBDA, '--out', dir], Infinity, 'SIGTERM')).code).toBe(0);
    const D = performance.now() - t0;
    for (const delay of [0.85, 0.95, 1.0].map((f) => Math.round(f * D))) {
      reset();
      const ended = await runAndKill(['derive', LAMBDA, '--out', dir], delay, 'SIGTERM');
      const states = names.map((n) => {
        const t = readFileSync(join(dir, n), 'utf8');
        return t === 'old' ? 'old' : t === committed.get(n) ? 'new' : 'PARTIAL';
      });
      const all = new Set(states);
      outcomes.push(`SIGTERM@${delay}ms: ${ended.signal ?? `exit ${ended.code}`}, ${[...all].join('/')}`);
      expect(all.size, outcomes.join('; ')).toBe(1);
      expect(all.has('PARTIAL')).toBe(false);
      expect(readdirSync(dir).sort(), outcomes.join('; ')).toEqual(names);
    }
    console.log(`derive kill test: ${outcomes.join('; ')}`);
  }, 120_000);
});
