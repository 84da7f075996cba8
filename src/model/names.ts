// The grammars of every name a model file gives: the one place that says which texts may name things, so that
// nothing a model file names can break a generated file, a file path or a printed formula.
//
//  - identifiers (parameters, definitions, angles, eigenstates, Bohr frequencies, named operators, couplings,
//    bath functions): [A-Za-z][A-Za-z0-9_]*, at most 64 characters;
//  - labels (basis levels, sites, RWA channels, baths; the papers number some of them: "1", "2"):
//    [A-Za-z0-9][A-Za-z0-9_]*, at most 64 characters;
//  - the model name, which names files (<name>.<approx>.<ext>) and cache entries: [A-Za-z0-9][A-Za-z0-9._-]*,
//    at most 100 characters, no "..";
//  - free text (title, source, unit, descriptions, notes): any text up to 10 000 characters; the emitters
//    escape it for their target (src/emit/escape.ts, texText, the HTML escape).
// This module imports nothing, so the CLI can check a model name before loading anything heavier.

export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
export const LABEL = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_NAME = 64;
export const MAX_MODEL_NAME = 100;
export const MAX_FREE_TEXT = 10_000;

/** A short, printable rendering of a rejected name for messages (never more than 40 characters, no raw controls). */
export function shownName(s: string): string {
  const clipped = s.length > 40 ? `${s.slice(0, 37)}...` : s;
  return JSON.stringify(clipped).replace(/[\u2028\u2029\p{Cf}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why `s` is not an identifier, or undefined when it is one. */
export function identifierProblem(s: string): string | undefined {
  if (s.length > MAX_NAME) return `${shownName(s)} is longer than ${MAX_NAME} characters`;
  if (!IDENTIFIER.test(s)) return `${shownName(s)} is not an identifier (a letter, then letters, digits or _)`;
  return undefined;
}

/** Why `s` is not a label, or undefined when it is one. */
export function labelProblem(s: string): string | undefined {
  if (s.length > MAX_NAME) return `${shownName(s)} is longer than ${MAX_NAME} characters`;
  if (!LABEL.test(s)) return `${shownName(s)} is not a label (letters, digits or _, not starting with _)`;
  return undefined;
}

/** Why `s` cannot be a model name, or undefined when it can. */
export function modelNameProblem(s: string): string | undefined {
  if (s.length > MAX_MODEL_NAME) return `${shownName(s)} is longer than ${MAX_MODEL_NAME} characters`;
  if (!MODEL_NAME.test(s) || s.includes('..')) {
    return `${shownName(s)} cannot name the output files <name>.<approx>.<ext> (use letters, digits, ".", "_", "-", starting with a letter or digit, no "..")`;
  }
  return undefined;
}

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** ` (did you mean "x"?)` for the closest of `options` within a few edits of `word`, else ''. */
export function didYouMean(word: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const dist = distance(word.toLowerCase(), o.toLowerCase());
    if (dist < bestD) [best, bestD] = [o, dist];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}
