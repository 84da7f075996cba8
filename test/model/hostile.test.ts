// The corpus of hostile model files (test/fixtures/hostile/, listed with what each tries in manifest.json) through
// the loader (src/model/load.ts) and every emitter: each refused file is refused naming its field, and each
// accepted one (free text full of comment and string breakers, U+2028, HTML, TeX) gives TypeScript, JavaScript,
// Python, SymPy, JSON and LaTeX outputs in which that text runs nothing, reads nothing and breaks nothing.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { ModelError } from '../../src/model/model.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import { pythonModule } from '../../src/emit/python.ts';
import { sympyModule } from '../../src/emit/sympy.ts';
import { jsonText } from '../../src/emit/json.ts';
import { latexAppendix } from '../../src/emit/latex.ts';
import { explorePage, slidersFor } from '../../src/modules/explorerPage.ts';

const DIR = 'test/fixtures/hostile';
interface Case {
  file: string;
  what: string;
  outcome: 'refused' | 'accepted';
  field?: string;
  says?: string;
}
const MANIFEST: Case[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
const python = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;
if (!python) console.log('SKIPPED the Python parse of the hostile corpus: python3 not found');

/** Top-level statements of a Python module, by kind (comments and docstrings are not statements that run code). */
function pythonStatements(text: string): string[] {
  const script =
    'import ast,sys,json; t=ast.parse(sys.stdin.read()); print(json.dumps([type(n).__name__ + ":" + (n.targets[0].id if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) else getattr(n, "name", "")) for n in t.body]))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

describe('the hostile corpus', () => {
  it('holds the kinds of attack the issue names', () => {
    const files = MANIFEST.map((c) => c.file).join(' ');
    for (const kind of [
      'newline',
      'u2028',
      'traversal',
      'latex-input',
      'latex-end-document',
      'latex-openin',
      'latex-csname',
      'html-script',
      'comment-breakers',
    ]) {
      expect(files).toContain(kind);
    }
    expect(MANIFEST.filter((c) => c.outcome === 'refused').length).toBeGreaterThanOrEqual(25);
  });

  for (const c of MANIFEST.filter((x) => x.outcome === 'refused')) {
    it(`${c.file}: refused, naming ${c.field} (${c.what})`, () => {
      let error: unknown;
      try {
        loadModelFile(join(DIR, c.file));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      const message = (error as Error).message;
      expect(message.startsWith(`${c.file}: ${c.field}: `), message).toBe(true);
      expect(message).toContain(c.says!);
      // the message is short and holds no raw line break of any kind
      expect(message.length).toBeLessThan(400);
      expect(message).not.toMatch(/[\n\r\u2028\u2029]/);
    });
  }

  const clean = loadModelFile('derivations/huangfu-jing/case-a.json');
  const cleanTable = deriveTable(clean, 'nonsecular');
  const cleanPython = python ? pythonStatements(pythonModule(cleanTable)) : [];

  for (const c of MANIFEST.filter((x) => x.outcome === 'accepted')) {
    describe(`${c.file}: accepted (${c.what})`, () => {
      const model = loadModelFile(join(DIR, c.file));
      const table = deriveTable(model, 'nonsecular');
      const outputs = {
        ts: typescriptModule(table, { source: `${DIR}/${c.file}` }),
        js: typescriptModule(table, { source: `${DIR}/${c.file}`, flavor: 'js' }),
        python: pythonModule(table, { source: `${DIR}/${c.file}` }),
        sympy: sympyModule(table, { source: `${DIR}/${c.file}` }),
        json: jsonText(table),
        tex: latexAppendix(table),
      };

      it('no output holds a raw line or paragraph separator, a bidirectional override, or a live TeX file read', () => {
        for (const [target, text] of Object.entries(outputs)) {
          expect(text, target).not.toMatch(/[\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069]/);
        }
        expect(outputs.tex).not.toMatch(/(^|[^{])\\input\{/);
        expect(outputs.tex).not.toMatch(/\\end\{document\}[\s\S]*\\end\{document\}/);
      });

      it('the JavaScript module runs nothing extra and keeps the text verbatim', async () => {
        delete (globalThis as { pwned?: number }).pwned;
        const g = (await import(`data:text/javascript;base64,${Buffer.from(outputs.js).toString('base64')}`)).default;
        expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
        expect(g.name).toBe(model.name);
        expect(g.basis).toEqual(clean.states.map((s) => s.name));
        expect(Object.keys(await import(`data:text/javascript;base64,${Buffer.from(outputs.js).toString('base64')}`)).sort()).toEqual([
          'baths',
          'blocks',
          'coefficients',
          'default',
          'eigenvectors',
          'energies',
          'liouvillian',
          'operators',
          'parameters',
          'physics',
          'physicsLayout',
          'populationBlock',
          'populationEntries',
          'temperatures',
        ]);
        expect(outputs.ts).not.toMatch(/^\s*export const injected/m);
      });

      it('the JSON table parses and returns the title verbatim', () => {
        const j = JSON.parse(outputs.json);
        expect(JSON.stringify(j)).toContain(JSON.stringify(model.title).slice(1, 12));
      });

      it.skipIf(!python)("the Python module has the same top-level statements as the clean model's", () => {
        expect(pythonStatements(outputs.python)).toEqual(cleanPython);
        // and the SymPy module parses
        expect(pythonStatements(outputs.sympy).length).toBeGreaterThan(5);
      });

      it('the explorer page shows the title as text', () => {
        const page = explorePage({
          title: model.title,
          name: model.name,
          approx: 'nonsecular',
          source: model.source,
          basis: model.states.map((s) => s.name),
          sliders: slidersFor(model.parameters),
          curve: { parameter: 'Ta', i: 2, j: 1, points: 201 },
        });
        expect(page).not.toContain('<script>globalThis');
        expect(page).not.toContain('<img src=x');
      });
    });
  }
});
