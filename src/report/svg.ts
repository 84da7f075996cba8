// Minimal SVG plotting for the report: line plots and heat maps with a colour bar, as self-contained SVG
// strings (no plotting dependency, no script, no external font), so that each figure can be opened alone
// from report/figures/ and embedded by <img> in report/index.html, offline.
//
// Contract:
//  - linePlot(options) and heatMap(options) return a complete, well-formed SVG document (XML declaration not
//    included) with labelled axes, tick labels, a legend (line plots) or a colour bar (heat maps), a title, and
//    the caption (parameters of the figure) set as text under the plot, plus <title>/<desc> for screen readers.
//  - Labels accept a tiny markup: `_{…}` subscript and `^{…}` superscript (one level, no nesting); everything
//    else is literal text and is XML-escaped.
//  - Heat-map values are row-major over (y, x): values[iy * xs.length + ix]. Non-finite values are drawn grey and
//    listed in the colour bar as "no value". Values outside the colour range are clamped (so that a map can be
//    drawn on another map's scale, e.g. Case D on Case A's).
//  - Line plots may take logarithmic axes (xLog / yLog): data are drawn at log10 of their values, ticks are the
//    decades 10^k, and a non-positive value is a gap in its line (like a non-finite one).
//  - Deterministic output: the same input gives byte-identical SVG (numbers printed with fixed precision).

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** stroke-dasharray, e.g. "6 4" */
  dash?: string;
  /** draw a dot at each point (for sparse or parametric data) */
  markers?: boolean;
  /** omit the connecting line (markers only) */
  noLine?: boolean;
}

export interface Marker {
  x: number;
  y: number;
  label: string;
}

export interface LinePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  caption?: string;
  width?: number;
  height?: number;
  xRange?: [number, number];
  yRange?: [number, number];
  markers?: Marker[];
  /** logarithmic x / y axis (ranges and marker coordinates are then given as values, not logarithms) */
  xLog?: boolean;
  yLog?: boolean;
}

export interface HeatPanel {
  title: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** row-major over (y, x) */
  values: ArrayLike<number>;
  markers?: Marker[];
}

export interface HeatMapOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  colorLabel: string;
  panels: HeatPanel[];
  caption?: string;
  /** colour range; default: min..max of all finite values (0..1 when they are all equal) */
  range?: [number, number];
  panelWidth?: number;
  panelHeight?: number;
}

/** Distinguishable colours for up to ten series (Okabe–Ito first: safe for colour-blind readers). */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442', '#999999', '#882255'];

// Viridis, sampled at 11 points (perceptually uniform, readable in grey): linear interpolation in between.
const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725'];

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';
const NO_VALUE = '#c8c8c8';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Coordinates printed with two decimals: enough for screen rendering, and stable across runs. */
function f(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Text with `_{…}` / `^{…}` as <tspan>s. Shifts use dy (relative), which every SVG renderer supports, and
 * each shifted run is followed by a run that shifts back so the baseline is restored.
 */
export function richText(text: string): string {
  const out: string[] = [];
  const re = /([_^])\{([^{}]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(escapeXml(text.slice(last, m.index)));
    const dy = m[1] === '_' ? 0.35 : -0.45;
    out.push(`<tspan dy="${dy}em" font-size="72%">${escapeXml(m[2]!)}</tspan><tspan dy="${-dy * 0.72}em">&#8203;</tspan>`);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(escapeXml(text.slice(last)));
  return out.join('');
}

/** Label text without markup, for <title>/<desc> and width estimates. */
export function plainLabel(text: string): string {
  return text.replace(/[_^]\{([^{}]*)\}/g, '$1');
}

/** "Nice" tick values covering [lo, hi] with about `count` intervals (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw * 0.999) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  // k·step from the first tick (not repeated addition), rounded to 12 digits: 0.15, not 0.15000000000000002.
  for (let k = 0; first + k * step <= hi + step * 1e-9; k++) {
    const t = first + k * step;
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Tick label: short, and the same number of decimals for every tick of an axis. */
export function tickLabels(ticks: number[]): string[] {
  if (ticks.length === 0) return [];
  const maxAbs = Math.max(...ticks.map(Math.abs));
  if (maxAbs !== 0 && (maxAbs < 1e-3 || maxAbs >= 1e5)) return ticks.map((t) => (t === 0 ? '0' : t.toExponential(1).replace('e', '×10^')));
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : maxAbs || 1;
  // The fewest decimals that print the step exactly (0.25 needs 2, 5 needs 0).
  let decimals = 0;
  while (decimals < 6 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6 * step * 10 ** decimals) decimals++;
  return ticks.map((t) => t.toFixed(decimals));
}

/** Viridis colour of t ∈ [0, 1] (clamped). */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const u = x - i;
  const a = hex(VIRIDIS[i]!);
  const b = hex(VIRIDIS[i + 1]!);
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * u));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function hex(s: string): number[] {
  return [1, 3, 5].map((k) => parseInt(s.slice(k, k + 2), 16));
}

/** Splits a caption into lines of at most `width` characters (at spaces). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Pads a data range a little so curves do not run along the frame; a flat range gets a unit window. */
function padded([lo, hi]: [number, number], fromZero: boolean): [number, number] {
  if (hi === lo) return lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.5, hi + Math.abs(hi) * 0.5];
  const pad = (hi - lo) * 0.04;
  return [fromZero && lo >= 0 ? 0 : lo - pad, hi + pad];
}

interface Frame {
  x0: number;
  y0: number;
  w: number;
  h: number;
  xr: [number, number];
  yr: [number, number];
}

const sx = (fr: Frame, x: number) => fr.x0 + ((x - fr.xr[0]) / (fr.xr[1] - fr.xr[0])) * fr.w;
const sy = (fr: Frame, y: number) => fr.y0 + fr.h - ((y - fr.yr[0]) / (fr.yr[1] - fr.yr[0])) * fr.h;

/** Axes: frame, ticks with labels, optional light grid, and the axis labels. */
/** Decade ticks of a log10 range [lo, hi] (every decade, or every 2nd, 3rd … when there are more than `count`). */
function decadeTicks(lo: number, hi: number, count: number): number[] {
  const a = Math.ceil(lo - 1e-9);
  const b = Math.floor(hi + 1e-9);
  const step = Math.max(1, Math.ceil((b - a) / count));
  const ticks: number[] = [];
  for (let k = a; k <= b; k += step) ticks.push(k);
  return ticks;
}

function axes(fr: Frame, xLabel: string, yLabel: string | null, grid: boolean, log: { x?: boolean; y?: boolean } = {}): string {
  const parts: string[] = [];
  const xt = (log.x ? decadeTicks(fr.xr[0], fr.xr[1], 8) : niceTicks(fr.xr[0], fr.xr[1], 6)).filter((t) => t >= fr.xr[0] - 1e-12 && t <= fr.xr[1] + 1e-12);
  const yt = (log.y ? decadeTicks(fr.yr[0], fr.yr[1], 8) : niceTicks(fr.yr[0], fr.yr[1], 5)).filter((t) => t >= fr.yr[0] - 1e-12 && t <= fr.yr[1] + 1e-12);
  // tick labels are text, or 10^{k} (rich text) on a log axis
  const decade = (t: number) => richText(`10^{${t}}`);
  const xl = log.x ? xt.map(decade) : tickLabels(xt).map(escapeXml);
  const yl = log.y ? yt.map(decade) : tickLabels(yt).map(escapeXml);
  const bottom = fr.y0 + fr.h;
  xt.forEach((t, k) => {
    const x = f(sx(fr, t));
    if (grid) parts.push(`<line x1="${x}" y1="${f(fr.y0)}" x2="${x}" y2="${f(bottom)}" stroke="#e4e4e4" stroke-width="1"/>`);
    parts.push(`<line x1="${x}" y1="${f(bottom)}" x2="${x}" y2="${f(bottom + 5)}" stroke="#222"/>`);
    parts.push(`<text x="${x}" y="${f(bottom + 18)}" text-anchor="middle" font-size="12">${xl[k]!}</text>`);
  });
  yt.forEach((t, k) => {
    const y = f(sy(fr, t));
    if (grid) parts.push(`<line x1="${f(fr.x0)}" y1="${y}" x2="${f(fr.x0 + fr.w)}" y2="${y}" stroke="#e4e4e4" stroke-width="1"/>`);
    parts.push(`<line x1="${f(fr.x0 - 5)}" y1="${y}" x2="${f(fr.x0)}" y2="${y}" stroke="#222"/>`);
    parts.push(`<text x="${f(fr.x0 - 8)}" y="${y}" dy="0.35em" text-anchor="end" font-size="12">${yl[k]!}</text>`);
  });
  parts.push(`<rect x="${f(fr.x0)}" y="${f(fr.y0)}" width="${f(fr.w)}" height="${f(fr.h)}" fill="none" stroke="#222" stroke-width="1"/>`);
  parts.push(`<text class="x-label" x="${f(fr.x0 + fr.w / 2)}" y="${f(bottom + 40)}" text-anchor="middle" font-size="14">${richText(xLabel)}</text>`);
  if (yLabel !== null) {
    const cx = fr.x0 - 58;
    const cy = fr.y0 + fr.h / 2;
    parts.push(`<text class="y-label" x="${f(cx)}" y="${f(cy)}" text-anchor="middle" font-size="14" transform="rotate(-90 ${f(cx)} ${f(cy)})">${richText(yLabel)}</text>`);
  }
  return parts.join('\n');
}

function markerGlyphs(fr: Frame, markers: Marker[] | undefined): string {
  return (markers ?? [])
    .filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y))
    .map((m) => {
      const x = sx(fr, m.x);
      const y = sy(fr, m.y);
      const anchor = x > fr.x0 + fr.w * 0.6 ? 'end' : 'start';
      const tx = anchor === 'end' ? x - 8 : x + 8;
      return [
        `<g class="marker"><path d="M${f(x - 6)} ${f(y)}H${f(x + 6)}M${f(x)} ${f(y - 6)}V${f(y + 6)}" stroke="#fff" stroke-width="4"/>`,
        `<path d="M${f(x - 6)} ${f(y)}H${f(x + 6)}M${f(x)} ${f(y - 6)}V${f(y + 6)}" stroke="#d00" stroke-width="2"/>`,
        `<text x="${f(tx)}" y="${f(y - 8)}" text-anchor="${anchor}" font-size="12" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">${richText(m.label)}</text></g>`,
      ].join('');
    })
    .join('\n');
}

function captionBlock(caption: string | undefined, x: number, y: number, width: number): { svg: string; height: number } {
  if (!caption) return { svg: '', height: 0 };
  const lines = wrap(caption, Math.max(40, Math.floor(width / 6.6)));
  const svg = `<text class="caption" x="${f(x)}" y="${f(y)}" font-size="11" fill="#333">${lines
    .map((l, k) => `<tspan x="${f(x)}" dy="${k === 0 ? 0 : 14}">${escapeXml(l)}</tspan>`)
    .join('')}</text>`;
  return { svg, height: lines.length * 14 + 6 };
}

function documentOf(width: number, height: number, title: string, caption: string | undefined, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}" ${FONT}>`,
    `<title>${escapeXml(plainLabel(title))}</title>`,
    caption ? `<desc>${escapeXml(caption)}</desc>` : '',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    body,
    `</svg>`,
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

export function linePlot(given: LinePlotOptions): string {
  const o = given.xLog || given.yLog ? logarithmic(given) : given;
  const plotH = o.height ?? 380;
  // The legend takes what its longest label needs; the document widens rather than clip it (plot area ≥ 420 px).
  const legendW = 40 + Math.max(60, ...o.series.map((s) => plainLabel(s.label).length * 7));
  const width = Math.max(o.width ?? 760, 80 + 420 + legendW + 20);
  const fr: Frame = {
    x0: 80,
    y0: 46,
    w: width - 80 - legendW - 20,
    h: plotH,
    xr: o.xRange ?? padded(extent(o.series.flatMap((s) => Array.from(s.x))), false),
    yr: o.yRange ?? padded(extent(o.series.flatMap((s) => Array.from(s.y))), true),
  };
  const parts: string[] = [];
  parts.push(`<text class="title" x="${f(fr.x0)}" y="26" font-size="16" font-weight="bold">${richText(o.title)}</text>`);
  parts.push(axes(fr, o.xLabel, o.yLabel, true, { x: o.xLog, y: o.yLog }));
  parts.push(`<clipPath id="plot-area"><rect x="${f(fr.x0)}" y="${f(fr.y0)}" width="${f(fr.w)}" height="${f(fr.h)}"/></clipPath>`);
  const legend: string[] = [];
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    // A non-finite point breaks the line (a gap), rather than being drawn as zero.
    const runs: string[] = [];
    let run: string[] = [];
    const dots: string[] = [];
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        if (run.length) runs.push(run.join(' '));
        run = [];
        continue;
      }
      run.push(`${run.length === 0 ? 'M' : 'L'}${f(sx(fr, x))} ${f(sy(fr, y))}`);
      if (s.markers) dots.push(`<circle cx="${f(sx(fr, x))}" cy="${f(sy(fr, y))}" r="2.6" fill="${color}"/>`);
    }
    if (run.length) runs.push(run.join(' '));
    parts.push(
      `<g class="series" clip-path="url(#plot-area)">` +
        (s.noLine ? '' : `<path d="${runs.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash} stroke-linejoin="round"/>`) +
        dots.join('') +
        `</g>`,
    );
    const ly = fr.y0 + 10 + k * 20;
    const lx = fr.x0 + fr.w + 16;
    legend.push(
      (s.noLine ? `<circle cx="${f(lx + 14)}" cy="${f(ly)}" r="3" fill="${color}"/>` : `<line x1="${f(lx)}" y1="${f(ly)}" x2="${f(lx + 28)}" y2="${f(ly)}" stroke="${color}" stroke-width="2"${dash}/>`) +
        `<text x="${f(lx + 34)}" y="${f(ly)}" dy="0.35em" font-size="12">${richText(s.label)}</text>`,
    );
  });
  parts.push(markerGlyphs(fr, o.markers));
  parts.push(`<g class="legend">${legend.join('\n')}</g>`);
  const cap = captionBlock(o.caption, 16, fr.y0 + fr.h + 66, width - 32);
  parts.push(cap.svg);
  return documentOf(width, fr.y0 + fr.h + 56 + cap.height + 8, o.title, o.caption, parts.join('\n'));
}

/** The options with every coordinate of a log axis replaced by its log10 (non-positive: NaN, a gap). */
function logarithmic(o: LinePlotOptions): LinePlotOptions {
  const lg = (v: number) => (v > 0 ? Math.log10(v) : NaN);
  const mapX = (v: number) => (o.xLog ? lg(v) : v);
  const mapY = (v: number) => (o.yLog ? lg(v) : v);
  const range = (r: [number, number] | undefined, on: boolean | undefined): [number, number] | undefined => (r && on ? [lg(r[0]), lg(r[1])] : r);
  return {
    ...o,
    series: o.series.map((s) => ({ ...s, x: Array.from(s.x, mapX), y: Array.from(s.y, mapY) })),
    markers: o.markers?.map((m) => ({ ...m, x: mapX(m.x), y: mapY(m.y) })),
    xRange: range(o.xRange, o.xLog),
    yRange: o.yRange ? range(o.yRange, o.yLog) : o.yLog ? logExtent(o.series) : undefined,
  };
}

/** The y range of a log axis: whole decades around the positive values (a value axis from zero makes no sense). */
function logExtent(series: Series[]): [number, number] | undefined {
  const [lo, hi] = extent(series.flatMap((s) => Array.from(s.y, (v) => (v > 0 ? Math.log10(v) : NaN))));
  return [Math.floor(lo), Math.ceil(hi) === Math.floor(lo) ? Math.floor(lo) + 1 : Math.ceil(hi)];
}

/** Cell edges of a grid: midpoints between samples, extended by half a step at both ends. */
function edges(v: ArrayLike<number>): number[] {
  const n = v.length;
  if (n === 1) return [v[0]! - 0.5, v[0]! + 0.5];
  const e = [v[0]! - (v[1]! - v[0]!) / 2];
  for (let i = 0; i < n - 1; i++) e.push((v[i]! + v[i + 1]!) / 2);
  e.push(v[n - 1]! + (v[n - 1]! - v[n - 2]!) / 2);
  return e;
}

export function heatMap(o: HeatMapOptions): string {
  const pw = o.panelWidth ?? (o.panels.length > 1 ? 340 : 460);
  const ph = o.panelHeight ?? 340;
  const left = 80;
  const gap = 40;
  const range = o.range ?? extent(o.panels.flatMap((p) => Array.from(p.values)));
  const [lo, hi] = range[1] > range[0] ? range : [range[0], range[0] + (Math.abs(range[0]) || 1)];
  const parts: string[] = [];
  parts.push(`<text class="title" x="${left}" y="26" font-size="16" font-weight="bold">${richText(o.title)}</text>`);
  let anyMissing = false;
  o.panels.forEach((p, k) => {
    const xe = edges(p.xs);
    const ye = edges(p.ys);
    const fr: Frame = { x0: left + k * (pw + gap), y0: 62, w: pw, h: ph, xr: [xe[0]!, xe[xe.length - 1]!], yr: [ye[0]!, ye[ye.length - 1]!] };
    const nx = p.xs.length;
    const cells: string[] = [];
    for (let iy = 0; iy < p.ys.length; iy++) {
      const yTop = sy(fr, ye[iy + 1]!);
      const yBot = sy(fr, ye[iy]!);
      // Run-length: neighbouring cells of one colour (256 levels) become one rect, which keeps a 60×51 map small.
      let start = 0;
      let color = '';
      const flush = (end: number) => {
        if (end <= start) return;
        const x1 = sx(fr, xe[start]!);
        const x2 = sx(fr, xe[end]!);
        // +0.5 px overlap hides anti-aliasing seams between rects.
        cells.push(`<rect x="${f(x1)}" y="${f(yTop)}" width="${f(x2 - x1 + 0.5)}" height="${f(yBot - yTop + 0.5)}" fill="${color}"/>`);
      };
      for (let ix = 0; ix < nx; ix++) {
        const v = p.values[iy * nx + ix]!;
        let c: string;
        if (Number.isFinite(v)) c = viridis(Math.round(((v - lo) / (hi - lo)) * 255) / 255);
        else {
          c = NO_VALUE;
          anyMissing = true;
        }
        if (c !== color) {
          flush(ix);
          start = ix;
          color = c;
        }
      }
      flush(nx);
    }
    parts.push(`<g class="cells">${cells.join('')}</g>`);
    parts.push(`<text class="panel-title" x="${f(fr.x0 + fr.w / 2)}" y="${f(fr.y0 - 10)}" text-anchor="middle" font-size="13">${richText(p.title)}</text>`);
    parts.push(axes(fr, o.xLabel, k === 0 ? o.yLabel : null, false));
    parts.push(markerGlyphs(fr, p.markers));
  });
  // Colour bar
  const cbX = left + o.panels.length * (pw + gap) - gap + 28;
  const cbY = 62;
  const cbW = 18;
  const stops = VIRIDIS.map((c, i) => `<stop offset="${f((i / (VIRIDIS.length - 1)) * 100)}%" stop-color="${c}"/>`).join('');
  parts.push(`<defs><linearGradient id="colorbar" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`);
  parts.push(`<g class="colorbar"><rect x="${cbX}" y="${cbY}" width="${cbW}" height="${ph}" fill="url(#colorbar)" stroke="#222"/>`);
  const cfr: Frame = { x0: cbX, y0: cbY, w: cbW, h: ph, xr: [0, 1], yr: [lo, hi] };
  const ct = niceTicks(lo, hi, 5).filter((t) => t >= lo - 1e-15 && t <= hi + 1e-15);
  const cl = tickLabels(ct);
  ct.forEach((t, k) => {
    const y = f(sy(cfr, t));
    parts.push(`<line x1="${cbX + cbW}" y1="${y}" x2="${cbX + cbW + 5}" y2="${y}" stroke="#222"/><text x="${cbX + cbW + 8}" y="${y}" dy="0.35em" font-size="12">${escapeXml(cl[k]!)}</text>`);
  });
  const lx = cbX + cbW + 62;
  const ly = cbY + ph / 2;
  parts.push(`<text class="colorbar-label" x="${f(lx)}" y="${f(ly)}" text-anchor="middle" font-size="14" transform="rotate(-90 ${f(lx)} ${f(ly)})">${richText(o.colorLabel)}</text>`);
  if (anyMissing) parts.push(`<rect x="${cbX}" y="${cbY + ph + 12}" width="${cbW}" height="10" fill="${NO_VALUE}" stroke="#222"/><text x="${cbX + cbW + 6}" y="${cbY + ph + 21}" font-size="11">no value</text>`);
  parts.push('</g>');
  const width = lx + 24;
  const cap = captionBlock(o.caption, 16, cbY + ph + 68, width - 32);
  parts.push(cap.svg);
  return documentOf(width, cbY + ph + 58 + cap.height + 8, o.title, o.caption, parts.join('\n'));
}
