// The papers of the report (src/report/papers/): the registry's shape — one folder per paper with its datasets,
// figures and claims, its models in derivations/<slug>/, ids that name their paper — and every claim's verdict,
// computed here from the committed generated modules and compared with the pinned table (test/report/verdicts.ts),
// on the full grid (what `npm start` publishes) and on the reduced grid of test/report/report.test.ts. A few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { ModelProvider } from '../../src/report/models.ts';
import { FULL_GRID, Study } from '../../src/report/study.ts';
import { type ClaimResult, evaluateClaims } from '../../src/report/judge.ts';
import { APPROX_FIGURES, FIGURES } from '../../src/report/figures.ts';
import { CLAIMS, PAPERS, SEED_MODEL_DIRS, paperById } from '../../src/report/papers/index.ts';
import { repoPath } from '../support/generatedAdapter.ts';
import { REDUCED_GRID, VERDICTS, expectedVerdicts } from './verdicts.ts';

describe('the registry of papers', () => {
  it('has one folder per paper, with its datasets, figures, claims and entry, and its models in derivations/<slug>/', () => {
    expect(PAPERS.map((p) => p.slug)).toEqual(['huangfu-jing', 'li-cai-sun']);
    for (const p of PAPERS) {
      for (const f of ['datasets.ts', 'figures.ts', 'claims.ts', 'index.ts']) expect(existsSync(repoPath(`src/report/papers/${p.slug}/${f}`)), `${p.slug}/${f}`).toBe(true);
      expect(existsSync(repoPath(`derivations/${p.slug}`)), p.slug).toBe(true);
      expect(paperById(p.id)).toBe(p);
    }
    expect(new Set(PAPERS.map((p) => p.id)).size).toBe(PAPERS.length);
    expect(SEED_MODEL_DIRS).toEqual(PAPERS.map((p) => `derivations/${p.slug}/`));
  });

  it('every claim and figure of a paper names it; ids are unique across papers; the report lists them in registry order', () => {
    for (const p of PAPERS) {
      expect(p.claims.length, p.slug).toBeGreaterThan(0);
      for (const c of p.claims) expect(c.paper, c.id).toBe(p.id);
      for (const f of p.figures) expect(f.paper, f.id).toBe(p.id);
    }
    expect(CLAIMS).toEqual(PAPERS.flatMap((p) => p.claims));
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
    expect(FIGURES).toEqual([...PAPERS.flatMap((p) => p.figures), ...APPROX_FIGURES]);
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
  });

  it('pins a verdict for exactly the claims of each paper, in its order', () => {
    expect(Object.keys(VERDICTS)).toEqual(PAPERS.map((p) => p.slug));
    for (const p of PAPERS) expect(Object.keys(VERDICTS[p.slug]!), p.slug).toEqual(p.claims.map((c) => c.id));
  });
});

describe.each([
  { name: 'the full grid', grid: FULL_GRID, reduced: false },
  { name: 'the reduced grid of the report test', grid: REDUCED_GRID, reduced: true },
])('every claim\'s verdict on $name', ({ grid, reduced }) => {
  let provider: ModelProvider;
  let results: ClaimResult[];

  beforeAll(async () => {
    provider = new ModelProvider(repoPath('.'));
    results = await evaluateClaims(new Study(provider, grid, () => {}), CLAIMS);
  }, 120_000);
  afterAll(() => provider?.dispose());

  it('is computed for every claim (no errors)', () => {
    expect(results.filter((r) => r.error !== undefined).map((r) => `${r.claim.id}: ${r.error}`)).toEqual([]);
  });

  it('is the pinned one', () => {
    const computed = Object.fromEntries(results.map((r) => [r.claim.id, r.judgement?.verdict ?? 'error']));
    expect(computed).toEqual(expectedVerdicts(reduced));
  });
});
