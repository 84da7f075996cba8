// Argument handling shared by the check and show commands: positional arguments, flags, --approx.
import { type Approx, parseApproximation } from '../derive/approx.ts';
import { didYouMean } from '../model/names.ts';

/** A problem with the command line itself: main prints it with the usage text and exits 2. */
export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `valued` options take a value, `flags` do not; any other --option is a UsageError with a suggestion. */
export function parseArgs(args: string[], valued: string[], flagNames: string[] = []): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (valued.includes(a)) {
      if (i + 1 >= args.length) throw new UsageError(`${a} needs a value`);
      flags.set(a, args[++i]);
    } else if (flagNames.includes(a)) flags.set(a, true);
    else throw new UsageError(`unknown option ${a}${didYouMean(a, [...valued, ...flagNames])}`);
  }
  return { positional, flags };
}

export function approxOf(p: Parsed, fallback: Approx): Approx {
  const a = p.flags.get('--approx');
  if (a === undefined) return fallback;
  if (a === true) throw new UsageError('--approx needs a value');
  try {
    return parseApproximation(String(a));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

