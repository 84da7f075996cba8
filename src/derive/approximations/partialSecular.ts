// The partial secular approximation: a pair (ω, ω′) is kept where |ω − ω′| < c, the cutoff, and dropped elsewhere
// (Cattaneo, Giorgi, Maniscalco & Zambrini, NJP 21, 113045 (2019), Sec. 4: terms oscillating faster than the
// relaxation are averaged out, slow ones kept). The rule here is pairwise, decided at each parameter point by the
// selector atom Near(ω, ω′) = θ(c − |ω − ω′|); c is a parameter of the derived model (`secularCutoff`, set by
// --cutoff or at each point), so one module serves every cutoff: c → 0 is the secular equation (equal frequencies
// are always kept), c → ∞ Redfield. Pairwise selection is not a clustering, so the result is not GKLS in general
// (Cattaneo et al.'s clustered form is, with frequencies replaced by cluster means).
import { num } from '../../algebra/expr.ts';
import type { Model } from '../../model/model.ts';
import { nearSelector } from '../../bath/constructors.ts';
import type { Approximation } from './approximation.ts';

export const CUTOFF = 'secularCutoff';

/** The value of a --cutoff argument (a number ≥ 0), or a RangeError that says what is expected. */
export function parseCutoff(text: string): number {
  const c = Number(text);
  if (!/^[0-9.eE+-]+$/.test(text) || !(c >= 0) || !Number.isFinite(c))
    throw new RangeError(`--cutoff must be a number >= 0 (an energy: pairs with |w - w'| < c are kept), got "${text.slice(0, 40)}"`);
  return c;
}

export const partialSecular: Approximation = {
  name: 'partial-secular',
  tag: 'partial-secular',
  aliases: ['psa'],
  summary: 'partial secular: pairs of Bohr frequencies with |ω − ω′| < c kept (c = secularCutoff, a parameter)',
  citation: 'Cattaneo, Giorgi, Maniscalco & Zambrini, New J. Phys. 21, 113045 (2019)',
  gkls: false,
  latex: "partial secular approximation (pairs with $|\\omega - \\omega'| < c$ kept)",
  parameter: {
    name: CUTOFF,
    latex: 'c',
    default: 1,
    kind: 'energy',
    description: "partial-secular cutoff: pairs with |w - w'| < c are kept",
  },
  refuses: (model) => (model.parameters.some((p) => p.name === CUTOFF) ? `the model already has a parameter named ${CUTOFF}` : undefined),
  prepare: (model: Model) => ({ ...model, parameters: [...model.parameters, partialSecular.parameter!] }),
  keep: (_model, a, b) => (a.freq.name === b.freq.name ? num(1) : nearSelector(a.freq.name, b.freq.name, CUTOFF)),
};
