// The quantitative claims of Huangfu & Jing (seed 000), judged by computation: each quotes the paper, says what is
// computed, carries its criterion (src/report/judge.ts: tolerances stated before any number is seen) and measures
// from the datasets (./datasets.ts). The list order is the report's. Nothing here writes a verdict.
import type { Params } from '../../../numeric/generatedModel.ts';
import { fmt } from '../../format.ts';
import { argmaxLine, linspace, mapMax } from '../../study.ts';
import { type Claim, ZERO, approx, column, decreases, planck, quoted, rangeOf, row, subgrid, vanishingAtPositiveDt, worstOver } from '../../judge.ts';
import { HJ_DT, HJ_FILES, HJ_FIXED, HJ_TA, hjAt, hjFig2a, hjFig2b, hjFlux, hjMap, hjRefinedMax, rho32 } from './datasets.ts';

/** Seed 000 Eq. (8) coefficients Γ1…Γ4 of Case A at p (A1 = γ(Na + 1), A2 = γ Na, B likewise). */
function hjGammas(p: Params): [number, number, number, number] {
  const r = Math.sqrt(p.Delta! ** 2 + 4 * p.xi! ** 2);
  const cosTheta = p.Delta! / r;
  const c2 = (1 + cosTheta) / 2;
  const s2 = (1 - cosTheta) / 2;
  const e1 = p.Omega! + r / 2;
  const e2 = p.Omega! - r / 2;
  const g = p.gamma!;
  const A1 = (e: number) => g * (planck(e, p.Ta!) + 1);
  const A2 = (e: number) => g * planck(e, p.Ta!);
  const B1 = (e: number) => g * (planck(e, p.Tb!) + 1);
  const B2 = (e: number) => g * planck(e, p.Tb!);
  return [c2 * A1(e1) + s2 * B1(e1), c2 * A2(e1) + s2 * B2(e1), s2 * A1(e2) + c2 * B1(e2), s2 * A2(e2) + c2 * B2(e2)];
}

export const HJ_CLAIMS: Claim[] = [
  {
    id: 'hj-secular-no-coherence',
    paper: '000',
    ref: 'Sec. III A, Eq. (9)',
    quote: 'when one applies the master equation with the secular approximation, the coherence terms completely disappear in the steady state even under a non-equilibrium heat environment',
    computed: 'largest |ρ32| of the secular steady state of Case A over the Fig. 3 grid (Δ = 0)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await hjMap(study, 'A', 'secular');
      const top = mapMax(m);
      return { value: [top.value], detail: `max over ${m.values.length} grid points = ${fmt(top.value)}` };
    },
  },
  {
    id: 'hj-eq9-populations',
    paper: '000',
    ref: 'Eq. (9)',
    quote: 'ρ11 = Γ2Γ4/Γ, ρ22 = Γ2Γ3/Γ, ρ33 = Γ1Γ4/Γ, and ρ44 = Γ1Γ3/Γ with Γ = (Γ1 + Γ2)(Γ3 + Γ4)',
    computed: 'largest |ρ_ii − Eq. (9)| of the secular Case A steady state, with Γ1…Γ4 of Eq. (8) evaluated independently from Planck numbers, on a 5 × 5 grid of (Ta, ΔT) for Δ/γ ∈ {0, 10}',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const s = await study.sampler(HJ_FILES.A, 'secular');
      const points = [0, 10].flatMap((delta) => subgrid(HJ_TA, HJ_DT, 5).map(([ta, dt]) => hjAt(delta, ta, dt)));
      const { worst, n } = worstOver(points, (at) => {
        const p = s.params(at);
        const rho = s.state(p);
        const [g1, g2, g3, g4] = hjGammas(p);
        const G = (g1 + g2) * (g3 + g4);
        const expected = [g2 * g4, g2 * g3, g1 * g4, g1 * g3].map((x) => x / G);
        return Math.max(...expected.map((e, i) => Math.abs(rho.re[i * 5]! - e)));
      });
      return { value: [worst], detail: `${n} points; largest population difference ${fmt(worst)}` };
    },
  },
  {
    id: 'hj-fig2a-monotonic',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: 'The absolute value of the coherence term ρ32 increases monotonically with ΔT',
    computed: 'decreasing steps of |ρ32|(ΔT) on each of the five Fig. 2(a) curves (Ta = 10)',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2a(study);
      const counts = set.curves.map((c) => decreases(c.values, 1e-9 * rangeOf(c.values)));
      return { value: [counts.reduce((a, b) => a + b, 0)], total: set.curves.length * (set.xs.length - 1), detail: set.curves.map((c, k) => `Δ = ${c.key}: ${counts[k]}`).join(', ') };
    },
  },
  {
    id: 'hj-fig2a-saturation',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: '[|ρ32|] increases monotonically with ΔT and then tends toward a stable value',
    computed: 'growth of |ρ32| (Δ = 0, Ta = 10) over the last fifth of the plotted ΔT range (80 → 100), relative to its value at ΔT = 100; read as "stable" when below 5 %',
    criterion: { kind: 'below', bound: 0.05 },
    async measure(study) {
      const set = await hjFig2a(study);
      const c = set.curves.find((x) => x.key === '0')!;
      const k80 = set.xs.findIndex((x) => x >= HJ_DT[0] + 0.8 * (HJ_DT[1] - HJ_DT[0]));
      const end = c.values[c.values.length - 1]!;
      const growth = (end - c.values[k80]!) / end;
      // For the reader: the mean slope over the last fifth relative to the first fifth (how far the curve has flattened).
      const k20 = set.xs.findIndex((x) => x >= HJ_DT[0] + 0.2 * (HJ_DT[1] - HJ_DT[0]));
      const slope = (a: number, b: number) => (c.values[b]! - c.values[a]!) / (set.xs[b]! - set.xs[a]!);
      const flattening = slope(k80, c.values.length - 1) / slope(0, k20);
      return { value: [growth], detail: `|ρ32| = ${fmt(c.values[k80]!)} at ΔT = ${fmt(set.xs[k80]!)}, ${fmt(end)} at ΔT = ${fmt(set.xs[set.xs.length - 1]!)}: growth ${fmt(growth * 100)} %; mean slope over the last fifth is ${fmt(flattening * 100)} % of that over the first fifth` };
    },
  },
  {
    id: 'hj-fig2a-detuning',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: '|ρ32| is found to increase with decreasing absolute value of the atomic detuning',
    computed: 'points ΔT > 0 of Fig. 2(a) where not |ρ32|(Δ=0) > |ρ32|(Δ=±10) > |ρ32|(Δ=±20)',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2a(study);
      const y = (d: number) => set.curves.find((c) => c.key === String(d))!.values;
      let bad = 0;
      let total = 0;
      set.xs.forEach((dt, k) => {
        if (dt <= 0) return;
        for (const s of [1, -1]) {
          total++;
          if (!(y(0)[k]! > y(10 * s)[k]! && y(10 * s)[k]! > y(20 * s)[k]!)) bad++;
        }
      });
      return { value: [bad], total, detail: `at ΔT = 50: |ρ32| = ${fmt(y(0)[Math.floor(set.xs.length / 2)]!)} (Δ=0), ${fmt(y(10)[Math.floor(set.xs.length / 2)]!)} (Δ=10), ${fmt(y(20)[Math.floor(set.xs.length / 2)]!)} (Δ=20)` };
    },
  },
  {
    id: 'hj-fig2a-overlap',
    paper: '000',
    ref: 'Fig. 2(a)',
    quote: 'The curves corresponding to the same absolute value of detuning between the atoms are completely overlapped.',
    note: 'Case A has no symmetry Δ → −Δ: it exchanges the bare frequencies of the atoms, but atom 1 stays on the cold bath a and atom 2 on the hot bath b, so the two curves need not coincide.',
    computed: 'largest |ρ32(+Δ) − ρ32(−Δ)| for |Δ| ∈ {10, 20} along Fig. 2(a), as a fraction of the plot’s y range (largest |ρ32|); read as "overlapped" when below 1 % (about a line width)',
    criterion: { kind: 'below', bound: 0.01 },
    async measure(study) {
      const set = await hjFig2a(study);
      const y = (d: number) => set.curves.find((c) => c.key === String(d))!.values;
      const scale = Math.max(...set.curves.flatMap((c) => c.values));
      const points = [10, 20].flatMap((d) => set.xs.map((dt, k) => ({ d, dt, k })));
      const { worst, at } = worstOver(points, ({ d, k }) => Math.abs(y(d)[k]! - y(-d)[k]!) / scale);
      const where = at ? `|Δ| = ${at.d}, ΔT = ${fmt(at.dt)}: |ρ32| = ${fmt(y(at.d)[at.k]!)} (Δ = +${at.d}) vs ${fmt(y(-at.d)[at.k]!)} (Δ = −${at.d})` : '';
      return { value: [worst], detail: `worst at ${where}` };
    },
  },
  {
    id: 'hj-fig2b-resonant',
    paper: '000',
    ref: 'Fig. 2(b)',
    quote: 'We still obtain the greatest coherence |ρ32| in the resonant situation.',
    computed: 'Ta points of Fig. 2(b) (ΔT = 50) where |ρ32|(Δ = 0) is not larger than every detuned curve',
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await hjFig2b(study);
      const res = set.curves.find((c) => c.key === '0')!.values;
      const others = set.curves.filter((c) => c.key !== '0');
      const bad = set.xs.filter((_, k) => !others.every((c) => res[k]! > c.values[k]!)).length;
      return { value: [bad], total: set.xs.length, detail: `${set.xs.length} values of Ta in [${HJ_TA[0]}, ${HJ_TA[1]}]` };
    },
  },
  {
    id: 'hj-fig2b-optimum',
    paper: '000',
    ref: 'Fig. 2(b)',
    quote: '|ρ32| increases initially and then decreases with increasing Ta … This optimal point is numerically found to be around Ta/γ = 8.',
    computed: 'the Ta that maximises |ρ32| at ΔT = 50, Δ = 0 (golden-section search around the best point of the Fig. 2(b) curve)',
    criterion: approx(8, 1),
    async measure(study) {
      const [set, s] = await Promise.all([hjFig2b(study), study.sampler(HJ_FILES.A)]);
      const best = argmaxLine((ta) => s.value(hjAt(0, ta, 50), rho32), set.xs);
      return { value: [best.x], detail: `optimum Ta/γ = ${fmt(best.x, 4)}, |ρ32| = ${fmt(best.value)} there; interior maximum: ${best.x > set.xs[0]! && best.x < set.xs[set.xs.length - 1]! ? 'yes' : 'no'}` };
    },
  },
  {
    id: 'hj-fig3-max',
    paper: '000',
    ref: 'Fig. 3 (Sec. IV)',
    quote: 'the value in Fig. 3 (of approximately 0.15)',
    computed: 'largest |ρ32| of Case A over Ta ∈ [0.5, 30], ΔT ∈ [0, 100] (grid maximum refined by a compass search)',
    criterion: approx(0.15, 0.01),
    async measure(study) {
      const r = await hjRefinedMax(study, 'A');
      return { value: [r.value], detail: `max |ρ32| = ${fmt(r.value, 4)} at Ta = ${fmt(r.ta)}, ΔT = ${fmt(r.dt)} (grid: ${fmt(r.grid, 4)})` };
    },
  },
  {
    id: 'hj-fig3-zero-dt',
    paper: '000',
    ref: 'Fig. 3',
    quote: '|ρ32| always vanishes when ΔT = 0, i.e., when the non-equilibrium environment reduces to an equilibrium environment',
    computed: 'largest |ρ32| of Case A on the ΔT = 0 row of the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await hjMap(study, 'A');
      const r = row(m, 0);
      return { value: [Math.max(...r)], detail: `${r.length} values of Ta; largest ${fmt(Math.max(...r))}` };
    },
  },
  {
    id: 'hj-fig3-increasing',
    paper: '000',
    ref: 'Fig. 3',
    quote: '|ρ32| always increased with ΔT at a fixed value of Ta',
    computed: 'decreasing steps along ΔT in every Ta column of the Case A map',
    criterion: { kind: 'count' },
    async measure(study) {
      const m = await hjMap(study, 'A');
      const flat = 1e-9 * mapMax(m).value;
      let bad = 0;
      const where: string[] = [];
      m.xs.forEach((ta, ix) => {
        const d = decreases(column(m, ix), flat);
        if (d) where.push(`Ta = ${fmt(ta)}: ${d}`);
        bad += d;
      });
      return { value: [bad], total: m.xs.length * (m.ys.length - 1), detail: where.length ? `decreases at ${where.slice(0, 6).join('; ')}${where.length > 6 ? '; …' : ''}` : `${m.xs.length} columns, all non-decreasing` };
    },
  },
  {
    id: 'hj-fig3-dt70',
    paper: '000',
    ref: 'Fig. 3',
    quote: 'when ΔT/γ = 70, the chosen value of Ta/γ should be roughly 6 to obtain the largest absolute value of the steady-state coherence',
    computed: 'the Ta that maximises |ρ32| of Case A at ΔT = 70, Δ = 0 (golden-section search)',
    criterion: approx(6, 1),
    async measure(study) {
      const s = await study.sampler(HJ_FILES.A);
      const best = argmaxLine((ta) => s.value(hjAt(0, ta, 70), rho32), linspace(HJ_TA[0], HJ_TA[1], Math.max(30, study.grid.nx)));
      return { value: [best.x], detail: `optimum Ta/γ = ${fmt(best.x, 4)}, |ρ32| = ${fmt(best.value)} there` };
    },
  },
  {
    id: 'hj-fig4-max',
    paper: '000',
    ref: 'Fig. 4',
    quote: 'we find that the maximum absolute value of coherence reduces to approximately 0.12',
    computed: 'largest |ρ32| of Case B over the Fig. 3 box (refined)',
    criterion: approx(0.12, 0.01),
    async measure(study) {
      const r = await hjRefinedMax(study, 'B');
      return { value: [r.value], detail: `max |ρ32| = ${fmt(r.value, 4)} at Ta = ${fmt(r.ta)}, ΔT = ${fmt(r.dt)}` };
    },
  },
  {
    id: 'hj-fig4-lower',
    paper: '000',
    ref: 'Fig. 4',
    quote: 'which is slightly lower than the value in Fig. 3',
    computed: 'ratio of the largest |ρ32| of Case B to that of Case A',
    criterion: { kind: 'between', lo: 0.5, hi: 1 - 1e-9 },
    async measure(study) {
      const [a, b] = await Promise.all([hjRefinedMax(study, 'A'), hjRefinedMax(study, 'B')]);
      return { value: [b.value / a.value], detail: `${fmt(b.value, 4)} / ${fmt(a.value, 4)} ("slightly lower" read as a ratio in [0.5, 1))` };
    },
  },
  {
    id: 'hj-fig5-order',
    paper: '000',
    ref: 'Fig. 5',
    quote: 'the maximum value |ρ32| is approximately one order of magnitude lower than that in Case A and Case B',
    computed: 'log10 of the ratio of the largest |ρ32| of Case C to those of Cases A and B; "one order of magnitude" read as −1 ± 0.5 decades',
    criterion: { kind: 'approx', target: [-1, -1], tol: [0.5, 0.5], names: ['C/A', 'C/B'] },
    async measure(study) {
      const [a, b, c] = await Promise.all([hjRefinedMax(study, 'A'), hjRefinedMax(study, 'B'), hjRefinedMax(study, 'C')]);
      return {
        value: [Math.log10(c.value / a.value), Math.log10(c.value / b.value)],
        detail: `max |ρ32|: A ${fmt(a.value, 4)}, B ${fmt(b.value, 4)}, C ${fmt(c.value, 4)}; ratios C/A = ${fmt(c.value / a.value)}, C/B = ${fmt(c.value / b.value)}`,
      };
    },
  },
  {
    id: 'hj-fig5-location',
    paper: '000',
    ref: 'Fig. 5',
    quote: 'the maximum absolute value of |ρ32| is in the region around ΔT/γ = 48 and Ta/γ = 2',
    computed: 'where Case C’s |ρ32| is largest in the Fig. 3 box (grid maximum refined by a compass search)',
    criterion: { kind: 'approx', target: [48, 2], tol: [quoted(48, 1), quoted(2, 1)], names: ['ΔT/γ', 'Ta/γ'] },
    async measure(study) {
      const r = await hjRefinedMax(study, 'C');
      return { value: [r.dt, r.ta], detail: `max |ρ32| = ${fmt(r.value, 4)} at ΔT/γ = ${fmt(r.dt, 4)}, Ta/γ = ${fmt(r.ta, 4)}` };
    },
  },
  {
    id: 'hj-fig5-nonmonotonic',
    paper: '000',
    ref: 'Fig. 5',
    quote: '|ρ32| no longer increases monotonically with temperature difference at a (properly) fixed value of Ta … Beyond this point, increasing the temperature difference gives rise to decreasing coherence.',
    computed: 'drop of Case C’s |ρ32| from its maximum over ΔT ∈ [0, 100] to its value at ΔT = 100, at Ta = 2, relative to the maximum',
    criterion: { kind: 'above', bound: 1e-6 },
    async measure(study) {
      const s = await study.sampler(HJ_FILES.C);
      const dts = linspace(HJ_DT[0], HJ_DT[1], study.grid.line);
      const ys = s.line(dts, (dt) => hjAt(0, 2, dt), rho32);
      const top = Math.max(...ys);
      const end = ys[ys.length - 1]!;
      return { value: [(top - end) / top], detail: `at Ta = 2: max ${fmt(top, 4)} at ΔT = ${fmt(dts[ys.indexOf(top)]!)}, ${fmt(end, 4)} at ΔT = 100` };
    },
  },
  {
    id: 'hj-nonzero-dt',
    paper: '000',
    ref: 'Sec. IV (Figs. 3–5)',
    quote: 'One commonality of these three cases is that a non-vanishing coherence can emerge when ΔT > 0.',
    computed: 'grid points with ΔT > 0 where |ρ32| ≤ 1e-10, on the maps of Cases A, B and C',
    criterion: { kind: 'count' },
    async measure(study) {
      const maps = await Promise.all((['A', 'B', 'C'] as const).map((c) => hjMap(study, c)));
      const { bad, total, smallest } = vanishingAtPositiveDt(maps);
      return { value: [bad], total, detail: smallest.map((min, k) => `${'ABC'[k]}: smallest ${fmt(min)}`).join(', ') };
    },
  },
  {
    id: 'hj-case-d',
    paper: '000',
    ref: 'Sec. IV, Case D',
    quote: 'In this case, we also investigate the relationship between the coherence term in the steady state and the temperatures of the two baths. We find that the residual coherence terms completely vanish.',
    computed: 'largest |ρ32| of Case D over the Fig. 3 grid at Δ = 0 (non-unique steady state: limit of the maximally mixed state), and along ΔT at Ta = 10 for Δ = 5 (unique)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const [m, s] = await Promise.all([hjMap(study, 'D'), study.sampler(HJ_FILES.D)]);
      const detuned = s.line(linspace(HJ_DT[0], HJ_DT[1], 21), (dt) => hjAt(5, 10, dt), rho32);
      const a = mapMax(m).value;
      const b = Math.max(...detuned);
      return { value: [a, b], detail: `Δ = 0 map: ${fmt(a)} (${m.nonUnique} of ${m.values.length} points with a non-unique steady state); Δ = 5 line: ${fmt(b)}` };
    },
  },
  {
    id: 'hj-channels',
    paper: '000',
    ref: 'Abstract, Sec. V',
    quote: 'The absolute value of quantum coherence decreases in the presence of additional atom-bath interaction channels.',
    computed: 'orderings of the largest |ρ32| over the Fig. 3 box: A > B, A > C (one extra channel), B > D, C > D (two extra channels)',
    criterion: { kind: 'count' },
    async measure(study) {
      const [a, b, c] = await Promise.all((['A', 'B', 'C'] as const).map((x) => hjRefinedMax(study, x)));
      const d = mapMax(await hjMap(study, 'D')).value;
      const checks = [a.value > b.value, a.value > c.value, b.value > d, c.value > d];
      return { value: [checks.filter((x) => !x).length], total: checks.length, detail: `A ${fmt(a.value)}, B ${fmt(b.value)}, C ${fmt(c.value)}, D ${fmt(d)}` };
    },
  },
  {
    id: 'hj-eq13',
    paper: '000',
    ref: 'Eq. (13)',
    quote: 'J1−2 = −i⟨[σ1^z, HS]⟩ = −4ξ Im(ρ32)',
    note: 'By hand, with the paper’s Eq. (2): in the block (|eg⟩, |ge⟩), σ1^z = diag(1, −1) and [σ1^z, HS] has entries +2ξ (upper right) and −2ξ (lower left), so −i⟨[σ1^z, HS]⟩ = 4ξ Im⟨ge|ρ|eg⟩; and with |λ2⟩ = c|eg⟩ + s|ge⟩, |λ3⟩ = −s|eg⟩ + c|ge⟩, Im⟨ge|ρ|eg⟩ = (c² + s²) Im ρ32 = Im ρ32. The paper’s own definitions therefore give +4ξ Im ρ32; the detail reports the computed flux against both signs.',
    computed: 'largest |J1−2 − (−4ξ Im ρ32)| / max|J1−2| along ΔT (Case A, Ta = 10, Δ = 0), with J1−2 = −i⟨[σ1^z, H_S]⟩ computed from the steady state (σ1^z on the eigenbasis of Eq. (2))',
    criterion: { kind: 'zero', tol: 1e-9 },
    async measure(study) {
      const f = await hjFlux(study);
      const xi = HJ_FIXED.xi;
      const scale = Math.max(...f.flux.map(Math.abs));
      const dev = (sign: number) => Math.max(...f.flux.map((j, k) => Math.abs(j - sign * 4 * xi * f.im32[k]!))) / scale;
      const k = f.dts.findIndex((d) => d >= 50);
      return {
        value: [dev(-1)],
        detail: `relative deviation from −4ξ Im ρ32: ${fmt(dev(-1))}; from +4ξ Im ρ32: ${fmt(dev(+1))}. At ΔT = ${fmt(f.dts[k]!)}: J1−2 = ${fmt(f.flux[k]!, 4)}, Im ρ32 = ${fmt(f.im32[k]!, 4)}, −4ξ Im ρ32 = ${fmt(-4 * xi * f.im32[k]!, 4)}`,
      };
    },
  },
];
