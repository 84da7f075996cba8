// `bornmarkov check <model.json> <published.json> [--approx …] [--json]`: one row per published coefficient
// (a coefficient table) or per published equation (an equations file, src/check/equations.ts);
// exit 0 when all agree, 1 on any disagreement, 2 on bad input.
import { resolve } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { loadPublishedFile } from '../check/published.ts';
import { type CheckResult, checkPublished } from '../check/compare.ts';
import { InputError, approxOption, parseOptions } from './options.ts';
import { type EquationsCheck, checkEquations, isEquationsPath, loadEquationsFile } from '../check/equations.ts';

export function formatEquationsCheck(r: EquationsCheck): string {
  const lines = [`${r.published} vs derived ${r.model} (${r.approx})`];
  const w = Math.max(...r.rows.map((x) => x.id.length), 4);
  for (const row of r.rows) {
    lines.push(`  ${row.id.padEnd(w)}  ${row.status.padEnd(9)} ${row.kind}: ${row.detail}`);
    for (const t of row.terms ?? []) {
      if (t.status === 'match') continue;
      lines.push(`  ${''.padEnd(w)}    ${t.term}: published ${t.published}`);
      lines.push(`  ${''.padEnd(w)}    ${''.padEnd(t.term.length)}  derived   ${t.derived}`);
      lines.push(`  ${''.padEnd(w)}    ${''.padEnd(t.term.length)}  published - derived = ${t.difference}`);
    }
    if (row.difference) lines.push(`  ${''.padEnd(w)}    published - derived: ${row.difference}`);
    if (row.cofactor) lines.push(`  ${''.padEnd(w)}    cofactor K = ${row.cofactor}`);
  }
  const count = (s: string) => r.rows.filter((x) => x.status === s).length;
  lines.push(`  ${count('match')} match, ${count('mismatch')} mismatch, ${count('undecided')} undecided: ${r.ok ? 'OK' : 'FAILED'}`);
  return lines.join('\n');
}

export function runCheck(args: string[]): number {
  const p = parseOptions(args, { valued: ['--approx'], flags: ['--json'], usage: true });
  if (p.positional.length !== 2) throw new InputError('check takes a model file and a published file', { usage: true });
  const model = loadModelFile(resolve(p.positional[0]));
  if (isEquationsPath(resolve(p.positional[1]))) {
    // equations of motion, matrices, determinants, steady states, vanishing conditions: the file names its approximation
    if (p.get('--approx') !== undefined)
      throw new InputError('--approx does not apply to a published-equations file: its "approx" field says which equation it is');
    const result = checkEquations(loadEquationsFile(resolve(p.positional[1]), model));
    console.log(p.flags.has('--json') ? JSON.stringify(result, null, 2) : formatEquationsCheck(result));
    return result.ok ? 0 : 1;
  }
  const pub = loadPublishedFile(resolve(p.positional[1]), model);
  const approx = approxOption(p, pub.approx ?? 'nonsecular');
  if (pub.approx && approx !== pub.approx)
    throw new InputError(
      `${p.positional[1]} is the ${pub.approx} equation (its "approx" field); drop --approx or give --approx ${pub.approx}`,
    );
  const result = checkPublished(pub, approx);
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
  for (const e of r.extra)
    lines.push(`  extra: the derived equation has ${e.term} with coefficient ${e.coefficient}, which the published equation lacks`);
  const count = (s: string) => r.rows.filter((x) => x.status === s).length;
  lines.push(
    `  ${count('match')} match, ${count('mismatch')} mismatch, ${count('missing')} missing, ${count('unresolved')} unresolved, ${r.extra.length} extra terms: ${r.ok ? 'OK' : 'FAILED'}`,
  );
  return lines.join('\n');
}
