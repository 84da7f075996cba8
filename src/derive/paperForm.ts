// The paper form of a master equation (seed 000 Eqs. 7, 10, B1):
//   −i[H_S, ρ] + Σ Γ_j Σ L_{τ_mn}(ρ) + 2 Σ (Λ_j · secular cross term + h.c.) + [Σ Δ_j · non-secular terms] + h.c.
// with L_X(ρ) = 2XρX† − {X†X, ρ}. Terms whose coefficients are exactly equal (Γ) or equal up to sign
// (Λ, Δ) share one named coefficient, as in the papers. A term is secular when it does not rotate in the
// interaction picture: τ_ab ρ τ_cd rotates with λ_a − λ_b + λ_c − λ_d, decided exactly.
import { type Expr, add, conj, divConst, mul, neg, num, sub } from '../algebra/expr.ts';
import type { Complex } from '../algebra/rational.ts';
import { type SuperEntry, SuperOp, adjointEntry, entryKey } from '../operators/superop.ts';
import type { Derivation } from './redfield.ts';
import type { Model } from '../model/model.ts';

export type PaperFamily = 'Gamma' | 'Lambda' | 'Delta' | 'Other';

/** One operator piece of a term: L_{τ_ab} ('D'), τ_ab ρ ('L'), ρ τ_ab ('R') or τ_ab ρ τ_cd ('S'), times ±1. */
export interface StructureItem {
  kind: 'D' | 'L' | 'R' | 'S';
  idx: number[];
  sign: 1 | -1;
}

export interface PaperTerm {
  family: PaperFamily;
  name: string;
  latex: string;
  coef: Expr;
  /** the term is factor · coef · Σ items (+ h.c. when hc) */
  factor: 1 | 2;
  hc: boolean;
  items: StructureItem[];
}

export interface PaperForm {
  terms: PaperTerm[];
}

/** Exact rotation frequency of an entry in the interaction picture (zero ⇔ secular). */
export function rotation(model: Model, kind: 'L' | 'R' | 'S', idx: number[]): Expr {
  const e = (i: number) => model.states[i].energy;
  if (kind === 'S') return add(sub(e(idx[0]), e(idx[1])), sub(e(idx[2]), e(idx[3])));
  return sub(e(idx[0]), e(idx[1]));
}

export function paperForm(d: Derivation): PaperForm {
  const { model } = d;
  const rest = new SuperOp(model.states.length);
  rest.addAll(d.dissipator);
  const terms: PaperTerm[] = [];

  // Γ: every τ_mn ρ τ_nm (m ≠ n) with its anticommutator partner, as Γ L_{τ_mn}.
  const gammas: { idx: number[]; coef: Expr }[] = [];
  for (const e of [...d.dissipator.entries.values()]) {
    if (e.kind !== 'S') continue;
    const [a, b, c, dd] = e.idx;
    if (a === dd && b === c && a !== b) gammas.push({ idx: [a, b], coef: divConst(e.coef, num(2)) });
  }
  gammas.sort((x, y) => orderJump(model, x.idx) - orderJump(model, y.idx) || x.idx[0] - y.idx[0] || x.idx[1] - y.idx[1]);
  for (const g of gammas) {
    const [m, n] = g.idx;
    rest.addEntry('S', [m, n, n, m], neg(mul(num(2), g.coef)));
    rest.addEntry('L', [n, n], g.coef);
    rest.addEntry('R', [n, n], g.coef);
  }
  groupInto(
    terms,
    'Gamma',
    gammas.map((g) => ({ item: { kind: 'D', idx: g.idx, sign: 1 }, coef: g.coef })),
    false,
  );

  // Λ and Δ: the remaining entries, one representative per h.c. pair.
  const done = new Set<string>();
  const secular: { item: StructureItem; coef: Expr }[] = [];
  const nonsecular: { item: StructureItem; coef: Expr }[] = [];
  const other: { item: StructureItem; coef: Expr }[] = [];
  const entries = [...rest.entries.values()].sort(entryOrder);
  for (const e of entries) {
    const k = entryKey(e.kind, e.idx);
    if (done.has(k)) continue;
    const adj = adjointEntry(e);
    const ak = entryKey(adj.kind, adj.idx);
    done.add(k);
    done.add(ak);
    const partner = rest.entries.get(ak);
    const selfAdjoint = ak === k;
    const hermitianPair = selfAdjoint || (partner !== undefined && sub(partner.coef, adj.coef).isZero());
    if (!hermitianPair) {
      // not expected from a Redfield generator; keep both entries verbatim
      other.push({ item: { kind: e.kind, idx: e.idx, sign: 1 }, coef: e.coef });
      if (partner) other.push({ item: { kind: partner.kind, idx: partner.idx, sign: 1 }, coef: partner.coef });
      continue;
    }
    const isSecular = rotation(model, e.kind, e.idx).isZero();
    const pick = preferred(e, adj);
    const coef = pick === e ? e.coef : conj(e.coef);
    const target = selfAdjoint ? other : isSecular && e.kind === 'S' ? secular : nonsecular;
    target.push({ item: { kind: pick.kind, idx: pick.idx, sign: 1 }, coef });
  }
  groupInto(
    terms,
    'Lambda',
    secular.map((x) => ({ ...x, coef: divConst(x.coef, num(2)) })),
    true,
  );
  groupInto(terms, 'Delta', nonsecular, true);
  groupInto(terms, 'Other', other, false);
  return { terms };
}

/** Order jumps τ_mn by frequency (declared order), emission (energy lowering) first. */
function orderJump(model: Model, [m, n]: number[]): number {
  const w = sub(model.states[n].energy, model.states[m].energy);
  let fi = model.frequencies.findIndex((f) => f.value.equals(w));
  let raising = 0;
  if (fi < 0) {
    fi = model.frequencies.findIndex((f) => f.value.equals(neg(w)));
    raising = 1;
  }
  return (fi < 0 ? 1000 : fi) * 2 + raising;
}

function entryOrder(a: SuperEntry, b: SuperEntry): number {
  const rank = { L: 0, S: 1, R: 2 } as const;
  return rank[a.kind] - rank[b.kind] || a.idx.join(',').localeCompare(b.idx.join(','));
}

/** Of an entry and its adjoint, the one printed: left-multiplications before right ones, else the first in index order. */
function preferred(e: SuperEntry, adj: SuperEntry): SuperEntry {
  if (e.kind !== adj.kind) return e.kind === 'L' ? e : adj;
  return e.idx.join(',') <= adj.idx.join(',') ? e : adj;
}

/** Sign-normalised key: x and −x share it; `sign` says which of the two x is. */
function signKey(x: Expr): { key: string; sign: 1 | -1 } {
  const first = [...x.terms.keys()].sort()[0];
  const c: Complex = x.terms.get(first)!.coef;
  const negative = c.re.n < 0n || (c.re.n === 0n && c.im.n < 0n);
  return negative ? { key: neg(x).key, sign: -1 } : { key: x.key, sign: 1 };
}

function groupInto(terms: PaperTerm[], family: PaperFamily, items: { item: StructureItem; coef: Expr }[], upToSign: boolean): void {
  // key -> the group and the sign its coefficient has relative to the key (so the first item prints with +)
  const groups = new Map<string, { term: PaperTerm; sign: 1 | -1 }>();
  const symbol = { Gamma: '\\Gamma', Lambda: '\\Lambda', Delta: '\\Delta', Other: 'C' }[family];
  let count = 0;
  for (const { item, coef } of items) {
    if (coef.isZero()) continue;
    const { key, sign } = upToSign ? signKey(coef) : { key: coef.key, sign: 1 as const };
    let g = groups.get(key);
    if (!g) {
      count++;
      const term: PaperTerm = {
        family,
        name: `${family}${count}`,
        latex: `${symbol}_{${count}}`,
        coef,
        factor: family === 'Lambda' ? 2 : 1,
        hc: family === 'Lambda' || family === 'Delta',
        items: [],
      };
      g = { term, sign };
      groups.set(key, g);
      terms.push(term);
    }
    g.term.items.push({ ...item, sign: sign === g.sign ? 1 : -1 });
  }
}

/** The paper form expanded back into a superoperator (to check it reproduces the derivation). */
export function paperFormToSuperOp(model: Model, form: PaperForm): SuperOp {
  const s = new SuperOp(model.states.length);
  for (const t of form.terms) {
    const piece = new SuperOp(model.states.length);
    for (const it of t.items) addItem(piece, it, mul(num(t.factor * it.sign), t.coef));
    s.addAll(piece);
    if (t.hc)
      for (const e of piece.entries.values()) {
        const a = adjointEntry(e);
        s.addEntry(a.kind, a.idx, a.coef);
      }
  }
  return s;
}

export function addItem(s: SuperOp, it: StructureItem, coef: Expr): void {
  if (it.kind === 'D') {
    const [m, n] = it.idx;
    s.addEntry('S', [m, n, n, m], mul(num(2), coef));
    s.addEntry('L', [n, n], neg(coef));
    s.addEntry('R', [n, n], neg(coef));
  } else s.addEntry(it.kind, it.idx, coef);
}
