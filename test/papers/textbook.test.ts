// Golden test of a textbook equation for a Hermitian coupling: the secular (Davies) master equation of the
// spin-boson model, Breuer & Petruccione Sec. 3.3.1 (derivations/examples/spin-boson.published.json), agrees
// exactly with the derivation; a flipped matrix element (cos θ → sin θ in the dephasing rate) and the RWA
// "lowering part only" workaround (no dephasing term, whose coherence decay is then too slow) are flagged.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { checkPublished } from '../../src/check/compare.ts';

const MODEL = 'derivations/examples/spin-boson.json';
const TABLE = 'derivations/examples/spin-boson.published.json';

describe('spin-boson, Breuer–Petruccione Sec. 3.3.1 (secular)', () => {
  const model = loadModelFile(MODEL);

  it('every coefficient agrees exactly, with no term missing or extra', () => {
    const pub = loadPublishedFile(TABLE, model);
    expect(pub.approx).toBe('secular');
    const r = checkPublished(pub, 'secular');
    expect(r.rows.map((x) => [x.name, x.status])).toEqual([
      ['down', 'match'],
      ['up', 'match'],
      ['dephasing', 'match'],
    ]);
    expect(r.extra).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('a wrong matrix element and a dropped dephasing term are caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-textbook-'));
    try {
      const json = JSON.parse(readFileSync(TABLE, 'utf8'));
      const wrong = { ...json, coefficients: { ...json.coefficients, dephasing: 'S(b, z, z, 0)*sin(theta)^2/2' } };
      writeFileSync(join(dir, 'wrong.published.json'), JSON.stringify(wrong));
      const r1 = checkPublished(loadPublishedFile(join(dir, 'wrong.published.json'), model), 'secular');
      expect(r1.rows.find((x) => x.name === 'dephasing')!.status).toBe('mismatch');
      expect(r1.rows.find((x) => x.name === 'down')!.status).toBe('match');
      const dropped = { ...json, terms: json.terms.filter((t: { coefficient: string }) => t.coefficient !== 'dephasing') };
      delete dropped.coefficients.dephasing;
      writeFileSync(
        join(dir, 'dropped.published.json'),
        JSON.stringify({ ...dropped, coefficients: { down: json.coefficients.down, up: json.coefficients.up } }),
      );
      const r2 = checkPublished(loadPublishedFile(join(dir, 'dropped.published.json'), model), 'secular');
      expect(r2.ok).toBe(false);
      expect(r2.extra.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
