// `bornmarkov explore` (src/cli/explore.ts, src/modules/explorer.ts, explorerPage.ts) in headless Chromium through playwright-core (Debian
// chromium; skipped with the reason printed when absent): the page computes the steady state itself; after a
// slider moves, the displayed |ρ32| equals `solve`'s value at the same point to 1e-9; the 201-point curve is
// redrawn; a model title containing <script> renders as text and runs nothing; a port in use is exit 2.
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromiumBinary } from '../support/system.ts';

const chromium = findChromiumBinary();
if (!chromium.ok) console.log(`SKIPPED explorer tests: ${chromium.reason}`);
const CASE_A = 'derivations/huangfu-jing/case-a.json';
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-explore-'));
const cache = join(dir, 'cache');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

/** Starts the explorer on a free port; resolves with its URL once it listens. */
function serve(model: string): Promise<string> {
  const child = spawn(process.execPath, ['bin/bornmarkov.js', 'explore', model, '--port', '0', '--cache', cache]);
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /explorer: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`explore exited ${code}: ${err}`)));
  });
}

describe.skipIf(!chromium.ok)('bornmarkov explore', () => {
  it('a slider move: |ρ32| on the page equals solve at that point to 1e-9; the curve is redrawn; the update is timed', async () => {
    const { chromium: pw } = await import('playwright-core');
    const url = await serve(CASE_A);
    const browser = await pw.launch({ executablePath: chromium.ok ? chromium.bin : '', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const before = await page.locator('#curve-line').getAttribute('points');
      await page.locator('#p-Ta').fill('17.25');
      await page.locator('#p-Delta').fill('2.5');
      await page.waitForFunction(
        () => document.getElementById('v-Delta')?.textContent === document.querySelector<HTMLInputElement>('#p-Delta')!.value,
      );
      const p = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLInputElement>('input[type=range]')].map((el) => [el.dataset.name!, Number(el.value)]),
        ),
      );
      expect(p.Ta).toBeCloseTo(17.25, 10);
      const shown = Number(await page.locator('#rho-abs-2-1').getAttribute('data-value'));
      const solve = spawnSync(
        process.execPath,
        [
          'bin/bornmarkov.js',
          'solve',
          CASE_A,
          '--json',
          '--cache',
          cache,
          '--set',
          Object.entries(p)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ],
        { encoding: 'utf8' },
      );
      expect(solve.status, solve.stderr).toBe(0);
      const want = JSON.parse(solve.stdout).coherence.abs[2][1] as number;
      expect(want).toBeGreaterThan(1e-3);
      expect(Math.abs(shown - want)).toBeLessThan(1e-9);
      expect(await page.locator('#unique').textContent()).toBe('yes');
      expect(Number(await page.locator('#J-a').textContent()) + Number(await page.locator('#J-b').textContent())).toBeCloseTo(0, 4);
      expect(await page.locator('#curve-line').getAttribute('data-points')).toBe('201');
      expect(await page.locator('#curve-line').getAttribute('points')).not.toBe(before);
      // time one slider move (steady state + the 201-point curve), median of 9
      const ms = await page.evaluate(async () => {
        const el = document.querySelector<HTMLInputElement>('#p-Tb')!;
        const times: number[] = [];
        for (let k = 0; k < 9; k++) {
          el.value = String(40 + k);
          el.dispatchEvent(new Event('input'));
          times.push(Number(document.getElementById('timing')!.textContent));
        }
        return times.sort((a, b) => a - b)[4]!;
      });
      console.log(`explorer: one slider move (steady state + 201-point curve) ${ms} ms in Chromium (median of 9)`);
      expect(ms).toBeLessThan(200);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('model text is escaped: a <script> in the title renders as text and does not run', async () => {
    const { chromium: pw } = await import('playwright-core');
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    json.name = 'explore-hostile';
    json.title = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & "quotes"';
    const model = join(dir, 'hostile.json');
    writeFileSync(model, JSON.stringify(json));
    const url = await serve(model);
    const browser = await pw.launch({ executablePath: chromium.ok ? chromium.bin : '', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      expect(await page.locator('#title').textContent()).toBe(json.title);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('a port in use: exit 2 naming --port, nothing served', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      const r = spawnSync(process.execPath, ['bin/bornmarkov.js', 'explore', CASE_A, '--port', String(port), '--cache', cache], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--port ${port}: port ${port} is in use`));
      expect(r.stdout).toBe('');
      const bad = spawnSync(process.execPath, ['bin/bornmarkov.js', 'explore', CASE_A, '--port', 'http'], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--port must be a whole number from 0 to 65535, got "http"/);
    } finally {
      blocker.close();
    }
  }, 180_000);
});
