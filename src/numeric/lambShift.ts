// The principal-value (Lamb-shift) part of a thermal bath's one-sided correlation function, numerically.
//
// For a Hermitian coupling A ⊗ B with spectral density J (J(ω) = π Σ g² δ(ω − ω_q), ω > 0) the two-sided
// spectrum is S(ω) = 2J(ω)[N(ω)+1] (ω > 0), 2J̄(−ω)N(−ω) (ω < 0), S(0) = its limit, and
//   Γ(ω) = ∫₀^∞ ds e^{iωs}⟨B(s)B⟩ = S(ω)/2 + iΠ(ω),   Π(ω) = (1/2π) PV∫ S(ω′)/(ω − ω′) dω′.
// Method: with ω′ = ω ∓ u the principal value becomes an ordinary integral,
//   Π(ω) = (1/2π) ∫₀^∞ [S(ω − u) − S(ω + u)] / u du,
// whose integrand is finite at u = 0. It is integrated by adaptive Gauss–Kronrod (7/15 points) on [0, |ω|]
// and [|ω|, ∞) (S has a kink at ω′ = 0, i.e. u = |ω|), each piece on a logarithmic scale so that no spectral
// scale is missed (a cutoff ω_c far below T, a narrow Lorentzian), to a relative error of about 1e−13; a
// tail that does not converge (J not decaying) is an error, never a silent number.
// Imported by generated modules (through src/numeric/generatedModel.ts) and by the exact layer's pricing.

// Gauss–Kronrod 15-point nodes (positive half), Kronrod weights, and the embedded 7-point Gauss weights.
const XK = [
  0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.74153118559939444, 0.58608723546769113, 0.405845151377397167,
  0.207784955007898468, 0,
];
const WK = [
  0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.19035057806478541,
  0.204432940075298892, 0.209482141084727828,
];
const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];

interface Piece {
  f: (x: number) => number;
  a: number;
  b: number;
  value: number;
  error: number;
}

function kronrod(f: (x: number) => number, a: number, b: number): Piece {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = WK[7]! * fc;
  let g = WG[3]! * fc;
  for (let j = 0; j < 7; j++) {
    const dx = h * XK[j]!;
    const s = f(c - dx) + f(c + dx);
    k += WK[j]! * s;
    if (j % 2 === 1) g += WG[(j - 1) / 2]! * s;
  }
  return { f, a, b, value: k * h, error: Math.abs((k - g) * h) };
}

/** A segment [a, b] of an integrand: the sum over several segments is refined with one global error budget. */
export interface Segment {
  f: (x: number) => number;
  a: number;
  b: number;
}

/** Σ ∫ over the segments, adaptive with a global error estimate; throws when 4000 subdivisions do not suffice. */
export function integrateSegments(segments: readonly Segment[], relTol = 1e-13, absTol = 0): number {
  const pieces = segments.map((s) => kronrod(s.f, s.a, s.b));
  for (let iter = 0; iter < 4000; iter++) {
    let total = 0;
    let err = 0;
    let worst = 0;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      total += p.value;
      err += p.error;
      if (p.error > pieces[worst]!.error) worst = i;
    }
    if (!Number.isFinite(total)) throw new RangeError('integrand is not finite');
    if (err <= Math.max(relTol * Math.abs(total), absTol) || err < 1e-300) return total;
    const p = pieces[worst]!;
    const m = (p.a + p.b) / 2;
    pieces.splice(worst, 1, kronrod(p.f, p.a, m), kronrod(p.f, m, p.b));
  }
  throw new RangeError('the integral did not converge (is the spectrum decaying at large frequency?)');
}

/** ∫_a^b f, adaptive. */
export function integrate(f: (x: number) => number, a: number, b: number, relTol = 1e-13): number {
  return integrateSegments([{ f, a, b }], relTol);
}

/**
 * Segments of ∫ f(a + dir·e^s) e^s ds over [s0, s1]: a piece of the u-axis on a logarithmic scale, so that
 * structure at any scale between e^s0 and e^s1 (a narrow spectrum, a cutoff far from T) meets quadrature
 * nodes; in pieces of width 2 in s before any refinement.
 */
function logSegments(f: (u: number) => number, a: number, dir: 1 | -1, s0: number, s1: number): Segment[] {
  const g = (t: number) => {
    const x = Math.exp(t);
    return f(a + dir * x) * x;
  };
  const out: Segment[] = [];
  for (let s = s0; s < s1; s += 4) out.push({ f: g, a: s, b: Math.min(s + 4, s1) });
  return out;
}

/**
 * (1/2π) PV∫ S(ω′)/(ω − ω′) dω′ for one real part of a spectrum: j(x) is Re J or Im J at x > 0, `sign` +1 for
 * Re (S(−x) = 2 Re J(x) N(x)) and −1 for Im (conjugation), s0 the same part of S(0). T ≥ 0.
 */
export function principalValue(j: (x: number) => number, T: number, omega: number, s0: number, sign: number): number {
  // S(x): 2J(x)(N(x)+1) for x > 0, 2 J̄(−x) N(−x) for x < 0
  const S = (x: number): number => {
    if (x > 0) return T === 0 ? 2 * j(x) : (2 * j(x)) / -Math.expm1(-x / T);
    if (x < 0) return T === 0 ? 0 : (2 * sign * j(-x)) / Math.expm1(-x / T);
    return s0;
  };
  // at ω = 0 the two halves combine without cancellation: S(−u) − S(u) = −2J(u) (Re), −2J(u)(2N(u)+1) (Im)
  const g =
    omega === 0
      ? (u: number): number => (u === 0 ? 0 : (-2 * j(u) * (sign > 0 ? 1 : T === 0 ? 1 : 1 + 2 / Math.expm1(u / T))) / u)
      : (u: number): number => (u === 0 ? 0 : (S(omega - u) - S(omega + u)) / u);
  // floating point cannot do better than the rounding of the two thermal halves (they cancel for T ≫ u):
  // the error budget is 1e−13 of the result or 1e−14 of ∫ (|S(ω−u)| + |S(ω+u)|)/u, whichever is larger
  const magnitude = (u: number): number => (u === 0 ? 0 : (Math.abs(S(omega - u)) + Math.abs(S(omega + u))) / u);
  // [0, |ω|/2] from u = 0 up, [|ω|/2, |ω|] from the kink at u = |ω| down, [|ω|, ∞) from the kink up; each on a
  // log scale spanning e^±36 around the problem's scale max(|ω|, T)
  const w = Math.abs(omega);
  const scale = Math.log(Math.max(w, T) > 0 ? Math.max(w, T) : 1);
  const pieces = (f: (u: number) => number): Segment[] => {
    const out = logSegments(f, w, 1, scale - 36, scale + 36);
    if (w > 0) {
      const half = Math.log(w / 2);
      out.push(...logSegments(f, 0, 1, half - 36, half), ...logSegments(f, w, -1, half - 36, half));
    }
    return out;
  };
  const floor = omega === 0 ? 0 : 1e-14 * pieces(magnitude).reduce((acc, seg) => acc + kronrod(seg.f, seg.a, seg.b).value, 0);
  const segments = pieces(g);
  const sum = integrateSegments(segments, 1e-13, floor);
  return sum / (2 * Math.PI);
}

/**
 * Π(ω) for spectral density J = jRe + i·jIm (jIm null for a real J), temperature T ≥ 0, and S(0) = s0.
 * Returns [Re Π, Im Π] (Im Π ≠ 0 only for complex cross spectra).
 */
export function lambShift(
  jRe: (x: number) => number,
  jIm: ((x: number) => number) | null,
  T: number,
  omega: number,
  s0Re: number,
  s0Im = 0,
): [number, number] {
  return [principalValue(jRe, T, omega, s0Re, 1), jIm ? principalValue(jIm, T, omega, s0Im, -1) : 0];
}
