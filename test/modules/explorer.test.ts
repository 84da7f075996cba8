// The static explorer page (explorerBundle + staticExplorerPage, src/modules/explorer.ts; explorePage with modules,
// src/modules/explorerPage.ts) that the report writes per seed model, as text: one self-contained file (no
// src/href, no fetch, no static import in a script of its own; every relative specifier of every inlined module
// names another inlined module); model text escaped (a title with <script> as text; a module source containing
// </script> and U+2028 kept inside its JSON element). In Chromium: explorer.browser.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticExplorerPage } from '../../src/modules/explorer.ts';
import { caseABundle, hostile, inlined, scripts } from '../support/explorerPages.ts';

const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-explore-static-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the static explorer page, as text', () => {
  it('is self-contained: no src or href, no fetch, no import of a file; every relative import names an inlined module', async () => {
    const { bundle } = await caseABundle(cache);
    const html = staticExplorerPage(bundle);
    // the markup (script texts aside: those are checked below)
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');
    expect(markup).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(markup).not.toMatch(/<link|<img|<iframe|<object|<embed|@import|url\(/i);
    const all = scripts(html);
    expect(all.map((s) => s.attrs.trim())).toEqual([
      'type="application/json" id="config"',
      'type="application/json" id="modules"',
      'type="module"',
    ]);
    const bootstrap = all[2]!.text;
    expect(bootstrap).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|\bfrom\s*['"]/);
    expect(bootstrap).toContain('URL.createObjectURL');
    const modules = inlined(html);
    expect(Object.keys(modules).sort()).toEqual([...bundle.modules.keys(), 'main.js'].sort());
    for (const [path, text] of Object.entries(modules)) {
      expect(text, path).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|file:/);
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g)) {
        const spec = m[2]!;
        expect(spec, `${path}: ${spec}`).toMatch(/^\.\.?\//);
        const base = path.split('/').slice(0, -1);
        for (const part of spec.split('/')) part === '..' ? base.pop() : part !== '.' && base.push(part);
        expect(Object.hasOwn(modules, base.join('/')), `${path} imports ${spec}`).toBe(true);
      }
    }
    // the served page's contract: the same ids
    for (const id of ['title', 'p-Ta', 'p-Delta', 'rho-abs-2-1', 'timing', 'status', 'curve-line', 'facts'])
      expect(html, id).toContain(`id="${id}"`);
  }, 120_000);

  it('escapes model text: a title with <script> is text; a source containing </script> stays inside its JSON element', async () => {
    const { bundle } = await caseABundle(cache);
    const evil = hostile(bundle);
    const html = staticExplorerPage(evil);
    expect(html).toContain(
      '<h1 id="title">&lt;script&gt;window.__pwned = 3&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 4&quot;&gt; &amp; &quot;quotes&quot;</h1>',
    );
    // three script elements and no more: nothing in the sources ended one or opened another
    expect(html.match(/<script/gi)!.length).toBe(3);
    expect(html.match(/<\/script/gi)!.length).toBe(3);
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(html).not.toContain('<img');
    const modules = inlined(html);
    expect(modules['model.mjs']).toBe(evil.modules.get('model.mjs'));
    // no `<` at all inside the JSON elements
    for (const s of scripts(html).filter((x) => x.attrs.includes('application/json'))) expect(s.text).not.toContain('<');
  }, 120_000);
});
