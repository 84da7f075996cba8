// Test support: the DERIVED (symbolic) generator evaluated at numbers and carried to the bare basis,
// so that it can be compared with the independent brute-force reference in test/reference/redfield.ts.
import type { Model } from '../../src/model/model.ts';
import type { SuperOp } from '../../src/operators/superop.ts';
import { complexValue, eigenPricerAt } from '../../src/model/evaluate.ts';
import { priceBathAtom } from '../../src/bath/correlators.ts';
import { type CMatrix, zeros, multiply, adjoint, kron, conjugate } from '../../src/numeric/complexMatrix.ts';

export function defaultsWith(model: Model, params: Record<string, number>): Record<string, number> {
  return { ...Object.fromEntries(model.parameters.map((p) => [p.name, p.default])), ...params };
}

/** The n²×n² Liouvillian in the eigenbasis: (Lρ)_ad = Σ G_{ab,cd} ρ_bc, row a*n+d, column b*n+c. */
export function eigenLiouvillian(model: Model, s: SuperOp, params: Record<string, number>): CMatrix {
  const n = model.states.length;
  const p = defaultsWith(model, params);
  const price = priceBathAtom(model, p);
  const L = zeros(n * n);
  for (const [key, coef] of s.tensor()) {
    const [a, b, c, d] = key.split(',').map(Number);
    const [re, im] = complexValue(model, coef, p, price);
    const idx = (a * n + d) * n * n + (b * n + c);
    L.re[idx] += re;
    L.im[idx] += im;
  }
  return L;
}

/** Declared eigenvectors at numbers (columns). */
export function eigenvectorMatrix(model: Model, params: Record<string, number>): CMatrix {
  const n = model.states.length;
  const p = defaultsWith(model, params);
  // a numeric eigenbasis: the vectors the pricing of its atoms used (the same decomposition at the same point)
  if (model.eigenMode === 'numeric') return eigenPricerAt(model, p).vectors;
  const V = zeros(n);
  model.states.forEach((st, j) =>
    st.vector.forEach((x, i) => {
      const [re, im] = complexValue(model, x, p);
      V.re[i * n + j] = re;
      V.im[i * n + j] = im;
    }),
  );
  return V;
}

/** L in the bare basis: W L W† with W = V ⊗ conj(V) acting on row-major vec(ρ). */
export function bareLiouvillian(model: Model, s: SuperOp, params: Record<string, number>): CMatrix {
  const V = eigenvectorMatrix(model, params);
  const W = kron(V, conjugate(V));
  return multiply(W, multiply(eigenLiouvillian(model, s, params), adjoint(W)));
}
