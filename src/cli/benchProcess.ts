// Whole-process timings for `npm run bench`: the commands a user types, each a fresh node process, the built
// package (dist/, what `npx bornmarkov` runs once installed) side by side with the same command from the
// TypeScript sources through tsx (bin/bornmarkov.js, what this repository ran before it was compiled).
// Runs are interleaved, so machine noise hits every row alike; medians of `repeats`. The module cache is a
// fresh temporary directory, warmed by one run first (a cold run also derives the model: reported too).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = join(ROOT, 'dist', 'cli', 'bin.js');
const SOURCES = join(ROOT, 'bin', 'bornmarkov.js');
const CASE_A = join(ROOT, 'derivations', 'huangfu-jing', 'case-a.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Lines of the report; `qutipUsPerPoint` (from the steady-state bench) turns the sweep into a ratio. */
export function benchProcess(repeats = 5, qutipUsPerPoint?: number): string[] {
  const lines = [`whole processes (fresh node each; median of ${repeats}, interleaved; built dist/ vs the sources through tsx):`];
  if (!existsSync(BUILT)) return [...lines, '  dist/ is missing: run `npm run build` (npm ci does it through prepare)'];
  const cache = mkdtempSync(join(tmpdir(), 'bornmarkov-bench-cache-'));
  const out = join(cache, 'map.csv');
  const env = { ...process.env, BORNMARKOV_CACHE: cache };
  const sweep = [
    'sweep',
    CASE_A,
    '--grid',
    'Ta=0.5:30:200',
    '--grid',
    'dT=0:100:200',
    '--set',
    'Tb=Ta+dT',
    '--observable',
    'abs(rho[2][1])',
    '--out',
    out,
  ];
  const solve = ['solve', CASE_A, '--set', 'Ta=10,Tb=60', '--json'];
  try {
    const cold = timeRun([BUILT, ...solve], env); // derives Case A into the cache
    const rows: { what: string; goalMs?: number; args: string[] }[] = [
      { what: "node -e ''", args: ['-e', ''] },
      { what: 'bornmarkov --help, built', goalMs: 250, args: [BUILT, '--help'] },
      { what: 'bornmarkov --help, sources (tsx)', args: [SOURCES, '--help'] },
      { what: 'solve Case A, built', goalMs: 500, args: [BUILT, ...solve] },
      { what: 'solve Case A, sources (tsx)', args: [SOURCES, ...solve] },
      { what: '200×200 sweep → CSV, built', goalMs: 600, args: [BUILT, ...sweep] },
      { what: '200×200 sweep → CSV, sources (tsx)', args: [SOURCES, ...sweep] },
    ];
    const times = rows.map(() => [] as number[]);
    for (let r = 0; r < repeats; r++) rows.forEach((row, i) => times[i]!.push(timeRun(row.args, env)));
    rows.forEach((row, i) => {
      const m = median(times[i]!);
      const goal = row.goalMs === undefined ? '' : ` — goal ≤ ${row.goalMs / 1000} s: ${m <= row.goalMs ? 'met' : 'NOT met'}`;
      lines.push(`  ${row.what.padEnd(36)} ${(m / 1000).toFixed(2)} s  (min ${(Math.min(...times[i]!) / 1000).toFixed(2)})${goal}`);
    });
    lines.push(`  first solve of Case A with a cold cache (derives the module): ${(cold / 1000).toFixed(2)} s`);
    if (qutipUsPerPoint !== undefined) {
      const ours = median(times[5]!);
      const theirs = (qutipUsPerPoint * 40_000) / 1000;
      lines.push(
        `  QuTiP for the same 40 000 points (its per-point time × 40 000, no start-up): ${(theirs / 1000).toFixed(1)} s — the built sweep, whole process, is ${(theirs / ours).toFixed(0)}× faster (goal ≥ 1000×)`,
      );
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  return lines;
}
