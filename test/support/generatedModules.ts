// The committed generated modules of the models under derivations/ (derivations/generated, written by `bornmarkov
// derive`): which variants each model has. Shared by the tests of their source (test/emit/generated.test.ts) and of
// their numbers (test/emit/generatedNumbers.test.ts); and how the tests import one.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Model } from '../../src/model/model.ts';
import type { GeneratedModel } from '../../src/numeric/generatedModel.ts';
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
