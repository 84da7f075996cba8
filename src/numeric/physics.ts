// The physics check at every solved point (issue 13 item 2), on the generator the point already computed.
//
// In a Born–Markov generator the population-to-population entries L[ρ_mm ← ρ_kk] (m ≠ k) are transfer rates:
// Σ over baths and operator pairs of |⟨m|X|k⟩|²-weighted spectra times Planck factors (γ(N+1), γN, ½S(ω)). With
// non-negative temperatures, channels that lower the energy (Bohr frequency > 0) and non-negative, positive
// semidefinite spectra every one of them is ≥ 0; a negative temperature gives N(ω) < 0, a channel whose Bohr
// frequency is negative at the point gives N + 1 < 0, a negative spectrum a negative rate. So one scan of n(n − 1)
// numbers (a few nanoseconds, against the microseconds of a solve) catches each of these at the point actually
// solved, and a generator that is not finite (overflowing rates or Planck numbers) is caught with it.
//
// Each bath must be physical on its own: a bath at a negative temperature can be masked in the total by a hotter
// one (Case A with T_a = −4, T_b = 60 has only positive total rates and populations 10.7, 7.3, 3.1, −20.1), so the
// rates are checked bath by bath. The unitary part has no population-to-population entries, so the total is the
// sum of the dissipators and the last bath's rates are the total minus the others': nb − 1 extra fills per point.
//
// Contract:
//  - bathRateProblem(model, p, L, scratch) → the first bath with a negative transfer rate (or a non-finite total),
//    or undefined; `scratch` is a generator-sized buffer;
//  - negativeRate(L, n) → the most negative transfer rate below −RATE_TOLERANCE · (largest |population entry|),
//    as { to, from, rate }, or { rate: NaN } when an entry of L is not finite, or undefined;
//  - unphysicalReason(model, p, L) → undefined, or one sentence naming the rate, the bath(s) it comes from
//    (each bath's dissipator alone, computed only here) and the possible causes.
// Not caught: a spectrum matrix that is not positive semidefinite while every rate it enters stays ≥ 0 (the
// loader checks positive semidefiniteness at the default parameters).
import type { GeneratedModel, Params } from './generatedModel.ts';

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
  for (let m = 0; m < n; m++) {
    const row = (m * n + m) * N;
    for (let k = 0; k < n; k++) {
      const x = L[row + k * n + k]!;
      if (!Number.isFinite(x)) return { rate: NaN };
      const a = Math.abs(x);
      if (a > scale) scale = a;
    }
  }
  if (scale > MAX_RATE) return { rate: NaN, outOfRange: scale };
  const floor = -RATE_TOLERANCE * scale;
  let worst: RateProblem | undefined;
  for (let m = 0; m < n; m++) {
    const row = (m * n + m) * N;
    for (let k = 0; k < n; k++) {
      if (k === m) continue;
      const r = L[row + k * n + k]!;
      if (r < floor && (!worst || r < worst.rate)) worst = { to: m, from: k, rate: r };
    }
  }
  return worst;
}

/** Per-dimension work buffers of bathRateProblem (it runs at every point of a sweep: no allocation there). */
const RATE_BUFFERS = new Map<number, Float64Array>();

export interface BathProblem extends RateProblem {
  /** the bath, absent for a non-finite or negative total */
  bath?: string;
}

export function bathRateProblem(model: GeneratedModel, p: Params, L: Float64Array, scratch: Float64Array): BathProblem | undefined {
  const n = model.dimension;
  const total = negativeRate(L, n);
  if (total) return total;
  const baths = model.baths;
  if (baths.length < 2) return undefined;
  const N = n * n;
  let rest = RATE_BUFFERS.get(n);
  if (!rest) RATE_BUFFERS.set(n, (rest = new Float64Array(N)));
  // the total's population entries, and the floor below which a rate counts as negative (negativeRate's scale)
  let scale = 0;
  for (let m = 0; m < n; m++) {
    const row = (m * n + m) * N;
    for (let k = 0; k < n; k++) {
      const x = L[row + k * n + k]!;
      rest[m * n + k] = x;
      const a = x < 0 ? -x : x;
      if (a > scale) scale = a;
    }
  }
  const floor = -RATE_TOLERANCE * scale;
  for (let b = 0; b < baths.length - 1; b++) {
    model.liouvillian(p, scratch, baths[b]);
    for (let m = 0; m < n; m++) {
      const row = (m * n + m) * N;
      for (let k = 0; k < n; k++) {
        const r = scratch[row + k * n + k]!;
        rest[m * n + k] = rest[m * n + k]! - r;
        // !(r >= floor) also catches NaN
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
  const problem = bathRateProblem(model, p, L, new Float64Array(L.length));
  if (!problem) return undefined;
  if (problem.outOfRange !== undefined) {
    return `the generator's rates reach ${problem.outOfRange.toExponential(2)} at ${shownParams(p)}, out of the range the solvers handle (at most ${MAX_RATE}): choose a unit that brings the rates and energies nearer 1`;
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
