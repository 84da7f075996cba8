// The Lamb-shift modules of the Python target: their principal values come from scipy's QUADPACK (Cauchy weight
// around the pole), those of the TypeScript modules from bornmarkov's own Gauss–Kronrod runtime; the two full
// Liouvillians (principal values included) agree at random points to 1e-10, and differ from the modules without
// the Lamb shift. Skipped with the reason printed when python3 lacks numpy or scipy.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitModel } from '../../src/cli/derive.ts';
import { TARGETS } from '../../src/emit/targets.ts';
import { findPython, runPython } from '../support/python.ts';
import { importGeneratedVariant, repoPath } from '../support/generatedAdapter.ts';

const python = findPython(['numpy', 'scipy']);
if (!python.ok) console.log(`SKIPPED python Lamb-shift tests: ${python.reason}`);
const PY = TARGETS.find((t) => t.name === 'python')!;

const DRIVER = String.raw`
import importlib, json, sys
sys.path.insert(0, ".")
job = json.load(sys.stdin)
m = importlib.import_module(job["module"])
out = []
for p in job["points"]:
    L = m.liouvillian(p)
    out.append({"re": L.real.reshape(-1).tolist(), "im": L.imag.reshape(-1).tolist()})
json.dump(out, sys.stdout)
`;

describe.skipIf(!python.ok).each([
  ['derivations/examples/spin-boson.json', [{ T: 0.6 }, { T: 0, eps: 0.7 }, { T: 3, Delta: 1.1 }]],
  [
    'derivations/examples/kato-tanimura.json',
    [
      { Th: 2, Tc: 1 },
      { Th: 0.5, Tc: 0, J12: 0.3 },
    ],
  ],
] as const)('%s with the Lamb shift: Python (scipy) and TypeScript agree', (file, points) => {
  it('full Liouvillians to 1e-10 relative (max-norm), and the principal values matter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-pyls-'));
    const files = emitModel(repoPath(file), ['nonsecular'], dir, [PY], { lambShift: true });
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const moduleName = [...files.keys()][0]!.replace(/\.py$/, '');
    expect(moduleName).toMatch(/_nonsecular_lamb_shift$/);
    const ts = await importGeneratedVariant(repoPath(file), 'nonsecular', true);
    const plain = await importGeneratedVariant(repoPath(file), 'nonsecular', false);
    const base = Object.fromEntries(ts.parameters.map((q) => [q.name, q.default]));
    const ps = points.map((p) => ({ ...base, ...p }));
    const py = runPython((python as { bin: string }).bin, DRIVER, { module: moduleName, points: ps }, dir) as {
      re: number[];
      im: number[];
    }[];
    const N = ts.dimension ** 2;
    ps.forEach((p, k) => {
      const L = new Float64Array(2 * N * N);
      ts.liouvillian(p, L);
      const L0 = new Float64Array(2 * N * N);
      plain.liouvillian(p, L0);
      let scale = 0;
      let diff = 0;
      let shift = 0;
      for (let i = 0; i < N * N; i++) {
        scale = Math.max(scale, Math.hypot(L[i]!, L[N * N + i]!));
        diff = Math.max(diff, Math.hypot(L[i]! - py[k]!.re[i]!, L[N * N + i]! - py[k]!.im[i]!));
        shift = Math.max(shift, Math.hypot(L[i]! - L0[i]!, L[N * N + i]! - L0[N * N + i]!));
      }
      expect(diff / scale, `point ${k}`).toBeLessThan(1e-10);
      expect(shift / scale).toBeGreaterThan(1e-4);
    });
  }, 120_000);
});
