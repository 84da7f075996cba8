// Test support for the static explorer page (src/modules/explorer.ts): Case A's bundle, built once per module
// cache, the page's <script> elements, and a hostile copy of a bundle.
import { type ExplorerBundle, explorerBundle } from '../../src/modules/explorer.ts';
import { loadGenerated } from '../../src/modules/load.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';

type CaseA = { bundle: ExplorerBundle; loaded: Awaited<ReturnType<typeof loadGenerated>> };
// keyed by cache directory: each test file passes a scratch directory of its own (workers keep this module from
// one test file to the next)
const built = new Map<string, Promise<CaseA>>();
/** Case A's generated module (through the module cache in `cache`) and its explorer bundle, built once per cache. */
export function caseABundle(cache: string): Promise<CaseA> {
  let b = built.get(cache);
  if (!b)
    built.set(
      cache,
      (b = (async () => {
        const loaded = await loadGenerated(CASE_A, 'nonsecular', { cache });
        return { loaded, bundle: await explorerBundle(loaded) };
      })()),
    );
  return b;
}

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
