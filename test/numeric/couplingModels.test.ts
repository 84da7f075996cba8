// Physics the Hermitian-coupling models must obey, checked on their generated modules and the numeric solver:
//  - v-type-phase: the cross-spectrum phase φ is a gauge (|e2⟩ → e^{iφ}|e2⟩), so ρ12(φ) = e^{−iφ} ρ12(0) and the
//    populations do not change;
//  - equal temperatures: the secular steady state is the Gibbs state (spin-boson, Kato–Tanimura);
//  - Kato–Tanimura with Th > Tc: heat enters from the hot bath and leaves into the cold one, J_h = −J_c > 0;
//  - the Lamb shift in the secular equation only shifts frequencies: the populations are unchanged, while the
//    non-secular steady state does change;
//  - every generator preserves the trace (Σ_a L[aa, ·] = 0).
import { describe, expect, it } from 'vitest';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import { steadyState } from '../../src/numeric/steady.ts';
import { heatCurrents } from '../../src/numeric/observables.ts';
import { importGeneratedVariant, realGenerated, repoPath } from '../support/generatedAdapter.ts';

const SB = repoPath('derivations/examples/spin-boson.json');
const KT = repoPath('derivations/examples/kato-tanimura.json');
const VP = repoPath('derivations/examples/v-type-phase.json');

const defaults = (m: GeneratedModel): Params => Object.fromEntries(m.parameters.map((p) => [p.name, p.default]));

function gibbs(m: GeneratedModel, p: Params, T: number): number[] {
  const E = Array.from(m.energies(p));
  const w = E.map((e) => Math.exp(-(e - Math.min(...E)) / T));
  const Z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / Z);
}

describe('Hermitian-coupling models', () => {
  it('v-type-phase: ρ12(φ) = e^{−iφ} ρ12(0), populations unchanged', async () => {
    const m = (await realGenerated(VP, 'nonsecular'))!;
    const p0 = { ...defaults(m), phi: 0 };
    const r0 = steadyState(m, p0).rho;
    for (const phi of [0.7, -2.1, Math.PI / 2]) {
      const r = steadyState(m, { ...p0, phi }).rho;
      const n = r.n;
      // ρ12 is entry (1, 2) of the basis g, e1, e2
      const [a, b] = [r0.re[1 * n + 2]!, r0.im[1 * n + 2]!];
      const [c, s] = [Math.cos(phi), -Math.sin(phi)];
      expect(Math.hypot(r.re[1 * n + 2]! - (a * c - b * s), r.im[1 * n + 2]! - (a * s + b * c))).toBeLessThan(1e-13);
      for (let k = 0; k < n; k++) expect(Math.abs(r.re[k * n + k]! - r0.re[k * n + k]!)).toBeLessThan(1e-13);
      expect(Math.hypot(a, b)).toBeGreaterThan(1e-3);
    }
  });

  it.each([
    [SB, { T: 0.8 }, 'T'],
    [KT, { Th: 1.3, Tc: 1.3 }, 'Th'],
  ] as const)('%s at equal temperatures: the secular steady state is the Gibbs state', async (file, temps, Tname) => {
    for (const lambShift of [false, true]) {
      const m = await importGeneratedVariant(file, 'secular', lambShift);
      const p = { ...defaults(m), ...temps };
      const rho = steadyState(m, p).rho;
      const g = gibbs(m, p, (temps as Record<string, number>)[Tname]!);
      g.forEach((x, k) => expect(Math.abs(rho.re[k * rho.n + k]! - x)).toBeLessThan(1e-12));
    }
  });

  it('Kato–Tanimura, Th > Tc: J_h = −J_c > 0 (heat flows from hot to cold)', async () => {
    const m = (await realGenerated(KT, 'nonsecular'))!;
    for (const [Th, Tc] of [
      [2, 1],
      [5, 0.2],
      [1.1, 1],
    ]) {
      const p = { ...defaults(m), Th: Th!, Tc: Tc! };
      const J = heatCurrents(m, p, steadyState(m, p).rho);
      expect(J.h!).toBeGreaterThan(0);
      expect(Math.abs(J.h! + J.c!)).toBeLessThan(1e-14 + 1e-9 * Math.abs(J.h!));
    }
  });

  it('the Lamb shift leaves secular populations unchanged and changes the non-secular state', async () => {
    for (const file of [SB, KT]) {
      const sec = [await importGeneratedVariant(file, 'secular', false), await importGeneratedVariant(file, 'secular', true)];
      const p = { ...defaults(sec[0]!), ...(file === KT ? { Th: 2.5, Tc: 0.5 } : { T: 0.4 }) };
      const [a, b] = sec.map((m) => steadyState(m, p).rho);
      for (let k = 0; k < a!.n; k++) expect(Math.abs(a!.re[k * a!.n + k]! - b!.re[k * b!.n + k]!)).toBeLessThan(1e-13);
      const non = [await importGeneratedVariant(file, 'nonsecular', false), await importGeneratedVariant(file, 'nonsecular', true)];
      const [c, d] = non.map((m) => steadyState(m, p).rho);
      let diff = 0;
      for (let k = 0; k < c!.n * c!.n; k++) diff = Math.max(diff, Math.hypot(c!.re[k]! - d!.re[k]!, c!.im[k]! - d!.im[k]!));
      expect(diff).toBeGreaterThan(1e-6);
    }
  });

  it('every generator preserves the trace', async () => {
    for (const file of [SB, KT, VP]) {
      for (const lambShift of file === VP ? [false] : [false, true]) {
        const m = await importGeneratedVariant(file, 'nonsecular', lambShift);
        const n = m.dimension;
        const N = n * n;
        const L = new Float64Array(2 * N * N);
        m.liouvillian(defaults(m), L);
        for (let col = 0; col < N; col++) {
          let re = 0;
          let im = 0;
          for (let a = 0; a < n; a++) {
            re += L[(a * n + a) * N + col]!;
            im += L[N * N + (a * n + a) * N + col]!;
          }
          expect(Math.hypot(re, im)).toBeLessThan(1e-13);
        }
      }
    }
  });
});
