// Where model files are: every .json under a derivations/ tree, sorted depth first, skipping the emitted
// outputs in generated/. Published tables (*.published.json) sit beside their models.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every model and published-table file under `dir`. */
export function modelFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'generated') walk(p);
      } else if (name.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The model files under `dir`, without the published tables. */
export function derivationModels(dir = 'derivations'): string[] {
  return modelFiles(dir).filter((f) => !f.endsWith('.published.json'));
}
