// Grids, parameter tables and sweeps (src/numeric/grid.ts, sweep.ts, sweepWorker.ts):
//  - inclusive linspaces, derived parameters (Tb = Ta + dT), errors that name the argument;
//  - a 2-D sweep computed in-process and on worker threads (each importing the module itself) agrees with
//    point-by-point solves; Case D's non-unique points are counted.
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { buildParameterTable, linspace, parseAssignments, parseGrid, parseRange } from '../../src/numeric/grid.ts';
import { InputError } from '../../src/errors.ts';
import { PointEvaluator, WORKER_STARTUP_MS, runSweepPoints, threadsWorthStarting } from '../../src/numeric/sweep.ts';
import { steadyState } from '../../src/numeric/steady.ts';
import { adaptModel, repoPath } from '../support/generatedAdapter.ts';

const caseA = repoPath('derivations/huangfu-jing/case-a.json');
const caseD = repoPath('derivations/huangfu-jing/case-d.json');
const model = adaptModel(caseA, 'nonsecular');

describe('grids and parameter tables', () => {
  it('linspace includes both ends; parseGrid reads name=start:stop:count', () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(linspace(3, 3, 1))).toEqual([3]);
    const g = parseGrid('Ta=0.5:30:60');
    expect(g).toMatchObject({ name: 'Ta', start: 0.5, stop: 30, count: 60 });
    expect(g.values[0]).toBe(0.5);
    expect(g.values[59]).toBe(30);
    expect(parseRange('0:50:501', '--t').values[500]).toBe(50);
  });

  it('malformed grids are errors that name the argument', () => {
    expect(() => parseGrid('Ta0.5:30:60')).toThrow(/--grid Ta0.5:30:60: expected name=start:stop:count/);
    expect(() => parseGrid('Ta=0.5:30')).toThrow(/--grid Ta: expected start:stop:count/);
    expect(() => parseGrid('Ta=a:30:4')).toThrow(/--grid Ta start: "a" is not a finite decimal number/);
    expect(() => parseGrid('Ta=0:1e999:4')).toThrow(/not finite/);
    expect(() => parseGrid('Ta=0:1:2.5')).toThrow(/count must be a whole number/);
    expect(() => parseGrid('Ta=0:1:0')).toThrow(/count must be a whole number ≥ 1/);
    expect(() => parseGrid('Ta=1:1:3')).toThrow(/start equals stop/);
    expect(() => parseGrid('2x=0:1:3')).toThrow(InputError);
  });

  it('assignments split at top-level commas only', () => {
    expect(parseAssignments('Ta=10, Tb=max(Ta, 3)*2')).toEqual([
      { name: 'Ta', text: '10' },
      { name: 'Tb', text: 'max(Ta, 3)*2' },
    ]);
    expect(() => parseAssignments('Ta=')).toThrow(/missing value for Ta/);
    expect(() => parseAssignments('Ta')).toThrow(/expected name=value/);
    expect(() => parseAssignments('Ta=1,,Tb=2')).toThrow(/empty assignment/);
  });

  it('2-D table with a derived parameter: first grid slowest, Tb = Ta + dT at every point, defaults elsewhere', () => {
    const t = buildParameterTable(
      model.parameters,
      [parseGrid('Ta=1:3:3'), parseGrid('dT=0:10:2')],
      parseAssignments('Tb=Ta+dT,xi=2*gamma'),
    );
    expect(t.points).toBe(6);
    expect(t.shape).toEqual([3, 2]);
    expect(t.auxiliary).toEqual(['dT']);
    const col = (name: string) => Array.from({ length: t.points }, (_, pt) => t.values[pt * t.names.length + t.names.indexOf(name)]);
    expect(col('Ta')).toEqual([1, 1, 2, 2, 3, 3]);
    expect(col('Tb')).toEqual([1, 11, 2, 12, 3, 13]);
    expect(col('xi')).toEqual(Array(6).fill(2));
    expect(col('Omega')).toEqual(Array(6).fill(30));
    expect(Array.from(t.auxValues)).toEqual([0, 10, 0, 10, 0, 10]);
    // assignments may refer to each other in any order
    const chained = buildParameterTable(model.parameters, [], parseAssignments('Tb=Ta*2,Ta=gamma+1'));
    expect(chained.values[chained.names.indexOf('Tb')]).toBe(4);
  });

  it('bad parameters: unknown names, cycles, non-finite values, T < 0 — each message names the argument', () => {
    const P = model.parameters;
    expect(() => buildParameterTable(P, [], parseAssignments('Tc=3'))).toThrow(/--set Tc=3: unknown parameter "Tc"/);
    expect(() => buildParameterTable(P, [], parseAssignments('Tb=Ta+dT'))).toThrow(/--set Tb=Ta\+dT: unknown name "dT"/);
    expect(() => buildParameterTable(P, [], parseAssignments('Tb=Ta+'))).toThrow(/--set Tb=Ta\+: cannot parse/);
    expect(() => buildParameterTable(P, [], parseAssignments('Ta=Tb,Tb=Ta'))).toThrow(/circular/);
    expect(() => buildParameterTable(P, [], parseAssignments('Ta=1/0'))).toThrow(/--set Ta=1\/0: evaluates to Infinity/);
    expect(() => buildParameterTable(P, [], parseAssignments('Ta=sqrt(-1)'))).toThrow(/not a real number/);
    expect(() => buildParameterTable(P, [], parseAssignments('Ta=-1'))).toThrow(/--set Ta=-1: temperature Ta = -1 is negative/);
    expect(() => buildParameterTable(P, [], parseAssignments('gamma=-1'))).toThrow(/rate gamma = -1 is negative/);
    expect(() => buildParameterTable(P, [parseGrid('Ta=-1:1:3')], [])).toThrow(
      /--grid Ta=-1:1:3 \(at Ta=-1\): temperature Ta = -1 is negative/,
    );
    expect(() => buildParameterTable(P, [parseGrid('Ta=0:1:3'), parseGrid('dT=-5:0:3')], parseAssignments('Tb=Ta+dT'))).toThrow(
      /--set Tb=Ta\+dT \(at Ta=0, dT=-5\): temperature Tb = -5 is negative/,
    );
    expect(() => buildParameterTable(P, [parseGrid('foo=0:1:3')], [])).toThrow(/--grid foo=0:1:3: "foo" is neither a parameter/);
    expect(() => buildParameterTable(P, [parseGrid('Ta=0:1:3')], parseAssignments('Ta=2'))).toThrow(/also a --grid variable/);
    expect(() => buildParameterTable(P, [parseGrid('Ta=0:1:3'), parseGrid('Ta=0:1:3')], [])).toThrow(/gridded twice/);
    // T = 0 and very large T are fine
    expect(() => buildParameterTable(P, [], parseAssignments('Ta=0,Tb=1e6'))).not.toThrow();
  });
});

describe('sweeps', () => {
  const observables = ['abs(rho[2][1])', 'l1', 'J_a', 'J_b', 'flux', 'minEigenvalue'];
  const table = buildParameterTable(model.parameters, [parseGrid('Ta=0:30:4'), parseGrid('dT=0:100:3')], parseAssignments('Tb=Ta+dT'));
  const ref = { url: pathToFileURL(repoPath('test/support/generatedAdapter.ts')).href, args: { modelFile: caseA, approx: 'nonsecular' } };

  it('in-process: each point equals a direct solve; equal temperatures give no coherence and no current', async () => {
    const r = await runSweepPoints({ module: ref, model, names: table.names, values: table.values, observables, threads: 1 });
    expect(r.fallbackPoints).toBe(0);
    const ev = new PointEvaluator(model, table.names, observables);
    const k = table.names.length;
    for (let pt = 0; pt < table.points; pt++) {
      const p = Object.fromEntries(table.names.map((n, i) => [n, table.values[pt * k + i]!]));
      const { rho } = steadyState(model, p);
      expect(r.values[pt * observables.length]).toBeCloseTo(Math.hypot(rho.re[9]!, rho.im[9]!), 13);
      const out = new Float64Array(observables.length);
      ev.observables.evaluate(p, rho, out);
      for (let o = 0; o < observables.length; o++) expect(r.values[pt * observables.length + o]).toBeCloseTo(out[o]!, 12);
      // J_a + J_b = 0 everywhere
      expect(r.values[pt * observables.length + 2]! + r.values[pt * observables.length + 3]!).toBeCloseTo(0, 10);
      if (table.auxValues[pt] === 0) {
        expect(r.values[pt * observables.length + 1]).toBeLessThan(1e-12);
        expect(Math.abs(r.values[pt * observables.length + 2]!)).toBeLessThan(1e-10);
      } else expect(r.values[pt * observables.length]).toBeGreaterThan(0.01);
    }
  });

  it("threads 'auto': workers only for work worth several start-ups and with ≥ 3 cores; the values are the in-process ones", async () => {
    expect(threadsWorthStarting(50, 16)).toBe(1); // the 200×200 Case A map: ~50 ms of work
    expect(threadsWorthStarting(60_000, 2)).toBe(1); // two vCPUs here give no speed-up
    expect(threadsWorthStarting(4 * WORKER_STARTUP_MS - 1, 8)).toBe(1);
    expect(threadsWorthStarting(3000, 8)).toBe(3);
    expect(threadsWorthStarting(1e6, 8)).toBe(8);
    const toy = { url: `data:text/javascript,${encodeURIComponent(TWO_LEVEL_MODULE)}` };
    const grid = buildParameterTable(TWO_LEVEL_PARAMETERS, [parseGrid('T=0:5:40'), parseGrid('omega=1:3:20')], []);
    const obs = ['re(rho[0][0])', 'l1'];
    const serial = await runSweepPoints({ module: toy, names: grid.names, values: grid.values, observables: obs, threads: 1 });
    const progress: number[] = [];
    const auto = await runSweepPoints({
      module: toy,
      names: grid.names,
      values: grid.values,
      observables: obs,
      onProgress: (d) => progress.push(d),
    });
    expect(auto.threads).toBe(1);
    expect(Array.from(auto.values)).toEqual(Array.from(serial.values));
    expect(progress.at(-1)).toBe(grid.points);
  });

  it('two worker threads (each importing the module) give bit-identical values and report progress', async () => {
    // The workers import a module by URL. The adapter would drag the whole symbolic layer (and mathjs, seconds
    // to load) into each worker, so the workers here import a small hand-written model from a data: URL:
    // a two-level atom in one thermal bath, whose steady state is ρ_ee = N/(2N+1).
    const toy = { url: `data:text/javascript,${encodeURIComponent(TWO_LEVEL_MODULE)}` };
    const grid = buildParameterTable(TWO_LEVEL_PARAMETERS, [parseGrid('T=0:5:7'), parseGrid('omega=1:3:3')], []);
    const obs = ['re(rho[0][0])', 'J_a', 'l1', 'minEigenvalue'];
    const serial = await runSweepPoints({ module: toy, names: grid.names, values: grid.values, observables: obs, threads: 1 });
    const progress: number[] = [];
    const parallel = await runSweepPoints({
      module: toy,
      names: grid.names,
      values: grid.values,
      observables: obs,
      threads: 2,
      chunkSize: 4,
      onProgress: (done) => progress.push(done),
    });
    expect(parallel.threads).toBe(2);
    expect(Array.from(parallel.values)).toEqual(Array.from(serial.values));
    expect(progress.at(-1)).toBe(grid.points);
    expect(progress.length).toBe(Math.ceil(grid.points / 4));
    for (let pt = 0; pt < grid.points; pt++) {
      const [omega, T] = [grid.values[pt * 3]!, grid.values[pt * 3 + 2]!];
      const N = T === 0 ? 0 : 1 / Math.expm1(omega / T);
      expect(parallel.values[pt * 4]).toBeCloseTo(N / (2 * N + 1), 14);
      expect(parallel.values[pt * 4 + 1]).toBeCloseTo(0, 14); // one bath: no current in the steady state
      expect(parallel.values[pt * 4 + 2]).toBe(0);
      expect(parallel.values[pt * 4 + 3]).toBeCloseTo(N / (2 * N + 1), 14);
    }
  }, 20000);

  it('Case D: every point falls back to the rank-revealing analysis and is counted as non-unique', async () => {
    const d = adaptModel(caseD, 'nonsecular');
    const t = buildParameterTable(d.parameters, [parseGrid('Ta=1:20:3')], []);
    const r = await runSweepPoints({
      module: ref,
      model: d,
      names: t.names,
      values: t.values,
      observables: ['re(rho[2][2])', 'l1'],
      threads: 1,
    });
    expect(r.nonUniquePoints).toBe(3);
    expect(Array.from(r.flags)).toEqual([2, 2, 2]);
    for (let pt = 0; pt < 3; pt++) {
      expect(r.values[pt * 2]).toBeCloseTo(0.25, 12); // the dark state keeps its share of the maximally mixed state
      expect(r.values[pt * 2 + 1]).toBeLessThan(1e-12);
    }
  });
});

const TWO_LEVEL_PARAMETERS = [
  { name: 'omega', latex: '\\omega', default: 1, kind: 'energy' as const },
  { name: 'gamma', latex: '\\gamma', default: 0.5, kind: 'rate' as const },
  { name: 'T', latex: 'T', default: 1, kind: 'temperature' as const },
];

/** A GeneratedModel written by hand in plain JavaScript: levels e (0) and g (1), H = ω/2 σz, one bath "a". */
const TWO_LEVEL_MODULE = `
const N = (w, T) => (T === 0 ? 0 : 1 / Math.expm1(w / T));
export default {
  name: 'two-level', approx: 'secular', basis: ['e', 'g'], bareBasis: ['e', 'g'], baths: ['a'], dimension: 2,
  parameters: ${JSON.stringify(TWO_LEVEL_PARAMETERS)},
  energies: (p) => Float64Array.of(p.omega / 2, -p.omega / 2),
  coefficients: () => ({}),
  liouvillian(p, out, bath) {
    out.fill(0);
    const down = p.gamma * (N(p.omega, p.T) + 1), up = p.gamma * N(p.omega, p.T), G = down + up;
    out[0] = -down; out[3] = up; out[12] = down; out[15] = -up;
    out[5] = -G / 2; out[10] = -G / 2;
    if (bath === undefined) { out[16 + 5] = -p.omega; out[16 + 10] = p.omega; }
  },
  blocks: [[0, 3], [1], [2]],
  eigenvectors: () => ({ re: Float64Array.of(1, 0, 0, 1), im: new Float64Array(4) }),
  operators: () => ({}),
};
`;
