// Plain-text printer of exact scalars, in the syntax the model and published files use
// (so a printed difference can be pasted back into a file). A visitor over Expr; names come from the model.
import { type Expr, type Variable, variable } from '../algebra/expr.ts';
import { type Complex, qstr } from '../algebra/rational.ts';
import type { Model } from '../model/model.ts';

export function atomName(model: Model | undefined, v: Extract<Variable, { kind: 'atom' }>): string {
  if ((v.fn === 'Gm' || v.fn === 'Gp') && model) {
    const [k, l, f] = v.args;
    const kind = v.fn === 'Gm' ? 'emission' : 'absorption';
    const named = model.bathFunctions.find((b) => b.kind === kind && b.channels[0] === k && b.channels[1] === l);
    return named ? `${named.name}(${f})` : `${v.fn}_${k}_${l}(${f})`;
  }
  if (v.fn === 'N') return `N_${v.args[0]}(${v.args[1]})`;
  return `${v.fn}(${v.args.join(', ')})`;
}

function factorText(model: Model | undefined, key: string, exp: number): string {
  const v = variable(key);
  let base: string;
  switch (v.kind) {
    case 'symbol':
      base = v.name;
      break;
    case 'cos':
    case 'sin':
      base = `${v.kind}(${v.angle}/2)`;
      break;
    case 'radical':
      base = `sqrt(${exprText(v.radicand, model)})`;
      break;
    case 'atom':
      base = atomName(model, v);
      break;
  }
  return exp === 1 ? base : `${base}^${exp}`;
}

function coefText(c: Complex): { text: string; negative: boolean } {
  if (c.im.n === 0n) return { text: qstr(c.re.n < 0n ? { n: -c.re.n, d: c.re.d } : c.re), negative: c.re.n < 0n };
  if (c.re.n === 0n) {
    const neg = c.im.n < 0n;
    const m = qstr(neg ? { n: -c.im.n, d: c.im.d } : c.im);
    return { text: m === '1' ? 'i' : `${m}*i`, negative: neg };
  }
  return { text: `(${qstr(c.re)} + ${qstr(c.im)}*i)`, negative: false };
}

export function exprText(x: Expr, model?: Model): string {
  const terms = [...x.terms.values()];
  if (terms.length === 0) return '0';
  // Stable reading order: by the atoms, then by the rest of the monomial.
  const keyOf = (t: (typeof terms)[number]) => t.mono.map(([k]) => (variable(k).kind === 'atom' ? '0' : '1') + k).join('*');
  terms.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  let out = '';
  terms.forEach((t, i) => {
    const { text, negative } = coefText(t.coef);
    const factors = t.mono.map(([k, e]) => factorText(model, k, e));
    const body = factors.length === 0 ? text : text === '1' ? factors.join('*') : `${text}*${factors.join('*')}`;
    out += i === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}
