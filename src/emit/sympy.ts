// SymPy printer: a visitor over a DerivedTable that writes the exact tables as SymPy expressions, with one
// named Symbol per parameter, mixing angle and Bohr frequency and one undefined Function per bath function.
// Contract of sympyModule(table): every expression of the JSON table (src/emit/json.ts) appears, built from
// exact Rationals (never floats): ENERGIES, FREQUENCIES, ANGLES (cot θ = numerator/denominator),
// TEMPERATURES, PAPER_FORM, RATES, HC, and EQUATIONS {(row, col): {(b, c): coefficient}} (1-based, as the
// JSON). cos(θ/2), sin(θ/2) are sp.cos(theta/2), sp.sin(theta/2); radicals are sp.sqrt. The module needs sympy
// only; `python3 -c "import m; print(m.PAPER_FORM)"` shows the table.
import { type Expr, type Variable, variable } from '../algebra/expr.ts';
import type { Rational } from '../algebra/rational.ts';
import type { DerivedTable } from '../derive/table.ts';
import type { Model } from '../model/model.ts';
import { lindbladNames } from './json.ts';
import { atomName } from './text.ts';
import type { EmitContext } from './typescript.ts';
import { commentText, pyString } from './escape.ts';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in ' +
    'is lambda nonlocal not or pass raise return try while with yield match case sp'
  ).split(' '),
);

/** The Python variable holding a symbol or function of that name (keywords and `sp` get a trailing _). */
const pyName = (name: string): string => (PYTHON_KEYWORDS.has(name) ? `${name}_` : name.replace(/[^A-Za-z0-9_]/g, '_'));

const rational = (q: Rational): string => (q.d === 1n ? `sp.Integer(${q.n})` : `sp.Rational(${q.n}, ${q.d})`);

class SympyPrinter {
  /** bath-function name → its Python variable, in first-use order */
  readonly functions = new Map<string, string>();

  constructor(private readonly model: Model) {}

  private atom(v: AtomVar): string {
    const text = atomName(this.model, v); // e.g. A1(eps1), Gm_k_l(eps2), N_a(eps1)
    const open = text.indexOf('(');
    const fn = text.slice(0, open);
    if (!this.functions.has(fn)) this.functions.set(fn, pyName(fn));
    const args = text
      .slice(open + 1, -1)
      .split(',')
      .map((a) => pyName(a.trim()));
    return `${this.functions.get(fn)}(${args.join(', ')})`;
  }

  private factor(key: string): string {
    const v = variable(key);
    switch (v.kind) {
      case 'symbol':
        return pyName(v.name);
      case 'cos':
      case 'sin':
        return `sp.${v.kind}(${pyName(v.angle)}/2)`;
      case 'radical':
        return `sp.sqrt(${this.expr(v.radicand)})`;
      case 'atom':
        return this.atom(v);
    }
  }

  /** Σ terms with signs; integers multiply symbols exactly in Python, other rationals are sp.Rational. */
  expr(x: Expr): string {
    const terms = [...x.terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    if (terms.length === 0) return 'sp.Integer(0)';
    return terms
      .map((t, i) => {
        const factors = t.mono.map(([k, e]) => (e === 1 ? this.factor(k) : `${this.factor(k)}**${e}`));
        const { re, im } = t.coef;
        let negative = false;
        let coef: string | null;
        if (im.n === 0n) {
          negative = re.n < 0n;
          const size = { n: negative ? -re.n : re.n, d: re.d };
          coef =
            size.n === 1n && size.d === 1n && factors.length > 0
              ? null
              : size.d === 1n && factors.length > 0
                ? String(size.n)
                : rational(size);
        } else if (re.n === 0n) {
          negative = im.n < 0n;
          const size = { n: negative ? -im.n : im.n, d: im.d };
          coef = size.n === 1n && size.d === 1n ? 'sp.I' : `${rational(size)}*sp.I`;
        } else coef = `(${rational(re)} + ${rational(im)}*sp.I)`;
        const body = [...(coef === null ? [] : [coef]), ...factors].join('*');
        return i === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`;
      })
      .join('');
  }
}

export function sympyModule(table: DerivedTable, context: EmitContext = {}): string {
  const { model } = table;
  const pr = new SympyPrinter(model);
  const names = lindbladNames(table);
  const dict = (title: string, entries: [string, Expr][]): string[] => [
    `${title} = {`,
    ...entries.map(([k, x]) => `    ${pyString(k)}: ${pr.expr(x)},`),
    '}',
  ];
  // tables first (they register the bath functions they use), declarations are put before them
  const body: string[] = [
    '# eigenvalues lambda_i in state order',
    `ENERGIES = [${model.states.map((s) => pr.expr(s.energy)).join(', ')}]`,
    ...dict(
      'FREQUENCIES',
      model.frequencies.map((f) => [f.name, f.value]),
    ),
    '# mixing angles: cot(theta) = numerator/denominator',
    'ANGLES = {',
    ...model.angles.map((a) => `    ${pyString(a.name)}: (${pr.expr(a.numerator)}, ${pr.expr(a.denominator)}),`),
    '}',
    ...dict(
      'TEMPERATURES',
      model.baths.map((b) => [b.name, b.temperature]),
    ),
    '# paper form: Gamma (L_tau terms), Lambda (secular cross terms), Delta (non-secular terms)',
    ...dict(
      'PAPER_FORM',
      table.paper.terms.map((t) => [t.name, t.coef]),
    ),
    '# Lindblad-like form: K[B, A] is the rate of B rho A^+ - {A^+ B, rho}/2; h[A, B] the coefficient of A^+ B in Hc',
    ...dict(
      'RATES',
      table.lindblad.rates.map((r, i) => [names.rates[i]!, r.rate]),
    ),
    ...dict(
      'HC',
      table.lindblad.hc.map((h, i) => [names.hc[i]!, h.coef]),
    ),
    '# equations of motion: d rho[row, col]/dt = sum of coefficient * rho[b, c] (1-based indices)',
    'EQUATIONS = {',
    ...table.equations.map(
      (e) => `    (${e.row + 1}, ${e.col + 1}): {${e.terms.map((t) => `(${t.b + 1}, ${t.c + 1}): ${pr.expr(t.coef)}`).join(', ')}},`,
    ),
    '}',
    '',
  ];
  const source = commentText(context.source ?? model.file);
  // no assumptions: with real=True SymPy would rewrite sqrt(x**2) as Abs(x), which the exact core does not
  const symbol = (name: string) => `${pyName(name)} = sp.Symbol(${pyString(name)})`;
  return [
    `# Generated by bornmarkov from ${source} (${commentText(model.name)}, ${table.approx} approximation). Do not edit:`,
    `# regenerate with \`npx bornmarkov derive ${source} --target sympy\`.`,
    `# Model: ${commentText(model.title)}`,
    ...(model.source ? [`# Source: ${commentText(model.source)}`] : []),
    '# The exact coefficient tables as SymPy expressions (the JSON table, unevaluated numbers excluded).',
    'import sympy as sp',
    '',
    `NAME = ${pyString(model.name)}`,
    `APPROX = ${pyString(table.approx)}`,
    '',
    '# parameters',
    ...model.parameters.map((p) => symbol(p.name)),
    '# mixing angles',
    ...model.angles.map((a) => symbol(a.name)),
    '# Bohr frequencies (arguments of the bath functions)',
    ...model.frequencies.map((f) => symbol(f.name)),
    '# bath functions',
    ...[...pr.functions].map(([fn, py]) => `${py} = sp.Function(${pyString(fn)})`),
    '',
    ...body,
  ].join('\n');
}
