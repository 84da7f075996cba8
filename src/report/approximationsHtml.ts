// The HTML of the report section "Which master equation?" (data from approximations.ts) and its results.json
// form. Every verdict sentence is assembled from the computed numbers and booleans; nothing here is a
// conclusion written by hand.
import { approximation, type Approx } from '../derive/approx.ts';
import { escapeHtml as h, fmt } from './format.ts';
import { CASE_A_FILE, DIFFER, HEOM_FILE, KT_FILE, type ApproximationsSection, type PointDiagnostics, type Range } from './approximations.ts';

const name = (a: Approx) => approximation(a).name;
const rangeText = (rs: Range[]) => (rs.length ? `for ξ/γ ∈ ${rs.map((r) => `[${fmt(r.from)}, ${fmt(r.to)}]`).join(' ∪ ')}` : 'nowhere on this line');
/** σ, where a bath at T = 0 exchanging heat makes it ±∞ (−∞: heat drawn from the zero-temperature bath) */
const sigmaText = (x: number) => (x === -Infinity ? '−∞ (heat drawn from a T = 0 bath)' : x === Infinity ? '+∞' : Number.isNaN(x) ? '—' : fmt(x, 4));
const yes = (ok: boolean, text: string) => `<span class="badge ${ok ? 'ok' : 'bad'}">${h(text)}</span>`;
const params = (p: Record<string, number>) => Object.entries(p).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');

function pointTable(rows: PointDiagnostics[], baths: string[]): string {
  const body = rows
    .map((r) => `<tr><td>${h(name(r.approx))}</td>${baths.map((b) => `<td class="num">${h(fmt(r.currents[b]!, 4))}</td>`).join('')}<td class="num">${h(sigmaText(r.sigma))}${r.sigma < 0 ? ' ' + yes(false, 'σ < 0') : ''}</td><td class="num">${h(fmt(r.minEigenvalue, 4))}${r.minEigenvalue < 0 ? ' ' + yes(false, 'negative') : ''}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>approximation</th>${baths.map((b) => `<th>J_${h(b)}</th>`).join('')}<th>σ = −Σ J_α/T_α</th><th>min eigenvalue of ρ</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function approximationsHtml(section: ApproximationsSection | undefined, error: string | undefined): string {
  const head = `<section id="approximations"><h2>2b. Which master equation?</h2>`;
  if (!section) return `${head}<div class="failure"><strong>not computed</strong><pre>${h(error ?? '')}</pre></div></section>`;
  const { caseA: a, kt } = section;
  const v = a.verdicts;
  const lf = a.localFailure;
  const sigmaNeg = Object.entries(v.sigmaNegative)
    .map(([k, r]) => `${h(name(k as Approx))}: ${h(rangeText(r))}`)
    .join('; ');
  const caseAText = `<h3>Case A of seed 000 over four decades of ξ/γ</h3>
<p>Model <code>${h(CASE_A_FILE)}</code> (each atom on its own bath), fixed ${h(params(a.fixed))} (Δ = γ/2: detuned; the
partial-secular cutoff c = γ keeps the pair of single-excitation Bohr frequencies while their splitting √(Δ² + 4ξ²) is below γ);
ξ/γ from ${h(fmt(a.xiOverGamma[0]!))} to ${h(fmt(a.xiOverGamma.at(-1)!))}, ${a.xiOverGamma.length} log-spaced points. Figures:
<a href="#ax-case-a-rho32">|ρ32|</a>, <a href="#ax-case-a-current">J_a</a>, <a href="#ax-case-a-min-eigenvalue">min eigenvalue</a>,
<a href="#ax-case-a-entropy">σ</a>. Computed verdicts:</p>
<ul>
<li>Local and global (secular) J_a differ by more than ${DIFFER * 100} % ${h(rangeText(v.localGlobalDiffer))}.</li>
<li>Local/global crossover (J_a, Redfield as the judge): local is the closer of the two below ξ/γ = ${h(v.crossover === null ? '— (no crossover on this line)' : fmt(v.crossover))}, secular from there on.</li>
<li>Redfield's steady state has a negative eigenvalue ${h(rangeText(v.redfieldNegative))}.</li>
<li>σ &lt; 0 (second-law violation) on this line — ${sigmaNeg}.</li>
</ul>
<h3>The known failure of the local equation</h3>
<p>Case A strongly detuned: ${h(params(lf.point))} (bath ${lf.point.Ta! > lf.point.Tb! ? 'a' : 'b'} is the hot one).
Local drives heat from the cold bath into the hot one: ${yes(!lf.localColdToHot, lf.localColdToHot ? 'yes' : 'no')};
local σ &lt; 0: ${yes(!lf.localSigmaNegative, lf.localSigmaNegative ? 'yes' : 'no')}; every other approximation has σ &gt; 0:
${yes(lf.othersSigmaPositive, lf.othersSigmaPositive ? 'yes' : 'no')}.</p>
${pointTable(lf.rows, ['a', 'b'])}
<h3>Positivity of Redfield</h3>
<p>Case A at the paper's defaults with ${h(params(a.positivity.point))}: Redfield's steady state has a negative eigenvalue:
${yes(!a.positivity.redfieldNegative, a.positivity.redfieldNegative ? 'yes' : 'no')}; negative in ${h(a.positivity.rows.filter((r) => r.minEigenvalue < 0).map((r) => name(r.approx)).join(', ') || 'none')}.
Heat drawn out of the zero-temperature bath a (J_a &gt; 0, σ = −∞: against the second law) by: ${h(a.positivity.drawFromZeroTemperature.map(name).join(', ') || 'none')}.</p>
${pointTable(a.positivity.rows, ['a', 'b'])}`;

  const closest = (key: 'J_h' | 'coherence') => kt.closest[key].map((r) => `<li>${h(r.label)} for J12 ∈ [${h(fmt(r.from))}, ${h(fmt(r.to))}] (relative error ≤ ${h(fmt(r.worst, 2))})</li>`).join('');
  // the variant whose largest error over the grid is smallest (ties joined)
  const worstBest = (key: 'errJ' | 'errC') => {
    const worst = kt.variants.map((x) => Math.max(...x[key]));
    const min = Math.min(...worst);
    return `${kt.variants.filter((_, i) => worst[i]! <= min * (1 + 1e-6)).map((x) => x.label).join(' = ')} (≤ ${fmt(min, 2)})`;
  };
  const header = kt.variants.map((x) => `<th>${h(x.label)}</th>`).join('');
  const row = (k: number) => {
    const minJ = Math.min(...kt.variants.map((x) => x.errJ[k]!));
    const minC = Math.min(...kt.variants.map((x) => x.errC[k]!));
    const cell = (e: number, min: number) => (e <= min * (1 + 1e-6) ? `<strong>${h(fmt(e, 2))}</strong>` : h(fmt(e, 2)));
    return `<tr><td class="num">${h(fmt(kt.J12[k]!))}</td><td class="num">${h(fmt(kt.heom.J_h[k]!, 4))}</td>${kt.variants.map((x) => `<td class="num">${cell(x.errJ[k]!, minJ)}<br>${cell(x.errC[k]!, minC)}</td>`).join('')}</tr>`;
  };
  const ktText = `<h3>Kato–Tanimura against HEOM</h3>
<p>Model <code>${h(KT_FILE)}</code>, HEOM reference <code>${h(HEOM_FILE)}</code> (λ = ${h(fmt(kt.lam))}, converged in depth and
Padé terms). For every applicable approximation, with and without the Lamb shift where that module exists (partial-secular
cutoff c = ${h(fmt(kt.cutoff))}), the relative error |bornmarkov − HEOM| / |HEOM| of the heat current J_h and of the
coherence ⟨σ1⁺σ2⁻⟩ (bare basis). J12 = ${h(kt.omitted.join(', '))} = ε is left out: a Bohr frequency ε − J12 vanishes there and
the generated modules refuse the point. Figures: <a href="#kt-heom-current">J_h</a>, <a href="#kt-heom-coherence">coherence</a>.</p>
<p>Closest to HEOM in J_h (per J12, ties joined by “=”):</p><ul>${closest('J_h')}</ul>
<p>Closest to HEOM in the coherence:</p><ul>${closest('coherence')}</ul>
<p>Smallest worst-case error over the whole grid: J_h — ${h(worstBest('errJ'))}; coherence — ${h(worstBest('errC'))}.</p>
<p>At the largest J12 compared (${h(fmt(kt.J12.at(-1)!))}): J_h — ${h(kt.largeJ12.J_h.label)} (${h(fmt(kt.largeJ12.J_h.error, 2))});
coherence — ${h(kt.largeJ12.coherence.label)} (${h(fmt(kt.largeJ12.coherence.error, 2))}).</p>
<table><thead><tr><th>J12</th><th>HEOM J_h</th>${header}</tr></thead><tbody>
${kt.J12.map((_, k) => row(k)).join('\n')}
<tr><td>largest</td><td></td>${kt.variants.map((x) => `<td class="num">${h(fmt(Math.max(...x.errJ), 2))}<br>${h(fmt(Math.max(...x.errC), 2))}</td>`).join('')}</tr>
</tbody></table>
<p class="small">Each cell: relative error of J_h (top) and of the coherence (bottom); the smallest of each row in bold.</p>`;
  return `${head}
<p>Every approximation is a derivation of the same model (tables, generated code, steady state); this section puts them side by
side. Secular = global Lindblad; redfield = the non-secular Bloch–Redfield equation of both papers; partial-secular keeps
the pairs of Bohr frequencies closer than a cutoff (Cattaneo et al., NJP 21, 113045 (2019)); ule = the unified Lindblad
equation (Nathan &amp; Rudner, PRB 102, 115109 (2020)); local = site-local dissipators (Hofer et al., NJP 19, 123037 (2017)).</p>
${caseAText}
${ktText}
</section>`;
}

/** The section in results.json: the verdicts and the numbers behind them. */
export function approximationsJson(section: ApproximationsSection | undefined, error: string | undefined): object {
  if (!section) return { error };
  const { caseA: a, kt } = section;
  return {
    caseA: {
      model: CASE_A_FILE,
      fixed: a.fixed,
      xiOverGamma: a.xiOverGamma,
      curves: a.curves,
      verdicts: a.verdicts,
      localFailure: a.localFailure,
      positivity: a.positivity,
    },
    katoTanimura: {
      model: KT_FILE,
      reference: HEOM_FILE,
      lam: kt.lam,
      partialSecularCutoff: kt.cutoff,
      J12: kt.J12,
      omittedJ12: kt.omitted,
      heom: kt.heom,
      variants: kt.variants.map((x) => ({ approx: x.approx, lambShift: x.lambShift, label: x.label, J_h: x.J_h, coherence: x.coherence, relativeErrorJ_h: x.errJ, relativeErrorCoherence: x.errC })),
      closest: kt.closest,
      largestJ12: kt.largeJ12,
    },
  };
}
