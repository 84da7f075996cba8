// A snapshot of the project's inputs for the report tests (package.json, derivations/ with timestamps, the HEOM
// reference of "Which master equation?"), so that a run sees the same models even while derivations/ changes in
// the working tree. Without the three example models whose exact derivation takes seconds each: the report
// treats every model alike, those three only add time (their appendices are checked byte for byte against a
// fresh derivation by test/emit/generated.test.ts, and `npm start` writes the report with them).
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve('.');
export const LEFT_OUT = ['four-site-chain.json', 'detuned-three-site-chain.json', 'three-atom-chain.json'];

/** Copies the inputs to `dir` (created) and returns it. */
export function projectSnapshot(dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'derivations'), join(dir, 'derivations'), {
    recursive: true,
    preserveTimestamps: true,
    filter: (src) => !LEFT_OUT.some((f) => src.endsWith(`/examples/${f}`)),
  });
  cpSync(join(ROOT, 'benchmarks', 'heom'), join(dir, 'benchmarks', 'heom'), { recursive: true });
  return dir;
}
