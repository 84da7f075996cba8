// Test support: a generated module's generator carried to the bare basis, W L W† with W = V ⊗ V̄ from the module's
// own eigenvectors — the form in which it is compared with the brute-force references (test/reference/).
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import { type CMatrix, adjoint, conjugate, kron, multiply } from '../../src/numeric/complexMatrix.ts';

export function bareGenerator(g: GeneratedModel, p: Params, bath?: string): CMatrix {
  const n = g.dimension;
  const N = n * n;
  const out = new Float64Array(2 * N * N);
  g.liouvillian(p, out, bath);
  const L: CMatrix = { n: N, m: N, re: out.subarray(0, N * N), im: out.subarray(N * N) } as CMatrix;
  const v = g.eigenvectors(p);
  const V: CMatrix = { n, m: n, re: v.re, im: v.im } as CMatrix;
  const W = kron(V, conjugate(V));
  return multiply(W, multiply(L, adjoint(W)));
}
