// The module cache of solve, evolve and sweep: a model file anywhere → its generated module as plain
// JavaScript, derived on the fly and cached by the SHA-256 of the model text. Contract:
//   - the cache directory is --cache DIR, else $BORNMARKOV_CACHE, else $XDG_CACHE_HOME/bornmarkov, else
//     ~/.cache/bornmarkov; entries live under <dir>/<bornmarkov version>/<model name>-<sha256>/ (so a new
//     version never reads an old generator's output) as <approx>.mjs plus <approx>.sha256, the hash of the module text;
//   - staleness is decided by content only: another model text is another entry; a module whose text no
//     longer has its recorded hash (corrupt, truncated, edited) is rebuilt, with a warning;
//   - the .sha256 file also records GENERATOR_FORMAT: a module written by a generator before the escaping and
//     name checks of issue 13 (or any other format) is never imported, it is derived again;
//   - the model name is checked (src/model/names.ts) before any path is built from it, and the entry is a
//     direct child of <dir>/<version>;
//   - nothing is written anywhere else (never into the repository); files are written to temporaries and
//     renamed into place, so a concurrent or interrupted run never leaves a half-written module;
//   - an unwritable cache is an InputError naming --cache (or the variable it came from); the symbolic layers
//     are imported only on a cache miss, so a hit costs a hash and an import.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { modelNameProblem } from '../model/names.ts';
import { parseJson } from '../model/json.ts';
import { FileError, makeOutputDirectory, writeAtomicSet } from '../io/files.ts';
import { InputError } from '../errors.ts';
import { type Approx, variantName } from '../derive/approx.ts';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** Bumped whenever generated modules of an older bornmarkov must not be imported any more (2: issue 13's escaping). */
export const GENERATOR_FORMAT = 3;
const record = (moduleText: string | Buffer): string => `${sha256(moduleText)} generator-format ${GENERATOR_FORMAT}`;

/** The cache directory and how it was chosen (for error messages). */
export function cacheDirectory(option?: string): { dir: string; from: string } {
  if (option !== undefined) {
    if (option === '') throw new InputError('--cache needs a directory');
    return { dir: option, from: `--cache ${option}` };
  }
  if (process.env.BORNMARKOV_CACHE) return { dir: process.env.BORNMARKOV_CACHE, from: `BORNMARKOV_CACHE=${process.env.BORNMARKOV_CACHE}` };
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(base, 'bornmarkov');
  return { dir, from: `the cache directory ${dir} (choose another with --cache DIR)` };
}

export interface CachedModule {
  path: string;
  /** true when it was derived now */
  derived: boolean;
  warnings: string[];
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message;
}

/**
 * The cached JavaScript module of (model text, approx), derived and written when missing or corrupt.
 * `modelFile` names the model in messages; `version` is bornmarkov's.
 */
export async function cachedModule(
  modelFile: string,
  modelText: string,
  name: string,
  approx: Approx,
  version: string,
  cacheOption?: string,
  lambShift = false,
): Promise<CachedModule> {
  const { dir, from } = cacheDirectory(cacheOption);
  const why = modelNameProblem(name);
  if (why) throw new InputError(`${modelFile}: name: ${why}`);
  const root = resolve(dir, version);
  const entry = join(root, `${name}-${sha256(modelText)}`);
  // defence in depth: the entry is a direct child of <dir>/<version>, whatever the name held
  if (dirname(entry) !== root) throw new InputError(`${modelFile}: name: ${JSON.stringify(name)} would leave the cache directory`);
  const variant = variantName(approx, lambShift);
  const path = join(entry, `${variant}.mjs`);
  const hashFile = join(entry, `${variant}.sha256`);
  const warnings: string[] = [];
  if (existsSync(path) && existsSync(hashFile)) {
    const recorded = readFileSync(hashFile, 'utf8').trim();
    if (recorded === record(readFileSync(path))) return { path, derived: false, warnings };
    if (/^[0-9a-f]{64}$/.test(recorded) && recorded === sha256(readFileSync(path))) {
      warnings.push(`the cached module ${path} was written by an older generator: derived it again`);
    } else warnings.push(`the cached module ${path} did not match its recorded SHA-256 (corrupt or edited): derived it again`);
  }
  // Derive now; the symbolic layers load only here.
  const [{ loadModel }, { deriveTable }, { typescriptModule }] = await Promise.all([
    import('../model/load.ts'),
    import('../derive/table.ts'),
    import('../emit/typescript.ts'),
  ]);
  let table;
  try {
    table = deriveTable(loadModel(parseJson(modelText), modelFile), approx, { lambShift });
  } catch (e) {
    // the derivation refuses (e.g. the Lamb shift of RWA channels, whose principal values diverge): say why
    if (e instanceof RangeError) throw new InputError(`${modelFile}: ${e.message}`);
    throw e;
  }
  const text = typescriptModule(table, { source: modelFile, flavor: 'js' });
  try {
    makeOutputDirectory(entry, '');
  } catch (e) {
    throw new InputError(`${from}: cannot create ${entry} (${e instanceof FileError ? e.reason : reason(e)})`);
  }
  try {
    // the module first: a reader that sees the new hash also sees the new module (src/io/files.ts renames in order;
    // its temporaries go on SIGINT/SIGTERM and, after a SIGKILL, at the next write here)
    writeAtomicSet(
      [
        [path, text],
        [hashFile, `${record(text)}\n`],
      ],
      '',
    );
  } catch (e) {
    throw new InputError(`${from}: cannot write the generated module (${e instanceof FileError ? `${e.path}: ${e.reason}` : reason(e)})`);
  }
  return { path, derived: true, warnings };
}
