// Worker thread of runSweepPoints (sweep.ts). It imports the generated module itself (workerData.module),
// posts {type:'ready'}, then answers each {type:'chunk', id, values} with {type:'result', id, values, flags,
// fallback, nonUnique, ms}, or {type:'error', message}. Started with tsx's loader so that it can import .ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PointEvaluator, importGeneratedModel, type ModuleRef } from './sweep.ts';

const port = parentPort!;
const data = workerData as { module: ModuleRef; names: string[]; observables: string[] };

try {
  const model = await importGeneratedModel(data.module);
  const ev = new PointEvaluator(model, data.names, data.observables);
  const nObs = data.observables.length;
  port.on('message', (msg: { type: string; id: number; values: Float64Array }) => {
    if (msg.type !== 'chunk') return;
    try {
      const count = msg.values.length / data.names.length;
      const out = new Float64Array(count * nObs);
      const flags = new Uint8Array(count);
      const before = { fallback: ev.fallbackPoints, nonUnique: ev.nonUniquePoints };
      const t0 = performance.now();
      ev.run(msg.values, out, flags);
      const ms = performance.now() - t0;
      port.postMessage(
        {
          type: 'result',
          id: msg.id,
          values: out,
          flags,
          fallback: ev.fallbackPoints - before.fallback,
          nonUnique: ev.nonUniquePoints - before.nonUnique,
          ms,
        },
        [out.buffer, flags.buffer],
      );
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
}
