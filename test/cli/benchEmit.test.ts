// benchEmit (src/cli/benchEmit.ts) runs and reports both goals; a smoke test, not a timed one (the verdicts
// depend on the machine, so only their presence is checked).
import { describe, expect, it } from 'vitest';
import { benchEmit, timeLiouvillian } from '../../src/cli/benchEmit.ts';
import caseA from '../../derivations/generated/huangfu-jing-case-a.nonsecular.ts';

describe('benchEmit', () => {
  it('prints a row per model, the seed total, and a verdict for each goal', async () => {
    const lines: string[] = [];
    await benchEmit((l) => lines.push(l), { repeats: 1 });
    const text = lines.join('\n');
    for (const m of ['case-a', 'case-b', 'case-c', 'case-d', 'lambda', 'v', 'xi', 'two-tls', 'three-atom-chain'])
      expect(text).toMatch(new RegExp(`/${m}\\.json\\s+[0-9.]+ ms\\s+[0-9.]+ ms`));
    expect(text).toMatch(/total, 8 seed models\s+[0-9.]+ ms\s+[0-9.]+ ms/);
    expect(text).toMatch(/goal: the seed models in < 2 s in total .*: (met|NOT met); cold first pass: (met|NOT met)/);
    expect(text).toMatch(/^ {2}nonsecular\s+[0-9.]+ ns\/call .* goal < 1 µs: (met|NOT met)$/m);
    expect(text).toMatch(/^ {2}secular\s+[0-9.]+ ns\/call .* goal < 1 µs: (met|NOT met)$/m);
    // the examples (chains with exact steady states of 8-element blocks) take tens of seconds on a loaded machine
  }, 300_000);

  it('timeLiouvillian gives a positive median between the batch extremes', () => {
    const p = Object.fromEntries(caseA.parameters.map((x) => [x.name, x.default]));
    const t = timeLiouvillian(caseA, p, 5, 1000);
    expect(t.median).toBeGreaterThan(0);
    expect(t.min).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.max);
  });
});
