// The `bornmarkov` command: thin argument handling over the library; exit codes 0 ok, 1 check failed, 2 bad input.
import { resolve } from 'node:path';
import { ModelError } from '../model/model.ts';
import { loadModelFile } from '../model/load.ts';
import { loadPublishedFile } from '../check/published.ts';
import { type CheckResult, checkPublished } from '../check/compare.ts';
import { type Approx, APPROXIMATIONS, derive, lindbladForm } from '../derive/redfield.ts';
import { paperForm } from '../derive/paperForm.ts';
import { exprText } from '../emit/text.ts';
import { runBench } from './bench.ts';
import { runAll } from './all.ts';

class UsageError extends Error {}

const USAGE = `usage:
  bornmarkov check <model.json> <published.json> [--approx secular|nonsecular] [--json]
  bornmarkov show <model.json> [--approx secular|nonsecular] [--json]
  bornmarkov derive <model.json> [--approx secular|nonsecular] [--out DIR]
  bornmarkov solve <model.json> --set name=value,... [--approx …] [--json] [--from state.json]
  bornmarkov evolve <model.json> --set … --t 0:50:501 --from state.json [--out file.csv|.json]
  bornmarkov sweep <model.json> --grid Ta=0.5:30:60 [--grid …] [--set …] --observable "abs(rho[2][1])" [--out …]
  bornmarkov all [--out DIR] [--grid NX,NY,LINE] [--no-pdf]
                            derive every model, check every published table, write the report (npm start)
  bornmarkov bench          time derivation, emission, the generated Liouvillian and steady states (npm run bench)`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(args: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (valued.includes(a)) {
      if (i + 1 >= args.length) throw new UsageError(`${a} needs a value`);
      flags.set(a, args[++i]);
    } else flags.set(a, true);
  }
  return { positional, flags };
}

function approxOf(p: Parsed, fallback: Approx): Approx {
  const a = p.flags.get('--approx') ?? fallback;
  if (!APPROXIMATIONS.includes(a as Approx)) throw new UsageError(`--approx must be one of ${APPROXIMATIONS.join(', ')}, got "${a}"`);
  return a as Approx;
}

export function formatCheck(r: CheckResult): string {
  const lines = [`${r.published} vs derived ${r.model} (${r.approx})`];
  const w = Math.max(...r.rows.map((x) => x.name.length), 4);
  for (const row of r.rows) {
    const tag = row.status + (row.joint && row.status === 'match' ? ' (jointly determined)' : '');
    lines.push(`  ${row.name.padEnd(w)}  ${tag}`);
    if (row.status === 'mismatch' || row.status === 'missing') {
      lines.push(`  ${''.padEnd(w)}    published: ${row.published}`);
      lines.push(`  ${''.padEnd(w)}    derived:   ${row.derived}`);
      lines.push(`  ${''.padEnd(w)}    published - derived = ${row.difference}`);
    }
  }
  for (const e of r.extra) lines.push(`  extra: the derived equation has ${e.term} with coefficient ${e.coefficient}, which the published equation lacks`);
  const count = (s: string) => r.rows.filter((x) => x.status === s).length;
  lines.push(`  ${count('match')} match, ${count('mismatch')} mismatch, ${count('missing')} missing, ${count('unresolved')} unresolved, ${r.extra.length} extra terms: ${r.ok ? 'OK' : 'FAILED'}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const p = parseArgs(rest, ['--approx']);
        if (p.positional.length !== 2) throw new UsageError('check takes a model file and a published file');
        const model = loadModelFile(resolve(p.positional[0]));
        const pub = loadPublishedFile(resolve(p.positional[1]), model);
        const result = checkPublished(pub, approxOf(p, 'nonsecular'));
        console.log(p.flags.has('--json') ? JSON.stringify(result, null, 2) : formatCheck(result));
        return result.ok ? 0 : 1;
      }
      case 'show': {
        const p = parseArgs(rest, ['--approx']);
        if (p.positional.length !== 1) throw new UsageError('show takes a model file');
        const model = loadModelFile(resolve(p.positional[0]));
        const d = derive(model, approxOf(p, 'nonsecular'));
        const pf = paperForm(d);
        const lf = lindbladForm(d);
        if (p.flags.has('--json')) {
          console.log(JSON.stringify({
            model: model.name,
            approx: d.approx,
            frequencies: model.frequencies.map((f) => ({ name: f.name, value: exprText(f.value, model) })),
            paperForm: pf.terms.map((t) => ({ name: t.name, family: t.family, coefficient: exprText(t.coef, model), factor: t.factor, hc: t.hc, items: t.items })),
            lindblad: {
              rates: lf.rates.map((r) => ({ family: r.family, b: r.b, a: r.a, rate: exprText(r.rate, model) })),
              hc: lf.hc.map((h) => ({ family: h.family, a: h.a, b: h.b, coefficient: exprText(h.coef, model) })),
            },
          }, null, 2));
        } else {
          console.log(`${model.title}\n${model.source}\napproximation: ${d.approx}`);
          for (const f of model.frequencies) console.log(`  ${f.name} = ${exprText(f.value, model)}`);
          for (const t of pf.terms) {
            const items = t.items.map((it) => `${it.sign < 0 ? '- ' : '+ '}${itemText(it.kind, it.idx)}`).join(' ');
            console.log(`  ${t.name} = ${exprText(t.coef, model)}\n      on ${t.factor === 2 ? '2*' : ''}(${items})${t.hc ? ' + h.c.' : ''}`);
          }
        }
        return 0;
      }
      case 'derive':
        return await (await import('./derive.ts')).runDerive(rest);
      case 'solve':
        return await (await import('./solve.ts')).runSolve(rest);
      case 'evolve':
        return await (await import('./evolve.ts')).runEvolve(rest);
      case 'sweep':
        return await (await import('./sweep.ts')).runSweep(rest);
      case 'all':
        return await runAll(rest);
      case 'bench':
        return await runBench(rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`bornmarkov: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof ModelError) {
      console.error(`bornmarkov: ${e.message}`);
      return 2;
    }
    // Anything else is a bug in bornmarkov, not in the input: say so plainly.
    console.error(`bornmarkov: internal error: ${(e as Error).message}\n(please report it; set BORNMARKOV_DEBUG=1 for the stack trace)`);
    if (process.env.BORNMARKOV_DEBUG) console.error((e as Error).stack);
    return 3;
  }
}

function itemText(kind: string, idx: number[]): string {
  const t = (a: number, b: number) => `tau${a + 1}${b + 1}`;
  if (kind === 'D') return `L(${t(idx[0], idx[1])})`;
  if (kind === 'L') return `${t(idx[0], idx[1])}*rho`;
  if (kind === 'R') return `rho*${t(idx[0], idx[1])}`;
  return `${t(idx[0], idx[1])}*rho*${t(idx[2], idx[3])}`;
}
