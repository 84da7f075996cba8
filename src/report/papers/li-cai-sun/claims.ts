// The quantitative claims of Li, Cai & Sun (seed 001), judged by computation: each quotes the paper, says what is
// computed, carries its criterion (src/report/judge.ts: tolerances stated before any number is seen) and measures
// from the datasets (./datasets.ts). The list order is the report's. Nothing here writes a verdict.
import { fmt } from '../../format.ts';
import { type MapData, l1, linspace, mapMax } from '../../study.ts';
import { type Claim, ZERO, column, planck, subgrid, vanishingAtPositiveDt, worstOver } from '../../judge.ts';
import { LCS_DET0, LCS_DT, LCS_ELEMENT, LCS_EQ20_T, LCS_FILES, LCS_T, lcsAt, lcsEq20, lcsMap, lcsTwoTlsFlux } from './datasets.ts';

export const LCS_CLAIMS: Claim[] = [
  {
    id: 'lcs-secular-diagonal',
    paper: '001',
    ref: 'Sec. 2.2, Eqs. (9)–(11)',
    quote: 'no matter whether the environment is in equilibrium, we always obtain a steady state of a diagonal form ρs = Σ Pn|n⟩⟨n|, and all the off-diagonal terms of ρs vanish',
    computed: 'largest Σ_{i≠j}|ρ_ij| of the secular steady states of Λ and V over a grid of (T, ΔT) of Fig. 3',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const samplers = await Promise.all((['lambda', 'v'] as const).map((kind) => study.sampler(LCS_FILES[kind], 'secular')));
      const { worst, n } = worstOver(
        samplers.flatMap((s) => subgrid(LCS_T, LCS_DT, 8).map(([t, dt]) => ({ s, t, dt }))),
        ({ s, t, dt }) => s.value(lcsAt(t, dt), l1),
      );
      return { value: [worst], detail: `${n} points; largest ${fmt(worst)}` };
    },
  },
  {
    id: 'lcs-eq11-populations',
    paper: '001',
    ref: 'Eq. (11)',
    quote: 'n1/ne = Γ−11(ε1)/Γ+11(ε1), n2/ne = Γ−22(ε2)/Γ+22(ε2)',
    computed: 'largest relative difference between n_i/n_e of the secular Λ steady state and Γ−ii(εi)/Γ+ii(εi) of Eq. (6), evaluated independently from Planck numbers, on an 8 × 8 grid of (T, ΔT)',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda, 'secular');
      const { worst, n } = worstOver(subgrid(LCS_T, LCS_DT, 8), ([t, dt]) => {
        const p = s.params(lcsAt(t, dt));
        const rho = s.state(p);
        const eps = [p.eps! + p.D12! / 2, p.eps! - p.D12! / 2];
        const gL = [p.g11L!, p.g22L!];
        const gR = [p.g11R!, p.g22R!];
        return Math.max(
          ...[0, 1].map((i) => {
            const nl = planck(eps[i]!, p.TL!);
            const nr = planck(eps[i]!, p.TR!);
            const ratio = (gL[i]! * (nl + 1) + gR[i]! * (nr + 1)) / (gL[i]! * nl + gR[i]! * nr);
            const computed = rho.re[i * 4]! / rho.re[8]!;
            return Math.abs(computed / ratio - 1);
          }),
        );
      });
      return { value: [worst], detail: `${n} points; largest relative difference ${fmt(worst)}` };
    },
  },
  {
    id: 'lcs-eq18-equilibrium',
    paper: '001',
    ref: 'Eqs. (17)–(18)',
    quote: 'ni/ng = Γ+ii(εi)/Γ−ii(εi) = e^{−εi/T}, ρ12 = ρ*21 = 0, (18) is exactly the steady solution of Eq. (13)',
    computed: 'largest |ρ − e^{−H/T}/Z| (every element) of the non-secular Λ and V steady states at ΔT = 0, for the T values of the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      let coh = 0;
      const samplers = await Promise.all((['lambda', 'v'] as const).map((kind) => study.sampler(LCS_FILES[kind])));
      const { worst, n } = worstOver(
        samplers.flatMap((s) => linspace(LCS_T[0], LCS_T[1], study.grid.nx).map((t) => ({ s, t }))),
        ({ s, t }) => {
          const p = s.params({ TL: t, TR: t });
          const rho = s.state(p);
          const E = s.model.energies(p);
          const emin = Math.min(...E);
          const w = Array.from(E, (e) => Math.exp(-(e - emin) / t));
          const Z = w.reduce((a, b) => a + b, 0);
          const d = rho.n;
          let largest = 0;
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              const target = a === b ? w[a]! / Z : 0;
              const diff = Math.hypot(rho.re[a * d + b]! - target, rho.im[a * d + b]!);
              largest = Math.max(largest, diff);
              if (a !== b) coh = Math.max(coh, diff);
            }
          }
          return largest;
        },
      );
      return { value: [worst], detail: `${n} points; largest deviation from the Gibbs state ${fmt(worst)} (largest coherence ${fmt(coh)})` };
    },
  },
  {
    id: 'lcs-fig3-nonzero',
    paper: '001',
    ref: 'Fig. 3, Sec. 3.1',
    quote: 'We see that |ρ12| = |τ21| does not vanish in the steady state, that is, there exist steady quantum coherence in the non-equilibrium system.',
    computed: 'grid points with ΔT > 0 where |ρ12| ≤ 1e-10, on the Λ and V maps',
    criterion: { kind: 'count' },
    async measure(study) {
      const maps = await Promise.all((['lambda', 'v'] as const).map((k) => lcsMap(study, k)));
      const { bad, total, smallest } = vanishingAtPositiveDt(maps);
      const detail = smallest.map((min, k) => `${k === 0 ? 'Λ' : 'V'}: smallest ${fmt(min)}, largest ${fmt(mapMax(maps[k]!).value)}`);
      return { value: [bad], total, detail: detail.join('; ') };
    },
  },
  {
    id: 'lcs-fig3-increasing',
    paper: '001',
    ref: 'Fig. 3, Abstract',
    quote: 'when the lower temperature TL = T is given, the nonzero off-diagonal term |ρ12| increases with the temperature difference ΔT',
    computed: 'decreasing steps along ΔT in every T column of the Λ and V maps',
    criterion: { kind: 'count' },
    async measure(study) {
      const kinds = ['lambda', 'v'] as const;
      const maps = await Promise.all(kinds.map((k) => lcsMap(study, k)));
      // Re of the plotted element (Λ: ρ[0][1], V: ρ[1][2]), to tell a zero crossing of ρ12 from a genuine decrease.
      const reOf = { lambda: (rho: { n: number; re: Float64Array }) => rho.re[1]!, v: (rho: { n: number; re: Float64Array }) => rho.re[rho.n + 2]! };
      let bad = 0;
      let total = 0;
      const where: { kind: (typeof kinds)[number]; t: number; iy: number; m: MapData; text: string }[] = [];
      maps.forEach((m, k) => {
        const flat = 1e-9 * mapMax(m).value;
        let own = 0;
        m.xs.forEach((t, ix) => {
          const col = column(m, ix);
          for (let iy = 1; iy < col.length; iy++) {
            if (col[iy]! < col[iy - 1]! - flat) {
              own++;
              if (where.length < 6) where.push({ kind: kinds[k]!, t, iy, m, text: `${k === 0 ? 'Λ' : 'V'} at T = ${fmt(t)}, ΔT ${fmt(m.ys[iy - 1]!)} → ${fmt(m.ys[iy]!)}: ${fmt(col[iy - 1]!)} → ${fmt(col[iy]!)}` });
            }
          }
        });
        bad += own;
        total += m.xs.length * (m.ys.length - 1);
      });
      const texts: string[] = [];
      for (const w of where) {
        const s = await study.sampler(LCS_FILES[w.kind]);
        const lo = w.m.ys[w.iy - 1]!;
        const hi = w.m.ys[Math.min(w.m.ys.length - 1, w.iy + 1)]!;
        const a = reOf[w.kind](s.state(lcsAt(w.t, lo)));
        const b = reOf[w.kind](s.state(lcsAt(w.t, hi)));
        texts.push(`${w.text} (Re ρ12 ${Math.sign(a) !== Math.sign(b) ? `changes sign between ΔT = ${fmt(lo)} and ${fmt(hi)}: ρ12 passes through zero` : `keeps its sign on [${fmt(lo)}, ${fmt(hi)}]`})`);
      }
      return { value: [bad], total, detail: texts.length ? `decreases: ${texts.join('; ')}${bad > texts.length ? '; …' : ''}` : `${maps.length} maps, ${maps[0]!.xs.length} columns each, all non-decreasing` };
    },
  },
  {
    id: 'lcs-fig3-ends',
    paper: '001',
    ref: 'Fig. 3, Sec. 3.1',
    quote: 'when the lower temperatures TL is quite high or approaches the zero temperature, |ρ12| becomes small but keeps nonzero',
    note: 'The paper does not say at which ΔT; the measurement fixes ΔT = 1 and varies T = TL over [0.01, 5] (beyond the map, whose T axis starts at 0.1).',
    computed: 'Λ’s |ρ12| at T = 0.01 and at T = 5 (ΔT = 1), each divided by its maximum over T ∈ [0.01, 5]; "small but nonzero" read as a ratio in (1e-10, 0.5]',
    criterion: { kind: 'between', lo: ZERO, hi: 0.5 },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda);
      const ts = linspace(0.01, 5, study.grid.line);
      const ys = s.line(ts, (t) => lcsAt(t, 1), LCS_ELEMENT.lambda.obs);
      const top = Math.max(...ys);
      const lo = ys[0]! / top;
      const hi = ys[ys.length - 1]! / top;
      return { value: [lo, hi], detail: `max ${fmt(top)} at T = ${fmt(ts[ys.indexOf(top)]!)}; |ρ12| = ${fmt(ys[0]!)} at T = 0.01 (ratio ${fmt(lo)}), ${fmt(ys[ys.length - 1]!)} at T = 5 (ratio ${fmt(hi)})` };
    },
  },
  {
    id: 'lcs-v-smaller',
    paper: '001',
    ref: 'Sec. 4, Fig. 3(b)',
    quote: 'the maximum value of |ρ12| in the V-type system is much smaller than that in the Λ-type system [see Fig. 3(a)]',
    computed: 'ratio of the largest |⟨e1|ρ|e2⟩| of V to the largest |⟨g1|ρ|g2⟩| of Λ over the same (T, ΔT) grid; "much smaller" read as at least a factor 2 (ratio < 0.5)',
    criterion: { kind: 'below', bound: 0.5 },
    async measure(study) {
      const [lam, v] = await Promise.all([lcsMap(study, 'lambda'), lcsMap(study, 'v')]);
      const a = mapMax(lam).value;
      const b = mapMax(v).value;
      return { value: [b / a], detail: `V ${fmt(b, 4)} / Λ ${fmt(a, 4)} = ${fmt(b / a)}` };
    },
  },
  {
    id: 'lcs-xi-zero',
    paper: '001',
    ref: 'Sec. 4, Eq. (24)',
    quote: 'for the Ξ-type system, there is always no quantum coherence left in the steady state',
    computed: 'largest Σ_{i≠j}|ρ_ij| of the non-secular Ξ steady state over the Fig. 3 grid',
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const m = await lcsMap(study, 'xi');
      return { value: [mapMax(m).value], detail: `${m.values.length} points; largest ${fmt(mapMax(m).value)}` };
    },
  },
  {
    id: 'lcs-eq20-zero',
    paper: '001',
    ref: 'Eqs. (20)–(22)',
    quote: 'when the coupling spectrums γij^(α) satisfy the following relation (20) … Thus the condition (19) is satisfied to give rise to vanishing quantum coherence.',
    computed: `largest |ρ12| of Λ for ΔT ∈ (0, ${LCS_DT[1]}] at T = ${LCS_EQ20_T} with γ11^(L)/γ11^(R) = γ22^(L)/γ22^(R) = 1/2 (f = 1, real cross spectra, so Eq. (20) holds)`,
    criterion: { kind: 'zero', tol: ZERO },
    async measure(study) {
      const set = await lcsEq20(study);
      const ys = set.curves.find((c) => c.key === 'proportional')!.values.filter((_, k) => set.xs[k]! > 0);
      return { value: [Math.max(...ys)], detail: `${ys.length} values of ΔT > 0; largest ${fmt(Math.max(...ys))}` };
    },
  },
  {
    id: 'lcs-eq20-broken',
    paper: '001',
    ref: 'Eqs. (19)–(20)',
    quote: 'If the relation (20) is not satisfied, usually we obtain nonzero ρ12/21 in the steady state.',
    computed: `points ΔT ∈ (0, ${LCS_DT[1]}] (T = ${LCS_EQ20_T}) where Λ’s |ρ12| ≤ 1e-10 with the Fig. 3 couplings, which violate Eq. (20)`,
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await lcsEq20(study);
      const ys = set.curves.find((c) => c.key === 'fig3')!.values.filter((_, k) => set.xs[k]! > 0);
      return { value: [ys.filter((y) => !(y > ZERO)).length], total: ys.length, detail: `smallest ${fmt(Math.min(...ys))}, largest ${fmt(Math.max(...ys))}` };
    },
  },
  {
    id: 'lcs-f-half',
    paper: '001',
    ref: 'Sec. 3.1',
    quote: 'If we have fα(ω) < 1, the steady quantum coherence is suppressed, but still keeps nonzero.',
    computed: `points ΔT ∈ (0, ${LCS_DT[1]}] (T = ${LCS_EQ20_T}) where not 1e-10 < |ρ12|(f = 1/2) < |ρ12|(f = 1), Λ-type`,
    criterion: { kind: 'count' },
    async measure(study) {
      const set = await lcsEq20(study);
      const full = set.curves.find((c) => c.key === 'fig3')!.values;
      const half = set.curves.find((c) => c.key === 'half')!.values;
      let bad = 0;
      let total = 0;
      set.xs.forEach((dt, k) => {
        if (dt <= 0) return;
        total++;
        if (!(half[k]! > ZERO && half[k]! < full[k]!)) bad++;
      });
      const k = set.xs.length - 1;
      return { value: [bad], total, detail: `at ΔT = ${fmt(set.xs[k]!)}: ${fmt(half[k]!)} (f = 1/2) vs ${fmt(full[k]!)} (f = 1)` };
    },
  },
  {
    id: 'lcs-unique',
    paper: '001',
    ref: 'Sec. 3.1, Fig. 3',
    quote: 'The steady solution is unique and does not depend on the initial condition (We checked this numerically for parameters in Fig. 3).',
    computed: 'points of an 8 × 8 sub-grid of the Fig. 3 box where the rank-revealing analysis finds dim ker L ≠ 1 (Λ and V)',
    criterion: { kind: 'count' },
    async measure(study) {
      let bad = 0;
      let total = 0;
      let gap = Infinity;
      for (const kind of ['lambda', 'v'] as const) {
        const s = await study.sampler(LCS_FILES[kind]);
        for (const [t, dt] of subgrid(LCS_T, LCS_DT, 8)) {
          const a = s.analyze(lcsAt(t, dt));
          total++;
          if (!a.unique) bad++;
          if (a.rankGap.smallestKept !== null) gap = Math.min(gap, a.rankGap.smallestKept);
        }
      }
      return { value: [bad], total, detail: `smallest singular-value proxy kept as nonzero: ${fmt(gap)} (tolerance 1e-10)` };
    },
  },
  {
    id: 'lcs-det0',
    paper: '001',
    ref: 'Sec. 3.1, Eqs. (15)–(16)',
    quote: 'if we choose ∆12 = 0, γ(L)ii(ε1) = γ(L)ii(ε2) = γ(R)ii(ε1) = γ(R)ii(ε2) and fL/R(εi) = 1 … we would always get det = 0, no matter how much the temperatures TL/R take … the system does not have a unique steady state',
    computed: 'points (TL, TR) of a 4 × 4 grid where the Λ-type steady state with Δ12 = 0, all γ = 0.01, f = 1 is unique (dim ker L = 1); Eq. (16)’s det evaluated alongside',
    criterion: { kind: 'count' },
    async measure(study) {
      const s = await study.sampler(LCS_FILES.lambda);
      let unique = 0;
      let total = 0;
      let detMax = 0;
      const nullities = new Set<number>();
      for (const [tl, tr] of subgrid([0.2, 2], [0.2, 3], 4)) {
        const p = s.params({ ...LCS_DET0, TL: tl, TR: tr });
        const a = s.analyze(p);
        total++;
        if (a.unique) unique++;
        nullities.add(a.nullity);
        // Eq. (16) with real Γ+: det = 4(Γ+11 + Γ+22)²(Γ+11Γ+22 − Γ+12Γ+21) + 4Δ12²Γ+11Γ+22 (ε1 = ε2 here)
        const e = p.eps!;
        const nl = planck(e, tl);
        const nr = planck(e, tr);
        const gp = (l: number, r: number) => 0.5 * (l * nl + r * nr);
        const g11 = gp(p.g11L!, p.g11R!);
        const g22 = gp(p.g22L!, p.g22R!);
        const g12 = gp(Math.sqrt(p.fL! * p.g11L! * p.g22L!), Math.sqrt(p.fR! * p.g11R! * p.g22R!));
        const det = 4 * (g11 + g22) ** 2 * (g11 * g22 - g12 * g12) + 4 * p.D12! ** 2 * g11 * g22;
        detMax = Math.max(detMax, Math.abs(det) / (g11 + g22) ** 4);
      }
      return { value: [unique], total, detail: `dim ker L ∈ {${[...nullities].join(', ')}}; largest |det| of Eq. (16) relative to (Γ+11 + Γ+22)⁴: ${fmt(detMax)}` };
    },
  },
  {
    id: 'lcs-sec5-flux',
    paper: '001',
    ref: 'Sec. 5, Eqs. (25)–(28)',
    quote: 'J1−2 = −i2g⟨σ+1σ−2 − σ−1σ+2⟩ … = 4g Im⟨E1|ρ|E2⟩',
    note: 'By hand, with the paper’s Eq. (26): |E2⟩⟨E1| − |E1⟩⟨E2| = |g1e2⟩⟨e1g2| − |e1g2⟩⟨g1e2|, the negative of the operator it replaces in the middle step, so the chain of equalities ends in −4g Im⟨E1|ρ|E2⟩. The detail reports the computed flux against both signs.',
    computed: 'largest |J1−2 − 4g Im⟨E1|ρ|E2⟩| / max|J1−2| for the paper’s two coupled TLSs, each in its own bath (model two-tls.json in the basis G, E1, E2, D of Eq. (26); Ω = 30, g = 2, γ = 1, Δ = 0, T1 = 10, T2 = T1 + ΔT, ΔT ∈ [0, 100]), with J1−2 = −i⟨[σ1^z, H_S]⟩ computed from the steady state',
    criterion: { kind: 'zero', tol: 1e-9 },
    async measure(study) {
      const f = await lcsTwoTlsFlux(study);
      const scale = Math.max(...f.flux.map(Math.abs));
      const dev = (sign: number) => Math.max(...f.flux.map((j, k) => Math.abs(j - sign * 4 * f.g * f.imE1E2[k]!))) / scale;
      const k = f.dts.findIndex((d) => d >= 50);
      return {
        value: [dev(1)],
        detail: `${f.dts.length} points; relative deviation from 4g Im⟨E1|ρ|E2⟩: ${fmt(dev(1))}; from −4g Im⟨E1|ρ|E2⟩: ${fmt(dev(-1))}. At ΔT = ${fmt(f.dts[k]!)}: J1−2 = ${fmt(f.flux[k]!, 4)}, Im⟨E1|ρ|E2⟩ = ${fmt(f.imE1E2[k]!, 4)}`,
      };
    },
  },
];
