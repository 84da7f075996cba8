import { defineConfig } from 'vitest/config';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

// The commands derive modules into a cache (src/modules/cache.ts); tests use a fresh one per run, never the
// user's ~/.cache/bornmarkov.
process.env.BORNMARKOV_CACHE ??= mkdtempSync(join(tmpdir(), 'bornmarkov-test-cache-'));

// Three tiers, run and timed one after the other by `npm test`:
//   core      everything that needs only Node (and python3 where present): `npm run test:core`, 71–84 s here in fresh clones;
//   browser   *.browser.test.ts, headless Chromium (the report page, the explorer);
//   pdflatex  *.pdflatex.test.ts, TeX Live (the appendices as PDF).
// A tier whose tool is absent skips its tests with the reason printed.
const BROWSER = 'test/**/*.browser.test.ts';
const PDFLATEX = 'test/**/*.pdflatex.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: on this 2-core machine, one file at a time
    maxWorkers: availableParallelism(),
    // a worker keeps its imported modules from one test file to the next (mathjs, typescript, the symbolic layers
    // would otherwise be loaded again for each of ~70 files); test files keep no state outside their scratch dirs
    isolate: false,
    // the exact algebra allocates many short-lived terms: a 64 MB young generation (Node's default is 16 MB) halves
    // the scavenges, which took ~17 % of a worker's time
    execArgv: ['--max-semi-space-size=64'],
    projects: [
      { extends: true, test: { name: 'core', include: ['test/**/*.test.ts'], exclude: [BROWSER, PDFLATEX] } },
      { extends: true, test: { name: 'browser', include: [BROWSER] } },
      { extends: true, test: { name: 'pdflatex', include: [PDFLATEX] } },
    ],
  },
});
