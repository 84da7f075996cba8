// The generated modules in derivations/generated/ (src/emit/typescript.ts, written by `bornmarkov derive`):
//   - drift: every model × approximation re-emitted in memory (emitModel, the function `derive` uses) equals the
//     committed file byte for byte, and no stale generated file is left beside them;
//   - they compile under tsc --strict (and noUnusedLocals/Parameters, noUncheckedIndexedAccess, …) with zero
//     diagnostics (`npm run typecheck` compiles them, derivations/generated/tsconfig.json; checked here to be the strict
//     options over every module); they are straight-line code with a typed Params interface, computing each half-angle pair
//     and each Planck occupation N(ω,T) once per function;
//   - numbers: at random parameter points, at T = 0 and at very large T the liouvillian agrees with the
//     independent brute-force Redfield generator (test/reference/redfield.ts) to 1e-12 relative (max-norm),
//     the full generator is exactly −i[H_S, ·] + Σ_α D_α, each D_α agrees with the brute-force generator of
//     the model with bath α alone, and coefficients(), energies(), eigenvectors() and operators() agree with the
//     exact expressions evaluated numerically.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { STRICT_OPTIONS } from '../support/strictCompiler.ts';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import type { Model } from '../../src/model/model.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { type Approx } from '../../src/derive/redfield.ts';
import { applicableApproximations } from '../../src/derive/approx.ts';
import { type DerivedTable, deriveTable, variantName } from '../../src/derive/table.ts';
import { lindbladNames } from '../../src/emit/json.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { priceBathAtom } from '../../src/bath/correlators.ts';
import { DEFAULT_OUT, emitCommitted, generatedFilesIn } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import { type CMatrix, adjoint, conjugate, kron, maxAbs, maxAbsDiff, multiply, zeros } from '../../src/numeric/complexMatrix.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { spectrumFunction } from '../../src/bath/spectrum.ts';
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

// the modules of the models under derivations/ only: anything else a user derived into the directory is theirs
// every committed module of the models under derivations/: every approximation that applies, and the Lamb-shift
// variants of models with Hermitian couplings
const variantsOf = (m: Model) =>
  (m.couplings.length ? [false, true] : [false]).flatMap((ls) =>
    applicableApproximations(m, ls).map((approx) => ({ approx, lambShift: ls, label: variantName(approx, ls) })),
  );
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

// ---------------------------------------------------------------------------------------------
// Numbers

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function defaults(model: Model): Params {
  return Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
}

function randomParameters(model: Model, rand: () => number): Params {
  const p: Params = {};
  for (const q of model.parameters) {
    const scale = Math.abs(q.default) || 1;
    if (q.kind === 'temperature') p[q.name] = scale * (0.1 + 3 * rand());
    else if (q.kind === 'weight') p[q.name] = rand();
    else if (q.kind === 'rate') p[q.name] = scale * (0.3 + 1.5 * rand());
    // energies: around the default, with both signs for a detuning that defaults to 0
    else p[q.name] = q.default === 0 ? 6 * (rand() - 0.5) : q.default * (0.7 + 0.6 * rand());
  }
  return p;
}

/** The parameter points of one model: defaults, 6 random points, all temperatures 0, all temperatures huge. */
function points(model: Model, seed: number): { label: string; p: Params }[] {
  const rand = rng(seed);
  const temps = (t: (d: number) => number): Params =>
    Object.fromEntries(model.parameters.map((q) => [q.name, q.kind === 'temperature' ? t(q.default) : q.default]));
  return [
    { label: 'defaults', p: defaults(model) },
    ...Array.from({ length: 6 }, (_, i) => ({ label: `random point ${i + 1}`, p: randomParameters(model, rand) })),
    { label: 'T = 0', p: temps(() => 0) },
    { label: 'one bath at T = 0', p: { ...defaults(model), [model.parameters.find((q) => q.kind === 'temperature')!.name]: 0 } },
    { label: 'T = 1e7 × default', p: temps((d) => 1e7 * d) },
  ];
}

async function importGenerated(name: string, approx: Approx, lambShift = false): Promise<GeneratedModel> {
  const path = join(process.cwd(), GENERATED, `${name}.${variantName(approx, lambShift)}.ts`);
  return (await import(pathToFileURL(path).href)).default as GeneratedModel;
}

function fill(g: GeneratedModel, p: Params, bath?: string): CMatrix {
  const N = g.dimension ** 2;
  const out = new Float64Array(2 * N * N).fill(Number.NaN); // every entry must be written
  g.liouvillian(p, out, bath);
  return { n: N, m: N, re: out.slice(0, N * N), im: out.slice(N * N) };
}

/** Eigenbasis Liouvillian → bare basis: W L W† with W = V ⊗ conj(V), V the module's declared eigenvectors. */
function toBare(g: GeneratedModel, p: Params, L: CMatrix): CMatrix {
  const v = g.eigenvectors(p);
  const n = g.dimension;
  const V: CMatrix = { n, m: n, re: v.re, im: v.im };
  const W = kron(V, conjugate(V));
  return multiply(multiply(W, L), adjoint(W));
}

const relDiff = (a: CMatrix, b: CMatrix) => maxAbsDiff(a, b) / maxAbs(b);
const isFiniteMatrix = (M: CMatrix) => M.re.every(Number.isFinite) && M.im.every(Number.isFinite);

/** The model file with only bath α (for the brute-force D_α). */
function withOneBath(json: any, bath: string): any {
  return { ...json, baths: { [bath]: json.baths[bath] } };
}

describe.each(models)('%s', (file) => {
  const model = loadModelFile(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const tables = new Map<string, DerivedTable>();
  const table = (a: Approx, ls: boolean) =>
    tables.get(variantName(a, ls)) ??
    (tables.set(variantName(a, ls), deriveTable(model, a, { lambShift: ls })), tables.get(variantName(a, ls))!);
  // models with Hermitian couplings also have their Lamb-shift modules
  const variants = variantsOf(model);

  describe.each(variants)('$label module', ({ approx, lambShift }) => {
    // the model the approximation wrote the equation for (partial-secular: its cutoff parameter; local: site frequencies)
    const dm = () => table(approx, lambShift).model;
    it('describes the model: name, approximation, basis, parameters, baths, dimension, blocks', async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      expect(g.name).toBe(model.name);
      expect(g.approx).toBe(approx);
      expect(g.basis).toEqual(dm().states.map((s) => s.name));
      expect(g.bareBasis).toEqual(model.basis);
      expect(g.parameters).toEqual(dm().parameters.map((p) => ({ name: p.name, latex: p.latex, default: p.default, kind: p.kind })));
      expect(g.baths).toEqual(model.baths.map((b) => b.name));
      expect(g.dimension).toBe(dm().states.length);
      const n = g.dimension;
      // blocks partition vec indices; blocks[0] holds every population
      expect(g.blocks.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n * n }, (_, i) => i));
      for (let a = 0; a < n; a++) expect(g.blocks[0]).toContain(a * n + a);
    });

    it('liouvillian agrees with the brute-force Redfield generator to 1e-12 (random points, T = 0, huge T); blocks are closed', async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      const n = g.dimension;
      const N = n * n;
      const blockOf = new Map(g.blocks.flatMap((b, k) => b.map((i) => [i, k] as const)));
      for (const { label, p } of points(dm(), file.length * 31 + approx.length)) {
        const L = fill(g, p);
        expect(isFiniteMatrix(L), `${label}: non-finite entry`).toBe(true);
        const reference = bruteForceGenerator(json, p, approx, { lambShift }).L;
        expect(isFiniteMatrix(reference)).toBe(true);
        const d = relDiff(toBare(g, p, L), reference);
        // With the Lamb shift at T = 1e7 × default, the two thermal halves of S (≈ 2JT/ω, 1e7 times the rest)
        // cancel inside every principal value: the two independent quadratures then agree to ≈ 1e−9, the
        // limit of double precision there (measured: 1.4e−9 for Kato–Tanimura, 3e−11 for the spin-boson model).
        const tolerance = lambShift && label.startsWith('T = 1e7') ? 1e-8 : 1e-12;
        expect(d, `${label}: ${JSON.stringify(p)}`).toBeLessThan(tolerance);
        // no entry couples two different blocks (collected, then asserted once: N² expect calls cost seconds)
        const coupling: string[] = [];
        for (let r = 0; r < N; r++) {
          for (let c = 0; c < N; c++) {
            if (blockOf.get(r) !== blockOf.get(c) && (L.re[r * N + c] !== 0 || L.im[r * N + c] !== 0)) coupling.push(`(${r}, ${c})`);
          }
        }
        expect(coupling, `${label}: entries coupling two blocks`).toEqual([]);
      }
    });

    it('the full generator is −i[H_S, ·] + Σ_α D_α, and each D_α agrees with the brute-force generator of bath α alone', async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      const n = g.dimension;
      const N = n * n;
      for (const { label, p } of points(dm(), file.length * 17 + approx.length).slice(0, 5)) {
        const full = fill(g, p);
        const scale = maxAbs(full);
        const parts = g.baths.map((b) => fill(g, p, b));
        // U = full − Σ D_α: diagonal, purely imaginary, −(E_a − E_d) at row = column = a*n+d
        const E = g.energies(p);
        const U = zeros(N);
        for (let a = 0; a < n; a++) for (let d = 0; d < n; d++) U.im[(a * n + d) * N + a * n + d] = -(E[a]! - E[d]!);
        const rest: CMatrix = { n: N, m: N, re: full.re.slice(), im: full.im.slice() };
        for (const D of parts) {
          for (let k = 0; k < N * N; k++) {
            rest.re[k]! -= D.re[k]!;
            rest.im[k]! -= D.im[k]!;
          }
        }
        expect(maxAbsDiff(rest, U) / scale, label).toBeLessThan(1e-14);
        // D_α has no unitary part: D_α + U is the generator of the model with bath α alone
        g.baths.forEach((b, i) => {
          const D = parts[i]!;
          const Lb: CMatrix = { n: N, m: N, re: D.re.map((x, k) => x + U.re[k]!), im: D.im.map((x, k) => x + U.im[k]!) };
          const reference = bruteForceGenerator(withOneBath(json, b), p, approx, { lambShift }).L;
          expect(relDiff(toBare(g, p, Lb), reference), `${label}, bath ${b}`).toBeLessThan(1e-12);
          expect(maxAbs(D), `bath ${b} dissipates`).toBeGreaterThan(0);
        });
      }
      expect(() => g.liouvillian(defaults(dm()), new Float64Array(2 * N * N), 'no-such-bath')).toThrow(RangeError);
      expect(() => g.liouvillian(defaults(dm()), new Float64Array(2 * N * N - 1))).toThrow(RangeError);
    });

    it("physics(): the temperatures, the Bohr frequencies and each bath's spectrum matrix at each, as the model defines them", async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      const layout = g.physicsLayout!;
      expect(layout.frequencies).toEqual(dm().frequencies.map((f) => f.name));
      // a bath left out has one operator, and its spectrum is then a product of non-negative parameters (≥ 0 at every point the parameter check passes)
      for (const b of dm().baths.filter((x) => x.spectrum.size && !layout.spectra.some((s) => s.bath === x.name))) {
        expect(b.spectrum.size, b.name).toBe(1);
        expect([...b.spectrum.values()][0]!.text, b.name).toMatch(/^[\d.\s*/()]*([A-Za-z][A-Za-z0-9_]*[\d.\s*/()]*)*$/);
      }
      const F = layout.frequencies.length;
      const size = g.baths.length + F + layout.spectra.reduce((s, e) => s + F * 2 * e.operators.length ** 2, 0);
      expect(() => g.physics!(defaults(dm()), new Float64Array(size + 1))).toThrow(RangeError);
      for (const { label, p } of points(dm(), file.length * 13 + approx.length).slice(0, 4)) {
        const v = new Float64Array(size).fill(Number.NaN);
        g.physics!(p, v);
        expect(Array.from(v.subarray(0, g.baths.length)), label).toEqual(g.baths.map((b) => g.temperatures!(p)[b]));
        // the exact Bohr frequencies evaluated numerically, and the spectra through mathjs (src/bath/spectrum.ts)
        const price = priceBathAtom(dm(), p);
        const w = dm().frequencies.map((f) => complexValue(dm(), f.value, p, price)[0]);
        w.forEach((x, f) =>
          expect(Math.abs(v[g.baths.length + f]! - x), `${label}: ${layout.frequencies[f]}`).toBeLessThanOrEqual(1e-12 * Math.abs(x)),
        );
        let at = g.baths.length + F;
        for (const e of layout.spectra) {
          const bath = dm().baths.find((b) => b.name === e.bath)!;
          const m = e.operators.length;
          for (let f = 0; f < F; f++) {
            for (const [key, sd] of bath.spectrum) {
              const [k, l] = key.split(',') as [string, string];
              const scalar = (x: string) => p[x] ?? complexValue(dm(), dm().definitions.get(x)!, p)[0];
              const [re, im] = spectrumFunction(sd, scalar)(w[f]!);
              const i = e.operators.indexOf(k);
              const j = e.operators.indexOf(l);
              const tol = 1e-12 * (Math.abs(re) + Math.abs(im) + 1e-300);
              expect(Math.abs(v[at + i * m + j]! - re), `${label}, ${e.bath} ${key} at ${layout.frequencies[f]}`).toBeLessThanOrEqual(tol);
              expect(Math.abs(v[at + m * m + i * m + j]! - im)).toBeLessThanOrEqual(tol);
              expect(Math.abs(v[at + j * m + i]! - re)).toBeLessThanOrEqual(tol);
              expect(Math.abs(v[at + m * m + j * m + i]! + im)).toBeLessThanOrEqual(tol);
            }
            at += 2 * m * m;
          }
        }
        expect(at).toBe(size);
      }
    });

    it('coefficients(), energies(), eigenvectors() and operators() are the exact expressions evaluated', async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      const t = table(approx, lambShift);
      const names = lindbladNames(t);
      const exact: [string, (typeof t.paper.terms)[number]['coef']][] = [
        ...t.paper.terms.map((x) => [x.name, x.coef] as [string, typeof x.coef]),
        ...t.lindblad.rates.map((r, i) => [names.rates[i]!, r.rate] as [string, typeof r.rate]),
        ...t.lindblad.hc.map((h, i) => [names.hc[i]!, h.coef] as [string, typeof h.coef]),
      ];
      expect(new Set(exact.map(([k]) => k)).size).toBe(exact.length);
      for (const { label, p } of points(dm(), file.length * 13 + approx.length)) {
        const c = g.coefficients(p);
        expect(Object.keys(c).sort(), label).toEqual(exact.map(([k]) => k).sort());
        const price = priceBathAtom(dm(), p);
        const values = exact.map(([k, x]) => ({ k, want: complexValue(dm(), x, p, price), got: c[k]! }));
        const scale = Math.max(...values.map(({ want }) => Math.hypot(want[0], want[1])));
        expect(scale).toBeGreaterThan(0);
        for (const { k, want, got } of values) {
          const [re, im] = typeof got === 'number' ? [got, 0] : got;
          expect(Number.isFinite(re) && Number.isFinite(im), `${label}: ${k}`).toBe(true);
          expect(
            Math.hypot(re - want[0], im - want[1]) / scale,
            `${label}: ${k} = ${re} + ${im}i, exact ${want[0]} + ${want[1]}i`,
          ).toBeLessThan(1e-12);
        }
        // energies, eigenvectors, operators
        const E = g.energies(p);
        const Eexact = dm().states.map((s) => complexValue(dm(), s.energy, p)[0]);
        const escale = Math.max(...Eexact.map(Math.abs));
        Eexact.forEach((e, i) => expect(Math.abs(E[i]! - e) / escale).toBeLessThan(1e-14));
        const n = g.dimension;
        const V = g.eigenvectors(p);
        dm().states.forEach((s, j) =>
          s.vector.forEach((x, i) => {
            const [re, im] = complexValue(dm(), x, p);
            expect(Math.abs(V.re[i * n + j]! - re) + Math.abs(V.im[i * n + j]! - im)).toBeLessThan(1e-14);
          }),
        );
        const ops = g.operators(p);
        const expectedOps = [...[...dm().siteOperators.values()].filter((o) => o.name.startsWith('sz(')), ...dm().operators.values()];
        expect(Object.keys(ops).sort()).toEqual(expectedOps.map((o) => o.name).sort());
        for (const o of expectedOps) {
          const want = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
          for (const [r, col, x] of o.eigen.nonzero()) [want.re[r * n + col], want.im[r * n + col]] = complexValue(dm(), x, p);
          for (let k = 0; k < n * n; k++)
            expect(
              Math.abs(ops[o.name]!.re[k]! - want.re[k]!) + Math.abs(ops[o.name]!.im[k]! - want.im[k]!),
              `${label}: ${o.name}[${k}]`,
            ).toBeLessThan(1e-13);
        }
      }
    });
  });
});
