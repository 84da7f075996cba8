// Property-based fuzzing (issue 13 item 7) with fast-check: the model-file loader (structured mutations of real
// models, and raw text/byte mutations), the published-table loader, and the command line (check, show, solve,
// sweep, evolve, derive) run in-process through main(). Property: every generated input ends in a clean error —
// the project's input-error types (ModelError, FileError, InputError), one short line naming the file,
// field or argument, no stack trace; for the CLI exit code 2 and never 3 — or in a verified result: a model whose
// generated module runs nothing injected and whose Liouvillian at a random point preserves the trace and
// Hermiticity (or that the numeric layer itself refuses there, naming why); a published table whose terms and
// coefficients are all there; a command that exits 0 or 1 with parseable output. Nothing hostile runs
// (globalThis.pwned stays undefined) and nothing is written outside the temporary directory. Fixed seeds, so a
// failure replays (fast-check prints the seed, the path and the shrunk counterexample); the counts per outcome are
// printed after the run. FUZZ_LOG=file appends one line per command-line case to that file (and keeps the
// temporary directory) for looking at what the cases did.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { ModelError, oneLine } from '../../src/model/model.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { ApproximationRefused } from '../../src/derive/approx.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { FileError } from '../../src/io/files.ts';
import { unphysicalReason } from '../../src/numeric/physics.ts';
import type { GeneratedModel } from '../../src/numeric/generatedModel.ts';
import { main } from '../../src/cli/main.ts';
import { InputError, parseOptions } from '../../src/cli/options.ts';

const ROOT = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-fuzz-'));
const g = globalThis as { pwned?: unknown };

// numRuns and seeds of the five properties (README, "Fuzzing")
const RUNS = { model: 600, text: 800, published: 800, cli: 300, parsers: 2000 };
const SEEDS = { model: 1307, text: 1311, published: 1313, cli: 1317, parsers: 1319 };

const MODEL_FILES = [
  'derivations/huangfu-jing/case-a.json',
  'derivations/li-cai-sun/v.json',
  'derivations/examples/spin-boson.json',
  'derivations/li-cai-sun/lambda.json',
];
const MODELS = MODEL_FILES.map((f) => ({ file: f, text: readFileSync(f, 'utf8'), json: JSON.parse(readFileSync(f, 'utf8')) }));
const PUBLISHED_FILES = [
  'derivations/huangfu-jing/case-a.published.json',
  'derivations/huangfu-jing/case-b.published.json',
  'derivations/examples/spin-boson.published.json',
  'derivations/li-cai-sun/v.published.json',
  'derivations/li-cai-sun/lambda.secular.published.json',
];
const PUBLISHED = PUBLISHED_FILES.map((f) => {
  const json = JSON.parse(readFileSync(f, 'utf8'));
  return { file: f, json, model: loadModelFile(join(dirname(f), json.model)) };
});

// ── outcomes

type Counts = { clean: number; verified: number; other: number };
const summary: string[] = [];
const counter = (): Counts => ({ clean: 0, verified: 0, other: 0 });
function report(name: string, runs: number, c: Counts): void {
  summary.push(
    `fuzz ${name}: ${c.clean + c.verified + c.other} cases (numRuns ${runs}) — ${c.clean} clean errors, ${c.verified} verified, ${c.other} other`,
  );
}
afterAll(() => {
  for (const line of summary) console.log(line);
  if (!process.env.FUZZ_LOG) rmSync(dir, { recursive: true, force: true });
});

/** A stack-trace line, or a message not on one reasonably short line. */
function unclean(message: string): string | undefined {
  if (message.length > 600) return `message of ${message.length} characters`;
  if (/[\n\r\u2028\u2029]/.test(message)) return 'message on more than one line';
  if (/^\s*at .+:\d+:\d+\)?$/m.test(message) || /\.ts:\d+:\d+/.test(message)) return 'stack trace in the message';
  return undefined;
}

/** A clean input error: one of the project's input-error types, one short line, naming `name` (the file). */
function cleanError(e: unknown, name: string): string | undefined {
  if (!(e instanceof ModelError || e instanceof FileError || e instanceof ApproximationRefused))
    return `not an input error: ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message).slice(0, 300)}`;
  const why = unclean(e.message);
  if (why) return `${why}: ${e.message.slice(0, 300)}`;
  if (!(e instanceof ApproximationRefused) && !e.message.includes(name)) return `the file ${name} is not named: ${e.message.slice(0, 300)}`;
  return undefined;
}

// ── hostile values

const NASTY = [
  '',
  ' ',
  'x\ny',
  'x\u2028globalThis.pwned=1//',
  '*/ globalThis.pwned = 1 /*',
  '"; globalThis.pwned = 1; "',
  "'); globalThis.pwned = 1; ('",
  '${globalThis.pwned=1}',
  '`',
  '"""; import os; os.system("touch pwned")',
  '\\input{/etc/passwd}',
  '}\\end{document}',
  '\\write18{touch pwned}',
  '../../x',
  '../../../../tmp/pwned',
  '/etc/passwd',
  '<script>globalThis.pwned=1</script>',
  '\u0000',
  '\ufeff',
  '\u202e',
  'λ',
  'NaN',
  'Infinity',
  '1e400',
  '-1',
  '0',
  'sz(1)^100000000',
  '2^2^2^2^2^2^2^2',
  `${'('.repeat(500)}x${')'.repeat(500)}`,
  Array(3000).fill('x').join('+'),
  'a'.repeat(20_000),
  'Ta - 5',
  'sqrt(-1)',
  '1/0',
  'ketbra(e, e)',
  'ketbra(x, y)',
  'dag(dag(dag(x)))',
  'tau12',
  'rho',
  'rho*rho',
  'L(rho)',
  '__proto__',
  'constructor',
  'e',
  'g',
];
const EXTREME = [0, -0, 1, -1, 0.5, 1e300, -1e300, 1.7976931348623157e308, 5e-324, -5e-324, 2 ** 53 + 1, 123456789, 1e-300];

const hostileString = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
const extremeNumber = fc.oneof(fc.constantFrom(...EXTREME), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: extremeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

// ── structured mutations of a JSON document

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'number'; at: number; value: unknown }
  | { kind: 'param'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'rename'; at: number; how: number; to: string }
  | { kind: 'duplicate'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'deep'; depth: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: extremeNumber }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('param' as const),
      at: fc.nat(),
      value: fc.oneof(extremeNumber, fc.double({ min: -10, max: 10, noNaN: true })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), how: fc.nat(5), to: hostileString }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.oneof(hostileString, fc.constantFrom('eigne', 'latex', 'schema', 'lambShift', 'mode', '__proto__')),
      value: anyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 90, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
);

type Slot = [Record<string, unknown> | unknown[], string | number];
function slots(x: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(x)) x.forEach((v, i) => (out.push([x, i]), slots(v, out)));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (out.push([x as Record<string, unknown>, k]), slots(v, out));
  return out;
}
function objects(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(x)) x.forEach((v) => objects(v, out));
  else if (x && typeof x === 'object') (out.push(x as Record<string, unknown>), Object.values(x).forEach((v) => objects(v, out)));
  return out;
}
const set = (o: Record<string, unknown>, k: string, v: unknown) =>
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** The mutated document as text (JSON with one-space indent, then the text-level mutations). */
function applyMutations(json: unknown, ms: Mutation[]): string {
  const copy = structuredClone(json);
  let duplicate: number | undefined;
  let deep: number | undefined;
  let truncate: number | undefined;
  for (const m of ms) {
    const all = slots(copy);
    if (m.kind === 'duplicate') duplicate = m.at;
    else if (m.kind === 'deep') deep = m.depth;
    else if (m.kind === 'truncate') truncate = m.at;
    else if (m.kind === 'param') {
      // a parameter's default (models) or a coefficient (published tables): the values that keep the file valid
      const root = copy as Record<string, any>;
      const holder = root.parameters ?? root.coefficients;
      const names = holder && typeof holder === 'object' ? Object.keys(holder) : [];
      if (names.length) {
        const k = names[m.at % names.length]!;
        if (root.parameters && holder[k] && typeof holder[k] === 'object') holder[k].default = m.value;
        else holder[k] = typeof m.value === 'number' ? `${holder[k]} * ${m.value}` : holder[k];
      }
    } else if (m.kind === 'add') {
      const objs = objects(copy);
      set(objs[m.at % objs.length]!, m.key, m.value);
    } else if (all.length > 0) {
      const [parent, key] = all[m.at % all.length]!;
      if (m.kind === 'replace' || m.kind === 'number') (parent as any)[key] = m.value;
      else if (m.kind === 'delete') {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
      } else if (m.kind === 'rename' && !Array.isArray(parent)) {
        const name = key as string;
        const v = parent[name];
        delete parent[name];
        set(parent, [`${name}x`, name.slice(1), name.toUpperCase(), `${name.slice(0, -1)}`, ` ${name}`, m.to][m.how]!, v);
      }
    }
  }
  let text = JSON.stringify(copy, null, 1) ?? 'null';
  if (duplicate !== undefined) {
    const keys = [...text.matchAll(/\n( *)"((?:[^"\\]|\\.)*)": /g)];
    if (keys.length) {
      const k = keys[duplicate % keys.length]!;
      text = `${text.slice(0, k.index)}\n${k[1]}"${k[2]}": null,${text.slice(k.index)}`;
    }
  }
  if (deep !== undefined) text = `${'['.repeat(deep)}${text}${']'.repeat(deep)}`;
  if (truncate !== undefined) text = text.slice(0, truncate % (text.length + 1));
  return text;
}

// ── the generated module's Liouvillian: an independent check at a point

async function importModule(ts: string): Promise<GeneratedModel> {
  const mod = await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(ts).toString('base64')}`);
  return (mod.default ?? mod) as GeneratedModel;
}

/** Trace and Hermiticity preservation of L at p: Σ_a L[aa, bc] = 0 and L[ad, bc] = conj L[da, cb]. */
function generatorProblem(model: GeneratedModel, p: Record<string, number>): string | undefined {
  const n = model.dimension;
  const N = n * n;
  const L = new Float64Array(2 * N * N);
  model.liouvillian(p, L);
  const why = unphysicalReason(model, p, L);
  if (why) return `refused: ${why}`;
  let scale = 0;
  for (const x of L) scale = Math.max(scale, Math.abs(x));
  if (!Number.isFinite(scale)) return 'refused: not finite';
  const tol = 1e-9 * (1 + scale);
  for (let col = 0; col < N; col++) {
    let re = 0;
    let im = 0;
    for (let a = 0; a < n; a++) {
      re += L[(a * n + a) * N + col]!;
      im += L[N * N + (a * n + a) * N + col]!;
    }
    if (Math.abs(re) + Math.abs(im) > tol) return `BAD trace not preserved: column ${col} sums to ${re} + ${im}i`;
  }
  for (let a = 0; a < n; a++)
    for (let d = 0; d < n; d++)
      for (let b = 0; b < n; b++)
        for (let c = 0; c < n; c++) {
          const i = (a * n + d) * N + (b * n + c);
          const j = (d * n + a) * N + (c * n + b);
          if (Math.abs(L[i]! - L[j]!) + Math.abs(L[N * N + i]! + L[N * N + j]!) > tol)
            return `BAD Hermiticity not preserved at (${a}${d}, ${b}${c})`;
        }
  return undefined;
}

/** Load → derive → emit → import → check the generator at a random point. Throws the loader's errors. */
async function verifyModel(path: string, approx: 'secular' | 'nonsecular', factors: number[]): Promise<'verified' | string> {
  const model = loadModelFile(path);
  const table = deriveTable(model, approx);
  const ts = typescriptModule(table, { flavor: 'js' });
  if (/[\u2028\u2029]/.test(ts)) return 'BAD raw line separator in the module';
  const gm = await importModule(ts);
  if (g.pwned !== undefined) return 'BAD the module ran injected code';
  const p = Object.fromEntries(gm.parameters.map((q, i) => [q.name, q.default * factors[i % factors.length]!]));
  const problem = generatorProblem(gm, p);
  if (problem?.startsWith('BAD')) return problem;
  return 'verified';
}

let before: { status: string; home: boolean };
beforeAll(() => {
  before = {
    status: execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' }),
    home: existsSync(join(homedir(), '.cache', 'bornmarkov')),
  };
});
function nothingWrittenOutside(): void {
  expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' })).toBe(before.status);
  expect(existsSync(join(homedir(), '.cache', 'bornmarkov'))).toBe(before.home);
  expect(g.pwned).toBeUndefined();
}

const factorsArb = fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 });
let fileNo = 0;

describe('fuzzing (fast-check)', () => {
  it('model loader: structured mutations of real models, each a clean error naming the file or a verified model', async () => {
    const c = counter();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(MODELS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('secular' as const, 'nonsecular' as const),
        factorsArb,
        async (b, ms, approx, factors) => {
          const name = `m${fileNo++}.json`;
          const path = join(dir, name);
          writeFileSync(path, applyMutations(MODELS[b]!.json, ms));
          delete g.pwned;
          let outcome: string;
          try {
            outcome = await verifyModel(path, approx, factors);
          } catch (e) {
            const why = cleanError(e, name);
            outcome = why ? `BAD ${why}` : 'clean';
          }
          if (g.pwned !== undefined) outcome = 'BAD injected code ran';
          if (outcome === 'clean') c.clean++;
          else if (outcome === 'verified') c.verified++;
          else c.other++;
          if (outcome.startsWith('BAD')) throw new Error(outcome);
        },
      ),
      { seed: SEEDS.model, numRuns: RUNS.model },
    );
    report('model loader (structured mutations)', RUNS.model, c);
    expect(c.verified).toBeGreaterThan(10);
    expect(c.clean).toBeGreaterThan(50);
  }, 300_000);

  it('model loader: raw text and byte mutations (truncation, byte flips, duplicated keys, stray characters)', async () => {
    type Edit = { kind: 'truncate' | 'flip' | 'insert' | 'dupline' | 'cut'; at: number; bit: number; text: string; len: number };
    const edit: fc.Arbitrary<Edit> = fc.record({
      kind: fc.constantFrom('truncate', 'flip', 'flip', 'insert', 'insert', 'dupline', 'cut'),
      at: fc.nat(),
      bit: fc.nat(7),
      text: fc.oneof(
        fc.constantFrom(
          '"',
          '\\',
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '\u0000',
          '\u2028',
          '\ufeff',
          '//',
          '/*',
          '\r\n',
          'NaN',
          '-',
          '1e999',
          '\\u0000',
          '\\ud800',
          '\ud800',
        ),
        fc.string({ unit: 'binary', maxLength: 4 }),
      ),
      len: fc.integer({ min: 1, max: 40 }),
    });
    const c = counter();
    await fc.assert(
      fc.asyncProperty(fc.nat(MODELS.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), factorsArb, async (b, edits, factors) => {
        let bytes = Buffer.from(MODELS[b]!.text, 'utf8');
        for (const e of edits) {
          const at = e.at % (bytes.length + 1);
          if (e.kind === 'truncate') bytes = bytes.subarray(0, at);
          else if (e.kind === 'flip' && bytes.length) bytes[at % bytes.length] ^= 1 << e.bit;
          else if (e.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.text, 'utf8'), bytes.subarray(at)]);
          else if (e.kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + e.len)]);
          else if (e.kind === 'dupline') {
            const lines = bytes.toString('utf8').split('\n');
            const i = at % lines.length;
            lines.splice(i, 0, lines[i]!);
            bytes = Buffer.from(lines.join('\n'), 'utf8');
          }
        }
        const name = `t${fileNo++}.json`;
        const path = join(dir, name);
        writeFileSync(path, bytes);
        delete g.pwned;
        let outcome: string;
        try {
          outcome = await verifyModel(path, 'secular', factors);
        } catch (e) {
          const why = cleanError(e, name);
          outcome = why ? `BAD ${why}` : 'clean';
        }
        if (g.pwned !== undefined) outcome = 'BAD injected code ran';
        if (outcome === 'clean') c.clean++;
        else if (outcome === 'verified') c.verified++;
        else c.other++;
        if (outcome.startsWith('BAD')) throw new Error(outcome);
      }),
      { seed: SEEDS.text, numRuns: RUNS.text },
    );
    report('model loader (raw text/bytes)', RUNS.text, c);
    expect(c.clean).toBeGreaterThan(100);
  }, 300_000);

  it('published-table loader: mutated tables, each a clean error naming the file or a table with every term and coefficient', async () => {
    const c = counter();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(PUBLISHED.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (b, ms, withModel) => {
          const base = PUBLISHED[b]!;
          const name = `p${fileNo++}.published.json`;
          const path = join(dir, name);
          const text = applyMutations(base.json, ms);
          writeFileSync(path, text);
          let outcome: string;
          try {
            // without the model given, the file's own "model" is read relative to it (in the temporary directory)
            const p = loadPublishedFile(path, withModel ? base.model : undefined);
            const json = JSON.parse(text);
            const ok =
              p.terms.length === json.terms.length &&
              p.coefficients.size === Object.keys(json.coefficients).length &&
              p.terms.every((t) => t.structure !== undefined && typeof t.coefficient === 'string');
            outcome = ok
              ? 'verified'
              : `BAD loaded ${p.terms.length} terms / ${p.coefficients.size} coefficients of ${json.terms.length} / ${Object.keys(json.coefficients).length}`;
          } catch (e) {
            const why = cleanError(e, withModel ? name : '');
            outcome = why ? `BAD ${why}` : 'clean';
          }
          if (outcome === 'clean') c.clean++;
          else if (outcome === 'verified') c.verified++;
          else c.other++;
          if (outcome.startsWith('BAD')) throw new Error(outcome);
        },
      ),
      { seed: SEEDS.published, numRuns: RUNS.published },
    );
    report('published-table loader', RUNS.published, c);
    expect(c.verified).toBeGreaterThan(5);
    expect(c.clean).toBeGreaterThan(50);
  }, 300_000);

  it('command line: check/show/solve/sweep/evolve/derive argument vectors through main(), exit 2 with one line or exit 0/1 with output', async () => {
    const cache = join(dir, 'cache');
    const caseA = resolve('derivations/huangfu-jing/case-a.json');
    const spin = resolve('derivations/examples/spin-boson.json');
    const good = join(dir, 'state-good.json');
    writeFileSync(
      good,
      JSON.stringify({
        re: [
          [1, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      }),
    );
    const good2 = join(dir, 'state-good-2.json');
    writeFileSync(
      good2,
      JSON.stringify({
        re: [
          [0.5, 0],
          [0, 0.5],
        ],
      }),
    );
    const published = {
      [caseA]: resolve('derivations/huangfu-jing/case-a.published.json'),
      [spin]: resolve('derivations/examples/spin-boson.published.json'),
    };
    const bad = join(dir, 'state-bad.json');
    writeFileSync(bad, '{"re": [[2, 0], [0, -1]], "im": "x"}');
    const hostileFile = resolve('test/fixtures/hostile/latex-input.json');
    // per option: well-formed values (first list) and malformed ones (second)
    const VALUES: Record<string, [string[], string[]]> = {
      '--approx': [
        ['secular', 'nonsecular', 'redfield', 'partial-secular'],
        ['local', 'ule', 'bogus', '', 'SECULAR'],
      ],
      '--cutoff': [
        ['0.1', '1'],
        ['0', '-1', 'x', '1e400', 'NaN'],
      ],
      '--set': [
        ['Ta=1', 'Ta=1,Tb=2', 'Tb=0.5'],
        ['Ta=-1', 'Ta=1e400', 'nope=1', 'Ta', '=1', 'Ta=sqrt(-1)', `Ta=${'('.repeat(100)}1${')'.repeat(100)}`, 'Ta=1,Ta=2', 'T=1'],
      ],
      '--grid': [
        ['Ta=0.5:2:3', 'Ta=1:2:2', 'Tb=1:3:2'],
        ['Ta=1:2', 'Ta=1:2:0', 'Ta=2:1:3', 'Ta=1:2:1e9', 'Ta=a:b:c', 'Ta=1:2:100000000', ':::', 'nope=1:2:3', 'Ta=1:2:3:4'],
      ],
      '--observable': [
        ['l1', 'abs(rho[2][1])', 'rho[1][1]'],
        ['rho[9][9]', 'abs(', 'heat(a)', 'process.exit()', 'globalThis.pwned=1'],
      ],
      '--threads': [['1'], ['0', '-1', '1000', '99999999999999999999', 'x', '1.5']],
      '--t': [
        ['0:1:3', '0:0.5:2'],
        ['0:1', '1:0:3', '0:1:0', '0:1e9:1e9', 'x', '0:1:3:4'],
      ],
      '--from': [[good], [bad, join(dir, 'absent.json'), dir, '/etc/passwd']],
      '--method': [
        ['rk45', 'expm'],
        ['bogus', ''],
      ],
      '--rtol': [['1e-6'], ['0', '-1', 'x', '1e3']],
      '--atol': [['1e-9'], ['0', '-1', 'x']],
      '--tolerance': [['1e-9'], ['0', '-1', 'x']],
      '--target': [
        ['ts', 'tex,json', 'python,sympy'],
        ['bogus', '', 'ts,ts'],
      ],
      '--cache': [[cache], [join(dir, 'cache2'), good, '']],
      '--module': [[], [join(dir, 'absent.mjs')]],
    };
    const COMMANDS: Record<string, { valued: string[]; flags: string[] }> = {
      check: { valued: ['--approx'], flags: ['--json'] },
      show: { valued: ['--approx'], flags: ['--json', '--steady', '--full'] },
      solve: {
        valued: ['--set', '--approx', '--cutoff', '--from', '--tolerance', '--module', '--cache'],
        flags: ['--json', '--lamb-shift', '--no-lamb-shift', '--spectrum', '--force'],
      },
      sweep: {
        valued: ['--grid', '--set', '--observable', '--approx', '--cutoff', '--out', '--threads', '--module', '--cache'],
        flags: ['--lamb-shift', '--no-lamb-shift'],
      },
      evolve: {
        valued: ['--set', '--approx', '--cutoff', '--t', '--from', '--out', '--method', '--rtol', '--atol', '--module', '--cache'],
        flags: ['--lamb-shift', '--no-lamb-shift', '--force'],
      },
      derive: { valued: ['--approx', '--cutoff', '--out', '--target'], flags: ['--lamb-shift', '--no-lamb-shift'] },
    };
    const outValues = (n: number) => [
      join(dir, `out${n}.csv`),
      join(dir, `out${n}.json`),
      join(dir, `out${n}.txt`),
      join(dir, 'nodir', `out${n}.csv`),
      dir,
      join(dir, `sub${n}`, '..', `o${n}.csv`),
    ];
    type Token = { kind: number; good: boolean; flag: number; value: number; text: string };
    const token: fc.Arbitrary<Token> = fc.record({
      kind: fc.nat(9),
      good: fc.boolean(),
      flag: fc.nat(),
      value: fc.nat(),
      text: fc.oneof(
        fc.constantFrom(...NASTY).map((s) => s.slice(0, 60)),
        hostileString.map((s) => s.slice(0, 60)),
        fc.constantFrom('--', '-x', '---json', '--JSON', '--jsno', '--thread', 'Ta=1', 'model.json'),
      ),
    });
    const c = counter();
    const codes = new Map<number, number>();
    const work = join(dir, 'w1', 'w2', 'w3', 'w4', 'w5', 'w6');
    mkdirSync(work, { recursive: true });
    process.chdir(work);
    const envCache = process.env.BORNMARKOV_CACHE;
    process.env.BORNMARKOV_CACHE = join(dir, 'env-cache');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(COMMANDS)),
          fc.constantFrom(caseA, caseA, spin, join(dir, 'absent.json'), hostileFile, dir, '--json'),
          fc.oneof(
            fc.array(token, { maxLength: 6 }),
            fc.array(
              token.map((t) => ({ ...t, kind: t.kind % 3, good: true })),
              { maxLength: 3 },
            ),
          ),
          async (command, modelArg, tokens) => {
            const n = fileNo++;
            const spec = COMMANDS[command]!;
            const known = [...spec.valued, ...spec.flags];
            const argv: string[] = [modelArg];
            // what each command needs to run at all; the tokens then add to it (a second --t is "given twice")
            if (command === 'check') argv.push(published[modelArg] ?? published[caseA]!);
            if (command === 'sweep') argv.push('--observable', 'l1', '--grid', 'Ta=0.5:2:3');
            if (command === 'evolve') argv.push('--t', '0:1:3', '--from', modelArg === spin ? good2 : good);
            for (const t of tokens) {
              const flag = known[t.flag % known.length]!;
              const [fine, malformed] = VALUES[flag] ?? [['1'], ['x']];
              const values = flag === '--out' ? outValues(n) : t.good && fine.length ? fine : malformed;
              const value = values[t.value % values.length]!;
              switch (t.kind) {
                case 0:
                case 1:
                case 2:
                  argv.push(flag, ...(spec.valued.includes(flag) ? [value] : []));
                  break;
                case 3:
                  argv.push(`${flag}=${value}`);
                  break;
                case 4:
                  argv.push(flag); // maybe a missing value
                  break;
                case 5:
                  argv.push(flag.slice(0, -1));
                  break;
                case 6:
                  argv.push(t.text);
                  break;
                case 7:
                  argv.push(flag, t.text);
                  break;
                default:
                  argv.push(`--${t.text}`);
              }
            }
            // derive writes only into a fresh directory under the temporary one; an absolute path that is not under it
            // (a hostile --out /etc/passwd or --cache /) is moved under it, and relative ones resolve in `work` below it
            const inside = (a: string) => (a.startsWith('/') && !a.startsWith(dir) && !a.startsWith(ROOT) ? join(dir, 'abs', a) : a);
            const safe = argv.map((a, i) =>
              i === 0 ? a : a.replace(/^(--[^=]*=)?(\/.*)$/s, (_m, pre: string | undefined, path: string) => `${pre ?? ''}${inside(path)}`),
            );
            const args = command === 'derive' ? [...safe.filter((a) => !a.startsWith('--out')), '--out', join(dir, `derive${n}`)] : safe;
            const out: string[] = [];
            const err: string[] = [];
            const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
            const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
            const warn = vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
            const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
            const ewrite = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
            delete g.pwned;
            let code: number;
            try {
              code = await main([command, ...args]);
            } finally {
              log.mockRestore();
              error.mockRestore();
              warn.mockRestore();
              write.mockRestore();
              ewrite.mockRestore();
            }
            codes.set(code, (codes.get(code) ?? 0) + 1);
            const message = err.join('\n');
            let outcome: string;
            if (g.pwned !== undefined) outcome = 'BAD injected code ran';
            else if (code === 2) {
              const first = message.replace(/\n(usage:|bornmarkov: warning)[\s\S]*$/, '').replace(/^bornmarkov: warning.*\n/gm, '');
              const why = unclean(first);
              outcome = why
                ? `BAD exit 2, ${why}: ${first.slice(0, 400)}`
                : !/^bornmarkov( \w+)?: /.test(first)
                  ? `BAD exit 2 without a "bornmarkov:" message: ${first.slice(0, 200)}`
                  : 'clean';
            } else if (code === 0 || code === 1) {
              const text = out.join('');
              if (args.includes('--json') && !args.includes('--steady')) {
                try {
                  JSON.parse(text);
                  outcome = 'verified';
                } catch {
                  outcome = `BAD exit ${code} with --json but output that is not JSON: ${text.slice(0, 200)}`;
                }
              } else if (command === 'derive')
                outcome =
                  existsSync(join(dir, `derive${n}`)) && readdirSync(join(dir, `derive${n}`)).length > 0
                    ? 'verified'
                    : 'BAD derive exit 0 wrote nothing';
              else if (text.trim().length > 0) {
                // sweep and evolve print CSV: a header and rows of the same width, the rows numbers
                const rows = text
                  .trim()
                  .split('\n')
                  .filter((l) => !l.startsWith('#'));
                const width = rows[0]!.split(',').length;
                const csvOk =
                  rows.every((r) => r.split(',').length === width) &&
                  rows.slice(1).every((r) => r.split(',').every((x) => x.trim() !== '' && !Number.isNaN(Number(x))));
                outcome =
                  command !== 'sweep' && command !== 'evolve'
                    ? 'verified'
                    : csvOk && rows.length >= 2
                      ? 'verified'
                      : `BAD exit ${code}, CSV output malformed: ${text.slice(0, 300)}`;
              } else
                outcome = readdirSync(dir).some((f) => (f.startsWith(`out${n}.`) || f === `o${n}.csv`) && statSync(join(dir, f)).size > 0)
                  ? 'verified'
                  : `BAD exit ${code} with no output`;
            } else outcome = `BAD exit ${code}: ${message.slice(0, 400)}`;
            if (process.env.FUZZ_LOG)
              appendFileSync(
                process.env.FUZZ_LOG,
                `${command} ${code} ${outcome} ${JSON.stringify(args).slice(0, 200)} :: ${message.split('\n')[0]!.slice(0, 200)}\n`,
              );
            if (outcome === 'clean') c.clean++;
            else if (outcome === 'verified') c.verified++;
            else c.other++;
            if (outcome.startsWith('BAD')) throw new Error(`${JSON.stringify([command, ...args])}: ${outcome}`);
          },
        ),
        { seed: SEEDS.cli, numRuns: RUNS.cli },
      );
    } finally {
      process.chdir(ROOT);
      process.env.BORNMARKOV_CACHE = envCache;
    }
    report(
      `command line (exit codes ${[...codes]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`,
      RUNS.cli,
      c,
    );
    expect(c.verified).toBeGreaterThan(5);
    expect(c.clean).toBeGreaterThan(50);
  }, 600_000);

  it('the option parser (with the specs of sweep and of check): each vector parsed as declared or refused naming the option', () => {
    const spec = {
      valued: ['--grid', '--set', '--observable', '--approx', '--out', '--threads'],
      repeatable: ['--grid', '--set', '--observable'],
      flags: ['--json', '--lamb-shift'],
    };
    const known = [...spec.valued, ...spec.flags];
    const arg = fc.oneof(
      fc.constantFrom(...known),
      fc.constantFrom(...known).chain((o) => fc.constantFrom('1', 'x', '', 'Ta=1:2:3', '=').map((v) => `${o}=${v}`)),
      fc.constantFrom(...known).map((o) => o.slice(0, -1)),
      fc.constantFrom('model.json', '-x', '--', '---json', '--JSON', 'Ta=1', '--jsno', '--thread', '--verbose'),
      fc.constantFrom(...NASTY).map((x) => x.slice(0, 40)),
      hostileString.map((x) => `--${x.slice(0, 200)}`), // (an option is echoed whole in its refusal: 20 000 characters stay 20 000)
    );
    const c = counter();
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 8 }), (argv) => {
        const outcome = (f: () => void, types: (new (...a: any[]) => Error)[]): string => {
          try {
            f();
            return 'verified';
          } catch (e) {
            if (!types.some((t) => e instanceof t)) return `BAD ${(e as Error)?.constructor?.name}: ${(e as Error).message}`;
            const why = unclean(oneLine((e as Error).message));
            if (why) return `BAD ${why}`;
            return /--|needs a value|given twice|unknown option/.test((e as Error).message)
              ? 'clean'
              : `BAD names no option: ${(e as Error).message}`;
          }
        };
        const results = [
          outcome(() => {
            const o = parseOptions(argv, spec);
            // verified: every option kept is declared, each valued one has its value(s), repeats only where allowed
            for (const [k, v] of o.values)
              if (!spec.valued.includes(k) || v.length === 0 || (v.length > 1 && !spec.repeatable.includes(k)))
                throw new Error(`bad parse of ${k}`);
            for (const f of o.flags) if (!spec.flags.includes(f)) throw new Error(`bad flag ${f}`);
            if (o.positional.some((p) => p.startsWith('--'))) throw new Error('an option kept as a positional');
          }, [InputError]),
          outcome(() => {
            // the spec of check (usage text on refusal)
            const p = parseOptions(argv, { valued: ['--approx'], flags: ['--json'], usage: true });
            for (const k of [...p.values.keys(), ...p.flags]) if (k !== '--approx' && k !== '--json') throw new Error(`bad flag ${k}`);
          }, [InputError]),
        ];
        for (const r of results) {
          if (r === 'clean') c.clean++;
          else if (r === 'verified') c.verified++;
          else c.other++;
        }
        const bad = results.find((r) => r.startsWith('BAD'));
        if (bad) throw new Error(bad);
      }),
      { seed: SEEDS.parsers, numRuns: RUNS.parsers },
    );
    report('option parsers (2 parses per vector)', RUNS.parsers, c);
    expect(c.verified).toBeGreaterThan(50);
    expect(c.clean).toBeGreaterThan(50);
  });

  it('wrote nothing outside the temporary directory and ran nothing injected', () => {
    nothingWrittenOutside();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(basename(dir)).toMatch(/^bornmarkov-fuzz-/);
  });
});
