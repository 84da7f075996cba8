// The `check` command: exit status 0 on agreement, 1 on a mismatch (named in the output), 2 on bad input; --json
// prints the same rows as JSON. In-process through main(); the first test runs the binary itself.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../support/cli.ts';
import { BINARY } from '../support/binary.ts';

const binary = (...args: string[]) => spawnSync(process.execPath, [BINARY, ...args], { encoding: 'utf8' });
const run = runMain;
const MODEL = 'derivations/huangfu-jing/case-b.json';
const PUBLISHED = 'derivations/huangfu-jing/case-b.published.json';

describe('bornmarkov check', () => {
  it('exits 0 and prints one row per coefficient for the published Case B table (the binary, in a subprocess)', () => {
    const r = binary('check', MODEL, PUBLISHED);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/28 match, 0 mismatch, 0 missing, 0 unresolved, 0 extra terms: OK/);
    expect(r.stdout.split('\n').filter((l) => /^\s+(Gamma|Lambda|Delta)'\d+\s+match/.test(l))).toHaveLength(28);
  });

  it('--json prints the rows, and a changed coefficient exits 1 with its name and the exact difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-cli-'));
    const json = JSON.parse(readFileSync(PUBLISHED, 'utf8'));
    json.model = join(process.cwd(), MODEL);
    json.coefficients["Gamma'5"] = json.coefficients["Gamma'5"].replace('B1(eps1)', 'B1(eps2)');
    const path = join(dir, 'case-b.published.json');
    writeFileSync(path, JSON.stringify(json));
    const r = await run('check', MODEL, path, '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    const row = out.rows.find((x: any) => x.name === "Gamma'5");
    expect(row.status).toBe('mismatch');
    expect(row.difference).toMatch(/B1\(eps1\)/);
    expect(row.difference).toMatch(/B1\(eps2\)/);
    expect(out.rows.filter((x: any) => x.status === 'match')).toHaveLength(27);
  });

  it('bad input exits 2 with the file and field, never a stack trace', async () => {
    const r = await run('check', MODEL, 'derivations/huangfu-jing/case-b.json');
    expect(r.status).toBe(2);
    // a model file given as the published file: its first key that a published table does not take is named
    expect(r.stderr).toMatch(
      /case-b\.json: name: unknown key; the file takes schema, source, model, unitary, approx, notes, coefficients, latex, terms/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const u = await run('check', MODEL, PUBLISHED, '--approx', 'markov');
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/--approx must be one of secular \(or global\), redfield \(or nonsecular\), partial-secular/);
  });
});
