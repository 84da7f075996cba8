// The numeric side of the report: steady states on lines and grids of parameters, and the small searches
// (argmax on a line, maximum in a box) that the claims need. Figures and claims share one Study, so a map
// computed for a figure is reused by every claim about it (memo), and nothing is solved twice.
//
// Contract:
//  - Sampler wraps one GeneratedModel: state(p) is the steady state at the model defaults overridden by p —
//    the fast block solve, or, when that is in doubt, the rank-revealing analysis (analyzeSteadyState), whose
//    answer for a non-unique steady state is the limit of the maximally mixed state. It counts points, fallbacks
//    and non-unique points, which the report prints next to each figure. The returned matrix is overwritten by
//    the next call (no allocation per point on the fast path): copy what must be kept.
//  - grid(...) evaluates a StateFunction (a number read off ρ at p; |ρ_ij| and Im ρ_ij are the observable registry's)
//    on xs × ys (row-major over (y, x)); line(...) on a list of values.
//  - argmaxLine refines a maximum found on a line by golden-section search between its grid neighbours;
//    maximizeBox refines a grid maximum by a compass search inside the box. Both only ever evaluate the model.
//  - GridSpec sets the resolution: FULL_GRID for `npm start`, smaller ones for tests.
//  - Study.track(fn) runs fn and returns which models (file|approx) it used, directly or through memoised datasets
//    computed earlier (AsyncLocalStorage, so concurrent computations inside fn are attributed correctly): the
//    report's provenance of each figure and claim.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { type DensityMatrix, type SteadyAnalysis, SteadyStateSolver, analyzeSteadyState } from '../numeric/steady.ts';
import type { Approx } from '../derive/approx.ts';
import type { ModelProvider } from './models.ts';
import { l1Coherence, matrixElement } from '../numeric/observables.ts';

export interface GridSpec {
  /** map columns (the x axis: Ta or T) */
  nx: number;
  /** map rows (the y axis: ΔT) */
  ny: number;
  /** points per line plot */
  line: number;
}

/** 60 × 51 maps (Ta step 0.5, ΔT step 2 for seed 000) and 201-point curves. */
export const FULL_GRID: GridSpec = { nx: 60, ny: 51, line: 201 };

export function linspace(a: number, b: number, n: number): number[] {
  if (n <= 1) return [a];
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? b : a + ((b - a) * k) / (n - 1)));
}

/**
 * A number read off the steady state ρ at p, what a figure plots or a claim judges (not to be confused with the
 * observable registry's ParsedObservable, a user's written form bound to a model: src/numeric/observables.ts).
 */
export type StateFunction = (rho: DensityMatrix, p: Params) => number;

/** |ρ_ij| (0-based, eigenbasis): the registry's abs(rho[i][j]) */
export const absElement =
  (i: number, j: number): StateFunction =>
  (rho) =>
    matrixElement('abs', rho, i, j);
/** Im ρ_ij: the registry's im(rho[i][j]) */
export const imElement =
  (i: number, j: number): StateFunction =>
  (rho) =>
    matrixElement('im', rho, i, j);
/** Σ_{i≠j} |ρ_ij|: every coherence at once (the numeric layer's l1Coherence) */
export const l1: StateFunction = l1Coherence;

export interface MapData {
  xs: number[];
  ys: number[];
  /** row-major over (y, x) */
  values: Float64Array;
  /** points of this map that needed the rank-revealing analysis, and those with a non-unique steady state */
  fallbacks: number;
  nonUnique: number;
}

/** Curves over one shared x axis (a line plot's data), each with a key for the claims to find it by. */
export interface CurveSet {
  xs: number[];
  curves: { label: string; key: string; values: number[] }[];
}

export interface SamplerStats {
  points: number;
  fallbacks: number;
  nonUnique: number;
}

export class Sampler {
  readonly defaults: Params;
  readonly solver: SteadyStateSolver;
  readonly stats: SamplerStats = { points: 0, fallbacks: 0, nonUnique: 0 };

  constructor(readonly model: GeneratedModel) {
    this.defaults = Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
    this.solver = new SteadyStateSolver(model);
  }

  params(p: Params): Params {
    return { ...this.defaults, ...p };
  }

  state(p: Params): DensityMatrix {
    const q = this.params(p);
    this.stats.points++;
    if (this.solver.solve(q)) return this.solver.rho;
    const a = analyzeSteadyState(this.model, q, { L: this.solver.generator(q) });
    this.stats.fallbacks++;
    if (!a.unique) this.stats.nonUnique++;
    return a.rho;
  }

  analyze(p: Params): SteadyAnalysis {
    return analyzeSteadyState(this.model, this.params(p));
  }

  value(p: Params, obs: StateFunction): number {
    return obs(this.state(p), this.params(p));
  }

  line(values: number[], at: (v: number) => Params, obs: StateFunction): number[] {
    return values.map((v) => this.value(at(v), obs));
  }

  grid(xs: number[], ys: number[], at: (x: number, y: number) => Params, obs: StateFunction): MapData {
    const values = new Float64Array(xs.length * ys.length);
    const before = { ...this.stats };
    ys.forEach((y, iy) => xs.forEach((x, ix) => (values[iy * xs.length + ix] = this.value(at(x, y), obs))));
    return { xs, ys, values, fallbacks: this.stats.fallbacks - before.fallbacks, nonUnique: this.stats.nonUnique - before.nonUnique };
  }
}

export interface ArgMax {
  x: number;
  value: number;
}

/** Largest value on a line and where (ties: first). */
export function lineMax(xs: number[], ys: ArrayLike<number>): ArgMax & { index: number } {
  let index = 0;
  for (let k = 1; k < xs.length; k++) if (ys[k]! > ys[index]!) index = k;
  return { x: xs[index]!, value: ys[index]!, index };
}

/** Largest map value and where. */
export function mapMax(m: MapData): { x: number; y: number; value: number; ix: number; iy: number } {
  let best = 0;
  for (let k = 1; k < m.values.length; k++) if (m.values[k]! > m.values[best]!) best = k;
  const ix = best % m.xs.length;
  const iy = Math.floor(best / m.xs.length);
  return { x: m.xs[ix]!, y: m.ys[iy]!, value: m.values[best]!, ix, iy };
}

/**
 * The maximiser of f on [lo, hi] near a grid maximum: golden-section search between the neighbours of the
 * best grid point (the grid must resolve the peak; every curve of the report is smooth and unimodal there).
 */
export function argmaxLine(f: (x: number) => number, grid: number[], tol = 1e-4): ArgMax {
  const ys = grid.map(f);
  const { index } = lineMax(grid, ys);
  let a = grid[Math.max(0, index - 1)]!;
  let b = grid[Math.min(grid.length - 1, index + 1)]!;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  const best = { x, value: f(x) };
  // The end points of the grid are candidates too (a maximum on the boundary).
  return ys[index]! > best.value ? { x: grid[index]!, value: ys[index]! } : best;
}

/**
 * Maximum of f(x, y) in the box [x0, x1] × [y0, y1] starting from (x, y) with steps (hx, hy): compass search,
 * halving the steps when no neighbour improves, until they are below 1e-3 of the start steps.
 */
export function maximizeBox(
  f: (x: number, y: number) => number,
  box: { x: [number, number]; y: [number, number] },
  start: { x: number; y: number },
  steps: { hx: number; hy: number },
): { x: number; y: number; value: number } {
  let { x, y } = start;
  let best = f(x, y);
  let { hx, hy } = steps;
  const clampX = (v: number) => Math.min(box.x[1], Math.max(box.x[0], v));
  const clampY = (v: number) => Math.min(box.y[1], Math.max(box.y[0], v));
  while (hx > steps.hx * 1e-3 || hy > steps.hy * 1e-3) {
    let moved = false;
    for (const [dx, dy] of [[hx, 0], [-hx, 0], [0, hy], [0, -hy]] as const) {
      const nx = clampX(x + dx);
      const ny = clampY(y + dy);
      if (nx === x && ny === y) continue;
      const v = f(nx, ny);
      if (v > best) {
        best = v;
        x = nx;
        y = ny;
        moved = true;
        break;
      }
    }
    if (!moved) {
      hx /= 2;
      hy /= 2;
    }
  }
  return { x, y, value: best };
}

/** A model used by a computation: the model file (relative to the root) and the approximation. */
export interface ModelUse {
  file: string;
  approx: Approx;
  /** the principal-value (Lamb-shift) variant */
  lambShift?: boolean;
}

const LAMB = '.lamb-shift';

/** Shared state of one report run: models, samplers, memoised datasets. */
export class Study {
  private readonly samplers = new Map<string, Promise<Sampler>>();
  private readonly memos = new Map<string, { promise: Promise<unknown>; uses: Set<string> }>();
  private readonly uses = new AsyncLocalStorage<Set<string>>();

  constructor(readonly provider: ModelProvider, readonly grid: GridSpec, readonly log: (line: string) => void) {}

  /** Runs fn and reports the models it used (sorted), also when it fails (then attached to the error as `uses`). */
  async track<T>(fn: () => Promise<T>): Promise<{ value: T; uses: ModelUse[] }> {
    const set = new Set<string>();
    const list = () =>
      [...set].sort().map((k): ModelUse => {
        const variant = k.slice(k.lastIndexOf('|') + 1);
        const file = k.slice(0, k.lastIndexOf('|'));
        return variant.endsWith(LAMB) ? { file, approx: variant.slice(0, -LAMB.length) as Approx, lambShift: true } : { file, approx: variant as Approx };
      });
    try {
      const value = await this.uses.run(set, fn);
      return { value, uses: list() };
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { uses: list() });
    }
  }

  /** The sampler of a model file (relative to the root), e.g. "derivations/huangfu-jing/case-a.json"; lambShift: its principal-value variant. */
  sampler(modelFile: string, approx: Approx = 'nonsecular', lambShift = false): Promise<Sampler> {
    const key = `${modelFile}|${approx}${lambShift ? LAMB : ''}`;
    this.uses.getStore()?.add(key);
    let s = this.samplers.get(key);
    if (!s) {
      s = this.provider.get(modelFile, approx, lambShift).then((m) => new Sampler(m));
      this.samplers.set(key, s);
    }
    return s;
  }

  /** Computes a dataset once; later calls (from other figures or claims) get the same promise. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.memos.get(key);
    if (!entry) {
      const uses = new Set<string>();
      entry = { promise: this.uses.run(uses, compute), uses };
      this.memos.set(key, entry);
    }
    // The models behind the dataset count as used by whoever asks for it, now or later.
    const outer = this.uses.getStore();
    const { promise, uses } = entry;
    const merge = () => outer && uses.forEach((u) => outer.add(u));
    return promise.then(
      (v) => (merge(), v as T),
      (e) => {
        merge();
        throw e;
      },
    );
  }
}
