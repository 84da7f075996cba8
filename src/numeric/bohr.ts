// Bohr frequencies of a numerically diagonalised H_S, grouped with a stated tolerance — the kernel of the
// numeric eigenbasis mode (issue 9, item 4b), where equal frequencies cannot be decided exactly.
//
// Contract:
//   bohrGrouping(E, tol)  every ordered pair (m, n) of levels (m = n included) with ω = E_n − E_m, grouped so
//                         that two pairs share a group exactly when their frequencies are linked by steps ≤ tol
//                         (single linkage on the sorted values). A group whose spread exceeds tol means that
//                         the tolerance merges frequencies inconsistently (a ≈ b ≈ c, a ≉ c): a RangeError that
//                         names the frequencies and the tolerances that would be consistent.
//   tolerance             |Δω| ≤ abs + rel·max|E| (defaults 1e-9 and 1e-9).
//   groupingKey(g)        a string equal for two groupings exactly when they group the same pairs together, so
//                         a sweep can report where a grouping changes (groupingChanges).
//   selectorPattern(model, p)  which secular pairs a numeric-eigenbasis module keeps at p (checked consistent);
//   sweepGroupings(…)          along a sweep: the points where that changes and those where it is inconsistent.
// Numeric layer: imports nothing symbolic.
import type { GeneratedModel, Params } from './generatedModel.ts';

export interface BohrTolerance {
  abs?: number;
  rel?: number;
}

export interface BohrGroup {
  /** mean frequency of the group */
  omega: number;
  /** [m, n] pairs with E_n − E_m in this group, in row-major order */
  pairs: [number, number][];
}

export interface BohrGrouping {
  /** the absolute tolerance used: abs + rel·max|E| */
  tolerance: number;
  /** groups by ascending frequency; the group at ω = 0 holds every (m, m) and the degenerate pairs */
  groups: BohrGroup[];
}

export function bohrGrouping(energies: ArrayLike<number>, tol: BohrTolerance = {}): BohrGrouping {
  const n = energies.length;
  const abs = tol.abs ?? 1e-9;
  const rel = tol.rel ?? 1e-9;
  if (!(abs >= 0) || !(rel >= 0)) throw new RangeError(`Bohr-frequency tolerance must be >= 0, got abs = ${abs}, rel = ${rel}`);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(energies[i]!)) throw new RangeError(`energy ${i + 1} is not finite: ${energies[i]}`);
    scale = Math.max(scale, Math.abs(energies[i]!));
  }
  const tolerance = abs + rel * scale;
  const all: { omega: number; m: number; n: number }[] = [];
  for (let m = 0; m < n; m++) for (let k = 0; k < n; k++) all.push({ omega: m === k ? 0 : energies[k]! - energies[m]!, m, n: k });
  all.sort((a, b) => a.omega - b.omega || a.m - b.m || a.n - b.n);
  const groups: BohrGroup[] = [];
  let start = 0;
  for (let i = 1; i <= all.length; i++) {
    if (i < all.length && all[i]!.omega - all[i - 1]!.omega <= tolerance) continue;
    const members = all.slice(start, i);
    const lo = members[0]!.omega;
    const hi = members[members.length - 1]!.omega;
    if (hi - lo > tolerance) {
      // Linked step by step but wider than the tolerance: no consistent grouping at this tolerance.
      let gap = Infinity;
      for (let k = 1; k < members.length; k++) {
        const d = members[k]!.omega - members[k - 1]!.omega;
        if (d > 0) gap = Math.min(gap, d);
      }
      throw new RangeError(
        `the Bohr-frequency tolerance ${tolerance.toExponential(3)} merges frequencies inconsistently: ${lo} and ${hi} differ by ${(hi - lo).toExponential(3)} ` +
          `but are linked through frequencies closer than the tolerance; choose a tolerance below ${gap.toExponential(3)} (keep them apart) or above ${(hi - lo).toExponential(3)} (merge them all)`,
      );
    }
    const pairs = members.map((x) => [x.m, x.n] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    groups.push({ omega: members.reduce((s, x) => s + x.omega, 0) / members.length, pairs });
    start = i;
  }
  return { tolerance, groups };
}

/** The absolute tolerance of a model's bohrTolerance t (abs = rel = t): t·(1 + max|E|), as bohrGrouping uses it. */
export function absoluteTolerance(energies: ArrayLike<number>, t: number): number {
  let scale = 0;
  for (let i = 0; i < energies.length; i++) scale = Math.max(scale, Math.abs(energies[i]!));
  return t * (1 + scale);
}

/** Equal for two groupings exactly when the same pairs are grouped together (frequencies themselves may move). */
export function groupingKey(g: BohrGrouping): string {
  return g.groups.map((x) => x.pairs.map(([m, n]) => `${m},${n}`).join(' ')).join(' | ');
}

/** Indices i > 0 of a sweep at which the grouping differs from that of point i − 1. */
export function groupingChanges(groupings: readonly BohrGrouping[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < groupings.length; i++) if (groupingKey(groupings[i]!) !== groupingKey(groupings[i - 1]!)) out.push(i);
  return out;
}

/**
 * The secular selectors of a numeric-eigenbasis module at p, checked for consistency: kept pairs must form
 * classes (ω ≈ ω′ and ω′ ≈ ω″ but ω ≉ ω″ leaves the secular equation undefined: a RangeError naming them).
 * Returns the selector pattern as a string ('' for modules without selectors).
 */
export function selectorPattern(model: GeneratedModel, p: Params): string {
  const pairs = model.secularPairs;
  if (!pairs?.length || !model.selectors) return '';
  const on = model.selectors(p);
  const parent = new Map<string, string>();
  const root = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  pairs.forEach(([a, b], i) => {
    if (on[i] === 1) parent.set(root(a), root(b));
  });
  pairs.forEach(([a, b], i) => {
    if (on[i] === 0 && root(a) === root(b)) {
      const e = model.energies(p);
      throw new RangeError(
        `the Bohr-frequency tolerance ${model.bohrTolerance ?? 1e-9}·(1 + ${Math.max(...Array.from(e, Math.abs)).toPrecision(6)}) merges frequencies inconsistently: ${a} and ${b} are apart but linked through frequencies each within the tolerance of the next`,
      );
    }
  });
  return Array.from(on, (x) => (x === 1 ? '1' : '0')).join('');
}

export interface SweepGroupings {
  /** point indices i > 0 where the selector pattern differs from that of the previous consistent point */
  changes: number[];
  /** point indices where the tolerance merges frequencies inconsistently, with the first reason */
  inconsistent: number[];
  reason?: string;
}

/** The secular selectors along a sweep (points × names.length values, row-major), in point order. */
export function sweepGroupings(model: GeneratedModel, names: readonly string[], values: Float64Array): SweepGroupings {
  const p: Params = Object.fromEntries(model.parameters.map((x) => [x.name, x.default]));
  const k = names.length;
  const out: SweepGroupings = { changes: [], inconsistent: [] };
  let previous: string | undefined;
  for (let pt = 0; pt * k < values.length; pt++) {
    for (let i = 0; i < k; i++) p[names[i]!] = values[pt * k + i]!;
    let key: string;
    try {
      key = selectorPattern(model, p);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      out.inconsistent.push(pt);
      out.reason ??= e.message;
      continue;
    }
    if (previous !== undefined && key !== previous) out.changes.push(pt);
    previous = key;
  }
  return out;
}
