// Every command refuses a hostile model name before it builds a path from it or imports anything
// (src/modules/load.ts, cache.ts, the loader for derive/show/check), in-process through main(); the
// module cache never imports a module recorded by an older generator or one whose hash does not match.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { GENERATOR_FORMAT, cachedModule, sha256 } from '../../src/modules/cache.ts';

const TRAVERSAL = 'test/fixtures/hostile/name-traversal.json';
const LATEX = 'test/fixtures/hostile/latex-input.json';
const CASE_A = 'derivations/huangfu-jing/case-a.json';
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-hostile-'));

let err: string[] = [];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('a model name that walks out of its directory', () => {
  const cache = join(dir, 'cache');
  const commands: [string, string[]][] = [
    ['solve', [TRAVERSAL, '--cache', cache]],
    ['evolve', [TRAVERSAL, '--cache', cache, '--t', '0:1:2']],
    ['sweep', [TRAVERSAL, '--cache', cache, '--grid', 'Ta=1:2:2', '--observable', 'l1']],
    ['explore', [TRAVERSAL, '--cache', cache, '--port', '0']],
    ['derive', [TRAVERSAL, '--out', join(dir, 'out')]],
    ['show', [TRAVERSAL]],
    ['check', [TRAVERSAL, 'derivations/huangfu-jing/case-a.published.json']],
  ];
  for (const [command, args] of commands) {
    it(`${command}: exit 2, the field "name" named, nothing written`, async () => {
      expect(await main([command, ...args])).toBe(2);
      const message = err.join('\n');
      expect(message).toMatch(/name: "\.\.\/\.\.\/tools\/helper" cannot name the output files/);
      expect(message).not.toMatch(/internal error|\n\s+at /);
    });
  }
  it('left no cache entry and no output directory', () => {
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a LaTeX file read', () => {
  it('derive and show: exit 2 naming parameters.Ta.latex', async () => {
    for (const command of ['derive', 'show']) {
      err = [];
      expect(await main([command, LATEX, ...(command === 'derive' ? ['--out', join(dir, 'latex')] : [])])).toBe(2);
      expect(err.join('\n')).toContain('latex-input.json: parameters.Ta.latex: \\input is not accepted (it reads a file)');
    }
  });
});

describe('the module cache', () => {
  it('derives again, with a warning, a module whose record is not of this generator format', async () => {
    const cache = join(dir, 'cache-format');
    const text = readFileSync(CASE_A, 'utf8');
    const first = await cachedModule(CASE_A, text, 'huangfu-jing-case-a', 'secular', 'test', cache);
    expect(first.derived).toBe(true);
    const hashFile = first.path.replace(/\.mjs$/, '.sha256');
    const moduleText = readFileSync(first.path, 'utf8');
    expect(readFileSync(hashFile, 'utf8').trim()).toBe(`${sha256(moduleText)} generator-format ${GENERATOR_FORMAT}`);
    expect((await cachedModule(CASE_A, text, 'huangfu-jing-case-a', 'secular', 'test', cache)).derived).toBe(false);
    // an entry as an older generator wrote it: hash only, module text that runs something
    const planted = `globalThis.pwned = 1;\n${moduleText}`;
    writeFileSync(first.path, planted);
    writeFileSync(hashFile, `${sha256(planted)}\n`);
    const again = await cachedModule(CASE_A, text, 'huangfu-jing-case-a', 'secular', 'test', cache);
    expect(again.derived).toBe(true);
    expect(again.warnings.join('\n')).toMatch(/written by an older generator: derived it again/);
    expect(readFileSync(first.path, 'utf8')).toBe(moduleText);
  });

  it('refuses a name with a path separator before building any path', async () => {
    const cache = join(dir, 'cache-name');
    mkdirSync(cache);
    await expect(cachedModule(CASE_A, '{}', '../x', 'secular', 'test', cache)).rejects.toThrow(/name: "\.\.\/x" cannot name/);
    expect(readdirSync(cache)).toEqual([]);
  });
});
