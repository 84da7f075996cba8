// `bornmarkov derive <model.json> [--approx A] [--out DIR] [--target a,b]`: derive the model and
// write the emit targets (src/emit/targets.ts; tex, ts and json unless --target names others) as
// <out>/<model name>.<approx>.<ext>, both approximations unless --approx names one; default --out
// derivations/generated.
// Contract: all file texts are built before anything is written, then written to temporary files in the
// output directory and renamed into place, so bad input (unknown option, a model failing validation, an
// output directory that cannot be created or written, a model name that cannot name files) leaves no partial
// files; it prints one line on stderr and returns 2. regenerateAll(outDir) emits every model under
// derivations/ (the drift test's source of truth).
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError } from '../model/model.ts';
import { InputError, approxOption, lambShiftOption, parseOptions, withInputErrors } from './options.ts';
import { loadModelFile } from '../model/load.ts';
import { parseCutoff } from '../derive/approximations/partialSecular.ts';
import { type Approx, APPROXIMATIONS, APPROXIMATION_LIST, ApproximationRefused, applicableApproximations } from '../derive/approx.ts';
import { modelNameProblem } from '../model/names.ts';
import { FileError, checkOutputDirectory, makeOutputDirectory, writeAtomicSet } from '../io/files.ts';
import { deriveTable } from '../derive/table.ts';
import { DEFAULT_TARGETS, type EmitTarget, TARGETS, outputName, targetsNamed } from '../emit/targets.ts';
import { derivationModels } from '../model/files.ts';

export const DEFAULT_OUT = join('derivations', 'generated');
const CONTRACT = fileURLToPath(new URL('../numeric/generatedModel.ts', import.meta.url));
const USAGE = `usage: bornmarkov derive <model.json> [--approx ${APPROXIMATION_LIST.map((a) => a.name).join('|')}] [--cutoff c] [--lamb-shift | --no-lamb-shift] [--out DIR] [--target ${TARGETS.map((t) => t.name).join(',')}]`;

const posix = (p: string) => p.split(sep).join('/');

/** How a model file is named in generated headers: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? posix(rel) : posix(file);
}

/** The import path of the generated-module contract as seen from outDir. */
function contractImport(outDir: string): string {
  const rel = posix(relative(resolve(outDir), CONTRACT));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Every output file of one model: file name → text (nothing is written). */
export function emitModel(
  file: string,
  approxes: readonly Approx[],
  outDir: string,
  targets: readonly EmitTarget[] = DEFAULT_TARGETS,
  options: { lambShift?: boolean; notices?: string[]; onlyApplicable?: boolean; cutoff?: number } = {},
): Map<string, string> {
  const model = loadModelFile(file);
  options.notices?.push(...(model.notices ?? []));
  // The name becomes part of every output path: nothing that could leave the output directory or hide a file
  // (the loader refuses such names already; this keeps the guarantee next to the paths it protects).
  const nameWhy = modelNameProblem(model.name);
  if (nameWhy) throw new ModelError(basename(file), 'name', nameWhy);
  const context = { source: displayPath(resolve(file)), contractImport: contractImport(outDir) };
  const files = new Map<string, string>();
  for (const approx of approxes) {
    // every approximation that applies (the default), or the one asked for, which must
    if (options.onlyApplicable && !applicableApproximations(model, options.lambShift ?? model.lambShift).includes(approx)) continue;
    const table = guardDerivation(file, () => deriveTable(model, approx, options));
    for (const target of targets) files.set(outputName(table, target), target.emit(table, context));
  }
  return files;
}

/** A refusal of the derivation itself (e.g. the Lamb shift of a model without Hermitian couplings) names the file. */
function guardDerivation<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ApproximationRefused) throw new ModelError(basename(file), 'approx', e.message);
    if (e instanceof RangeError) throw new ModelError(basename(file), 'lambShift', e.message);
    throw e;
  }
}

/**
 * Write all files or none: temporaries first, then renames. A directory created here is removed again on
 * failure. Existing non-files in the way are refused before anything is written.
 */
export function writeAllOrNothing(outDir: string, files: Map<string, string>): string[] {
  let created: string | undefined;
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(outDir);
  } catch {
    // absent, or a parent is not a directory: makeOutputDirectory below says which
  }
  if (existing && !existing.isDirectory()) throw new InputError(`--out ${outDir}: exists and is not a directory; nothing was written`);
  try {
    created = makeOutputDirectory(outDir, '--out');
    if (!statSync(outDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    if (e instanceof FileError && e.code === 'SPECIAL') throw new InputError(`${e.message}; nothing was written`);
    throw new InputError(
      `--out ${outDir}: cannot create the output directory (${e instanceof FileError ? `${e.code}: ${e.reason}` : reason(e)}); nothing was written`,
    );
  }
  const cleanUp = (temps: string[]) => {
    for (const t of temps) rmSync(t, { force: true });
    if (created) rmSync(created, { recursive: true, force: true });
  };
  for (const name of files.keys()) {
    const target = join(outDir, name);
    let isFile = true;
    try {
      isFile = statSync(target).isFile();
    } catch {
      // absent: fine
    }
    if (!isFile) {
      cleanUp([]);
      throw new InputError(`--out ${outDir}: ${name} exists and is not a regular file; nothing was written`);
    }
  }
  // Temporaries in the output directory, renamed as one set once all are written; interrupted by SIGINT or
  // SIGTERM, they are removed; left by SIGKILL, the next write removes them (src/io/files.ts).
  try {
    checkOutputDirectory(outDir, '--out');
  } catch (e) {
    cleanUp([]);
    throw new InputError(`${(e as Error).message}; nothing was written`);
  }
  const written = [...files.keys()].map((name) => join(outDir, name));
  try {
    writeAtomicSet(
      [...files.values()].map((text, i) => [written[i]!, text] as const),
      '--out',
    );
  } catch (e) {
    // A directory created here goes entirely (nothing was there before); in an existing one the files renamed
    // before the failure stay, and are named in the reason.
    cleanUp([]);
    if (!(e instanceof FileError)) throw e;
    throw new InputError(
      `--out ${outDir}: cannot write (${e.code}: ${e.path}: ${e.reason})${/already renamed/.test(e.reason) ? '' : '; nothing was written'}`,
    );
  }
  return written;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message.replace(/^\w+: /, '')}` : err.message;
}

interface DeriveArgs {
  model: string;
  approxes: readonly Approx[];
  out: string;
  targets: readonly EmitTarget[];
  /** undefined: the model's own default */
  lambShift?: boolean;
  /** partial-secular: the default of its cutoff parameter */
  cutoff?: number;
}

function parseDeriveArgs(args: string[]): DeriveArgs {
  const o = parseOptions(args, {
    valued: ['--approx', '--cutoff', '--out', '--target'],
    flags: ['--lamb-shift', '--no-lamb-shift'],
    usage: true,
  });
  if (o.positional.length !== 1) throw new InputError(`derive takes exactly one model file, got ${o.positional.length}`, { usage: true });
  const approx = o.get('--approx') === undefined ? undefined : approxOption(o);
  const out = o.get('--out') ?? DEFAULT_OUT;
  if (out === '') throw new InputError('--out needs a directory');
  const target = o.get('--target');
  let targets = DEFAULT_TARGETS;
  if (target !== undefined) {
    try {
      targets = [...new Set(targetsNamed(target))];
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  }
  const cutoffText = o.get('--cutoff');
  let cutoff: number | undefined;
  if (cutoffText !== undefined) {
    if (approx !== 'partial-secular') throw new InputError('--cutoff applies to --approx partial-secular only');
    try {
      cutoff = parseCutoff(cutoffText);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  }
  return { model: o.positional[0]!, approxes: approx ? [approx] : APPROXIMATIONS, out, targets, lambShift: lambShiftOption(o), cutoff };
}

export async function runDerive(args: string[]): Promise<number> {
  return withInputErrors(
    async () => {
      const a = parseDeriveArgs(args);
      const notices: string[] = [];
      const files = emitModel(a.model, a.approxes, a.out, a.targets, {
        lambShift: a.lambShift,
        notices,
        onlyApplicable: a.approxes.length > 1,
        cutoff: a.cutoff,
      });
      for (const n of notices) console.error(`bornmarkov derive: notice: ${n}`);
      for (const f of writeAllOrNothing(a.out, files)) console.log(`wrote ${f}`);
      return 0;
    },
    { prefix: 'bornmarkov derive', usage: USAGE },
  );
}

/**
 * Every output of every model under root, both approximations: file name → text. Written to outDir (all or
 * nothing) unless dryRun; the drift test compares the dry run with the committed files.
 */
export function regenerateAll(outDir: string = DEFAULT_OUT, options: { dryRun?: boolean; root?: string } = {}): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of derivationModels(options.root)) {
    for (const [name, text] of emitCommitted(file, outDir)) {
      if (all.has(name)) throw new Error(`two models under ${options.root ?? 'derivations'} produce ${name}: model names must be distinct`);
      all.set(name, text);
    }
  }
  if (!options.dryRun) writeAllOrNothing(outDir, all);
  return all;
}

/**
 * The outputs committed for one model: both approximations, and for models with Hermitian couplings also
 * their Lamb-shift variants, so that solve/sweep --lamb-shift find a module.
 */
export function emitCommitted(file: string, outDir: string = DEFAULT_OUT): Map<string, string> {
  const out = emitModel(file, APPROXIMATIONS, outDir, DEFAULT_TARGETS, { lambShift: false, onlyApplicable: true });
  if (loadModelFile(file).couplings.length)
    for (const [k, v] of emitModel(file, APPROXIMATIONS, outDir, DEFAULT_TARGETS, { lambShift: true, onlyApplicable: true })) out.set(k, v);
  return out;
}

/** Generated files present in outDir (by name pattern), for spotting stale ones. */
export function generatedFilesIn(outDir: string = DEFAULT_OUT): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  const exts = DEFAULT_TARGETS.map((t) => t.extension).join('|');
  const pattern = new RegExp(`\\.(${APPROXIMATIONS.join('|')})(\\.lamb-shift)?\\.(${exts})$`);
  return names.filter((n) => pattern.test(n)).sort();
}
