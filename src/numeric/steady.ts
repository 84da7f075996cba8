// Steady states of a generated Born–Markov generator L (see generatedModel.ts for the layout of L).
//
// Contract:
//  - SteadyStateSolver: the per-point fast path for sweeps. It solves only blocks[0] (the populations and
//    the coherences coupled to them), which modules with populationBlock compute without the rest of L, with one
//    population equation replaced by the trace condition, split at run time into the components the nonzero
//    entries connect, in buffers allocated once and factorised in place (lu.ts); solve(p) allocates nothing.
//    ρ is Hermitian, so a component closed under ρ_ab ↔ ρ_ba (the populations', every Redfield block) is solved in
//    real unknowns (Re and Im of one of each pair: a real system of the same size, a quarter of the complex flops),
//    and of two components that are each other's conjugates only one is factorised (the other's pivots are its
//    conjugates); the others in complex arithmetic.
//    It returns false when the bordered block system looks singular (pivot ratio below FAST_PIVOT_RATIO),
//    i.e. when the steady state may not be unique; the caller then asks analyzeSteadyState, which decides.
//  - analyzeSteadyState: the trustworthy path for `solve`. It measures the nullity of L block by block with
//    one column-pivoted QR per block and a stated relative tolerance; the same QR gives the block's right and
//    left null spaces (lu.ts's nullBasis, leftNullBasis). It returns the long-time limit of a given initial
//    state (default: the maximally mixed state) through the spectral projector onto ker L,
//    P₀ = R (Λ†R)⁻¹ Λ†, where the columns of R and Λ span the right and left null spaces.
//    P₀ ρ₀ = lim_{t→∞} e^{Lt} ρ₀ whenever that limit exists (every other eigenvalue has Re λ < 0).
// numbers in, typed arrays out: nothing here knows about the symbolic layers.

import type { GeneratedModel, Params } from './generatedModel.ts';
import { type CMatrix, zeros, adjoint, multiply } from './complexMatrix.ts';
import {
  leftNullBasis,
  luFactor,
  luBackSolveInPlace,
  luFactorInPlace,
  luSolve,
  nullBasis,
  qrColumnPivoted,
  realLuBackSolveInPlace,
  realLuFactorInPlace,
} from './lu.ts';
import { hermitianEigen } from './eigen.ts';

/** ρ as an n×n row-major split complex matrix. */
export interface DensityMatrix {
  n: number;
  re: Float64Array;
  im: Float64Array;
}

/** |r_kk| ≤ NULLITY_TOLERANCE · max_k |r_kk| (over the whole generator) counts as zero. */
export const NULLITY_TOLERANCE = 1e-10;

/**
 * Below this min|u_kk|/max|u_kk| of the bordered block system the fast path gives up and defers to the
 * rank-revealing analysis. Deliberately far above NULLITY_TOLERANCE: LU pivots are not singular values,
 * so the fast path only flags suspects and never decides nullity itself.
 */
export const FAST_PIVOT_RATIO = 1e-8;

/**
 * Components of at least this many unknowns are solved in real unknowns, or skipped as the conjugate of one solved
 * before; smaller ones in complex arithmetic, where the checks would cost more than the flops they save (measured:
 * Case A's blocks of 4 to 8 unknowns ran 10–20 % slower through the real path).
 */
const CONJUGATE_MIN = 10;

/**
 * A block whose entries satisfy |L[ī, j̄] − conj L[i, j]| ≤ this × max|L| everywhere counts as conjugate-symmetric
 * (Hermiticity-preserving): every generated module's is, to rounding; a hand-made generator may not be, and is then
 * solved in complex arithmetic throughout.
 */
const CONJUGATE_TOLERANCE = 1e-12;

export function newDensityMatrix(n: number): DensityMatrix {
  return { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
}

export function maximallyMixed(n: number): DensityMatrix {
  const rho = newDensityMatrix(n);
  for (let a = 0; a < n; a++) rho.re[a * n + a] = 1 / n;
  return rho;
}

/** Checks the contract's promise that blocks[0] holds every population; returns the block as Int32Array. */
function populationBlock(model: GeneratedModel): Int32Array {
  const n = model.dimension;
  const block = model.blocks[0];
  if (!block) throw new Error(`${model.name}: generated module has no blocks`);
  for (let a = 0; a < n; a++) {
    if (!block.includes(a * n + a)) throw new Error(`${model.name}: blocks[0] lacks the population ${a},${a}`);
  }
  return Int32Array.from(block);
}

export class SteadyStateSolver {
  readonly n: number;
  /** n², the size of vec(ρ) */
  readonly size: number;
  /** blocks[0] as vec indices */
  readonly block: Int32Array;
  /** the full generator: filled at each point only for modules without populationBlock, else by generator(p) */
  readonly L: Float64Array;
  /** the n outflow rates L[ρ_kk ← ρ_kk] at the last fill(p) (the physics check's range test reads them) */
  readonly outflows: Float64Array;
  /** the last solution (zero outside blocks[0]); overwritten by the next solve */
  readonly rho: DensityMatrix;
  /** min|u_kk|/max|u_kk| of the last bordered solve (over all its components) */
  pivotRatio = 0;
  /** the number of independent components the last solve split blocks[0] into (1: solved as one system) */
  components = 0;
  /** whether the block at the last split was conjugate-symmetric (see CONJUGATE_TOLERANCE) */
  private symmetric = false;
  /** of the last solve: the unknowns solved in real arithmetic, and those of conjugate components not factorised */
  realUnknowns = 0;
  skippedUnknowns = 0;
  /** the smallest and largest pivot magnitude of the solve in progress */
  private minPivot = Infinity;
  private maxPivot = 0;
  private readonly m: number;
  private readonly traceRow: number;
  private readonly isPopulation: Uint8Array;
  /** blocks[0] of L as the module's populationBlock fills it (2m²), when it has one */
  private readonly B: Float64Array | undefined;
  /** what the last fill computed: blocks[0] in B (used up by the solve, which factorises it in place), or all of L */
  private filled: 'nothing' | 'block' | 'used block' | 'L' = 'nothing';
  /** the block system; with populationBlock, views of B's real and imaginary halves */
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  /** the block entries (row·m + column) written at every point: the module's populationEntries, else all m² */
  private readonly entries: Int32Array;
  /** the entries of each gated group of terms (the module's populationGates), flat, group g at [gateStart[g], gateStart[g + 1]) */
  private readonly gateEntries: Int32Array;
  private readonly gateStart: Int32Array;
  /** the entries the scan visits (its first scannedLength): entries and the groups populationBlock added, or all m² */
  private readonly scanned: Int32Array;
  private scannedLength = 0;
  private readonly xRe: Float64Array;
  private readonly xIm: Float64Array;
  private readonly pivots: Int32Array;
  // the run-time split: a union-find over the unknowns, and scratch for one component's system
  private readonly parent: Int32Array;
  private readonly order: Int32Array;
  private readonly sRe: Float64Array;
  private readonly sIm: Float64Array;
  private readonly bRe: Float64Array;
  private readonly bIm: Float64Array;
  /**
   * conj[i]: the unknown ρ_ba of the unknown i = ρ_ab (conj[i] = i for a population), or undefined when blocks[0]
   * is not closed under it (never for a Hermiticity-preserving L; the complex path then solves everything)
   */
  private readonly conj: Int32Array | undefined;
  /** mirror[i·m + j] = conj[i]·m + conj[j]: where the conjugate of each block entry sits (with conj) */
  private readonly mirror: Int32Array | undefined;
  /** the unknowns 0 … m−1 in order (the whole block as one component) */
  private readonly all: Int32Array;
  /** real scratch: a component's system, its right-hand side, and each unknown's place in its component */
  private readonly real: Float64Array;
  private readonly realRhs: Float64Array;
  private readonly place: Int32Array;
  /** sizes[root]: the number of unknowns in the component of that root, at the last split */
  private readonly sizes: Int32Array;

  constructor(readonly model: GeneratedModel) {
    const n = (this.n = model.dimension);
    this.size = n * n;
    this.block = populationBlock(model);
    const m = (this.m = this.block.length);
    this.L = new Float64Array(2 * this.size * this.size);
    this.B = model.populationBlock ? new Float64Array(2 * m * m) : undefined;
    this.outflows = new Float64Array(n);
    this.rho = newDensityMatrix(n);
    this.isPopulation = new Uint8Array(m);
    for (let i = 0; i < m; i++) this.isPopulation[i] = this.block[i]! % (n + 1) === 0 ? 1 : 0;
    // Any one population equation is redundant (trace preservation: the population rows of L sum to zero),
    // so the first one gives way to the trace condition.
    this.traceRow = this.isPopulation.indexOf(1);
    this.aRe = this.B ? this.B.subarray(0, m * m) : new Float64Array(m * m);
    this.aIm = this.B ? this.B.subarray(m * m) : new Float64Array(m * m);
    const listed = this.B ? model.populationEntries : undefined;
    const gates = listed && model.populationGates && model.populationGatesOn ? model.populationGates : [];
    const checked = (what: string, list: readonly number[]) => {
      if (list.some((k, i) => !(Number.isInteger(k) && k >= 0 && k < m * m) || (i > 0 && k <= list[i - 1]!)))
        throw new Error(`${model.name}: ${what} must be ascending indices in [0, ${m * m})`);
      return list;
    };
    this.entries = Int32Array.from(listed ? checked('populationEntries', listed) : { length: m * m }, (k, i) => (listed ? k : i));
    if (gates.length && model.populationGatesOn!.length !== gates.length)
      throw new Error(`${model.name}: populationGatesOn must have one flag per populationGates entry (${gates.length})`);
    this.gateEntries = Int32Array.from(gates.flatMap((g, i) => checked(`populationGates[${i}]`, g)));
    this.gateStart = new Int32Array(gates.length + 1);
    gates.forEach((g, i) => (this.gateStart[i + 1] = this.gateStart[i]! + g.length));
    this.scanned = new Int32Array(Math.max(m * m, this.entries.length + this.gateEntries.length));
    this.xRe = new Float64Array(m);
    this.xIm = new Float64Array(m);
    this.pivots = new Int32Array(m);
    this.parent = new Int32Array(m);
    this.order = new Int32Array(m);
    this.sRe = new Float64Array(m * m);
    this.sIm = new Float64Array(m * m);
    this.bRe = new Float64Array(m);
    this.bIm = new Float64Array(m);
    const at = new Map<number, number>();
    this.block.forEach((k, i) => at.set(k, i));
    const conj = Int32Array.from(this.block, (k) => at.get((k % n) * n + ((k / n) | 0)) ?? -1);
    this.conj = conj.includes(-1) ? undefined : conj;
    // (only where a component can reach CONJUGATE_MIN: the scan's symmetry test is not free)
    this.mirror =
      this.conj && m >= CONJUGATE_MIN ? Int32Array.from({ length: m * m }, (_, k) => conj[(k / m) | 0]! * m + conj[k % m]!) : undefined;
    this.all = Int32Array.from({ length: m }, (_, i) => i);
    this.real = new Float64Array(m * m);
    this.realRhs = new Float64Array(m);
    this.place = new Int32Array(m);
    this.sizes = new Int32Array(m);
  }

  /** Steady state at p into this.rho. False when the bordered system is (nearly) singular. */
  solve(p: Params): boolean {
    this.fill(p);
    return this.solveFilled();
  }

  /**
   * Evaluates what the fast path needs at p: blocks[0] of L through the module's populationBlock where it has
   * one (the rest of L is never computed), else the whole of L; and the outflow rates.
   */
  fill(p: Params): void {
    const { n, m, B, block, outflows } = this;
    if (B) {
      this.model.populationBlock!(p, B);
      this.filled = 'block';
      for (let i = 0; i < m; i++) if (this.isPopulation[i]) outflows[block[i]! / (n + 1)] = B[i * m + i]!;
      return;
    }
    this.model.liouvillian(p, this.L);
    this.filled = 'L';
    const step = (n + 1) * (this.size + 1);
    for (let k = 0; k < n; k++) outflows[k] = this.L[k * step]!;
  }

  /**
   * The whole generator at p, the point of the last fill(p) (for the rank-revealing analysis when the fast path
   * gives up): this.L, filled now if that fill computed blocks[0] alone.
   */
  generator(p: Params): Float64Array {
    if (this.filled !== 'L') {
      this.model.liouvillian(p, this.L);
      this.filled = 'L';
    }
    return this.L;
  }

  /** As solve, on what the last fill(p) computed (blocks[0], which it uses up, or all of this.L). */
  solveFilled(): boolean {
    const { m, block, aRe, aIm, xRe, xIm, traceRow, isPopulation } = this;
    const N = this.size;
    if (this.filled === 'block') {
      this.filled = 'used block';
      this.scanBlockEntries();
    } else if (this.filled !== 'L') {
      throw new Error('SteadyStateSolver.solveFilled: nothing filled since the last solve; call fill(p) first');
    } else {
      const L = this.L;
      const imOff = N * N;
      for (let i = 0; i < m; i++) {
        const row = block[i]! * N;
        for (let j = 0; j < m; j++) {
          const k = row + block[j]!;
          aRe[i * m + j] = L[k]!;
          aIm[i * m + j] = L[imOff + k]!;
        }
      }
      for (let k = 0; k < m * m; k++) this.scanned[k] = k;
      this.scannedLength = m * m;
    }
    const scale = this.scanAndSplit();
    xRe.fill(0);
    xIm.fill(0);
    if (!(scale > 0) || !Number.isFinite(scale)) {
      this.pivotRatio = 0;
      return false;
    }
    // Trace condition Σ_a ρ_aa = 1, scaled like the other rows so that pivoting treats it fairly.
    for (let j = 0; j < m; j++) {
      aRe[traceRow * m + j] = isPopulation[j] ? scale : 0;
      aIm[traceRow * m + j] = 0;
    }
    xRe[traceRow] = scale;
    if (!this.factorSolve()) return false;
    const rho = this.rho;
    rho.re.fill(0);
    rho.im.fill(0);
    for (let i = 0; i < m; i++) {
      rho.re[block[i]!] = xRe[i]!;
      rho.im[block[i]!] = xIm[i]!;
    }
    // The exact solution is Hermitian; average away the roundoff so observables see a Hermitian ρ.
    hermitize(rho);
    return true;
  }

  /**
   * Solves (aRe, aIm) x = (xRe, xIm) in place; false when the pivots look singular. The unknowns are first split
   * into the components that the nonzero entries at this point connect (a secular generator decouples most
   * coherences from the populations where frequencies differ, which a block fixed at derivation time cannot
   * know): each component is factorised on its own (lu.ts), the ones without the trace row only to confirm that
   * they are nonsingular (their solution is 0). The pivot ratio is taken over all components together. Where the
   * block is conjugate-symmetric, a component of at least CONJUGATE_MIN unknowns closed under conjugation is solved
   * in real unknowns, and of two that are each other's conjugates only the first is factorised.
   */
  private factorSolve(): boolean {
    const { m, aRe, aIm, xRe, xIm, pivots, parent, order } = this;
    const count = this.components;
    this.minPivot = Infinity;
    this.maxPivot = 0;
    this.realUnknowns = 0;
    this.skippedUnknowns = 0;
    if (count === 1 && this.symmetric && m >= CONJUGATE_MIN) this.realSolve(this.all, 0, m);
    else if (count === 1) {
      this.pivotRatio = luFactorInPlace(m, aRe, aIm, pivots, xRe, xIm);
      if (!(this.pivotRatio >= FAST_PIVOT_RATIO)) return false;
      luBackSolveInPlace(m, aRe, aIm, xRe, xIm);
      return allFinite(m, xRe, xIm);
    } else {
      // order lists the unknowns component by component, by a counting sort on their roots (pivots as the counts)
      pivots.fill(0);
      for (let i = 0; i < m; i++) pivots[parent[i]!]!++;
      this.sizes.set(pivots);
      for (let i = 0, at = 0; i < m; i++) {
        const c = pivots[i]!;
        pivots[i] = at;
        at += c;
      }
      for (let i = 0; i < m; i++) order[pivots[parent[i]!]!++] = i;
      for (let start = 0; start < m;) {
        const root = parent[order[start]!]!;
        let end = start + 1;
        while (end < m && parent[order[end]!] === root) end++;
        // (ranges of order, not subarrays: a typed-array view costs Node microseconds to allocate)
        const mirror = this.symmetric && end - start >= CONJUGATE_MIN ? this.conjugateComponent(start, end) : -1;
        if (mirror === root) this.realSolve(order, start, end);
        else if (mirror < 0 || mirror > root) this.complexSolve(start, end);
        // the conjugate of a component factorised before (roots ascend): the same pivot magnitudes; it holds no
        // trace row (a component with populations is its own conjugate), so its solution is 0 as it stands
        else this.skippedUnknowns += end - start;
        start = end;
      }
    }
    this.pivotRatio = this.maxPivot > 0 ? this.minPivot / this.maxPivot : 0;
    if (!(this.pivotRatio >= FAST_PIVOT_RATIO)) return false;
    return allFinite(m, xRe, xIm);
  }

  /** Records the pivot magnitude u (NaN lands in the minimum, so the ratio test fails). */
  private pivot(u: number): void {
    if (!(u >= this.minPivot)) this.minPivot = u;
    if (u > this.maxPivot) this.maxPivot = u;
  }

  /**
   * The root of the component that conjugates the unknowns order[start, end) (its own root when it is closed
   * under conjugation), or −1 when their conjugates do not make up one component of the same size.
   */
  private conjugateComponent(start: number, end: number): number {
    const { parent, order } = this;
    const conj = this.conj!;
    const root = parent[conj[order[start]!]!]!;
    if (this.sizes[root] !== end - start) return -1;
    for (let a = start + 1; a < end; a++) if (parent[conj[order[a]!]!] !== root) return -1;
    return root;
  }

  /** Factorises and solves the component order[start, end) in complex arithmetic, into (xRe, xIm). */
  private complexSolve(start: number, end: number): void {
    const { m, aRe, aIm, xRe, xIm, pivots, order, sRe, sIm, bRe, bIm } = this;
    const c = end - start;
    for (let a = 0; a < c; a++) {
      const row = order[start + a]! * m;
      for (let b = 0; b < c; b++) {
        sRe[a * c + b] = aRe[row + order[start + b]!]!;
        sIm[a * c + b] = aIm[row + order[start + b]!]!;
      }
      bRe[a] = xRe[order[start + a]!]!;
      bIm[a] = xIm[order[start + a]!]!;
    }
    luFactorInPlace(c, sRe, sIm, pivots, bRe, bIm);
    for (let a = 0; a < c; a++) this.pivot(Math.abs(sRe[a * c + a]!) + Math.abs(sIm[a * c + a]!));
    luBackSolveInPlace(c, sRe, sIm, bRe, bIm);
    for (let a = 0; a < c; a++) {
      xRe[order[start + a]!] = bRe[a]!;
      xIm[order[start + a]!] = bIm[a]!;
    }
  }

  /**
   * Solves the unknowns ids[start, end) (closed under conjugation) in real arithmetic, into (xRe, xIm). ρ is
   * Hermitian, so the real unknowns are u_i = Re x_i and, for each pair i < ī = conj[i], u_ī = Im x_i; the real
   * equations are Re and Im of row i (row ī is its conjugate): with x_j = u_j + i u_j̄ and x_j̄ = u_j − i u_j̄,
   *   L_ij x_j + L_ij̄ x_j̄ = (L_ij + L_ij̄) u_j + i (L_ij − L_ij̄) u_j̄.
   * A population row or column (i = ī) keeps its real part (and row i of a population column its imaginary part).
   */
  private realSolve(ids: Int32Array, start: number, end: number): void {
    const { m, aRe, aIm, xRe, xIm, pivots, real, realRhs, place } = this;
    const conj = this.conj!;
    const c = end - start;
    this.realUnknowns += c;
    for (let a = 0; a < c; a++) place[ids[start + a]!] = a;
    for (let a = 0; a < c; a++) {
      const i = ids[start + a]!;
      const ib = conj[i]!;
      if (ib < i) continue; // filled with its partner's row
      const re = a * c; // Re of equation i
      const im = ib === i ? -1 : place[ib]! * c; // Im of equation i, on the row of ī's unknown
      const row = i * m;
      for (let b = 0; b < c; b++) {
        const j = ids[start + b]!;
        const jb = conj[j]!;
        if (jb < j) continue;
        const lr = aRe[row + j]!;
        const li = aIm[row + j]!;
        if (jb === j) {
          real[re + b] = lr;
          if (im >= 0) real[im + b] = li;
          continue;
        }
        const pb = place[jb]!;
        const kr = aRe[row + jb]!;
        const ki = aIm[row + jb]!;
        real[re + b] = lr + kr;
        real[re + pb] = ki - li;
        if (im >= 0) {
          real[im + b] = li + ki;
          real[im + pb] = lr - kr;
        }
      }
      realRhs[a] = xRe[i]!;
      if (im >= 0) realRhs[place[ib]!] = xIm[i]!;
    }
    realLuFactorInPlace(c, real, pivots, realRhs);
    for (let a = 0; a < c; a++) this.pivot(Math.abs(real[a * c + a]!));
    realLuBackSolveInPlace(c, real, realRhs);
    for (let a = 0; a < c; a++) {
      const i = ids[start + a]!;
      const ib = conj[i]!;
      if (ib < i) continue;
      if (ib === i) {
        xRe[i] = realRhs[a]!;
        xIm[i] = 0;
        continue;
      }
      const u = realRhs[a]!;
      const v = realRhs[place[ib]!]!;
      xRe[i] = u;
      xIm[i] = v;
      xRe[ib] = u;
      xIm[ib] = -v;
    }
  }

  /** The entries populationBlock wrote at the last fill: those of every point, and of each group it added. */
  private scanBlockEntries(): void {
    const { entries, gateEntries, gateStart, scanned } = this;
    scanned.set(entries);
    let length = entries.length;
    const on = this.model.populationGatesOn;
    if (on)
      for (let g = 0; g + 1 < gateStart.length; g++) {
        if (!on[g]) continue;
        for (let e = gateStart[g]!; e < gateStart[g + 1]!; e++) scanned[length++] = gateEntries[e]!;
      }
    this.scannedLength = length;
  }

  /**
   * One pass over the entries that can be nonzero (this.scanned): returns max |a_ij| (the scale of the trace row) and splits the
   * unknowns into components by a union-find over the nonzero entries — on return parent[i] is i's component
   * root and this.components the count (the union stops once everything is one component, as every Redfield
   * block soon is). The trace row is left out: it joins every population from the start.
   */
  private scanAndSplit(): number {
    const { m, aRe, aIm, parent, scanned, scannedLength, isPopulation, traceRow } = this;
    let count = m;
    for (let i = 0; i < m; i++) {
      parent[i] = isPopulation[i] ? traceRow : i;
      if (isPopulation[i] && i !== traceRow) count--;
    }
    let scale = 0;
    // and how far L[ī, j̄] is from conj L[i, j] (entries zero on one side only are seen from the other)
    const mirror = this.mirror;
    let asymmetry = mirror ? 0 : Infinity;
    for (let e = 0; e < scannedLength; e++) {
      const k = scanned[e]!;
      const r = aRe[k]!;
      const q = aIm[k]!;
      if (r === 0 && q === 0) continue;
      const mag = Math.abs(r) + Math.abs(q);
      if (mag > scale) scale = mag;
      if (mirror) {
        const t = mirror[k]!;
        const d = Math.abs(aRe[t]! - r) + Math.abs(aIm[t]! + q);
        if (!(d <= asymmetry)) asymmetry = d; // NaN lands here too
      }
      if (count === 1) continue;
      const i = (k / m) | 0;
      const a = rootOf(parent, i);
      const b = rootOf(parent, k - i * m);
      if (a === b) continue;
      if (a < b) parent[b] = a;
      else parent[a] = b;
      count--;
    }
    this.components = count;
    if (count > 1) for (let i = 0; i < m; i++) parent[i] = rootOf(parent, i);
    this.symmetric = asymmetry <= CONJUGATE_TOLERANCE * scale;
    return scale;
  }
}

/** The root of i in the union-find forest `parent`, halving the path on the way. */
function rootOf(parent: Int32Array, i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

function allFinite(m: number, re: Float64Array, im: Float64Array): boolean {
  for (let i = 0; i < m; i++) if (!Number.isFinite(re[i]!) || !Number.isFinite(im[i]!)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The rank-revealing analysis.

export interface SteadyAnalysis {
  /** the long-time limit of the initial state */
  rho: DensityMatrix;
  /** dimension of ker L, summed over the blocks */
  nullity: number;
  unique: boolean;
  /** the relative tolerance the nullity was measured with */
  tolerance: number;
  /**
   * How clear the rank decision was: the smallest |r_kk| counted as nonzero and the largest counted as zero,
   * both relative to the largest |r_kk| of L (null when there is none of that kind).
   */
  rankGap: { smallestKept: number | null; largestDropped: number | null };
  /** nullity of each block, in model.blocks order */
  blockNullity: number[];
  /** max_k |(L vec ρ)_k| / (max |L_ij| · max |ρ_ij|) */
  residual: number;
  minEigenvalue: number;
  trace: number;
  warnings: string[];
}

export interface AnalyzeOptions {
  /** initial state whose limit is wanted (default: maximally mixed) */
  initial?: DensityMatrix;
  tolerance?: number;
  /** a filled generator to reuse (length 2n⁴) */
  L?: Float64Array;
}

/** Extracts the sub-matrix of L on the vec indices `idx` (rows and columns). */
function subMatrix(L: Float64Array, N: number, idx: ArrayLike<number>): CMatrix {
  const m = idx.length;
  const M = zeros(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const k = idx[i]! * N + idx[j]!;
      M.re[i * m + j] = L[k]!;
      M.im[i * m + j] = L[N * N + k]!;
    }
  }
  return M;
}

/** The full, rank-revealing steady-state analysis at p. */
export function analyzeSteadyState(model: GeneratedModel, p: Params, options: AnalyzeOptions = {}): SteadyAnalysis {
  const n = model.dimension;
  const N = n * n;
  const tolerance = options.tolerance ?? NULLITY_TOLERANCE;
  const L = options.L ?? new Float64Array(2 * N * N);
  if (!options.L) model.liouvillian(p, L);
  const warnings: string[] = [];
  for (let k = 0; k < L.length; k++) {
    if (!Number.isFinite(L[k]!)) throw new Error(`${model.name}: the generator has a non-finite entry at these parameters`);
  }
  populationBlock(model);
  const initial = options.initial ?? maximallyMixed(n);
  if (initial.n !== n) throw new RangeError(`initial state is ${initial.n}×${initial.n}, the model has ${n} levels`);

  // One pivoted QR per block; the scale is that of the whole generator, so that a block whose entries are all
  // tiny (e.g. an undamped, resonant coherence) is recognised as null rather than judged against itself.
  const blocks = model.blocks.map((b) => Int32Array.from(b));
  const qrs = blocks.map((b) => qrColumnPivoted(subMatrix(L, N, b)));
  const diags = qrs.map((qr) => qr.diagonal);
  let top = 0;
  for (const d of diags) if (d.length > 0 && d[0]! > top) top = d[0]!;
  let smallestKept: number | null = null;
  let largestDropped: number | null = null;
  const ranks = diags.map((d) => {
    let r = 0;
    while (r < d.length && top > 0 && d[r]! > tolerance * top) r++;
    if (r > 0) smallestKept = Math.min(smallestKept ?? Infinity, d[r - 1]! / top);
    if (r < d.length) largestDropped = Math.max(largestDropped ?? 0, top > 0 ? d[r]! / top : 0);
    return r;
  });
  const blockNullity = blocks.map((b, i) => b.length - ranks[i]!);
  const nullity = blockNullity.reduce((s, k) => s + k, 0);

  // ρ∞ = P₀ ρ₀, block by block.
  const rho = newDensityMatrix(n);
  blocks.forEach((idx, bi) => {
    const k = blockNullity[bi]!;
    if (k === 0) return;
    // right and left null spaces from the block's one QR
    const R = nullBasis(qrs[bi]!, ranks[bi]!);
    const Lam = leftNullBasis(qrs[bi]!, ranks[bi]!);
    const m = idx.length;
    const x0 = zeros(m, 1);
    for (let i = 0; i < m; i++) {
      x0.re[i] = initial.re[idx[i]!]!;
      x0.im[i] = initial.im[idx[i]!]!;
    }
    const G = multiply(adjoint(Lam), R); // Λ†R, k×k
    const lu = luFactor(G);
    if (lu.pivotRatio < 1e-8) {
      warnings.push(
        `the zero eigenvalue of the generator is not semisimple in block ${bi} (Λ†R is singular): the state may grow linearly in time and has no limit`,
      );
      return;
    }
    const coef = luSolve(lu, multiply(adjoint(Lam), x0));
    const x = multiply(R, coef);
    for (let i = 0; i < m; i++) {
      rho.re[idx[i]!] = x.re[i]!;
      rho.im[idx[i]!] = x.im[i]!;
    }
  });
  hermitize(rho);

  // The exact limit keeps the initial trace; what the projection loses is rounding, which grows with the
  // generator's condition number (e.g. T → ∞, where the rates grow like T). Restore it, and say so if it was large.
  const initialTrace = traceOf(initial);
  const projectedTrace = traceOf(rho);
  if (nullity > 0 && projectedTrace !== 0 && initialTrace !== 0) {
    const scale = initialTrace / projectedTrace;
    for (let k = 0; k < n * n; k++) {
      rho.re[k]! *= scale;
      rho.im[k]! *= scale;
    }
    if (Math.abs(scale - 1) > 1e-9) {
      warnings.push(
        `the projection lost ${Math.abs(scale - 1).toExponential(1)} of the trace to rounding (restored): the generator is ill-conditioned at these parameters`,
      );
    }
  }
  const trace = traceOf(rho);
  if (nullity === 0) warnings.push('the generator has no zero eigenvalue at this tolerance: no steady state (is it trace preserving?)');
  if (nullity > 1) {
    warnings.push(
      `the steady state is not unique (nullity ${nullity}): the long-time state depends on the initial state; ` +
        (options.initial
          ? 'this is the limit of the given initial state'
          : 'this is the limit of the maximally mixed state (use --from to choose another)'),
    );
  }
  const minEigenvalue = minEigenvalueOf(rho);
  if (minEigenvalue < -1e-12) {
    warnings.push(`ρ has a negative eigenvalue ${minEigenvalue.toExponential(3)}: the Redfield equation need not preserve positivity`);
  }
  if (Math.abs(trace - 1) > 1e-9 && nullity > 0) {
    warnings.push(`Tr ρ = ${trace}: the initial state's trace is carried to the limit`);
  }
  return {
    rho,
    nullity,
    unique: nullity === 1,
    tolerance,
    rankGap: { smallestKept, largestDropped },
    blockNullity,
    residual: residualOf(L, rho),
    minEigenvalue,
    trace,
    warnings,
  };
}

/** Steady state by the fast block solve, falling back to the analysis when it is in doubt. */
export function steadyState(model: GeneratedModel, p: Params): { rho: DensityMatrix; fast: boolean } {
  const solver = new SteadyStateSolver(model);
  if (solver.solve(p)) return { rho: solver.rho, fast: true };
  return { rho: analyzeSteadyState(model, p, { L: solver.generator(p) }).rho, fast: false };
}

export function hermitize(rho: DensityMatrix): void {
  const { n, re, im } = rho;
  for (let a = 0; a < n; a++) {
    im[a * n + a] = 0;
    for (let b = a + 1; b < n; b++) {
      // (+ 0 turns −0 into 0: a coherence that vanishes reads 0 on both sides)
      const r = 0.5 * (re[a * n + b]! + re[b * n + a]!) + 0;
      const i = 0.5 * (im[a * n + b]! - im[b * n + a]!) + 0;
      re[a * n + b] = r;
      im[a * n + b] = i;
      re[b * n + a] = r;
      im[b * n + a] = 0 - i;
    }
  }
}

export function traceOf(rho: DensityMatrix): number {
  let t = 0;
  for (let a = 0; a < rho.n; a++) t += rho.re[a * rho.n + a]!;
  return t;
}

export function minEigenvalueOf(rho: DensityMatrix): number {
  const { values } = hermitianEigen({ n: rho.n, m: rho.n, re: rho.re, im: rho.im });
  return values[0]!;
}

/** max_k |(L vec ρ)_k| relative to max|L_ij| · max|ρ_ij|: how well ρ solves L vec ρ = 0. */
export function residualOf(L: Float64Array, rho: DensityMatrix): number {
  const N = rho.n * rho.n;
  const off = N * N;
  let lMax = 0;
  for (let k = 0; k < off; k++) lMax = Math.max(lMax, Math.abs(L[k]!) + Math.abs(L[off + k]!));
  let rMax = 0;
  for (let k = 0; k < N; k++) rMax = Math.max(rMax, Math.abs(rho.re[k]!) + Math.abs(rho.im[k]!));
  let worst = 0;
  for (let i = 0; i < N; i++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < N; j++) {
      const lr = L[i * N + j]!;
      const li = L[off + i * N + j]!;
      sr += lr * rho.re[j]! - li * rho.im[j]!;
      si += lr * rho.im[j]! + li * rho.re[j]!;
    }
    worst = Math.max(worst, Math.hypot(sr, si));
  }
  return lMax > 0 && rMax > 0 ? worst / (lMax * rMax) : worst;
}
