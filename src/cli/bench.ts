// `npm run bench`: derivation time per model (median of repeated runs, measured side by side in one process).
import { relative, join } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { APPROXIMATIONS, derive } from '../derive/redfield.ts';
import { paperForm } from '../derive/paperForm.ts';
import { modelFiles } from './all.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function runBench(args: string[]): Promise<number> {
  const repeats = Number(args.find((a) => a.startsWith('--repeats='))?.split('=')[1] ?? 5);
  const files = modelFiles(join(process.cwd(), 'derivations')).filter((f) => !f.endsWith('.published.json'));
  console.log(`derivation time per model: load + exact eigen check + expansion + paper form, both approximations; median of ${repeats}`);
  for (const file of files) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const model = loadModelFile(file);
      for (const a of APPROXIMATIONS) paperForm(derive(model, a));
      times.push(performance.now() - t0);
    }
    console.log(`  ${relative(process.cwd(), file).padEnd(42)} ${median(times).toFixed(1).padStart(8)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
  }
  return 0;
}
