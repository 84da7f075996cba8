// `bornmarkov show <model.json> [--approx …] [--json]`: the derived paper form (and, with --json, the
// Lindblad-like form) as text.
import { resolve } from 'node:path';
import { loadModelFile } from '../model/load.ts';
import { derive, lindbladForm } from '../derive/redfield.ts';
import { paperForm } from '../derive/paperForm.ts';
import { exprText } from '../emit/text.ts';
import { UsageError, approxOf, parseArgs } from './args.ts';

export function runShow(args: string[]): number {
  const p = parseArgs(args, ['--approx']);
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

function itemText(kind: string, idx: number[]): string {
  const t = (a: number, b: number) => `tau${a + 1}${b + 1}`;
  if (kind === 'D') return `L(${t(idx[0], idx[1])})`;
  if (kind === 'L') return `${t(idx[0], idx[1])}*rho`;
  if (kind === 'R') return `rho*${t(idx[0], idx[1])}`;
  return `${t(idx[0], idx[1])}*rho*${t(idx[2], idx[3])}`;
}
