// Time evolution d vec(ρ)/dt = L vec(ρ) for a constant generator L (split re/im, n²×n², as in generatedModel.ts).
//
// Contract:
//  - dopri5(f, y0, times, options): a general Dormand–Prince 5(4) integrator for real systems y' = f(t, y) with
//    embedded error control (Hairer–Nørsett–Wanner's norm and PI step-size controller), FSAL, and steps cut
//    to land exactly on each requested output time. Returns the states at `times` (ascending, times[0] = t0).
//  - expmPropagator(L, N, dt): e^{L dt} by scaling and squaring of a Taylor series (exact propagation; the
//    choice for stiff generators, e.g. very hot baths, where an explicit integrator needs tiny steps).
//  - evolveDensity(L, rho0, times, options): ρ(t) at every requested time, by either method.
// Stepping allocates only per call, never per step.

import type { DensityMatrix } from './steady.ts';

export interface IntegratorOptions {
  rtol?: number;
  atol?: number;
  /** first step size (default: Hairer's estimate) */
  h0?: number;
  /** largest step size */
  hMax?: number;
  /** give up after this many accepted + rejected steps */
  maxSteps?: number;
}

export interface IntegratorStats {
  accepted: number;
  rejected: number;
  evaluations: number;
}

export class IntegrationError extends Error {}

// Dormand–Prince 5(4) tableau.
const C2 = 1 / 5,
  C3 = 3 / 10,
  C4 = 4 / 5,
  C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40,
  A32 = 9 / 40;
const A41 = 44 / 45,
  A42 = -56 / 15,
  A43 = 32 / 9;
const A51 = 19372 / 6561,
  A52 = -25360 / 2187,
  A53 = 64448 / 6561,
  A54 = -212 / 729;
const A61 = 9017 / 3168,
  A62 = -355 / 33,
  A63 = 46732 / 5247,
  A64 = 49 / 176,
  A65 = -5103 / 18656;
const A71 = 35 / 384,
  A73 = 500 / 1113,
  A74 = 125 / 192,
  A75 = -2187 / 6784,
  A76 = 11 / 84;
// error coefficients: 5th-order weights minus the embedded 4th-order ones
const E1 = 71 / 57600,
  E3 = -71 / 16695,
  E4 = 71 / 1920,
  E5 = -17253 / 339200,
  E6 = 22 / 525,
  E7 = -1 / 40;

export type RHS = (t: number, y: Float64Array, dy: Float64Array) => void;

/**
 * Integrates y' = f(t, y) from times[0] and returns y at each time (a fresh array per output time).
 * onOutput, when given, is called instead of storing (and the return value is empty).
 */
export function dopri5(
  f: RHS,
  y0: Float64Array,
  times: ArrayLike<number>,
  options: IntegratorOptions = {},
  onOutput?: (k: number, t: number, y: Float64Array) => void,
): { states: Float64Array[]; stats: IntegratorStats } {
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 1e-12;
  const maxSteps = options.maxSteps ?? 1e7;
  const hMax = options.hMax ?? Infinity;
  const dim = y0.length;
  const stats: IntegratorStats = { accepted: 0, rejected: 0, evaluations: 0 };
  const states: Float64Array[] = [];
  for (let k = 1; k < times.length; k++) {
    if (!(times[k]! >= times[k - 1]!)) throw new IntegrationError('output times must be ascending');
  }
  const emit = (k: number, t: number, y: Float64Array) => (onOutput ? onOutput(k, t, y) : states.push(Float64Array.from(y)));
  if (times.length === 0) return { states, stats };

  let y = Float64Array.from(y0);
  let yNew = new Float64Array(dim);
  const k1 = new Float64Array(dim),
    k2 = new Float64Array(dim),
    k3 = new Float64Array(dim);
  const k4 = new Float64Array(dim),
    k5 = new Float64Array(dim),
    k6 = new Float64Array(dim);
  let k7 = new Float64Array(dim);
  let kFirst = k1;
  const tmp = new Float64Array(dim);
  const ev = (t: number, x: Float64Array, out: Float64Array) => {
    f(t, x, out);
    stats.evaluations++;
  };

  let t = times[0]!;
  emit(0, t, y);
  const tEnd = times[times.length - 1]!;
  if (tEnd === t) {
    for (let k = 1; k < times.length; k++) emit(k, t, y);
    return { states, stats };
  }
  ev(t, y, kFirst);

  const norm = (e: Float64Array, a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < dim; i++) {
      const sc = atol + rtol * Math.max(Math.abs(a[i]!), Math.abs(b[i]!));
      const r = e[i]! / sc;
      s += r * r;
    }
    return Math.sqrt(s / dim);
  };

  // Initial step (Hairer, Nørsett, Wanner I, II.4): from the sizes of y and f(y) and one Euler trial step.
  let h = options.h0 ?? 0;
  if (!(h > 0)) {
    const d0 = norm(y, y, y);
    const d1 = norm(kFirst, y, y);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    h0 = Math.min(h0, tEnd - t);
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + h0 * kFirst[i]!;
    ev(t + h0, tmp, k2);
    for (let i = 0; i < dim; i++) k3[i] = k2[i]! - kFirst[i]!;
    const d2 = norm(k3, y, y) / h0;
    const big = Math.max(d1, d2);
    const h1 = big <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / big, 1 / 5);
    h = Math.min(100 * h0, h1, tEnd - t);
  }
  h = Math.min(h, hMax);

  let errOld = 1e-4;
  let next = 1;
  while (times[next] === t && next < times.length) emit(next++, t, y);
  let steps = 0;
  while (next < times.length) {
    if (++steps > maxSteps)
      throw new IntegrationError(`no convergence within ${maxSteps} steps at t = ${t} (stiff generator? try the expm method)`);
    const target = times[next]!;
    // Cut the step to hit the next output time; the controller keeps its own proposal h.
    const hs = Math.min(h, target - t);
    const landing = hs === target - t;
    const a = kFirst;
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + hs * A21 * a[i]!;
    ev(t + C2 * hs, tmp, k2);
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + hs * (A31 * a[i]! + A32 * k2[i]!);
    ev(t + C3 * hs, tmp, k3);
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + hs * (A41 * a[i]! + A42 * k2[i]! + A43 * k3[i]!);
    ev(t + C4 * hs, tmp, k4);
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + hs * (A51 * a[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
    ev(t + C5 * hs, tmp, k5);
    for (let i = 0; i < dim; i++) tmp[i] = y[i]! + hs * (A61 * a[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
    ev(t + hs, tmp, k6);
    for (let i = 0; i < dim; i++) yNew[i] = y[i]! + hs * (A71 * a[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
    ev(t + hs, yNew, k7);
    for (let i = 0; i < dim; i++) {
      tmp[i] = hs * (E1 * a[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
    }
    const err = norm(tmp, y, yNew);
    if (!Number.isFinite(err)) {
      // say which: the state itself, or only the error estimate (tolerances too small for doubles)
      const finite = yNew.every((x) => Number.isFinite(x));
      throw new IntegrationError(
        finite
          ? `the error estimate is not finite at t = ${t} (atol ${atol}, rtol ${rtol}: too small for double precision?)`
          : `the solution is not finite at t = ${t} (the generator or the initial state overflows)`,
      );
    }
    if (err <= 1) {
      stats.accepted++;
      t = landing ? target : t + hs;
      [y, yNew] = [yNew, y];
      [kFirst, k7] = [k7, kFirst]; // FSAL: the last stage is f at the new point
      // PI controller (β = 0.04, as in DOPRI5).
      const fac = Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.17) * Math.pow(errOld, 0.04)));
      errOld = Math.max(err, 1e-4);
      // A step shortened to land on an output says nothing about the natural step size.
      if (!landing || hs === h) h = Math.min(hMax, h * (err === 0 ? 5 : fac));
      while (next < times.length && times[next]! <= t) emit(next++, t, y);
    } else {
      stats.rejected++;
      h = hs * Math.max(0.2, 0.9 * Math.pow(err, -0.2));
    }
  }
  return { states, stats };
}

/** out = M x for the complex N×N matrix M (split, as in the Liouvillian layout) and x = [re(N), im(N)]. */
export function complexMatVec(M: Float64Array, N: number, x: Float64Array, out: Float64Array): void {
  const off = N * N;
  for (let i = 0; i < N; i++) {
    let sr = 0;
    let si = 0;
    const row = i * N;
    for (let j = 0; j < N; j++) {
      const mr = M[row + j]!;
      const mi = M[off + row + j]!;
      if (mr === 0 && mi === 0) continue;
      const xr = x[j]!;
      const xi = x[N + j]!;
      sr += mr * xr - mi * xi;
      si += mr * xi + mi * xr;
    }
    out[i] = sr;
    out[N + i] = si;
  }
}

function complexMatMul(A: Float64Array, B: Float64Array, N: number, C: Float64Array): void {
  const off = N * N;
  C.fill(0);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      const ar = A[i * N + k]!;
      const ai = A[off + i * N + k]!;
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < N; j++) {
        const br = B[k * N + j]!;
        const bi = B[off + k * N + j]!;
        C[i * N + j] += ar * br - ai * bi;
        C[off + i * N + j] += ar * bi + ai * br;
      }
    }
  }
}

/**
 * e^{L dt} (split layout) by scaling and squaring: ‖L dt‖₁ / 2^s ≤ 1/2, then the Taylor series summed
 * until its terms fall below roundoff, then s squarings.
 */
export function expmPropagator(L: Float64Array, N: number, dt: number): Float64Array {
  const off = N * N;
  let norm1 = 0;
  for (let j = 0; j < N; j++) {
    let s = 0;
    for (let i = 0; i < N; i++) s += Math.hypot(L[i * N + j]!, L[off + i * N + j]!);
    norm1 = Math.max(norm1, s);
  }
  norm1 *= Math.abs(dt);
  if (!Number.isFinite(norm1)) throw new IntegrationError('the generator is not finite');
  const s = norm1 > 0.5 ? Math.ceil(Math.log2(norm1 / 0.5)) : 0;
  const scale = dt / 2 ** s;
  const A = new Float64Array(2 * off);
  for (let k = 0; k < 2 * off; k++) A[k] = L[k]! * scale;
  let E = new Float64Array(2 * off);
  let term = new Float64Array(2 * off);
  let work = new Float64Array(2 * off);
  for (let i = 0; i < N; i++) E[i * N + i] = term[i * N + i] = 1;
  for (let k = 1; k <= 30; k++) {
    complexMatMul(term, A, N, work);
    let big = 0;
    for (let q = 0; q < 2 * off; q++) {
      work[q] /= k;
      E[q] += work[q]!;
      big = Math.max(big, Math.abs(work[q]!));
    }
    [term, work] = [work, term];
    if (big < 1e-18) break;
  }
  for (let k = 0; k < s; k++) {
    complexMatMul(E, E, N, work);
    [E, work] = [work, E];
  }
  return E;
}

export interface EvolveOptions extends IntegratorOptions {
  method?: 'dopri5' | 'expm';
}

export interface Trajectory {
  times: Float64Array;
  /** ρ(t_k) for each output time */
  states: DensityMatrix[];
  method: 'dopri5' | 'expm';
  stats?: IntegratorStats;
  /** expm only: the largest relative change of Tr ρ over one step, undone by renormalising to the initial trace */
  traceDrift?: number;
}

/** ρ(t) at the given ascending times, starting from rho0 at times[0], under the generator L (split, n²×n²). */
export function evolveDensity(L: Float64Array, rho0: DensityMatrix, times: ArrayLike<number>, options: EvolveOptions = {}): Trajectory {
  const n = rho0.n;
  const N = n * n;
  if (L.length !== 2 * N * N) throw new RangeError(`generator has length ${L.length}, expected ${2 * N * N}`);
  const y0 = new Float64Array(2 * N);
  y0.set(rho0.re, 0);
  y0.set(rho0.im, N);
  const toRho = (y: Float64Array): DensityMatrix => ({ n, re: y.slice(0, N), im: y.slice(N, 2 * N) });
  const method = options.method ?? 'dopri5';
  const ts = Float64Array.from(times);
  if (method === 'expm') {
    const states: DensityMatrix[] = [];
    let y = y0;
    let E: Float64Array | null = null;
    let Edt = NaN;
    // e^{LΔt} keeps the trace exactly, its rounding does not: over many long steps the trace drifts (−2.6e−3 at
    // t = 1e12 for Case A). Each step is renormalised to the initial trace and the largest drift is reported.
    const trace = (v: Float64Array): number => {
      let t = 0;
      for (let a = 0; a < n; a++) t += v[a * n + a]!;
      return t;
    };
    const tr0 = trace(y0);
    let traceDrift = 0;
    for (let k = 0; k < ts.length; k++) {
      if (k > 0) {
        const dt = ts[k]! - ts[k - 1]!;
        if (!(dt >= 0)) throw new IntegrationError('output times must be ascending');
        // Uniform grids reuse one propagator; relative mismatch below 1e-12 counts as uniform.
        if (E === null || Math.abs(dt - Edt) > 1e-12 * Math.max(Math.abs(dt), 1e-300)) {
          E = expmPropagator(L, N, dt);
          Edt = dt;
        }
        const z = new Float64Array(2 * N);
        complexMatVec(E, N, y, z);
        const t = trace(z);
        if (tr0 !== 0 && Number.isFinite(t) && t !== 0) {
          traceDrift = Math.max(traceDrift, Math.abs(t / tr0 - 1));
          const s = tr0 / t;
          for (let i = 0; i < 2 * N; i++) z[i] = z[i]! * s;
        }
        y = z;
      }
      states.push(toRho(y));
    }
    return { times: ts, states, method, traceDrift };
  }
  const f: RHS = (_t, y, dy) => complexMatVec(L, N, y, dy);
  const { states, stats } = dopri5(f, y0, ts, options);
  return { times: ts, states: states.map(toRho), method, stats };
}
