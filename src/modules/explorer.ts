// The explorer of a model as files a browser loads: its page configuration, its generated module and
// bornmarkov's numeric layer (dist/numeric/*.js when built; the TypeScript sources transpiled in a checkout).
// `bornmarkov explore` serves them (servedFiles); the report writes one self-contained HTML page per seed model
// with every module inlined (staticExplorerPage; see explorerPage.ts), which works opened from disk, offline.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import type { LoadedModel } from './load.ts';
import { type ExploreConfig, explorePage, slidersFor } from './explorerPage.ts';

const NUMERIC_MODULES = ['steady', 'observables', 'eigen', 'lu', 'complexMatrix', 'generatedModel', 'lambShift', 'diagnostics'];

let numericLibraryOnce: Promise<Map<string, string>> | undefined;
/** The numeric layer as browser-loadable JavaScript (once per process: the report builds a page per seed model). */
const numericLibrary = (): Promise<Map<string, string>> => (numericLibraryOnce ??= readNumericLibrary());

/** The compiled files, or the sources transpiled now. */
async function readNumericLibrary(): Promise<Map<string, string>> {
  const lib = new Map<string, string>();
  const compiled = import.meta.url.endsWith('.js');
  for (const m of NUMERIC_MODULES) {
    const url = new URL(`../numeric/${m}.${compiled ? 'js' : 'ts'}`, import.meta.url);
    const text = readFileSync(fileURLToPath(url), 'utf8');
    if (compiled) {
      lib.set(`${m}.js`, text);
      continue;
    }
    // a checkout run through tsx: typescript is a dev dependency there
    const ts = (await import('typescript')).default;
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    lib.set(`${m}.js`, js.replace(/(from\s+['"]\.\/[A-Za-z]+)\.ts(['"])/g, '$1.js$2'));
  }
  return lib;
}

/** What an explorer page needs: its configuration and the JavaScript modules it imports, by path relative to the page. */
export interface ExplorerBundle {
  config: ExploreConfig;
  /** 'model.mjs' (the generated module) and 'lib/<name>.js' (the numeric layer) → module source */
  modules: Map<string, string>;
}

/**
 * The explorer of a loaded model: the page configuration, the generated module (its Lamb-shift import, a file URL,
 * rewritten to ./lib/lambShift.js) and the numeric layer. Both the server below and the static page of the report
 * (explorePage with the modules inlined) are built from this.
 */
export async function explorerBundle(loaded: LoadedModel): Promise<ExplorerBundle> {
  if (!loaded.modulePath.endsWith('.mjs') && !loaded.modulePath.endsWith('.js'))
    throw new InputError(`--module ${loaded.modulePath}: the browser needs a JavaScript module (.mjs or .js)`);
  const { model } = loaded;
  const sliders = slidersFor(model.parameters);
  const temperature = model.parameters.find((p) => p.kind === 'temperature') ?? model.parameters[0]!;
  const n = model.dimension;
  const config: ExploreConfig = {
    title: loaded.title ?? model.name,
    name: model.name,
    approx: model.approx,
    source: loaded.source ?? '',
    basis: model.basis,
    sliders,
    curve: { parameter: temperature.name, i: n >= 3 ? 2 : 1, j: n >= 3 ? 1 : 0, points: 201 },
  };
  if (!existsSync(loaded.modulePath)) throw new InputError(`the generated module ${loaded.modulePath} disappeared`);
  // a Lamb-shift module imports its quadrature by file URL: in the page, from ./lib/
  const modules = new Map<string, string>([
    [
      'model.mjs',
      readFileSync(loaded.modulePath, 'utf8').replace(/from "file:[^"]*\/numeric\/lambShift\.(?:js|ts)"/, 'from "./lib/lambShift.js"'),
    ],
  ]);
  for (const [name, body] of await numericLibrary()) modules.set(`lib/${name}`, body);
  return { config, modules };
}

/** The files `explore` serves: the page at / and every module at /<path>. */
export function servedFiles(bundle: ExplorerBundle): Map<string, { type: string; body: string }> {
  const files = new Map<string, { type: string; body: string }>([
    ['/', { type: 'text/html; charset=utf-8', body: explorePage(bundle.config) }],
  ]);
  for (const [path, body] of bundle.modules) files.set(`/${path}`, { type: 'text/javascript; charset=utf-8', body });
  return files;
}

/** One self-contained HTML file: the page with every module inlined (works from a file:// URL, offline). */
export const staticExplorerPage = (bundle: ExplorerBundle): string => explorePage(bundle.config, bundle.modules);
