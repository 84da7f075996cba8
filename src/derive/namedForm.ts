// The master equation in the named coefficients of its paper form (Γ_1, Λ_2, Δ_3, … as the papers write
// them): each paper-form coefficient stands as an atom, the generator is rebuilt from the paper-form terms
// over those atoms, and its equations of motion are the table's with the named coefficients in place of
// their values. Computed once per DerivedTable (memoised) for every emitter that prints them, and checked
// exactly: substituting the values back reproduces table.equations, so printing never changes the physics.
// Also the steady state solved over the named coefficients (the closed forms the appendix prints).
import { type Expr, type Variable, atom, conj, isReal, mul, num, scale, sub, substitute, variable } from '../algebra/expr.ts';
import { C1, cneg } from '../algebra/rational.ts';
import { SuperOp, adjointEntry } from '../operators/superop.ts';
import { expandCorrelations, isZeroExact } from '../bath/correlators.ts';
import { type PaperTerm, addItem } from './paperForm.ts';
import { unitaryPart } from './redfield.ts';
import { type DerivedTable, type ElementEquation, elementEquations } from './table.ts';
import { type ExactSteadyState, exactSteadyState, steadyStateOf } from './steadyState.ts';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

/** One named coefficient: the atom standing for paper term `term` (its complex conjugate when `conjugate`). */
export interface NamedCoefficient {
  /** index into NamedForm.terms */
  term: number;
  conjugate: boolean;
  value: Expr;
}

export interface NamedForm {
  /** the paper-form terms as written: a term whose pieces all carry a minus sign has −coef and + pieces */
  terms: PaperTerm[];
  /** atom key ↦ the coefficient it names */
  coefficients: Map<string, NamedCoefficient>;
  /** an expression over the named coefficients ↦ its value */
  value: (x: Expr) => Expr;
  /** the generator written with the named coefficients (H_S part included) */
  generator: SuperOp;
  /** d ρ_row,col / dt over the named coefficients (terms exactly zero dropped); value() of each is table.equations' */
  equations: ElementEquation[];
}

/** The paper-form terms as written: a term whose pieces all carry a minus sign is shown with −coef and + pieces. */
export function writtenTerms(table: DerivedTable): PaperTerm[] {
  return table.paper.terms.map((t: PaperTerm) => {
    const flip = t.items.every((it) => it.sign < 0);
    return {
      family: t.family,
      name: t.name,
      latex: t.latex,
      coef: flip ? scale(t.coef, cneg(C1)) : t.coef,
      factor: t.factor,
      hc: t.hc,
      items: flip ? t.items.map((it) => ({ ...it, sign: 1 as const })) : t.items,
    };
  });
}

const namedCache = new WeakMap<DerivedTable, NamedForm>();

/** The named form of a derived table (memoised per table). Throws if it does not reproduce table.equations exactly. */
export function namedForm(table: DerivedTable): NamedForm {
  const hit = namedCache.get(table);
  if (hit) return hit;
  const { model } = table;
  const n = model.states.length;
  const terms = writtenTerms(table);
  const coefficients = new Map<string, NamedCoefficient>();
  const generator = unitaryPart(model);
  terms.forEach((t, i) => {
    const base = [model.name, table.approx, t.name, t.coef.key];
    const real = isReal(expandCorrelations(model, t.coef));
    const ph = atom('PaperCoefficient', base, real ? {} : { conjArgs: [...base, '*'] });
    const key = [...ph.terms.values()][0].mono[0][0];
    coefficients.set(key, { term: i, conjugate: false, value: t.coef });
    if (!real) coefficients.set((variable(key) as AtomVar).conjKey, { term: i, conjugate: true, value: conj(t.coef) });
    const piece = new SuperOp(n);
    for (const it of t.items) addItem(piece, it, mul(num(t.factor * it.sign), ph));
    generator.addAll(piece);
    if (t.hc)
      for (const e of piece.entries.values()) {
        const a = adjointEntry(e);
        generator.addEntry(a.kind, a.idx, a.coef);
      }
  });
  const value = (x: Expr) => substitute(x, (v) => coefficients.get(v.key)?.value);
  const equations = elementEquations(n, generator, (x) => x.isZero());
  checkEquations(table, equations, value);
  const form: NamedForm = { terms, coefficients, value, generator, equations };
  namedCache.set(table, form);
  return form;
}

/** The named equations reproduce the table's exactly (every coefficient of every element, both ways). */
function checkEquations(table: DerivedTable, named: ElementEquation[], value: (x: Expr) => Expr): void {
  const { model } = table;
  const coefs = (eqs: ElementEquation[]) => {
    const m = new Map<string, Expr>();
    for (const e of eqs) for (const t of e.terms) m.set(`${e.row},${e.col}|${t.b},${t.c}`, t.coef);
    return m;
  };
  const eq = coefs(named);
  const actual = coefs(table.equations);
  for (const k of new Set([...eq.keys(), ...actual.keys()])) {
    const diff = sub(value(eq.get(k) ?? num(0)), actual.get(k) ?? num(0));
    if (!isZeroExact(model, diff))
      throw new Error(`internal: equation of motion ${k} of ${model.name} (${table.approx}) differs from the table`);
  }
}

/** Population blocks whose exact determinant has more terms are not solved over the named coefficients. */
const NAMED_SOLVE_TERMS = 1000;

const namedSteadyCache = new WeakMap<DerivedTable, ExactSteadyState>();

/**
 * The exact steady state solved over the named coefficients, for printing: only population blocks whose exact
 * determinant is short enough (≤ NAMED_SOLVE_TERMS terms) for the named form to have a chance of fitting on a line
 * (memoised per table). Its value is the exact solve's (substitution is a ring homomorphism; a test checks it).
 */
export function namedSteady(table: DerivedTable): ExactSteadyState {
  const hit = namedSteadyCache.get(table);
  if (hit) return hit;
  const named = namedForm(table);
  const exact = exactSteadyState(table);
  const wanted = (i: number) =>
    exact.blocks[i].solved && exact.blocks[i].populations && exact.blocks[i].determinant.terms.size <= NAMED_SOLVE_TERMS;
  const solved = steadyStateOf({ model: table.model, equations: named.equations, blocks: table.blocks }, (x) => x.isZero(), wanted);
  namedSteadyCache.set(table, solved);
  return solved;
}
