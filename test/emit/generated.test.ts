// The generated modules in derivations/generated/ (src/emit/typescript.ts, written by `bornmarkov derive`), as source:
//   - drift: every model × approximation re-emitted in memory (emitModel, the function `derive` uses) equals the
//     committed file byte for byte, and no stale generated file is left beside them;
//   - they compile under tsc --strict (and noUnusedLocals/Parameters, noUncheckedIndexedAccess, …) with zero
//     diagnostics (`npm run typecheck` compiles them with derivations/generated/tsconfig.json, checked here to hold
//     the strict options and every module); they are straight-line code with a typed Params interface, computing
//     each half-angle pair and each Planck occupation N(ω,T) once per function.
// Their numbers: test/emit/generatedNumbers.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { STRICT_OPTIONS } from '../support/strictCompiler.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { DEFAULT_OUT, emitCommitted, generatedFilesIn } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import { variantsOf } from '../support/generatedModules.ts';
import { eighSource, principalValueSource } from '../../src/emit/runtime.ts';

const GENERATED = DEFAULT_OUT;
const models = derivationModels();

// ---------------------------------------------------------------------------------------------
// Drift

describe('derivations/generated is up to date', () => {
  it('holds the modules of the seed models and the examples, both approximations', () => {
    // these at least (a model a user adds under derivations/ is tested too, not an error)
    expect(models.map((f) => f.split('derivations/')[1])).toEqual(
      expect.arrayContaining([
        'examples/detuned-three-site-chain.json',
        'examples/four-site-chain.json',
        'examples/kato-tanimura.json',
        'examples/spin-boson.json',
        'examples/three-atom-chain.json',
        'examples/v-type-phase.json',
        'huangfu-jing/case-a.json',
        'huangfu-jing/case-b.json',
        'huangfu-jing/case-c.json',
        'huangfu-jing/case-d.json',
        'li-cai-sun/lambda.json',
        'li-cai-sun/two-tls.json',
        'li-cai-sun/v.json',
        'li-cai-sun/xi.json',
      ]),
    );
  });

  // each model is emitted once: the drift test and the stale-file test read the same emission
  const emitted = new Map<string, Map<string, string>>();
  const emissionOf = (file: string) => emitted.get(file) ?? (emitted.set(file, emitCommitted(file, GENERATED)), emitted.get(file)!);

  it.each(models)('%s: re-emitting tex, ts and json (every approximation) gives the committed files byte for byte', (file) => {
    const drifted: string[] = [];
    const files = emissionOf(file);
    // 3 targets × every approximation that applies, with and without the Lamb shift for Hermitian couplings
    expect(files.size).toBe(3 * variantsOf(loadModelFile(file)).length);
    for (const [name, text] of files) {
      const path = join(GENERATED, name);
      if (!existsSync(path)) {
        drifted.push(`${path} is missing`);
        continue;
      }
      const committed = readFileSync(path, 'utf8');
      if (committed === text) continue;
      const a = committed.split('\n');
      const b = text.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      const at = line < 0 ? b.length : line;
      drifted.push(
        `${path} differs from a fresh emission at line ${at + 1}:\n    committed: ${a[at] ?? '(end of file)'}\n    emitted:   ${b[at] ?? '(end of file)'}`,
      );
    }
    expect(
      drifted,
      `generated files drifted from their model; regenerate with \`npx bornmarkov derive ${file}\` and commit derivations/generated:\n  ${drifted.join('\n  ')}`,
    ).toEqual([]);
  });

  it('has no stale generated file of these models (files of models from elsewhere, which a user derived there, are ignored)', () => {
    const present = generatedFilesIn(GENERATED);
    const all = new Set(models.flatMap((f) => [...emissionOf(f).keys()]));
    const names = models.map((f) => loadModelFile(f).name);
    const ours = (file: string) => names.some((n) => file.startsWith(`${n}.`));
    const stale = present.filter((n) => ours(n) && !all.has(n));
    expect(stale, `stale files in ${GENERATED} (no model produces them any more): delete them`).toEqual([]);
    const foreign = present.filter((n) => !ours(n));
    if (foreign.length > 0) console.log(`ignored in ${GENERATED} (not from a model under derivations/): ${foreign.join(', ')}`);
    expect(all.size).toBeGreaterThanOrEqual(models.reduce((n, f) => n + (loadModelFile(f).couplings.length ? 12 : 6), 0));
    for (const n of all) expect(present, `${n} is missing`).toContain(n);
  });
});

// ---------------------------------------------------------------------------------------------
// Source form

const moduleFiles = models
  .flatMap((f) => {
    const m = loadModelFile(f);
    return variantsOf(m).map((v) => `${m.name}.${v.label}.ts`);
  })
  .sort()
  .map((n) => join(GENERATED, n));

describe('the generated TypeScript compiles and is straight-line code', () => {
  it('`npm run typecheck` compiles every module under tsc --strict (plus noUnusedLocals, noUnusedParameters, noUncheckedIndexedAccess, exactOptionalPropertyTypes), and each is self-contained', () => {
    expect(moduleFiles).toHaveLength(models.reduce((n, f) => n + variantsOf(loadModelFile(f)).length, 0));
    // the type check is the project's (`tsc -p derivations/generated`, one program of these files): here, that its
    // options are the strict ones and that it takes in every module
    const path = join(GENERATED, 'tsconfig.json');
    const read = ts.readConfigFile(path, (f) => readFileSync(f, 'utf8'));
    expect(read.error).toBeUndefined();
    const config = ts.parseJsonConfigFileContent(read.config, ts.sys, resolve(GENERATED), undefined, resolve(path));
    expect(config.errors).toEqual([]);
    for (const [option, value] of Object.entries(STRICT_OPTIONS)) expect(config.options[option], option).toEqual(value);
    expect(config.fileNames.map((f) => relative(process.cwd(), f)).sort()).toEqual(expect.arrayContaining(moduleFiles));
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    expect(scripts.typecheck).toMatch(/(^|&& )tsc -p derivations\/generated( |$)/);
    expect(scripts.test).toMatch(/npm run typecheck/);
    // self-contained: no module imports anything (so the program is these files alone, and nothing of src/ is pulled in)
    for (const f of moduleFiles) expect(readFileSync(f, 'utf8'), f).not.toMatch(/^import /m);
  });

  it.each(moduleFiles.map((f) => basename(f)))('%s: typed Params, no loops, every local computed once', (name) => {
    // the principal-value runtime a Lamb-shift module carries (src/emit/runtime.ts, tested on its own) is not table code
    const text = readFileSync(join(GENERATED, name), 'utf8')
      .replace(principalValueSource((t) => t).join('\n'), '')
      .replace(eighSource((t) => t).join('\n'), '');
    const json = JSON.parse(readFileSync(join(GENERATED, name.replace(/\.ts$/, '.json')), 'utf8'));
    // a Params interface with one `number` field per model parameter, used by every function
    const iface = /export interface Params extends ParameterRecord \{([\s\S]*?)\n\}/.exec(text);
    expect(iface).not.toBeNull();
    const fields = [...iface![1]!.matchAll(/^ {2}([A-Za-z_$][\w$]*): number;$/gm)].map((m) => m[1]);
    expect(fields).toEqual(json.parameters.map((p: { name: string }) => p.name));
    expect(text).toMatch(/export function liouvillian\(p: Params, out: Float64Array, bath\?: string\): void \{/);
    expect(text).toMatch(/export function coefficients\(p: Params\)/);
    // straight-line: no loop or callback anywhere
    expect(text).not.toMatch(/\b(for|while|do)\s*[({]|\.(map|forEach|reduce)\(/);
    const functions = [...text.matchAll(/^export function (\w+)\(([\s\S]*?)^\}/gm)];
    // a numeric-eigenbasis secular module also exports its selectors
    const selectors = /^export function selectors\(/m.test(text) ? ['selectors'] : [];
    expect(functions.map((m) => m[1])).toEqual([
      'energies',
      'temperatures',
      'coefficients',
      'liouvillian',
      'populationBlock',
      'physics',
      ...selectors,
      'eigenvectors',
      'operators',
    ]);
    for (const [body, fn] of functions.map((m) => [m[0], m[1]] as const)) {
      const locals = [...body.matchAll(/^ {2}const (\w+) = (.*);$/gm)];
      // no value computed twice: distinct right-hand sides, and each N_α(ω), each cos/sin(θ/2), each √ once
      const rhs = locals.map((m) => m[2]!).filter((r) => !r.startsWith('new ')); // fresh arrays are distinct values
      expect(
        rhs.filter((r, i) => rhs.indexOf(r) !== i),
        `${name} ${fn}: a value is computed twice`,
      ).toEqual([]);
      const expm1 = (body.match(/Math\.expm1\(/g) ?? []).length;
      const planckLocals = locals.filter((m) => m[1]!.startsWith('_N_')).length;
      expect(expm1).toBe(planckLocals);
      expect(new Set(locals.filter((m) => m[1]!.startsWith('_N_')).map((m) => m[2])).size).toBe(planckLocals);
      for (const prefix of ['_c_', '_s_', '_R_']) {
        const names = locals.map((m) => m[1]!).filter((x) => x.startsWith(prefix));
        expect(new Set(names).size).toBe(names.length);
      }
      // exp, pow and trig only where a spectrum expression is evaluated (J, and the quadrature's integrands in Π)
      const outsideSpectra = locals
        .filter((m) => !/^_(J|Pi)_/.test(m[1]!))
        .map((m) => m[2]!)
        .join('\n');
      expect(
        (outsideSpectra.match(/Math\.(cos|sin|atan2|exp|pow)\(/g) ?? []).length,
        `${name} ${fn}: trig calls or exp/pow instead of the half-angle forms and expm1`,
      ).toBe(0);
    }
    // the liouvillian zero-fills `out` once, then writes each nonzero entry once
    const liouvillian = functions.find((m) => m[1] === 'liouvillian')![0];
    expect(liouvillian.match(/out\.fill\(0\);/g)).toHaveLength(1);
    const written = [...liouvillian.matchAll(/^ {2}out\[(\d+)\] = /gm)].map((m) => Number(m[1]));
    expect(new Set(written).size).toBe(written.length);
    expect(written.every((i) => i < 2 * json.basis.length ** 4)).toBe(true);
  });
});
