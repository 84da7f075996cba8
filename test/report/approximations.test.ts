// The report section "Which master equation?" (src/report/approximations.ts, approximationsHtml.ts): its computed
// verdicts on Case A (the local equation's second-law failure, the local/global crossover, Redfield's positivity
// loss) and on Kato–Tanimura against HEOM (which approximation is closest), its figures as well-formed SVG with a
// log axis and a legend naming the approximations, and the HTML / results.json it produces. One Study over the
// committed generated modules: a few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvider } from '../../src/report/models.ts';
import { Study } from '../../src/report/study.ts';
import { type ApproximationsSection, XI_RATIOS, approximationsSection, ranges } from '../../src/report/approximations.ts';
import { approximationsHtml, approximationsJson } from '../../src/report/approximationsHtml.ts';
import { APPROX_FIGURES } from '../../src/report/figures.ts';
import { repoPath } from '../support/generatedAdapter.ts';
import { xmlProblems } from './xml.ts';

let provider: ModelProvider;
let study: Study;
let section: ApproximationsSection;

beforeAll(async () => {
  provider = new ModelProvider(repoPath('.'));
  study = new Study(provider, { nx: 4, ny: 4, line: 5 }, () => {});
  section = await approximationsSection(study);
}, 60_000);
afterAll(() => provider?.dispose());

describe('ranges()', () => {
  it('groups contiguous true runs into [from, to]', () => {
    expect(ranges([1, 2, 3, 4, 5], [true, true, false, true, false])).toEqual([{ from: 1, to: 2 }, { from: 4, to: 4 }]);
    expect(ranges([1, 2], [false, false])).toEqual([]);
  });
});

describe('Case A over ξ/γ', () => {
  it('covers four decades of ξ/γ for the five approximations', () => {
    const a = section.caseA;
    expect(a.xiOverGamma[0]).toBeCloseTo(0.01, 12);
    expect(a.xiOverGamma.at(-1)).toBeCloseTo(100, 10);
    expect(a.xiOverGamma).toHaveLength(XI_RATIOS.length);
    expect(a.curves.map((c) => c.approx)).toEqual(['secular', 'nonsecular', 'partial-secular', 'ule', 'local']);
    for (const c of a.curves) for (const v of [...c.rho32, ...c.Ja, ...c.minEigenvalue, ...c.sigma]) expect(Number.isFinite(v)).toBe(true);
    // the secular equation keeps no coherence; Redfield does
    const sec = a.curves.find((c) => c.approx === 'secular')!;
    const red = a.curves.find((c) => c.approx === 'nonsecular')!;
    expect(Math.max(...sec.rho32)).toBeLessThan(1e-12);
    expect(Math.max(...red.rho32)).toBeGreaterThan(1e-2);
  });

  it('local and global differ at small ξ (secular wrong there) and again at large ξ; the crossover lies at ξ/γ ∈ [10, 50]', () => {
    const v = section.caseA.verdicts;
    expect(v.localGlobalDiffer.length).toBe(2);
    expect(v.localGlobalDiffer[0]!.from).toBeCloseTo(0.01, 12);
    expect(v.localGlobalDiffer[0]!.to).toBeGreaterThan(2);
    expect(v.localGlobalDiffer[0]!.to).toBeLessThan(10);
    expect(v.localGlobalDiffer[1]!.from).toBeGreaterThan(50);
    expect(v.crossover).not.toBeNull();
    expect(v.crossover!).toBeGreaterThan(10);
    expect(v.crossover!).toBeLessThan(50);
    // at small ξ local ≈ Redfield within 2 %, secular off by more than a factor 10
    const [sec, red, loc] = ['secular', 'nonsecular', 'local'].map((t) => section.caseA.curves.find((c) => c.approx === t)!.Ja[0]!);
    expect(Math.abs(loc - red) / red).toBeLessThan(0.02);
    expect(sec / red).toBeGreaterThan(10);
    // on this line nobody violates the second law and Redfield stays positive
    expect(v.redfieldNegative).toEqual([]);
    for (const r of Object.values(v.sigmaNegative)) expect(r).toEqual([]);
  });

  it('finds the local equation driving heat from cold to hot with σ < 0, where the other four give σ > 0', () => {
    const f = section.caseA.localFailure;
    expect(f.point).toMatchObject({ Omega: 1.5, Delta: 1, xi: 0.1, gamma: 0.01, Ta: 1.5, Tb: 1 });
    expect(f.localColdToHot).toBe(true);
    expect(f.localSigmaNegative).toBe(true);
    expect(f.othersSigmaPositive).toBe(true);
    const loc = f.rows.find((r) => r.approx === 'local')!;
    expect(loc.currents.a!).toBeLessThan(0); // bath a is the hot one
    expect(loc.sigma).toBeLessThan(-1e-5);
    const red = f.rows.find((r) => r.approx === 'nonsecular')!;
    expect(red.currents.a!).toBeGreaterThan(0);
  });

  it('Redfield loses positivity at Ta = 0, Tb = 1e6 (minEigenvalue ≈ −1.1e−3); the GKLS forms do not', () => {
    const p = section.caseA.positivity;
    expect(p.redfieldNegative).toBe(true);
    const red = p.rows.find((r) => r.approx === 'nonsecular')!;
    expect(red.minEigenvalue).toBeGreaterThan(-1.2e-3);
    expect(red.minEigenvalue).toBeLessThan(-1.0e-3);
    for (const r of p.rows.filter((x) => x.approx !== 'nonsecular')) expect(r.minEigenvalue, r.approx).toBeGreaterThan(-1e-12);
    // there, Redfield and the ULE draw heat out of the T = 0 bath; secular, partial-secular and local do not
    expect(p.drawFromZeroTemperature).toEqual(['nonsecular', 'ule']);
    expect(p.rows.find((r) => r.approx === 'nonsecular')!.sigma).toBe(-Infinity);
  });
});

describe('Kato–Tanimura against HEOM', () => {
  it('compares nine variants on the committed J12 grid without J12 = ε', () => {
    const k = section.kt;
    expect(k.omitted).toEqual([1]);
    expect(k.J12).toHaveLength(9);
    expect(k.variants.map((v) => v.label)).toEqual([
      'secular', 'secular + Lamb shift', 'redfield', 'redfield + Lamb shift', 'partial-secular', 'partial-secular + Lamb shift', 'ule', 'local', 'local + Lamb shift',
    ]);
  });

  it('Redfield with the Lamb shift is closest in the coherence over the whole grid; at the large-J12 end it is within 1 %', () => {
    const k = section.kt;
    expect(k.closest.coherence).toEqual([{ label: 'redfield + Lamb shift', from: k.J12[0], to: k.J12.at(-1), worst: expect.any(Number) }]);
    expect(k.closest.coherence[0]!.worst).toBeLessThan(0.06);
    expect(k.largeJ12.coherence.label).toBe('redfield + Lamb shift');
    expect(k.largeJ12.coherence.error).toBeLessThan(0.01);
    // the local equation fails once J12 ≫ λ (delocalised eigenstates): its coherence is off by ~100 % at the end
    const loc = k.variants.find((v) => v.label === 'local')!;
    expect(loc.errC.at(-1)!).toBeGreaterThan(0.5);
    // the secular equation has no site coherence at small J12 (levels 2 J12 apart, not resolved by secular terms)
    expect(k.variants.find((v) => v.label === 'secular')!.errC[0]!).toBeGreaterThan(0.9);
  });

  it('the best J_h is within 3 % of HEOM at every J12, and the closest ranges cover the grid', () => {
    const k = section.kt;
    const covered = k.closest.J_h.flatMap((r) => k.J12.filter((x) => x >= r.from && x <= r.to));
    expect(covered).toEqual(k.J12);
    for (const r of k.closest.J_h) expect(r.worst).toBeLessThan(0.03);
  });
});

describe('figures, HTML and results.json', () => {
  it('each figure is well-formed SVG with a log x axis and a legend naming the approximations', async () => {
    expect(APPROX_FIGURES.map((f) => f.id)).toEqual(['ax-case-a-rho32', 'ax-case-a-current', 'ax-case-a-min-eigenvalue', 'ax-case-a-entropy', 'kt-heom-current', 'kt-heom-coherence']);
    for (const spec of APPROX_FIGURES) {
      const { svg, caption } = await spec.build(study);
      expect(xmlProblems(svg).problems, spec.id).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
      for (const name of ['secular', 'redfield', 'partial-secular', 'ule', 'local']) expect(svg, `${spec.id}: ${name}`).toContain(`>${name}</text>`);
      expect(svg).toContain('font-size="72%">-2</tspan>'); // the 10^-2 decade tick
      expect(caption.length).toBeGreaterThan(100);
    }
  });

  it('the HTML section and results.json carry the computed verdicts', () => {
    const html = approximationsHtml(section, undefined);
    expect(html).toContain('id="approximations"');
    expect(html).toContain('Which master equation?');
    expect(html).toContain('redfield + Lamb shift for J12 ∈ [0.01, 0.599]');
    expect(html).toContain('Smallest worst-case error over the whole grid');
    expect(html).toContain('−∞ (heat drawn from a T = 0 bath)');
    expect((html.match(/<tr>/g) ?? []).length).toBeGreaterThan(15);
    const json = approximationsJson(section, undefined) as { caseA: { verdicts: { crossover: number } }; katoTanimura: { largestJ12: { coherence: { label: string } } } };
    expect(json.caseA.verdicts.crossover).toBe(section.caseA.verdicts.crossover);
    expect(json.katoTanimura.largestJ12.coherence.label).toBe('redfield + Lamb shift');
    expect(approximationsHtml(undefined, 'boom')).toContain('boom');
  });
});
