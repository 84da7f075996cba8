// Li, Cai & Sun (seed 001) as the report registers it (src/report/papers/index.ts): how the page names and cites
// it, its seed text, its model folder, and its figures and claims in the report's order.
import type { Paper } from '../index.ts';
import { LCS_CLAIMS } from './claims.ts';
import { LCS_FIGURES } from './figures.ts';

export const LI_CAI_SUN: Paper = {
  id: '001',
  slug: 'li-cai-sun',
  seedText: '001_74b3cd71034b845d.txt',
  short: 'Li, Cai & Sun',
  cite: 'S.-W. Li, C. Y. Cai and C. P. Sun, “Steady quantum coherence in non-equilibrium environment”, Ann. Phys. 360, 19 (2015)',
  about: 'Λ-, V- and Ξ-type three-level systems between two baths L and R with cross-correlated couplings',
  figures: LCS_FIGURES,
  claims: LCS_CLAIMS,
};
