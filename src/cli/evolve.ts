// `bornmarkov evolve <model.json> --t start:stop:count [--from state.json] [--set …] [--approx …]
//                    [--method dopri5|expm] [--rtol 1e-9] [--atol 1e-12] [--module file.ts] [--out file.csv|.json]`
// ρ(t) at count equally spaced times (both ends included) from the given initial state (default: maximally
// mixed), in the model's eigenbasis. dopri5: adaptive Dormand–Prince 5(4); expm: exact propagation by e^{L Δt}.
// CSV (stdout without --out): '#' header lines (model, approximation, version, parameters, basis), then the
// columns t, re(rho[i][j]), im(rho[i][j]) for all i, j. JSON: see the README (evolve). Exit 2 on bad input.
import { writeAtomic } from '../io/files.ts';
import { evolveDensity, IntegrationError, type Trajectory } from '../numeric/evolve.ts';
import { maximallyMixed } from '../numeric/steady.ts';
import { parseRange } from '../numeric/grid.ts';
import { InputError, approxOption, assignmentsOf, lambShiftOption, parseOptions, withInputErrors } from './options.ts';
import { nested, readState, requirePhysical, singlePoint } from './points.ts';
import { loadGenerated, packageVersion } from '../modules/load.ts';

/** Relative trace drift of one expm step above which evolve warns (it always renormalises). */
const EXPM_DRIFT_WARNING = 1e-10;

/** The smallest tolerances a double-precision step can meet. */
const MIN_RTOL = 1e-14;
const MIN_ATOL = 1e-300;

/** The most numbers (2n² per time) evolve keeps and writes. */
const MAX_EVOLVE_VALUES = 50_000_000;

function positiveNumber(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new InputError(`${what} must be a positive number, got "${text}"`);
  return v;
}

export function trajectoryCsv(header: Record<string, unknown>, basis: string[], tr: Trajectory): string {
  const n = basis.length;
  const lines = Object.entries(header).map(([k, v]) => `# ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const cols = ['t'];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cols.push(`re(rho[${i}][${j}])`, `im(rho[${i}][${j}])`);
  lines.push(cols.join(','));
  tr.states.forEach((rho, k) => {
    const row = [String(tr.times[k])];
    for (let q = 0; q < n * n; q++) row.push(String(rho.re[q]), String(rho.im[q]));
    lines.push(row.join(','));
  });
  return lines.join('\n') + '\n';
}

export async function runEvolve(args: string[]): Promise<number> {
  return withInputErrors(async () => {
    const o = parseOptions(args, {
      valued: ['--set', '--approx', '--cutoff', '--t', '--from', '--out', '--method', '--rtol', '--atol', '--module', '--cache'],
      repeatable: ['--set'],
      flags: ['--lamb-shift', '--no-lamb-shift', '--force'],
    });
    if (o.positional.length !== 1)
      throw new InputError(`evolve takes one model file, got ${o.positional.length ? o.positional.join(' ') : 'none'}`);
    const tText = o.get('--t');
    if (tText === undefined) throw new InputError('evolve needs --t start:stop:count');
    const range = parseRange(tText, '--t');
    if (range.stop < range.start) throw new InputError(`--t ${tText}: stop must not be before start`);
    const method = o.get('--method') ?? 'dopri5';
    if (method !== 'dopri5' && method !== 'expm') throw new InputError(`--method must be dopri5 or expm, got "${method}"`);
    const rtol = positiveNumber(o.get('--rtol'), '--rtol', 1e-9);
    const atol = positiveNumber(o.get('--atol'), '--atol', 1e-12);
    // below a few ulps no step can meet the tolerance: the integrator would only shrink its step to nothing
    if (rtol < MIN_RTOL || rtol >= 1)
      throw new InputError(`--rtol ${o.get('--rtol')}: must be from ${MIN_RTOL} (double precision) to below 1`);
    if (atol < MIN_ATOL) throw new InputError(`--atol ${o.get('--atol')}: must be at least ${MIN_ATOL} (populations are of order 1)`);
    const out = o.get('--out');
    if (out !== undefined && !/\.(csv|json)$/i.test(out)) throw new InputError(`--out ${out}: the file name must end in .csv or .json`);

    const loaded = await loadGenerated(o.positional[0]!, approxOption(o), {
      module: o.get('--module'),
      cache: o.get('--cache'),
      lambShift: lambShiftOption(o),
    });
    const { model } = loaded;
    const n = model.dimension;
    // every time point keeps a density matrix (2n² doubles) in memory and in the output
    if (range.count * 2 * n * n > MAX_EVOLVE_VALUES)
      throw new InputError(
        `--t ${tText}: ${range.count} times of a ${n}-level state are ${range.count * 2 * n * n} numbers, more than the limit of ${MAX_EVOLVE_VALUES}; use fewer times`,
      );
    const p = singlePoint(model, assignmentsOf(o));
    const warnings = [...loaded.warnings];
    const from = o.get('--from');
    let rho0 = maximallyMixed(n);
    if (from !== undefined) {
      const s = readState(from, n, '--from', o.flags.has('--force'));
      rho0 = s.rho;
      warnings.push(...s.warnings);
    } else warnings.push('no --from: starting from the maximally mixed state');
    const L = new Float64Array(2 * n ** 4);
    model.liouvillian(p, L);
    requirePhysical(model, p, L);
    let tr: Trajectory;
    try {
      tr = evolveDensity(L, rho0, range.values, { method, rtol, atol });
    } catch (e) {
      if (e instanceof IntegrationError) throw new InputError(`evolve: ${e.message}`);
      throw e;
    }
    if ((tr.traceDrift ?? 0) > EXPM_DRIFT_WARNING) {
      warnings.push(
        `expm propagation changed Tr ρ by up to ${tr.traceDrift!.toExponential(2)} (relative) in one step; each step was renormalised to the initial trace`,
      );
    }
    for (const w of warnings) console.error(`bornmarkov: warning: ${w}`);
    const header = {
      bornmarkov: packageVersion(),
      model: model.name,
      approx: model.approx,
      parameters: p,
      basis: model.basis,
      method: method === 'dopri5' ? `dopri5 (rtol ${rtol}, atol ${atol})` : 'expm',
      ...(tr.traceDrift !== undefined ? { traceDrift: tr.traceDrift } : {}),
      initialState: from ?? 'maximally mixed',
    };
    let text: string;
    if (out?.toLowerCase().endsWith('.json')) {
      text =
        JSON.stringify({
          ...header,
          ...(tr.stats ? { steps: tr.stats } : {}),
          t: Array.from(tr.times),
          rho: { re: tr.states.map((r) => nested(r.re, n)), im: tr.states.map((r) => nested(r.im, n)) },
          warnings,
        }) + '\n';
    } else text = trajectoryCsv(header, model.basis, tr);
    if (out) writeAtomic(out, text, '--out');
    else process.stdout.write(text);
    return 0;
  });
}
