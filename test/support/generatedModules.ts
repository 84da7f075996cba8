// The committed generated modules of the models under derivations/ (derivations/generated, written by `bornmarkov
// derive`): which variants each model has. Shared by the tests of their source (test/emit/generated.test.ts) and of
// their numbers (test/emit/generatedNumbers.test.ts).
import type { Model } from '../../src/model/model.ts';
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
