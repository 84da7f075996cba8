// Huangfu & Jing (seed 000) as the report registers it (src/report/papers/index.ts): how the page names and cites
// it, its seed text, its model folder, and its figures and claims in the report's order.
import type { Paper } from '../index.ts';
import { HJ_CLAIMS } from './claims.ts';
import { HJ_FIGURES } from './figures.ts';

export const HUANGFU_JING: Paper = {
  id: '000',
  slug: 'huangfu-jing',
  seedText: '000_062bbadf5f136b4c.txt',
  short: 'Huangfu & Jing',
  cite: 'Y. Huangfu and J. Jing, “Steady bipartite coherence induced by non-equilibrium environment” (2021)',
  about: 'two coupled two-level atoms between a cold bath a and a hot bath b, four coupling configurations (Cases A–D)',
  figures: HJ_FIGURES,
  claims: HJ_CLAIMS,
};
