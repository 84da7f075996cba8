// The report page (src/report/write.ts) in headless Chromium (skipped with the reason printed when it cannot be
// had), written here on the reduced grid from a snapshot of the inputs (test/report/snapshot.ts): the page's own
// check must report every image decoded, no .katex-error, KaTeX's stylesheet and fonts in use; and the same
// check must fail on a copy with a missing figure, a KaTeX error and no stylesheet, so it is not vacuous. A
// screenshot goes to report/screenshot.png (not committed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../../src/report/write.ts';
import { FIGURES } from '../../src/report/figures.ts';
import { REDUCED_GRID } from './verdicts.ts';
import { dumpDom, findChromium, screenshot } from './chromium.ts';
import { ROOT, projectSnapshot } from './snapshot.ts';

const chromium = findChromium();
if (!chromium.ok) console.warn(`SKIPPED browser test: ${chromium.reason}`);
const bin = chromium.ok ? chromium.bin : '';

let tmp: string;
let out: string;

describe.skipIf(!chromium.ok)('the report in a real browser (headless Chromium)', () => {
  // inside the suite: no report is written where there is no browser to open it
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bornmarkov-report-browser-'));
    out = join(tmp, 'report');
    const root = projectSnapshot(join(tmp, 'root'));
    const result = await writeReport({ root, outDir: out, grid: REDUCED_GRID, date: '2000-01-01', cache: join(tmp, 'cache'), pdf: false });
    expect(result.failures).toEqual([]);
  }, 300_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads offline with every figure decoded, every formula rendered by KaTeX, its fonts loaded; screenshot saved', { timeout: 1_800_000 }, () => {
    const url = pathToFileURL(join(out, 'index.html')).href;
    const { dom, stderr, status } = dumpDom(bin, url);
    expect(status, stderr.slice(-2000)).toBe(0);
    const body = /<body([^>]*)>/.exec(dom)?.[1] ?? '';
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(body)?.[1];
    expect(attr('data-problems'), body).toBe('');
    expect(attr('data-check'), body).toBe('ok');
    expect(Number(attr('data-images'))).toBe(FIGURES.length);
    expect(Number(attr('data-formulas'))).toBeGreaterThan(100);
    expect(dom.includes('class="katex-error"'), 'a .katex-error in the DOM').toBe(false);

    mkdirSync(join(ROOT, 'report'), { recursive: true });
    const png = join(ROOT, 'report', 'screenshot.png');
    const shot = screenshot(bin, url, png);
    expect(shot.status, shot.stderr.slice(-2000)).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(50_000);
    console.log(`report screenshot: ${png}`);
  });

  it('the page check fails on a broken copy (missing figure, KaTeX error, no stylesheet): it is not vacuous', { timeout: 300_000 }, () => {
    const broken = join(tmp, 'broken');
    cpSync(out, broken, { recursive: true });
    rmSync(join(broken, 'figures', `${FIGURES[0]!.id}.svg`));
    rmSync(join(broken, 'katex', 'katex.min.css'));
    const html = readFileSync(join(broken, 'index.html'), 'utf8').replace('<main>', '<main><span class="katex-error" title="ParseError">\\frac{</span>');
    writeFileSync(join(broken, 'index.html'), html);
    const { dom } = dumpDom(bin, pathToFileURL(join(broken, 'index.html')).href);
    const body = /<body([^>]*)>/.exec(dom)?.[1] ?? '';
    expect(body).toContain('data-check="fail"');
    expect(body).toContain(`image not displayed: figures/${FIGURES[0]!.id}.svg`);
    expect(body).toContain('1 formula(s) KaTeX could not render');
    expect(body).toContain('KaTeX stylesheet not loaded');
    expect(dom.includes('id="check-banner"'), 'the banner').toBe(true);
  });
});
