import { defineConfig } from 'vitest/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The commands derive modules into a cache (src/cli/moduleCache.ts); tests use a fresh one per run, never the
// user's ~/.cache/bornmarkov.
process.env.BORNMARKOV_CACHE ??= mkdtempSync(join(tmpdir(), 'bornmarkov-test-cache-'));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
