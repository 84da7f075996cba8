// Steady-state sweeps over a parameter table (grid.ts), on every core.
//
// Contract:
//  - importGeneratedModel(ref): imports a module by URL; its default export is a GeneratedModel, or a
//    factory (args) => GeneratedModel | Promise<GeneratedModel> called with ref.args (test adapters use this).
//  - PointEvaluator: per-point work shared by the workers and the in-process path: the fast block solve
//    (steady.ts), with the rank-revealing analysis as fallback when the block system is singular, then the
//    observables. Buffers are allocated once.
//  - runSweepPoints(job): splits the points into chunks and hands them to a pool of worker_threads
//    (sweepWorker.ts; each worker imports the generated module itself), or runs in-process for threads = 1.
//    Result: points × observables values, row-major, plus counts of fallback and non-unique points.
// A progress callback receives (done, total) after each chunk; drawing a bar is the CLI's business.

import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { GeneratedModel, Params } from './generatedModel.ts';
import { SteadyStateSolver, analyzeSteadyState } from './steady.ts';
import { ObservableSet } from './observables.ts';
import { PhysicsCheck } from './physics.ts';

export interface ModuleRef {
  /** file: URL of the module */
  url: string;
  /** passed to a factory default export */
  args?: unknown;
}

export async function importGeneratedModel(ref: ModuleRef): Promise<GeneratedModel> {
  const mod = await import(ref.url);
  const d = mod.default;
  const model = typeof d === 'function' ? await d(ref.args) : d;
  if (!model || typeof model.liouvillian !== 'function' || !Array.isArray(model.blocks)) {
    throw new Error(`${ref.url} does not export a GeneratedModel (default export)`);
  }
  return model as GeneratedModel;
}

/** Default parameters of a model, as a Params object. */
export function defaultParams(model: GeneratedModel): Params {
  return Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));
}

export class PointEvaluator {
  readonly solver: SteadyStateSolver;
  readonly observables: ObservableSet;
  private readonly p: Params;
  /** points that needed the rank-revealing analysis, and those of them with nullity ≠ 1 */
  fallbackPoints = 0;
  nonUniquePoints = 0;
  /** points where the generator is unphysical (flag 3; their observables are NaN) */
  unphysicalPoints = 0;
  private readonly physics: PhysicsCheck;

  constructor(
    readonly model: GeneratedModel,
    readonly names: string[],
    observables: string[],
  ) {
    this.p = defaultParams(model);
    this.physics = new PhysicsCheck(model);
    this.solver = new SteadyStateSolver(model);
    this.observables = new ObservableSet(model, observables, this.p);
  }

  /** Evaluates `count` points whose parameters are rows of `values` (row-major, names.length columns). */
  run(values: Float64Array, out: Float64Array, flags?: Uint8Array): void {
    const k = this.names.length;
    const nObs = this.observables.size;
    const count = values.length / k;
    const p = this.p;
    for (let pt = 0; pt < count; pt++) {
      for (let i = 0; i < k; i++) p[this.names[i]!] = values[pt * k + i]!;
      let rho = this.solver.rho;
      let flag = 0;
      // the physics check at this point (physics.ts): an unphysical generator gives NaN and flag 3, never a number
      this.solver.fill(p);
      if (this.physics.problem(p, this.solver.L, this.solver.outflows)) {
        this.unphysicalPoints++;
        if (flags) flags[pt] = 3;
        out.fill(NaN, pt * nObs, pt * nObs + nObs);
        continue;
      }
      if (!this.solver.solveFilled()) {
        // Singular block system: let the rank-revealing analysis decide (and pick the state reached from the
        // maximally mixed one when the steady state is not unique).
        const a = analyzeSteadyState(this.model, p, { L: this.solver.generator(p) });
        rho = a.rho;
        this.fallbackPoints++;
        flag = 1;
        if (!a.unique) {
          this.nonUniquePoints++;
          flag = 2;
        }
      }
      if (flags) flags[pt] = flag;
      this.observables.evaluate(p, rho, out, pt * nObs);
    }
  }
}

export interface SweepJob {
  module: ModuleRef;
  /** parameter names (all of the model's), and points × names.length values */
  names: string[];
  values: Float64Array;
  observables: string[];
  /** worker count; 1 runs in-process; 'auto' (the default): workers only where they pay (threadsWorthStarting) */
  threads?: number | 'auto';
  /** points per chunk handed to a worker */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** an already imported model for the in-process path (saves importing it again) */
  model?: GeneratedModel;
}

export interface SweepResult {
  /** points × observables, row-major */
  values: Float64Array;
  /** per point: 0 fast path, 1 analysed (unique), 2 analysed and not unique, 3 unphysical generator (values NaN) */
  flags: Uint8Array;
  fallbackPoints: number;
  nonUniquePoints: number;
  threads: number;
  /** wall time, and time spent computing inside the workers (summed over workers) */
  wallMs: number;
  computeMs: number;
}

export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Bootstrap code for a worker: from the sources, register tsx's ESM loader, then import the .ts worker module;
 * compiled, import the .js worker module directly. (With Node 20,
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module, so the hook is registered here.)
 * The loader is located from this package, so workers find it whatever the current directory is.
 */
function workerBootstrap(entry: URL): string {
  // compiled (dist/*.js): plain node runs the worker; from sources (src/*.ts): through tsx
  if (entry.pathname.endsWith('.js')) return `import(${JSON.stringify(entry.href)});`;
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/**
 * A pool of started workers that all hold the same module, parameter names and observables, so that repeated
 * sweeps (benchmarks, interactive use) pay the start-up once. run() hands out chunks dynamically.
 */
export class SweepPool {
  private readonly workers: Worker[] = [];
  private readonly ready: Promise<void>;
  private handler: ((w: Worker, msg: any) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  private closed = false;

  constructor(
    readonly module: ModuleRef,
    readonly names: string[],
    readonly observables: string[],
    readonly threads: number,
  ) {
    const bootstrap = workerBootstrap(new URL(import.meta.url.endsWith('.js') ? './sweepWorker.js' : './sweepWorker.ts', import.meta.url));
    let started = 0;
    this.ready = new Promise<void>((resolve, reject) => {
      for (let i = 0; i < threads; i++) {
        const w = new Worker(bootstrap, { eval: true, workerData: { module, names, observables } });
        this.workers.push(w);
        w.on('message', (msg: any) => {
          if (msg.type === 'ready') {
            if (++started === threads) resolve();
          } else if (msg.type === 'error') {
            const e = new Error(`sweep worker: ${msg.message}`);
            reject(e);
            this.failure?.(e);
          } else this.handler?.(w, msg);
        });
        w.on('error', (e) => {
          reject(e);
          this.failure?.(e);
        });
        w.on('exit', (code) => {
          if (this.closed) return;
          const e = new Error(`sweep worker exited with code ${code}`);
          reject(e);
          this.failure?.(e);
        });
      }
    });
  }

  /** Resolves once every worker has imported the module. */
  started(): Promise<void> {
    return this.ready;
  }

  async run(
    values: Float64Array,
    options: { chunkSize?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SweepResult> {
    const t0 = performance.now();
    await this.ready;
    const k = this.names.length;
    const points = k === 0 ? 0 : values.length / k;
    const nObs = this.observables.length;
    const out = new Float64Array(points * nObs);
    const flags = new Uint8Array(points);
    // Chunks small enough to balance the load and show progress, large enough that messaging is negligible.
    const chunk = options.chunkSize ?? Math.max(64, Math.min(4096, Math.ceil(points / (this.threads * 8))));
    const chunks: [number, number][] = [];
    for (let start = 0; start < points; start += chunk) chunks.push([start, Math.min(points, start + chunk)]);
    let nextChunk = 0;
    let done = 0;
    let fallbackPoints = 0;
    let nonUniquePoints = 0;
    let computeMs = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let idle = 0;
        this.failure = reject;
        const feed = (w: Worker) => {
          if (nextChunk >= chunks.length) {
            if (++idle === this.workers.length) resolve();
            return;
          }
          const id = nextChunk++;
          const [s, e] = chunks[id]!;
          w.postMessage({ type: 'chunk', id, values: values.slice(s * k, e * k) });
        };
        this.handler = (w, msg) => {
          if (msg.type !== 'result') return;
          const [s, e] = chunks[msg.id]!;
          out.set(msg.values, s * nObs);
          flags.set(msg.flags, s);
          fallbackPoints += msg.fallback;
          nonUniquePoints += msg.nonUnique;
          computeMs += msg.ms;
          done += e - s;
          options.onProgress?.(done, points);
          feed(w);
        };
        for (const w of this.workers) feed(w);
      });
    } finally {
      this.handler = null;
      this.failure = null;
    }
    return { values: out, flags, fallbackPoints, nonUniquePoints, threads: this.threads, wallMs: performance.now() - t0, computeMs };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Measured here: a worker takes 0.3–0.6 s to start (it imports the module itself), and on this 2-vCPU machine
 * two workers give no speed-up over one thread (each runs at about half speed). So workers are used only when
 * the remaining work, estimated from a first in-process chunk, exceeds several start-ups, and only with at
 * least 3 cores.
 */
export const WORKER_STARTUP_MS = 500;
export const MIN_CORES_FOR_WORKERS = 3;
const CALIBRATION_POINTS = 256;

/** Threads worth starting for `remainingMs` of single-thread work on `cores` cores (1: stay in-process). */
export function threadsWorthStarting(remainingMs: number, cores: number): number {
  if (cores < MIN_CORES_FOR_WORKERS || remainingMs < 4 * WORKER_STARTUP_MS) return 1;
  return Math.max(1, Math.min(cores, Math.floor(remainingMs / (2 * WORKER_STARTUP_MS))));
}

export async function runSweepPoints(job: SweepJob): Promise<SweepResult> {
  const t0 = performance.now();
  const k = job.names.length;
  const points = k === 0 ? 0 : job.values.length / k;
  const nObs = job.observables.length;
  const auto = job.threads === undefined || job.threads === 'auto';
  let threads = auto ? 1 : Math.max(1, Math.min(job.threads as number, Math.max(1, points)));
  const out = new Float64Array(points * nObs);
  const flags = new Uint8Array(points);
  let done = 0;
  let ev: PointEvaluator | undefined;
  const c0 = performance.now();
  const inProcess = async (end: number) => {
    ev ??= new PointEvaluator(job.model ?? (await importGeneratedModel(job.module)), job.names, job.observables);
    const chunk = job.chunkSize ?? 2000;
    for (let start = done; start < end; start += chunk) {
      const stop = Math.min(end, start + chunk);
      ev.run(job.values.subarray(start * k, stop * k), out.subarray(start * nObs, stop * nObs), flags.subarray(start, stop));
      job.onProgress?.(stop, points);
    }
    done = end;
  };
  if (auto) {
    // calibrate on the first points, then decide whether workers would pay for their start-up
    const first = Math.min(points, CALIBRATION_POINTS);
    const tc = performance.now();
    await inProcess(first);
    const perPoint = first > 0 ? (performance.now() - tc) / first : 0;
    threads = Math.min(threadsWorthStarting(perPoint * (points - first), defaultThreads()), Math.max(1, points - first));
  }
  if (threads === 1) {
    await inProcess(points);
    const c1 = performance.now();
    return {
      values: out,
      flags,
      fallbackPoints: ev?.fallbackPoints ?? 0,
      nonUniquePoints: ev?.nonUniquePoints ?? 0,
      threads: 1,
      wallMs: c1 - t0,
      computeMs: c1 - c0,
    };
  }
  const pool = new SweepPool(job.module, job.names, job.observables, threads);
  try {
    const offset = done;
    const r = await pool.run(job.values.subarray(offset * k), {
      chunkSize: job.chunkSize,
      onProgress: job.onProgress && ((d) => job.onProgress!(offset + d, points)),
    });
    out.set(r.values, offset * nObs);
    flags.set(r.flags, offset);
    return {
      values: out,
      flags,
      fallbackPoints: r.fallbackPoints + (ev?.fallbackPoints ?? 0),
      nonUniquePoints: r.nonUniquePoints + (ev?.nonUniquePoints ?? 0),
      threads,
      wallMs: performance.now() - t0,
      computeMs: r.computeMs,
    };
  } finally {
    await pool.close();
  }
}
