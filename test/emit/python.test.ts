// The Python/NumPy target (src/emit/python.ts), for every model under derivations/ and both approximations,
// emitted into a scratch directory and run by python3 (Debian python3-numpy, python3-qutip; skipped with the
// reason printed when absent):
//   - source: straight-line functions, each Planck number, half-angle pair and radical computed once, no trig;
//   - numbers: at random points, T = 0 and huge T, liouvillian (full and per bath), energies, coefficients,
//     eigenvectors and operators agree with the committed TypeScript modules to 1e-12 (relative, max-norm);
//   - steady_state agrees with the TypeScript solver where that finds a unique steady state (and raises where
//     it does not), and with QuTiP's steadystate applied to to_qobj(p), whose dims are [[[n], [n]], [[n], [n]]];
//   - bad input: an unknown parameter or bath raises with a message naming it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params } from '../../src/numeric/generatedModel.ts';
import type { Model } from '../../src/model/model.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { type Approx, PAPER_APPROXIMATIONS, applicableApproximations } from '../../src/derive/approx.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { DEFAULT_OUT, emitModel } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import { TARGETS } from '../../src/emit/targets.ts';
import { analyzeSteadyState } from '../../src/numeric/steady.ts';
import { rng } from '../support/random.ts';
import { importModule, randomParameters } from '../support/generatedModules.ts';
import { findPython, runPython } from '../support/python.ts';

const python = findPython(['numpy']);
const qutip = python.ok ? findPython(['numpy', 'qutip']) : python;
if (!python.ok) console.log(`SKIPPED python target tests: ${python.reason}`);
else if (!qutip.ok) console.log(`SKIPPED the QuTiP comparison: ${qutip.reason}`);

const PY = TARGETS.find((t) => t.name === 'python')!;

function points(model: Model, seed: number): { label: string; p: Params; steady: boolean }[] {
  const rand = rng(seed);
  const defaults = Object.fromEntries(model.parameters.map((q) => [q.name, q.default]));
  const temps = (t: (d: number) => number) =>
    Object.fromEntries(model.parameters.map((q) => [q.name, q.kind === 'temperature' ? t(q.default) : q.default]));
  return [
    { label: 'defaults', p: defaults, steady: true },
    // four random points, one where a point costs most (≥ 8 levels: the test/emit/generatedNumbers.test.ts
    // reference holds those modules at more)
    ...Array.from({ length: model.states.length >= 8 ? 1 : 4 }, (_, i) => ({
      label: `random point ${i + 1}`,
      p: randomParameters(model, rand),
      steady: true,
    })),
    { label: 'T = 0', p: temps(() => 0), steady: false },
    { label: 'T = 1e7 × default', p: temps((d) => 1e7 * d), steady: false },
  ];
}

// One Python process evaluates everything: per module and point, L (full and per bath), energies, coefficients,
// eigenvectors, operators, steady_state (or its error) and, with qutip, QuTiP's steady state of to_qobj(p).
const DRIVER = String.raw`
import importlib, json, sys
import numpy as np
try:
    import qutip
except ImportError:
    qutip = None
req = json.load(sys.stdin)
sys.path.insert(0, ".")
def cm(a):
    a = np.asarray(a)
    return [a.real.reshape(-1).tolist(), a.imag.reshape(-1).tolist()]
out = {}
for job in req:
    m = importlib.import_module(job["module"])
    res = []
    for p in job["points"]:
        r = {"L": cm(m.liouvillian(p)), "baths": {b: cm(m.liouvillian(p, b)) for b in m.BATHS},
             "energies": m.energies(p).tolist(),
             "coefficients": {k: [complex(v).real, complex(v).imag] for k, v in m.coefficients(p).items()},
             "eigenvectors": cm(m.eigenvectors(p)), "operators": {k: cm(v) for k, v in m.operators(p).items()}}
        try:
            r["steady"] = cm(m.steady_state(p))
        except ValueError as e:
            r["steadyError"] = str(e)
        if qutip is not None and job["qutip"] and "steady" in r:
            q = m.to_qobj(p)
            r["qobjDims"] = q.dims
            r["qutip"] = cm(qutip.steadystate(q).full())
        res.append(r)
    errors = {}
    for what, call in [("parameter", lambda: m.liouvillian({"no_such_parameter": 1})), ("bath", lambda: m.liouvillian(None, "no-such-bath"))]:
        try:
            call()
            errors[what] = None
        except (KeyError, ValueError) as e:
            errors[what] = str(e)
    out[job["module"]] = {"points": res, "errors": errors, "meta": {"basis": m.BASIS, "baths": m.BATHS, "dimension": m.DIMENSION, "blocks": m.BLOCKS, "parameters": m.PARAMETERS}}
print(json.dumps(out))
`;

type CM = [number[], number[]];
interface PyResult {
  points: {
    L: CM;
    baths: Record<string, CM>;
    energies: number[];
    coefficients: Record<string, [number, number]>;
    eigenvectors: CM;
    operators: Record<string, CM>;
    steady?: CM;
    steadyError?: string;
    qobjDims?: unknown;
    qutip?: CM;
  }[];
  errors: { parameter: string | null; bath: string | null };
  meta: { basis: string[]; baths: string[]; dimension: number; blocks: number[][]; parameters: Record<string, number> };
}

/** max |a − b| / max |b| over real and imaginary parts. */
function relDiff(a: CM, b: { re: ArrayLike<number>; im: ArrayLike<number> }): number {
  let d = 0;
  let s = 0;
  for (let k = 0; k < b.re.length; k++) {
    d = Math.max(d, Math.abs(a[0][k]! - b.re[k]!), Math.abs(a[1][k]! - b.im[k]!));
    s = Math.max(s, Math.abs(b.re[k]!), Math.abs(b.im[k]!));
  }
  expect(a[0]).toHaveLength(b.re.length);
  return s === 0 ? d : d / s;
}

const models = derivationModels();
/** the largest differences seen, printed at the end (the figures the README quotes) */
const worst = { typescript: 0, steadyVsTypescript: 0, qutip: 0, steadyPoints: 0, qutipPoints: 0 };

describe.skipIf(!python.ok)('the Python target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-py-'));
  const jobs: { file: string; model: Model; approx: Approx; module: string; pts: ReturnType<typeof points> }[] = [];
  for (const file of models) {
    const model = loadModelFile(file);
    // every approximation on models of up to 4 levels, the two papers' forms on the larger ones (run time)
    const approxes = applicableApproximations(model, false).filter((a) => model.states.length <= 4 || PAPER_APPROXIMATIONS.includes(a));
    for (const [name, text] of emitModel(file, approxes, dir, [PY])) writeFileSync(join(dir, name), text);
    for (const approx of approxes)
      jobs.push({
        file,
        model: deriveTable(model, approx).model,
        approx,
        module: `${model.name.replace(/[^A-Za-z0-9_]/g, '_')}_${approx.replace(/-/g, '_')}`,
        pts: points(deriveTable(model, approx).model, file.length * 7 + approx.length),
      });
  }
  let results: Record<string, PyResult> | undefined;
  const run = (): Record<string, PyResult> =>
    (results ??= runPython(
      python.ok ? python.bin : '',
      DRIVER,
      jobs.map((j) => ({ module: j.module, points: j.pts.map((x) => x.p), qutip: qutip.ok })),
      dir,
    ) as Record<string, PyResult>);

  it.each(jobs.map((j) => j.module))('%s.py: straight-line, each Planck number, half-angle pair and radical once, no trig', (module) => {
    const text = readFileSync(join(dir, `${module}.py`), 'utf8');
    const functions = [...text.matchAll(/^def (\w+)\(.*\):\n([\s\S]*?)(?=\n\n\ndef |\n*$)/gm)];
    // the numeric-eigenbasis runtime (numpy's eigh) where the module diagonalises H_S
    const eigh = /^def _eigh\(/m.test(text) ? ['_eigh', '_eigenvalue', '_eigenvector'] : [];
    expect(functions.map((m) => m[1])).toEqual([
      '_complete',
      '_expm1',
      ...eigh,
      '_exp',
      'energies',
      'coefficients',
      'liouvillian',
      'eigenvectors',
      'operators',
      'steady_state',
      'to_qobj',
    ]);
    for (const [, fn, body] of functions.filter((m) =>
      ['energies', 'coefficients', 'liouvillian', 'eigenvectors', 'operators'].includes(m[1]!),
    )) {
      expect(body, fn).not.toMatch(/\b(for|while)\b/);
      const locals = [...body!.matchAll(/^ {4}(\w+) = (.*)$/gm)].filter((m) => !/^np\.zeros\(/.test(m[2]!) && !/^(_u|_on_)/.test(m[1]!));
      const rhs = locals.map((m) => m[2]!);
      expect(
        rhs.filter((r, i) => rhs.indexOf(r) !== i),
        `${module} ${fn}: a value is computed twice`,
      ).toEqual([]);
      const names = locals.map((m) => m[1]!);
      expect(new Set(names).size, `${module} ${fn}: a local assigned twice`).toBe(names.length);
      const planck = locals.filter((m) => m[1]!.startsWith('_N_'));
      expect((body!.match(/_expm1\(/g) ?? []).length, `${module} ${fn}`).toBe(planck.length);
      for (const prefix of ['_c_', '_s_', '_R_'])
        expect(names.filter((x) => x.startsWith(prefix)).length).toBe(new Set(names.filter((x) => x.startsWith(prefix))).size);
      expect(body!.match(/math\.(cos|sin|atan2|exp|pow)\(|\*\*/g), `${module} ${fn}: trig calls or exp/pow`).toBeNull();
    }
  });

  it.each(jobs.map((j) => [j.module, j] as const))(
    '%s: agrees with the TypeScript module to 1e-12; steady state with the TypeScript solver and QuTiP',
    async (module, job) => {
      const r = run()[module]!;
      const g = await importModule(join(DEFAULT_OUT, `${job.model.name}.${job.approx}.ts`));
      const n = g.dimension;
      const N = n * n;
      expect(r.meta.basis).toEqual(g.basis);
      expect(r.meta.baths).toEqual(g.baths);
      expect(r.meta.dimension).toBe(n);
      expect(r.meta.blocks).toEqual(g.blocks);
      expect(r.meta.parameters).toEqual(Object.fromEntries(g.parameters.map((p) => [p.name, p.default])));
      let steadyCompared = 0;
      job.pts.forEach(({ label, p, steady }, i) => {
        const got = r.points[i]!;
        const fill = (bath?: string) => {
          const out = new Float64Array(2 * N * N);
          g.liouvillian(p, out, bath);
          return { re: out.subarray(0, N * N), im: out.subarray(N * N) };
        };
        const dL = relDiff(got.L, fill());
        worst.typescript = Math.max(worst.typescript, dL);
        expect(dL, `${label}: L`).toBeLessThan(1e-12);
        for (const b of g.baths) expect(relDiff(got.baths[b]!, fill(b)), `${label}: D_${b}`).toBeLessThan(1e-12);
        const E = g.energies(p);
        expect(relDiff([got.energies, got.energies.map(() => 0)], { re: E, im: new Float64Array(n) }), `${label}: energies`).toBeLessThan(
          1e-12,
        );
        const c = g.coefficients(p);
        expect(Object.keys(got.coefficients)).toEqual(Object.keys(c));
        const want = Object.values(c).map((v) => (typeof v === 'number' ? [v, 0] : v));
        expect(
          relDiff([Object.values(got.coefficients).map((v) => v[0]), Object.values(got.coefficients).map((v) => v[1])], {
            re: want.map((v) => v[0]!),
            im: want.map((v) => v[1]!),
          }),
          `${label}: coefficients`,
        ).toBeLessThan(1e-12);
        expect(relDiff(got.eigenvectors, g.eigenvectors(p)), `${label}: eigenvectors`).toBeLessThan(1e-12);
        const ops = g.operators(p);
        expect(Object.keys(got.operators).sort()).toEqual(Object.keys(ops).sort());
        for (const [k, v] of Object.entries(ops)) expect(relDiff(got.operators[k]!, v), `${label}: operator ${k}`).toBeLessThan(1e-12);
        if (!steady) return;
        const a = analyzeSteadyState(g, p);
        if (!a.unique) {
          expect(got.steadyError, `${label}: python must refuse a non-unique steady state`).toMatch(/not unique/);
          return;
        }
        expect(got.steady, `${label}: ${got.steadyError}`).toBeDefined();
        const dS = relDiff(got.steady!, a.rho);
        worst.steadyVsTypescript = Math.max(worst.steadyVsTypescript, dS);
        worst.steadyPoints++;
        expect(dS, `${label}: steady_state vs the TypeScript solver`).toBeLessThan(1e-9);
        steadyCompared++;
        if (qutip.ok) {
          expect(got.qobjDims).toEqual([
            [[n], [n]],
            [[n], [n]],
          ]);
          const dQ = relDiff(got.qutip!, a.rho);
          worst.qutip = Math.max(worst.qutip, dQ);
          worst.qutipPoints++;
          expect(dQ, `${label}: QuTiP steadystate(to_qobj(p)) vs the TypeScript solver`).toBeLessThan(1e-9);
          expect(relDiff(got.qutip!, { re: got.steady![0], im: got.steady![1] }), `${label}: QuTiP vs steady_state`).toBeLessThan(1e-9);
        }
      });
      if (job.model.name !== 'huangfu-jing-case-d') expect(steadyCompared).toBeGreaterThan(0);
      expect(r.errors.parameter).toMatch(/unknown parameter\(s\) no_such_parameter/);
      expect(r.errors.bath).toMatch(/no bath 'no-such-bath'/);
    },
    120_000,
  );

  it('compared steady states at some points of every model with a unique one (largest differences printed)', () => {
    console.log(
      `python target: L vs TypeScript ≤ ${worst.typescript.toExponential(1)}; steady_state vs the TypeScript solver ≤ ${worst.steadyVsTypescript.toExponential(1)} at ${worst.steadyPoints} points; QuTiP steadystate(to_qobj) ≤ ${worst.qutip.toExponential(1)} at ${worst.qutipPoints} points`,
    );
    expect(worst.steadyPoints).toBeGreaterThan(50);
    if (qutip.ok) expect(worst.qutipPoints).toBe(worst.steadyPoints);
  });
});
