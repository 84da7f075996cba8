// `bornmarkov solve <model.json> [--set name=value,...] [--approx A] [--from state.json]
//                   [--tolerance 1e-10] [--module file.ts] [--json]`
// The steady state (or, with --from, the long-time limit of a given state) and its observables, in the model's
// eigenbasis and order; the JSON form is documented in the README (solve --json). Exit codes: 0 ok, 2 bad input.
// Its coherences, heat currents, fluxes and entropy production are the observable registry's entries
// (src/numeric/observables.ts: l1, abs(rho[i][j]), J_<bath>, flux(<site>), sigma), the numbers sweep gives.
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { type SteadyAnalysis, SteadyStateSolver, analyzeSteadyState, NULLITY_TOLERANCE } from '../numeric/steady.ts';
import { OBSERVABLE_REGISTRY, heatCurrents, observableValues, siteFluxes } from '../numeric/observables.ts';
import { eigenvaluesOf } from '../numeric/spectrum.ts';
import { selectorPattern } from '../numeric/bohr.ts';
import { kossakowskiMin } from '../numeric/diagnostics.ts';
import { InputError, approxOption, assignmentsOf, lambShiftOption, parseOptions, withInputErrors } from './options.ts';
import { nested, readState, requirePhysical, singlePoint } from './points.ts';
import { loadGenerated, packageVersion } from '../modules/load.ts';

export interface SolveReport {
  model: string;
  version: string;
  parameters: Params;
  approx: string;
  /** whether the principal-value (Lamb-shift) parts are in the generator */
  lambShift: boolean;
  basis: string[];
  initialState: string;
  rho: { re: number[][]; im: number[][] };
  /** the bare basis (sites or levels, as the Hamiltonian is written) and ρ in it: V ρ V† */
  bareBasis: string[];
  rhoBare: { re: number[][]; im: number[][] };
  /** with --spectrum: the eigenvalues of L (descending real part) and the Liouvillian gap −Re λ of the slowest decaying mode */
  spectrum?: { re: number[]; im: number[]; gap: number };
  nullity: number;
  unique: boolean;
  nullityTolerance: number;
  rankGap: SteadyAnalysis['rankGap'];
  residual: number;
  minEigenvalue: number;
  trace: number;
  coherence: { l1: number; abs: number[][] };
  currents: Record<string, number>;
  flux?: Record<string, number>;
  /** the approximation (its tag) and the generator's diagnostics: GKLS by the rate matrix, the entropy production */
  diagnostics: { gkls?: boolean; kossakowskiMin?: number; entropyProduction?: number };
  /** numeric-eigenbasis modules: the Bohr tolerance t (|ω − ω′| ≤ t(1 + max|E|)) and the secular pairs of different frequencies kept here */
  bohrFrequencies?: { tolerance: number; secularPairsKept: number; secularPairs: number };
  warnings: string[];
}

/**
 * The secular selectors a numeric-eigenbasis module uses at p: an inconsistent grouping (a ≈ b ≈ c, a ≉ c) leaves
 * the secular equation undefined, an InputError. Reported: how many of the pairs (ω, ω′) are kept.
 */
function bohrFrequencies(model: GeneratedModel, p: Params): SolveReport['bohrFrequencies'] {
  if (model.eigenMode !== 'numeric') return undefined;
  try {
    const pattern = selectorPattern(model, p);
    return {
      tolerance: model.bohrTolerance ?? 1e-9,
      secularPairsKept: [...pattern].filter((x) => x === '1').length,
      secularPairs: pattern.length,
    };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new InputError(
      `${model.name} (numeric eigenbasis, secular): ${e.message}; choose another "eigen": {"mode": "numeric", "tolerance": …} in the model file`,
    );
  }
}

/** Largest dimension whose rate matrix (n²×n², a Jacobi decomposition) solve computes by default. */
const KOSSAKOWSKI_MAX_LEVELS = 8;

/** GKLS (smallest eigenvalue of the rate matrix, for n ≤ 8 levels) and the entropy production (`sigma`), with warnings. */
function generatorDiagnostics(
  model: GeneratedModel,
  p: Params,
  rho: import('../numeric/steady.ts').DensityMatrix,
  currents: Record<string, number>,
  warnings: string[],
): SolveReport['diagnostics'] {
  const out: SolveReport['diagnostics'] = {};
  if (model.dimension <= KOSSAKOWSKI_MAX_LEVELS) {
    const k = kossakowskiMin(model, p);
    out.gkls = k.gkls;
    out.kossakowskiMin = k.min;
  }
  if (model.temperatures) {
    const T = model.temperatures(p);
    const sigma = observableValues(model, p, rho, ['sigma'])[0]!;
    out.entropyProduction = sigma;
    const scale = Object.entries(currents).reduce((s, [b, J]) => s + Math.abs(J / (T[b] || 1)), 0);
    if (sigma < -1e-9 * Math.max(scale, 1e-300))
      warnings.push(
        `the entropy production −Σ J_α/T_α = ${sigma.toExponential(3)} is negative: this ${model.approx} steady state violates the second law`,
      );
  }
  return out;
}

/** The largest entry of |L| (rates and Bohr frequencies): the scale against which rounding is judged. */
function generatorScale(model: GeneratedModel, p: Params): number {
  const N = model.dimension ** 2;
  const L = new Float64Array(2 * N * N);
  model.liouvillian(p, L);
  let top = 0;
  for (let k = 0; k < N * N; k++) top = Math.max(top, Math.hypot(L[k]!, L[N * N + k]!));
  return top;
}

/** Solves at one parameter point and gathers everything `solve` reports. */
export function solveReport(
  model: GeneratedModel,
  p: Params,
  options: { initial?: { rho: import('../numeric/steady.ts').DensityMatrix; label: string }; tolerance?: number; spectrum?: boolean } = {},
): SolveReport {
  const n = model.dimension;
  const bohr = bohrFrequencies(model, p);
  const analysis = analyzeSteadyState(model, p, { initial: options.initial?.rho, tolerance: options.tolerance });
  const warnings = [...analysis.warnings];
  const rho = analysis.rho;
  if (analysis.unique && !options.initial) {
    // The fast block solve (what sweeps use) must agree with the projection.
    const fast = new SteadyStateSolver(model);
    if (fast.solve(p)) {
      let d = 0;
      for (let k = 0; k < n * n; k++) d = Math.max(d, Math.hypot(fast.rho.re[k]! - rho.re[k]!, fast.rho.im[k]! - rho.im[k]!));
      if (d > 1e-8)
        warnings.push(`the block solve and the null-space projection differ by ${d.toExponential(2)}: the problem is ill-conditioned`);
    }
  }
  const currents = heatCurrents(model, p, rho);
  const Js = Object.values(currents);
  const sum = Js.reduce((s, x) => s + x, 0);
  // Each J_α is a sum of terms of size |E| × rate, which cancel; rounding is relative to that scale, not to J.
  const termScale = Math.max(...Array.from(model.energies(p), Math.abs)) * generatorScale(model, p);
  if (analysis.nullity >= 1 && Math.abs(sum) > 1e-12 * termScale) {
    warnings.push(`the heat currents do not sum to zero (sum ${sum.toExponential(3)})`);
  }
  const flux = siteFluxes(model, p, rho);
  const diagnostics = generatorDiagnostics(model, p, rho, currents, warnings);
  const elements = Array.from({ length: n * n }, (_, k) => `abs(rho[${Math.floor(k / n)}][${k % n}])`);
  const [l1, ...absFlat] = observableValues(model, p, rho, ['l1', ...elements]);
  const abs = nested(Float64Array.from(absFlat), n);
  return {
    model: model.name,
    version: packageVersion(),
    parameters: p,
    approx: model.approx,
    lambShift: model.lambShift ?? false,
    basis: model.basis,
    initialState: options.initial?.label ?? 'maximally mixed',
    rho: { re: nested(rho.re, n), im: nested(rho.im, n) },
    bareBasis: model.bareBasis,
    rhoBare: toBareBasis(model, p, rho),
    ...(options.spectrum ? { spectrum: liouvillianSpectrum(model, p, analysis.nullity) } : {}),
    nullity: analysis.nullity,
    unique: analysis.unique,
    nullityTolerance: analysis.tolerance,
    rankGap: analysis.rankGap,
    residual: analysis.residual,
    minEigenvalue: analysis.minEigenvalue,
    trace: analysis.trace,
    coherence: { l1: l1!, abs },
    currents,
    ...(Object.keys(flux).length ? { flux } : {}),
    ...(bohr ? { bohrFrequencies: bohr } : {}),
    diagnostics,
    warnings,
  };
}

/** ρ in the bare basis: V ρ V†, V the eigenvectors (columns) on the bare basis. */
function toBareBasis(
  model: GeneratedModel,
  p: Params,
  rho: import('../numeric/steady.ts').DensityMatrix,
): { re: number[][]; im: number[][] } {
  const n = model.dimension;
  const V = model.eigenvectors(p);
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let a = 0; a < n; a++) {
        const vr = V.re[i * n + a]!,
          vi = V.im[i * n + a]!;
        if (vr === 0 && vi === 0) continue;
        for (let b = 0; b < n; b++) {
          const wr = V.re[j * n + b]!,
            wi = -V.im[j * n + b]!;
          const xr = rho.re[a * n + b]!,
            xi = rho.im[a * n + b]!;
          const tr = vr * xr - vi * xi,
            ti = vr * xi + vi * xr;
          sr += tr * wr - ti * wi;
          si += tr * wi + ti * wr;
        }
      }
      re[i * n + j] = sr;
      im[i * n + j] = si;
    }
  }
  return { re: nested(re, n), im: nested(im, n) };
}

/** Eigenvalues of the full n²×n² generator; the gap is −Re of the first eigenvalue after the `nullity` zero ones. */
function liouvillianSpectrum(model: GeneratedModel, p: Params, nullity: number): { re: number[]; im: number[]; gap: number } {
  const N = model.dimension ** 2;
  const L = new Float64Array(2 * N * N);
  model.liouvillian(p, L);
  const ev = eigenvaluesOf(N, L.subarray(0, N * N), L.subarray(N * N));
  return { re: Array.from(ev.re), im: Array.from(ev.im), gap: nullity < N ? -ev.re[nullity]! : 0 };
}

const fmt = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toFixed(6) : x.toExponential(4));

export function formatReport(r: SolveReport): string {
  const n = r.basis.length;
  const w = Math.max(...r.basis.map((b) => b.length), 4);
  const lines: string[] = [];
  lines.push(`${r.model} (${r.approx}), bornmarkov ${r.version}`);
  lines.push(
    `parameters: ${Object.entries(r.parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  lines.push(
    `nullity ${r.nullity} (relative tolerance ${r.nullityTolerance}), ${r.unique ? 'unique steady state' : `NOT unique: the long-time state depends on the initial state; shown: the limit of the ${r.initialState} state`}`,
  );
  lines.push(`trace ${fmt(r.trace)}, min eigenvalue ${fmt(r.minEigenvalue)}, residual ${r.residual.toExponential(2)}`);
  lines.push('');
  lines.push('rho (eigenbasis, re + i im):');
  const cell = (a: number, b: number) => {
    const re = r.rho.re[a]![b]!;
    const im = r.rho.im[a]![b]!;
    return `${fmt(re)}${im < 0 ? ' - ' : ' + '}${fmt(Math.abs(im))}i`;
  };
  const cells = r.basis.map((_, a) => r.basis.map((__, b) => cell(a, b)));
  const cw = Math.max(...cells.flat().map((c) => c.length));
  lines.push(`  ${''.padEnd(w)}  ${r.basis.map((b) => b.padStart(cw)).join('  ')}`);
  for (let a = 0; a < n; a++) lines.push(`  ${r.basis[a]!.padEnd(w)}  ${cells[a]!.map((c) => c.padStart(cw)).join('  ')}`);
  lines.push('');
  const units = (k: keyof typeof OBSERVABLE_REGISTRY) => `[${OBSERVABLE_REGISTRY[k].units}]`;
  lines.push(`coherence: l1 = ${fmt(r.coherence.l1)}`);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < a; b++) {
      if (r.coherence.abs[a]![b]! > 0) lines.push(`  |rho[${a}][${b}]| = ${fmt(r.coherence.abs[a]![b]!)}   (${r.basis[a]}, ${r.basis[b]})`);
    }
  }
  lines.push(`heat currents J = Tr[H_S D(rho)] (positive: into the system) ${units('current')}:`);
  for (const [bath, J] of Object.entries(r.currents)) lines.push(`  J_${bath} = ${fmt(J)}`);
  if (r.flux) {
    lines.push(`flux -i<[sz(k), H_S]> ${units('flux')}:`);
    for (const [k, f] of Object.entries(r.flux)) lines.push(`  ${k}: ${fmt(f)}`);
  }
  if (r.spectrum) {
    lines.push(`Liouvillian spectrum (${r.spectrum.re.length} eigenvalues, rate = -Re, frequency = Im): gap ${fmt(r.spectrum.gap)}`);
    const shown = r.spectrum.re.map((x, k) => `${fmt(x)}${r.spectrum!.im[k]! < 0 ? ' - ' : ' + '}${fmt(Math.abs(r.spectrum!.im[k]!))}i`);
    for (let k = 0; k < shown.length; k += 4) lines.push(`  ${shown.slice(k, k + 4).join('   ')}`);
  }
  for (const warning of r.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

export async function runSolve(args: string[]): Promise<number> {
  return withInputErrors(async () => {
    const o = parseOptions(args, {
      valued: ['--set', '--approx', '--cutoff', '--from', '--tolerance', '--module', '--cache'],
      repeatable: ['--set'],
      flags: ['--json', '--lamb-shift', '--no-lamb-shift', '--spectrum', '--force'],
    });
    if (o.positional.length !== 1)
      throw new InputError(`solve takes one model file, got ${o.positional.length ? o.positional.join(' ') : 'none'}`);
    let tolerance = NULLITY_TOLERANCE;
    if (o.get('--tolerance') !== undefined) {
      tolerance = Number(o.get('--tolerance'));
      if (!(tolerance > 0 && tolerance < 1)) throw new InputError(`--tolerance must be a number in (0, 1), got "${o.get('--tolerance')}"`);
    }
    const loaded = await loadGenerated(o.positional[0]!, approxOption(o), {
      module: o.get('--module'),
      cache: o.get('--cache'),
      lambShift: lambShiftOption(o),
    });
    const { model } = loaded;
    const p = singlePoint(model, assignmentsOf(o));
    requirePhysical(model, p);
    let initial: { rho: import('../numeric/steady.ts').DensityMatrix; label: string } | undefined;
    const warnings = [...loaded.warnings];
    const from = o.get('--from');
    if (from !== undefined) {
      const s = readState(from, model.dimension, '--from', o.flags.has('--force'));
      initial = { rho: s.rho, label: `given (${from})` };
      warnings.push(...s.warnings);
    }
    const report = solveReport(model, p, { initial, tolerance, spectrum: o.flags.has('--spectrum') });
    report.warnings.unshift(...warnings);
    if (o.flags.has('--json')) console.log(JSON.stringify(report, null, 2));
    else console.log(formatReport(report));
    return 0;
  });
}
