// The parameter point and the initial state of solve and evolve. Contract:
//  - singlePoint(model, assignments): every parameter at the one point of --set (the grid checks included);
//  - requirePhysical(model, p, L?): the physics check of that point (src/numeric/physics.ts), an InputError naming
//    what is violated;
//  - readState(path, n, what, force): an initial state {"re": [[…]], "im": [[…]]}, checked to be a density matrix
//    (Hermitian, trace 1, positive semidefinite, each within STATE_TOLERANCE), else an InputError (a warning with
//    force); nested(values, n): a split n×n matrix as nested arrays.
import { readFileSync } from 'node:fs';
import { parseJson } from '../model/json.ts';
import { InputError } from '../errors.ts';
import { unphysicalReason } from '../numeric/physics.ts';
import { minEigenvalueOf } from '../numeric/steady.ts';
import type { DensityMatrix } from '../numeric/steady.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { buildParameterTable, pointParams, type Assignment } from '../numeric/grid.ts';

/** Tolerance of the density-matrix checks of --from states (Hermiticity, trace, lowest eigenvalue). */
export const STATE_TOLERANCE = 1e-9;

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
      for (const x of row)
        if (typeof x !== 'number' || !Number.isFinite(x))
          throw new InputError(`${what} ${path}: "${part}" has a non-finite entry ${JSON.stringify(x)}`);
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
    for (let b = 0; b < n; b++)
      herm = Math.max(herm, Math.hypot(rho.re[a * n + b]! - rho.re[b * n + a]!, rho.im[a * n + b]! + rho.im[b * n + a]!));
  }
  const problems: string[] = [];
  if (herm > STATE_TOLERANCE) problems.push(`is not Hermitian (defect ${herm.toExponential(2)})`);
  if (Math.abs(tr - 1) > STATE_TOLERANCE) problems.push(`has trace ${tr}, not 1`);
  if (herm <= STATE_TOLERANCE) {
    const lowest = minEigenvalueOf(rho);
    if (lowest < -STATE_TOLERANCE) problems.push(`is not positive semidefinite (eigenvalue ${lowest.toExponential(3)})`);
  }
  if (problems.length && !force)
    throw new InputError(`${what} ${path}: the state ${problems.join(', ')}: not a density matrix (give --force to start from it anyway)`);
  warnings.push(...problems.map((p) => `the initial state in ${path} ${p}`));
  return { rho, warnings };
}

/** n×n split matrix → nested arrays. */
export function nested(values: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, a) => Array.from(values.subarray(a * n, a * n + n)));
}
