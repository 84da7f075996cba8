// The Bloch–Redfield equation: every pair of Bohr frequencies (ω, ω′) kept — the full Born–Markov generator,
// seed 000 Eq. (A2) and seed 001 Eq. (A.6). Not GKLS in general (it can lose positivity).
import type { Approximation } from './approximation.ts';

export const redfield: Approximation = {
  name: 'redfield',
  tag: 'nonsecular',
  aliases: ['nonsecular'],
  summary: 'Bloch–Redfield: every pair of Bohr frequencies kept (no secular approximation)',
  citation: 'Breuer & Petruccione, The Theory of Open Quantum Systems (2002), Sec. 3.3.1',
  gkls: false,
  latex: 'no secular approximation (Bloch--Redfield)',
};
