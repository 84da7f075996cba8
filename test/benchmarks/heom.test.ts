// The HEOM reference of the Kato–Tanimura model (benchmarks/heom/kato_tanimura_heom.py, data in
// benchmarks/heom/kato-tanimura.json; issue 10 item 3). Three things: the committed data is what its command says
// (a converged, log-spaced J12 grid at the model's defaults); bornmarkov's non-secular Redfield steady state agrees
// with it at weak coupling, the Lamb-shift variant to O(lam) (shown on the lam series, not at one point); and, where
// /usr/bin/python3 imports qutip, two points of the script re-run give the committed numbers.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { steadyState } from '../../src/numeric/steady.ts';
import { heatCurrents } from '../../src/numeric/observables.ts';
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import { repoPath } from '../support/generatedAdapter.ts';
import { importModule } from '../support/generatedModules.ts';
import { findPython } from '../support/python.ts';

interface Change { J_h: number; coherence: number; depth: number; Nk: number }
interface HeomPoint {
  J12: number; lam?: number; J_h: number; J_c: number; coherence: { re: number; im: number };
  depth: number; Nk: number; balance: number; trace: number; residual: number;
  spectrumDeviation: number; oddSpectrumDeviation: number;
  convergence: { raiseDepth: Change; raiseNk: Change };
}
interface HeomData {
  command: string; software: { qutip: string }; model: string; tolerance: number;
  parameters: Record<string, number>; points: HeomPoint[]; lamScaling: { J12: number; points: HeomPoint[] };
}

const SCRIPT = 'benchmarks/heom/kato_tanimura_heom.py';
const DATA = JSON.parse(readFileSync(repoPath('benchmarks/heom/kato-tanimura.json'), 'utf8')) as HeomData;
const MODEL = JSON.parse(readFileSync(repoPath(DATA.model), 'utf8')) as { parameters: Record<string, { default: number }> };
const python = findPython(['qutip', 'qutip.nonmarkov.heom']);
if (!python.ok) console.log(`heom.test.ts: re-running the HEOM script skipped: ${python.reason}`);

async function generated(variant: string): Promise<GeneratedModel> {
  return importModule(repoPath(`derivations/generated/kato-tanimura.${variant}.ts`));
}

/** bornmarkov's steady state at p: J_h and ⟨σ1⁺σ2⁻⟩ = ⟨ge|ρ|eg⟩ in the bare basis (ρ_bare = V ρ V†). */
function bornmarkov(g: GeneratedModel, p: Params): { J_h: number; J_c: number; re: number; im: number } {
  const { rho } = steadyState(g, p);
  const J = heatCurrents(g, p, rho);
  const n = rho.n;
  const V = g.eigenvectors(p);
  const [row, col] = [2, 1]; // |ge⟩, |eg⟩ in the model's bare order ee, eg, ge, gg
  let re = 0;
  let im = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const vr = V.re[row * n + a]! * rho.re[a * n + b]! - V.im[row * n + a]! * rho.im[a * n + b]!;
      const vi = V.re[row * n + a]! * rho.im[a * n + b]! + V.im[row * n + a]! * rho.re[a * n + b]!;
      re += vr * V.re[col * n + b]! + vi * V.im[col * n + b]!;
      im += vi * V.re[col * n + b]! - vr * V.im[col * n + b]!;
    }
  }
  return { J_h: J.h!, J_c: J.c!, re, im };
}

function errors(g: GeneratedModel, pt: HeomPoint): { J_h: number; coherence: number } {
  const p: Params = { ...DATA.parameters, J12: pt.J12, ...(pt.lam === undefined ? {} : { lam: pt.lam }) };
  const b = bornmarkov(g, p);
  return {
    J_h: Math.abs(b.J_h - pt.J_h) / Math.abs(pt.J_h),
    coherence: Math.hypot(b.re - pt.coherence.re, b.im - pt.coherence.im) / Math.hypot(pt.coherence.re, pt.coherence.im),
  };
}

/** Least-squares slope of log y against log x. */
function logSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((v, i) => {
    num += (v - mx) * (ly[i]! - my);
    den += (v - mx) ** 2;
  });
  return num / den;
}

// J12 = eps makes the Bohr frequency eps − J12 of |−⟩ → |gg⟩ vanish at a point where the tables treat it as
// nonzero; the generated modules then meet N(0)·J(0) and refuse the point (non-finite generator). HEOM has no such
// point; the comparison leaves it out and says so.
const degenerate = (pt: HeomPoint) => pt.J12 === DATA.parameters.eps;

describe('HEOM reference data (benchmarks/heom/kato-tanimura.json)', () => {
  it('is a converged, log-spaced J12 grid over [0.01, 1] at the model’s defaults', () => {
    const defaults = Object.fromEntries(Object.entries(MODEL.parameters).filter(([k]) => k !== 'J12').map(([k, v]) => [k, Number(v.default)]));
    expect(DATA.parameters).toEqual(defaults);
    expect(DATA.command).toContain(SCRIPT);
    const J12 = DATA.points.map((p) => p.J12);
    expect(J12.length).toBeGreaterThanOrEqual(8);
    expect(J12[0]).toBeCloseTo(0.01, 12);
    expect(J12.at(-1)).toBeCloseTo(1, 12);
    const ratios = J12.slice(1).map((v, i) => v / J12[i]!);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 9);
    expect(DATA.tolerance).toBeLessThanOrEqual(1e-4);
    for (const pt of [...DATA.points, ...DATA.lamScaling.points]) {
      for (const c of [pt.convergence.raiseDepth, pt.convergence.raiseNk]) {
        expect(Math.max(c.J_h, c.coherence), `J12 = ${pt.J12}`).toBeLessThan(DATA.tolerance);
      }
      expect(pt.convergence.raiseDepth.depth).toBe(pt.depth + 1);
      expect(pt.convergence.raiseNk.Nk).toBe(pt.Nk + 1);
      expect(pt.balance).toBeLessThan(1e-10); // J_h + J_c = 0 in a steady state
      expect(pt.J_h).toBeGreaterThan(0); // heat flows from the hot bath into the system
      expect(Math.abs(pt.trace - 1)).toBeLessThan(1e-12);
      expect(pt.residual).toBeLessThan(1e-10);
      // the bath mapping: the Padé expansion's S(ω) is 2J(ω)(N(ω)+1) at the Bohr frequencies, S(ω) − S(−ω) = 2J(ω)
      expect(pt.spectrumDeviation).toBeLessThan(1e-5);
      expect(pt.oddSpectrumDeviation).toBeLessThan(1e-12);
    }
  });

  it('bornmarkov’s non-secular Redfield steady state agrees at lam = 0.01; with the Lamb shift, coherences too', async () => {
    const plain = await generated('nonsecular');
    const lamb = await generated('nonsecular.lamb-shift');
    const rows: string[] = [];
    let worst = { J_h: 0, coherence: 0, lambJ_h: 0, lambCoherence: 0 };
    for (const pt of DATA.points) {
      if (degenerate(pt)) {
        console.log(`heom.test.ts: J12 = ${pt.J12} = eps left out of the Redfield comparison (Bohr frequency eps − J12 = 0)`);
        continue;
      }
      const e = errors(plain, pt);
      const l = errors(lamb, pt);
      rows.push(`${pt.J12.toPrecision(4).padStart(7)}  ${e.J_h.toExponential(2)}  ${e.coherence.toExponential(2)}   ${l.J_h.toExponential(2)}  ${l.coherence.toExponential(2)}`);
      worst = { J_h: Math.max(worst.J_h, e.J_h), coherence: Math.max(worst.coherence, e.coherence), lambJ_h: Math.max(worst.lambJ_h, l.J_h), lambCoherence: Math.max(worst.lambCoherence, l.coherence) };
      // Redfield without the Lamb shift: the current to a few lam everywhere; the coherence once J12 ≫ lam
      expect(e.J_h, `J12 = ${pt.J12}`).toBeLessThan(6 * DATA.parameters.lam!);
      if (pt.J12 >= 0.3) expect(e.coherence, `J12 = ${pt.J12}`).toBeLessThan(4 * DATA.parameters.lam!);
      // with the Lamb shift, both to a few lam at every J12
      expect(l.J_h, `J12 = ${pt.J12}`).toBeLessThan(6 * DATA.parameters.lam!);
      expect(l.coherence, `J12 = ${pt.J12}`).toBeLessThan(7 * DATA.parameters.lam!);
    }
    console.log(`Redfield vs HEOM (relative), lam = ${DATA.parameters.lam}:\n    J12   J_h       coherence   (Lamb shift:) J_h  coherence\n${rows.join('\n')}`);
    // the comparison means something: at small J12 the Lamb shift (a bath-dependent detuning ~ lam ~ J12) moves
    // the coherence by tens of per cent, and HEOM sides with the Lamb-shift equation
    expect(worst.coherence).toBeGreaterThan(0.1);
    expect(worst.lambCoherence).toBeLessThan(worst.coherence / 3);
  });

  it('the Lamb-shift Redfield equation approaches HEOM as O(lam) (lam series at J12 = 0.1)', async () => {
    const lamb = await generated('nonsecular.lamb-shift');
    const plain = await generated('nonsecular');
    const series = DATA.lamScaling.points;
    const lam = series.map((p) => p.lam!);
    expect(lam.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...lam) / Math.min(...lam)).toBeGreaterThanOrEqual(4);
    const e = series.map((pt) => errors(lamb, pt));
    const p = series.map((pt) => errors(plain, pt));
    const slopeJ = logSlope(lam, e.map((x) => x.J_h));
    const slopeC = logSlope(lam, e.map((x) => x.coherence));
    console.log(`lam series at J12 = ${DATA.lamScaling.J12}, relative difference from HEOM:\n` +
      series.map((pt, i) => `  lam ${pt.lam!.toFixed(4)}: Lamb shift J_h ${e[i]!.J_h.toExponential(2)} coherence ${e[i]!.coherence.toExponential(2)}; ` +
        `plain J_h ${p[i]!.J_h.toExponential(2)} coherence ${p[i]!.coherence.toExponential(2)}`).join('\n') +
      `\n  log-log slopes (Lamb shift): J_h ${slopeJ.toFixed(2)}, coherence ${slopeC.toFixed(2)}`);
    // first order in lam for the current (error/lam roughly constant), at least first order for the coherence
    expect(slopeJ).toBeGreaterThan(0.75);
    expect(slopeJ).toBeLessThan(1.25);
    expect(slopeC).toBeGreaterThan(0.9);
    for (let i = 0; i < series.length; i++) {
      expect(e[i]!.J_h / lam[i]!).toBeGreaterThan(1);
      expect(e[i]!.J_h / lam[i]!).toBeLessThan(8);
      expect(e[i]!.coherence / lam[i]!).toBeLessThan(8);
    }
  });
});

describe.skipIf(!python.ok)('HEOM script re-run (QuTiP)', () => {
  it('the two cheapest points of the committed data come out again (1e-6 relative, same depth and Nk)', () => {
    if (!python.ok) return;
    // the committed command's options, minus the grid and the output
    const options = DATA.command.split(' ').slice(2);
    const known = new Set(['--points', '--scaling', '--tol', '--out']);
    expect(options.filter((o) => o.startsWith('--')).every((o) => known.has(o)), DATA.command).toBe(true);
    // the two cheapest points (smallest hierarchies), so that the re-run takes seconds
    const picks = [...DATA.points].sort((a, b) => a.depth + a.Nk - (b.depth + b.Nk) || a.J12 - b.J12).slice(0, 2).sort((a, b) => a.J12 - b.J12);
    const t0 = performance.now();
    const r = spawnSync(python.bin, [repoPath(SCRIPT), '--J12', picks.map((p) => String(p.J12)).join(','), '--tol', String(DATA.tolerance)], { encoding: 'utf8', cwd: repoPath('.'), timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const fresh = JSON.parse(r.stdout) as HeomData;
    console.log(`HEOM re-run of J12 = ${picks.map((p) => p.J12).join(', ')}: ${((performance.now() - t0) / 1000).toFixed(1)} s (QuTiP ${fresh.software.qutip}; data made with ${DATA.software.qutip})`);
    expect(fresh.parameters).toEqual(DATA.parameters);
    picks.forEach((want, i) => {
      const got = fresh.points[i]!;
      expect(got.J12).toBe(want.J12);
      expect([got.depth, got.Nk]).toEqual([want.depth, want.Nk]);
      expect(Math.abs(got.J_h - want.J_h) / Math.abs(want.J_h)).toBeLessThan(1e-6);
      expect(Math.abs(got.J_c - want.J_c) / Math.abs(want.J_c)).toBeLessThan(1e-6);
      expect(Math.hypot(got.coherence.re - want.coherence.re, got.coherence.im - want.coherence.im) / Math.hypot(want.coherence.re, want.coherence.im)).toBeLessThan(1e-6);
    });
  }, 120_000);
});
