// `bornmarkov explore <model.json> [--approx A] [--port N] [--cache DIR]`: serve the explorer
// page (src/modules/explorerPage.ts) for any model on http://127.0.0.1:<port>/ (default 8437; 0 picks a free port) until
// interrupted. Contract:
//   - the page, the model's generated module (from the module cache, as for solve) and the numeric layer it
//     imports (dist/numeric/*.js when built; from the TypeScript sources through the TypeScript compiler in a
//     checkout) are served from memory: nothing else of the file system is reachable, nothing needs the network;
//   - it prints one line "explorer: http://127.0.0.1:<port>/" on stdout once listening;
//   - bad input (unknown option, bad --port, a port in use, an unreadable model) is one message naming the
//     argument and exit 2, with nothing started.
// The files come from src/modules/explorer.ts, which also makes the report's static pages.
import { createServer } from 'node:http';
import { InputError, approxOption, parseOptions, withInputErrors } from './options.ts';
import { loadGenerated } from '../modules/load.ts';
import { explorerBundle, servedFiles } from '../modules/explorer.ts';

export const DEFAULT_PORT = 8437;

export async function runExplore(args: string[]): Promise<number> {
  return withInputErrors(async () => {
    const o = parseOptions(args, { valued: ['--approx', '--port', '--cache', '--module'] });
    if (o.positional.length !== 1)
      throw new InputError(`explore takes one model file, got ${o.positional.length ? o.positional.join(' ') : 'none'}`);
    const portText = o.get('--port') ?? String(DEFAULT_PORT);
    if (!/^\d+$/.test(portText) || Number(portText) > 65535)
      throw new InputError(`--port must be a whole number from 0 to 65535, got "${portText}"`);
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
        reject(
          e.code === 'EADDRINUSE'
            ? new InputError(`--port ${portText}: port ${portText} is in use (choose another with --port N, or --port 0 for a free one)`)
            : new InputError(`--port ${portText}: cannot listen (${e.code ?? e.message})`),
        ),
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
