// The report's PDF step (src/report/pdf.ts through write.ts): with pdflatex on PATH (skipped with the reason
// printed when it is not), every appendix .tex the report writes compiles, its PDF sits beside it and the page
// links it. Figures, claims and "Which master equation?" are left out: they do not touch the PDFs.
import { findPdflatex } from '../support/system.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/write.ts';
import { REDUCED_GRID } from './verdicts.ts';
import { projectSnapshot } from './snapshot.ts';

const tmp = mkdtempSync(join(tmpdir(), 'bornmarkov-report-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the appendices as PDF', () => {
  it('every appendix .tex of the report compiles with pdflatex, and the page links each PDF', { timeout: 1_800_000 }, async (ctx) => {
    const pdflatex = findPdflatex();
    const out = join(tmp, 'report');
    const root = projectSnapshot(join(tmp, 'root'));
    const run = () => writeReport({ root, outDir: out, grid: REDUCED_GRID, date: '2000-01-01', cache: join(tmp, 'cache'), figures: [], claims: [], approximations: false });
    if (!pdflatex.ok) {
      console.warn(`SKIPPED pdflatex: ${pdflatex.reason}`);
      expect((await run()).data.meta.pdf.status).toBe('unavailable');
      return ctx.skip(pdflatex.reason);
    }
    const result = await run();
    expect(result.failures).toEqual([]);
    expect(result.data.meta.pdf.status).toBe('built');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const derived = result.data.models.flatMap((m) => m.derived);
    expect(derived.length).toBeGreaterThan(30);
    for (const d of derived) {
      expect(d.pdfError, d.appendix).toBeUndefined();
      expect(readFileSync(join(out, d.pdf!)).subarray(0, 5).toString(), d.pdf).toBe('%PDF-');
      expect(html.includes(`href="${d.pdf}"`), d.pdf).toBe(true);
    }
  });
});
