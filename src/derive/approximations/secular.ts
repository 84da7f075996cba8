// The global secular (Davies) equation: only pairs of equal Bohr frequencies ω = ω′. With a numeric eigenbasis two
// different frequencies cannot be compared exactly, so their pair is kept with the selector Sec(ω, ω′), 1 where they
// agree within the Bohr tolerance at the point (src/model/numericEigen.ts).
import { num } from '../../algebra/expr.ts';
import { secularSelector } from '../../model/numericEigen.ts';
import type { Approximation } from './approximation.ts';

export const secular: Approximation = {
  name: 'secular',
  tag: 'secular',
  aliases: ['global'],
  summary: 'global secular (Davies): only pairs of equal Bohr frequencies ω = ω′',
  citation: 'Breuer & Petruccione (2002), Sec. 3.3.1; Davies, Commun. Math. Phys. 39, 91 (1974)',
  gkls: true,
  latex: 'secular approximation',
  keep: (model, a, b) =>
    a.freq.name === b.freq.name ? num(1) : model.eigenMode === 'numeric' ? secularSelector(a.freq.name, b.freq.name) : null,
};
