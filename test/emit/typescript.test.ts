// The TypeScript printer (src/emit/typescript.ts) on model text it does not control: names, titles and
// descriptions that contain comment terminators, backticks, template placeholders and newlines still give a
// module that parses, type-checks and reports the model's name verbatim.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { STRICT_OPTIONS } from '../support/strictCompiler.ts';
import { loadModel } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import type { GeneratedModel } from '../../src/numeric/generatedModel.ts';

const HOSTILE = 'case`${globalThis.x}*/\\n-a';

function hostileModule(dir: string): string {
  const json = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8'));
  json.name = HOSTILE;
  json.title = 'two atoms */ throw 1; /* and\na newline';
  json.source = 'a paper */ still a comment';
  json.unit = 'gamma */';
  json.parameters.gamma.description = 'rate */ export const injected = 1; /*';
  const table = deriveTable(loadModel(json, 'hostile.json'), 'secular');
  const contract = relative(dir, join(process.cwd(), 'src/numeric/generatedModel.ts'));
  return typescriptModule(table, { source: 'models/hostile */.json\nnext', contractImport: contract.startsWith('.') ? contract : `./${contract}` });
}

describe('typescriptModule with hostile model text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-ts-'));
  const text = hostileModule(dir);
  const path = join(dir, 'hostile.secular.ts');
  writeFileSync(path, text);

  it('type-checks under the generated modules\' strict options with no diagnostic and exports nothing extra', () => {
    const program = ts.createProgram([path], STRICT_OPTIONS);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(text).not.toMatch(/^\s*export const injected/m);
    expect([...text.matchAll(/^export (?:const|function|interface|default) ?(\w*)/gm)].map((m) => m[1])).toEqual([
      'Params',
      'parameters',
      'baths',
      'energies',
      'coefficients',
      'liouvillian',
      'blocks',
      'eigenvectors',
      'operators',
      'model',
    ]);
  });

  it('runs, and names the model verbatim in its data and in its error message', async () => {
    const g = (await import(pathToFileURL(path).href)).default as GeneratedModel;
    expect(g.name).toBe(HOSTILE);
    const p = Object.fromEntries(g.parameters.map((x) => [x.name, x.default]));
    const out = new Float64Array(512);
    g.liouvillian(p, out);
    expect(out.some((x) => x !== 0)).toBe(true);
    expect(() => g.liouvillian(p, out, 'c')).toThrow(`liouvillian: no bath "c" in ${HOSTILE} (baths: a, b)`);
  });
});
