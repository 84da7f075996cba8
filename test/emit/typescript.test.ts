// The TypeScript printer (src/emit/typescript.ts) on model text it does not control: names, titles and
// descriptions that contain comment terminators, backticks, template placeholders, newlines and U+2028 still give
// a module that parses, type-checks, runs nothing extra and reports the model's name verbatim. The loader refuses
// such names (src/model/names.ts); the printer is tested past it, on a loaded model whose names are then replaced,
// because it must escape whatever reaches it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { STRICT_OPTIONS } from '../support/strictCompiler.ts';
import { loadModel } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import type { GeneratedModel } from '../../src/numeric/generatedModel.ts';

const HOSTILE = 'case`${globalThis.x}*/\\n-a';

const STATE = 'lambda1\u2028globalThis.pwned = 1; //';

function hostileModule(flavor: 'ts' | 'js' = 'ts'): string {
  const json = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8'));
  json.title = 'two atoms */ throw 1; /* and\na newline\u2029globalThis.pwned = 2;';
  json.source = 'a paper */ still a comment';
  json.unit = 'gamma */';
  json.parameters.gamma.description = 'rate */ export const injected = 1; /*';
  const model = loadModel(json, 'hostile.json');
  model.name = HOSTILE;
  model.states[0]!.name = STATE;
  const table = deriveTable(model, 'secular');
  return typescriptModule(table, { source: 'models/hostile */.json\nnext', flavor });
}

describe('typescriptModule with hostile model text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-ts-'));
  const text = hostileModule();
  const path = join(dir, 'hostile.secular.ts');
  writeFileSync(path, text);
  const jsPath = join(dir, 'hostile.secular.mjs');
  writeFileSync(jsPath, hostileModule('js'));
  // a consumer elsewhere: the module's default export is the package's GeneratedModel
  const consumer = join(dir, 'consumer.ts');
  writeFileSync(
    consumer,
    `import model from './hostile.secular.ts';\nimport type { GeneratedModel } from ${JSON.stringify(join(process.cwd(), 'src/numeric/generatedModel.ts'))};\nexport const g: GeneratedModel = model;\n`,
  );

  it("type-checks under the generated modules' strict options with no diagnostic and exports nothing extra", () => {
    const program = ts.createProgram([path, consumer], STRICT_OPTIONS);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(text).not.toMatch(/^\s*export const injected/m);
    expect(text).not.toMatch(/^import /m);
    expect([...text.matchAll(/^export (?:const|function|interface|default) ?(\w*)/gm)].map((m) => m[1])).toEqual([
      'ParameterInfo',
      'GeneratedModel',
      'Params',
      'parameters',
      'baths',
      'energies',
      'temperatures',
      'coefficients',
      'liouvillian',
      'populationEntries',
      'populationBlock',
      'physicsLayout',
      'physics',
      'blocks',
      'eigenvectors',
      'operators',
      'model',
    ]);
  });

  it('runs, and names the model verbatim in its data and in its error message', async () => {
    const g = (await import(pathToFileURL(path).href)).default as GeneratedModel;
    expect(g.name).toBe(HOSTILE);
    expect(g.basis[0]).toBe(STATE);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(text).not.toMatch(/[\u2028\u2029]/);
    const p = Object.fromEntries(g.parameters.map((x) => [x.name, x.default]));
    const out = new Float64Array(512);
    g.liouvillian(p, out);
    // the hostile text changed only names: the numbers are those of the committed Case A secular module
    const clean = (await import(pathToFileURL(join(process.cwd(), 'derivations/generated/huangfu-jing-case-a.secular.ts')).href))
      .default as GeneratedModel;
    const reference = new Float64Array(512);
    clean.liouvillian(p, reference);
    expect([...out]).toEqual([...reference]);
    expect(reference.some((x) => x !== 0)).toBe(true);
    expect(() => g.liouvillian(p, out, 'c')).toThrow(`liouvillian: no bath "c" in ${HOSTILE} (baths: a, b)`);
    // the JavaScript flavor is the same module without types: same data, bit-identical numbers
    const j = (await import(pathToFileURL(jsPath).href)).default as GeneratedModel;
    expect(j.name).toBe(HOSTILE);
    const outJs = new Float64Array(512);
    j.liouvillian(p, outJs);
    expect([...outJs]).toEqual([...out]);
    expect(j.coefficients(p)).toEqual(g.coefficients(p));
  });
});

describe('typescriptModule: a long function laid out as parts', () => {
  // The detuned three-site chain in the numeric eigenbasis, non-secular: populationBlock and liouvillian are cut into
  // parts (eigendecomposition handles crossing too; the four-site chain's are 10 times longer and take 10 times as
  // long to derive and import); its parameters renamed s and h
  // (plausible names: an Ohmic exponent, a field) must not collide with the parts' own arguments.
  const text = readFileSync('derivations/examples/detuned-three-site-chain.json', 'utf8');
  const original = { ...JSON.parse(text), eigen: 'numeric' };
  const renamed = {
    ...JSON.parse(
      text
        .replace(/"J"/g, '"s"')
        .replace(/\bJ\*/g, 's*')
        .replace(/\bgamma\b/g, 'h'),
    ),
    eigen: 'numeric',
  };
  renamed.name = 'detuned-three-site-chain-renamed';
  renamed.parameters.h.latex = 'h';

  // (JavaScript flavor: a clash would be a SyntaxError on import; the committed parted modules are compiled strictly
  // by `npm run typecheck`, and a strict compile of these sources takes most of a minute)
  it('runs and gives the numbers of the module with the original parameter names', async () => {
    const modules: GeneratedModel[] = [];
    for (const json of [original, renamed]) {
      const source = typescriptModule(deriveTable(loadModel(json, `${json.name}.json`), 'nonsecular'), { flavor: 'js' });
      expect(source).toMatch(/^\/\/ populationBlock in \d+ parts .* and _populationBlock_h$/m);
      expect(source).toMatch(/^\/\/ liouvillian in \d+ parts/m);
      modules.push((await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)).default as GeneratedModel);
    }
    const [a, b] = modules as [GeneratedModel, GeneratedModel];
    expect(b.parameters.map((q) => q.name)).toEqual(['Omega', 'Delta', 's', 'h', 'Ta', 'Tb']);
    const m = a.blocks[0]!.length;
    const [outA, outB] = [new Float64Array(2 * m * m), new Float64Array(2 * m * m)];
    a.populationBlock!({ Omega: 30, Delta: 1.1, J: 1.3, gamma: 0.7, Ta: 4, Tb: 9 }, outA);
    b.populationBlock!({ Omega: 30, Delta: 1.1, s: 1.3, h: 0.7, Ta: 4, Tb: 9 }, outB);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    expect(outA.some((x) => x !== 0)).toBe(true);
    const n4 = a.dimension ** 4;
    const [La, Lb] = [new Float64Array(2 * n4), new Float64Array(2 * n4)];
    a.liouvillian({ Omega: 30, Delta: 1.1, J: 1.3, gamma: 0.7, Ta: 4, Tb: 9 }, La, 'b');
    b.liouvillian({ Omega: 30, Delta: 1.1, s: 1.3, h: 0.7, Ta: 4, Tb: 9 }, Lb, 'b');
    expect(Array.from(Lb)).toEqual(Array.from(La));
  });
});
