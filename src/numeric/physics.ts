// The physics check at every solved point (issue 13 item 2), on the generator the point already computed.
//
// In a Born–Markov generator the population-to-population entries L[ρ_mm ← ρ_kk] (m ≠ k) are transfer rates:
// Σ over baths and operator pairs of |⟨m|X|k⟩|²-weighted spectra times Planck factors (γ(N+1), γN, ½S(ω)). With
// non-negative temperatures, channels that lower the energy (Bohr frequency > 0) and non-negative, positive
// semidefinite spectra every one of them is ≥ 0; a negative temperature gives N(ω) < 0, a channel whose Bohr
// frequency is negative at the point gives N + 1 < 0, a negative spectrum a negative rate. So one scan of n(n − 1)
// numbers catches each of these at the point actually solved, and a generator that is not finite (overflowing
// rates or Planck numbers) is caught with it.
//
// Each bath must be physical on its own: a bath at a negative temperature can be masked in the total by a hotter
// one (Case A with T_a = −4, T_b = 60 has only positive total rates and populations 10.7, 7.3, 3.1, −20.1). So the
// causes are checked directly, bath by bath, by one straight-line function of the generated module, physics(p,
// out) (src/emit/code/module.ts physicsPlan): every temperature ≥ 0, every Bohr frequency > 0 (the sign the
// derivation gave it at the default parameters: a lowering channel, the branch of S(ω)), and each bath's spectrum
// matrix positive semidefinite at every Bohr frequency. With these, every transfer rate is a non-negative
// quadratic form of a spectrum matrix times N ≥ 0 or N + 1 ≥ 1, so no rate needs computing; the generator itself
// is only scanned for overflow (its n outflow rates). About 0.05 µs per point for Case A.
//
// Contract:
//  - new PhysicsCheck(model).problem(p, L), or physicsProblem(model, p, L) for one-off calls → the first
//    violation: a bath temperature < 0, a Bohr frequency ≤ 0, a spectrum matrix not positive semidefinite (1e−12
//    relative) at a Bohr frequency, a generator not finite or beyond MAX_RATE; or undefined.
//    Modules without physics() (bornmarkov ≤ 0.1) get the older check: negative
//    total rates, then each bath's rates through liouvillian(p, out, bath);
//  - negativeRate(L, n) → the most negative transfer rate below −RATE_TOLERANCE · (largest |population entry|),
//    as { to, from, rate }, or { rate: NaN } when an entry of L is not finite, or undefined;
//  - unphysicalReason(model, p, L) → undefined, or one sentence naming what is violated, the bath(s), the point
//    and the possible causes.
import type { GeneratedModel, Params } from './generatedModel.ts';
import { hermitianEigen } from './eigen.ts';

export const RATE_TOLERANCE = 1e-12;
/** Rates beyond this magnitude are out of the solver's range (its products of two entries overflow near 1e308). */
export const MAX_RATE = 1e100;

export interface RateProblem {
  /** 0-based eigenstates of the transfer from → to; absent when the generator is not finite */
  to?: number;
  from?: number;
  rate: number;
  /** the largest |rate|, when it is beyond MAX_RATE (rate is then NaN) */
  outOfRange?: number;
}

export function negativeRate(L: Float64Array, n: number): RateProblem | undefined {
  const N = n * n;
  let scale = 0;
  let worst = 0;
  let to = -1;
  let from = -1;
  for (let m = 0; m < n; m++) {
    const row = (m * n + m) * N;
    for (let k = 0; k < n; k++) {
      const x = L[row + k * n + k]!;
      // one pass: |x| ≤ scale fails for NaN and ±∞ alike, so finiteness costs no extra test in the usual case
      const a = x < 0 ? -x : x;
      if (!(a <= scale)) {
        if (!Number.isFinite(x)) return { rate: NaN };
        scale = a;
      }
      if (x < worst && k !== m) {
        worst = x;
        to = m;
        from = k;
      }
    }
  }
  if (scale > MAX_RATE) return { rate: NaN, outOfRange: scale };
  return worst < -RATE_TOLERANCE * scale ? { to, from, rate: worst } : undefined;
}

export interface BathProblem extends RateProblem {
  /** the bath, absent for a non-finite or negative total */
  bath?: string;
  /** a temperature below 0: its value (rate is NaN then) */
  temperature?: number;
  /** a Bohr frequency that is not > 0: its name and value (rate is NaN then) */
  bohr?: { frequency: string; value: number };
  /** a spectrum matrix that is not positive semidefinite: the Bohr frequency, the operators and the smallest eigenvalue */
  spectrum?: { frequency: string; operators: string[]; value: number };
}

/**
 * The check of one module, laid out once: what its physics(p, out) writes and a buffer for it. A sweep holds one
 * per model (no lookup, no allocation per point); physicsProblem keeps one per module for one-off calls.
 */
export class PhysicsCheck {
  private readonly values: Float64Array;
  private readonly frequencies: string[];
  /** per spectrum matrix in physics() order: its bath, operators, size, frequency and offset */
  private readonly blocks: { bath: string; operators: string[]; m: number; frequency: string; at: number }[] = [];
  /** the legacy check's work buffers: one bath's generator, and the rates the other baths leave */
  private readonly scratch: Float64Array;
  private readonly rest: Float64Array;

  constructor(private readonly model: GeneratedModel) {
    this.scratch = new Float64Array(2 * model.dimension ** 4);
    this.rest = new Float64Array(model.dimension ** 2);
    const layout = model.physicsLayout;
    this.frequencies = layout?.frequencies ?? [];
    let at = model.baths.length + this.frequencies.length;
    for (const s of layout?.spectra ?? []) {
      const m = s.operators.length;
      for (const frequency of this.frequencies) {
        this.blocks.push({ bath: s.bath, operators: s.operators, m, frequency, at });
        at += 2 * m * m;
      }
    }
    this.values = new Float64Array(at);
  }

  /**
   * The first physics violation at p, or undefined, in the order (from the module's physics(), one call) a bath
   * temperature below 0, a Bohr frequency not > 0, a spectrum matrix not positive semidefinite at a Bohr
   * frequency; then a generator that is not finite or out of range. Modules of bornmarkov ≤ 0.1 have no physics(): their
   * total rates, then each bath's rates through liouvillian(p, out, bath), are checked instead.
   * `outflows` (SteadyStateSolver.outflows, the n rates L[ρ_kk ← ρ_kk]) stand in for L where the solver computed
   * only blocks[0]; L is then read only by modules without physics(), which have no populationBlock either.
   */
  problem(p: Params, L: Float64Array, outflows?: Float64Array): BathProblem | undefined {
    const model = this.model;
    if (!model.physics || !model.physicsLayout)
      return negativeRate(L, model.dimension) ?? legacyBathProblem(model, p, L, this.scratch, this.rest);
    const v = this.values;
    model.physics(p, v);
    const baths = model.baths;
    const nb = baths.length;
    for (let b = 0; b < nb; b++) if (!(v[b]! >= 0)) return { rate: NaN, bath: baths[b], temperature: v[b] };
    const fs = this.frequencies;
    for (let f = 0; f < fs.length; f++) if (!(v[nb + f]! > 0)) return { rate: NaN, bohr: { frequency: fs[f]!, value: v[nb + f]! } };
    const blocks = this.blocks;
    for (let k = 0; k < blocks.length; k++) {
      const q = blocks[k]!;
      const value = smallestEigenvalue(v, q.at, q.m);
      if (value !== undefined) return { rate: NaN, bath: q.bath, spectrum: { frequency: q.frequency, operators: q.operators, value } };
    }
    // last, so that a cause found above (a Bohr frequency 0 makes a Planck number infinite) is named as such
    const n = model.dimension;
    return outflows ? outOfRange(outflows, n, 1) : outOfRange(L, n, (n + 1) * (n * n + 1));
  }
}

const CHECKS = new WeakMap<GeneratedModel, PhysicsCheck>();

/** PhysicsCheck.problem for one-off calls (solve, evolve, the reasons of a sweep's flagged points). */
export function physicsProblem(model: GeneratedModel, p: Params, L: Float64Array): BathProblem | undefined {
  let c = CHECKS.get(model);
  if (!c) CHECKS.set(model, (c = new PhysicsCheck(model)));
  return c.problem(p, L);
}

/**
 * A generator that is not finite or beyond MAX_RATE, from the n outflow rates L[ρ_kk ← ρ_kk] alone: each is minus
 * the sum of the rates out of k, so it is at least as large as any of them, and an infinite or NaN rate shows in it.
 */
function outOfRange(rates: Float64Array, n: number, stride: number): RateProblem | undefined {
  let scale = 0;
  for (let k = 0; k < n; k++) {
    const x = rates[k * stride]!;
    const a = x < 0 ? -x : x;
    if (!(a <= scale)) {
      if (!Number.isFinite(x)) return { rate: NaN };
      scale = a;
    }
  }
  return scale > MAX_RATE ? { rate: NaN, outOfRange: scale } : undefined;
}

/**
 * Whether the Hermitian m×m matrix at v[at…] (m² real parts, then m² imaginary parts) is positive semidefinite
 * to 1e−12 of its largest entry: undefined when it is, else its smallest eigenvalue (NaN for entries not finite).
 * m ≤ 2 in closed form (the usual one or two couplings per bath), larger ones through hermitianEigen.
 */
function smallestEigenvalue(v: Float64Array, at: number, m: number): number | undefined {
  if (m === 1) return v[at]! >= 0 ? undefined : v[at]!;
  if (m === 2) {
    const a = v[at]!,
      d = v[at + 3]!,
      br = v[at + 1]!,
      bi = v[at + 5]!;
    const mid = (a + d) / 2;
    const lo = mid - Math.hypot((a - d) / 2, br, bi);
    if (!Number.isFinite(lo)) return NaN;
    return lo >= -1e-12 * Math.max(Math.abs(a), Math.abs(d), Math.hypot(br, bi)) ? undefined : lo;
  }
  const M = { n: m, m, re: v.slice(at, at + m * m), im: v.slice(at + m * m, at + 2 * m * m) };
  for (let i = 0; i < 2 * m * m; i++) if (!Number.isFinite(v[at + i]!)) return NaN;
  const { values } = hermitianEigen(M);
  const scale = Math.max(...Array.from(values, Math.abs));
  return values[0]! >= -1e-12 * scale ? undefined : values[0]!;
}

/** The bath-by-bath rate check of modules without physics(): each bath but the last filled alone, the last by difference. */
function legacyBathProblem(
  model: GeneratedModel,
  p: Params,
  L: Float64Array,
  scratch: Float64Array,
  rest: Float64Array,
): BathProblem | undefined {
  const n = model.dimension;
  const baths = model.baths;
  if (baths.length < 2) return undefined;
  const N = n * n;
  let scale = 0;
  for (let m = 0; m < n; m++)
    for (let k = 0; k < n; k++) {
      const x = (rest[m * n + k] = L[(m * n + m) * N + k * n + k]!);
      if (Math.abs(x) > scale) scale = Math.abs(x);
    }
  const floor = -RATE_TOLERANCE * scale;
  for (let b = 0; b < baths.length - 1; b++) {
    model.liouvillian(p, scratch, baths[b]);
    for (let m = 0; m < n; m++) {
      const row = (m * n + m) * N;
      for (let k = 0; k < n; k++) {
        const r = scratch[row + k * n + k]!;
        rest[m * n + k] = rest[m * n + k]! - r;
        if (k !== m && !(r >= floor)) return Number.isNaN(r) ? { rate: NaN, bath: baths[b] } : { to: m, from: k, rate: r, bath: baths[b] };
      }
    }
  }
  for (let m = 0; m < n; m++) {
    for (let k = 0; k < n; k++) {
      const r = rest[m * n + k]!;
      if (k !== m && r < floor) return { to: m, from: k, rate: r, bath: baths[baths.length - 1] };
    }
  }
  return undefined;
}

const shownParams = (p: Params): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export function unphysicalReason(model: GeneratedModel, p: Params, L: Float64Array): string | undefined {
  const n = model.dimension;
  const problem = physicsProblem(model, p, L);
  if (!problem) return undefined;
  if (problem.outOfRange !== undefined) {
    return `the generator's rates reach ${problem.outOfRange.toExponential(2)} at ${shownParams(p)}, out of the range the solvers handle (at most ${MAX_RATE}): choose a unit that brings the rates and energies nearer 1`;
  }
  if (problem.temperature !== undefined) {
    return `the temperature of bath ${problem.bath} is ${problem.temperature} < 0 at ${shownParams(p)}: the Born-Markov generator is unphysical at this point`;
  }
  if (problem.bohr) {
    return `the Bohr frequency ${problem.bohr.frequency} is ${problem.bohr.value} at ${shownParams(p)}, not > 0: the derivation took it positive at the default parameters, so its generator does not hold at this point (at 0 two levels are degenerate, below 0 they have crossed)`;
  }
  if (problem.spectrum) {
    const { frequency, operators, value } = problem.spectrum;
    return operators.length === 1
      ? `the spectrum of bath ${problem.bath} (${operators[0]}) is ${value.toPrecision(3)} < 0 at the Bohr frequency ${frequency} at ${shownParams(p)}: a spectrum is a rate and must be >= 0 (or the Bohr frequency is not positive there)`
      : `the spectral matrix of bath ${problem.bath} (${operators.join(', ')}) is not positive semidefinite at the Bohr frequency ${frequency} at ${shownParams(p)}: smallest eigenvalue ${value.toPrecision(3)}; a cross spectrum must satisfy |J_kl|^2 <= J_kk J_ll`;
  }
  if (Number.isNaN(problem.rate)) {
    return `the generator is not finite at ${shownParams(p)}: a rate or a Planck number overflows (parameters out of the range doubles can represent)`;
  }
  const { to, from, rate } = problem as Required<RateProblem>;
  const baths: string[] = [];
  const one = new Float64Array(L.length);
  for (const b of model.baths) {
    model.liouvillian(p, one, b);
    const r = one[(to * n + to) * n * n + from * n + from]!;
    if (r < 0) baths.push(`${b} (${r.toPrecision(3)})`);
  }
  return (
    `the transfer rate ${model.basis[from]} -> ${model.basis[to]} is ${rate.toPrecision(3)} < 0 at ${shownParams(p)}` +
    `${problem.bath && model.baths.length > 1 ? ` in the dissipator of bath ${problem.bath} alone` : ''}` +
    `${baths.length ? `, from bath ${baths.join(', bath ')}` : ''}: a temperature below 0, a channel whose Bohr frequency is not positive there, ` +
    'or a negative spectrum; the Born-Markov generator is unphysical at this point'
  );
}
