// `npm run bench`: every speed figure the issues ask for, measured side by side in one process (medians; the
// machines are shared and noisy, so single timings mean little):
//   1. derivation time per model (goals: each seed model < 1 s, the three-atom chain < 10 s);
//   2. emitting the seven seed models (tex + ts + json, goal < 2 s) and one call of the generated Case A
//      liouvillian (goal < 1 µs, median over 10⁶ calls);
//   3. steady states per point for Case A over a 200×200 grid, single thread and all cores, and QuTiP when present;
//   4. steady states per point for the Kato–Tanimura model (Hermitian couplings), without and with the Lamb shift;
//   5. the exact steady states of every block of the seed models (goal < 2 s in total);
//   6. cost growth with chain length (2…5 sites, --max-sites=N), beside QuTiP.
//   4. whole processes: --help, solve and the 200×200 sweep with CSV, built vs from the sources (benchProcess.ts).
import { relative, join } from 'node:path';
import { readModelFile } from '../model/load.ts';
import { derive } from '../derive/redfield.ts';
import { PAPER_APPROXIMATIONS } from '../derive/approx.ts';
import { paperForm } from '../derive/paperForm.ts';
import { derivationModels } from '../model/files.ts';
import { benchSteady, qutipPerPoint } from './benchSteady.ts';
import { benchProcess } from './benchProcess.ts';
import { benchEmit } from './benchEmit.ts';
import { benchCouplings } from './benchCouplings.ts';
import { benchNumericEigen } from './benchNumericEigen.ts';
import { benchExactSteady } from './benchExactSteady.ts';
import { benchScaling } from './benchScaling.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function benchDerivations(repeats: number): void {
  const files = derivationModels(join(process.cwd(), 'derivations'));
  console.log(`derivation time per model: load + exact eigen check + expansion + paper form, both approximations; median of ${repeats}`);
  for (const file of files) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const model = readModelFile(file); // afresh: loadModelFile would hand back the model of the first repeat
      for (const a of PAPER_APPROXIMATIONS) paperForm(derive(model, a));
      times.push(performance.now() - t0);
    }
    const goalMs = isExampleModel(file) ? 10_000 : 1_000;
    const m = median(times);
    console.log(
      `  ${relative(process.cwd(), file).padEnd(42)} ${m.toFixed(1).padStart(8)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}) — goal < ${goalMs / 1000} s: ${m < goalMs ? 'met' : 'NOT met'}`,
    );
  }
}

/** Models outside the two papers (derivations/examples/) have the looser goal of the three-atom chain. */
function isExampleModel(file: string): boolean {
  return file.includes(join('derivations', 'examples'));
}

export async function runBench(args: string[]): Promise<number> {
  const repeats = Number(args.find((a) => a.startsWith('--repeats='))?.split('=')[1] ?? 5);
  benchDerivations(repeats);
  console.log('');
  await benchEmit((line) => console.log(line));
  console.log('');
  for (const line of await benchSteady()) console.log(line);
  console.log('');
  for (const line of await benchCouplings()) console.log(line);
  console.log('');
  for (const line of await benchNumericEigen()) console.log(line);
  console.log('');
  benchExactSteady((line) => console.log(line));
  console.log('');
  const maxSites = Number(args.find((a) => a.startsWith('--max-sites='))?.split('=')[1] ?? 5);
  for (const line of await benchScaling(maxSites)) console.log(line);
  console.log('');
  for (const line of benchProcess(repeats, qutipPerPoint.us)) console.log(line);
  return 0;
}
