// The report run behind `npm start`: derive every model, check every published table, compute the figures and
// the claims, and write the report directory.
//
// Contract of writeReport(options):
//  - reads <root>/derivations/ (every *.json but the published tables and derivations/generated/ is a model,
//    every *.published.json a published table) and writes into outDir:
//      index.html                       the page (html.ts)
//      figures/<id>.svg                 one per figure (figures.ts: every paper's, src/report/papers/, then the rest)
//      appendix-<model>.<approx>.tex    the LaTeX appendix of every model and approximation (emit/latex.ts)
//      appendix-<model>.<approx>.pdf    the same compiled, when pdflatex is on PATH and options.pdf is not false
//      katex/                           KaTeX's stylesheet and its woff2 fonts, so the page works offline
//      explore/<model>.html             a static copy of the explorer (src/cli/explore.ts) for every seed model
//                                       (derivations/<paper>/ of each registered paper), non-secular: one
//                                       self-contained file, the modules inlined, that works opened from disk; the
//                                       generated module comes from the module cache, as for `explore`
//      results.json                     every verdict, machine-readable (resultsJson), with "whichMasterEquation"
//    Files of those kinds left by an earlier run are removed first; nothing else in outDir is touched.
//  - Nothing that fails stops the run: a model that does not load or derive, a published table that cannot be
//    checked or disagrees, a figure or a claim whose computation throws, a formula KaTeX rejects, an appendix
//    pdflatex rejects — each is recorded in `failures` (shown in the page's summary) and the run goes on. The
//    caller turns failures into the exit status.
//  - Progress goes to options.log, one line per step, as it happens.
//  - Output is deterministic for the same inputs except the run date (options.date, default today, or
//    SOURCE_DATE_EPOCH when set). Error messages are made relative to the root so no local path leaks in.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeAtomic as writeAtomicFile } from '../io/files.ts';

import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { loadModelFile } from '../model/load.ts';
import { modelFiles } from '../model/files.ts';
import { applicableApproximations, type Approx } from '../derive/approx.ts';
import { type DerivedTable, deriveTable } from '../derive/table.ts';
import { latexAppendix } from '../emit/latex.ts';
import { type Claim, type ClaimResult, evaluateClaims } from './judge.ts';
import { FIGURES, type FigureSpec } from './figures.ts';
import { CLAIMS, SEED_MODEL_DIRS } from './papers/index.ts';
import { type FigureEntry, type ModelEntry, type ReportData, type TableEntry, renderReport, summaryCounts } from './html.ts';
import { ModelProvider } from './models.ts';
import { compileAll, pdflatexVersion } from './pdf.ts';
import { FULL_GRID, type GridSpec, type ModelUse, Study } from './study.ts';
import { checkPublishedFile } from './tables.ts';
import { isEquationsPath } from '../check/equations.ts';
import { checkEquationFiles } from './equations.ts';
import { type ApproximationsSection, approximationsSection } from './approximations.ts';
import { approximationsJson } from './approximationsHtml.ts';
import { loadGenerated } from '../modules/load.ts';
import { explorerBundle, staticExplorerPage } from '../modules/explorer.ts';

/** Every file of the report is written atomically (src/io/files.ts). */
const writeAtomic = (path: string, text: string): void => writeAtomicFile(path, text, 'report');

export interface ReportOptions {
  /** the project root: derivations/ lives here, and every path in the report is relative to it */
  root: string;
  /** where the report is written (created when missing) */
  outDir: string;
  grid?: GridSpec;
  /** compile the appendices with pdflatex when it is available (default true) */
  pdf?: boolean;
  /** the run date printed in the page (default: SOURCE_DATE_EPOCH or today, UTC, YYYY-MM-DD) */
  date?: string;
  log?: (line: string) => void;
  /** the figures and claims to compute (default: all) */
  figures?: FigureSpec[];
  claims?: Claim[];
  /** compute the section "Which master equation?" (default true) */
  approximations?: boolean;
  /** the module cache of the explorer pages' generated modules (as `--cache DIR`; default: the one solve uses) */
  cache?: string;
}

/** The seed models (the registered papers', src/report/papers/index.ts): each gets a static explorer page. */
export { SEED_MODEL_DIRS };
/** The approximation of the explorer pages (explore's default). */
const EXPLORER_APPROX: Approx = 'nonsecular';

export interface ReportResult {
  data: ReportData;
  /** every failure, including KaTeX errors found while rendering */
  failures: { what: string; error: string }[];
  counts: ReturnType<typeof summaryCounts>;
  /** files written, relative to outDir */
  files: string[];
}

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runDate(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const d = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

/** Removes what an earlier run wrote (only the kinds of files this writer produces). */
function clean(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) {
    if (name === 'index.html' || /^appendix-.*\.(tex|pdf)$/.test(name)) rmSync(join(outDir, name), { force: true });
  }
  rmSync(join(outDir, 'figures'), { recursive: true, force: true });
  // explorer pages of models that no longer exist go with the rest
  rmSync(join(outDir, 'explore'), { recursive: true, force: true });
  rmSync(join(outDir, 'katex'), { recursive: true, force: true });
}

/** KaTeX's CSS and woff2 fonts (every browser that runs the page reads woff2; the other formats are dropped from the CSS). */
function copyKatex(outDir: string): string[] {
  // "katex" resolves to <package>/dist/katex.js: the stylesheet and fonts sit beside it.
  const src = dirname(createRequire(import.meta.url).resolve('katex'));
  mkdirSync(join(outDir, 'katex', 'fonts'), { recursive: true });
  const css = readFileSync(join(src, 'katex.min.css'), 'utf8').replace(/,\s*url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, '');
  writeAtomic(join(outDir, 'katex', 'katex.min.css'), css);
  const files = ['katex/katex.min.css'];
  for (const font of readdirSync(join(src, 'fonts')).sort()) {
    if (!font.endsWith('.woff2')) continue;
    copyFileSync(join(src, 'fonts', font), join(outDir, 'katex', 'fonts', font));
    files.push(`katex/fonts/${font}`);
  }
  return files;
}

function svgSize(svg: string): { width?: number; height?: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Math.round(Number(m[1])), height: Math.round(Number(m[2])) } : {};
}

export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const { root, outDir } = options;
  const grid = options.grid ?? FULL_GRID;
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  // Messages name files relative to the root: deterministic, and no local path in the page.
  const relMsg = (e: unknown) => String((e as Error)?.message ?? e).split(`${root}/`).join('');
  const failures: ReportData['failures'] = [];
  const files: string[] = [];

  clean(outDir);
  mkdirSync(join(outDir, 'figures'), { recursive: true });

  const all = modelFiles(join(root, 'derivations'));
  const modelPaths = all.filter((f) => !f.endsWith('.published.json'));
  // NAME.published.json is a coefficient table; NAME.<kind>.published.json holds published equations (src/check/equations.ts)
  const publishedPaths = all.filter((f) => f.endsWith('.published.json') && !isEquationsPath(f));
  const equationPaths = all.filter((f) => f.endsWith('.published.json') && isEquationsPath(f));

  // 1. Derive every model (every applicable approximation) and write its appendices.
  const derived = new Map<string, DerivedTable>();
  const models: ModelEntry[] = [];
  for (const [k, file] of modelPaths.entries()) {
    const rel = relative(root, file);
    const t = performance.now();
    try {
      const model = loadModelFile(file);
      // two models with one name would write one appendix over the other: the second is a failure, not a silent overwrite
      const clash = models.find((m) => m.name === model.name);
      if (clash) throw new Error(`its name "${model.name}" is also the name of ${clash.file}: model names must be distinct (they name the appendices and modules)`);
      const entry: ModelEntry = { file: rel, name: model.name, title: model.title, source: model.source, statesTex: model.states.map((s) => s.latex), derived: [] };
      // every approximation that applies to the model (the local equation needs sites, the ULE scalar spectra, …)
      for (const approx of applicableApproximations(model)) {
        const table = deriveTable(model, approx);
        derived.set(`${file}|${approx}`, table);
        const appendix = `appendix-${model.name}.${approx}.tex`;
        writeAtomic(join(outDir, appendix), latexAppendix(table));
        files.push(appendix);
        const n = (f: string) => table.paper.terms.filter((x) => x.family === f).length;
        entry.derived.push({ approx, gamma: n('Gamma'), lambda: n('Lambda'), delta: n('Delta'), other: n('Other'), lindbladRates: table.lindblad.rates.length, hcTerms: table.lindblad.hc.length, blocks: table.blocks.length, appendix });
      }
      models.push(entry);
      const counts = entry.derived.map((d) => `${d.approx}: ${d.gamma} Γ, ${d.lambda} Λ, ${d.delta} Δ`).join('; ');
      log(`report: [model ${k + 1}/${modelPaths.length}] ${rel}: derived (${counts}) in ${((performance.now() - t) / 1000).toFixed(2)} s — ${secs()}`);
    } catch (e) {
      models.push({ file: rel, derived: [], error: relMsg(e) });
      failures.push({ what: `model ${rel} failed to derive`, error: relMsg(e) });
      log(`report: [model ${k + 1}/${modelPaths.length}] ${rel}: FAILED: ${relMsg(e)}`);
    }
  }

  // 1b. A static explorer page per seed model (the generated module through the module cache, as `explore`).
  const seeds = models.filter((m) => m.error === undefined && m.name !== undefined && SEED_MODEL_DIRS.some((d) => m.file.startsWith(d)));
  if (seeds.length) mkdirSync(join(outDir, 'explore'), { recursive: true });
  for (const [k, m] of seeds.entries()) {
    const t = performance.now();
    try {
      const loaded = await loadGenerated(join(root, m.file), EXPLORER_APPROX, { cache: options.cache });
      const bundle = await explorerBundle(loaded);
      // the module's header names the model file: relative to the root, like every path in the report
      bundle.modules.set('model.mjs', bundle.modules.get('model.mjs')!.split(`${root}/`).join(''));
      const file = `explore/${m.name}.html`;
      writeAtomic(join(outDir, file), staticExplorerPage(bundle));
      files.push(file);
      m.explorer = file;
      log(`report: [explorer ${k + 1}/${seeds.length}] ${file} in ${((performance.now() - t) / 1000).toFixed(2)} s — ${secs()}`);
    } catch (e) {
      failures.push({ what: `explorer page of ${m.file} could not be written`, error: relMsg(e) });
      log(`report: [explorer ${k + 1}/${seeds.length}] ${m.file}: FAILED: ${relMsg(e)}`);
    }
  }

  // 2. Check every published table.
  const tables: TableEntry[] = [];
  for (const [k, file] of publishedPaths.entries()) {
    const rel = relative(root, file);
    try {
      const table = checkPublishedFile(root, file);
      tables.push({ file: rel, table });
      for (const r of table.results) {
        if (r.ok) continue;
        const bad = table.rows.filter((row) => row.disagreements.some((d) => d.approx === r.approx));
        failures.push({
          what: `published table ${rel} disagrees with the derivation (${r.approx})`,
          error: [...bad.map((row) => `${row.name}: ${row.status[r.approx]}`), ...r.extra.map((x) => `extra derived term ${x.term}: ${x.coefficient}`)].join('\n') || JSON.stringify(r.counts),
        });
      }
      const verdict = table.results.map((r) => `${r.approx} ${r.ok ? 'agrees' : 'DISAGREES'} (${Object.entries(r.counts).map(([s, c]) => `${c} ${s}`).join(', ')})`).join('; ');
      log(`report: [table ${k + 1}/${publishedPaths.length}] ${rel}: ${verdict} — ${secs()}`);
    } catch (e) {
      tables.push({ file: rel, error: relMsg(e) });
      failures.push({ what: `published table ${rel} could not be checked`, error: relMsg(e) });
      log(`report: [table ${k + 1}/${publishedPaths.length}] ${rel}: FAILED: ${relMsg(e)}`);
    }
  }

  // 2b. Check every published equation (a mismatch is a finding about the paper, shown with its exact difference).
  const equations = checkEquationFiles(root, equationPaths, (line) => log(`${line} — ${secs()}`));
  for (const e of equations) if (e.error !== undefined) failures.push({ what: `published equations ${e.file} could not be checked`, error: e.error });

  // 3. Figures and claims, on one Study (datasets shared, models loaded once).
  const provider = new ModelProvider(root, log, (file, approx: Approx) => derived.get(`${file}|${approx}`));
  const study = new Study(provider, grid, log);
  const figures: FigureEntry[] = [];
  const specs = options.figures ?? FIGURES;
  let claims: ClaimResult[] = [];
  let approximations: ApproximationsSection | undefined;
  let approximationsError: string | undefined;
  try {
    for (const [k, spec] of specs.entries()) {
      const entryBase = { spec: { id: spec.id, paper: spec.paper, reproduces: spec.reproduces, title: spec.title } };
      try {
        const { value: fig, uses } = await study.track(() => spec.build(study));
        const file = `figures/${spec.id}.svg`;
        writeAtomic(join(outDir, file), fig.svg);
        files.push(file);
        figures.push({ ...entryBase, file, caption: fig.caption, uses, ...svgSize(fig.svg) });
        log(`report: [figure ${k + 1}/${specs.length}] ${spec.id} (${spec.reproduces}) — ${secs()}`);
      } catch (e) {
        const uses = ((e as { uses?: ModelUse[] }).uses ?? []) as ModelUse[];
        figures.push({ ...entryBase, error: relMsg(e), uses });
        failures.push({ what: `figure ${spec.id} (${spec.reproduces}) could not be computed`, error: relMsg(e) });
        log(`report: [figure ${k + 1}/${specs.length}] ${spec.id}: FAILED: ${relMsg(e)}`);
      }
    }
    claims = await evaluateClaims(study, options.claims ?? CLAIMS, (line) => log(`${line} — ${secs()}`));
    // "Which master equation?": the datasets are those of its figures (memoised), so this costs nothing more
    if (options.approximations !== false) {
      try {
        approximations = (await study.track(() => approximationsSection(study))).value;
        const k = approximations.kt.largeJ12;
        log(`report: which master equation: local/global crossover at ξ/γ = ${approximations.caseA.verdicts.crossover}; closest to HEOM at the largest J12: ${k.J_h.label} (J_h), ${k.coherence.label} (coherence) — ${secs()}`);
      } catch (e) {
        approximationsError = relMsg(e);
        failures.push({ what: 'section "Which master equation?" could not be computed', error: approximationsError });
      }
    }
  } finally {
    provider.dispose();
  }
  for (const c of claims) {
    if (c.error !== undefined) {
      c.error = c.error.split(`${root}/`).join('');
      failures.push({ what: `claim ${c.claim.id} (${c.claim.ref}) could not be computed`, error: c.error });
    }
  }

  // 4. PDFs of the appendices.
  let pdf: ReportData['meta']['pdf'];
  const version = options.pdf === false ? null : pdflatexVersion();
  if (options.pdf === false) pdf = { status: 'disabled', detail: 'not built in this run (--no-pdf).' };
  else if (!version) pdf = { status: 'unavailable', detail: 'not built: pdflatex is not on PATH (install TeX Live and run npm start again).' };
  else {
    const jobs = models.flatMap((m) => m.derived.map((d) => ({ d, tex: join(outDir, d.appendix), pdf: join(outDir, d.appendix.replace(/\.tex$/, '.pdf')) })));
    let done = 0;
    const results = await compileAll(jobs, 2, (job, r) => log(`report: [pdf ${++done}/${jobs.length}] ${relative(outDir, job.pdf)}: ${r.ok ? 'ok' : 'FAILED'} — ${secs()}`));
    results.forEach((r, k) => {
      const { d } = jobs[k]!;
      if (r.ok) {
        d.pdf = d.appendix.replace(/\.tex$/, '.pdf');
        files.push(d.pdf);
      } else {
        d.pdfError = r.error;
        failures.push({ what: `appendix ${d.appendix} does not compile with pdflatex`, error: r.error });
      }
    });
    pdf = { status: 'built', detail: `built with ${version} beside each .tex (local only: PDFs are not committed).` };
  }

  // 5. The page.
  files.push(...copyKatex(outDir));
  const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const data: ReportData = {
    meta: { version: pkg.version, node: process.version, katex: katex.version, date: options.date ?? runDate(), grid, pdf },
    models,
    tables,
    equations,
    figures,
    claims,
    approximations,
    approximationsError,
    provenance: provider.provenance(),
    failures,
  };
  const { html, katexErrors } = renderReport(data);
  writeAtomic(join(outDir, 'index.html'), html);
  files.push('index.html');
  writeAtomic(join(outDir, 'results.json'), `${JSON.stringify(resultsJson(data), null, 2)}\n`);
  files.push('results.json');
  const allFailures = [...failures, ...katexErrors.map((e) => ({ what: 'KaTeX could not render a formula', error: `${e.message}\n${e.tex}` }))];
  log(`report: wrote ${relative(root, join(outDir, 'index.html')) || 'index.html'} (${files.length} files) — ${secs()}`);
  return { data, failures: allFailures, counts: { ...summaryCounts(data), failures: allFailures.length }, files };
}

/**
 * report/results.json: every table check, equation check and claim, machine-readable — id, reference, verdict,
 * and the numbers or expressions behind the verdict (exact differences as text in the model-file syntax).
 */
export function resultsJson(data: ReportData): object {
  return {
    generator: 'bornmarkov',
    version: data.meta.version,
    date: data.meta.date,
    tables: data.tables.map((t) => ({
      file: t.file,
      error: t.error,
      source: t.table?.source,
      verdicts: t.table?.results.map((r) => ({ approx: r.approx, verdict: r.ok ? 'agrees' : 'disagrees', counts: r.counts, extraTerms: r.extra })),
      coefficients: t.table?.rows.map((r) => ({ id: r.name, status: r.status, disagreements: r.disagreements.length ? r.disagreements : undefined })),
    })),
    equations: (data.equations ?? []).map((e) => ({
      file: e.file,
      error: e.error,
      source: e.source,
      approx: e.check?.approx,
      equations: e.check?.rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        verdict: r.status,
        detail: r.detail,
        difference: r.difference,
        cofactor: r.cofactor,
        terms: r.terms?.filter((t) => t.status === 'mismatch').map((t) => ({ term: t.term, published: t.published, derived: t.derived, difference: t.difference })),
      })),
    })),
    claims: data.claims.map((c) => ({
      id: c.claim.id,
      paper: c.claim.paper,
      reference: c.claim.ref,
      quote: c.claim.quote,
      criterion: c.claim.criterion,
      verdict: c.judgement?.verdict ?? 'error',
      difference: c.judgement?.difference,
      values: c.measurement?.value,
      total: c.measurement?.total,
      detail: c.measurement?.detail,
      error: c.error,
    })),
    whichMasterEquation: data.approximations || data.approximationsError !== undefined ? approximationsJson(data.approximations, data.approximationsError) : undefined,
  };
}
