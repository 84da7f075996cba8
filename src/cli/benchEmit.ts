// Speed of code generation and of the generated code (issue 3), as a benchmark, never as a timed test:
//   (a) emitting the seed models, the issue's seven plus seed 001 Sec. 5 (derivations/huangfu-jing,
//       derivations/li-cai-sun; tex + ts + json, both approximations — the papers' two —, in memory; goal < 2 s in
//       total), per model and in total, median of several repeats, in two cuts: "model file → texts" (load, exact
//       eigen check, derivation, tables, the three printers: what `bornmarkov derive` does short of writing) and
//       "tables → texts" (the printers alone); then every approximation that applies, without a goal; the
//       three-atom chain is timed separately (it is not a seed model);
//   (b) the generated Case A liouvillian (goal < 1 µs per call, median over 10⁶ calls): 100 batches of 10⁴ calls
//       into one reused buffer, the median batch divided by 10⁴; nonsecular and secular side by side.
// benchEmit(log) prints through `log`, one line per call, so `bornmarkov bench` can place it among its sections.
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readModelFile } from '../model/load.ts';
import { APPROXIMATIONS, type Approx, PAPER_APPROXIMATIONS, applicableApproximations } from '../derive/approx.ts';
import { type DerivedTable, deriveTable } from '../derive/table.ts';
import { DEFAULT_TARGETS } from '../emit/targets.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { DEFAULT_OUT, emitModel } from './derive.ts';
import { derivationModels } from '../model/files.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const EMIT_GOAL_MS = 2000;
const FILL_GOAL_NS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Seed models: those of the two papers (everything under derivations/ except examples/). */
function isSeedModel(file: string): boolean {
  return !file.includes(`${join('derivations', 'examples')}`);
}

function emitTables(tables: DerivedTable[]): number {
  let chars = 0;
  for (const t of tables) for (const target of DEFAULT_TARGETS) chars += target.emit(t).length;
  return chars;
}

async function benchEmission(
  log: (line: string) => void,
  repeats: number,
  examples: boolean,
  seedFilter: (file: string) => boolean,
): Promise<void> {
  const files = derivationModels(join(PACKAGE_ROOT, 'derivations'));
  const seeds = files.filter((f) => isSeedModel(f) && seedFilter(f));
  const others = files.filter((f) => !isSeedModel(f));
  const name = (f: string) => relative(PACKAGE_ROOT, f);
  log(`emitting tex + ts + json, both approximations (the papers' secular and nonsecular), in memory; median of ${repeats} repeats`);
  // One pass over the seed models first, as a fresh `bornmarkov derive` process would see them (cold JIT).
  const t0 = performance.now();
  for (const f of seeds) emitModel(f, PAPER_APPROXIMATIONS, DEFAULT_OUT, undefined, { onlyApplicable: true });
  const cold = performance.now() - t0;
  log(`  ${'model'.padEnd(40)} ${'file → texts'.padStart(14)} ${'tables → texts'.padStart(16)}`);
  const row = (file: string, approxes: readonly Approx[] = PAPER_APPROXIMATIONS, label = name(file)) => {
    const full: number[] = [];
    const printers: number[] = [];
    for (let r = 0; r < repeats; r++) {
      // fresh models each time (readModelFile): derivations and what is computed from a table are shared per model
      const fresh = () => {
        const model = readModelFile(file);
        return applicableApproximations(model)
          .filter((a) => approxes.includes(a))
          .map((a) => deriveTable(model, a));
      };
      let t0 = performance.now();
      emitTables(fresh());
      full.push(performance.now() - t0);
      const tables = fresh();
      t0 = performance.now();
      emitTables(tables);
      printers.push(performance.now() - t0);
    }
    const m = { full: median(full), printers: median(printers) };
    log(`  ${label.padEnd(40)} ${m.full.toFixed(1).padStart(11)} ms ${m.printers.toFixed(1).padStart(13)} ms`);
    return m;
  };
  let full = 0;
  let printers = 0;
  for (const f of seeds) {
    const m = row(f);
    full += m.full;
    printers += m.printers;
  }
  log(`  ${`total, ${seeds.length} seed models`.padEnd(40)} ${full.toFixed(1).padStart(11)} ms ${printers.toFixed(1).padStart(13)} ms`);
  log(`  ${'first pass over the seed models (cold)'.padEnd(40)} ${cold.toFixed(1).padStart(11)} ms`);
  log(
    `  goal: the seed models in < ${EMIT_GOAL_MS / 1000} s in total (model file → texts, sum of medians): ${met(full < EMIT_GOAL_MS)}; cold first pass: ${met(cold < EMIT_GOAL_MS)}`,
  );
  // every approximation that applies (five for most seed models), for comparison: no goal was set for it
  let all = 0;
  for (const f of seeds) all += row(f, APPROXIMATIONS, `${name(f)}, every approximation`).full;
  log(`  ${`total, every approximation (no goal)`.padEnd(40)} ${all.toFixed(1).padStart(11)} ms`);
  if (examples && others.length) {
    log('  not seed models (no goal):');
    for (const f of others) row(f);
  }
}

async function importGenerated(file: string): Promise<GeneratedModel> {
  const path = join(PACKAGE_ROOT, 'derivations', 'generated', file);
  return (await import(pathToFileURL(path).href)).default as GeneratedModel;
}

/** Median ns per call of model.liouvillian over batches × perBatch calls (after a warm-up). */
export function timeLiouvillian(
  model: GeneratedModel,
  p: Params,
  batches = 100,
  perBatch = 10_000,
): { median: number; min: number; max: number } {
  const n = model.dimension;
  const out = new Float64Array(2 * n ** 4);
  for (let i = 0; i < perBatch * 10; i++) model.liouvillian(p, out);
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) model.liouvillian(p, out);
    perCall.push(Number(process.hrtime.bigint() - t0) / perBatch);
  }
  if (!Number.isFinite(out[0]!)) throw new Error(`${model.name}: liouvillian produced ${out[0]}`);
  return { median: median(perCall), min: Math.min(...perCall), max: Math.max(...perCall) };
}

async function benchFill(log: (line: string) => void, { batches, perBatch }: { batches: number; perBatch: number }): Promise<void> {
  log(
    `generated Case A liouvillian (16×16 generator, 2·4⁴ = 512 numbers per call, default parameters): ${batches} batches of ${perBatch} calls, median batch per call`,
  );
  for (const approx of [...APPROXIMATIONS].reverse()) {
    const model = await importGenerated(`huangfu-jing-case-a.${approx}.ts`);
    const p: Params = Object.fromEntries(model.parameters.map((x) => [x.name, x.default]));
    const t = timeLiouvillian(model, p, batches, perBatch);
    log(
      `  ${approx.padEnd(11)} ${t.median.toFixed(1).padStart(7)} ns/call  (batches: min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}) — goal < ${FILL_GOAL_NS / 1000} µs: ${met(t.median < FILL_GOAL_NS)}`,
    );
  }
}

/** What benchEmit times; the defaults are what `bornmarkov bench` prints. */
export interface BenchEmitOptions {
  repeats?: number;
  /** time the models that are not the papers' too (default true; the chains' exact steady states are slow) */
  examples?: boolean;
  /** only the seed models whose file passes (default: all; the tests time a few cheap ones) */
  seedFilter?: (file: string) => boolean;
  /** liouvillian batches × calls per batch (default 100 × 10⁴) */
  fill?: { batches: number; perBatch: number };
}

export async function benchEmit(log: (line: string) => void, options: BenchEmitOptions = {}): Promise<void> {
  await benchEmission(log, options.repeats ?? 5, options.examples ?? true, options.seedFilter ?? (() => true));
  log('');
  await benchFill(log, options.fill ?? { batches: 100, perBatch: 10_000 });
}

// `npx tsx src/cli/benchEmit.ts`: this section alone.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchEmit((line) => console.log(line));
}
