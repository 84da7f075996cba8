// The approximations a derivation is made in, one object each in ./approximations/ (what it keeps or rebuilds,
// its citation, whether it is GKLS), listed here once. Everything else asks this registry: the command line
// (names and aliases), file names (the tag), the derivation (the object's hooks).
import type { Model } from '../model/model.ts';
import type { Approx, Approximation } from './approximations/approximation.ts';
import { redfield } from './approximations/redfield.ts';
import { secular } from './approximations/secular.ts';
import { partialSecular } from './approximations/partialSecular.ts';
import { ule } from './approximations/ule.ts';
import { local } from './approximations/local.ts';

export type { Approx, Approximation } from './approximations/approximation.ts';

/** An approximation that does not apply to a model (the local equation without sites, …), with the reason. */
export class ApproximationRefused extends RangeError {}

/** Every approximation, in the order outputs and reports list them. */
export const APPROXIMATION_LIST: readonly Approximation[] = [secular, redfield, partialSecular, ule, local];
/** Their tags. */
export const APPROXIMATIONS: readonly Approx[] = APPROXIMATION_LIST.map((a) => a.tag);
/** The two of the source papers (seed tables are checked in these). */
export const PAPER_APPROXIMATIONS: readonly Approx[] = ['secular', 'nonsecular'];

export function approximation(tag: Approx): Approximation {
  const a = APPROXIMATION_LIST.find((x) => x.tag === tag);
  if (!a) throw new Error(`internal: no approximation ${tag}`);
  return a;
}

/** One line listing the names `--approx` takes. */
export const APPROXIMATION_NAMES = APPROXIMATION_LIST.map((a) =>
  a.aliases.length ? `${a.name} (or ${a.aliases.join(', ')})` : a.name,
).join(', ');

/** The approximations that apply to a model (with or without the principal values), in list order. */
export function applicableApproximations(model: Model, lambShift = model.lambShift): Approx[] {
  return APPROXIMATION_LIST.filter((a) => !a.refuses?.(model) && !(lambShift && a.noLambShift)).map((a) => a.tag);
}

/** The tag of a name or alias given by a user; RangeError naming the choices otherwise. */
export function parseApproximation(text: string, what = '--approx'): Approx {
  const a = APPROXIMATION_LIST.find((x) => x.name === text || x.tag === text || x.aliases.includes(text));
  if (!a) throw new RangeError(`${what} must be one of ${APPROXIMATION_NAMES}, got "${text.slice(0, 40)}"`);
  return a.tag;
}

/**
 * The name of a derivation's outputs between model name and extension: the approximation's tag, with
 * ".lamb-shift" when the principal values are kept (<name>.nonsecular.lamb-shift.ts).
 */
export function variantName(approx: Approx, lambShift: boolean): string {
  return lambShift ? `${approx}.lamb-shift` : approx;
}
