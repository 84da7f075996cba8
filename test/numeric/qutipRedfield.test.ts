// Steady states of Hermitian-coupling models (spin-boson, Kato–Tanimura) from the generated modules and the
// numeric solver, against QuTiP's bloch_redfield_tensor(..., use_secular=False) + steadystate (Debian
// python3-qutip; the script is test/reference/qutipRedfield.py). Compared in the bare basis, to 1e-10.
// Skipped, with the reason printed, where no python3 imports qutip.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { steadyState } from '../../src/numeric/steady.ts';
import type { Params } from '../../src/numeric/generatedModel.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { realGenerated, repoPath } from '../support/generatedAdapter.ts';
import { toNested } from '../../src/numeric/complexMatrix.ts';

const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import qutip'], { stdio: 'ignore' }).status === 0);
if (!python)
  console.log('qutipRedfield.test.ts skipped: neither python3 nor /usr/bin/python3 imports qutip (Debian: apt-get install python3-qutip)');

interface Case {
  file: string;
  points: Params[];
  /** the a_ops entries QuTiP needs at a point: coupling name, spectrum kind and its parameters */
  aOps: (p: Params) => { coupling: string; kind: string; T: number; [k: string]: unknown }[];
}

const CASES: Case[] = [
  {
    file: 'derivations/examples/spin-boson.json',
    points: [
      { eps: 1, Delta: 0.5, eta: 0.05, wc: 10, T: 1 },
      { eps: 0.3, Delta: 1.2, eta: 0.02, wc: 5, T: 0.2 },
      { eps: 2, Delta: 0.1, eta: 0.1, wc: 3, T: 4 },
      { eps: -0.7, Delta: 0.8, eta: 0.03, wc: 20, T: 0.5 },
      { eps: 1.5, Delta: 1.5, eta: 0.01, wc: 1, T: 0 },
    ],
    aOps: (p) => [{ coupling: 'z', kind: 'ohmic-exp', eta: p.eta, wc: p.wc, T: p.T! }],
  },
  {
    file: 'derivations/examples/kato-tanimura.json',
    points: [
      { eps: 1, J12: 0.1, lam: 0.01, gam: 1, Th: 2, Tc: 1 },
      { eps: 1, J12: 0.5, lam: 0.02, gam: 2, Th: 1.5, Tc: 0.5 },
      { eps: 1, J12: 0.01, lam: 0.005, gam: 0.5, Th: 3, Tc: 0.1 },
      { eps: 2, J12: 0.3, lam: 0.01, gam: 1, Th: 1, Tc: 1 },
      { eps: 1, J12: 0.2, lam: 0.01, gam: 5, Th: 0.8, Tc: 0 },
    ],
    aOps: (p) => [
      { coupling: 'x1', kind: 'drude', lam: p.lam, gam: p.gam, T: p.Th! },
      { coupling: 'x2', kind: 'drude', lam: p.lam, gam: p.gam, T: p.Tc! },
    ],
  },
];

describe.skipIf(!python).each(CASES)('$file against QuTiP Bloch–Redfield', (c) => {
  it('the non-secular steady state equals QuTiP’s at 5 points to 1e-10 (bare basis)', async () => {
    const json = JSON.parse(readFileSync(repoPath(c.file), 'utf8'));
    const module = await realGenerated(repoPath(c.file), 'nonsecular');
    expect(module).not.toBeNull();
    const points = c.points.map((p) => {
      const ref = bruteForceGenerator(json, p, 'nonsecular');
      return { H: toNested(ref.H), a_ops: c.aOps(p).map((op) => ({ ...op, A: toNested(ref.couplings[op.coupling]!) })) };
    });
    const r = spawnSync(python!, [repoPath('test/reference/qutipRedfield.py')], {
      input: JSON.stringify({ points }),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.status, r.stderr).toBe(0);
    const theirs = JSON.parse(r.stdout).rho as { re: number[][]; im: number[][] }[];
    let overall = 0;
    c.points.forEach((p, k) => {
      const { rho } = steadyState(module!, p);
      const n = rho.n;
      const V = module!.eigenvectors(p);
      // ρ_bare = V ρ V†
      let worst = 0;
      let coherence = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let re = 0;
          let im = 0;
          for (let a = 0; a < n; a++) {
            for (let b = 0; b < n; b++) {
              const vr = V.re[i * n + a]! * rho.re[a * n + b]! - V.im[i * n + a]! * rho.im[a * n + b]!;
              const vi = V.re[i * n + a]! * rho.im[a * n + b]! + V.im[i * n + a]! * rho.re[a * n + b]!;
              // times conj(V[j][b])
              re += vr * V.re[j * n + b]! + vi * V.im[j * n + b]!;
              im += vi * V.re[j * n + b]! - vr * V.im[j * n + b]!;
            }
          }
          worst = Math.max(worst, Math.hypot(re - theirs[k]!.re[i]![j]!, im - theirs[k]!.im[i]![j]!));
          if (i !== j) coherence = Math.max(coherence, Math.hypot(re, im));
        }
      }
      expect(worst, `point ${k}`).toBeLessThan(1e-10);
      overall = Math.max(overall, worst);
      // a comparison that means something: the states are not trivially diagonal in the bare basis
      expect(coherence).toBeGreaterThan(1e-4);
    });
    console.log(
      `${c.file}: max |rho_bornmarkov - rho_QuTiP| = ${overall.toExponential(2)} over ${c.points.length} points (QuTiP ${JSON.parse(r.stdout).version})`,
    );
  }, 60_000);
});
