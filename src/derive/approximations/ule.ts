// The unified Lindblad equation (Nathan & Rudner, PRB 102, 115109 (2020)): one jump operator per bath and system
// operator, L = Σ_ω √S(ω) X(ω), built from the square root of the bath spectrum at each Bohr frequency; its
// dissipator L ρ L† − ½{L†L, ρ} is GKLS by construction and replaces Redfield's arithmetic mean ½[S(ω) + S(ω′)]
// of a pair by the geometric one √(S(ω)S(ω′)), equal where ω = ω′. The square roots stay exact atoms
// Rt(family, α, k, ω) in the tables. For RWA channels the emission and absorption families each get their jump
// operator (√(γ(N+1)) X(ω), √(γN) X(ω)†). A bath that correlates two operators would need the matrix square root
// of its spectral matrix, and the ULE's own Lamb-shift term (their Eq. 20) is not derived: both are refused.
import { add, mul, num, zero } from '../../algebra/expr.ts';
import { rootCorrelator } from '../../bath/constructors.ts';
import type { Approximation } from './approximation.ts';

export const ule: Approximation = {
  name: 'ule',
  tag: 'ule',
  aliases: ['unified-lindblad'],
  summary: 'unified Lindblad equation: jump operators Σ_ω √S(ω) X(ω), one per bath and operator',
  citation: 'Nathan & Rudner, Phys. Rev. B 102, 115109 (2020)',
  gkls: true,
  latex: 'unified Lindblad equation (Nathan--Rudner)',
  noLambShift: "the ULE's Lamb-shift term (Nathan & Rudner Eq. 20) is not derived; derive the ULE without --lamb-shift",
  refuses: (model) => {
    for (const b of model.baths)
      for (const key of b.spectrum.keys()) {
        const [k, l] = key.split(',');
        if (k !== l)
          return `bath ${b.name} correlates ${k} and ${l} (spectrum "${key}"): its jump operators need the matrix square root of the spectral matrix, which is not derived`;
      }
    return undefined;
  },
  keep: (_model, a, b) => (a.channel === b.channel ? num(1) : null),
  coefficient: (model, family, a, b) => {
    // ½ Σ_α g_α(ω_A) g_α(ω_B): the pair's share of L_α ρ L_α† − ½{L_α†L_α, ρ}
    return add(
      ...model.baths.map((bath) =>
        bath.spectrum.has(`${a.channel},${a.channel}`)
          ? mul(
              num(1, 2),
              rootCorrelator(family, bath.name, a.channel, a.freq.name),
              rootCorrelator(family, bath.name, b.channel, b.freq.name),
            )
          : zero(),
      ),
    );
  },
};
