// Numeric eigenbasis mode, model side (issue 9, item 4b): the derivation keeps its structure when H_S has
// no exact eigenvectors. States are numbered within the exact blocks of H (block order, then ascending
// energy at each parameter point); their energies are real atoms E(psi_k) and the matrix elements of every
// operator are atoms Mre(X, psi_m, psi_n) (+ i·Mim(X, psi_m, psi_n) unless H and X are real, when real
// eigenvectors make the imaginary parts vanish). Selection rules stay exact: ⟨m|X|n⟩ is 0 whenever X has no
// entry from the block of n to the block of m. Bohr frequencies are the differences E(psi_n) − E(psi_m) of
// the nonzero elements, one per pair (degeneracies cannot be decided exactly here: the nonsecular table is
// exact, a secular one must group frequencies at each point, src/numeric/bohr.ts). The secular derivation keeps
// a pair of different frequencies ω, ω′ with the selector atom Sec(ω, ω′), 1 where |ω − ω′| ≤ the model's
// tolerance at the point and 0 elsewhere, so one table serves every point.
//
// Contract:
//   numericEigenModel(model)            the same model with states, operators, channels and frequencies in
//                                       these atoms (the exact eigenstructure, if any, is ignored);
//   numericEigenPricer(model, valueOf)  prices E/Mre/Mim at one parameter point by diagonalising each block of
//                                       H numerically (one decomposition per call, cached), with `vectors` the
//                                       eigenvectors it used (columns in state order), so results can be carried
//                                       back to the bare basis consistently.
import { type Expr, type Variable, add, atom, imag, isReal, mul, sub } from '../algebra/expr.ts';
import { Operator } from '../operators/operator.ts';
import { type CMatrix, fromNested, zeros } from '../numeric/complexMatrix.ts';
import { hermitianEigen } from '../numeric/eigen.ts';
import { absoluteTolerance } from '../numeric/bohr.ts';
import { DEFAULT_BOHR_TOLERANCE, type EigenState, type Frequency, type Model, type NamedOperator } from './model.ts';

export const ENERGY_ATOM = 'E';
export const ELEMENT_RE = 'Mre';
export const ELEMENT_IM = 'Mim';
export const SECULAR_ATOM = 'Sec';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

export const isEigenAtom = (v: AtomVar): boolean =>
  v.fn === ENERGY_ATOM || v.fn === ELEMENT_RE || v.fn === ELEMENT_IM || v.fn === SECULAR_ATOM;

/** The selector of a secular pair of different frequencies (arguments sorted, so Sec(a, b) = Sec(b, a)). */
export function secularSelector(a: string, b: string): Expr {
  return atom(SECULAR_ATOM, a < b ? [a, b] : [b, a]);
}

/** The block structure of H (exported for the code generator, which diagonalises block by block). */
export function eigenLayout(h: Operator): Layout {
  return layout(h);
}

/** State k's name psi(k+1) back to k. */
export const stateIndex = (name: string): number => Number(name.slice(3)) - 1;

export interface Layout {
  blocks: number[][];
  /** state k ↔ (block, rank within the block in ascending energy) */
  stateBlock: number[];
  stateRank: number[];
}

function layout(h: Operator): Layout {
  const n = h.n;
  const seen = new Set<number>();
  const blocks: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (seen.has(i)) continue;
    const block = [i];
    seen.add(i);
    for (let q = 0; q < block.length; q++)
      for (let k = 0; k < n; k++)
        if (!seen.has(k) && (!h.get(block[q], k).isZero() || !h.get(k, block[q]).isZero())) {
          seen.add(k);
          block.push(k);
        }
    blocks.push(block.sort((a, b) => a - b));
  }
  const stateBlock: number[] = [];
  const stateRank: number[] = [];
  blocks.forEach((b, bi) => b.forEach((_, r) => (stateBlock.push(bi), stateRank.push(r))));
  return { blocks, stateBlock, stateRank };
}

const stateName = (k: number) => `psi${k + 1}`;

function isRealOperator(op: Operator): boolean {
  for (const [, , v] of op.nonzero()) if (!isReal(v)) return false;
  return true;
}

/** ⟨m|X|n⟩ as atoms, zero where the blocks forbid it. */
function elements(name: string, bare: Operator, h: Operator, lay: Layout, real: boolean): Operator {
  const n = h.n;
  const entries = new Map<number, Expr>();
  const blockOf = new Map<number, number>();
  lay.blocks.forEach((b, bi) => b.forEach((i) => blockOf.set(i, bi)));
  const links = new Set<string>();
  for (const [i, j] of bare.nonzero()) links.add(`${blockOf.get(i)},${blockOf.get(j)}`);
  for (let m = 0; m < n; m++)
    for (let k = 0; k < n; k++) {
      if (!links.has(`${lay.stateBlock[m]},${lay.stateBlock[k]}`)) continue;
      const args = [name, stateName(m), stateName(k)];
      const re = atom(ELEMENT_RE, args);
      entries.set(m * n + k, real ? re : add(re, mul(imag(), atom(ELEMENT_IM, args))));
    }
  return new Operator(n, entries);
}

export function numericEigenModel(model: Model, valueAtDefaults?: (x: Expr) => number): Model {
  // Hermitian couplings need the sign (and the zero) of every Bohr frequency, which this mode decides only at a point.
  if (model.couplings.length)
    throw new RangeError(
      `the numeric eigenbasis mode handles RWA channels only so far; ${model.couplings.map((c) => c.name).join(', ')} ${model.couplings.length > 1 ? 'are Hermitian couplings' : 'is a Hermitian coupling'}, whose Bohr frequencies change sign and vanish at points this mode cannot decide exactly; declare eigen.states`,
    );
  const h = model.hamiltonian;
  const lay = layout(h);
  const n = h.n;
  const real = isRealOperator(h);
  const states: EigenState[] = Array.from({ length: n }, (_, k) => ({
    name: stateName(k),
    latex: `\\psi_{${k + 1}}`,
    energy: atom(ENERGY_ATOM, [stateName(k)]),
    vector: [], // no exact vector in this mode
  }));
  const withElements = (o: NamedOperator): NamedOperator => ({
    ...o,
    eigen: elements(o.name, o.bare, h, lay, real && isRealOperator(o.bare)),
  });
  const channels = model.channels.map(withElements);
  // One frequency per nonzero channel element, named by value at the defaults when a pricer is given.
  const seen = new Map<string, Expr>();
  for (const ch of channels)
    for (const [m, k] of ch.eigen.nonzero()) {
      const w = sub(states[k].energy, states[m].energy);
      if (!w.isZero()) seen.set(w.key, w);
    }
  const values = [...seen.values()];
  const at = values.map((w) => (valueAtDefaults ? valueAtDefaults(w) : 0));
  const order = values.map((_, i) => i).sort((a, b) => at[a] - at[b] || a - b);
  const frequencies: Frequency[] = order.map((i, r) => ({
    name: `w${r + 1}`,
    latex: `\\omega_{${r + 1}}`,
    value: values[i],
    declared: false,
  }));
  return {
    ...model,
    eigenMode: 'numeric',
    angles: [],
    states,
    eigenvectors: new Operator(n, new Map()),
    frequencies,
    operators: new Map([...model.operators].map(([k, o]) => [k, withElements(o)])),
    siteOperators: new Map([...model.siteOperators].map(([k, o]) => [k, withElements(o)])),
    channels,
  };
}

export interface NumericEigenPricer {
  /** value of an E/Mre/Mim/Sec atom (`real` values a frequency for Sec), undefined for other atoms */
  price(v: AtomVar, real?: (x: Expr) => number): number | undefined;
  /** |ω − ω′| at or below this is one frequency: bohrTolerance·(1 + max|E|) */
  tolerance: number;
  /** the eigenvectors used, columns in state order (bare-basis rows) */
  vectors: CMatrix;
  energies: Float64Array;
}

/** Diagonalise each block of H at one point; `valueOf` gives the numeric value [re, im] of an exact H entry. */
export function numericEigenPricer(
  model: Model,
  valueOf: (x: Expr) => [number, number],
  bohrTolerance = DEFAULT_BOHR_TOLERANCE,
): NumericEigenPricer {
  const h = model.hamiltonian;
  const lay = layout(h);
  const n = h.n;
  const vectors = zeros(n);
  const energies = new Float64Array(n);
  let k = 0;
  for (const block of lay.blocks) {
    const d = block.length;
    const re = block.map((i) => block.map((j) => (h.get(i, j).isZero() ? 0 : valueOf(h.get(i, j))[0])));
    const im = block.map((i) => block.map((j) => (h.get(i, j).isZero() ? 0 : valueOf(h.get(i, j))[1])));
    const eig = hermitianEigen(fromNested(re, im));
    for (let r = 0; r < d; r++, k++) {
      energies[k] = eig.values[r]!;
      block.forEach((i, a) => {
        vectors.re[i * n + k] = eig.vectors.re[a * d + r]!;
        vectors.im[i * n + k] = eig.vectors.im[a * d + r]!;
      });
    }
  }
  // A real H has real eigenvectors, which numericEigenModel relies on when it leaves out the Mim atoms.
  if (isRealOperator(h))
    for (let i = 0; i < n * n; i++) if (Math.abs(vectors.im[i]!) > 1e-12) throw new Error('internal: complex eigenvector of a real H');
  const cache = new Map<string, [number, number]>();
  const named = new Map<string, Operator>();
  for (const o of [...model.channels, ...model.operators.values(), ...model.siteOperators.values()]) named.set(o.name, o.bare);
  const index = stateIndex;
  const tolerance = absoluteTolerance(energies, bohrTolerance);
  const frequency = (name: string, real: (x: Expr) => number) => {
    const f = model.frequencies.find((x) => x.name === name);
    if (!f) throw new Error(`internal: no frequency ${name}`);
    return real(f.value);
  };
  const element = (op: string, m: number, q: number): [number, number] => {
    const key = `${op},${m},${q}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const bare = named.get(op);
    if (!bare) throw new Error(`internal: no operator ${op}`);
    let sr = 0;
    let si = 0;
    for (const [i, j, v] of bare.nonzero()) {
      const [xr, xi] = valueOf(v);
      const ar = vectors.re[i * n + m]!;
      const ai = -vectors.im[i * n + m]!; // conj
      const br = vectors.re[j * n + q]!;
      const bi = vectors.im[j * n + q]!;
      const tr = xr * br - xi * bi;
      const ti = xr * bi + xi * br;
      sr += ar * tr - ai * ti;
      si += ar * ti + ai * tr;
    }
    const out: [number, number] = [sr, si];
    cache.set(key, out);
    return out;
  };
  return {
    vectors,
    energies,
    tolerance,
    price: (v, real) => {
      if (v.fn === SECULAR_ATOM) {
        if (!real) throw new Error('internal: Sec needs the frequency values');
        return Math.abs(frequency(v.args[0]!, real) - frequency(v.args[1]!, real)) <= tolerance ? 1 : 0;
      }
      if (v.fn === ENERGY_ATOM) return energies[index(v.args[0]!)];
      if (v.fn === ELEMENT_RE || v.fn === ELEMENT_IM) {
        const [r, i] = element(v.args[0]!, index(v.args[1]!), index(v.args[2]!));
        return v.fn === ELEMENT_RE ? r : i;
      }
      return undefined;
    },
  };
}
