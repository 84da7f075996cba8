// The bornmarkov command for the subprocess tests (one per command, to prove the binary; the rest run main()
// in-process, test/support/cli.ts). BINARY is dist/cli/bin.js — the `bornmarkov` that `npm install` puts on the
// PATH, JavaScript built by `npm ci`'s prepare step — when that build is at least as new as every file under src/;
// otherwise bin/bornmarkov.js, which runs the sources through tsx (and starts ~0.7 s slower), so that a test never
// runs code older than the sources. Either way the same main() runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ was built after the last change under src/. */
export function builtIsCurrent(): boolean {
  const info = join(ROOT, 'dist', '.tsbuildinfo');
  const bin = join(ROOT, 'dist', 'cli', 'bin.js');
  return existsSync(info) && existsSync(bin) && statSync(info).mtimeMs >= newestUnder(join(ROOT, 'src'));
}

/** The script to run with node: an absolute path, so that a test may run it from any directory. */
export const BINARY = builtIsCurrent() ? join(ROOT, 'dist', 'cli', 'bin.js') : join(ROOT, 'bin', 'bornmarkov.js');
