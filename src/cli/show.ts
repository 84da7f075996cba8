// `bornmarkov show <model.json> [--approx …] [--json] [--steady [--full]]`: the derived paper form (and, with
// --json, the Lindblad-like form) as text; with --steady, the exact steady state per block instead
// (closed forms ρ = numerator/determinant, vanishing and non-uniqueness conditions; --full prints long ones).
import { resolve } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { derive, lindbladForm } from '../derive/redfield.ts';
import { paperForm } from '../derive/paperForm.ts';
import { exprText } from '../emit/text.ts';
import { InputError, approxOption, parseOptions } from './options.ts';
import { deriveTable, type DerivedTable } from '../derive/table.ts';
import { exactSteadyState } from '../derive/steadyState.ts';
import { STEADY_PRINT_LIMIT, steadyStateJson } from '../emit/json.ts';
import type { Expr } from '../algebra/expr.ts';

const rhoName = (r: number, c: number) => `rho${r + 1}${c + 1}`;

function showSteady(table: DerivedTable, json: boolean, full: boolean): number {
  const { model } = table;
  if (json) {
    const blocks = exactSteadyState(table).blocks;
    const out = steadyStateJson(table) as { blocks: Record<string, unknown>[] };
    // --full: every expression in full, whatever its length
    if (full)
      out.blocks.forEach((b, i) => {
        if (!blocks[i].solved) return;
        b.determinant = exprText(blocks[i].determinant, model);
        if (b.closedForms)
          (b.closedForms as Record<string, unknown>[]).forEach((f, j) => (f.numerator = exprText(blocks[i].numerators[j], model)));
      });
    console.log(JSON.stringify({ model: model.name, approx: table.approx, steadyState: out }, null, 2));
    return 0;
  }
  const text = (x: Expr) => (full || x.terms.size <= STEADY_PRINT_LIMIT ? exprText(x, model) : `(${x.terms.size} terms; --full prints it)`);
  const lines = [
    `${model.title}\n${model.source}\napproximation: ${table.approx}\nexact steady state, block by block (rho = numerator / det):`,
  ];
  for (const b of exactSteadyState(table).blocks) {
    const names = b.elements.map(([r, c]) => rhoName(r, c));
    lines.push(`block {${names.join(', ')}}${b.populations ? ' (populations)' : ''}`);
    if (!b.solved) {
      lines.push(`  not solved exactly: ${b.reason}`);
      continue;
    }
    lines.push(`  det = ${text(b.determinant)}`);
    if (b.populations) lines.push(`    (the equation of ${names[b.traceRow!]} replaced by the trace condition)`);
    lines.push(b.neverUnique ? '  det vanishes identically: the steady state is never unique' : '  not unique exactly when det = 0');
    if (!b.populations) {
      lines.push(`  homogeneous: ${names.join(' = ')} = 0 whenever det != 0`);
      continue;
    }
    b.elements.forEach(([r, c], i) => {
      if (b.vanishes[i]) lines.push(`  ${names[i]} = 0 (identically)`);
      else {
        lines.push(`  ${names[i]} = N_${names[i]} / det,  N_${names[i]} = ${text(b.numerators[i])}`);
        if (r !== c) lines.push(`    ${names[i]} vanishes exactly when N_${names[i]} = 0`);
      }
    });
  }
  console.log(lines.join('\n'));
  return 0;
}

export function runShow(args: string[]): number {
  const p = parseOptions(args, { valued: ['--approx'], flags: ['--json', '--steady', '--full'], usage: true });
  if (p.positional.length !== 1) throw new InputError('show takes a model file', { usage: true });
  const given = loadModelFile(resolve(p.positional[0]));
  if (p.flags.has('--steady')) return showSteady(deriveTable(given, approxOption(p)), p.flags.has('--json'), p.flags.has('--full'));
  const d = derive(given, approxOption(p));
  const model = d.model;
  const pf = paperForm(d);
  const lf = lindbladForm(d);
  if (p.flags.has('--json')) {
    console.log(
      JSON.stringify(
        {
          model: model.name,
          approx: d.approx,
          frequencies: model.frequencies.map((f) => ({ name: f.name, value: exprText(f.value, model) })),
          paperForm: pf.terms.map((t) => ({
            name: t.name,
            family: t.family,
            coefficient: exprText(t.coef, model),
            factor: t.factor,
            hc: t.hc,
            items: t.items,
          })),
          lindblad: {
            rates: lf.rates.map((r) => ({ family: r.family, b: r.b, a: r.a, rate: exprText(r.rate, model) })),
            hc: lf.hc.map((h) => ({ family: h.family, a: h.a, b: h.b, coefficient: exprText(h.coef, model) })),
          },
        },
        null,
        2,
      ),
    );
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

function itemText(kind: string, idx: number[]): string {
  const t = (a: number, b: number) => `tau${a + 1}${b + 1}`;
  if (kind === 'D') return `L(${t(idx[0], idx[1])})`;
  if (kind === 'L') return `${t(idx[0], idx[1])}*rho`;
  if (kind === 'R') return `rho*${t(idx[0], idx[1])}`;
  return `${t(idx[0], idx[1])}*rho*${t(idx[2], idx[3])}`;
}
