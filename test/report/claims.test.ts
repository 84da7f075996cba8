// The judging of the report's claims (src/report/judge.ts): judge() on synthetic numbers for every criterion kind,
// the tolerance rule for quoted values, the shared measurement helpers, and the claims list itself (ids unique,
// quotes present in each paper's seed text up to the papers' LaTeX markup). Each claim's computed verdict is pinned
// in test/report/papers.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { approx, criterionText, decreases, judge, quoted, worstOver } from '../../src/report/judge.ts';
import { CLAIMS, paperById } from '../../src/report/papers/index.ts';

const m = (value: number[], total?: number) => ({ value, total, detail: '' });

describe('judge', () => {
  it('approx: within tolerance is reproduced; outside differs with the signed difference and its size', () => {
    expect(judge(approx(0.15, 0.01), m([0.152]))).toMatchObject({ verdict: 'reproduced' });
    const j = judge(approx(8, 1), m([5.729]));
    expect(j.verdict).toBe('differs');
    expect(j.size).toBeCloseTo(2.271, 10);
    expect(j.difference).toContain('−2.27');
    expect(j.difference).toContain('tolerance ±1');
  });

  it('approx with several named components: every one must be within its tolerance', () => {
    const c = { kind: 'approx' as const, target: [48, 2], tol: [4.8, 1], names: ['ΔT/γ', 'Ta/γ'] };
    expect(judge(c, m([46, 1.3])).verdict).toBe('reproduced');
    const j = judge(c, m([46, 3.5]));
    expect(j.verdict).toBe('differs');
    expect(j.size).toBeCloseTo(2, 12);
    expect(j.difference).toMatch(/ΔT\/γ: .*; Ta\/γ: /);
    expect(() => judge(c, m([46]))).toThrow(/2 targets for 1 values/);
  });

  it('the tolerance of a quoted value is max(10 %, one unit of its last digit)', () => {
    expect(quoted(0.15, 0.01)).toBeCloseTo(0.015, 12);
    expect(quoted(8, 1)).toBe(1);
    expect(quoted(48, 1)).toBeCloseTo(4.8, 12);
    // the boundary is inclusive
    expect(judge(approx(8, 1), m([9])).verdict).toBe('reproduced');
    expect(judge(approx(8, 1), m([9.0001])).verdict).toBe('differs');
  });

  it('zero, below, above, between', () => {
    expect(judge({ kind: 'zero', tol: 1e-10 }, m([3e-16, -5e-17])).verdict).toBe('reproduced');
    expect(judge({ kind: 'zero', tol: 1e-10 }, m([3e-16, -2e-3]))).toMatchObject({ verdict: 'differs', size: 2e-3 });
    expect(judge({ kind: 'below', bound: 0.05 }, m([0.0704]))).toMatchObject({ verdict: 'differs' });
    expect(judge({ kind: 'below', bound: 0.05 }, m([0.0704])).size).toBeCloseTo(0.0204, 12);
    expect(judge({ kind: 'below', bound: 0.05 }, m([0.05])).verdict).toBe('differs');
    expect(judge({ kind: 'above', bound: 0 }, m([0.2, 0.1]))).toMatchObject({ verdict: 'reproduced', size: 0 });
    expect(judge({ kind: 'above', bound: 1 }, m([0.2])).size).toBeCloseTo(0.8, 12);
    expect(judge({ kind: 'between', lo: 0.5, hi: 1 }, m([0.78]))).toMatchObject({ verdict: 'reproduced', size: 0 });
    expect(judge({ kind: 'between', lo: 1e-10, hi: 0.5 }, m([0.765, 0.0096])).size).toBeCloseTo(0.265, 12);
  });

  it('count: reproduced only with no violations, and says how many of how many', () => {
    expect(judge({ kind: 'count' }, m([0], 1000))).toMatchObject({ verdict: 'reproduced', difference: '0 of 1000 checks violate the statement' });
    expect(judge({ kind: 'count' }, m([3], 6000))).toMatchObject({ verdict: 'differs', size: 3, difference: '3 of 6000 checks violate the statement' });
  });

  it('no finite value is never reproduced', () => {
    for (const c of [approx(1, 1), { kind: 'zero' as const, tol: 1 }, { kind: 'count' as const }]) {
      expect(judge(c, m([Number.NaN])).verdict).toBe('differs');
      expect(judge(c, m([])).verdict).toBe('differs');
    }
  });

  it('criterionText states the criterion', () => {
    expect(criterionText(approx(0.12, 0.01))).toBe('0.12 ± 0.012');
    expect(criterionText({ kind: 'count' })).toBe('no violations');
  });

  it('decreases counts drops larger than the flat threshold only', () => {
    expect(decreases([0, 1, 0.5, 2, 1.9999999999], 1e-6)).toBe(1);
    expect(decreases([3, 2, 1], 0)).toBe(2);
  });

  it('worstOver: the largest value, the first point reaching it, and the number of points', () => {
    expect(worstOver([[0, 1], [1, 3], [2, 3], [3, -5]], ([, v]) => v!)).toEqual({ worst: 3, at: [1, 3], n: 4 });
    expect(worstOver([1, 2], () => 0)).toEqual({ worst: 0, at: undefined, n: 2 });
    expect(worstOver([], () => 1)).toEqual({ worst: 0, at: undefined, n: 0 });
    // a NaN is never hidden by a larger value
    expect(worstOver([1, 2, 3], (x) => (x === 2 ? Number.NaN : x)).worst).toBeNaN();
  });
});

describe('the claims list', () => {
  it('has unique ids, a reference, a quote and a criterion for every claim', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
    for (const c of CLAIMS) {
      expect(c.ref.length, c.id).toBeGreaterThan(2);
      expect(c.quote.length, c.id).toBeGreaterThan(10);
      expect(c.criterion, c.id).toBeDefined();
    }
  });

  // The seed texts live outside the repository (../shared/seeds); check the quotes when they are there.
  const seed = (paper: string) => `../shared/seeds/${paperById(paper)!.seedText}`;
  const have = CLAIMS.every((c) => paperById(c.paper) !== undefined && existsSync(seed(c.paper)));
  it.skipIf(!have)('every quote is in its paper: its words, in order, outside the formulas', () => {
    // Compare words only: the extracted texts write formulas in LaTeX ($|\rho_{32}|$) or in broken-up Unicode,
    // the quotes in plain Unicode. Every word of 4+ letters of each quoted fragment must appear in the paper in
    // that order within a window around the fragment's first word.
    const words = (s: string) => s.normalize('NFKC').toLowerCase().replace(/-/g, '').match(/[a-z]{4,}/g) ?? [];
    for (const c of CLAIMS) {
      // (words hyphenated across a line break in the extracted text are joined: "tempera-\ntures")
      const paper = words(readFileSync(seed(c.paper), 'utf8').replace(/-\s*\n\s*/g, '')).join(' ');
      for (const fragment of c.quote.split('…')) {
        const w = words(fragment);
        if (w.length === 0) continue;
        // the fragment's words in order, with at most 6 other (formula) words between neighbours
        const pattern = new RegExp(w.map((x) => `\\b${x}\\b`).join('(?: [a-z]+){0,6} '));
        expect(pattern.test(paper), `${c.id}: "${fragment.trim()}" not found in paper ${c.paper}`).toBe(true);
      }
    }
  });
});
