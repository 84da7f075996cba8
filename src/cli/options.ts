// The command line of every bornmarkov command: one option parser and the options several commands share. Contract:
//  - parseOptions(args, spec): --name value and --name=value; repeatable options collected in order; flags take
//    no value; an unknown option, a missing value or an option given twice is an InputError (with a suggestion);
//  - approxOption, lambShiftOption, assignmentsOf (--set and --cutoff): the shared options, their errors naming them;
//  - withInputErrors(body) runs a command: an InputError (src/errors.ts), ModelError or FileError becomes one
//    line on stderr ("bornmarkov: …", followed by the usage text when the error asks for it) and exit code 2.
import { didYouMean } from '../model/names.ts';
import { ModelError, oneLine } from '../model/model.ts';
import { FileError } from '../io/files.ts';
import { InputError } from '../errors.ts';
import { parseAssignments, type Assignment } from '../numeric/grid.ts';
import { type Approx, parseApproximation } from '../derive/approx.ts';
import { CUTOFF, parseCutoff } from '../derive/approximations/partialSecular.ts';

export { InputError };

export interface OptionSpec {
  /** options that take a value */
  valued: string[];
  /** valued options that may repeat (all values kept, in order) */
  repeatable?: string[];
  /** options without a value */
  flags?: string[];
  /** whether a refused option is followed by the usage text (check, show, derive) */
  usage?: boolean;
}

export interface Options {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
  get(name: string): string | undefined;
  all(name: string): string[];
}

export function parseOptions(args: string[], spec: OptionSpec): Options {
  const refuse = (message: string) => new InputError(message, { usage: spec.usage });
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
        if (i + 1 >= args.length) throw refuse(`${name} needs a value`);
        v = args[++i]!;
      }
      if (values.has(name) && !spec.repeatable?.includes(name)) throw refuse(`${name} given twice`);
      values.set(name, [...(values.get(name) ?? []), v]);
    } else if (spec.flags?.includes(name) && eq < 0) {
      if (flags.has(name)) throw refuse(`${name} given twice`);
      flags.add(name);
    } else
      throw refuse(
        `unknown option ${a}${didYouMean(name, [...spec.valued, ...(spec.flags ?? [])])} (options: ${[...spec.valued, ...(spec.flags ?? [])].join(', ')})`,
      );
  }
  return { positional, values, flags, get: (n) => values.get(n)?.[0], all: (n) => values.get(n) ?? [] };
}

/** --lamb-shift / --no-lamb-shift; undefined leaves the model's default. */
export function lambShiftOption(o: Options): boolean | undefined {
  if (o.flags.has('--lamb-shift') && o.flags.has('--no-lamb-shift')) throw new InputError('give --lamb-shift or --no-lamb-shift, not both');
  return o.flags.has('--lamb-shift') ? true : o.flags.has('--no-lamb-shift') ? false : undefined;
}

/** --approx, through the registry of approximations; `fallback` when it is not given. */
export function approxOption(o: Options, fallback: Approx = 'nonsecular'): Approx {
  const a = o.get('--approx');
  if (a === undefined) return fallback;
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
  if (approxOption(o) !== 'partial-secular')
    throw new InputError(`--cutoff applies to --approx partial-secular only (got --approx ${o.get('--approx') ?? 'redfield'})`);
  let value: number;
  try {
    value = parseCutoff(c);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  return parseAssignments(`${CUTOFF}=${value}`);
}

export interface Refusal {
  /** what the line starts with: "bornmarkov" or "bornmarkov <command>" */
  prefix?: string;
  /** the usage text that follows an InputError whose `usage` is set */
  usage?: string;
}

/** One line for a refused input ("<prefix>: message", the usage text after it when asked), or undefined for a bug. */
export function refusal(e: unknown, { prefix = 'bornmarkov', usage }: Refusal = {}): string | undefined {
  if (!(e instanceof InputError || e instanceof ModelError || e instanceof FileError)) return undefined;
  const tail = e instanceof InputError && e.usage && usage ? `\n${usage}` : '';
  return `${prefix}: ${oneLine(e.message)}${tail}`;
}

/** Runs a command body; an InputError, ModelError or FileError becomes its one-line message and exit code 2. */
export async function withInputErrors(body: () => Promise<number>, how: Refusal = {}): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const line = refusal(e, how);
    if (line === undefined) throw e;
    console.error(line);
    return 2;
  }
}
