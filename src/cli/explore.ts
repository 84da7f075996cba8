// `bornmarkov explore <model.json> [--approx A] [--port N] [--cache DIR]`: serve the explorer
// page (explorePage.ts) for any model on http://127.0.0.1:<port>/ (default 8437; 0 picks a free port) until
// interrupted. Contract:
//   - the page, the model's generated module (from the module cache, as for solve) and the numeric layer it
//     imports (dist/numeric/*.js when built; from the TypeScript sources through the TypeScript compiler in a
//     checkout) are served from memory: nothing else of the file system is reachable, nothing needs the network;
//   - it prints one line "explorer: http://127.0.0.1:<port>/" on stdout once listening;
//   - bad input (unknown option, bad --port, a port in use, an unreadable model) is one message naming the
//     argument and exit 2, with nothing started.
// The same files (explorerBundle: the configuration and the modules) make the static page of the report: one
// HTML file with the modules inlined (staticExplorerPage; see explorePage.ts), which works opened from disk.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, type LoadedModel, approxOption, loadGenerated, parseOptions, withInputErrors } from './loadGenerated.ts';
import { type ExploreConfig, explorePage, slidersFor } from './explorePage.ts';

const NUMERIC_MODULES = ['steady', 'observables', 'eigen', 'lu', 'complexMatrix', 'generatedModel', 'lambShift', 'diagnostics'];
export const DEFAULT_PORT = 8437;

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
  if (!loaded.modulePath.endsWith('.mjs') && !loaded.modulePath.endsWith('.js')) throw new InputError(`--module ${loaded.modulePath}: the browser needs a JavaScript module (.mjs or .js)`);
  const { model } = loaded;
  const json = JSON.parse(readFileSync(loaded.modelFile, 'utf8'));
  const sliders = slidersFor(model.parameters);
  const temperature = model.parameters.find((p) => p.kind === 'temperature') ?? model.parameters[0]!;
  const n = model.dimension;
  const config: ExploreConfig = {
    title: typeof json.title === 'string' ? json.title : model.name,
    name: model.name,
    approx: model.approx,
    source: typeof json.source === 'string' ? json.source : '',
    basis: model.basis,
    sliders,
    curve: { parameter: temperature.name, i: n >= 3 ? 2 : 1, j: n >= 3 ? 1 : 0, points: 201 },
  };
  if (!existsSync(loaded.modulePath)) throw new InputError(`the generated module ${loaded.modulePath} disappeared`);
  // a Lamb-shift module imports its quadrature by file URL: in the page, from ./lib/
  const modules = new Map<string, string>([['model.mjs', readFileSync(loaded.modulePath, 'utf8').replace(/from "file:[^"]*\/numeric\/lambShift\.(?:js|ts)"/, 'from "./lib/lambShift.js"')]]);
  for (const [name, body] of await numericLibrary()) modules.set(`lib/${name}`, body);
  return { config, modules };
}

/** The files `explore` serves: the page at / and every module at /<path>. */
export function servedFiles(bundle: ExplorerBundle): Map<string, { type: string; body: string }> {
  const files = new Map<string, { type: string; body: string }>([['/', { type: 'text/html; charset=utf-8', body: explorePage(bundle.config) }]]);
  for (const [path, body] of bundle.modules) files.set(`/${path}`, { type: 'text/javascript; charset=utf-8', body });
  return files;
}

/** One self-contained HTML file: the page with every module inlined (works from a file:// URL, offline). */
export const staticExplorerPage = (bundle: ExplorerBundle): string => explorePage(bundle.config, bundle.modules);

export async function runExplore(args: string[]): Promise<number> {
  return withInputErrors(async () => {
    const o = parseOptions(args, { valued: ['--approx', '--port', '--cache', '--module'] });
    if (o.positional.length !== 1) throw new InputError(`explore takes one model file, got ${o.positional.length ? o.positional.join(' ') : 'none'}`);
    const portText = o.get('--port') ?? String(DEFAULT_PORT);
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new InputError(`--port must be a whole number from 0 to 65535, got "${portText}"`);
    const loaded = await loadGenerated(o.positional[0]!, approxOption(o), { module: o.get('--module'), cache: o.get('--cache') });
    const files = servedFiles(await explorerBundle(loaded));
    for (const w of loaded.warnings) console.error(`bornmarkov: warning: ${w}`);

    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const file = files.get(path === '/index.html' ? '/' : path);
      if (!file || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new InputError(`--port ${portText}: port ${portText} is in use (choose another with --port N, or --port 0 for a free one)`) : new InputError(`--port ${portText}: cannot listen (${e.code ?? e.message})`)),
      );
      server.listen(Number(portText), '127.0.0.1', () => {
        const a = server.address();
        resolve(typeof a === 'object' && a ? a.port : Number(portText));
      });
    });
    console.log(`explorer: http://127.0.0.1:${port}/`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  });
}
