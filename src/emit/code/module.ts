// What every generated module computes, language-neutrally: for each function of the GeneratedModel contract
// (src/numeric/generatedModel.ts) its straight-line Program and the nodes it returns or writes. Language
// printers (typescript.ts, python.ts) only lay these out in their syntax. Contract: indices are those of the
// contract (vec(ρ) row-major in the eigenbasis; the liouvillian's entry (r, c) of the n²×n² matrix is r·n² + c);
// each list is in a fixed, sorted order, so printed modules are byte-for-byte deterministic.
import type { Expr } from '../../algebra/expr.ts';
import { isReal, variable } from '../../algebra/expr.ts';
import { SECULAR_ATOM } from '../../model/numericEigen.ts';
import type { Model } from '../../model/model.ts';
import type { MathNode } from 'mathjs';
import type { DerivedTable } from '../../derive/table.ts';
import { unitaryPart } from '../../derive/redfield.ts';
import { expandCorrelations } from '../../bath/correlators.ts';
import { lindbladNames } from '../json.ts';
import { type Node, ZERO, isZero, mul, num, plus, ref } from './ir.ts';
import { Program, type Val, ZERO_VAL, scalarNode } from './program.ts';
import { eigenvectorComponent } from './eigenbasis.ts';
import { spectrumValue } from './spectrum.ts';

/** x with every bath-summed atom priced by bath α alone (zero when α does not reach it). */
export function bathPart(model: Model, x: Expr, bath: string): Expr {
  return expandCorrelations({ ...model, baths: model.baths.filter((b) => b.name === bath) }, x);
}

/** Whether the generated code must write an entry: nonzero for the full dissipator or for some bath alone. */
function dissipatorEntryNonzero(model: Model, x: Expr): boolean {
  if (x.isZero()) return false;
  if (!expandCorrelations(model, x).isZero()) return true;
  return model.baths.some((b) => !bathPart(model, x, b.name).isZero());
}

/** Coefficients whose value is real for every parameter point print as numbers, the rest as complex pairs. */
function realValued(model: Model, x: Expr): boolean {
  return isReal(expandCorrelations(model, x));
}

/** The vec(ρ) index blocks of the contract: blocks[0] holds every population (blocks with one are merged). */
export function vecBlocks(table: DerivedTable): number[][] {
  const n = table.model.states.length;
  const toVec = (b: [number, number][]) => b.map(([r, c]) => r * n + c).sort((x, y) => x - y);
  const hasPopulation = (b: [number, number][]) => b.some(([r, c]) => r === c);
  const populations = table.blocks
    .filter(hasPopulation)
    .flatMap(toVec)
    .sort((x, y) => x - y);
  const rest = table.blocks
    .filter((b) => !hasPopulation(b))
    .map(toVec)
    .sort((x, y) => x[0]! - y[0]!);
  return [populations, ...rest];
}

export interface EnergiesPlan {
  prog: Program;
  values: Node[];
}

export function energiesPlan(model: Model, reserved: ReadonlySet<string>): EnergiesPlan {
  const prog = new Program(model, false, reserved);
  return { prog, values: model.states.map((s) => prog.real(s.energy, `energy of ${s.name}`)) };
}

/** The bath temperatures T_α(p), in model bath order. */
export function temperaturesPlan(model: Model, reserved: ReadonlySet<string>): EnergiesPlan {
  const prog = new Program(model, false, reserved);
  return { prog, values: model.baths.map((b) => prog.temperature(b.name)) };
}

export interface CoefficientsPlan {
  prog: Program;
  /** in table order: paper-form terms, Lindblad-like rates, Ĥc entries */
  fields: { name: string; value: Val; real: boolean }[];
}

export function coefficientsPlan(table: DerivedTable, reserved: ReadonlySet<string>): CoefficientsPlan {
  const { model } = table;
  const prog = new Program(model, false, reserved);
  const names = lindbladNames(table);
  const entries: [string, Expr][] = [
    ...table.paper.terms.map((t): [string, Expr] => [t.name, t.coef]),
    ...table.lindblad.rates.map((r, i): [string, Expr] => [names.rates[i]!, r.rate]),
    ...table.lindblad.hc.map((h, i): [string, Expr] => [names.hc[i]!, h.coef]),
  ];
  return { prog, fields: entries.map(([name, x]) => ({ name, value: prog.expr(x), real: realValued(model, x) })) };
}

export interface LiouvillianPlan {
  prog: Program;
  /** the 0/1 switch of each bath's dissipator (model bath order); `_u` switches −i[H_S, ρ] */
  selectors: string[];
  /** the nonzero entries, real parts at [0, n⁴) and imaginary parts at n⁴ + index, ascending */
  writes: { index: number; node: Node }[];
}

/** The name of the switch of −i[H_S, ρ] in the liouvillian. */
export const UNITARY_SWITCH = '_u';

export function liouvillianPlan(table: DerivedTable, reserved: ReadonlySet<string>): LiouvillianPlan {
  const { model } = table;
  const n = model.states.length;
  const N = n * n;
  const prog = new Program(model, true, reserved);
  const dissipator = table.derivation.dissipator.tensor();
  const unitary = unitaryPart(model).tensor();
  const keys = [...new Set([...dissipator.keys(), ...unitary.keys()])]
    .map((k) => {
      const [a, b, c, d] = k.split(',').map(Number) as [number, number, number, number];
      return { k, index: (a * n + d) * N + (b * n + c) };
    })
    .sort((x, y) => x.index - y.index);
  const writes: { index: number; node: Node }[] = [];
  const u = ref(UNITARY_SWITCH);
  for (const { k, index } of keys) {
    const D = dissipator.get(k);
    const dv = D && dissipatorEntryNonzero(model, D) ? prog.expr(D) : ZERO_VAL;
    const U = unitary.get(k);
    const uv = U ? prog.expr(U) : ZERO_VAL;
    const re = plus(dv.re, mul(u, uv.re));
    const im = plus(dv.im, mul(u, uv.im));
    if (!isZero(re)) writes.push({ index, node: re });
    if (!isZero(im)) writes.push({ index: N * N + index, node: im });
  }
  writes.sort((x, y) => x.index - y.index);
  return { prog, selectors: model.baths.map((b) => prog.bathSelector(b.name)), writes };
}

/**
 * The liouvillian's writes that fall in the block `block` (vec indices, ascending), renumbered for the m×m
 * sub-matrix: real parts at row·m + column, imaginary parts at m² + row·m + column, ascending.
 */
export function populationBlockWrites(
  block: readonly number[],
  N: number,
  writes: readonly { index: number; node: Node }[],
): { m: number; writes: { index: number; node: Node }[] } {
  const m = block.length;
  const at = new Map(block.map((v, i) => [v, i]));
  const out: { index: number; node: Node }[] = [];
  for (const { index, node } of writes) {
    const imaginary = index >= N * N;
    const k = imaginary ? index - N * N : index;
    const r = at.get(Math.floor(k / N));
    const c = at.get(k % N);
    if (r !== undefined && c !== undefined) out.push({ index: (imaginary ? m * m : 0) + r * m + c, node });
  }
  return { m, writes: out.sort((x, y) => x.index - y.index) };
}

export interface PhysicsPlan {
  prog: Program;
  /** what the values are (the contract's physicsLayout) */
  layout: { frequencies: string[]; spectra: { bath: string; operators: string[] }[] };
  /**
   * The admissibility numbers at a point, flat: the nb bath temperatures; the named Bohr frequencies; then per
   * layout.spectra entry and frequency the m×m spectrum matrix of that bath (m² real parts, then m² imaginary
   * parts, row-major).
   */
  values: Node[];
}

/**
 * The numbers the physics check at every solved point needs (src/numeric/physics.ts), in one program: the
 * temperatures, the Bohr frequencies (each must keep the sign > 0 the derivation gave it at the defaults) and
 * each bath's spectrum matrix at every Bohr frequency. No Planck number is needed: with these admissible,
 * every transfer rate is ≥ 0.
 */
export function physicsPlan(table: DerivedTable, reserved: ReadonlySet<string>): PhysicsPlan {
  const { model } = table;
  const prog = new Program(model, false, reserved);
  const frequencies = model.frequencies.map((f) => f.name);
  const values: Node[] = [...model.baths.map((b) => prog.temperature(b.name)), ...frequencies.map((f) => prog.frequency(f))];
  const spectra: PhysicsPlan['layout']['spectra'] = [];
  for (const b of model.baths) {
    const operators = [...new Set([...b.spectrum.keys()].flatMap((key) => key.split(',')))];
    // one operator whose spectrum is a product of positive numbers and parameters the parameter check keeps
    // ≥ 0 at every point (rates, weights, temperatures: γ of a flat channel) needs no second check
    if (!operators.length || (operators.length === 1 && nonNegativeByKinds(model, b.spectrum.values().next().value!.node))) continue;
    spectra.push({ bath: b.name, operators });
    const m = operators.length;
    for (const f of frequencies) {
      const re: Node[] = new Array(m * m).fill(ZERO);
      const im: Node[] = new Array(m * m).fill(ZERO);
      for (const [key, sd] of b.spectrum) {
        const [k, l] = key.split(',') as [string, string];
        const i = operators.indexOf(k);
        const j = operators.indexOf(l);
        const v = spectrumValue(sd, prog.frequency(f), (x) => scalarNode(prog, x));
        re[i * m + j] = v.re;
        im[i * m + j] = v.im;
        re[j * m + i] = v.re;
        im[j * m + i] = isZero(v.im) ? ZERO : mul(num(-1), v.im);
      }
      values.push(...re, ...im);
    }
  }
  return { prog, layout: { frequencies, spectra }, values };
}

/** Whether a spectrum expression is ≥ 0 wherever its parameters pass the point check: products and quotients of positive numbers and rate, weight or temperature parameters. */
function nonNegativeByKinds(model: Model, node: MathNode): boolean {
  const n = node as any;
  switch (n.type) {
    case 'ConstantNode':
      return Number(n.value) >= 0;
    case 'ParenthesisNode':
      return nonNegativeByKinds(model, n.content);
    case 'SymbolNode': {
      const kind = model.parameters.find((p) => p.name === n.name)?.kind;
      return kind === 'rate' || kind === 'weight' || kind === 'temperature';
    }
    case 'OperatorNode':
      return (n.fn === 'multiply' || n.fn === 'divide') && n.args.every((a: MathNode) => nonNegativeByKinds(model, a));
    default:
      return false;
  }
}

export interface MatrixPlan {
  prog: Program;
  /** per matrix (eigenvectors: one; operators: one per operator) its name and nonzero entries at row·n + column */
  matrices: { name: string; entries: { index: number; value: Val }[] }[];
}

/** Declared eigenvectors on the bare basis: column j is state j. */
export function eigenvectorsPlan(model: Model, reserved: ReadonlySet<string>): MatrixPlan {
  const n = model.states.length;
  const prog = new Program(model, false, reserved);
  const entries: { index: number; value: Val }[] = [];
  if (model.eigenMode === 'numeric') {
    // found at each point: every component of the vector's block
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const value = eigenvectorComponent(prog, i, j);
        if (!isZero(value.re) || !isZero(value.im)) entries.push({ index: i * n + j, value });
      }
    return { prog, matrices: [{ name: 'eigenvectors', entries }] };
  }
  model.states.forEach((st, j) =>
    st.vector.forEach((x, i) => {
      if (x.isZero()) return;
      entries.push({ index: i * n + j, value: prog.expr(x) });
    }),
  );
  return { prog, matrices: [{ name: 'eigenvectors', entries }] };
}

/** The operators a module exports: site operators sz(k), then the model's named operators, on the eigenbasis. */
export function exportedOperators(model: Model) {
  return [...[...model.siteOperators.values()].filter((o) => o.name.startsWith('sz(')), ...model.operators.values()];
}

export function operatorsPlan(model: Model, reserved: ReadonlySet<string>, extraNames: readonly string[]): MatrixPlan {
  const n = model.states.length;
  const prog = new Program(model, false, reserved, extraNames);
  const matrices = exportedOperators(model).map((o) => ({
    name: o.name,
    entries: [...o.eigen.nonzero()].map(([r, c, x]) => ({ index: r * n + c, value: prog.expr(x) })),
  }));
  return { prog, matrices };
}

/** Every node a matrix plan writes (for Program.keep). */
export function matrixRoots(plan: MatrixPlan): Node[] {
  return plan.matrices.flatMap((m) => m.entries.flatMap((e) => [e.value.re, e.value.im]));
}

export interface SelectorsPlan {
  prog: Program;
  /** the frequency pairs (ω, ω′) of the secular selectors Sec(ω, ω′), sorted */
  pairs: [string, string][];
  values: Node[];
}

/** The secular selectors of a numeric-eigenbasis table (empty for every other table). */
export function selectorsPlan(table: DerivedTable, reserved: ReadonlySet<string>): SelectorsPlan {
  const prog = new Program(table.model, false, reserved);
  const found = new Map<string, ReturnType<typeof variable>>();
  for (const p of table.derivation.pairs)
    for (const k of p.coef.variables()) {
      const v = variable(k);
      if (v.kind === 'atom' && v.fn === SECULAR_ATOM) found.set(v.key, v);
    }
  const atoms = [...found.values()].sort((a, b) => (a.key < b.key ? -1 : 1)) as Extract<ReturnType<typeof variable>, { kind: 'atom' }>[];
  return { prog, pairs: atoms.map((v) => [v.args[0]!, v.args[1]!]), values: atoms.map((v) => prog.variable(v).re) };
}
