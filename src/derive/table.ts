// A derived master equation in every form the emitters print: the one value that emit/latex.ts,
// emit/typescript.ts and emit/json.ts visit. Also the equations of motion of the density-matrix elements
// and the block structure of the generator (which elements couple), decided on the exact coefficients.
import type { Expr } from '../algebra/expr.ts';
import type { Model } from '../model/model.ts';
import { type Approx, type DeriveOptions, type Derivation, type LindbladForm, derive, lindbladForm } from './redfield.ts';
import { type PaperForm, paperForm } from './paperForm.ts';
import { isZeroExact } from '../bath/correlators.ts';
import type { SuperOp } from '../operators/superop.ts';

export interface ElementEquation {
  /** d ρ_row,col / dt = Σ coef · ρ_b,c (0-based eigenbasis indices) */
  row: number;
  col: number;
  terms: { b: number; c: number; coef: Expr }[];
}

export interface DerivedTable {
  model: Model;
  approx: Approx;
  derivation: Derivation;
  paper: PaperForm;
  lindblad: LindbladForm;
  equations: ElementEquation[];
  /** sets of elements [row, col] closed under the dynamics (connected components of the generator) */
  blocks: [number, number][][];
}

export { variantName } from './approx.ts';

// A derivation is a function of the model and the options alone, and the emitters, the checks and the report ask for
// the same ones again and again: each is derived once per process (a loaded model is a value nothing changes, and
// loadModelFile gives the same model for the same file text).
const derived = new WeakMap<Model, Map<string, DerivedTable>>();

export function deriveTable(given: Model, approx: Approx, options: DeriveOptions = {}): DerivedTable {
  // keyed by the Lamb-shift choice in effect, so `{}` and `{ lambShift: false }` share one derivation where the model
  // says false (the report asks one way and `derive` the other: each emitted the same appendices again)
  const key = `${approx}|${options.lambShift ?? given.lambShift}|${options.cutoff ?? 'model'}`;
  let tables = derived.get(given);
  if (!tables) derived.set(given, (tables = new Map()));
  let table = tables.get(key);
  if (!table) tables.set(key, (table = derivedTable(given, approx, options)));
  return table;
}

function derivedTable(given: Model, approx: Approx, options: DeriveOptions): DerivedTable {
  const derivation = derive(given, approx, options);
  // the model the approximation wrote the equation for (partial-secular adds its cutoff, local its site frequencies)
  const model = derivation.model;
  const n = model.states.length;
  const equations = elementEquations(n, derivation.generator, (x) => isZeroExact(model, x));
  return {
    model,
    approx,
    derivation,
    paper: paperForm(derivation),
    lindblad: lindbladForm(derivation),
    equations,
    blocks: blocksOf(equations, n),
  };
}

/** d ρ_ad/dt = Σ G_{ab,cd} ρ_bc for every element, from a generator's sandwich tensor (zero coefficients dropped). */
export function elementEquations(n: number, generator: SuperOp, isZero: (x: Expr) => boolean): ElementEquation[] {
  const byElement = new Map<number, ElementEquation>();
  for (let a = 0; a < n; a++) for (let d = 0; d < n; d++) byElement.set(a * n + d, { row: a, col: d, terms: [] });
  for (const [key, coef] of generator.tensor()) {
    if (isZero(coef)) continue;
    const [a, b, c, d] = key.split(',').map(Number);
    byElement.get(a * n + d)!.terms.push({ b, c, coef });
  }
  const equations = [...byElement.values()];
  for (const e of equations) e.terms.sort((x, y) => x.b * n + x.c - (y.b * n + y.c));
  return equations;
}

/** Connected components of the coupling graph between elements (undirected). */
function blocksOf(equations: ElementEquation[], n: number): [number, number][][] {
  const parent = Array.from({ length: n * n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const e of equations) for (const t of e.terms) parent[find(e.row * n + e.col)] = find(t.b * n + t.c);
  const groups = new Map<number, [number, number][]>();
  for (let i = 0; i < n * n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push([Math.floor(i / n), i % n]);
  }
  // The block holding the populations first, then by first element.
  return [...groups.values()].sort(
    (x, y) =>
      Number(!x.some(([r, c]) => r === c)) - Number(!y.some(([r, c]) => r === c)) || x[0][0] * n + x[0][1] - (y[0][0] * n + y[0][1]),
  );
}
