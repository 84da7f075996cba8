// The static explorer page in headless Chromium through playwright-core (skipped with the reason printed when
// Chromium or playwright-core is absent), opened from a file:// URL: nothing is requested but the file and its
// Blob URLs, and after a slider move the displayed |ρ32| equals solve's (solveReport, in process) at that point
// to 1e-9; a hostile title and module source do not run. As text: explorer.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromiumBinary } from '../support/system.ts';
import { CHROMIUM_FLAGS } from '../report/chromium.ts';
import { staticExplorerPage } from '../../src/modules/explorer.ts';
import { singlePoint } from '../../src/cli/points.ts';
import { solveReport } from '../../src/cli/solve.ts';
import { parseAssignments } from '../../src/numeric/grid.ts';
import { caseABundle, hostile } from '../support/explorerPages.ts';

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

describe.skipIf(!browser.ok)('the static explorer page in Chromium, from a file:// URL', () => {
  it('loads offline; a slider move: |ρ32| on the page equals solve at that point to 1e-9', async () => {
    const { chromium: pw } = await import('playwright-core');
    const { bundle, loaded } = await caseABundle(cache);
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
    const { bundle } = await caseABundle(cache);
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
