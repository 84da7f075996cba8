// The derived generator, evaluated at random parameters, against the brute-force numeric Redfield
// generator (numeric eigendecomposition, no symbolic code): agreement to 1e-12 relative to the largest entry.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelFile } from '../../src/model/load.ts';
import { lindbladForm, generatorFromLindblad } from '../../src/derive/redfield.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { applicableApproximations } from '../../src/derive/approx.ts';
import { paperForm, paperFormToSuperOp } from '../../src/derive/paperForm.ts';
import { maxAbs, maxAbsDiff } from '../../src/numeric/complexMatrix.ts';
import { superSub } from '../../src/operators/superop.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { bareLiouvillian } from '../support/numericGenerator.ts';
import { derivationModels } from '../../src/model/files.ts';

const models = derivationModels();

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomParameters(model: ReturnType<typeof loadModelFile>, rand: () => number): Record<string, number> {
  const p: Record<string, number> = {};
  for (const q of model.parameters) {
    const scale = Math.abs(q.default) || 1;
    if (q.kind === 'temperature') p[q.name] = scale * (0.2 + 2 * rand());
    else if (q.kind === 'weight') p[q.name] = rand();
    else if (q.kind === 'rate') p[q.name] = scale * (0.5 + rand());
    else p[q.name] = q.default === 0 ? 4 * (rand() - 0.5) : q.default * (0.8 + 0.4 * rand());
  }
  return p;
}

describe.each(models)('%s', (file) => {
  const model = loadModelFile(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  // every approximation that applies to the model, each against its own numeric construction (test/reference/)
  // at 2 points, 1 on the 16-level chain (evaluating its exact generator takes 0.3 s a point): the generated module
  // of each of these generators meets the same reference at 5 to 10 more (test/emit/generatedNumbers.test.ts)
  const trials = model.states.length >= 16 ? 1 : 2;
  it.each(applicableApproximations(model, false))(`%s generator matches the brute-force generator at ${trials} random points`, (approx) => {
    const d = deriveTable(model, approx).derivation; // the derivation every emitter uses (one per process)
    const rand = rng(file.length * 7919 + approx.length);
    for (let trial = 0; trial < trials; trial++) {
      const params = randomParameters(d.model, rand);
      const reference = bruteForceGenerator(json, params, approx).L;
      const derived = bareLiouvillian(d.model, d.generator, params);
      const scale = Math.max(1, maxAbs(reference));
      expect(maxAbsDiff(derived, reference) / scale).toBeLessThan(1e-12);
    }
  });
  it.each(applicableApproximations(model, false))('%s paper form and Lindblad-like form rebuild the same generator exactly', (approx) => {
    const d = deriveTable(model, approx).derivation; // the derivation every emitter uses (one per process)
    expect(superSub(paperFormToSuperOp(d.model, paperForm(d)), d.dissipator).tensor().size).toBe(0);
    expect(superSub(generatorFromLindblad(d.model, lindbladForm(d)), d.generator).tensor().size).toBe(0);
  });
});
