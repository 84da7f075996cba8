// The static explorer page (explorerBundle + staticExplorerPage, src/cli/explore.ts; explorePage with modules,
// src/modules/explorerPage.ts) that the report writes per seed model:
//  - as text: one self-contained file (no src/href, no fetch, no static import in a script of its own; every
//    relative specifier of every inlined module names another inlined module); model text escaped (a title with
//    <script> as text; a module source containing </script> and U+2028 kept inside its JSON element);
//  - in headless Chromium through playwright-core (skipped with the reason printed when Chromium or playwright-core
//    is absent), opened from a file:// URL: nothing is requested but the file and its Blob URLs, and after a
//    slider move the displayed |ρ32| equals solve's (solveReport, in process) at that point to 1e-9.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromiumBinary } from '../support/system.ts';
import { CHROMIUM_FLAGS } from '../report/chromium.ts';
import { type ExplorerBundle, explorerBundle, staticExplorerPage } from '../../src/modules/explorer.ts';
import { loadGenerated } from '../../src/modules/load.ts';
import { singlePoint } from '../../src/cli/points.ts';
import { solveReport } from '../../src/cli/solve.ts';
import { parseAssignments } from '../../src/numeric/grid.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-explore-static-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function browserStatus(): { ok: true; bin: string } | { ok: false; reason: string } {
  const chromium = findChromiumBinary();
  if (!chromium.ok) return chromium;
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return { ok: false, reason: 'playwright-core is not installed (a dev dependency: npm install)' };
  }
  return chromium;
}
const browser = browserStatus();
if (!browser.ok) console.log(`SKIPPED static explorer in Chromium: ${browser.reason}`);

let caseA: Promise<{ bundle: ExplorerBundle; loaded: Awaited<ReturnType<typeof loadGenerated>> }> | undefined;
const caseABundle = () =>
  (caseA ??= (async () => {
    const loaded = await loadGenerated(CASE_A, 'nonsecular', { cache });
    return { loaded, bundle: await explorerBundle(loaded) };
  })());

/** The <script> elements of a page: attributes and text. */
const scripts = (html: string) => [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
const inlined = (html: string): Record<string, string> => JSON.parse(scripts(html).find((s) => s.attrs.includes('id="modules"'))!.text);

/** A hostile copy of a bundle: a title with markup, a module source that tries to end its script element. */
function hostile(bundle: ExplorerBundle): ExplorerBundle {
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

describe('the static explorer page, as text', () => {
  it('is self-contained: no src or href, no fetch, no import of a file; every relative import names an inlined module', async () => {
    const { bundle } = await caseABundle();
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
    const { bundle } = await caseABundle();
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

describe.skipIf(!browser.ok)('the static explorer page in Chromium, from a file:// URL', () => {
  it('loads offline; a slider move: |ρ32| on the page equals solve at that point to 1e-9', async () => {
    const { chromium: pw } = await import('playwright-core');
    const { bundle, loaded } = await caseABundle();
    const file = join(dir, 'case-a.html');
    writeFileSync(file, staticExplorerPage(bundle));
    const url = pathToFileURL(file).href;
    const b = await pw.launch({ executablePath: browser.ok ? browser.bin : '', args: CHROMIUM_FLAGS });
    try {
      const page = await b.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const loadMs = performance.now() - t0;
      const firstUpdate = await page.locator('#timing').textContent();
      // nothing but the file itself and the Blob URLs of its inlined modules
      expect(requests[0]).toBe(url);
      for (const r of requests.slice(1)) expect(r).toMatch(/^blob:/);
      // at most one per inlined module (the page's own included): a module nothing imports is never created
      expect(requests.length).toBeGreaterThan(2);
      expect(requests.length).toBeLessThanOrEqual(1 + bundle.modules.size + 1);

      const before = await page.locator('#curve-line').getAttribute('points');
      await page.locator('#p-Ta').fill('17.25');
      await page.locator('#p-Delta').fill('2.5');
      await page.waitForFunction(
        () => document.getElementById('v-Delta')?.textContent === document.querySelector<HTMLInputElement>('#p-Delta')!.value,
      );
      const moveMs = await page.locator('#timing').textContent();
      const p = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLInputElement>('input[type=range]')].map((el) => [el.dataset.name!, Number(el.value)]),
        ),
      );
      expect(p.Ta).toBeCloseTo(17.25, 10);
      const shown = Number(await page.locator('#rho-abs-2-1').getAttribute('data-value'));
      // solve's value, in process: the same module, the point given as solve's --set
      const point = singlePoint(
        loaded.model,
        parseAssignments(
          Object.entries(p)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ),
      );
      const want = solveReport(loaded.model, point).coherence.abs[2]![1]!;
      expect(want).toBeGreaterThan(1e-3);
      expect(Math.abs(shown - want)).toBeLessThan(1e-9);
      expect(await page.locator('#unique').textContent()).toBe('yes');
      expect(await page.locator('#curve-line').getAttribute('data-points')).toBe('201');
      expect(await page.locator('#curve-line').getAttribute('points')).not.toBe(before);
      console.log(
        `static explorer from file://: page load to "ready" ${loadMs.toFixed(0)} ms (first update ${firstUpdate} ms by #timing); one slider move ${moveMs} ms by #timing`,
      );
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 180_000);

  it('a hostile title and a source containing </script>: the page still works, and nothing of them runs', async () => {
    const { chromium: pw } = await import('playwright-core');
    const { bundle } = await caseABundle();
    const evil = hostile(bundle);
    const file = join(dir, 'hostile.html');
    writeFileSync(file, staticExplorerPage(evil));
    const b = await pw.launch({ executablePath: browser.ok ? browser.bin : '', args: CHROMIUM_FLAGS });
    try {
      const page = await b.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      expect(await page.locator('#title').textContent()).toBe(evil.config.title);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 180_000);
});
