// The observable registry (issue 14): the one list of what solve, sweep, the explorer and the report can
// measure on a density matrix ρ in the model's eigenbasis (n×n row-major, split re/im). Each entry of
// OBSERVABLES has its name, the forms a user writes (`--observable`), an example, a one-line description,
// its units (in the model's energy unit E, with ħ = k_B = 1: a rate is E, a time 1/E), how a written form is
// parsed and how its value is computed. parseObservable, OBSERVABLE_FORMS and describeObservables() are read
// off the registry; nothing else lists the forms. The entries:
//   |ρ_ij|, Re ρ_ij, Im ρ_ij; the l1-norm of coherence Σ_{i≠j} |ρ_ij|;
//   the heat current from bath α, J_α = Tr[H_S D_α(ρ)] (H_S = diag(λ) here, D_α from liouvillian(p, ·, α));
//   the coherent flux into site k, −i⟨[σ_k^z, H_S]⟩ (seed 000 Eq. 13 for k = 1: J_{1−2});
//   the smallest eigenvalue of ρ (positivity); the entropy production σ = −Σ_α J_α/T_α and the smallest
//   eigenvalue of the generator's rate matrix (`gkls`, ≥ 0 for a GKLS generator; src/numeric/diagnostics.ts).
// ObservableSet evaluates a parsed list of them per point into a caller's Float64Array, with every buffer
// allocated up front (the generated module's energies()/operators() still return fresh arrays: they are called
// once per point, and only when a current or flux is asked for). heatCurrents and siteFluxes (solve, the
// explorer page, the report) evaluate the registry's J_<bath> and flux(<site>) entries. Parsing errors are
// ObservableErrors that quote the text.
// This file is also served to the browser (src/modules/explorer.ts): it imports only numeric modules.
import type { GeneratedModel, Params } from './generatedModel.ts';
import type { DensityMatrix } from './steady.ts';
import { hermitianPart, jacobiDiagonalize } from './eigen.ts';
import { entropyProduction, kossakowskiMin } from './diagnostics.ts';

export class ObservableError extends Error {}

/** The arguments a written form carries, per registry kind. */
interface ObservableArgs {
  abs: { i: number; j: number };
  re: { i: number; j: number };
  im: { i: number; j: number };
  l1: Record<never, never>;
  current: { bath: string };
  flux: { site: string };
  minEigenvalue: Record<never, never>;
  entropyProduction: Record<never, never>;
  kossakowskiMin: Record<never, never>;
}

export type ObservableKind = keyof ObservableArgs;

/** A written observable bound to one model: its registry kind, its arguments and the text as the user gave it. */
export type ParsedObservable = { [K in ObservableKind]: { kind: K; text: string } & ObservableArgs[K] }[ObservableKind];

type Operator = { re: ArrayLike<number>; im: ArrayLike<number> };

/** What an entry sees at one point. The model's arrays are fetched once per point, only when an entry asks. */
export interface PointContext {
  readonly model: GeneratedModel;
  readonly p: Params;
  readonly rho: DensityMatrix;
  /** λ_a: H_S = diag(λ) in the eigenbasis */
  energies(): ArrayLike<number>;
  /** the module's operators at p (sz(k) for sites models), eigenbasis */
  operators(): Record<string, Operator>;
  /** bath α's dissipator D_α (2·n⁴ entries, re then im) as filled by liouvillian(p, ·, α) */
  dissipator(bath: string): Float64Array;
  /** n×n work arrays */
  readonly work: { re: Float64Array; im: Float64Array };
}

/** One kind of observable: how it is written, what it means, its units, how it is parsed and computed. */
export interface ObservableEntry<K extends ObservableKind = ObservableKind> {
  kind: K;
  /** the name in tables and help */
  name: string;
  /** the forms as a user writes them (placeholders in <…>, i and j 0-based indices) */
  forms: string[];
  /** a concrete form that every seed model of derivations/huangfu-jing/ accepts */
  example: string;
  description: string;
  /** in the model's energy unit E with ħ = k_B = 1 (a rate is E, a time 1/E); "1": dimensionless */
  units: string;
  /**
   * The arguments when t (the text with whitespace removed) is written in this entry's form, null when it is not;
   * an ObservableError when it is but does not fit the model (an index out of range, an unknown bath or site).
   */
  parse(t: string, text: string, model: GeneratedModel, sites: string[]): ObservableArgs[K] | null;
  /** the baths whose dissipators evaluate reads */
  baths(o: Extract<ParsedObservable, { kind: K }>, model: GeneratedModel): string[];
  evaluate(o: Extract<ParsedObservable, { kind: K }>, c: PointContext): number;
}

const none = (): string[] => [];
const plain = (form: string) => (t: string) => (t === form ? {} : null);

function element(kind: 'abs' | 're' | 'im') {
  return (t: string, text: string, model: GeneratedModel): { i: number; j: number } | null => {
    const m = new RegExp(`^${kind}\\(rho\\[(\\d+)\\]\\[(\\d+)\\]\\)$`).exec(t);
    if (!m) return null;
    const n = model.dimension;
    const i = Number(m[1]);
    const j = Number(m[2]);
    if (i >= n || j >= n) throw new ObservableError(`observable "${text}": indices are 0-based and must be < ${n} for this model`);
    return { i, j };
  };
}

/** The registry, by kind; OBSERVABLES lists it in this order (the order of help and of the README table). */
export const OBSERVABLE_REGISTRY: { readonly [K in ObservableKind]: ObservableEntry<K> } = {
  abs: {
    kind: 'abs',
    name: '|ρ_ij|',
    forms: ['abs(rho[i][j])'],
    example: 'abs(rho[2][1])',
    description: 'modulus of the element ⟨i|ρ|j⟩ in the eigenbasis (model order, 0-based)',
    units: '1',
    parse: element('abs'),
    baths: none,
    evaluate: (o, { rho }) => matrixElement('abs', rho, o.i, o.j),
  },
  re: {
    kind: 're',
    name: 'Re ρ_ij',
    forms: ['re(rho[i][j])'],
    example: 're(rho[2][1])',
    description: 'real part of ⟨i|ρ|j⟩ in the eigenbasis',
    units: '1',
    parse: element('re'),
    baths: none,
    evaluate: (o, { rho }) => matrixElement('re', rho, o.i, o.j),
  },
  im: {
    kind: 'im',
    name: 'Im ρ_ij',
    forms: ['im(rho[i][j])'],
    example: 'im(rho[2][1])',
    description: 'imaginary part of ⟨i|ρ|j⟩ in the eigenbasis',
    units: '1',
    parse: element('im'),
    baths: none,
    evaluate: (o, { rho }) => matrixElement('im', rho, o.i, o.j),
  },
  l1: {
    kind: 'l1',
    name: 'l1 coherence',
    forms: ['l1'],
    example: 'l1',
    description: 'l1-norm of coherence Σ_{i≠j} |ρ_ij| in the eigenbasis',
    units: '1',
    parse: plain('l1'),
    baths: none,
    evaluate: (_, { rho }) => l1Coherence(rho),
  },
  current: {
    kind: 'current',
    name: 'heat current J_α',
    forms: ['J_<bath>'],
    example: 'J_a',
    description: 'heat current from bath α into the system, Tr[H_S D_α(ρ)] (positive: into the system)',
    units: 'energy × rate (E²)',
    parse: (t, text, model) => {
      const m = /^J_(.+)$/.exec(t);
      if (!m) return null;
      if (!model.baths.includes(m[1]!))
        throw new ObservableError(`observable "${text}": no bath "${m[1]}" (baths: ${model.baths.join(', ')})`);
      return { bath: m[1]! };
    },
    baths: (o) => [o.bath],
    evaluate: (o, c) => heatCurrent(c.dissipator(o.bath), c.energies(), c.rho),
  },
  minEigenvalue: {
    kind: 'minEigenvalue',
    name: 'smallest eigenvalue of ρ',
    forms: ['minEigenvalue'],
    example: 'minEigenvalue',
    description: 'smallest eigenvalue of ρ (negative: ρ is not positive)',
    units: '1',
    parse: plain('minEigenvalue'),
    baths: none,
    evaluate: (_, c) => minEigenvalueHermitian(c.rho, c.work),
  },
  flux: {
    kind: 'flux',
    name: 'coherent flux',
    forms: ['flux', 'flux(<site>)'],
    example: 'flux',
    description: 'coherent flux into site k, −i⟨[σ_k^z, H_S]⟩; `flux`: the first site of a two-site model (seed 000 Eq. 13, J_{1−2})',
    units: 'rate (E)',
    parse: (t, text, _model, sites) => {
      if (t === 'flux') {
        if (sites.length !== 2)
          throw new ObservableError(
            `observable "flux" is the 1−2 flux of a two-site model; this model has ${sites.length} sites, use flux(<site>)`,
          );
        return { site: sites[0]! };
      }
      const m = /^flux\((.+)\)$/.exec(t);
      if (!m) return null;
      if (!sites.includes(m[1]!))
        throw new ObservableError(`observable "${text}": no site "${m[1]}" (sites: ${sites.join(', ') || 'none'})`);
      return { site: m[1]! };
    },
    baths: none,
    evaluate: (o, c) => commutatorFlux(c.operators()[`sz(${o.site})`]!, c.energies(), c.rho),
  },
  entropyProduction: {
    kind: 'entropyProduction',
    name: 'entropy production σ',
    forms: ['sigma'],
    example: 'sigma',
    description: 'entropy production σ = −Σ_α J_α/T_α (≥ 0 by the second law)',
    units: 'rate (E)',
    parse: (t, _text, model) => {
      if (t !== 'sigma') return null;
      if (!model.temperatures)
        throw new ObservableError(
          `observable "sigma" needs the bath temperatures, which this module (an older bornmarkov's) does not export: derive it again`,
        );
      return {};
    },
    baths: (_, model) => model.baths,
    evaluate: (_, c) => {
      const J = Object.fromEntries(c.model.baths.map((b) => [b, heatCurrent(c.dissipator(b), c.energies(), c.rho)]));
      return entropyProduction(J, c.model.temperatures!(c.p));
    },
  },
  kossakowskiMin: {
    kind: 'kossakowskiMin',
    name: 'GKLS margin',
    forms: ['gkls'],
    example: 'gkls',
    description: "smallest eigenvalue of the generator's rate (Kossakowski) matrix (≥ 0: GKLS); independent of ρ",
    units: 'rate (E)',
    parse: plain('gkls'),
    baths: none,
    evaluate: (_, c) => kossakowskiMin(c.model, c.p).min,
  },
};

/** Every registry entry, in the order of help and of the README table. */
export const OBSERVABLES: readonly ObservableEntry[] = Object.values(OBSERVABLE_REGISTRY) as ObservableEntry[];

/** The entry of a parsed observable. */
export const entryOf = <K extends ObservableKind>(o: { kind: K }): ObservableEntry<K> => OBSERVABLE_REGISTRY[o.kind] as ObservableEntry<K>;

/** The list of forms parseObservable accepts, for error messages and help. */
export const OBSERVABLE_FORMS = OBSERVABLES.flatMap((e) => e.forms).join(', ');

/** The registry as help text: one line per entry, its forms, description and units. */
export function describeObservables(): string {
  const rows = OBSERVABLES.map((e) => [e.forms.join(', '), e.description, e.units]);
  const w = Math.max(...rows.map((r) => r[0]!.length));
  return [
    'observables (ρ in the eigenbasis; units in the model energy unit E, ħ = k_B = 1):',
    ...rows.map(([f, d, u]) => `  ${f!.padEnd(w)}  ${d}  [${u}]`),
  ].join('\n');
}

/** Names of the sites k with an operator "sz(k)", in operator order. */
export function siteNames(model: GeneratedModel, p: Params): string[] {
  return Object.keys(model.operators(p))
    .map((k) => /^sz\((.+)\)$/.exec(k)?.[1])
    .filter((s): s is string => s !== undefined);
}

export function parseObservable(text: string, model: GeneratedModel, sites: string[]): ParsedObservable {
  const t = text.replace(/\s+/g, '');
  for (const e of OBSERVABLES) {
    const args = e.parse(t, text, model, sites);
    if (args) return { kind: e.kind, ...args, text } as ParsedObservable;
  }
  throw new ObservableError(
    `unknown observable "${text}"; expected one of ${OBSERVABLE_FORMS} (\`bornmarkov sweep --observable help\` describes them)`,
  );
}

/** |ρ_ij|, Re ρ_ij or Im ρ_ij (0-based, eigenbasis): the registry's abs, re and im. */
export function matrixElement(part: 'abs' | 're' | 'im', rho: DensityMatrix, i: number, j: number): number {
  const k = i * rho.n + j;
  return part === 'abs' ? Math.hypot(rho.re[k]!, rho.im[k]!) : part === 're' ? rho.re[k]! : rho.im[k]!;
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
export function commutatorFlux(S: Operator, energies: ArrayLike<number>, rho: DensityMatrix): number {
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

/** A reusable PointContext: the dissipator buffers are allocated once, the module's arrays fetched once per point. */
class PointState implements PointContext {
  p: Params = {};
  rho: DensityMatrix;
  readonly work: { re: Float64Array; im: Float64Array };
  private readonly buffers = new Map<string, { D: Float64Array; filled: boolean }>();
  private E: ArrayLike<number> | null = null;
  private ops: Record<string, Operator> | null = null;

  constructor(
    readonly model: GeneratedModel,
    baths: Iterable<string>,
  ) {
    const n = model.dimension;
    const N = n * n;
    for (const b of baths) if (!this.buffers.has(b)) this.buffers.set(b, { D: new Float64Array(2 * N * N), filled: false });
    this.work = { re: new Float64Array(N), im: new Float64Array(N) };
    this.rho = { n, re: this.work.re, im: this.work.im };
  }

  at(p: Params, rho: DensityMatrix): this {
    this.p = p;
    this.rho = rho;
    this.E = null;
    this.ops = null;
    for (const b of this.buffers.values()) b.filled = false;
    return this;
  }

  energies(): ArrayLike<number> {
    return (this.E ??= this.model.energies(this.p));
  }

  operators(): Record<string, Operator> {
    return (this.ops ??= this.model.operators(this.p));
  }

  dissipator(bath: string): Float64Array {
    const b = this.buffers.get(bath);
    if (!b) throw new Error(`observables: no dissipator buffer for bath "${bath}"`);
    if (!b.filled) {
      this.model.liouvillian(this.p, b.D, bath);
      b.filled = true;
    }
    return b.D;
  }
}

/** A parsed list of observables, evaluated per point without per-point allocation of its own. */
export class ObservableSet {
  readonly observables: ParsedObservable[];
  private readonly state: PointState;

  constructor(
    readonly model: GeneratedModel,
    /** written forms (parsed here) or observables already parsed */
    observables: readonly (string | ParsedObservable)[],
    p: Params,
  ) {
    const sites = observables.some((t) => typeof t === 'string' && t.includes('flux')) ? siteNames(model, p) : [];
    this.observables = observables.map((t) => (typeof t === 'string' ? parseObservable(t, model, sites) : t));
    this.state = new PointState(model, new Set(this.observables.flatMap((o) => entryOf(o).baths(o as never, model))));
  }

  get size(): number {
    return this.observables.length;
  }

  /** Writes the observables of ρ at p into out[offset …]. */
  evaluate(p: Params, rho: DensityMatrix, out: Float64Array, offset = 0): void {
    const c = this.state.at(p, rho);
    for (let k = 0; k < this.observables.length; k++) {
      const o = this.observables[k]!;
      out[offset + k] = entryOf(o).evaluate(o as never, c);
    }
  }

  /** The observables of ρ at p, in order (a fresh array: for single points, not sweeps). */
  values(p: Params, rho: DensityMatrix): number[] {
    const out = new Float64Array(this.size);
    this.evaluate(p, rho, out);
    return Array.from(out);
  }
}

/** The values of the written observables of ρ at p (one point; parses every time). */
export function observableValues(
  model: GeneratedModel,
  p: Params,
  rho: DensityMatrix,
  observables: readonly (string | ParsedObservable)[],
): number[] {
  return new ObservableSet(model, observables, p).values(p, rho);
}

/** Every heat current at p, keyed by bath: the registry's J_<bath>. */
export function heatCurrents(model: GeneratedModel, p: Params, rho: DensityMatrix): Record<string, number> {
  const J = observableValues(
    model,
    p,
    rho,
    model.baths.map((bath) => ({ kind: 'current', bath, text: `J_${bath}` }) as const),
  );
  return Object.fromEntries(model.baths.map((b, k) => [b, J[k]!]));
}

/**
 * The inter-site fluxes of a site model, the registry's flux(<site>): {"1-2": −i⟨[σ₁^z, H_S]⟩} for two sites; for
 * more sites, one entry per site k, keyed by k, with −i⟨[σ_k^z, H_S]⟩ (the net coherent flow into site k).
 * Empty without sites.
 */
export function siteFluxes(model: GeneratedModel, p: Params, rho: DensityMatrix): Record<string, number> {
  const sites = siteNames(model, p);
  const shown = sites.length === 2 ? [sites[0]!] : sites;
  const f = observableValues(
    model,
    p,
    rho,
    shown.map((site) => ({ kind: 'flux', site, text: `flux(${site})` }) as const),
  );
  if (sites.length === 2) return { [`${sites[0]}-${sites[1]}`]: f[0]! };
  return Object.fromEntries(sites.map((s, k) => [s, f[k]!]));
}
