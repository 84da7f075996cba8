// The layer rules of .dependency-cruiser.cjs (README "Architecture"; `npm run lint` runs them before the tests):
// on a scratch tree they catch each kind of forbidden import. (That the real src/ has none is `npm run lint`, which
// `npm test` runs first, with the same configuration.)
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: unknown[] };

async function violations(baseDir: string): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const r = await cruise(['src'], {
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      tsPreCompilationDeps: true,
      baseDir,
    });
    const output = r.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    process.chdir(cwd);
  }
}

describe('layers', () => {
  it('catch a back arrow, a symbolic import into numeric, an import of the commands and a run-time cycle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-layers-'));
    const file = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    file('src/check/compare.ts', 'export const isZeroExact = (x: number) => x === 0;\n');
    file('src/emit/latex.ts', "import { isZeroExact } from '../check/compare.ts';\nexport const z = isZeroExact(0);\n");
    file('src/model/model.ts', 'export const m = 1;\n');
    file('src/numeric/steady.ts', "import { m } from '../model/model.ts';\nexport const s = m;\n");
    file('src/cli/main.ts', 'export const main = 1;\n');
    file('src/report/write.ts', "import { main } from '../cli/main.ts';\nexport const w = main;\n");
    file('src/derive/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
    file('src/derive/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n");
    const found = await violations(dir);
    expect(found).toEqual(
      expect.arrayContaining([
        'emitters-never-import-check: src/emit/latex.ts → src/check/compare.ts',
        'numeric-is-numbers-only: src/numeric/steady.ts → src/model/model.ts',
        'only-the-commands-import-cli: src/report/write.ts → src/cli/main.ts',
        'no-circular: src/derive/a.ts → src/derive/b.ts',
      ]),
    );
    // the allowed directions pass: model → numeric, check → emit
    expect(found.filter((v) => !/latex|steady|write|derive/.test(v))).toEqual([]);
  }, 60_000);
});
