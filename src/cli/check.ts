// `bornmarkov check <model.json> <published.json> [--approx …] [--json]`: one row per published coefficient;
// exit 0 when all agree, 1 on any disagreement.
import { resolve } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { loadPublishedFile } from '../check/published.ts';
import { type CheckResult, checkPublished } from '../check/compare.ts';
import { UsageError, approxOf, parseArgs } from './args.ts';

export function runCheck(args: string[]): number {
  const p = parseArgs(args, ['--approx']);
  if (p.positional.length !== 2) throw new UsageError('check takes a model file and a published file');
  const model = loadModelFile(resolve(p.positional[0]));
  const pub = loadPublishedFile(resolve(p.positional[1]), model);
  const result = checkPublished(pub, approxOf(p, 'nonsecular'));
  console.log(p.flags.has('--json') ? JSON.stringify(result, null, 2) : formatCheck(result));
  return result.ok ? 0 : 1;
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
