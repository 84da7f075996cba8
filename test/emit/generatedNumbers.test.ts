// The numbers of the generated modules in derivations/generated (src/emit/typescript.ts): at random parameter
// points, at T = 0 and at very large T the liouvillian agrees with the independent brute-force Redfield generator
// (test/reference/redfield.ts) to 1e-12 relative (max-norm), the full generator is exactly −i[H_S, ·] + Σ_α D_α,
// each D_α agrees with the brute-force generator of the model with bath α alone, physics() gives the temperatures,
// Bohr frequencies and spectra, and coefficients(), energies(), eigenvectors() and operators() agree with the exact
// expressions evaluated numerically. (Their source form and drift: test/emit/generated.test.ts.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import type { Model } from '../../src/model/model.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { type Approx } from '../../src/derive/redfield.ts';
import { deriveTable, variantName } from '../../src/derive/table.ts';
import { lindbladNames } from '../../src/emit/json.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { priceBathAtom } from '../../src/bath/correlators.ts';
import { DEFAULT_OUT } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import { type CMatrix, adjoint, conjugate, kron, maxAbs, maxAbsDiff, multiply, zeros } from '../../src/numeric/complexMatrix.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { spectrumFunction } from '../../src/bath/spectrum.ts';
import { importModule, populationBlockAgainstL, randomParameters, variantsOf } from '../support/generatedModules.ts';

const GENERATED = DEFAULT_OUT;
const models = derivationModels();

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function defaults(model: Model): Params {
  return Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
}

/**
 * Random points per module: 6, and 2 where one reference point is costly: models of 8 levels or more (a brute-force
 * generator and a change of basis take about 0.1 s at 16 levels) and Lamb-shift modules (the reference integrates
 * every principal value by its own quadrature); 1 at 16 levels, beside the defaults and the three temperature
 * extremes. The code paths they run are the other modules' as well.
 */
const isCostly = (model: Model, lambShift: boolean) => lambShift || model.states.length >= 8;
const randomPoints = (model: Model, lambShift: boolean) => (model.states.length >= 16 ? 1 : isCostly(model, lambShift) ? 2 : 6);

/** The parameter points of one model: defaults, the random points, all temperatures 0, all temperatures huge. */
function points(model: Model, seed: number, lambShift: boolean): { label: string; p: Params }[] {
  const rand = rng(seed);
  const temps = (t: (d: number) => number): Params =>
    Object.fromEntries(model.parameters.map((q) => [q.name, q.kind === 'temperature' ? t(q.default) : q.default]));
  return [
    { label: 'defaults', p: defaults(model) },
    ...Array.from({ length: randomPoints(model, lambShift) }, (_, i) => ({
      label: `random point ${i + 1}`,
      p: randomParameters(model, rand),
    })),
    { label: 'T = 0', p: temps(() => 0) },
    { label: 'one bath at T = 0', p: { ...defaults(model), [model.parameters.find((q) => q.kind === 'temperature')!.name]: 0 } },
    { label: 'T = 1e7 × default', p: temps((d) => 1e7 * d) },
  ];
}

async function importGenerated(name: string, approx: Approx, lambShift = false): Promise<GeneratedModel> {
  const path = join(process.cwd(), GENERATED, `${name}.${variantName(approx, lambShift)}.ts`);
  return importModule(path);
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
  return multiply(W, multiply(L, adjoint(W)));
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
  // deriveTable derives each variant once per process (src/derive/table.ts)
  const table = (a: Approx, ls: boolean) => deriveTable(model, a, { lambShift: ls });
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
      // a module whose populationBlock gates terms by a selector has a function per selector (src/emit/code/gates.ts)
      const gated = /^function _gate/m.test(readFileSync(join(GENERATED, `${model.name}.${variantName(approx, lambShift)}.ts`), 'utf8'));
      for (const { label, p } of points(dm(), file.length * 31 + approx.length, lambShift)) {
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
        // populationBlock: the same numbers on blocks[0], every entry written — bit for bit where no term is gated by
        // a selector (the same code, restricted), else to rounding (the gated terms are added in another order)
        const block = populationBlockAgainstL(g, p, L);
        if (gated) expect(block.relative, `${label}: populationBlock against L`).toBeLessThanOrEqual(1e-14);
        else expect(block.unequal, `${label}: populationBlock entries unlike L's`).toEqual([]);
        // every nonzero entry is one the module lists (populationEntries, or a gated group it says it added)
        expect(block.unlisted, `${label}: nonzero entries populationBlock does not list`).toEqual([]);
      }
    });

    it('the full generator is −i[H_S, ·] + Σ_α D_α, and each D_α agrees with the brute-force generator of bath α alone', async () => {
      const g = await importGenerated(model.name, approx, lambShift);
      const n = g.dimension;
      const N = n * n;
      for (const { label, p } of points(dm(), file.length * 17 + approx.length, lambShift).slice(0, isCostly(dm(), lambShift) ? 3 : 5)) {
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
      for (const { label, p } of points(dm(), file.length * 13 + approx.length, lambShift).slice(0, 4)) {
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
      for (const { label, p } of points(dm(), file.length * 13 + approx.length, lambShift)) {
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
