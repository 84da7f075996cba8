// Golden tests: every published coefficient of seed 000 (Huangfu & Jing, Eqs. 7, 8, 10 and B1) and the
// Lindblad-like equation of seed 001 (Li, Cai & Sun, Eqs. 12 and A.8) agrees EXACTLY with the derivation,
// and a tampered published file is flagged by the name of the tampered coefficient.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { checkPublished } from '../../src/check/compare.ts';

const tables = [
  { model: 'derivations/huangfu-jing/case-a.json', published: 'derivations/huangfu-jing/case-a.published.json', count: 16 },
  { model: 'derivations/huangfu-jing/case-b.json', published: 'derivations/huangfu-jing/case-b.published.json', count: 28 },
  { model: 'derivations/li-cai-sun/lambda.json', published: 'derivations/li-cai-sun/lambda.published.json', count: 16 },
  { model: 'derivations/li-cai-sun/v.json', published: 'derivations/li-cai-sun/v.published.json', count: 16 },
  { model: 'derivations/li-cai-sun/xi.json', published: 'derivations/li-cai-sun/xi.published.json', count: 16 },
];

describe.each(tables)('$published', ({ model: modelFile, published, count }) => {
  const model = loadModelFile(modelFile);
  const pub = loadPublishedFile(published, model);
  const nonsecular = checkPublished(pub, 'nonsecular');
  const secular = checkPublished(pub, 'secular');

  it(`has ${count} published coefficients and no operator term that the derivation lacks or adds`, () => {
    expect(pub.coefficients.size).toBe(count);
    expect(nonsecular.extra).toEqual([]);
    expect(secular.extra).toEqual([]);
    expect(nonsecular.ok).toBe(true);
    expect(secular.ok).toBe(true);
  });

  it.each([...pub.coefficients.keys()])('%s agrees exactly with the derived non-secular equation', (name) => {
    const row = nonsecular.rows.find((r) => r.name === name)!;
    // "vanishes": the operator it multiplies is zero in this model (seed 001's Ĥc terms for i = j or for Ξ).
    expect(['match', 'vanishes']).toContain(row.status);
    expect(row.difference).toBeUndefined();
  });

  it('the secular equation keeps exactly the terms not marked non-secular', () => {
    const nonsecularNames = new Set(pub.terms.filter((t) => t.nonsecular).map((t) => t.coefficient));
    for (const row of secular.rows) expect(row.status === 'unused').toBe(nonsecularNames.has(row.name));
  });
});

describe('a tampered published table is flagged by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-tamper-'));
  const tamper = (source: string, edit: (json: any) => void) => {
    const json = JSON.parse(readFileSync(source, 'utf8'));
    edit(json);
    const path = join(dir, source.split('/').pop()!);
    writeFileSync(path, JSON.stringify(json));
    const model = loadModelFile(source.replace('.published', ''));
    return checkPublished(loadPublishedFile(path, model), 'nonsecular');
  };

  for (const { published } of tables.slice(0, 2)) {
    const names = Object.keys(JSON.parse(readFileSync(published, 'utf8')).coefficients);
    it.each(names)(`${published.split('/').pop()}: a changed sign of %s is a mismatch of %s`, (name) => {
      const r = tamper(published, (j) => (j.coefficients[name] = `-(${j.coefficients[name]})`));
      expect(r.ok).toBe(false);
      expect(r.rows.find((x) => x.name === name)!.status).toBe('mismatch');
    });
    it.each(names)(`${published.split('/').pop()}: swapping eps1 and eps2 in %s is flagged`, (name) => {
      const r = tamper(
        published,
        (j) => (j.coefficients[name] = j.coefficients[name].replace(/eps([12])/g, (_: string, k: string) => `eps${k === '1' ? 2 : 1}`)),
      );
      expect(r.ok).toBe(false);
      expect(r.rows.find((x) => x.name === name)!.status).toBe('mismatch');
    });
  }

  it('Case A: a published term with a wrong operator leaves derived terms unexplained', () => {
    const r = tamper('derivations/huangfu-jing/case-a.published.json', (j) => {
      const t = j.terms.find((x: any) => x.coefficient === 'Lambda1');
      t.operator = '2*tau42*rho*tau14';
    });
    expect(r.ok).toBe(false);
    expect(r.extra.length).toBeGreaterThan(0);
    expect(r.extra.some((e) => e.term === 'tau42*rho*tau13' || e.term === 'tau31*rho*tau24')).toBe(true);
  });

  it('Case B: dropping a published term is reported as terms the published equation lacks', () => {
    const r = tamper('derivations/huangfu-jing/case-b.published.json', (j) => {
      j.terms = j.terms.filter((x: any) => x.coefficient !== "Gamma'3");
    });
    expect(r.ok).toBe(false);
    expect(r.extra.map((e) => e.term)).toContain('tau21*rho*tau12');
  });

  it('seed 001 Λ: a wrong frequency in K+(1,2) is a mismatch of K+(1,2)', () => {
    const r = tamper('derivations/li-cai-sun/lambda.published.json', (j) => (j.coefficients['K+(1,2)'] = 'Gp21(eps1) + Gp21(eps1)'));
    expect(r.rows.find((x) => x.name === 'K+(1,2)')!.status).toBe('mismatch');
  });

  it('seed 001 Λ: with real cross spectra Γ12 = Γ21 exactly, so swapping those indices is NOT an error', () => {
    const r = tamper('derivations/li-cai-sun/lambda.published.json', (j) => (j.coefficients['K+(1,2)'] = 'Gp12(eps1) + Gp12(eps2)'));
    expect(r.rows.find((x) => x.name === 'K+(1,2)')!.status).toBe('match');
  });
});
