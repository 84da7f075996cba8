// Plain-text printer with the model's names for bath functions (A1(eps1), Gm12(eps2), N_a(eps1)),
// in the syntax of model and published files.
import type { Expr, Variable } from '../algebra/expr.ts';
import { plainText } from '../algebra/text.ts';
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

export function exprText(x: Expr, model?: Model): string {
  return plainText(x, (v) => atomName(model, v));
}
