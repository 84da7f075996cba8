// Property-based fuzzing (issue 13 item 7) of the model-file loader, the published-file loader and the command-line
// parsers, with a seeded generator of our own (test/support/fuzz.ts; fast-check could not be installed in this
// work tree). Property: every generated input ends in a clean error — a ModelError / InputError / UsageError whose
// message names the file or the argument, holds no raw line break and no stack — or in a verified result (a model
// that loads, derives and emits a module whose text runs nothing). The counts of each outcome are printed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { ModelError } from '../../src/model/model.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { InputError, parseOptions } from '../../src/cli/loadGenerated.ts';
import { UsageError, parseArgs } from '../../src/cli/args.ts';
import { Fuzz } from '../support/fuzz.ts';

const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-fuzz-'));
const BASES = ['derivations/huangfu-jing/case-a.json', 'derivations/examples/spin-boson.json', 'derivations/li-cai-sun/lambda.json'].map((f) => ({ file: f, json: JSON.parse(readFileSync(f, 'utf8')) }));

type Outcome = 'verified' | 'refused';
function tally(outcomes: Map<string, number>, key: string): void {
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** A clean refusal: the expected error type, the file or argument named, short, one line (no stack trace). */
function cleanError(e: unknown, name: string, types: (new (...a: any[]) => Error)[]): boolean {
  if (!types.some((t) => e instanceof t)) return false;
  const m = (e as Error).message;
  return m.length < 2000 && !/[\n\r\u2028\u2029]/.test(m.replace(/\nusage:[\s\S]*$/, '')) && (name === '' || m.includes(name)) && !/\bat .*\.ts:\d+/.test(m);
}

describe('fuzzing', () => {
  it('model files: 400 mutated files, each a clean refusal naming the file or a model that derives and emits safely', async () => {
    const fz = new Fuzz(13);
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      const base = fz.pick(BASES);
      const { text, mutation } = fz.mutateJson(base.json);
      const path = join(dir, `m${i}.json`);
      writeFileSync(path, text);
      let outcome: Outcome;
      try {
        const model = loadModelFile(path);
        const table = deriveTable(model, 'secular');
        const ts = typescriptModule(table, { flavor: 'js' });
        if (/[\u2028\u2029]/.test(ts)) throw new Error('raw separator in the module');
        delete (globalThis as { pwned?: unknown }).pwned;
        await import(`data:text/javascript;base64,${Buffer.from(ts).toString('base64')}`);
        if ((globalThis as { pwned?: unknown }).pwned !== undefined) throw new Error('the module ran injected code');
        outcome = 'verified';
      } catch (e) {
        if (!cleanError(e, `m${i}.json`, [ModelError])) {
          failures.push(`${mutation}: ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message).slice(0, 300)}`);
          continue;
        }
        outcome = 'refused';
      }
      tally(outcomes, `${outcome} (${mutation.split(' ')[0]})`);
    }
    const total = (o: string) => [...outcomes].filter(([k]) => k.startsWith(o)).reduce((s, [, c]) => s + c, 0);
    console.log(`model-file fuzz: 400 cases, ${total('verified')} verified, ${total('refused')} refused cleanly, ${failures.length} unclean; by mutation: ${[...outcomes].sort().map(([k, c]) => `${k} ${c}`).join(', ')}`);
    expect(failures).toEqual([]);
    expect(total('verified')).toBeGreaterThan(10);
    expect(total('refused')).toBeGreaterThan(100);
  }, 300_000);

  it('published tables: 200 mutated files, each a clean refusal or a loaded table', () => {
    const fz = new Fuzz(1301);
    const table = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.published.json', 'utf8'));
    const model = loadModelFile('derivations/huangfu-jing/case-a.json');
    let loaded = 0;
    let refused = 0;
    const failures: string[] = [];
    for (let i = 0; i < 200; i++) {
      const { text, mutation } = fz.mutateJson(table);
      const path = join(dir, `p${i}.published.json`);
      writeFileSync(path, text);
      try {
        const p = loadPublishedFile(path, model);
        if (p.coefficients.size === 0) throw new Error('empty');
        loaded++;
      } catch (e) {
        if (cleanError(e, `p${i}.published.json`, [ModelError])) refused++;
        else failures.push(`${mutation}: ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message).slice(0, 300)}`);
      }
    }
    console.log(`published-file fuzz: 200 cases, ${loaded} loaded, ${refused} refused cleanly, ${failures.length} unclean`);
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(50);
    expect(loaded).toBeGreaterThan(5);
  }, 120_000);

  it('command lines: 3000 argument vectors through both option parsers, each parsed as declared or refused naming the option', () => {
    const fz = new Fuzz(1313);
    const spec = { valued: ['--grid', '--set', '--observable', '--approx', '--out', '--threads'], repeatable: ['--grid', '--set', '--observable'], flags: ['--json', '--lamb-shift'] };
    let parsed = 0;
    let refused = 0;
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const argv = fz.argv([...spec.valued, ...spec.flags]);
      try {
        const o = parseOptions(argv, spec);
        // verified: every --option given is one of the declared ones, and each valued one kept its value(s)
        for (const [k, v] of o.values) if (!spec.valued.includes(k) || v.length === 0 || (v.length > 1 && !spec.repeatable.includes(k))) throw new Error(`bad parse of ${k}`);
        for (const f of o.flags) if (!spec.flags.includes(f)) throw new Error(`bad flag ${f}`);
        parsed++;
      } catch (e) {
        if (cleanError(e, '', [InputError]) && /--|needs a value|given twice/.test((e as Error).message)) refused++;
        else failures.push(`${JSON.stringify(argv)}: ${(e as Error).message}`);
      }
      try {
        const p = parseArgs(argv, ['--approx'], ['--json']);
        for (const k of p.flags.keys()) if (k !== '--approx' && k !== '--json') throw new Error(`bad flag ${k}`);
        parsed++;
      } catch (e) {
        if (cleanError(e, '', [UsageError])) refused++;
        else failures.push(`${JSON.stringify(argv)}: ${(e as Error).message}`);
      }
    }
    console.log(`command-line fuzz: 6000 parses of 3000 vectors, ${parsed} parsed as declared, ${refused} refused cleanly, ${failures.length} unclean`);
    expect(failures).toEqual([]);
    expect(parsed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
