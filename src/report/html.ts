// The report page: one self-contained HTML document (report/index.html) built from a ReportData value.
//
// Contract:
//  - renderReport(data) returns the page and the KaTeX errors met while rendering it. Every formula is rendered
//    server-side with katex.renderToString; a formula KaTeX rejects is rendered with throwOnError: false (a
//    visible .katex-error span) and listed in `katexErrors`, which the writer counts as a failure.
//  - The page needs nothing from the network: KaTeX's CSS and fonts sit beside it (katex/, copied by write.ts),
//    figures are <img> of the SVGs in figures/, the CSS is inline. A small inline script checks, once the page
//    has loaded, that every image decoded (naturalWidth > 0), that no .katex-error is present and that KaTeX's
//    CSS and fonts are in use; it writes the result on <body data-check="ok|fail" …> (read by the browser test
//    through --dump-dom) and shows a banner to a human reader when something is broken.
//  - Deterministic: the same data gives the same bytes (no timings, no absolute paths; the run date is part of
//    the data and the only thing that changes from run to run).
//  - Verdicts come from ClaimResult.judgement (judge.ts judge()); nothing here decides one.
//  - The papers are those of the registry (src/report/papers/index.ts): the page names none itself.
import katex from 'katex';
import type { Approx } from '../derive/redfield.ts';
import type { ClaimResult } from './judge.ts';
import { criterionText } from './judge.ts';
import { PAPERS } from './papers/index.ts';
import type { FigureSpec } from './figures.ts';
import { escapeHtml, fmt, labelHtml } from './format.ts';
import type { Provenance } from './models.ts';
import type { GridSpec, ModelUse } from './study.ts';
import type { PublishedTable, TableRow } from './tables.ts';
import type { EquationEntry } from './equations.ts';
import type { ApproximationsSection } from './approximations.ts';
import { approximationsHtml } from './approximationsHtml.ts';

export interface ModelEntry {
  /** model file relative to the root */
  file: string;
  name?: string;
  title?: string;
  source?: string;
  /** LaTeX of the eigenstate labels, in model order */
  statesTex?: string[];
  derived: {
    approx: Approx;
    gamma: number;
    lambda: number;
    delta: number;
    other: number;
    lindbladRates: number;
    hcTerms: number;
    blocks: number;
    /** appendix file name, relative to the report directory */
    appendix: string;
    /** PDF of the appendix, relative to the report directory, when built */
    pdf?: string;
    pdfError?: string;
  }[];
  /** the static explorer page (seed models), relative to the report directory */
  explorer?: string;
  error?: string;
}

export interface TableEntry {
  file: string;
  table?: PublishedTable;
  error?: string;
}

export interface FigureEntry {
  spec: Pick<FigureSpec, 'id' | 'paper' | 'reproduces' | 'title'>;
  /** SVG path relative to the report directory */
  file?: string;
  width?: number;
  height?: number;
  caption?: string;
  error?: string;
  uses: ModelUse[];
}

export interface ReportData {
  meta: {
    version: string;
    node: string;
    katex: string;
    date: string;
    grid: GridSpec;
    /** pdflatex: what happened to the appendix PDFs */
    pdf: { status: 'built' | 'unavailable' | 'disabled'; detail: string };
  };
  models: ModelEntry[];
  tables: TableEntry[];
  /** published equations (src/report/equations.ts); absent in pages written before they existed */
  equations?: EquationEntry[];
  figures: FigureEntry[];
  claims: ClaimResult[];
  /** "Which master equation?" (approximations.ts); absent in pages written before it existed */
  approximations?: ApproximationsSection;
  approximationsError?: string;
  provenance: Provenance[];
  /** every failure of the run, in order: what failed and why */
  failures: { what: string; error: string }[];
}

/** How the page names the source of a figure or claim: a registered paper, or the section comparing the approximations. */
export const SOURCES: Record<string, { short: string; cite: string }> = {
  ...Object.fromEntries(PAPERS.map((p) => [p.id, { short: p.short, cite: p.cite }])),
  // not a paper: the figures of the section comparing the approximations (issue 10)
  approx: { short: 'Which master equation?', cite: 'bornmarkov issue 10: local, global, partial-secular, ULE and Redfield, judged against HEOM' },
};

/** The short name of a source; an id nothing registers is shown as itself. */
const sourceShort = (id: string): string => SOURCES[id]?.short ?? id;

/** "two", for the page's title and introduction. */
const countWord = (n: number): string => ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][n] ?? String(n);

const CSS = `
:root { --fg: #1b1b1b; --muted: #555; --line: #d6d6d6; --ok: #1d6b2f; --ok-bg: #e6f4e9; --bad: #9b1c1c; --bad-bg: #fbe9e9; --warn: #7a4d00; --warn-bg: #fff4dc; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 1180px; padding: 1.5rem 1.5rem 4rem; color: var(--fg); background: #fff; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; line-height: 1.5; }
h1 { font-size: 1.7rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.35rem; margin-top: 2.6rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
p.meta { color: var(--muted); margin-top: 0; }
nav ol { columns: 2; padding-left: 1.2rem; }
a { color: #0b57a4; }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; }
.summary { border: 2px solid var(--line); border-radius: 6px; padding: 0.8rem 1.1rem; background: #fafafa; }
.summary.ok { border-color: var(--ok); }
.summary.bad { border-color: var(--bad); }
.summary table { width: auto; }
.summary td, .summary th { border: none; padding: 0.15rem 1rem 0.15rem 0; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 3px; font-size: 0.85rem; font-weight: bold; white-space: nowrap; }
.badge.ok, .status-match, .verdict-reproduced { background: var(--ok-bg); color: var(--ok); }
.badge.bad, .status-mismatch, .status-missing, .status-unresolved, .verdict-differs { background: var(--warn-bg); color: var(--warn); }
.verdict-error, .badge.error { background: var(--bad-bg); color: var(--bad); }
.status-unused, .status-vanishes, .status-na { color: var(--muted); }
.failure { border-left: 4px solid var(--bad); background: var(--bad-bg); padding: 0.4rem 0.8rem; margin: 0.5rem 0; }
.failure pre { white-space: pre-wrap; margin: 0.2rem 0 0; font-size: 0.85rem; }
figure { margin: 1.2rem 0 2.2rem; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { font-size: 0.92rem; margin-top: 0.4rem; }
.small { font-size: 0.85rem; color: var(--muted); }
blockquote { margin: 0; padding-left: 0.6rem; border-left: 3px solid var(--line); font-style: italic; }
td .katex { font-size: 1.02em; }
#check-banner { position: sticky; top: 0; background: var(--bad-bg); color: var(--bad); border: 1px solid var(--bad); padding: 0.5rem 0.8rem; font-weight: bold; }
`;

// Runs in the browser after load: marks <body> with the outcome of the self-check (for --dump-dom) and, when
// something is broken, shows it at the top of the page.
const CHECK_SCRIPT = `
(function () {
  function done(problems) {
    var b = document.body;
    b.setAttribute('data-check', problems.length ? 'fail' : 'ok');
    b.setAttribute('data-problems', problems.join(' | '));
    if (problems.length) {
      var d = document.createElement('div');
      d.id = 'check-banner';
      d.textContent = 'This page is not displayed completely: ' + problems.join('; ');
      b.insertBefore(d, b.firstChild);
    }
  }
  function check() {
    var problems = [];
    var imgs = document.querySelectorAll('img');
    for (var i = 0; i < imgs.length; i++) {
      if (!(imgs[i].complete && imgs[i].naturalWidth > 0)) problems.push('image not displayed: ' + imgs[i].getAttribute('src'));
    }
    var errs = document.querySelectorAll('.katex-error');
    if (errs.length) problems.push(errs.length + ' formula(s) KaTeX could not render');
    document.body.setAttribute('data-images', String(imgs.length));
    document.body.setAttribute('data-formulas', String(document.querySelectorAll('.katex').length));
    var k = document.querySelector('.katex');
    if (k && getComputedStyle(k).fontFamily.indexOf('KaTeX') < 0) problems.push('KaTeX stylesheet not loaded');
    var fontsReady = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    fontsReady.then(function () {
      if (k && document.fonts) {
        var main = false;
        document.fonts.forEach(function (f) {
          if (f.family.replace(/["']/g, '').indexOf('KaTeX') === 0) {
            if (f.status === 'error') problems.push('font not loaded: ' + f.family);
            if (f.family.replace(/["']/g, '') === 'KaTeX_Main' && f.status === 'loaded') main = true;
          }
        });
        if (!main) problems.push('KaTeX_Main font not loaded');
      }
      done(problems);
    });
  }
  if (document.readyState === 'complete') check();
  else window.addEventListener('load', check);
})();
`;

class Tex {
  readonly errors: { tex: string; message: string }[] = [];

  render(tex: string, display = false): string {
    try {
      return katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore' });
    } catch (e) {
      this.errors.push({ tex, message: (e as Error).message });
      return katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: 'ignore' });
    }
  }
}

const h = escapeHtml;

function badge(kind: string, text: string): string {
  return `<span class="badge ${kind}">${h(text)}</span>`;
}

function statusCell(status: TableRow['status'][Approx]): string {
  const cls = status === 'not in this approximation' ? 'status-na' : `status-${status}`;
  return `<td class="${cls}">${h(status === 'not in this approximation' ? '—' : status)}</td>`;
}

function usesText(uses: ModelUse[], provenance: Provenance[]): string {
  if (uses.length === 0) return '';
  return uses
    .map((u) => {
      const p = provenance.find((x) => x.file === u.file && x.approx === u.approx && Boolean(x.lambShift) === Boolean(u.lambShift));
      const variant = `${u.approx}${u.lambShift ? '.lamb-shift' : ''}`;
      const module = p ? `<code>${h(p.kind === 'generated' ? p.path : `${p.model}.${variant}.ts`)}</code>${p.kind === 'emitted' ? ' (emitted for this run)' : ''}` : `<code>${h(u.file)}</code> (${variant}; module not loaded)`;
      return module;
    })
    .join(', ');
}

export function summaryCounts(data: ReportData) {
  const modelsOk = data.models.filter((m) => !m.error).length;
  const tablesOk = data.tables.filter((t) => t.table && t.table.results.every((r) => r.ok)).length;
  const coefficientRows = data.tables.reduce((n, t) => n + (t.table?.rows.length ?? 0), 0);
  // a coefficient counts in the approximation its table is in: the non-secular equation, unless the table states one
  const ok = (st: string | undefined) => st === 'match' || st === 'vanishes';
  const coefficientMatch = data.tables.reduce(
    (n, t) => n + (t.table?.rows.filter((r) => ok(r.status.nonsecular) || (r.status.nonsecular === 'not in this approximation' && ok(r.status.secular))).length ?? 0),
    0,
  );
  const figuresOk = data.figures.filter((f) => !f.error).length;
  const reproduced = data.claims.filter((c) => c.judgement?.verdict === 'reproduced').length;
  const differs = data.claims.filter((c) => c.judgement?.verdict === 'differs').length;
  const claimErrors = data.claims.filter((c) => c.error !== undefined).length;
  return { modelsOk, tablesOk, coefficientRows, coefficientMatch, figuresOk, reproduced, differs, claimErrors, failures: data.failures.length };
}

function summary(data: ReportData): string {
  const c = summaryCounts(data);
  const ok = c.failures === 0;
  const row = (label: string, value: string, good: boolean) => `<tr><th>${h(label)}</th><td>${value}</td><td>${good ? badge('ok', 'ok') : badge('bad', 'see below')}</td></tr>`;
  return `<section id="summary" class="summary ${ok ? 'ok' : 'bad'}">
<h2 style="margin-top:0;border:none">Summary</h2>
<table>
${row('Models derived', `${c.modelsOk} of ${data.models.length} (every applicable approximation)`, c.modelsOk === data.models.length)}
${row('Published tables', `${c.tablesOk} of ${data.tables.length} agree in the approximations they are in; ${c.coefficientMatch} of ${c.coefficientRows} published coefficients match (or vanish, as published) in the non-secular equation (the secular one for a table that says so)`, c.tablesOk === data.tables.length)}
${data.equations ? `<tr><th>Published equations</th><td>${equationCounts(data.equations)}</td><td>${data.equations.some((e) => e.error) ? badge('error', 'errors') : badge(data.equations.some((e) => e.check?.rows.some((r) => r.status !== 'match')) ? 'bad' : 'ok', data.equations.some((e) => e.check?.rows.some((r) => r.status !== 'match')) ? 'differences' : 'ok')}</td></tr>` : ''}
${row('Figures', `${c.figuresOk} of ${data.figures.length} computed`, c.figuresOk === data.figures.length)}
<tr><th>Claims</th><td>${data.claims.length} judged: ${c.reproduced} reproduced, ${c.differs} differ${c.claimErrors ? `, ${c.claimErrors} could not be computed` : ''}</td><td>${c.claimErrors ? badge('error', 'errors') : badge(c.differs ? 'bad' : 'ok', c.differs ? 'differences' : 'ok')}</td></tr>
<tr><th>Failures</th><td>${c.failures === 0 ? 'none' : `${c.failures} (listed below; <code>npm start</code> exits with status 1)`}</td><td>${ok ? badge('ok', 'ok') : badge('error', 'failed')}</td></tr>
</table>
${
  data.failures.length
    ? `<div id="failures">${data.failures.map((f) => `<div class="failure"><strong>${h(f.what)}</strong><pre>${h(f.error)}</pre></div>`).join('\n')}</div>`
    : ''
}
</section>`;
}

function publishedTables(data: ReportData, tex: Tex): string {
  const parts: string[] = [`<section id="tables"><h2>1. Published coefficient tables, checked exactly</h2>
<p>Each published coefficient is compared with the derived master equation exactly (rational arithmetic on the
normal form of the generator; see the README). “match”: equal; “vanishes”: its operator is zero in this model, as
published; “—”: the term belongs to the non-secular part, absent in the secular equation; “jointly” marks coefficients
whose structures are linearly dependent, checked with the others at their published values.</p>`];
  for (const t of data.tables) {
    if (!t.table) {
      parts.push(`<h3><code>${h(t.file)}</code></h3><div class="failure"><strong>could not be checked</strong><pre>${h(t.error ?? '')}</pre></div>`);
      continue;
    }
    const p = t.table;
    const verdicts = p.results
      .map((r) => {
        // Counted over the published coefficients as shown in the table ("unused" in the secular check means a term
        // of the non-secular part: shown as "non-secular only").
        const tally = new Map<string, number>();
        for (const row of p.rows) {
          const s = row.status[r.approx] === 'not in this approximation' ? 'non-secular only' : row.status[r.approx];
          tally.set(s, (tally.get(s) ?? 0) + 1);
        }
        const counts = [...tally].map(([k, v]) => `${v} ${k}`).join(', ');
        return `${r.approx}: ${badge(r.ok ? 'ok' : 'bad', r.ok ? 'agrees' : 'disagrees')} ${h(counts)}${r.extra.length ? `; ${r.extra.length} derived term(s) the published equation cannot produce` : ''}`;
      })
      .join('<br>');
    const rows = p.rows
      .map((r) => {
        const dis = r.disagreements.map((d) => `<div class="small">${h(d.approx)}: derived <code>${h(d.derived ?? '—')}</code>; published − derived = <code>${h(d.difference ?? '—')}</code></div>`).join('');
        return `<tr><td>${tex.render(r.symbolTex)}</td><td>${tex.render(r.publishedTex)}${dis}</td>${statusCell(r.status.secular)}${statusCell(r.status.nonsecular)}<td>${r.joint ? 'jointly' : ''}</td></tr>`;
      })
      .join('\n');
    const extra = p.results
      .flatMap((r) => r.extra.map((e) => `<li>${h(r.approx)}: <code>${h(e.term)}</code> with coefficient <code>${h(e.coefficient)}</code></li>`))
      .join('');
    parts.push(`<h3 id="table-${h(p.model)}">${h(p.modelTitle)}</h3>
<p class="small">Published: ${h(p.source)} — file <code>${h(p.file)}</code>, model <code>${h(p.model)}</code>.</p>
<p>${verdicts}</p>
<table><thead><tr><th>coefficient</th><th>published expression</th><th>secular</th><th>non-secular</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>${extra ? `<p>Derived terms without a published counterpart:</p><ul>${extra}</ul>` : ''}`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function equationCounts(entries: EquationEntry[]): string {
  const rows = entries.flatMap((e) => e.check?.rows ?? []);
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  return `${rows.length} equations in ${entries.length} files checked exactly: ${n('match')} match, ${n('mismatch')} differ from the derivation${n('undecided') ? `, ${n('undecided')} undecided` : ''}`;
}

function publishedEquations(data: ReportData, tex: Tex): string {
  if (!data.equations) return '';
  const parts: string[] = [`<section id="equations"><h2>1b. Published equations, checked exactly</h2>
<p>Equations of motion, the matrix M, determinants, closed-form steady states, vanishing conditions and fluxes, each
transcribed as printed with the paper's own names (<code>derivations/**/NAME.&lt;kind&gt;.published.json</code>) and
compared exactly with what the derived master equation implies: coefficient by coefficient for equations of motion,
matrices and fluxes; determinants and closed forms (ρ = N/D of the exact steady state, <code>bornmarkov show --steady</code>)
by cross-multiplication; a vanishing condition by eliminating the correlation functions it fixes from the element's
numerator. ${equationCounts(data.equations)}. A difference is a finding about the paper, printed exactly
(published − derived).</p>`];
  for (const e of data.equations) {
    if (!e.check) {
      parts.push(`<h3><code>${h(e.file)}</code></h3><div class="failure"><strong>could not be checked</strong><pre>${h(e.error ?? '')}</pre></div>`);
      continue;
    }
    const rows = e.check.rows
      .map((r) => {
        const bad = (r.terms ?? []).filter((t) => t.status === 'mismatch');
        const terms = bad
          .map((t) => `<div class="small"><code>${h(t.term)}</code>: published <code>${h(t.published)}</code>, derived <code>${h(t.derived)}</code>; published − derived = ${t.differenceTex ? tex.render(t.differenceTex) : `<code>${h(t.difference ?? '')}</code>`}</div>`)
          .join('');
        const sides = r.publishedTex || r.derivedTex ? `<div class="small">published: ${r.publishedTex ? tex.render(r.publishedTex) : '—'}; derived (exact steady state${r.derivedTex?.includes('\\Gamma') || r.derivedTex?.includes('\\Delta') ? ', in the named coefficients' : ''}): ${r.derivedTex ? tex.render(r.derivedTex) : '(long)'}</div>` : '';
        const extra = [sides, r.difference ? `<div class="small">published − derived: <code>${h(r.difference)}</code></div>` : '', r.cofactor ? `<div class="small">cofactor: <code>${h(r.cofactor)}</code></div>` : ''].join('');
        const verdict = r.status === 'match' ? badge('ok', 'match') : r.status === 'mismatch' ? badge('bad', 'differs') : badge('error', 'undecided');
        return `<tr><td>${h(r.id)}</td><td>${h(r.kind)}</td><td>${verdict}</td><td>${h(r.detail)}${terms}${extra}</td></tr>`;
      })
      .join('\n');
    parts.push(`<h3>${h(e.modelTitle ?? e.file)} (${h(e.check.approx)})</h3>
<p class="small">Published: ${h(e.source ?? '')} — file <code>${h(e.file)}</code>.${e.notes ? ` Transcription: ${h(e.notes)}` : ''}</p>
<table><thead><tr><th>equation</th><th>kind</th><th>verdict</th><th>what was compared</th></tr></thead>
<tbody>
${rows}
</tbody></table>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function figures(data: ReportData): string {
  const parts: string[] = [`<section id="figures"><h2>2. Figures</h2>
<p>Steady states of the generated modules (non-secular unless stated), the same code path as <code>bornmarkov solve</code>
and <code>sweep</code>. Each SVG in <code>figures/</code> also opens alone, with its full caption. Grid: maps ${data.meta.grid.nx} × ${data.meta.grid.ny}, curves ${data.meta.grid.line} points.</p>`];
  for (const f of data.figures) {
    const head = `${h(sourceShort(f.spec.paper))} ${h(f.spec.reproduces)} — ${labelHtml(f.spec.title)}`;
    if (f.error !== undefined) {
      parts.push(`<figure id="${h(f.spec.id)}"><div class="failure"><strong>${head}: not computed</strong><pre>${h(f.error)}</pre></div><figcaption class="small">Models: ${usesText(f.uses, data.provenance) || 'none loaded'}</figcaption></figure>`);
      continue;
    }
    const size = f.width && f.height ? ` width="${f.width}" height="${f.height}"` : '';
    parts.push(`<figure id="${h(f.spec.id)}">
<img src="${h(f.file!)}" alt="${h(f.spec.title)}"${size}>
<figcaption><strong>${head}.</strong> ${h(f.caption ?? '')} <span class="small">Computed from ${usesText(f.uses, data.provenance)}. <a href="${h(f.file!)}">SVG</a></span></figcaption>
</figure>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function claims(data: ReportData): string {
  const rows = data.claims.map((r, k) => {
    const c = r.claim;
    const verdict = r.error !== undefined ? `<span class="badge verdict-error">error</span><div class="small">${h(r.error)}</div>` : `<span class="badge verdict-${r.judgement!.verdict}">${r.judgement!.verdict}</span><div class="small">${h(r.judgement!.difference)}</div>`;
    const value = r.measurement ? `${h(r.measurement.value.map((v) => fmt(v, 4)).join(', '))}${r.measurement.total !== undefined ? ` of ${r.measurement.total}` : ''}` : '—';
    return `<tr id="claim-${h(c.id)}"><td class="num">${k + 1}</td><td>${h(sourceShort(c.paper))}<br><span class="small">${h(c.ref)}</span></td>
<td><blockquote>“${h(c.quote)}”</blockquote>${c.note ? `<div class="small"><strong>Note:</strong> ${h(c.note)}</div>` : ''}</td>
<td>${h(c.computed)}${r.measurement ? `<div class="small">${h(r.measurement.detail)}</div>` : ''}<div class="small">From ${usesText(r.uses, data.provenance) || '—'}</div></td>
<td class="num">${value}</td><td>${h(criterionText(c.criterion))}</td><td>${verdict}</td></tr>`;
  });
  return `<section id="claims"><h2>3. Claims of the papers, judged by computation</h2>
<p>Each quantitative statement is quoted from the paper (formulas transliterated from the extracted text). The criterion
is fixed together with the claim in its paper’s <code>src/report/papers/&lt;paper&gt;/claims.ts</code>; the verdict is computed by <code>judge()</code> from
the measured value, never written by hand. Tolerances: a value the paper quotes as approximate is reproduced within
max(10 %, one unit of its last digit); “vanishes” means |value| ≤ 10⁻¹⁰; shapes (“increases”, “greatest at”) count
violating grid points. Notes give context written independently of the numbers.</p>
<table><thead><tr><th>#</th><th>paper</th><th>claim</th><th>computed</th><th>value</th><th>criterion</th><th>verdict</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

const EXPLORER_NOTE = 'static, non-secular, works offline';

function appendices(data: ReportData, tex: Tex): string {
  const rows = data.models.map((m) => {
    if (m.error !== undefined) {
      return `<tr><td><code>${h(m.file)}</code></td><td colspan="4"><div class="failure"><strong>failed to derive</strong><pre>${h(m.error)}</pre></div></td></tr>`;
    }
    const states = m.statesTex?.length ? tex.render(m.statesTex.map((s) => (s.includes('\\rangle') ? s : `\\lvert ${s}\\rangle`)).join(',\\ ')) : '';
    const per = m.derived
      .map((d) => {
        const counts = `${d.gamma} Γ, ${d.lambda} Λ, ${d.delta} Δ${d.other ? `, ${d.other} other` : ''}; ${d.lindbladRates} rates K, ${d.hcTerms} Ĥc terms; ${d.blocks} block(s)`;
        const pdf = d.pdf ? ` · <a href="${h(d.pdf)}">PDF</a>` : d.pdfError ? ` · <span class="badge error">PDF failed</span>` : '';
        return `<div><strong>${h(d.approx)}</strong>: ${h(counts)} — <a href="${h(d.appendix)}">${h(d.appendix)}</a>${pdf}</div>`;
      })
      .join('');
    const explorer = m.explorer ? `<div class="small"><a href="${h(m.explorer)}">explorer</a> (${h(EXPLORER_NOTE)})</div>` : '';
    return `<tr><td><code>${h(m.file)}</code><div class="small">${h(m.name ?? '')}</div>${explorer}</td><td>${h(m.title ?? '')}<div class="small">${h(m.source ?? '')}</div></td><td>${states}</td><td>${per}</td></tr>`;
  });
  return `<section id="appendices"><h2>4. Derived models and LaTeX appendices</h2>
<p>Every model in <code>derivations/</code>, derived in every approximation that applies to it (secular and
non-secular Redfield always; partial-secular, ULE and local where defined). Each appendix is a standalone LaTeX document
(<code>pdflatex</code>): the model, the paper-form master equation with its coefficient table, the Lindblad-like form
with Ĥc, and the equations of motion of the density-matrix elements. PDFs: ${h(data.meta.pdf.detail)}
${data.models.some((m) => m.explorer) ? `Each seed model links its <strong>explorer</strong>: a static copy of <code>bornmarkov explore</code> (sliders, the steady
state, |ρ<sub>ij</sub>| and the currents computed in the browser by the generated module), one self-contained HTML file that works opened from disk.` : ''}</p>
<table><thead><tr><th>model file</th><th>model</th><th>eigenbasis</th><th>derived (paper-form terms; Lindblad-like form) and appendix</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

function provenance(data: ReportData): string {
  const rows = data.provenance
    .slice()
    .sort((a, b) => (a.file + a.approx < b.file + b.approx ? -1 : 1))
    .map(
      (p) =>
        `<tr><td><code>${h(p.file)}</code></td><td>${h(p.approx)}</td><td>${p.kind === 'generated' ? `<code>${h(p.path)}</code>` : `emitted from the current derivation for this run${p.reason ? `<div class="small">${h(p.reason)}</div>` : ''}`}</td><td class="mono">${h(p.sha256)}</td></tr>`,
    );
  return `<section id="provenance"><h2>5. Provenance</h2>
<p>Numbers in figures and claims come from the generated TypeScript modules below (the code <code>bornmarkov derive</code>
writes; a committed module is used when it is at least as new as its model file, otherwise the module is emitted from
the current derivation for this run). The figure captions and the claims table name the module behind each number.
Published-table checks and appendices come from the exact derivation itself (<code>src/derive</code>,
<code>src/check</code>, <code>src/emit/latex.ts</code>), not from these modules.</p>
<table><thead><tr><th>model file</th><th>approximation</th><th>module</th><th>SHA-256 of the module (first 16 hex digits)</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<p class="small">bornmarkov ${h(data.meta.version)}, Node ${h(data.meta.node)}, KaTeX ${h(data.meta.katex)}; run on ${h(data.meta.date)}.</p>
</section>`;
}

export function renderReport(data: ReportData): { html: string; katexErrors: { tex: string; message: string }[] } {
  const tex = new Tex();
  // Formulas first, so that a formula KaTeX rejects is counted in the summary as a failure of this run.
  const tablesHtml = publishedTables(data, tex) + publishedEquations(data, tex);
  const appendicesHtml = appendices(data, tex);
  const failures = [...data.failures, ...tex.errors.map((e) => ({ what: 'KaTeX could not render a formula', error: `${e.message}\n${e.tex}` }))];
  const approxHtml = data.approximations || data.approximationsError !== undefined ? approximationsHtml(data.approximations, data.approximationsError) : '';
  const body = [summary({ ...data, failures }), tablesHtml, figures(data), approxHtml, claims(data), appendicesHtml, provenance(data)].join('\n\n');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bornmarkov report: Born–Markov master equations of ${countWord(PAPERS.length)} papers, derived and checked</title>
<link rel="stylesheet" href="katex/katex.min.css">
<style>${CSS}</style>
</head>
<body data-check="pending">
<header>
<h1>Born–Markov master equations of ${countWord(PAPERS.length)} papers, derived and checked</h1>
<p class="meta">bornmarkov ${h(data.meta.version)} · Node ${h(data.meta.node)} · KaTeX ${h(data.meta.katex)} · run on ${h(data.meta.date)} · written by <code>npm start</code></p>
<p>This report is computed from the repository, not written by hand. bornmarkov derives the Born–Markov (Redfield)
master equation of every model in <code>derivations/</code> exactly, compares the coefficient tables the papers print with
the derived ones, emits TypeScript for each model and solves it for steady states, and from those draws the figures and
judges the papers’ quantitative claims. The ${countWord(PAPERS.length)} papers:</p>
<ul>${PAPERS.map((p) => `<li>[${h(p.id)}] ${h(p.cite)}: ${h(p.about)}.</li>`).join('\n')}</ul>
<nav><ol><li><a href="#summary">Summary</a></li><li><a href="#tables">Published tables</a></li>${data.equations ? '<li><a href="#equations">Published equations</a></li>' : ''}<li><a href="#figures">Figures</a></li>${data.approximations || data.approximationsError !== undefined ? '<li><a href="#approximations">Which master equation?</a></li>' : ''}<li><a href="#claims">Claims</a></li><li><a href="#appendices">Models and LaTeX appendices</a></li><li><a href="#provenance">Provenance</a></li></ol></nav>
</header>
<main>
${body}
</main>
<script>${CHECK_SCRIPT}</script>
</body>
</html>
`;
  return { html, katexErrors: tex.errors };
}
