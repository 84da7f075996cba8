// benchEmit (src/cli/benchEmit.ts) runs and reports both goals. Not a timed test: the numbers depend on the
// machine, so what is checked is what the bench computes from them — the total is the sum of its rows, and each
// verdict says "met" exactly when its number is below its goal.
import { describe, expect, it } from 'vitest';
import { benchEmit, timeLiouvillian } from '../../src/cli/benchEmit.ts';
import caseA from '../../derivations/generated/huangfu-jing-case-a.nonsecular.ts';

describe('benchEmit', () => {
  it('a row per seed model, their total, and each verdict consistent with its number', async () => {
    const lines: string[] = [];
    // three cheap seed models and short fill batches: what is checked is the arithmetic, not the speed
    const seeds = ['lambda', 'v', 'xi'];
    await benchEmit((l) => lines.push(l), {
      repeats: 1,
      examples: false,
      seedFilter: (f) => seeds.some((m) => f.endsWith(`/li-cai-sun/${m}.json`)),
      fill: { batches: 5, perBatch: 1000 },
    });
    const text = lines.join('\n');
    expect(text).not.toMatch(/case-a\.json|two-tls\.json/);
    const rows = seeds.map((m) => {
      const r = new RegExp(`/${m}\\.json\\s+([0-9.]+) ms\\s+([0-9.]+) ms`).exec(text);
      expect(r, m).not.toBeNull();
      return { full: Number(r![1]), printers: Number(r![2]) };
    });
    for (const r of rows) expect(r.full).toBeGreaterThan(0);
    const total = /total, 3 seed models\s+([0-9.]+) ms\s+([0-9.]+) ms/.exec(text)!;
    // the total is the sum of the rows (each printed to 0.1 ms)
    expect(Math.abs(Number(total[1]) - rows.reduce((s, r) => s + r.full, 0))).toBeLessThan(0.5);
    expect(Math.abs(Number(total[2]) - rows.reduce((s, r) => s + r.printers, 0))).toBeLessThan(0.5);
    // every approximation that applies besides, totalled the same way, with no goal
    const everyRows = seeds.map((m) => Number(new RegExp(`/${m}\\.json, every approximation\\s+([0-9.]+) ms`).exec(text)![1]));
    const every = Number(/total, every approximation \(no goal\)\s+([0-9.]+) ms/.exec(text)![1]);
    expect(Math.abs(every - everyRows.reduce((s, x) => s + x, 0))).toBeLessThan(0.5);
    const cold = Number(/first pass over the seed models \(cold\)\s+([0-9.]+) ms/.exec(text)![1]);
    const goal = /goal: the seed models in < 2 s in total .*: (met|NOT met); cold first pass: (met|NOT met)/.exec(text)!;
    expect(goal[1]).toBe(Number(total[1]) < 2000 ? 'met' : 'NOT met');
    expect(goal[2]).toBe(cold < 2000 ? 'met' : 'NOT met');
    expect(text).not.toMatch(/three-atom-chain/);
    for (const approx of ['nonsecular', 'secular']) {
      const fill = new RegExp(`^ {2}${approx}\\s+([0-9.]+) ns/call .* goal < 1 µs: (met|NOT met)$`, 'm').exec(text)!;
      expect(Number(fill[1])).toBeGreaterThan(0);
      expect(fill[2]).toBe(Number(fill[1]) < 1000 ? 'met' : 'NOT met');
    }
  }, 300_000);

  it('timeLiouvillian gives a positive median between the batch extremes', () => {
    const p = Object.fromEntries(caseA.parameters.map((x) => [x.name, x.default]));
    const t = timeLiouvillian(caseA, p, 5, 1000);
    expect(t.median).toBeGreaterThan(0);
    expect(t.min).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.max);
  });
});
