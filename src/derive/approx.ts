// The two approximations a derivation is made in: "secular" keeps only terms with equal Bohr frequencies
// (ω = ω′), "nonsecular" keeps all of them (the full Redfield equation). A module of its own, without imports,
// so that the command line can name them without loading the algebra.
export type Approx = 'secular' | 'nonsecular';
export const APPROXIMATIONS: readonly Approx[] = ['secular', 'nonsecular'];

/**
 * The name of a derivation's outputs between model name and extension: the approximation, with
 * ".lamb-shift" when the principal values are kept (<name>.nonsecular.lamb-shift.ts).
 */
export function variantName(approx: Approx, lambShift: boolean): string {
  return lambShift ? `${approx}.lamb-shift` : approx;
}
