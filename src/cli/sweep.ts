// `bornmarkov sweep <model.json> --grid name=start:stop:count [--grid …] [--set Tb=Ta+dT,…]
//                  --observable "abs(rho[2][1])" [--observable l1 …] [--approx …] [--threads N]
//                  [--module file.ts] [--out file.csv|.json]`
// Steady-state observables on a 1-D, 2-D (or higher) grid, in-process or on worker_threads where they pay
// (runSweepPoints decides from a first chunk; --threads N forces N). Grids are inclusive
// linspaces; the first grid varies slowest. --set values are mathjs expressions of parameters and grid
// variables. Output (stdout as CSV without --out): '#' header lines recording the model, approximation and
// bornmarkov version, then one row per point: grid variables, --set parameters, observables. A progress bar goes
// to stderr only when stderr is a terminal. `bornmarkov sweep --observable help` prints the observable registry
// (forms, descriptions, units; src/numeric/observables.ts) and exits 0. Exit codes: 0 ok, 2 bad input.
import { writeAtomic } from '../io/files.ts';
import { availableParallelism } from 'node:os';
import { buildParameterTable, parseGrid, type ParameterTable } from '../numeric/grid.ts';
import { ObservableError, ObservableSet, describeObservables } from '../numeric/observables.ts';
import { defaultParams, runSweepPoints, type SweepResult } from '../numeric/sweep.ts';
import { sweepGroupings } from '../numeric/bohr.ts';
import { physicsProblem } from '../numeric/physics.ts';
import type { GeneratedModel } from '../numeric/generatedModel.ts';
import { InputError, approxOption, assignmentsOf, lambShiftOption, parseOptions, withInputErrors } from './options.ts';
import { loadGenerated, packageVersion } from '../modules/load.ts';

export interface SweepOutput {
  header: Record<string, unknown>;
  columns: [string, Float64Array][];
  /** the first this many columns are grid axes: few distinct values, each formatted once */
  gridColumns?: number;
  /** per point, why its observables are NaN ('' where they are numbers); present when any point is unphysical */
  reasons?: string[];
}

/** Why each flagged point (flag 3) is unphysical, in a few words; '' for the others. */
function pointReasons(model: GeneratedModel, table: ParameterTable, flags: Uint8Array): string[] {
  const n = model.dimension;
  const L = new Float64Array(2 * n ** 4);
  const k = table.names.length;
  return Array.from(flags, (f, pt) => {
    if (f !== 3) return '';
    const p = Object.fromEntries(table.names.map((name, i) => [name, table.values[pt * k + i]!]));
    model.liouvillian(p, L);
    const r = physicsProblem(model, p, L);
    if (!r) return '';
    if (r.outOfRange !== undefined) return `rates out of range (${r.outOfRange.toExponential(2)})`;
    if (r.temperature !== undefined) return `temperature of bath ${r.bath} = ${r.temperature.toPrecision(3)} < 0`;
    if (r.bohr) return `Bohr frequency ${r.bohr.frequency} = ${r.bohr.value.toPrecision(3)} <= 0 (levels degenerate or crossed)`;
    if (r.spectrum)
      return `spectrum of bath ${r.bath} ${r.spectrum.operators.length > 1 ? 'not positive semidefinite' : '< 0'} at ${r.spectrum.frequency} (smallest eigenvalue ${r.spectrum.value.toPrecision(3)})`;
    if (Number.isNaN(r.rate)) return 'generator not finite (overflow)';
    return `negative rate ${model.basis[r.from!]}->${model.basis[r.to!]} = ${r.rate.toPrecision(3)}${r.bath && model.baths.length > 1 ? ` in bath ${r.bath}` : ''} (temperature < 0, Bohr frequency <= 0 or spectrum < 0)`;
  });
}

/** Output columns: grid variables, --set parameters, then observables. */
export function sweepColumns(table: ParameterTable, observables: string[], result: SweepResult): [string, Float64Array][] {
  const column = (from: Float64Array, stride: number, k: number) => {
    const v = new Float64Array(table.points);
    for (let pt = 0; pt < table.points; pt++) v[pt] = from[pt * stride + k]!;
    return v;
  };
  const take = (name: string) => {
    const k = table.names.indexOf(name);
    return k >= 0
      ? column(table.values, table.names.length, k)
      : column(table.auxValues, table.auxiliary.length, table.auxiliary.indexOf(name));
  };
  const cols: [string, Float64Array][] = [];
  for (const g of table.grids) cols.push([g.name, take(g.name)]);
  for (const a of table.assignments) cols.push([a.name, take(a.name)]);
  observables.forEach((o, k) => cols.push([o, column(result.values, observables.length, k)]));
  return cols;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Bytes written straight into a growing buffer: no string per row survives to be copied by the collector. */
class ByteSink {
  private buf: Buffer;
  length = 0;
  constructor(estimate: number) {
    this.buf = Buffer.allocUnsafe(Math.max(estimate, 1024));
  }
  /** `ascii` text only (numbers, commas, newlines); anything else goes through `text`. */
  ascii(s: string): void {
    if (this.length + s.length > this.buf.length) this.grow(s.length);
    this.length += this.buf.write(s, this.length, 'latin1');
  }
  text(s: string): void {
    const bytes = Buffer.byteLength(s);
    if (this.length + bytes > this.buf.length) this.grow(bytes);
    this.length += this.buf.write(s, this.length, 'utf8');
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.length + need));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

/** The CSV in one pass as UTF-8 bytes: header lines, the column names, then one row per point (numbers as String() prints them). */
export function sweepCsv(o: SweepOutput): Buffer {
  const cols = o.columns.map(([, v]) => v);
  const points = cols[0]?.length ?? 0;
  const sink = new ByteSink(points * (cols.length * 20 + 1) + 4096);
  for (const [k, v] of Object.entries(o.header)) sink.text(`# ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
  sink.text(`${[...o.columns.map(([name]) => csvCell(name)), ...(o.reasons ? ['reason'] : [])].join(',')}\n`);
  // Formatting a double takes about a microsecond; a grid axis has only `count` distinct values, so those
  // columns are formatted once per value.
  const memo = cols.map((_, c) => (c < (o.gridColumns ?? 0) ? new Map<number, string>() : null));
  const cell = (c: number, x: number): string => {
    const m = memo[c];
    if (!m) return String(x);
    let t = m.get(x);
    if (t === undefined) m.set(x, (t = String(x)));
    return t;
  };
  for (let pt = 0; pt < points; pt++) {
    let row = cell(0, cols[0]![pt]!);
    for (let c = 1; c < cols.length; c++) row += `,${cell(c, cols[c]![pt]!)}`;
    sink.ascii(row);
    if (o.reasons) sink.text(`,${csvCell(o.reasons[pt]!)}`);
    sink.ascii('\n');
  }
  return sink.bytes();
}

export function sweepJson(o: SweepOutput): string {
  // NaN (an unphysical point) is written as null, with its reason beside it
  const columns: Record<string, unknown[]> = Object.fromEntries(
    o.columns.map(([k, v]) => [k, Array.from(v, (x) => (Number.isNaN(x) ? null : x))]),
  );
  if (o.reasons) columns.reason = o.reasons;
  return JSON.stringify({ ...o.header, columns }) + '\n';
}

/** A progress bar on stderr, drawn only when stderr is a terminal. */
function progressBar(): { update: (done: number, total: number) => void; finish: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, finish: () => {} };
  let last = -1;
  const t0 = Date.now();
  return {
    update(done, total) {
      const pct = Math.floor((100 * done) / Math.max(total, 1));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(total, 1));
      const s = ((Date.now() - t0) / 1000).toFixed(1);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${done}/${total} points  ${s} s`,
      );
    },
    finish() {
      if (last >= 0) process.stderr.write('\n');
    },
  };
}

export async function runSweep(args: string[]): Promise<number> {
  return withInputErrors(async () => {
    const o = parseOptions(args, {
      valued: ['--grid', '--set', '--observable', '--approx', '--cutoff', '--out', '--threads', '--module', '--cache'],
      repeatable: ['--grid', '--set', '--observable'],
      flags: ['--lamb-shift', '--no-lamb-shift'],
    });
    if (o.all('--observable').includes('help')) {
      console.log(describeObservables());
      return 0;
    }
    if (o.positional.length !== 1)
      throw new InputError(`sweep takes one model file, got ${o.positional.length ? o.positional.join(' ') : 'none'}`);
    const grids = o.all('--grid').map(parseGrid);
    if (grids.length === 0) throw new InputError('sweep needs at least one --grid name=start:stop:count');
    const observables = o.all('--observable');
    if (observables.length === 0)
      throw new InputError('sweep needs at least one --observable (e.g. "abs(rho[2][1])", l1, J_<bath>; --observable help lists them)');
    const out = o.get('--out');
    if (out !== undefined && !/\.(csv|json)$/i.test(out)) throw new InputError(`--out ${out}: the file name must end in .csv or .json`);
    let threads: number | undefined;
    if (o.get('--threads') !== undefined) {
      const t = o.get('--threads')!;
      if (!/^\d+$/.test(t) || Number(t) < 1) throw new InputError(`--threads must be a whole number ≥ 1, got "${t}"`);
      threads = Number(t);
      // each worker holds a module and a share of the grid: more than two per core only costs memory
      const cores = availableParallelism();
      if (threads > 2 * cores) throw new InputError(`--threads ${t}: at most ${2 * cores} on this machine (2 × its ${cores} cores)`);
    }

    const loaded = await loadGenerated(o.positional[0]!, approxOption(o), {
      module: o.get('--module'),
      cache: o.get('--cache'),
      lambShift: lambShiftOption(o),
    });
    const { model } = loaded;
    const assignments = assignmentsOf(o);
    const table = buildParameterTable(model.parameters, grids, assignments);
    try {
      new ObservableSet(model, observables, defaultParams(model));
    } catch (e) {
      if (e instanceof ObservableError) throw new InputError(`--observable: ${e.message}`);
      throw e;
    }
    for (const w of loaded.warnings) console.error(`bornmarkov: warning: ${w}`);

    const bar = progressBar();
    const result = await runSweepPoints({
      module: loaded.ref,
      model,
      names: table.names,
      values: table.values,
      observables,
      threads: threads ?? 'auto',
      onProgress: bar.update,
    });
    bar.finish();

    const warnings: string[] = [...loaded.warnings];
    let unphysicalPoints = 0;
    for (const f of result.flags) if (f === 3) unphysicalPoints++;
    if (unphysicalPoints > 0) {
      warnings.push(
        `${unphysicalPoints} of ${table.points} points have an unphysical generator (a temperature below 0, a Bohr frequency that is not positive there, a spectrum that is negative or not positive semidefinite, or a generator that overflows); their observables are NaN and the "reason" column says why`,
      );
    }
    if (result.nonUniquePoints > 0) {
      warnings.push(
        `${result.nonUniquePoints} of ${table.points} points have a non-unique steady state; their values are for the limit of the maximally mixed state`,
      );
    }
    const bohr = model.secularPairs?.length ? sweepGroupings(model, table.names, table.values) : undefined;
    if (bohr) {
      // a secular equation is ill-defined where the tolerance merges frequencies inconsistently: no number there
      const k = observables.length;
      for (const pt of bohr.inconsistent) result.values.fill(NaN, pt * k, (pt + 1) * k);
      if (bohr.inconsistent.length) warnings.push(`${bohr.inconsistent.length} of ${table.points} points are NaN: ${bohr.reason}`);
      if (bohr.changes.length)
        warnings.push(
          `the grouping of Bohr frequencies (which secular terms are kept) changes at ${bohr.changes.length} point${bohr.changes.length > 1 ? 's' : ''} of the sweep (first at point ${bohr.changes[0]! + 1}); results on either side belong to different secular equations`,
        );
    }
    for (const w of warnings.slice(loaded.warnings.length)) console.error(`bornmarkov: warning: ${w}`);
    const fixed = Object.fromEntries(
      table.names
        .filter((n) => !grids.some((g) => g.name === n) && !assignments.some((a) => a.name === n))
        .map((n) => [n, table.values[table.names.indexOf(n)]]),
    );
    const header: Record<string, unknown> = {
      bornmarkov: packageVersion(),
      model: model.name,
      approx: model.approx,
      grids: grids.map((g) => ({ name: g.name, start: g.start, stop: g.stop, count: g.count })),
      set: Object.fromEntries(assignments.map((a) => [a.name, a.text])),
      parameters: fixed,
      observables,
      shape: table.shape,
      points: table.points,
      nonUniquePoints: result.nonUniquePoints,
      ...(bohr ? { bohrGroupingChanges: bohr.changes.length, bohrInconsistentPoints: bohr.inconsistent.length } : {}),
      unphysicalPoints,
      warnings,
    };
    const output: SweepOutput = {
      header,
      columns: sweepColumns(table, observables, result),
      gridColumns: grids.length,
      ...(unphysicalPoints ? { reasons: pointReasons(model, table, result.flags) } : {}),
    };
    const text = out?.toLowerCase().endsWith('.json') ? sweepJson(output) : sweepCsv(output);
    if (out) writeAtomic(out, text, '--out');
    else process.stdout.write(text);
    return 0;
  });
}
