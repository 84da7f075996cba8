// The explorer page (served by explore.ts): one HTML document whose module script imports the model's generated
// module (./model.mjs) and bornmarkov's numeric layer (./lib/*.js) and computes everything in the browser,
// offline. Contract:
//   - a slider per parameter (#p-<name>, with its value shown); on every input event the steady state is
//     recomputed (the rank-revealing analysis, as `solve`), and shown: the |ρ_ij| heat map (cells
//     #rho-abs-<i>-<j>, data-value holding the full-precision number), the heat currents (#J-<bath>), the
//     fluxes (#flux-<key>), minEigenvalue, trace, nullity and uniqueness, and a 1-D curve of a chosen |ρ_ij|
//     over a chosen parameter's slider range (#curve, 201 points), redrawn on every move; #timing shows the
//     milliseconds the last update took, #status says "ready" after the first one;
//   - all model text reaches the page as text: HTML-escaped in markup, and the configuration as JSON with `<`
//     escaped, so a title containing <script> renders as text;
//   - explorePage(config, modules) is the static variant (the report's explore/<model>.html): the same markup and
//     ids, with the module sources inlined as JSON (every `<` escaped, so a source containing </script> cannot end
//     the element) and loaded through Blob URLs, so the one file works opened from disk (file://), offline.

export interface ExploreSlider {
  name: string;
  latex: string;
  kind: string;
  min: number;
  max: number;
  step: number;
  value: number;
}

export interface ExploreConfig {
  title: string;
  name: string;
  approx: string;
  source: string;
  basis: string[];
  sliders: ExploreSlider[];
  /** the curve's default parameter and element */
  curve: { parameter: string; i: number; j: number; points: number };
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a <script> element: no `<` at all, so no `</script>` or `<!--` can end or confuse it. */
const scriptJson = (x: unknown): string =>
  JSON.stringify(x)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The page's own module: reads the configuration, imports the model and the numeric layer, wires the sliders. */
const PAGE_SCRIPT = `import model from './model.mjs';
import { SteadyStateSolver, analyzeSteadyState } from './lib/steady.js';
import { heatCurrents, siteFluxes } from './lib/observables.js';

const config = JSON.parse(document.getElementById('config').textContent);
const n = model.dimension;
const inputs = [...document.querySelectorAll('input[type=range]')];
const solver = new SteadyStateSolver(model);
const fmt = (x) => (Math.abs(x) < 1e-4 && x !== 0 ? x.toExponential(4) : x.toPrecision(6));

function point() {
  const p = Object.fromEntries(model.parameters.map((q) => [q.name, q.default]));
  for (const el of inputs) p[el.dataset.name] = Number(el.value);
  return p;
}

function setText(id, text) { document.getElementById(id).textContent = text; }

function facts(rows) {
  const body = document.getElementById('facts');
  body.replaceChildren(...rows.map(([k, v, id, warn]) => {
    const tr = document.createElement('tr');
    const a = document.createElement('td'); a.textContent = k;
    const b = document.createElement('td'); b.textContent = v; b.id = id; if (warn) b.className = 'warn';
    tr.append(a, b);
    return tr;
  }));
}

function drawCurve(p) {
  const name = document.getElementById('curve-parameter').value;
  const [i, j] = document.getElementById('curve-element').value.split(',').map(Number);
  const s = config.sliders.find((x) => x.name === name);
  const q = { ...p };
  const xs = [], ys = [];
  for (let k = 0; k < config.curve.points; k++) {
    const x = s.min + ((s.max - s.min) * k) / (config.curve.points - 1);
    q[name] = x;
    let rho = null;
    if (solver.solve(q)) rho = solver.rho; else rho = analyzeSteadyState(model, q, { L: solver.generator(q) }).rho;
    xs.push(x);
    ys.push(Math.hypot(rho.re[i * n + j], rho.im[i * n + j]));
  }
  const top = Math.max(...ys.filter(Number.isFinite), 1e-300);
  const X = (x) => 50 + ((x - s.min) / (s.max - s.min || 1)) * 660;
  const Y = (y) => 230 - (y / top) * 210;
  document.getElementById('curve-line').setAttribute('points', xs.map((x, k) => X(x).toFixed(2) + ',' + Y(ys[k]).toFixed(2)).join(' '));
  const now = document.getElementById('curve-now');
  now.setAttribute('x1', X(p[name]).toFixed(2)); now.setAttribute('x2', X(p[name]).toFixed(2));
  setText('curve-min', name + ' = ' + fmt(s.min)); setText('curve-max', fmt(s.max)); setText('curve-top', 'max ' + fmt(top));
  document.getElementById('curve-line').dataset.points = String(xs.length);
}

function update() {
  const t0 = performance.now();
  const p = point();
  for (const el of inputs) setText('v-' + el.dataset.name, el.value);
  const a = analyzeSteadyState(model, p);
  let max = 0;
  for (let k = 0; k < n * n; k++) max = Math.max(max, Math.hypot(a.rho.re[k], a.rho.im[k]));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = Math.hypot(a.rho.re[i * n + j], a.rho.im[i * n + j]);
    const cell = document.getElementById('rho-abs-' + i + '-' + j);
    cell.dataset.value = String(v);
    cell.textContent = fmt(v);
    const t = max > 0 ? v / max : 0;
    cell.style.background = 'rgba(32, 96, 192, ' + (0.08 + 0.82 * t).toFixed(3) + ')';
    cell.style.color = t > 0.55 ? '#fff' : '#000';
  }
  const J = heatCurrents(model, p, a.rho);
  const F = siteFluxes(model, p, a.rho);
  facts([
    ['unique', a.unique ? 'yes' : 'no (nullity ' + a.nullity + ')', 'unique', !a.unique],
    ['nullity', String(a.nullity), 'nullity'],
    ['minEigenvalue', fmt(a.minEigenvalue), 'minEigenvalue', a.minEigenvalue < -1e-12],
    ['trace', fmt(a.trace), 'trace'],
    ...Object.entries(J).map(([b, v]) => ['J_' + b, fmt(v), 'J-' + b]),
    ...Object.entries(F).map(([k, v]) => ['flux ' + k, fmt(v), 'flux-' + k]),
  ]);
  drawCurve(p);
  setText('timing', (performance.now() - t0).toFixed(2));
  setText('status', 'ready');
}

for (const el of inputs) el.addEventListener('input', update);
document.getElementById('curve-parameter').addEventListener('change', update);
document.getElementById('curve-element').addEventListener('change', update);
update();
`;

/** The path of the page's own module among the inlined ones. */
const ENTRY = 'main.js';

/**
 * The bootstrap of the static page (Chromium loads no module from a file:// URL): each inlined source becomes a
 * Blob URL, its dependencies first, with every relative specifier (from './x.js', import('./x.js')) that names an
 * inlined module rewritten to that module's Blob URL; then the entry is imported. Nothing is fetched from disk or
 * the network; a specifier naming no inlined module is left as it is and fails to resolve.
 */
const BOOTSTRAP = String.raw`(() => {
  const sources = JSON.parse(document.getElementById('modules').textContent);
  const urls = new Map();
  const resolve = (from, spec) => {
    const out = from.split('/').slice(0, -1);
    for (const part of spec.split('/')) {
      if (part === '..') out.pop();
      else if (part !== '.') out.push(part);
    }
    return out.join('/');
  };
  const url = (path, chain) => {
    if (urls.has(path)) return urls.get(path);
    if (chain.includes(path)) throw new Error('import cycle: ' + [...chain, path].join(' -> '));
    const text = sources[path].replace(/(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"\\]+)\2/g, (m, keyword, quote, spec) => {
      const dep = resolve(path, spec);
      return Object.hasOwn(sources, dep) ? keyword + quote + url(dep, [...chain, path]) + quote : m;
    });
    const u = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    urls.set(path, u);
    return u;
  };
  import(url(${JSON.stringify(ENTRY)}, [])).catch((e) => {
    document.getElementById('status').textContent = 'failed: ' + e.message;
  });
})();`;

/** The static page's scripts: every module source as JSON (`<` escaped, so no `</script>` in a source ends it) and the bootstrap. */
function inlineModules(modules: ReadonlyMap<string, string>): string {
  if (modules.has(ENTRY)) throw new Error(`explorePage: a module may not be called ${ENTRY} (the page's own)`);
  const sources = Object.fromEntries([...modules, [ENTRY, PAGE_SCRIPT]]);
  return `<script type="application/json" id="modules">${scriptJson(sources)}</script>\n<script type="module">\n${BOOTSTRAP}\n</script>`;
}

/** Slider ranges from the parameter kinds and defaults. */
export function slidersFor(parameters: { name: string; latex: string; kind: string; default: number }[]): ExploreSlider[] {
  return parameters.map((p) => {
    const d = p.default;
    let [min, max] = [0, 1];
    if (p.kind === 'temperature') [min, max] = [0, Math.max(3 * d, 1)];
    else if (p.kind === 'rate') [min, max] = [0, Math.max(2 * d, 1)];
    else if (p.kind === 'weight') [min, max] = [0, Math.max(1, 2 * d)];
    else [min, max] = d === 0 ? [-10, 10] : [d - Math.abs(d), d + Math.abs(d)];
    return { name: p.name, latex: p.latex, kind: p.kind, min, max, step: (max - min) / 1000, value: d };
  });
}

/**
 * The page. Without `modules` its module script imports ./model.mjs and ./lib/*.js (served by explore.ts). With
 * `modules` (path relative to the page → source, as explorerBundle gives) it is one self-contained file: the
 * sources, its own script included, sit in a JSON script element and a bootstrap turns them into Blob URLs.
 */
export function explorePage(config: ExploreConfig, modules?: ReadonlyMap<string, string>): string {
  const e = escapeHtml;
  const moduleScripts = modules ? inlineModules(modules) : `<script type="module">\n${PAGE_SCRIPT}</script>`;
  const n = config.basis.length;
  const sliders = config.sliders
    .map(
      (s) =>
        `<label class="slider"><span class="name">${e(s.name)}</span> <input type="range" id="p-${e(s.name)}" data-name="${e(s.name)}" min="${s.min}" max="${s.max}" step="${s.step}" value="${s.value}"> <output id="v-${e(s.name)}">${s.value}</output> <span class="kind">${e(s.kind)}</span></label>`,
    )
    .join('\n');
  const header = `<tr><th></th>${config.basis.map((b) => `<th>${e(b)}</th>`).join('')}</tr>`;
  const rows = config.basis
    .map((b, i) => `<tr><th>${e(b)}</th>${config.basis.map((_, j) => `<td id="rho-abs-${i}-${j}" data-value="">…</td>`).join('')}</tr>`)
    .join('\n');
  const elements: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j)
        elements.push(
          `<option value="${i},${j}"${i === config.curve.i && j === config.curve.j ? ' selected' : ''}>|ρ[${i}][${j}]| = |⟨${e(config.basis[i]!)}|ρ|${e(config.basis[j]!)}⟩|</option>`,
        );
  const curveParams = config.sliders
    .map((s) => `<option value="${e(s.name)}"${s.name === config.curve.parameter ? ' selected' : ''}>${e(s.name)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(config.title)} — bornmarkov explorer</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; max-width: 1100px; }
.slider { display: block; margin: 0.2em 0; } .slider .name { display: inline-block; min-width: 5em; font-weight: 600; }
.slider input { width: 22em; vertical-align: middle; } .kind { color: #777; font-size: 90%; }
table.heat td { width: 5.5em; height: 2.2em; text-align: center; font-variant-numeric: tabular-nums; border: 1px solid #ddd; }
.grid { display: flex; gap: 2em; flex-wrap: wrap; } .facts td { padding: 0.1em 0.8em 0.1em 0; }
#curve { border: 1px solid #ccc; background: #fcfcfc; } .warn { color: #b00; }
</style>
</head>
<body>
<h1 id="title">${e(config.title)}</h1>
<p>${e(config.name)} (${e(config.approx)}) — ${e(config.source)}. Steady state of the Born–Markov master equation, computed in this page by the generated module; ρ_ij = ⟨i|ρ|j⟩ in the eigenbasis.</p>
<div class="grid">
<section><h2>Parameters</h2>
${sliders}
</section>
<section><h2>|ρ<sub>ij</sub>|</h2>
<table class="heat">${header}
${rows}
</table></section>
<section><h2>Steady state</h2>
<table class="facts"><tbody id="facts"></tbody></table>
<p>update: <span id="timing">–</span> ms · <span id="status">loading</span></p>
</section>
</div>
<section><h2>Curve</h2>
<p><select id="curve-element">${elements.join('')}</select> against <select id="curve-parameter">${curveParams}</select> (${config.curve.points} points, the other parameters at their sliders)</p>
<svg id="curve" width="720" height="260" viewBox="0 0 720 260"><polyline id="curve-line" fill="none" stroke="#2060c0" stroke-width="1.5" points=""/><line id="curve-now" stroke="#c03020" y1="10" y2="230" x1="0" x2="0"/><text id="curve-min" x="50" y="250"></text><text id="curve-max" x="710" y="250" text-anchor="end"></text><text id="curve-top" x="4" y="16"></text></svg>
</section>
<script type="application/json" id="config">${scriptJson(config)}</script>
${moduleScripts}
</body>
</html>
`;
}
