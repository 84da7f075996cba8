// The local master equation: each channel or coupling that acts on one site dissipates at that site's bare
// frequency ω_k, as if the inter-site couplings were absent from the dissipator (Levy & Kosloff, EPL 107, 20004
// (2014); Hofer et al., NJP 19, 123037 (2017)); the unitary part keeps the full H_S. The site components are the
// parts of the operator that lower site k (at ω_k), raise it (at −ω_k) or keep it (at 0), from the bare basis,
// carried to the eigenbasis exactly; pairs of equal local frequencies are kept (GKLS). ω_k = H_jj − H_ii for the
// flip j → i of site k must be the same for every configuration of the other sites (a diagonal of H additive over
// sites); otherwise, for models without sites, and for a numeric eigenbasis, the local equation is refused.
import { type Expr, num, sub } from '../../algebra/expr.ts';
import { Operator, changeBasis } from '../../operators/operator.ts';
import type { Frequency, Model, NamedOperator } from '../../model/model.ts';
import type { JumpComponent } from '../components.ts';
import type { Approximation, Components } from './approximation.ts';

interface Site {
  /** site name as in sz(name) */
  name: string;
  /** per bare state: +1 (e) or −1 (g) */
  level: number[];
}

function sitesOf(model: Model): Site[] {
  return [...model.siteOperators.values()]
    .filter((o) => o.name.startsWith('sz('))
    .map((o) => ({ name: o.name.slice(3, -1), level: model.basis.map((_, i) => Number(o.bare.get(i, i).constantValue()?.re.n ?? 0n)) }));
}

/** The one site an operator changes (entries between states that differ at that site only), or a reason. */
function siteOf(sites: Site[], op: Operator): { site: number } | { reason: string } {
  let found = -1;
  for (const [i, j] of op.nonzero()) {
    if (i === j) continue;
    const differ = sites.map((s, k) => (s.level[i] !== s.level[j] ? k : -1)).filter((k) => k >= 0);
    if (differ.length !== 1) return { reason: `it connects states that differ at ${differ.length} sites` };
    if (found >= 0 && differ[0] !== found) return { reason: `it flips more than one site` };
    found = differ[0]!;
  }
  return { site: found };
}

const localName = (site: Site) => `loc_${site.name}`;

/** ω_k exactly, the same for every flip of site k, or a reason. */
function localFrequency(model: Model, site: Site): Expr | string {
  let w: Expr | undefined;
  const h = model.hamiltonian;
  for (let i = 0; i < model.basis.length; i++) {
    if (site.level[i] !== -1) continue;
    // the partner j: same levels elsewhere, e at this site
    const j = model.basis.findIndex(
      (_, k) => site.level[k] === 1 && model.siteOperators.get(`sp(${site.name})`)!.bare.get(k, i).isZero() === false,
    );
    if (j < 0) continue;
    const d = sub(h.get(j, j), h.get(i, i));
    if (!w) w = d;
    else if (!w.equals(d))
      return `the bare frequency of site ${site.name} depends on the other sites (H's diagonal is not additive over sites)`;
  }
  return w ?? `site ${site.name} has no transition`;
}

function reasonFor(model: Model): string | undefined {
  if (model.eigenMode === 'numeric')
    return 'the local equation needs exact eigenvectors to carry site operators to the eigenbasis (this model has a numeric eigenbasis)';
  const sites = sitesOf(model);
  if (sites.length === 0) return 'the local equation needs a model with "sites" (each channel and coupling acting on one site)';
  for (const op of [...model.channels, ...model.couplings]) {
    const s = siteOf(sites, op.bare);
    if ('reason' in s) return `${op.name} does not act on one site: ${s.reason}`;
    if (s.site < 0) continue;
    const w = localFrequency(model, sites[s.site]!);
    if (typeof w === 'string') return w;
  }
  return undefined;
}

/** The parts of a bare operator that lower, raise or keep site k, at ω_k, −ω_k and 0. */
function siteComponents(model: Model, op: NamedOperator, sites: Site[]): JumpComponent[] {
  const s = siteOf(sites, op.bare);
  if ('reason' in s) throw new Error(`internal: ${s.reason}`);
  const n = model.basis.length;
  const site = s.site >= 0 ? sites[s.site]! : undefined;
  const parts = new Map<string, Map<number, Expr>>();
  for (const [i, j, v] of op.bare.nonzero()) {
    const ref = !site || site.level[i] === site.level[j] ? '0' : site.level[j] === 1 ? localName(site) : `-${localName(site)}`;
    if (!parts.has(ref)) parts.set(ref, new Map());
    parts.get(ref)!.set(i * n + j, v);
  }
  const freqs = (ref: string): Frequency => {
    if (ref === '0') return { name: '0', latex: '0', value: num(0), declared: true };
    const f = model.frequencies.find((x) => x.name === ref.replace(/^-/, ''))!;
    return ref.startsWith('-') ? { ...f, name: ref, latex: `-${f.latex}`, value: sub(num(0), f.value) } : f;
  };
  return [...parts].map(([ref, entries]) => ({
    channel: op.name,
    freq: freqs(ref),
    op: changeBasis(new Operator(n, entries), model.eigenvectors),
  }));
}

export const local: Approximation = {
  name: 'local',
  tag: 'local',
  aliases: [],
  summary: 'local: each channel and coupling dissipates at the bare frequency of its site',
  citation: 'Levy & Kosloff, EPL 107, 20004 (2014); Hofer et al., New J. Phys. 19, 123037 (2017)',
  gkls: true,
  latex: 'local master equation (site dissipators at the bare site frequencies)',
  refuses: reasonFor,
  // the bare site frequencies become named frequencies ω_k of the derived model
  prepare: (model) => {
    const extra: Frequency[] = [];
    for (const site of sitesOf(model)) {
      const w = localFrequency(model, site);
      if (typeof w !== 'string') extra.push({ name: localName(site), latex: `\\omega_{${site.name}}`, value: w, declared: true });
    }
    return { ...model, frequencies: [...model.frequencies, ...extra] };
  },
  components: (model): Components => {
    const sites = sitesOf(model);
    return {
      channels: model.channels.flatMap((c) => siteComponents(model, c, sites)),
      couplings: model.couplings.flatMap((c) => siteComponents(model, c, sites)),
    };
  },
  keep: (_model, a, b) => (a.freq.name === b.freq.name ? num(1) : null),
};
