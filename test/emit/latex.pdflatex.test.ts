// The appendix through pdflatex (skipped, with the reason printed, when pdflatex cannot be had): the standalone
// appendix compiles with nothing running off the page, and the 16-level chain's long formulas, broken over lines
// by src/emit/latexLayout.ts, leave no overfull \hbox wider than 20 pt in pdflatex's log.
import { findPdflatex } from '../support/system.ts';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { type Approx } from '../../src/derive/redfield.ts';
import { PAPER_APPROXIMATIONS } from '../../src/derive/approx.ts';
import { latexAppendix } from '../../src/emit/latex.ts';

const HJ = 'derivations/huangfu-jing';
const table = (file: string, approx: Approx) => deriveTable(loadModelFile(file), approx);

/** pdflatex, or the reason it is absent (never installed here). */
const pdflatex = findPdflatex();
if (!pdflatex.ok) console.warn(`SKIPPED pdflatex compilation of the appendices: ${pdflatex.reason}`);

/**
 * pdflatex on an appendix in a scratch directory (removed after): expects exit 0, with the log's error lines as
 * the message, and returns the log and whether a PDF came out.
 */
function compileAppendix(tex: string, options: { haltOnError: boolean; timeout: number }): { log: string; pdf: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-tex-'));
  try {
    writeFileSync(join(dir, 'appendix.tex'), tex);
    const flags = ['-interaction=nonstopmode', ...(options.haltOnError ? ['-halt-on-error'] : []), '-no-shell-escape', 'appendix.tex'];
    const r = spawnSync('pdflatex', flags, { cwd: dir, encoding: 'utf8', timeout: options.timeout });
    const log = existsSync(join(dir, 'appendix.log')) ? readFileSync(join(dir, 'appendix.log'), 'utf8') : r.stdout;
    expect(
      r.status,
      log
        .split('\n')
        .filter((l) => l.startsWith('!'))
        .join('\n') || log.slice(-2000),
    ).toBe(0);
    return { log, pdf: existsSync(join(dir, 'appendix.pdf')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!pdflatex.ok)('the standalone appendix compiles with pdflatex', () => {
  const cases = [
    [`${HJ}/case-b.json`, 'nonsecular'],
    ['derivations/li-cai-sun/lambda.json', 'secular'],
  ] as const;
  for (const [file, approx] of cases)
    it(`${file} (${approx})`, { timeout: 1_800_000 }, () => {
      const { log, pdf } = compileAppendix(latexAppendix(table(file, approx)), { haltOnError: true, timeout: 120_000 });
      expect(pdf).toBe(true);
      // nothing runs off the page
      expect(log.match(/Overfull \\hbox \(([\d.]+)pt/g) ?? []).toEqual([]);
    });
});

describe.skipIf(!pdflatex.ok)('the 16-level appendix (derivations/examples/four-site-chain.json) fits the page', () => {
  it.for(PAPER_APPROXIMATIONS)('%s: pdflatex reports no overfull \\hbox wider than 20 pt', { timeout: 600_000 }, (approx) => {
    const { log } = compileAppendix(latexAppendix(table('derivations/examples/four-site-chain.json', approx)), {
      haltOnError: false,
      timeout: 300_000,
    });
    const pages = Number(/Output written on appendix\.pdf \((\d+) pages?/.exec(log)?.[1] ?? 0);
    expect(pages).toBeGreaterThan(5);
    const overfull = [...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1]));
    console.log(
      `four-site chain (${approx}): ${pages} pages, ${overfull.length} overfull \\hbox${overfull.length ? `, widest ${Math.max(...overfull)} pt` : ''}`,
    );
    expect(Math.max(0, ...overfull)).toBeLessThanOrEqual(20);
  });
});
