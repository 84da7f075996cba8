// Numeric values of exact model expressions at given parameter values (for sign checks, reports and tests).
// Mixing angles follow cot θ = numerator/denominator with θ = atan2(denominator, numerator), θ ∈ (0, π)
// for a positive denominator; radicals take the positive root. Bath atoms are priced by a caller-supplied hook.
// In the numeric eigenbasis mode the eigen atoms (energies E, matrix elements Mre/Mim, the secular selector Sec)
// are priced here, by one numeric diagonalisation of H_S per parameter object (src/model/numericEigen.ts).
import { type Expr, type Variable, evaluate } from '../algebra/expr.ts';
import { ExprError } from '../algebra/parse.ts';
import { DEFAULT_BOHR_TOLERANCE, type Model } from './model.ts';
import { type NumericEigenPricer, isEigenAtom, numericEigenPricer } from './numericEigen.ts';

const pricers = new WeakMap<Model, WeakMap<object, NumericEigenPricer>>();

/** The numeric eigenbasis at these parameters (one decomposition per model and parameter object). */
export function eigenPricerAt(model: Model, params: Readonly<Record<string, number>>): NumericEigenPricer {
  let byParams = pricers.get(model);
  if (!byParams) pricers.set(model, (byParams = new WeakMap()));
  let p = byParams.get(params);
  if (!p)
    byParams.set(
      params,
      (p = numericEigenPricer(model, (x) => complexValue(model, x, params), model.bohrTolerance ?? DEFAULT_BOHR_TOLERANCE)),
    );
  return p;
}

export type AtomPricer = (v: Extract<Variable, { kind: 'atom' }>, value: (x: Expr) => number) => number | readonly [number, number];

export function numericValue(model: Model, x: Expr, params: Readonly<Record<string, number>>, atom?: AtomPricer): number {
  return complexValue(model, x, params, atom)[0];
}

export function complexValue(model: Model, x: Expr, params: Readonly<Record<string, number>>, atom?: AtomPricer): [number, number] {
  const angleCache = new Map<string, { c: number; s: number }>();
  const real = (e: Expr): number => {
    const [re, im] = evaluate(e, valueOf);
    if (Math.abs(im) > 1e-12 * Math.max(1, Math.abs(re))) throw new ExprError(`expected a real value for ${e.key}, got ${re} + ${im}i`);
    return re;
  };
  const halfAngle = (name: string) => {
    let v = angleCache.get(name);
    if (!v) {
      const a = model.angles.find((x) => x.name === name);
      if (!a) throw new ExprError(`unknown angle ${name}`);
      const theta = Math.atan2(real(a.denominator), real(a.numerator));
      angleCache.set(name, (v = { c: Math.cos(theta / 2), s: Math.sin(theta / 2) }));
    }
    return v;
  };
  const valueOf = (v: Variable): readonly [number, number] => {
    switch (v.kind) {
      case 'symbol': {
        const p = params[v.name];
        if (p === undefined) throw new ExprError(`no value for parameter ${v.name}`);
        return [p, 0];
      }
      case 'cos':
        return [halfAngle(v.angle).c, 0];
      case 'sin':
        return [halfAngle(v.angle).s, 0];
      case 'radical': {
        const r = real(v.radicand);
        if (r < 0) throw new ExprError(`negative value ${r} under ${v.key}`);
        return [Math.sqrt(r), 0];
      }
      case 'atom':
        if (model.eigenMode === 'numeric' && isEigenAtom(v)) return [eigenPricerAt(model, params).price(v, real)!, 0];
        if (!atom) throw new ExprError(`no numeric value for ${v.key} here`);
        {
          const a = atom(v, real);
          return typeof a === 'number' ? [a, 0] : a;
        }
    }
  };
  return evaluate(x, valueOf);
}
