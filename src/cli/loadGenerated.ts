// From a model file to its generated module, plus the option handling that solve, evolve and sweep share.
//
// Contract:
//  - loadGenerated(modelFile, approx, { module?, cache? }) takes a model file anywhere and imports its
//    generated module from the content-addressed cache (moduleCache.ts: derived on the fly when missing,
//    stale or corrupt; --cache DIR chooses the directory), then checks that it is the module of that model and
//    approximation. `module` names another module file instead: its default export is a GeneratedModel or a
//    factory ({ modelFile, approx }) => GeneratedModel.
//  - parseOptions: --name value and --name=value, repeatable options collected in order; an unknown option
//    is an InputError. readState reads an initial state {"re": [[…]], "im": [[…]]}.
//  - Every input problem is an InputError naming the argument; withInputErrors turns it into exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cachedModule } from './moduleCache.ts';
import { didYouMean, modelNameProblem } from '../model/names.ts';
import { parseJson } from '../model/json.ts';
import { FileError, readText } from '../io/files.ts';
import { oneLine } from '../model/model.ts';
import { unphysicalReason } from '../numeric/physics.ts';
import { minEigenvalueOf } from '../numeric/steady.ts';

/** Tolerance of the density-matrix checks of --from states (Hermiticity, trace, lowest eigenvalue). */
export const STATE_TOLERANCE = 1e-9;
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { importGeneratedModel, type ModuleRef } from '../numeric/sweep.ts';
import { InputError, buildParameterTable, parseAssignments, pointParams, type Assignment } from '../numeric/grid.ts';
import type { DensityMatrix } from '../numeric/steady.ts';

export { InputError };

import { type Approx, parseApproximation, variantName } from '../derive/approx.ts';
import { CUTOFF, parseCutoff } from '../derive/approximations/partialSecular.ts';

export type { Approx };

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

export interface LoadedModel {
  model: GeneratedModel;
  ref: ModuleRef;
  modelFile: string;
  modulePath: string;
  warnings: string[];
}

/** The model file's text and name (the cache key and the module check need both). */
/** The model file's text, its name, and its own "lambShift" default (false when absent; loading checks its type). */
function readModel(modelFile: string): { text: string; name: string; lambShift: boolean } {
  const text = readText(modelFile, 'model file');
  let json: any;
  try {
    json = parseJson(text);
  } catch (e) {
    throw new InputError(`model file ${modelFile}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof json?.name !== 'string' || json.name === '') throw new InputError(`model file ${modelFile}: has no "name"`);
  // the name reaches the cache path and the module check: refused here, before anything is derived or imported
  const why = modelNameProblem(json.name);
  if (why) throw new InputError(`model file ${modelFile}: name: ${why}`);
  return { text, name: json.name, lambShift: json.lambShift === true };
}

export async function loadGenerated(modelFileArg: string, approx: Approx, options: { module?: string; cache?: string; lambShift?: boolean } = {}): Promise<LoadedModel> {
  const modelFile = resolve(modelFileArg);
  const { text, name, lambShift: modelDefault } = readModel(modelFile);
  const lambShift = options.lambShift ?? modelDefault;
  const warnings: string[] = [];
  let modulePath: string;
  if (options.module) {
    modulePath = resolve(options.module);
    if (!existsSync(modulePath)) throw new InputError(`--module ${options.module}: no such file`);
  } else {
    // any model path: its module comes from the content-addressed cache (derived there on a miss)
    const shown = relative(process.cwd(), modelFile) || modelFile;
    const cached = await cachedModule(shown.startsWith('..') ? modelFile : shown, text, name, approx, packageVersion(), options.cache, lambShift);
    modulePath = cached.path;
    warnings.push(...cached.warnings);
  }
  const ref: ModuleRef = { url: pathToFileURL(modulePath).href, args: { modelFile, approx } };
  let model: GeneratedModel;
  try {
    model = await importGeneratedModel(ref);
  } catch (e) {
    throw new InputError(`cannot load the generated module ${modulePath}: ${(e as Error).message}`);
  }
  if (model.name !== name) throw new InputError(`${modulePath} is the module of "${model.name}", not of ${name}`);
  if (model.approx !== approx) throw new InputError(`${modulePath} is the ${model.approx} module, not the ${approx} one`);
  if ((model.lambShift ?? false) !== lambShift) throw new InputError(`${modulePath} is the module ${lambShift ? 'without' : 'with'} the Lamb shift; ${lambShift ? 'derive it with --lamb-shift' : 'use --lamb-shift'}`);
  return { model, ref, modelFile, modulePath, warnings };
}

// ---------------------------------------------------------------------------------------------
// Options

export interface OptionSpec {
  /** options that take a value */
  valued: string[];
  /** valued options that may repeat (all values kept, in order) */
  repeatable?: string[];
  /** options without a value */
  flags?: string[];
}

export interface Options {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
  get(name: string): string | undefined;
  all(name: string): string[];
}

export function parseOptions(args: string[], spec: OptionSpec): Options {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (spec.valued.includes(name)) {
      let v: string;
      if (eq >= 0) v = a.slice(eq + 1);
      else {
        if (i + 1 >= args.length) throw new InputError(`${name} needs a value`);
        v = args[++i]!;
      }
      if (values.has(name) && !spec.repeatable?.includes(name)) throw new InputError(`${name} given twice`);
      values.set(name, [...(values.get(name) ?? []), v]);
    } else if (spec.flags?.includes(name) && eq < 0) flags.add(name);
    else throw new InputError(`unknown option ${a}${didYouMean(name, [...spec.valued, ...(spec.flags ?? [])])} (options: ${[...spec.valued, ...(spec.flags ?? [])].join(', ')})`);
  }
  return { positional, values, flags, get: (n) => values.get(n)?.[0], all: (n) => values.get(n) ?? [] };
}

/** --lamb-shift / --no-lamb-shift; undefined leaves the model's default. */
export function lambShiftOption(o: Options): boolean | undefined {
  if (o.flags.has('--lamb-shift') && o.flags.has('--no-lamb-shift')) throw new InputError('give --lamb-shift or --no-lamb-shift, not both');
  return o.flags.has('--lamb-shift') ? true : o.flags.has('--no-lamb-shift') ? false : undefined;
}


export function approxOption(o: Options): Approx {
  const a = o.get('--approx');
  if (a === undefined) return 'nonsecular';
  try {
    return parseApproximation(a);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

export function assignmentsOf(o: Options): Assignment[] {
  return [...o.all('--set').flatMap((s) => parseAssignments(s)), ...cutoffAssignment(o)];
}

/** --cutoff c: the partial-secular cutoff (the module's secularCutoff parameter) at every point. */
function cutoffAssignment(o: Options): Assignment[] {
  const c = o.get('--cutoff');
  if (c === undefined) return [];
  if (approxOption(o) !== 'partial-secular') throw new InputError(`--cutoff applies to --approx partial-secular only (got --approx ${o.get('--approx') ?? 'redfield'})`);
  let value: number;
  try {
    value = parseCutoff(c);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  return parseAssignments(`${CUTOFF}=${value}`);
}

/** The single parameter point of --set (no grid), every parameter included. */
export function singlePoint(model: GeneratedModel, assignments: Assignment[]): Params {
  const table = buildParameterTable(model.parameters, [], assignments);
  return pointParams(table, 0, {});
}

/**
 * The physics check of solve and evolve at the point they solve (src/numeric/physics.ts): a negative transfer rate
 * (a temperature below 0, a channel raising the energy there, a negative spectrum) or a generator that is not finite
 * is an InputError naming the rate, the bath and the point. `L` is the filled generator when the caller has it.
 */
export function requirePhysical(model: GeneratedModel, p: Params, L?: Float64Array): void {
  let M = L;
  if (!M) {
    M = new Float64Array(2 * model.dimension ** 4);
    model.liouvillian(p, M);
  }
  const why = unphysicalReason(model, p, M);
  if (why) throw new InputError(why);
}

/**
 * Reads an n×n state {"re": [[…]], "im": [[…]]} (im optional); `what` names the argument. A density matrix is
 * Hermitian, of trace 1 and positive semidefinite, each within STATE_TOLERANCE: otherwise an InputError, or with
 * `force` a warning.
 */
export function readState(path: string, n: number, what: string, force = false): { rho: DensityMatrix; warnings: string[] } {
  let json: any;
  try {
    json = parseJson(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const matrix = (m: unknown, part: string): number[][] => {
    if (!Array.isArray(m) || m.length !== n || m.some((row) => !Array.isArray(row) || row.length !== n)) {
      throw new InputError(`${what} ${path}: "${part}" must be a ${n}×${n} array of numbers (the model has ${n} levels)`);
    }
    for (const row of m as unknown[][]) {
      for (const x of row) if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(`${what} ${path}: "${part}" has a non-finite entry ${JSON.stringify(x)}`);
    }
    return m as number[][];
  };
  if (json === null || typeof json !== 'object') throw new InputError(`${what} ${path}: expected {"re": [[…]], "im": [[…]]}`);
  const re = matrix(json.re, 're');
  const im = json.im === undefined ? null : matrix(json.im, 'im');
  const rho: DensityMatrix = { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      rho.re[a * n + b] = re[a]![b]!;
      rho.im[a * n + b] = im ? im[a]![b]! : 0;
    }
  }
  const warnings: string[] = [];
  let herm = 0;
  let tr = 0;
  for (let a = 0; a < n; a++) {
    tr += rho.re[a * n + a]!;
    for (let b = 0; b < n; b++) herm = Math.max(herm, Math.hypot(rho.re[a * n + b]! - rho.re[b * n + a]!, rho.im[a * n + b]! + rho.im[b * n + a]!));
  }
  const problems: string[] = [];
  if (herm > STATE_TOLERANCE) problems.push(`is not Hermitian (defect ${herm.toExponential(2)})`);
  if (Math.abs(tr - 1) > STATE_TOLERANCE) problems.push(`has trace ${tr}, not 1`);
  if (herm <= STATE_TOLERANCE) {
    const lowest = minEigenvalueOf(rho);
    if (lowest < -STATE_TOLERANCE) problems.push(`is not positive semidefinite (eigenvalue ${lowest.toExponential(3)})`);
  }
  if (problems.length && !force) throw new InputError(`${what} ${path}: the state ${problems.join(', ')}: not a density matrix (give --force to start from it anyway)`);
  warnings.push(...problems.map((p) => `the initial state in ${path} ${p}`));
  return { rho, warnings };
}

/** Runs a command body; InputErrors become a message naming the argument and exit code 2. */
export async function withInputErrors(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof InputError || e instanceof FileError) {
      console.error(`bornmarkov: ${oneLine(e.message)}`);
      return 2;
    }
    throw e;
  }
}

/** n×n split matrix → nested arrays. */
export function nested(values: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, a) => Array.from(values.subarray(a * n, a * n + n)));
}
