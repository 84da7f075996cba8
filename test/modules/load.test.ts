// From a model file to its generated module (src/modules/load.ts, cache.ts): derived into the cache on a miss,
// imported from it on a hit (the same file, not written again), a different model text is a different entry, and
// a module that is not the model's (another model, another approximation, the other Lamb-shift choice) is refused
// naming the file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGenerated } from '../../src/modules/load.ts';
import { InputError } from '../../src/errors.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
const V = 'derivations/li-cai-sun/v.json';

describe('loadGenerated', () => {
  const cache = mkdtempSync(join(tmpdir(), 'bornmarkov-load-'));

  it('derives into the cache on a miss and imports the same file on a hit', async () => {
    const first = await loadGenerated(CASE_A, 'secular', { cache });
    expect(first.modulePath.startsWith(cache)).toBe(true);
    expect(first.model.name).toBe('huangfu-jing-case-a');
    expect(first.model.approx).toBe('secular');
    const written = statSync(first.modulePath).mtimeMs;
    const again = await loadGenerated(CASE_A, 'secular', { cache });
    expect(again.modulePath).toBe(first.modulePath);
    expect(statSync(again.modulePath).mtimeMs).toBe(written);
    expect(again.warnings).toEqual([]);
  }, 120_000);

  it('another model text is another entry, decided by content', async () => {
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    json.parameters.gamma.default = 2;
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'bornmarkov-model-')), 'case-a.json');
    writeFileSync(elsewhere, JSON.stringify(json));
    const a = await loadGenerated(CASE_A, 'secular', { cache });
    const b = await loadGenerated(elsewhere, 'secular', { cache });
    expect(b.modulePath).not.toBe(a.modulePath);
    expect(b.model.parameters.find((p) => p.name === 'gamma')!.default).toBe(2);
  }, 120_000);

  it('refuses a module that is not the model’s, naming it', async () => {
    const caseA = await loadGenerated(CASE_A, 'secular', { cache });
    await expect(loadGenerated(V, 'secular', { module: caseA.modulePath })).rejects.toThrow(InputError);
    await expect(loadGenerated(V, 'secular', { module: caseA.modulePath })).rejects.toThrow(
      /is the module of "huangfu-jing-case-a", not of li-cai-sun-v/,
    );
    await expect(loadGenerated(CASE_A, 'nonsecular', { module: caseA.modulePath })).rejects.toThrow(
      /is the secular module, not the nonsecular one/,
    );
    await expect(loadGenerated(CASE_A, 'secular', { module: join(cache, 'no-such.mjs') })).rejects.toThrow(
      /--module .*no-such\.mjs: no such file/,
    );
  }, 120_000);
});
