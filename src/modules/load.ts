// From a model file anywhere to its generated module, for the commands and the report alike. Contract:
//  - loadGenerated(modelFile, approx, { module?, cache?, lambShift? }) imports the model's generated module from
//    the content-addressed cache (cache.ts: derived on the fly when missing, stale or corrupt; `cache` chooses the
//    directory), then checks that it is the module of that model, approximation and Lamb-shift choice. `module`
//    names another module file instead: its default export is a GeneratedModel or a factory
//    ({ modelFile, approx }) => GeneratedModel;
//  - every problem is an InputError naming the file or the option.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedModule } from './cache.ts';
import { modelNameProblem } from '../model/names.ts';
import { parseJson } from '../model/json.ts';
import { readText } from '../io/files.ts';
import { InputError } from '../errors.ts';
import type { GeneratedModel } from '../numeric/generatedModel.ts';
import { importGeneratedModel, type ModuleRef } from '../numeric/sweep.ts';
import type { Approx } from '../derive/approx.ts';

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
  /** the model file's "title" and "source" when they are strings (the explorer page shows them) */
  title?: string;
  source?: string;
}

/** The model file's text, its name, its own "lambShift" default (false when absent; loading checks its type), title and source. */
function readModel(modelFile: string): { text: string; name: string; lambShift: boolean; title?: string; source?: string } {
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
  const string = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { text, name: json.name, lambShift: json.lambShift === true, title: string(json.title), source: string(json.source) };
}

export async function loadGenerated(
  modelFileArg: string,
  approx: Approx,
  options: { module?: string; cache?: string; lambShift?: boolean } = {},
): Promise<LoadedModel> {
  const modelFile = resolve(modelFileArg);
  const { text, name, lambShift: modelDefault, title, source } = readModel(modelFile);
  const lambShift = options.lambShift ?? modelDefault;
  const warnings: string[] = [];
  let modulePath: string;
  if (options.module) {
    modulePath = resolve(options.module);
    if (!existsSync(modulePath)) throw new InputError(`--module ${options.module}: no such file`);
  } else {
    // any model path: its module comes from the content-addressed cache (derived there on a miss)
    const shown = relative(process.cwd(), modelFile) || modelFile;
    const cached = await cachedModule(
      shown.startsWith('..') ? modelFile : shown,
      text,
      name,
      approx,
      packageVersion(),
      options.cache,
      lambShift,
    );
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
  if ((model.lambShift ?? false) !== lambShift)
    throw new InputError(
      `${modulePath} is the module ${lambShift ? 'without' : 'with'} the Lamb shift; ${lambShift ? 'derive it with --lamb-shift' : 'use --lamb-shift'}`,
    );
  return { model, ref, modelFile, modulePath, warnings, title, source };
}
