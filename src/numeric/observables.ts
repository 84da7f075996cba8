// Observables of a density matrix ρ in the model's eigenbasis (n×n row-major, split re/im):
//   |ρ_ij|, Re ρ_ij, Im ρ_ij; the l1-norm of coherence Σ_{i≠j} |ρ_ij|;
//   the heat current from bath α, J_α = Tr[H_S D_α(ρ)] (H_S = diag(λ) here, D_α from liouvillian(p, ·, α));
//   the coherent flux into site k, −i⟨[σ_k^z, H_S]⟩ (seed 000 Eq. 13 for k = 1: J_{1−2});
//   the smallest eigenvalue of ρ (positivity); the entropy production σ = −Σ_α J_α/T_α and the smallest
//   eigenvalue of the generator's rate matrix (`gkls`, ≥ 0 for a GKLS generator; src/numeric/diagnostics.ts).
// ObservableSet evaluates a parsed list of them per point into a caller's Float64Array, with every buffer
// allocated up front (the generated module's energies()/operators() still return fresh arrays: they are called
// only when a current or flux is asked for). Parsing errors are ObservableErrors that quote the text.
import type { GeneratedModel, Params } from './generatedModel.ts';
import type { DensityMatrix } from './steady.ts';
import { hermitianPart, jacobiDiagonalize } from './eigen.ts';
import { entropyProduction, kossakowskiMin } from './diagnostics.ts';

export class ObservableError extends Error {}

export type Observable =
  | { kind: 'abs' | 're' | 'im'; i: number; j: number; text: string }
  | { kind: 'l1'; text: string }
  | { kind: 'current'; bath: string; text: string }
  | { kind: 'minEigenvalue'; text: string }
  | { kind: 'flux'; site: string; text: string }
  | { kind: 'entropyProduction'; text: string }
  | { kind: 'kossakowskiMin'; text: string };

/** The list of forms parseObservable accepts, for error messages and help. */
export const OBSERVABLE_FORMS =
  'abs(rho[i][j]), re(rho[i][j]), im(rho[i][j]), l1, J_<bath>, minEigenvalue, flux, flux(<site>), sigma, gkls';

/** Names of the sites k with an operator "sz(k)", in operator order. */
export function siteNames(model: GeneratedModel, p: Params): string[] {
  return Object.keys(model.operators(p))
    .map((k) => /^sz\((.+)\)$/.exec(k)?.[1])
    .filter((s): s is string => s !== undefined);
}

export function parseObservable(text: string, model: GeneratedModel, sites: string[]): Observable {
  const t = text.replace(/\s+/g, '');
  const n = model.dimension;
  const element = /^(abs|re|im)\(rho\[(\d+)\]\[(\d+)\]\)$/.exec(t);
  if (element) {
    const i = Number(element[2]);
    const j = Number(element[3]);
    if (i >= n || j >= n) throw new ObservableError(`observable "${text}": indices are 0-based and must be < ${n} for this model`);
    return { kind: element[1] as 'abs' | 're' | 'im', i, j, text };
  }
  if (t === 'l1') return { kind: 'l1', text };
  if (t === 'minEigenvalue') return { kind: 'minEigenvalue', text };
  if (t === 'sigma') {
    if (!model.temperatures)
      throw new ObservableError(
        `observable "sigma" needs the bath temperatures, which this module (an older bornmarkov's) does not export: derive it again`,
      );
    return { kind: 'entropyProduction', text };
  }
  if (t === 'gkls') return { kind: 'kossakowskiMin', text };
  const current = /^J_(.+)$/.exec(t);
  if (current) {
    if (!model.baths.includes(current[1]!)) {
      throw new ObservableError(`observable "${text}": no bath "${current[1]}" (baths: ${model.baths.join(', ')})`);
    }
    return { kind: 'current', bath: current[1]!, text };
  }
  if (t === 'flux') {
    if (sites.length !== 2) {
      throw new ObservableError(
        `observable "flux" is the 1−2 flux of a two-site model; this model has ${sites.length} sites, use flux(<site>)`,
      );
    }
    return { kind: 'flux', site: sites[0]!, text };
  }
  const flux = /^flux\((.+)\)$/.exec(t);
  if (flux) {
    if (!sites.includes(flux[1]!))
      throw new ObservableError(`observable "${text}": no site "${flux[1]}" (sites: ${sites.join(', ') || 'none'})`);
    return { kind: 'flux', site: flux[1]!, text };
  }
  throw new ObservableError(`unknown observable "${text}"; expected one of ${OBSERVABLE_FORMS}`);
}

export function l1Coherence(rho: DensityMatrix): number {
  const { n, re, im } = rho;
  let s = 0;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) s += Math.hypot(re[a * n + b]!, im[a * n + b]!);
  return s;
}

/**
 * J_α = Tr[H_S D_α(ρ)] = Σ_a λ_a (D_α vec ρ)_aa: only the population rows of D_α are needed.
 * D is the bath's dissipator as filled by liouvillian(p, D, α).
 */
export function heatCurrent(D: Float64Array, energies: ArrayLike<number>, rho: DensityMatrix): number {
  const n = rho.n;
  const N = n * n;
  const off = N * N;
  let J = 0;
  for (let a = 0; a < n; a++) {
    const row = (a * n + a) * N;
    // Tr is real for Hermitian ρ; the imaginary part is roundoff and dropped.
    let s = 0;
    for (let k = 0; k < N; k++) s += D[row + k]! * rho.re[k]! - D[off + row + k]! * rho.im[k]!;
    J += energies[a]! * s;
  }
  return J;
}

/**
 * −i⟨[S, H_S]⟩ with H_S = diag(λ): [S, H]_ij = S_ij (λ_j − λ_i), ⟨X⟩ = Σ_ij ρ_ji X_ij, so the flux is
 * Σ_ij (λ_j − λ_i) Im(ρ_ji S_ij) (the real part cancels for Hermitian ρ and S).
 */
export function commutatorFlux(
  S: { re: ArrayLike<number>; im: ArrayLike<number> },
  energies: ArrayLike<number>,
  rho: DensityMatrix,
): number {
  const n = rho.n;
  let f = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = energies[j]! - energies[i]!;
      if (w === 0) continue;
      const sr = S.re[i * n + j]!;
      const si = S.im[i * n + j]!;
      const rr = rho.re[j * n + i]!;
      const ri = rho.im[j * n + i]!;
      f += w * (rr * si + ri * sr);
    }
  }
  return f;
}

/**
 * Smallest eigenvalue of a Hermitian n×n matrix by cyclic complex Jacobi on caller-provided work arrays
 * (eigenvalues only, no vectors), so that a sweep asking for positivity allocates nothing per point.
 */
export function minEigenvalueHermitian(rho: DensityMatrix, work: { re: Float64Array; im: Float64Array }): number {
  const n = rho.n;
  const re = work.re;
  hermitianPart(n, rho.re, rho.im, re, work.im);
  jacobiDiagonalize(n, re, work.im);
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, re[i * n + i]!);
  return min;
}

/** A parsed list of observables, evaluated per point without per-point allocation of its own. */
export class ObservableSet {
  readonly observables: Observable[];
  private readonly bathBuffers = new Map<string, Float64Array>();
  private readonly work: { re: Float64Array; im: Float64Array };
  private readonly needsEnergies: boolean;
  private readonly needsOperators: boolean;

  constructor(
    readonly model: GeneratedModel,
    texts: string[],
    p: Params,
  ) {
    const sites = texts.some((t) => t.includes('flux')) ? siteNames(model, p) : [];
    this.observables = texts.map((t) => parseObservable(t, model, sites));
    const N = model.dimension * model.dimension;
    for (const o of this.observables) {
      if (o.kind === 'current' && !this.bathBuffers.has(o.bath)) this.bathBuffers.set(o.bath, new Float64Array(2 * N * N));
      if (o.kind === 'entropyProduction')
        for (const b of model.baths) if (!this.bathBuffers.has(b)) this.bathBuffers.set(b, new Float64Array(2 * N * N));
    }
    this.work = { re: new Float64Array(N), im: new Float64Array(N) };
    this.needsEnergies = this.observables.some((o) => o.kind === 'current' || o.kind === 'flux' || o.kind === 'entropyProduction');
    this.needsOperators = this.observables.some((o) => o.kind === 'flux');
  }

  get size(): number {
    return this.observables.length;
  }

  /** Writes the observables of ρ at p into out[offset …]. */
  evaluate(p: Params, rho: DensityMatrix, out: Float64Array, offset = 0): void {
    const n = rho.n;
    for (const [bath, D] of this.bathBuffers) this.model.liouvillian(p, D, bath);
    const energies = this.needsEnergies ? this.model.energies(p) : null;
    const ops = this.needsOperators ? this.model.operators(p) : null;
    for (let k = 0; k < this.observables.length; k++) {
      const o = this.observables[k]!;
      let v: number;
      switch (o.kind) {
        case 'abs':
          v = Math.hypot(rho.re[o.i * n + o.j]!, rho.im[o.i * n + o.j]!);
          break;
        case 're':
          v = rho.re[o.i * n + o.j]!;
          break;
        case 'im':
          v = rho.im[o.i * n + o.j]!;
          break;
        case 'l1':
          v = l1Coherence(rho);
          break;
        case 'current':
          v = heatCurrent(this.bathBuffers.get(o.bath)!, energies!, rho);
          break;
        case 'flux':
          v = commutatorFlux(ops![`sz(${o.site})`]!, energies!, rho);
          break;
        case 'minEigenvalue':
          v = minEigenvalueHermitian(rho, this.work);
          break;
        case 'entropyProduction': {
          const J = Object.fromEntries(this.model.baths.map((b) => [b, heatCurrent(this.bathBuffers.get(b)!, energies!, rho)]));
          v = entropyProduction(J, this.model.temperatures!(p));
          break;
        }
        case 'kossakowskiMin':
          v = kossakowskiMin(this.model, p).min;
          break;
      }
      out[offset + k] = v;
    }
  }
}

/** Every heat current at p, keyed by bath. */
export function heatCurrents(model: GeneratedModel, p: Params, rho: DensityMatrix): Record<string, number> {
  const N = model.dimension * model.dimension;
  const D = new Float64Array(2 * N * N);
  const E = model.energies(p);
  const out: Record<string, number> = {};
  for (const bath of model.baths) {
    model.liouvillian(p, D, bath);
    out[bath] = heatCurrent(D, E, rho);
  }
  return out;
}

/**
 * The inter-site fluxes of a site model: {"1-2": −i⟨[σ₁^z, H_S]⟩} for two sites; for more sites, one entry
 * per site k, keyed by k, with −i⟨[σ_k^z, H_S]⟩ (the net coherent flow into site k). Empty without sites.
 */
export function siteFluxes(model: GeneratedModel, p: Params, rho: DensityMatrix): Record<string, number> {
  const ops = model.operators(p);
  const sites = siteNames(model, p);
  const E = model.energies(p);
  if (sites.length === 2) return { [`${sites[0]}-${sites[1]}`]: commutatorFlux(ops[`sz(${sites[0]})`]!, E, rho) };
  return Object.fromEntries(sites.map((s) => [s, commutatorFlux(ops[`sz(${s})`]!, E, rho)]));
}
