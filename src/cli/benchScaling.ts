// Cost growth with system size: uniform XY chains of 2…5 two-level sites (4…32 levels), Ω/2 Σσz + J Σ(σ⁺σ⁻ + h.c.),
// the end sites coupled through σx to two Ohmic baths at different temperatures (Hermitian couplings, non-secular).
// Per length: the derivation (load with the exact eigenstructure found automatically, expansion, tables), the
// emitted module's steady state per point over a temperature sweep, and QuTiP's bloch_redfield_tensor +
// steadystate on the same points (when python3 imports qutip), with the fitted exponent of each cost against the
// number of levels. Contract: benchScaling(maxSites) returns report lines; modules go to a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { loadModelFile } from '../model/load.ts';
import { deriveTable } from '../derive/table.ts';
import type { GeneratedModel, Params } from '../numeric/generatedModel.ts';
import { SteadyStateSolver, analyzeSteadyState } from '../numeric/steady.ts';
import { TARGETS } from '../emit/targets.ts';

/** The model file of an N-site chain. */
export function chainModel(N: number): object {
  const sites = Array.from({ length: N }, (_, i) => ({ name: String(i + 1), levels: ['e', 'g'] }));
  const hop = Array.from({ length: N - 1 }, (_, i) => `sp(${i + 1})*sm(${i + 2}) + sm(${i + 1})*sp(${i + 2})`).join(' + ');
  return {
    name: `xy-chain-${N}`,
    title: `uniform XY chain of ${N} sites, sigma_x couplings at both ends`,
    source: 'bornmarkov bench (src/cli/benchScaling.ts)',
    unit: '1',
    parameters: {
      Omega: { default: 10, kind: 'energy' },
      J: { default: 1, kind: 'energy' },
      eta: { default: 0.01, kind: 'rate' },
      wc: { default: 20, kind: 'energy' },
      Ta: { default: 1, kind: 'temperature' },
      Tb: { default: 3, kind: 'temperature' },
    },
    system: { sites, hamiltonian: `Omega/2*(${sites.map((s) => `sz(${s.name})`).join(' + ')}) + J*(${hop})` },
    couplings: { xa: { operator: 'sp(1) + sm(1)' }, xb: { operator: `sp(${N}) + sm(${N})` } },
    baths: {
      a: { temperature: 'Ta', spectrum: { xa: 'eta*w*exp(-w/wc)' } },
      b: { temperature: 'Tb', spectrum: { xb: 'eta*w*exp(-w/wc)' } },
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Least-squares slope of log y against log x. */
function exponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * (ly[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

function qutipPython(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import qutip'], { stdio: 'ignore' }).status === 0);
}

export async function benchScaling(maxSites = 5): Promise<string[]> {
  const lines = [
    `cost growth: XY chains, σx couplings at the ends, Ohmic baths, non-secular (derivation: load + exact eigenstructure + tables; steady state: per point, median over a Tb sweep)`,
  ];
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-scaling-'));
  const python = qutipPython();
  const script = fileURLToPath(new URL('../../test/reference/qutipRedfield.py', import.meta.url));
  const rows: { levels: number; deriveMs: number; pointUs: number; qutipUs?: number }[] = [];
  try {
    for (let N = 2; N <= maxSites; N++) {
      const file = join(dir, `xy-chain-${N}.json`);
      writeFileSync(file, JSON.stringify(chainModel(N)));
      const t0 = performance.now();
      const model = loadModelFile(file);
      const table = deriveTable(model, 'nonsecular');
      const deriveMs = performance.now() - t0;
      // its JavaScript module: plain node imports it (a .ts outside the project is not type-stripped)
      const path = join(dir, `xy-chain-${N}.nonsecular.mjs`);
      writeFileSync(path, TARGETS.find((t) => t.name === 'js')!.emit(table, {}));
      const g = (await import(pathToFileURL(path).href)).default as GeneratedModel;
      const base: Params = Object.fromEntries(g.parameters.map((p) => [p.name, p.default]));
      const Tbs = Array.from({ length: N <= 3 ? 200 : N === 4 ? 40 : 8 }, (_, i) => 1.5 + (i * 3) / 200);
      const solver = new SteadyStateSolver(g);
      const p: Params = { ...base };
      const pass = () => {
        const t1 = performance.now();
        for (const Tb of Tbs) {
          p.Tb = Tb;
          if (!solver.solve(p)) analyzeSteadyState(g, p);
        }
        return (1e3 * (performance.now() - t1)) / Tbs.length;
      };
      pass(); // warm-up: the JIT settles
      const times = [pass(), pass(), pass()];
      const row: (typeof rows)[number] = { levels: model.states.length, deriveMs, pointUs: median(times) };
      if (python) {
        const points = Tbs.slice(0, Math.min(Tbs.length, 8)).map((Tb) => ({
          H: hamiltonianOf(N),
          a_ops: [
            { A: sigmaX(N, 0), kind: 'ohmic-exp', eta: 0.01, wc: 20, T: 1 },
            { A: sigmaX(N, N - 1), kind: 'ohmic-exp', eta: 0.01, wc: 20, T: Tb },
          ],
        }));
        const t2 = performance.now();
        const r = spawnSync(python, [script], { input: JSON.stringify({ points, timing: true }), encoding: 'utf8', maxBuffer: 1 << 28 });
        if (r.status === 0) {
          const seconds = JSON.parse(r.stdout).seconds as number | undefined;
          row.qutipUs = (1e6 * (seconds ?? (performance.now() - t2) / 1e3)) / points.length;
        }
      }
      rows.push(row);
      lines.push(
        `  ${N} sites, ${String(row.levels).padStart(2)} levels: derivation ${deriveMs.toFixed(0).padStart(6)} ms, steady state ${row.pointUs.toFixed(1).padStart(9)} µs/point` +
          (row.qutipUs !== undefined
            ? `, QuTiP ${row.qutipUs.toFixed(0).padStart(9)} µs/point (${(row.qutipUs / row.pointUs).toFixed(0)}×)`
            : ''),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lv = rows.map((r) => r.levels);
  lines.push(
    `  fitted exponents against the number of levels n: derivation n^${exponent(
      lv,
      rows.map((r) => r.deriveMs),
    ).toFixed(1)}, steady state n^${exponent(
      lv,
      rows.map((r) => r.pointUs),
    ).toFixed(1)}` +
      (rows.every((r) => r.qutipUs !== undefined)
        ? `, QuTiP n^${exponent(
            lv,
            rows.map((r) => r.qutipUs!),
          ).toFixed(1)}`
        : python
          ? ''
          : ' (QuTiP: not installed, no comparison)'),
  );
  return lines;
}

// Bare-basis matrices for QuTiP, built here directly (first site slowest, |e⟩ = 0, |g⟩ = 1).
function siteOp(N: number, k: number, local: number[][]): number[][] {
  let M = [[1]];
  for (let s = 0; s < N; s++) {
    const B =
      s === k
        ? local
        : [
            [1, 0],
            [0, 1],
          ];
    M = M.flatMap((row) => B.map((brow) => row.flatMap((x) => brow.map((y) => x * y))));
  }
  return M;
}
const mat = (re: number[][]) => ({ re, im: re.map((r) => r.map(() => 0)) });
const madd = (a: number[][], b: number[][], s = 1) => a.map((r, i) => r.map((x, j) => x + s * b[i]![j]!));
const mmul = (a: number[][], b: number[][]) => a.map((r) => b[0]!.map((_, j) => r.reduce((acc, x, k) => acc + x * b[k]![j]!, 0)));
function sigmaX(N: number, k: number) {
  return mat(
    siteOp(N, k, [
      [0, 1],
      [1, 0],
    ]),
  );
}
function hamiltonianOf(N: number) {
  const Omega = 10;
  const J = 1;
  let H = siteOp(N, 0, [
    [0, 0],
    [0, 0],
  ]);
  for (let k = 0; k < N; k++)
    H = madd(
      H,
      siteOp(N, k, [
        [Omega / 2, 0],
        [0, -Omega / 2],
      ]),
    );
  const sp = (k: number) =>
    siteOp(N, k, [
      [0, 1],
      [0, 0],
    ]);
  const sm = (k: number) =>
    siteOp(N, k, [
      [0, 0],
      [1, 0],
    ]);
  for (let k = 0; k + 1 < N; k++) H = madd(madd(H, mmul(sp(k), sm(k + 1)), J), mmul(sm(k), sp(k + 1)), J);
  return mat(H);
}
