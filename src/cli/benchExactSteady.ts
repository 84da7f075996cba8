// Speed of the exact steady states (src/derive/steadyState.ts), as a benchmark: every block of every seed model
// (the two papers' models, both approximations; goal < 2 s in total), median of a few repeats on fresh tables
// (the solve is memoised per table), with the largest block's time and the time against the block size.
import { join, relative } from 'node:path';
import { readModelFile } from '../model/load.ts';
import { PAPER_APPROXIMATIONS } from '../derive/approx.ts';
import { deriveTable } from '../derive/table.ts';
import { exactSteadyState } from '../derive/steadyState.ts';
import { derivationModels } from '../model/files.ts';

const GOAL_MS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchExactSteady(log: (line: string) => void, repeats = 3): void {
  const files = derivationModels(join(process.cwd(), 'derivations')).filter((f) => !f.includes(join('derivations', 'examples')));
  log(`exact steady states, every block of the ${files.length} seed models in both approximations; median of ${repeats} (fresh tables)`);
  const totals: number[] = [];
  const bySize = new Map<number, number[]>();
  let largest = { ms: 0, what: '' };
  for (let r = 0; r < repeats; r++) {
    let total = 0;
    for (const file of files) {
      const model = readModelFile(file); // afresh, or the tables (and their steady states) would be the first repeat's
      for (const approx of PAPER_APPROXIMATIONS) {
        const table = deriveTable(model, approx);
        const t0 = performance.now();
        const s = exactSteadyState(table);
        total += performance.now() - t0;
        for (const b of s.blocks) {
          if (r === repeats - 1) {
            if (!bySize.has(b.elements.length)) bySize.set(b.elements.length, []);
            bySize.get(b.elements.length)!.push(b.ms);
          }
          if (r === repeats - 1 && b.ms > largest.ms)
            largest = {
              ms: b.ms,
              what: `${relative(process.cwd(), file)} (${approx}), ${b.elements.length} unknowns, determinant of ${b.determinant.terms.size} terms`,
            };
        }
      }
    }
    totals.push(total);
  }
  const m = median(totals);
  log(
    `  total ${m.toFixed(0)} ms (min ${Math.min(...totals).toFixed(0)}, max ${Math.max(...totals).toFixed(0)}) — goal < ${GOAL_MS / 1000} s: ${m < GOAL_MS ? 'met' : 'NOT met'}`,
  );
  log(`  slowest block: ${largest.ms.toFixed(1)} ms, ${largest.what}`);
  log('  time against block size (last repeat): unknowns, blocks, median ms, max ms');
  for (const [k, ms] of [...bySize].sort((a, b) => a[0] - b[0]))
    log(
      `    ${String(k).padStart(2)}  ${String(ms.length).padStart(4)}  ${median(ms).toFixed(2).padStart(8)}  ${Math.max(...ms)
        .toFixed(2)
        .padStart(8)}`,
    );
}
