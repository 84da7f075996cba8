// Writes of a generated function split by the 0/1 switches among their terms. A numeric-eigenbasis secular module
// multiplies every term that couples two Bohr frequencies by the selector Sec(ω, ω′) — 0 or 1 at the point, known
// only at run time — and most selectors are 0 at most points: straight-line code computes all those terms and then
// multiplies them by 0. Split, a write is its ungated part plus, per switch, the terms that switch multiplies, which
// the function adds only where the switch is on (an `if`, no loop).
// Contract: gateWrites(statements, writes) returns, for each write, the node to assign (the original node where
// none of its terms is gated, else the ungated part) and, per switch local, the gated terms (the other factors
// of the product, with sign and coefficient) with the entry each one adds into. Σ ungated + Σ switch·terms equals
// the original node exactly as mathematics; the floating-point sum runs in another order.
import { type Node, type SumTerm, isOne, isZero, mul, sum } from './ir.ts';
import type { Statement } from './program.ts';

export interface GatedTerm {
  index: number;
  negative: boolean;
  /** |coefficient|, null for 1 */
  coef: number | null;
  factor: Node;
}

export interface GatedWrites {
  writes: { index: number; node: Node }[];
  gates: { name: string; terms: GatedTerm[] }[];
}

/** Sums nested inside a term are opened this deep (the programs name sums of products of named values). */
const MAX_DEPTH = 3;

export function gateWrites(statements: readonly Statement[], writes: readonly { index: number; node: Node }[]): GatedWrites {
  const byName = new Map(statements.map((s) => [s.name, s.node]));
  const isSwitch = (x: Node): x is Extract<Node, { kind: 'ref' }> => {
    if (x.kind !== 'ref') return false;
    const v = byName.get(x.name);
    return v?.kind === 'cond' && isOne(v.then) && isZero(v.else);
  };
  const resolve = (x: Node): Node => (x.kind === 'ref' ? (byName.get(x.name) ?? x) : x);
  if (!statements.some((s) => isSwitch({ kind: 'ref', name: s.name }))) return { writes: [...writes], gates: [] };

  const gates = new Map<string, GatedTerm[]>();
  const out: { index: number; node: Node }[] = [];
  for (const { index, node } of writes) {
    const ungated: SumTerm[] = [];
    let gatedAny = false;
    const visit = (x: Node, negative: boolean, coef: number | null, depth: number): void => {
      const value = resolve(x);
      if (value.kind === 'sum' && depth < MAX_DEPTH) {
        for (const t of value.terms) {
          const c = coef === null ? t.coef : t.coef === null ? coef : coef * t.coef;
          if (t.factor === null) ungated.push({ negative: negative !== t.negative, coef: c ?? 1, factor: null });
          else visit(t.factor, negative !== t.negative, c, depth + 1);
        }
        return;
      }
      const factors = value.kind === 'mul' ? value.factors : [x];
      const at = factors.findIndex(isSwitch);
      if (at < 0) {
        ungated.push({ negative, coef, factor: x });
        return;
      }
      const name = (factors[at] as { name: string }).name;
      const rest = mul(...factors.filter((_, i) => i !== at));
      let list = gates.get(name);
      if (!list) gates.set(name, (list = []));
      list.push({ index, negative, coef, factor: rest });
      gatedAny = true;
    };
    visit(node, false, null, 0);
    if (!gatedAny) out.push({ index, node });
    else {
      const base = sum(ungated);
      if (!isZero(base)) out.push({ index, node: base });
    }
  }
  return { writes: out, gates: [...gates].map(([name, terms]) => ({ name, terms })) };
}
