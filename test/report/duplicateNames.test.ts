// The report (src/report/write.ts) with two model files of one name: the second is reported as a failure instead of
// overwriting the first one's appendix while the report says "no failures" (issue 13).
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/write.ts';

describe('writeReport', () => {
  it('two models named alike: one appendix per name, the clash a named failure', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'bornmarkov-dup-'));
    mkdirSync(join(root, 'derivations', 'x'), { recursive: true });
    cpSync('package.json', join(root, 'package.json'));
    cpSync('derivations/examples/spin-boson.json', join(root, 'derivations', 'x', 'a.json'));
    cpSync('derivations/examples/spin-boson.json', join(root, 'derivations', 'x', 'b.json'));
    const out = join(root, 'report');
    const result = await writeReport({ root, outDir: out, grid: { nx: 3, ny: 3, line: 5 }, pdf: false, log: () => {} });
    const clash = result.failures.find((f) => f.what.includes('derivations/x/b.json'));
    expect(clash?.error).toMatch(/its name "spin-boson" is also the name of derivations\/x\/a\.json: model names must be distinct/);
    // one model's appendices, one per approximation that applies to the spin-boson model
    expect(readdirSync(out).filter((f) => f.startsWith('appendix-')).sort()).toEqual(['nonsecular', 'partial-secular', 'secular', 'ule'].map((a) => `appendix-spin-boson.${a}.tex`));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('model names must be distinct');
  });
});
