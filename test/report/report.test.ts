// End to end: the report that `npm start` writes (src/report/write.ts), generated here on a reduced grid into a
// temporary directory from a snapshot of the inputs (test/report/snapshot.ts), then checked as files: every
// figure, appendix and KaTeX asset the page links to exists; nothing failed; every claim has a computed verdict;
// the same inputs give the same bytes. Bad input: a model that fails to derive (and a seed model broken so that
// figures and claims depending on it fail) does not stop the report; the failures are in the page and
// `bornmarkov all` exits 1. In Chromium: report.browser.test.ts; the appendices as PDF: report.pdflatex.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_MODEL_DIRS, writeReport, type ReportResult } from '../../src/report/write.ts';
import { renderReport } from '../../src/report/html.ts';
import { FIGURES } from '../../src/report/figures.ts';
import { CLAIMS } from '../../src/report/papers/index.ts';
import { REDUCED_GRID, expectedVerdicts } from './verdicts.ts';
import type { GridSpec } from '../../src/report/study.ts';
import { ROOT, projectSnapshot } from './snapshot.ts';
import { xmlProblems } from './xml.ts';
import { runMain } from '../support/cli.ts';
import { BINARY } from '../support/binary.ts';

/** Small but resolving every feature the claims look at (the peak of each map, the ΔT = 0 row). */
const SMALL: GridSpec = REDUCED_GRID;
const DATE = '2000-01-01';

/** Every claim's verdict on this grid, pinned in test/report/verdicts.ts: a verdict that changes fails here too. */
const CLAIM_VERDICTS = expectedVerdicts(true);

let tmp: string;
let snapshot: string;
let out: string;
let result: ReportResult;
let cache: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bornmarkov-report-test-'));
  out = join(tmp, 'report');
  snapshot = projectSnapshot(join(tmp, 'root'));
  const lines: string[] = [];
  // the explorer pages' generated modules come from a module cache of this run's own
  cache = join(tmp, 'cache');
  result = await writeReport({ root: snapshot, outDir: out, grid: SMALL, date: DATE, cache, pdf: false, log: (l) => lines.push(l) });
  // progress is reported as it goes: one line per model, table, figure, claim
  expect(lines.filter((l) => l.includes('[model ')).length).toBe(result.data.models.length);
  expect(lines.filter((l) => l.includes('[figure ')).length).toBe(FIGURES.length);
  expect(lines.filter((l) => l.startsWith('report: claim [')).length).toBe(CLAIMS.length);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the report, written on a reduced grid', () => {
  it('has no failures: every model derives, every published table agrees, every figure and claim is computed', () => {
    expect(result.failures).toEqual([]);
    const c = result.counts;
    expect(c.modelsOk).toBe(result.data.models.length);
    expect(result.data.models.length).toBeGreaterThanOrEqual(7);
    expect(c.tablesOk).toBe(result.data.tables.length);
    expect(result.data.tables.length).toBeGreaterThanOrEqual(5);
    expect(c.figuresOk).toBe(FIGURES.length);
    expect(c.claimErrors).toBe(0);
    expect(c.reproduced + c.differs).toBe(CLAIMS.length);
  });

  it('pins every claim\'s verdict, and report/results.json carries every table, equation and claim', () => {
    expect(Object.fromEntries(result.data.claims.map((c) => [c.claim.id, c.judgement?.verdict]))).toEqual(CLAIM_VERDICTS);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.claims.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual(Object.entries(CLAIM_VERDICTS));
    expect(json.tables.length).toBe(result.data.tables.length);
    const equations = json.equations.flatMap((f: { equations: { id: string; verdict: string }[] }) => f.equations);
    expect(equations.length).toBeGreaterThanOrEqual(30);
    expect(equations.find((e: { id: string }) => e.id === 'Eq. (13) J(1-2)').verdict).toBe('mismatch');
    expect(equations.find((e: { id: string }) => e.id === 'Eq. (9) rho11').verdict).toBe('match');
    // "Which master equation?" (its values: test/report/approximations.test.ts)
    expect(json.whichMasterEquation.caseA.localFailure.localSigmaNegative).toBe(true);
    expect(json.whichMasterEquation.katoTanimura.variants.length).toBe(9);
  });

  it('writes the page, one SVG per figure, one appendix per model and applicable approximation, and the KaTeX assets', () => {
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readdirSync(join(out, 'figures')).sort()).toEqual(FIGURES.map((f) => `${f.id}.svg`).sort());
    const tex = readdirSync(out).filter((f) => f.endsWith('.tex'));
    // every model in the two approximations of the papers at least; Case A in all five
    for (const m of result.data.models) expect(m.derived.map((d) => d.approx), m.file).toEqual(expect.arrayContaining(['secular', 'nonsecular']));
    expect(result.data.models.find((m) => m.name === 'huangfu-jing-case-a')!.derived.map((d) => d.approx)).toEqual(['secular', 'nonsecular', 'partial-secular', 'ule', 'local']);
    expect(tex).toHaveLength(result.data.models.reduce((n, m) => n + m.derived.length, 0));
    for (const f of tex) expect(readFileSync(join(out, f), 'utf8')).toMatch(/^%[^\n]*\n\\documentclass[\s\S]*\\end\{document\}\n$/);
    expect(existsSync(join(out, 'katex', 'katex.min.css'))).toBe(true);
    expect(readdirSync(join(out, 'katex', 'fonts')).filter((f) => f.endsWith('.woff2')).length).toBeGreaterThan(15);
  });

  it('links a static explorer page per seed model (explore/<model>.html), each written and self-contained', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const seeds = result.data.models.filter((m) => SEED_MODEL_DIRS.some((d) => m.file.startsWith(d)));
    expect(seeds.map((m) => m.file).sort()).toEqual(['derivations/huangfu-jing/case-a.json', 'derivations/huangfu-jing/case-b.json', 'derivations/huangfu-jing/case-c.json', 'derivations/huangfu-jing/case-d.json', 'derivations/li-cai-sun/lambda.json', 'derivations/li-cai-sun/two-tls.json', 'derivations/li-cai-sun/v.json', 'derivations/li-cai-sun/xi.json']);
    for (const m of seeds) {
      expect(m.explorer, m.file).toBe(`explore/${m.name}.html`);
      expect(html.includes(`<a href="explore/${m.name}.html">explorer</a>`), m.file).toBe(true);
      const page = readFileSync(join(out, m.explorer!), 'utf8');
      expect(page, m.file).toContain('<script type="application/json" id="modules">');
      expect(page.includes(`<h1 id="title">`), m.file).toBe(true);
      expect(page.includes(snapshot), `the root path in ${m.explorer}`).toBe(false);
    }
    expect(readdirSync(join(out, 'explore')).sort()).toEqual(seeds.map((m) => `${m.name}.html`).sort());
    for (const m of result.data.models.filter((x) => !seeds.includes(x))) expect(m.explorer, m.file).toBeUndefined();
  });

  it('every SVG is well-formed with a title, axis labels, and a legend or a colour bar', () => {
    for (const f of readdirSync(join(out, 'figures'))) {
      const svg = readFileSync(join(out, 'figures', f), 'utf8');
      expect(xmlProblems(svg).problems, f).toEqual([]);
      expect(svg, f).toContain('class="title"');
      expect(svg, f).toContain('class="x-label"');
      expect(svg, f).toContain('class="y-label"');
      expect(svg.includes('class="legend"') || svg.includes('class="colorbar"'), f).toBe(true);
      expect(svg, f).toContain('class="caption"');
    }
  });

  it('every local link and image of the page exists; nothing points off the machine', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\s(?:href|src)="([^"#]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(FIGURES.length);
    for (const r of refs) {
      expect(r, 'no external resource').not.toMatch(/^[a-z]+:/i);
      expect(existsSync(join(out, r)), r).toBe(true);
    }
    // the stylesheet's fonts too
    const css = readFileSync(join(out, 'katex', 'katex.min.css'), 'utf8');
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(15);
    for (const f of fonts) expect(existsSync(join(out, 'katex', f)), f).toBe(true);
  });

  it('the page has the sections, the published tables rendered by KaTeX, and no KaTeX error', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const id of ['summary', 'tables', 'figures', 'approximations', 'claims', 'appendices', 'provenance']) expect(html.includes(`id="${id}"`), id).toBe(true);
    expect(html.includes('class="katex-error"'), 'a .katex-error in the page').toBe(false);
    // Case A's Γ1 and Case B's Δ'16 as KaTeX output (annotation carries the source)
    const has = (text: string) => expect(html.includes(text), text).toBe(true);
    has('<annotation encoding="application/x-tex">\\Gamma_1</annotation>');
    has('<annotation encoding="application/x-tex">\\Delta&#x27;_{16}</annotation>');
    expect(html.match(/class="katex"/g)!.length).toBeGreaterThan(100);
    expect(html.includes(`run on ${DATE}`)).toBe(true);
    // no local path of this machine in the page
    expect(html.includes(ROOT), 'the repository path in the page').toBe(false);
    expect(html.includes(snapshot), 'the root path in the page').toBe(false);
    expect(html.includes(tmp), 'the output path in the page').toBe(false);
  });

  it('every claim is shown with its quote, computed value and a computed verdict', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const r of result.data.claims) {
      expect(r.judgement, r.claim.id).toBeDefined();
      const row = html.slice(html.indexOf(`id="claim-${r.claim.id}"`), html.indexOf('</tr>', html.indexOf(`id="claim-${r.claim.id}"`)));
      expect(row, r.claim.id).toContain(`verdict-${r.judgement!.verdict}`);
      expect(row, r.claim.id).toContain('From <code>derivations/generated/');
    }
  });

  it('figures and claims name the generated module behind them (provenance)', () => {
    const files = new Set(result.data.provenance.map((p) => `${p.file}|${p.approx}`));
    for (const f of result.data.figures) {
      expect(f.uses.length, f.spec.id).toBeGreaterThan(0);
      for (const u of f.uses) expect(files.has(`${u.file}|${u.approx}`), `${f.spec.id}: ${u.file}`).toBe(true);
    }
    // a claim that reuses a memoised map still names the model of that map
    const reused = result.data.claims.find((c) => c.claim.id === 'hj-fig3-zero-dt')!;
    expect(reused.uses).toEqual([{ file: 'derivations/huangfu-jing/case-a.json', approx: 'nonsecular' }]);
    for (const p of result.data.provenance) expect(p.sha256).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is deterministic: rendering the same data again gives the same page; a second run gives the same figures and page', async () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(renderReport(result.data).html).toBe(html);
    const again = join(tmp, 'again');
    // an explorer page of a model that no longer exists: removed, like the other files of an earlier run
    mkdirSync(join(again, 'explore'), { recursive: true });
    writeFileSync(join(again, 'explore', 'no-such-model.html'), 'stale');
    await writeReport({ root: snapshot, outDir: again, grid: SMALL, date: DATE, cache, pdf: false });
    for (const f of readdirSync(join(out, 'figures'))) expect(readFileSync(join(again, 'figures', f), 'utf8'), f).toBe(readFileSync(join(out, 'figures', f), 'utf8'));
    expect(readdirSync(join(again, 'explore')).sort()).toEqual(readdirSync(join(out, 'explore')).sort());
    for (const f of readdirSync(join(out, 'explore'))) expect(readFileSync(join(again, 'explore', f), 'utf8'), f).toBe(readFileSync(join(out, 'explore', f), 'utf8'));
    expect(readFileSync(join(again, 'index.html'), 'utf8')).toBe(html);
  }, 400_000);
});

describe('bad input: a model that fails does not stop the report', () => {
  it('`bornmarkov all` on a root with a broken model and a broken seed model: report written, failures shown, exit 1', { timeout: 300_000 }, async () => {
    const root = projectSnapshot(join(tmp, 'bad-root'));
    // ... where Case B was edited after its module was generated (a parameter's description, which the module
    // prints): its module is emitted from the current derivation
    const caseBFile = join(root, 'derivations/huangfu-jing/case-b.json');
    const caseB = JSON.parse(readFileSync(caseBFile, 'utf8'));
    caseB.parameters.xi.description = 'dipole-dipole coupling (edited)';
    writeFileSync(caseBFile, JSON.stringify(caseB, null, 2));
    const caseA = JSON.parse(readFileSync(join(ROOT, 'derivations/huangfu-jing/case-a.json'), 'utf8'));
    // 1. a new model whose Hamiltonian names an unknown parameter
    writeFileSync(join(root, 'derivations/examples/broken.json'), JSON.stringify({ ...caseA, name: 'broken-copy', system: { ...caseA.system, hamiltonian: `${caseA.system.hamiltonian} + bogus*sz(1)` } }, null, 2));
    // 2. Case C broken the same way: its figure (Fig. 5) and the claims about it must fail, the rest go on
    const caseC = JSON.parse(readFileSync(join(ROOT, 'derivations/huangfu-jing/case-c.json'), 'utf8'));
    writeFileSync(join(root, 'derivations/huangfu-jing/case-c.json'), JSON.stringify({ ...caseC, system: { ...caseC.system, hamiltonian: `${caseC.system.hamiltonian} + bogus*sz(1)` } }, null, 2));

    // in-process (the command's subprocess test is the one below): `all` works on the working directory
    const cwd = process.cwd();
    process.chdir(root);
    const r = await runMain('all', '--grid', '8,6,21', '--no-pdf').finally(() => process.chdir(cwd));
    expect(r.status, r.stderr + r.stdout.slice(-3000)).toBe(1);
    expect(r.stdout).toContain('derivations/examples/broken.json: FAILED');
    expect(r.stdout).toContain('derivations/huangfu-jing/case-c.json: FAILED');
    expect(r.stdout).toMatch(/failure\(s\):/);

    const html = readFileSync(join(root, 'report', 'index.html'), 'utf8');
    expect(html.includes('model derivations/examples/broken.json failed to derive'), 'model derivations/examples/broken.json failed to derive').toBe(true);
    expect(html.includes('model derivations/huangfu-jing/case-c.json failed to derive'), 'model derivations/huangfu-jing/case-c.json failed to derive').toBe(true);
    expect(/bogus/.test(html), String(/bogus/)).toBe(true);
    expect(html.includes('figure hj-fig5-case-c (Fig. 5) could not be computed'), 'figure hj-fig5-case-c (Fig. 5) could not be computed').toBe(true);
    expect(html.includes('claim hj-fig5-location (Fig. 5) could not be computed'), 'claim hj-fig5-location (Fig. 5) could not be computed').toBe(true);
    expect(html.includes('class="summary bad"'), 'class="summary bad"').toBe(true);
    // everything else is still there
    const figures = readdirSync(join(root, 'report', 'figures'));
    expect(figures).toContain('hj-fig3-case-a.svg');
    expect(figures).not.toContain('hj-fig5-case-c.svg');
    expect(figures).toHaveLength(FIGURES.length - 1);
    expect(html.includes('verdict-reproduced'), 'verdict-reproduced').toBe(true);
    // Case B's figure came from the emitted module, and the page says so
    expect(figures).toContain('hj-fig4-case-b.svg');
    const stale = 'derivations/generated/huangfu-jing-case-b.nonsecular.ts differs from the current derivation of derivations/huangfu-jing/case-b.json';
    expect(r.stdout).toContain(`huangfu-jing-case-b (nonsecular): ${stale}`);
    expect(r.stdout).toMatch(/using a module emitted from the current derivation/);
    expect(html.includes(`emitted from the current derivation for this run<div class="small">${stale}`), `emitted … ${stale}`).toBe(true);
    expect(html.includes('<code>derivations/generated/huangfu-jing-case-a.nonsecular.ts</code>'), '<code>derivations/generated/huangfu-jing-case-a.nonsecular.ts</code>').toBe(true);
    expect(existsSync(join(root, 'report', 'appendix-huangfu-jing-case-a.nonsecular.tex'))).toBe(true);
    // the explorer pages of the seed models that derive (Case C does not)
    expect(existsSync(join(root, 'report', 'explore', 'huangfu-jing-case-a.html'))).toBe(true);
    expect(existsSync(join(root, 'report', 'explore', 'huangfu-jing-case-c.html'))).toBe(false);
    expect(html.includes(root), 'the root path in the page').toBe(false);
  });

  it('the command as a subprocess: bad arguments exit 2', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [BINARY, 'all', '--grid', '3,x'], { cwd: tmp, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--grid takes NX,NY,LINE');
  });
});
