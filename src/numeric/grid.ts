// Parameter grids and assignments for solve / evolve / sweep.
//
// Contract:
//  - parseGrid("Ta=0.5:30:60") → { name, start, stop, count, values } (count points, both ends included);
//  - parseAssignments("Ta=10,Tb=Ta+dT") → [{ name, text }] (commas inside parentheses do not split);
//  - buildParameterTable(parameters, grids, assignments) → every model parameter at every grid point
//    (cartesian product, first grid slowest). Derived parameters are compiled once: plain arithmetic into a
//    function of the point's values (arithmetic.ts), anything else through mathjs (loaded only then).
//    A grid may name a model parameter or an auxiliary variable used by some assignment (e.g. dT in
//    Tb=Ta+dT); an assignment must name a model parameter and may use parameters, grid variables and other
//    assignments (in any order; cycles are errors).
//  - Every value is checked: finite, temperatures and rates and weights ≥ 0. Errors are InputErrors whose
//    message names the offending argument; the CLI turns them into exit code 2.
// mathjs is used only here, at the edge, and only for expressions beyond arithmetic: the solver sees a Float64Array.

import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';
import { compileArithmetic } from './arithmetic.ts';
import { InputError } from '../errors.ts';
import type { ParameterInfo } from './generatedModel.ts';

export interface GridAxis {
  name: string;
  start: number;
  stop: number;
  count: number;
  values: Float64Array;
  /** the argument as given */
  text: string;
}

export interface Assignment {
  name: string;
  text: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function finiteNumber(text: string, what: string): number {
  const t = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept decimal literals only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw new InputError(`${what}: "${text}" is not a finite decimal number`);
  const v = Number(t);
  if (!Number.isFinite(v)) throw new InputError(`${what}: "${text}" is not finite`);
  return v;
}

/** Inclusive linspace: count ≥ 1 points from start to stop. */
export function linspace(start: number, stop: number, count: number): Float64Array {
  const v = new Float64Array(count);
  if (count === 1) v[0] = start;
  else for (let k = 0; k < count; k++) v[k] = k === count - 1 ? stop : start + ((stop - start) * k) / (count - 1);
  return v;
}

/** "start:stop:count" (the part after name=), e.g. for evolve's --t. */
export function parseRange(text: string, what: string): { start: number; stop: number; count: number; values: Float64Array } {
  const parts = text.split(':');
  if (parts.length !== 3) throw new InputError(`${what}: expected start:stop:count, got "${text}"`);
  const start = finiteNumber(parts[0]!, `${what} start`);
  const stop = finiteNumber(parts[1]!, `${what} stop`);
  const c = parts[2]!.trim();
  if (!/^\d+$/.test(c) || Number(c) < 1) throw new InputError(`${what}: count must be a whole number ≥ 1, got "${parts[2]}"`);
  const count = Number(c);
  if (count > 1e7) throw new InputError(`${what}: count ${count} is too large`);
  if (count > 1 && start === stop) throw new InputError(`${what}: start equals stop but count is ${count}`);
  return { start, stop, count, values: linspace(start, stop, count) };
}

export function parseGrid(text: string): GridAxis {
  const eq = text.indexOf('=');
  if (eq < 0) throw new InputError(`--grid ${text}: expected name=start:stop:count`);
  const name = text.slice(0, eq).trim();
  if (!NAME.test(name)) throw new InputError(`--grid ${text}: "${name}" is not a name`);
  return { name, ...parseRange(text.slice(eq + 1), `--grid ${name}`), text };
}

/** Splits "a=1,b=max(x,y)" at top-level commas into assignments. */
export function parseAssignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  let depth = 0;
  let cur = '';
  const flush = () => {
    const s = cur.trim();
    cur = '';
    if (s === '') throw new InputError(`--set ${text}: empty assignment`);
    const eq = s.indexOf('=');
    if (eq < 0) throw new InputError(`--set ${s}: expected name=value`);
    const name = s.slice(0, eq).trim();
    const value = s.slice(eq + 1).trim();
    if (!NAME.test(name)) throw new InputError(`--set ${s}: "${name}" is not a name`);
    if (value === '') throw new InputError(`--set ${s}: missing value for ${name}`);
    out.push({ name, text: value });
  };
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) flush();
    else cur += ch;
  }
  flush();
  return out;
}

/** Symbols an expression reads (function names excluded). */
function symbolsOf(node: MathNode): Set<string> {
  const found = new Set<string>();
  node.traverse((n: MathNode, path: string, parent: MathNode | null) => {
    if ((n as any).type === 'SymbolNode' && !(parent && (parent as any).type === 'FunctionNode' && path === 'fn'))
      found.add((n as any).name);
  });
  return found;
}

export interface ParameterTable {
  /** all model parameters, in model order */
  names: string[];
  /** auxiliary grid variables (not model parameters), for output columns */
  auxiliary: string[];
  grids: GridAxis[];
  assignments: Assignment[];
  points: number;
  /** points × names.length, row-major */
  values: Float64Array;
  /** points × auxiliary.length */
  auxValues: Float64Array;
  /** grid shape, [] for a single point */
  shape: number[];
}

/** Checks one value of a parameter against its kind; `what` names the argument it came from. */
export function checkValue(info: ParameterInfo, v: number, what: string): void {
  if (!Number.isFinite(v)) throw new InputError(`${what}: ${info.name} = ${v} is not finite`);
  if (info.kind === 'temperature' && v < 0) throw new InputError(`${what}: temperature ${info.name} = ${v} is negative`);
  if ((info.kind === 'rate' || info.kind === 'weight') && v < 0)
    throw new InputError(`${what}: ${info.kind} ${info.name} = ${v} is negative`);
}

/** A plain decimal number ("10", "-2.5", "1e6"), or undefined for anything that needs the expression parser. */
function plainNumber(text: string): number | undefined {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : undefined;
}

/** The most points a sweep grid may have (the product of the --grid counts): 50 million doubles per parameter. */
export const MAX_GRID_POINTS = 50_000_000;

/** Limits of --set expressions (they are compiled and parsed recursively). */
export const MAX_SET_LENGTH = 2000;
export const MAX_SET_NESTING = 64;

/** mathjs, loaded on first use: it takes over a second to load, and `--set Ta=10` does not need it. */
function mathjsParse(): (text: string) => MathNode {
  return (createRequire(import.meta.url)('mathjs') as typeof import('mathjs')).parse;
}

export function buildParameterTable(parameters: ParameterInfo[], grids: GridAxis[], assignments: Assignment[]): ParameterTable {
  const names = parameters.map((p) => p.name);
  const info = new Map(parameters.map((p) => [p.name, p]));
  const known = `parameters: ${names.join(', ')}`;

  const gridNames = new Set<string>();
  for (const g of grids) {
    if (gridNames.has(g.name)) throw new InputError(`--grid ${g.text}: ${g.name} is gridded twice`);
    gridNames.add(g.name);
  }
  const setNames = new Set<string>();
  // Every value a point needs lives in one slot: model parameters first (model order), then auxiliary grid variables.
  const auxiliary = grids.map((g) => g.name).filter((g) => !info.has(g));
  const slotNames = [...names, ...auxiliary];
  const slotIndex = new Map(slotNames.map((n, i) => [n, i]));
  const compiled = new Map<string, { evaluate: (slots: Float64Array) => unknown; deps: Set<string>; text: string }>();
  for (const a of assignments) {
    const arg = `--set ${a.name}=${a.text}`;
    if (!info.has(a.name)) throw new InputError(`${arg}: unknown parameter "${a.name}" (${known})`);
    if (setNames.has(a.name)) throw new InputError(`${arg}: ${a.name} is set twice`);
    if (gridNames.has(a.name)) throw new InputError(`${arg}: ${a.name} is also a --grid variable`);
    setNames.add(a.name);
    // stated limits: the compiler and mathjs recurse, so a deep or huge expression is refused here, quoted shortly
    const shown = JSON.stringify(a.text.length > 80 ? `${a.text.slice(0, 77)}...` : a.text);
    if (a.text.length > MAX_SET_LENGTH)
      throw new InputError(
        `--set ${a.name}=…: the expression is ${a.text.length} characters long, more than the limit of ${MAX_SET_LENGTH}: ${shown}`,
      );
    let depth = 0;
    for (const c of a.text) {
      depth += c === '(' || c === '[' ? 1 : c === ')' || c === ']' ? -1 : 0;
      if (depth > MAX_SET_NESTING) throw new InputError(`--set ${a.name}=…: brackets nested more than ${MAX_SET_NESTING} deep: ${shown}`);
    }
    const literal = plainNumber(a.text);
    if (literal !== undefined) {
      compiled.set(a.name, { evaluate: () => literal, deps: new Set(), text: a.text });
      continue;
    }
    // the usual arithmetic compiles once into a plain function of the slots; anything else goes through mathjs
    const fast = compileArithmetic(a.text, (n) => slotIndex.get(n));
    if (fast) {
      compiled.set(a.name, { evaluate: fast.evaluate, deps: new Set(fast.deps), text: a.text });
      continue;
    }
    let node: MathNode;
    try {
      node = mathjsParse()(a.text);
    } catch (e) {
      throw new InputError(
        `${a.text.length > 80 ? `--set ${a.name}=…` : arg}: cannot parse ${shown}: ${e instanceof RangeError ? 'too deeply nested' : (e as Error).message}`,
      );
    }
    const deps = symbolsOf(node);
    for (const d of deps) {
      if (!info.has(d) && !gridNames.has(d) && d !== 'pi' && d !== 'e') {
        throw new InputError(
          `${arg}: unknown name "${d}" (${known}${gridNames.size ? `; grid variables: ${[...gridNames].join(', ')}` : ''})`,
        );
      }
    }
    const code = node.compile();
    const scope = new Map<string, number>();
    compiled.set(a.name, {
      evaluate: (slots) => {
        slotNames.forEach((n, i) => scope.set(n, slots[i]!));
        return code.evaluate(scope);
      },
      deps,
      text: a.text,
    });
  }
  for (const g of grids) {
    if (!info.has(g.name) && ![...compiled.values()].some((c) => c.deps.has(g.name))) {
      throw new InputError(`--grid ${g.text}: "${g.name}" is neither a parameter (${known}) nor used by any --set expression`);
    }
  }

  // Evaluation order of the assignments: dependencies among them first (depth-first, cycles are errors).
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new InputError(`--set: circular definition ${[...chain, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const d of compiled.get(name)!.deps) if (compiled.has(d)) visit(d, [...chain, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of compiled.keys()) visit(name, []);

  const shape = grids.map((g) => g.count);
  const points = shape.reduce((s, c) => s * c, 1);
  if (points > MAX_GRID_POINTS)
    throw new InputError(`--grid: the grid has ${points} points (${shape.join(' × ')}), more than the limit of ${MAX_GRID_POINTS}`);
  const values = new Float64Array(points * names.length);
  const auxValues = new Float64Array(points * auxiliary.length);
  const defaults = Float64Array.from(parameters, (p) => p.default);
  const slots = new Float64Array(slotNames.length);
  const gridSlot = grids.map((g) => slotIndex.get(g.name)!);
  const steps = order.map((name) => ({ name, slot: slotIndex.get(name)!, ...compiled.get(name)! }));
  const kinds = parameters.map((p) => p.kind);
  const k = names.length;
  const scopeOf = () => new Map(slotNames.map((n, i) => [n, slots[i]!]));
  const index = new Array<number>(grids.length).fill(0);
  for (let pt = 0; pt < points; pt++) {
    slots.set(defaults);
    for (let g = 0; g < grids.length; g++) slots[gridSlot[g]!] = grids[g]!.values[index[g]!]!;
    for (const step of steps) {
      let v: unknown;
      try {
        v = step.evaluate(slots);
      } catch (e) {
        throw new InputError(`--set ${step.name}=${step.text}: ${(e as Error).message}`);
      }
      // NaN: a compiled expression left the reals (sqrt(-1)), where mathjs would have returned a complex number
      if (typeof v !== 'number' || Number.isNaN(v))
        throw new InputError(`--set ${step.name}=${step.text}: evaluates to ${String(v)}, not a real number${pointText(grids, scopeOf())}`);
      if (!Number.isFinite(v)) throw new InputError(`--set ${step.name}=${step.text}: evaluates to ${v}${pointText(grids, scopeOf())}`);
      slots[step.slot] = v;
    }
    for (let i = 0; i < k; i++) {
      const v = slots[i]!;
      // the message is built only for a bad value
      if (!Number.isFinite(v) || (v < 0 && (kinds[i] === 'temperature' || kinds[i] === 'rate' || kinds[i] === 'weight'))) {
        const name = names[i]!;
        const from = setNames.has(name)
          ? `--set ${name}=${compiled.get(name)!.text}`
          : gridNames.has(name)
            ? `--grid ${grids.find((g) => g.name === name)!.text}`
            : `default of ${name}`;
        checkValue(info.get(name)!, v, from + pointText(grids, scopeOf()));
      }
      values[pt * k + i] = v;
    }
    for (let a = 0; a < auxiliary.length; a++) auxValues[pt * auxiliary.length + a] = slots[k + a]!;
    // odometer: the last grid varies fastest
    for (let g = grids.length - 1; g >= 0; g--) {
      if (++index[g]! < grids[g]!.count) break;
      index[g] = 0;
    }
  }
  return { names, auxiliary, grids, assignments, points, values, auxValues, shape };
}

function pointText(grids: GridAxis[], scope: Map<string, number>): string {
  return grids.length ? ` (at ${grids.map((g) => `${g.name}=${scope.get(g.name)}`).join(', ')})` : '';
}

/** Fills `into` (a reused object) with row `pt` of the table. */
export function pointParams(table: ParameterTable, pt: number, into: Record<string, number>): Record<string, number> {
  const k = table.names.length;
  for (let i = 0; i < k; i++) into[table.names[i]!] = table.values[pt * k + i]!;
  return into;
}
