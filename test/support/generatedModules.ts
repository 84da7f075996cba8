// The committed generated modules of the models under derivations/ (derivations/generated, written by `bornmarkov
// derive`) as the tests use them: which variants each model has, how a test imports one, and random parameter points
// (test/emit/generated.test.ts, generatedNumbers.test.ts, python.test.ts and the tests that read a committed module).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Model } from '../../src/model/model.ts';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import { applicableApproximations } from '../../src/derive/approx.ts';
import { variantName } from '../../src/derive/table.ts';

/**
 * Every committed module of a model: every approximation that applies, and the Lamb-shift variants of models with
 * Hermitian couplings (anything else a user derived into the directory is theirs).
 */
export const variantsOf = (m: Model) =>
  (m.couplings.length ? [false, true] : [false]).flatMap((ls) =>
    applicableApproximations(m, ls).map((approx) => ({ approx, lambShift: ls, label: variantName(approx, ls) })),
  );

const imported = new Map<string, Promise<GeneratedModel>>();

/**
 * A committed generated module, imported through tsx's loader (esbuild) rather than vitest's transform pipeline, which
 * takes ~0.4 s for each of the 16-level chain's 200 kB modules (tsx: ~25 ms). The modules import nothing, so nothing
 * is shared with the modules vitest loads. Imported once per path and worker.
 */
export function importModule(path: string): Promise<GeneratedModel> {
  const url = pathToFileURL(resolve(path)).href;
  let m = imported.get(url);
  if (!m) imported.set(url, (m = tsImport(url, import.meta.url).then((x: { default: GeneratedModel }) => x.default)));
  return m;
}

/** A random parameter point around the model's defaults (temperatures, weights and rates by kind; energies near the default). */
export function randomParameters(model: Model, rand: () => number): Params {
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

/**
 * A module's populationBlock at p against its liouvillian on blocks[0] (`L`: n⁴ real parts then n⁴ imaginary
 * parts, computed here when not given): the largest difference relative to max|L|, and the entries that are not
 * bit for bit equal (as `(row, column): block vs L`).
 */
export function populationBlockAgainstL(
  g: GeneratedModel,
  p: Params,
  L?: { re: ArrayLike<number>; im: ArrayLike<number> },
): { relative: number; unequal: string[]; unlisted: string[] } {
  const N = g.dimension ** 2;
  if (!L) {
    const out = new Float64Array(2 * N * N);
    g.liouvillian(p, out);
    L = { re: out.subarray(0, N * N), im: out.subarray(N * N) };
  }
  const block = g.blocks[0]!;
  const m = block.length;
  const B = new Float64Array(2 * m * m).fill(Number.NaN); // every entry must be written
  g.populationBlock!(p, B);
  let scale = 0;
  for (let k = 0; k < N * N; k++) scale = Math.max(scale, Math.abs(L.re[k]!), Math.abs(L.im[k]!));
  // the entries the module says it wrote at this point: every point's, and each gated group it added
  const listed = new Set(g.populationEntries ?? []);
  (g.populationGates ?? []).forEach((entries, group) => g.populationGatesOn![group] && entries.forEach((k) => listed.add(k)));
  let d = 0;
  const unequal: string[] = [];
  const unlisted: string[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      const k = block[i]! * N + block[j]!;
      const [re, im] = [B[i * m + j]!, B[m * m + i * m + j]!];
      d = Math.max(d, Math.abs(re - L.re[k]!), Math.abs(im - L.im[k]!));
      if (!Object.is(re, L.re[k]) || !Object.is(im, L.im[k])) unequal.push(`(${i}, ${j}): ${re} ${im} vs ${L.re[k]} ${L.im[k]}`);
      if ((re !== 0 || im !== 0) && !listed.has(i * m + j)) unlisted.push(`(${i}, ${j}): ${re} ${im}`);
    }
  return { relative: Number.isNaN(d) ? NaN : d / scale, unequal, unlisted };
}
