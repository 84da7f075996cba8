// Plain-text printer with the model's names for bath functions (A1(eps1), Gm_k_l(eps2), N_a(eps1)),
// in the syntax of model and published files. Bath atoms are named by their registry entry (bath/atoms.ts).
import type { Expr, Variable } from '../algebra/expr.ts';
import { plainText } from '../algebra/text.ts';
import type { Model } from '../model/model.ts';
import { atomKind, isBathAtom } from '../bath/atoms.ts';

export function atomName(model: Model | undefined, v: Extract<Variable, { kind: 'atom' }>): string {
  if (model && isBathAtom(v)) return atomKind(v).text(model, v);
  if (v.fn === 'N') return `N_${v.args[0]}(${v.args[1]})`;
  return `${v.fn}(${v.args.join(', ')})`;
}

export function exprText(x: Expr, model?: Model): string {
  return plainText(x, (v) => atomName(model, v));
}
