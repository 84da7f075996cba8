// Plain-text printer of exact scalars in the syntax of model files (so a printed value can be pasted
// back into a file). A visitor over Expr; atoms print through an optional namer (see emit/text.ts).
import { type Expr, type Variable, variable } from './expr.ts';
import { type Complex, qstr } from './rational.ts';

export type AtomNamer = (v: Extract<Variable, { kind: 'atom' }>) => string;

const defaultAtomName: AtomNamer = (v) => `${v.fn}(${v.args.join(', ')})`;

function factorText(key: string, exp: number, atomName: AtomNamer): string {
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
      base = `sqrt(${plainText(v.radicand, atomName)})`;
      break;
    case 'atom':
      base = atomName(v);
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

export function plainText(x: Expr, atomName: AtomNamer = defaultAtomName): string {
  const terms = [...x.terms.values()];
  if (terms.length === 0) return '0';
  // Stable reading order: by the atoms, then by the rest of the monomial.
  const keyOf = (t: (typeof terms)[number]) => t.mono.map(([k]) => (variable(k).kind === 'atom' ? '0' : '1') + k).join('*');
  terms.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  let out = '';
  terms.forEach((t, i) => {
    const { text, negative } = coefText(t.coef);
    const factors = t.mono.map(([k, e]) => factorText(k, e, atomName));
    const body = factors.length === 0 ? text : text === '1' ? factors.join('*') : `${text}*${factors.join('*')}`;
    out += i === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}
