// Test support for the static explorer page (src/modules/explorer.ts): Case A's bundle, built once per test file
// with a module cache of its own, the page's <script> elements, and a hostile copy of a bundle.
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExplorerBundle, explorerBundle } from '../../src/modules/explorer.ts';
import { loadGenerated } from '../../src/modules/load.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
/** A scratch directory of the calling test file, removed after it. */
export const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-explore-static-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let caseA: Promise<{ bundle: ExplorerBundle; loaded: Awaited<ReturnType<typeof loadGenerated>> }> | undefined;
export const caseABundle = () =>
  (caseA ??= (async () => {
    const loaded = await loadGenerated(CASE_A, 'nonsecular', { cache });
    return { loaded, bundle: await explorerBundle(loaded) };
  })());

/** The <script> elements of a page: attributes and text. */
export const scripts = (html: string) =>
  [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
export const inlined = (html: string): Record<string, string> =>
  JSON.parse(scripts(html).find((s) => s.attrs.includes('id="modules"'))!.text);

/** A hostile copy of a bundle: a title with markup, a module source that tries to end its script element. */
export function hostile(bundle: ExplorerBundle): ExplorerBundle {
  const modules = new Map(bundle.modules);
  modules.set(
    'model.mjs',
    `${modules.get('model.mjs')!}\n// </script><script>window.__pwned = 1</script><!-- \u2028 \u2029\nexport const note = "</script><img src=x onerror=\\"window.__pwned = 2\\">";\n`,
  );
  return {
    config: { ...bundle.config, title: '<script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4"> & "quotes"' },
    modules,
  };
}
