// The library API of the bornmarkov package (`import { … } from 'bornmarkov'`). Contract:
//   loadModel(path | json)          → Model (validated; the eigenstructure verified exactly); ModelError names file and field
//   derive(model, approx?)          → DerivedTable (paper form, Lindblad-like form, equations of motion), exact
//   emit(table, target)             → the text `bornmarkov derive --target` writes (tex, ts, js, json, python, sympy)
//   compile(table)                  → GeneratedModel: the generated JavaScript module, imported in-process
//   steadyState(model, p?)          → ρ with nullity, uniqueness, residual, minEigenvalue, trace, warnings
//   evolve(model, p, rho0, times)   → ρ(t) at the given times (Dormand–Prince 5(4) or exact propagation)
//   sweep(model, points, observables) → points × observables (abs(rho[i][j]), l1, J_<bath>, flux, …)
//   OBSERVABLES                     the observable registry: each kind's forms, description and units
// Parameters p are plain objects by name; names not given keep the model's defaults, unknown names throw.
// Everything numeric is in the model's eigenbasis and order; vec(ρ) is row-major (see generatedModel.ts).
import type { Model } from './model/model.ts';
import { loadModel as loadModelJson, loadModelFile } from './model/load.ts';
import type { Approx } from './derive/approx.ts';
import { type DerivedTable, deriveTable } from './derive/table.ts';
import { TARGETS } from './emit/targets.ts';
import type { EmitContext } from './emit/typescript.ts';
import type { GeneratedModel, Params } from './numeric/generatedModel.ts';
import { type DensityMatrix, type SteadyAnalysis, analyzeSteadyState, maximallyMixed } from './numeric/steady.ts';
import { type EvolveOptions, type Trajectory, evolveDensity } from './numeric/evolve.ts';
import { PointEvaluator } from './numeric/sweep.ts';

export type { Model, Approx, DerivedTable, EmitContext, GeneratedModel, Params, DensityMatrix, SteadyAnalysis, EvolveOptions, Trajectory };
export { ModelError } from './model/model.ts';
export { InputError } from './errors.ts';
export { OBSERVABLES, ObservableError, type ObservableEntry, type ParsedObservable } from './numeric/observables.ts';

/** The names `emit` and `derive --target` take. */
export type TargetName = 'tex' | 'ts' | 'js' | 'json' | 'python' | 'sympy';

/** A model from a file path, or from its parsed JSON (`file` names it in error messages). */
export function loadModel(source: string | object, file = 'model.json'): Model {
  return typeof source === 'string' ? loadModelFile(source) : loadModelJson(source, file);
}

/** The exact master equation of the model in one approximation (default: nonsecular, the full Redfield equation). */
export function derive(model: Model, approx: Approx = 'nonsecular'): DerivedTable {
  return deriveTable(model, approx);
}

/** One target's text for a derived table. */
export function emit(table: DerivedTable, target: TargetName, context: EmitContext = {}): string {
  const t = TARGETS.find((x) => x.name === target);
  if (!t) throw new RangeError(`emit: unknown target "${target}" (targets: ${TARGETS.map((x) => x.name).join(', ')})`);
  return t.emit(table, context);
}

/** The generated module of a derived table, compiled in-process (its JavaScript imported from a data: URL). */
export async function compile(table: DerivedTable): Promise<GeneratedModel> {
  const text = emit(table, 'js');
  const mod = await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
  return mod.default as GeneratedModel;
}

/** All parameters of the model: its defaults overridden by `p`; an unknown name throws. */
export function parameters(model: GeneratedModel, p: Record<string, number> = {}): Params {
  const all: Params = Object.fromEntries(model.parameters.map((x) => [x.name, x.default]));
  for (const [k, v] of Object.entries(p)) {
    if (!(k in all))
      throw new RangeError(`unknown parameter "${k}" of ${model.name} (parameters: ${model.parameters.map((x) => x.name).join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`parameter ${k} must be a finite number, got ${String(v)}`);
    all[k] = v;
  }
  return all;
}

/** The steady state (the long-time limit of the maximally mixed state, or of options.initial) with its diagnostics. */
export function steadyState(
  model: GeneratedModel,
  p: Record<string, number> = {},
  options: { initial?: DensityMatrix } = {},
): SteadyAnalysis {
  return analyzeSteadyState(model, parameters(model, p), options);
}

/** ρ(t) at ascending `times` from rho0 (default: maximally mixed) at times[0]. */
export function evolve(
  model: GeneratedModel,
  p: Record<string, number>,
  rho0: DensityMatrix | null,
  times: ArrayLike<number>,
  options: EvolveOptions = {},
): Trajectory {
  const N = model.dimension ** 2;
  const L = new Float64Array(2 * N * N);
  model.liouvillian(parameters(model, p), L);
  return evolveDensity(L, rho0 ?? maximallyMixed(model.dimension), times, options);
}

/** Observables at each point (rows: points, columns: observables), in-process. */
export function sweep(model: GeneratedModel, points: readonly Record<string, number>[], observables: readonly string[]): number[][] {
  const names = model.parameters.map((x) => x.name);
  const values = new Float64Array(points.length * names.length);
  points.forEach((pt, i) => {
    const all = parameters(model, pt);
    names.forEach((n, j) => (values[i * names.length + j] = all[n]!));
  });
  const out = new Float64Array(points.length * observables.length);
  new PointEvaluator(model, names, [...observables]).run(values, out);
  return points.map((_, i) => Array.from(out.subarray(i * observables.length, (i + 1) * observables.length)));
}
