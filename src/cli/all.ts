// `bornmarkov all` (npm start): derive every model under derivations/, check every published table.
// A model that fails is reported with its error and does not stop the others; the exit code is 1 at the end.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { loadPublishedFile } from '../check/published.ts';
import { checkPublished } from '../check/compare.ts';
import { APPROXIMATIONS, derive } from '../derive/redfield.ts';
import { paperForm } from '../derive/paperForm.ts';
import { formatCheck } from './main.ts';

export function modelFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'generated') walk(p);
      } else if (name.endsWith('.json')) out.push(p);
    }
  };
  walk(root);
  return out;
}

export async function runAll(_args: string[]): Promise<number> {
  const root = join(process.cwd(), 'derivations');
  let failures = 0;
  for (const file of modelFiles(root)) {
    const rel = relative(process.cwd(), file);
    try {
      if (file.endsWith('.published.json')) {
        const pub = loadPublishedFile(file);
        for (const approx of APPROXIMATIONS) {
          const r = checkPublished(pub, approx);
          console.log(formatCheck(r));
          if (!r.ok) failures++;
        }
      } else {
        const t0 = performance.now();
        const model = loadModelFile(file);
        const counts = APPROXIMATIONS.map((a) => {
          const terms = paperForm(derive(model, a)).terms;
          const n = (f: string) => terms.filter((t) => t.family === f).length;
          return `${a}: ${n('Gamma')} Gamma, ${n('Lambda')} Lambda, ${n('Delta')} Delta`;
        });
        console.log(`${rel}: derived (${counts.join('; ')}) in ${(performance.now() - t0).toFixed(0)} ms`);
      }
    } catch (e) {
      failures++;
      console.log(`${rel}: FAILED: ${(e as Error).message}`);
    }
  }
  console.log(failures === 0 ? 'all models derived, all published tables agree' : `${failures} failure(s)`);
  return failures === 0 ? 0 : 1;
}
