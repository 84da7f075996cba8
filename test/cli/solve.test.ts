// The solve, evolve and sweep commands (src/cli/solve.ts, evolve.ts, sweep.ts — its --observable help —, options.ts, points.ts; src/modules/load.ts), run
// in-process. Until derivations/generated/ exists they use `--module test/support/generatedAdapter.ts`; once the
// generated modules are there, the same commands are also run on them and must agree with the adapter.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSolve } from '../../src/cli/solve.ts';
import { runEvolve } from '../../src/cli/evolve.ts';
import { runSweep } from '../../src/cli/sweep.ts';
import { OBSERVABLES } from '../../src/numeric/observables.ts';
import { bruteForceSteady, generatedModuleExists, readModelJson, repoPath, adaptModel, toEigenbasis } from '../support/generatedAdapter.ts';

const CASE_A = repoPath('derivations/huangfu-jing/case-a.json');
const CASE_D = repoPath('derivations/huangfu-jing/case-d.json');
const ADAPTER = ['--module', repoPath('test/support/generatedAdapter.ts')];
const VERSION = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).version;
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-cli-'));

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function json(run: (a: string[]) => Promise<number>, args: string[]): Promise<any> {
  const code = await run(args);
  expect(code, err.join('\n')).toBe(0);
  return JSON.parse(out.join(''));
}

async function fails(run: (a: string[]) => Promise<number>, args: string[], message: RegExp): Promise<void> {
  out = [];
  err = [];
  expect(await run(args)).toBe(2);
  expect(err.join('\n')).toMatch(message);
}

describe('solve', () => {
  it('--json: Case A at the Fig. 2 point — schema, ρ in eigenbasis order, and values checked independently', async () => {
    const r = await json(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=10,Tb=Ta+50,Delta=0', '--json']);
    expect(r).toMatchObject({
      model: 'huangfu-jing-case-a',
      approx: 'nonsecular',
      version: VERSION,
      nullity: 1,
      unique: true,
      nullityTolerance: 1e-10,
    });
    expect(r.parameters).toEqual({ Omega: 30, Delta: 0, xi: 2, gamma: 1, Ta: 10, Tb: 60 });
    expect(r.basis).toEqual(['lambda1', 'lambda2', 'lambda3', 'lambda4']);
    expect(r.initialState).toBe('maximally mixed');
    const model = adaptModel(CASE_A, 'nonsecular');
    const R = toEigenbasis(model, r.parameters, bruteForceSteady(CASE_A, r.parameters, 'nonsecular').rho!);
    expect(r.rho.re[2][1]).toBeCloseTo(R.re[9]!, 11); // Re ρ32
    expect(r.rho.im[2][1]).toBeCloseTo(R.im[9]!, 11);
    expect(r.coherence.abs[2][1]).toBeCloseTo(Math.hypot(R.re[9]!, R.im[9]!), 11);
    expect(r.coherence.l1).toBeCloseTo(2 * r.coherence.abs[2][1], 12);
    expect(r.trace).toBeCloseTo(1, 13);
    expect(r.minEigenvalue).toBeGreaterThan(0.05);
    expect(r.residual).toBeLessThan(1e-13);
    expect(r.rankGap.largestDropped).toBeLessThan(1e-14);
    expect(r.rankGap.smallestKept).toBeGreaterThan(1e-3);
    expect(r.currents.a + r.currents.b).toBeCloseTo(0, 11);
    expect(r.currents.b).toBeGreaterThan(1);
    expect(r.flux['1-2']).toBeCloseTo(4 * 2 * r.rho.im[2][1], 12);
    expect(r.warnings).toEqual([]);
  });

  it('text output: a readable table', async () => {
    expect(await runSolve([CASE_A, ...ADAPTER, '--set', 'Ta=10'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/huangfu-jing-case-a \(nonsecular\)/);
    expect(text).toMatch(/nullity 1 \(relative tolerance 1e-10\), unique steady state/);
    expect(text).toMatch(/\|rho\[2\]\[1\]\| = 0\.1102/);
    expect(text).toMatch(/J_a = -7\.99/);
  });

  it('Case D: nullity 2, not unique, a valid state; --from gives the limit of that state', async () => {
    const r = await json(runSolve, [CASE_D, ...ADAPTER, '--json']);
    expect(r.nullity).toBe(2);
    expect(r.unique).toBe(false);
    expect(r.warnings.join(' ')).toMatch(/not unique.*depends on the initial state/);
    expect(r.trace).toBeCloseTo(1, 12);
    expect(r.minEigenvalue).toBeGreaterThan(-1e-12);
    expect(r.currents.a + r.currents.b).toBeCloseTo(0, 11);
    // the dark state λ3 as the initial state is its own limit
    const state = join(dir, 'dark.json');
    writeFileSync(
      state,
      JSON.stringify({
        re: [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 0],
        ],
      }),
    );
    out = [];
    const s = await json(runSolve, [CASE_D, ...ADAPTER, '--from', state, '--json']);
    expect(s.initialState).toBe(`given (${state})`);
    expect(s.rho.re[2][2]).toBeCloseTo(1, 12);
    expect(s.currents.a).toBeCloseTo(0, 12);
  });

  it('T = 0 and T = 1e6 give finite results (ground state; nearly maximally mixed)', async () => {
    const cold = await json(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=0,Tb=0', '--json']);
    expect(cold.rho.re[3][3]).toBeCloseTo(1, 13);
    out = [];
    const hot = await json(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=1e6,Tb=1e6', '--json']);
    for (let a = 0; a < 4; a++) expect(hot.rho.re[a][a]).toBeCloseTo(0.25, 4);
    for (const x of [...hot.rho.re.flat(), ...hot.rho.im.flat(), hot.currents.a, hot.currents.b, hot.flux['1-2'], hot.minEigenvalue]) {
      expect(Number.isFinite(x)).toBe(true);
    }
    out = [];
    const mixed = await json(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=0,Tb=1e6', '--json']);
    expect(mixed.minEigenvalue).toBeLessThan(0);
    expect(mixed.warnings.join(' ')).toMatch(/negative eigenvalue.*need not preserve positivity/);
    // Tb = 1e9: rates ~ 1e7 γ; the trace is still exactly 1 and the currents still balance (to rounding of
    // their terms, which are ~ |E| × rate ~ 1e9), so no false alarm about either
    out = [];
    const extreme = await json(runSolve, [CASE_A, '--set', 'Ta=0,Tb=1e9', '--json']);
    expect(Math.abs(extreme.trace - 1)).toBeLessThan(1e-14);
    expect(Math.abs(extreme.currents.a + extreme.currents.b)).toBeLessThan(1e-12 * 30 * 1e9);
    expect(extreme.warnings.join(' ')).not.toMatch(/do not sum|Tr ρ =/);
  });

  it('bad input: a clear message naming the argument, exit code 2', async () => {
    await fails(
      runSolve,
      [CASE_A, ...ADAPTER, '--set', 'Tc=1'],
      /--set Tc=1: unknown parameter "Tc" \(parameters: Omega, Delta, xi, gamma, Ta, Tb\)/,
    );
    await fails(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta='], /--set Ta=: missing value for Ta/);
    await fails(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=-1'], /--set Ta=-1: temperature Ta = -1 is negative/);
    await fails(runSolve, [CASE_A, ...ADAPTER, '--set', 'Tb=1/0'], /--set Tb=1\/0: evaluates to Infinity/);
    await fails(runSolve, [CASE_A, ...ADAPTER, '--set', 'Tb=Ta+'], /--set Tb=Ta\+: cannot parse/);
    await fails(runSolve, [CASE_A, ...ADAPTER, '--set', 'Tb=dT'], /--set Tb=dT: unknown name "dT"/);
    await fails(
      runSolve,
      [CASE_A, ...ADAPTER, '--approx', 'markov'],
      /--approx must be one of secular \(or global\), redfield \(or nonsecular\)/,
    );
    await fails(runSolve, [CASE_A, ...ADAPTER, '--tolerance', '2'], /--tolerance must be a number in \(0, 1\)/);
    await fails(runSolve, [CASE_A, ...ADAPTER, '--frob'], /unknown option --frob/);
    await fails(runSolve, [...ADAPTER], /solve takes one model file, got none/);
    await fails(runSolve, [join(dir, 'missing.json'), ...ADAPTER], /model file .*missing\.json: cannot read/);
    const bad = join(dir, 'bad-state.json');
    writeFileSync(
      bad,
      JSON.stringify({
        re: [
          [1, 0],
          [0, 0],
        ],
      }),
    );
    await fails(runSolve, [CASE_A, ...ADAPTER, '--from', bad], /--from .*bad-state\.json: "re" must be a 4×4 array/);
    writeFileSync(
      bad,
      JSON.stringify({
        re: [
          [1, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 'x'],
        ],
      }),
    );
    await fails(runSolve, [CASE_A, ...ADAPTER, '--from', bad], /non-finite entry "x"/);
  });

  it('a model anywhere: its module is derived into the cache (keyed by the model text), reused, and rebuilt when corrupt', async () => {
    const model = join(dir, 'orphan.json');
    writeFileSync(model, JSON.stringify({ ...readModelJson(CASE_A), name: 'bornmarkov-test-orphan' }));
    const cache = join(dir, 'cache');
    const args = [model, '--cache', cache, '--set', 'Ta=10,Tb=60', '--json'];
    const first = await json(runSolve, args);
    out = [];
    const viaAdapter = await json(runSolve, [CASE_A, ...ADAPTER, '--set', 'Ta=10,Tb=60', '--json']);
    // the symbolic adapter sums in another order: equal to rounding
    for (const part of ['re', 'im'] as const)
      first.rho[part].flat().forEach((x: number, k: number) => expect(Math.abs(x - viaAdapter.rho[part].flat()[k])).toBeLessThan(1e-13));
    expect(first.warnings).toEqual([]);
    const entries = readdirSync(join(cache, VERSION));
    expect(entries).toEqual([`bornmarkov-test-orphan-${createHash('sha256').update(readFileSync(model)).digest('hex')}`]);
    const entry = join(cache, VERSION, entries[0]!);
    expect(readdirSync(entry).sort()).toEqual(['nonsecular.mjs', 'nonsecular.sha256']);
    // a hit: same module file, untouched
    const before = readFileSync(join(entry, 'nonsecular.mjs'), 'utf8');
    out = [];
    expect((await json(runSolve, args)).rho).toEqual(first.rho);
    expect(readFileSync(join(entry, 'nonsecular.mjs'), 'utf8')).toBe(before);
    // corrupt: detected by its hash, rebuilt, and said so
    writeFileSync(join(entry, 'nonsecular.mjs'), before.replace('liouvillian', 'broken'));
    out = [];
    const again = await json(runSolve, args);
    expect(again.rho).toEqual(first.rho);
    expect(again.warnings.join('\n')).toMatch(/did not match its recorded SHA-256 .*derived it again/);
    expect(readFileSync(join(entry, 'nonsecular.mjs'), 'utf8')).toBe(before);
    // an unwritable cache names --cache; exit 2
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    await fails(runSolve, [model, '--cache', file], new RegExp(`--cache ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot create`));
  });

  it.skipIf(!generatedModuleExists(CASE_A, 'nonsecular'))(
    'the generated module (found without --module) agrees with the adapter',
    async () => {
      const args = ['--set', 'Ta=3,Tb=70,Delta=2', '--json'];
      const viaModule = await json(runSolve, [CASE_A, ...args]);
      out = [];
      const viaAdapter = await json(runSolve, [CASE_A, ...ADAPTER, ...args]);
      for (let a = 0; a < 4; a++) {
        for (let b = 0; b < 4; b++) {
          expect(viaModule.rho.re[a][b]).toBeCloseTo(viaAdapter.rho.re[a][b], 12);
          expect(viaModule.rho.im[a][b]).toBeCloseTo(viaAdapter.rho.im[a][b], 12);
        }
      }
      expect(viaModule.currents.a).toBeCloseTo(viaAdapter.currents.a, 10);
      expect(viaModule.flux['1-2']).toBeCloseTo(viaAdapter.flux['1-2'], 12);
    },
  );
});

describe('evolve', () => {
  it('CSV and JSON output of ρ(t); the first row is the initial state, populations relax', async () => {
    const state = join(dir, 'excited.json');
    writeFileSync(
      state,
      JSON.stringify({
        re: [
          [1, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        im: [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      }),
    );
    const csv = join(dir, 'traj.csv');
    expect(await runEvolve([CASE_A, ...ADAPTER, '--set', 'Ta=10,Tb=60', '--t', '0:2:5', '--from', state, '--out', csv])).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.startsWith('#')).join('\n')).toMatch(
      new RegExp(`# bornmarkov: ${VERSION}[\\s\\S]*# model: huangfu-jing-case-a[\\s\\S]*# approx: nonsecular`),
    );
    const rows = lines.filter((l) => !l.startsWith('#'));
    expect(rows[0]!.split(',').slice(0, 3)).toEqual(['t', 're(rho[0][0])', 'im(rho[0][0])']);
    expect(rows.length).toBe(6);
    const first = rows[1]!.split(',').map(Number);
    expect(first[0]).toBe(0);
    expect(first[1]).toBe(1);
    const last = rows[5]!.split(',').map(Number);
    expect(last[0]).toBe(2);
    expect(last[1]).toBeLessThan(0.5);

    const js = join(dir, 'traj.json');
    expect(await runEvolve([CASE_A, ...ADAPTER, '--t', '0:2:5', '--from', state, '--method', 'expm', '--out', js])).toBe(0);
    const j = JSON.parse(readFileSync(js, 'utf8'));
    expect(j.t).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(j.rho.re[4][0][0]).toBeCloseTo(last[1]!, 8); // dopri5 (CSV) and expm (JSON) agree
  });

  it('bad input: exit code 2', async () => {
    await fails(runEvolve, [CASE_A, ...ADAPTER], /evolve needs --t start:stop:count/);
    await fails(runEvolve, [CASE_A, ...ADAPTER, '--t', '0:5'], /--t: expected start:stop:count/);
    await fails(runEvolve, [CASE_A, ...ADAPTER, '--t', '5:0:3'], /stop must not be before start/);
    await fails(runEvolve, [CASE_A, ...ADAPTER, '--t', '0:5:3', '--method', 'euler'], /--method must be dopri5 or expm/);
    await fails(runEvolve, [CASE_A, ...ADAPTER, '--t', '0:5:3', '--out', 'x.txt'], /must end in \.csv or \.json/);
  });
});

describe('sweep', () => {
  it('2-D grid with a derived parameter; JSON header records model, approximation and version', async () => {
    const file = join(dir, 'sweep.json');
    const code = await runSweep([
      CASE_A,
      ...ADAPTER,
      '--grid',
      'Ta=5:10:2',
      '--grid',
      'dT=0:50:2',
      '--set',
      'Tb=Ta+dT',
      '--observable',
      'abs(rho[2][1])',
      '--observable',
      'l1',
      '--observable',
      'J_a',
      '--observable',
      'flux',
      '--out',
      file,
    ]);
    expect(code, err.join('\n')).toBe(0);
    const j = JSON.parse(readFileSync(file, 'utf8'));
    expect(j).toMatchObject({
      bornmarkov: VERSION,
      model: 'huangfu-jing-case-a',
      approx: 'nonsecular',
      shape: [2, 2],
      points: 4,
      nonUniquePoints: 0,
    });
    expect(j.set).toEqual({ Tb: 'Ta+dT' });
    expect(Object.keys(j.columns)).toEqual(['Ta', 'dT', 'Tb', 'abs(rho[2][1])', 'l1', 'J_a', 'flux']);
    expect(j.columns.Tb).toEqual([5, 55, 10, 60]);
    expect(j.columns['abs(rho[2][1])'][0]).toBeLessThan(1e-12);
    expect(j.columns['abs(rho[2][1])'][3]).toBeCloseTo(0.11023609706, 9); // the Fig. 2 point
    // CSV on stdout, 1-D
    out = [];
    expect(await runSweep([CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'l1'])).toBe(0);
    const csv = out.join('');
    expect(csv).toMatch(/^# bornmarkov: /);
    expect(csv).toMatch(/\nTa,l1\n1,/);
    expect(err.join('')).toBe(''); // no progress bar when stderr is not a terminal
  });

  it('--observable help lists every registry entry with its description and units, without a model (exit 0)', async () => {
    expect(await runSweep(['--observable', 'help'])).toBe(0);
    const text = out.join('\n');
    for (const e of OBSERVABLES) {
      for (const f of e.forms) expect(text).toContain(f);
      expect(text).toContain(`${e.description}  [${e.units}]`);
    }
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'rho32'], /--observable help/);
  });

  it('bad input: exit code 2', async () => {
    await fails(runSweep, [CASE_A, ...ADAPTER, '--observable', 'l1'], /sweep needs at least one --grid/);
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2', '--observable', 'l1'], /--grid Ta: expected start:stop:count/);
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:x', '--observable', 'l1'], /--grid Ta: count must be a whole number/);
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2'], /at least one --observable/);
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'rho32'], /--observable: unknown observable "rho32"/);
    await fails(runSweep, [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'J_c'], /no bath "c"/);
    await fails(
      runSweep,
      [CASE_A, ...ADAPTER, '--grid', 'Ta=-2:2:2', '--observable', 'l1'],
      /--grid Ta=-2:2:2 \(at Ta=-2\): temperature Ta = -2 is negative/,
    );
    await fails(
      runSweep,
      [CASE_A, ...ADAPTER, '--grid', 'dT=0:1:2', '--set', 'Tb=Ta+dT*', '--observable', 'l1'],
      /--set Tb=Ta\+dT\*: cannot parse/,
    );
    await fails(
      runSweep,
      [CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'l1', '--threads', '0'],
      /--threads must be a whole number/,
    );
  });
});

// Hermitian couplings through the module cache: the Lamb-shift variant is derived into the cache (JavaScript
// flavor, carrying its quadrature) and gives the committed TypeScript module's state; rhoBare and the spectrum.
describe('solve with Hermitian couplings and the Lamb shift', () => {
  const SB = repoPath('derivations/examples/spin-boson.json');
  it('--lamb-shift through a fresh cache equals the committed Lamb-shift module; rhoBare = V rho V†; --spectrum', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bornmarkov-cache-'));
    const viaCache = await json(runSolve, [SB, '--lamb-shift', '--spectrum', '--json', '--cache', cache, '--set', 'T=0.4']);
    expect(viaCache.lambShift).toBe(true);
    const committed = (await import(repoPath('derivations/generated/spin-boson.nonsecular.lamb-shift.ts'))).default;
    out = [];
    const viaModule = await json(runSolve, [
      SB,
      '--json',
      '--lamb-shift',
      '--module',
      repoPath('derivations/generated/spin-boson.nonsecular.lamb-shift.ts'),
      '--set',
      'T=0.4',
    ]);
    expect(committed.lambShift).toBe(true);
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) expect(Math.abs(viaCache.rho.re[a][b] - viaModule.rho.re[a][b])).toBeLessThan(1e-14);
    // the bare-basis state is Hermitian with trace 1, and its coherence is the eigenbasis state rotated
    expect(viaCache.bareBasis).toEqual(['e', 'g']);
    expect(viaCache.rhoBare.re[0][0] + viaCache.rhoBare.re[1][1]).toBeCloseTo(1, 14);
    expect(viaCache.rhoBare.re[0][1]).toBeCloseTo(viaCache.rhoBare.re[1][0], 14);
    // 4 eigenvalues of L, one zero, the rest decaying; the gap is the slowest rate
    expect(viaCache.spectrum.re).toHaveLength(4);
    expect(Math.abs(viaCache.spectrum.re[0])).toBeLessThan(1e-12);
    expect(viaCache.spectrum.gap).toBeGreaterThan(0);
    expect(viaCache.spectrum.gap).toBeCloseTo(-viaCache.spectrum.re[1], 14);
  });

  it('--lamb-shift on a model with RWA channels only is refused with the reason', async () => {
    await fails(
      runSolve,
      [CASE_A, '--lamb-shift', '--cache', mkdtempSync(join(tmpdir(), 'bornmarkov-cache-'))],
      /Lamb shift needs Hermitian couplings/,
    );
  });
});
