// Eigenvalues of a general complex square matrix (the Liouvillian: relaxation rates and oscillation
// frequencies). Householder reduction to upper Hessenberg form, then the shifted QR algorithm with Givens
// rotations, Wilkinson shifts, deflation on negligible subdiagonals and an exceptional shift when a window
// stalls. Eigenvalues only (no vectors): enough for spectra and the Liouvillian gap.
// Contract: eigenvaluesOf(n, re, im) leaves its inputs untouched and returns n eigenvalues {re, im} sorted by
// descending real part (ties by imaginary part), or throws when the iteration does not converge.

export interface Eigenvalues {
  re: Float64Array;
  im: Float64Array;
}

export function eigenvaluesOf(n: number, reIn: ArrayLike<number>, imIn: ArrayLike<number>): Eigenvalues {
  const re = Float64Array.from(reIn as ArrayLike<number>);
  const im = Float64Array.from(imIn as ArrayLike<number>);
  if (re.length !== n * n || im.length !== n * n) throw new RangeError(`eigenvaluesOf: expected ${n}×${n} parts`);
  hessenberg(n, re, im);
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  let norm = 0;
  for (let k = 0; k < n * n; k++) norm = Math.max(norm, Math.hypot(re[k]!, im[k]!));
  const tiny = Number.EPSILON * Math.max(norm, Number.MIN_VALUE);
  let hi = n - 1;
  let iterations = 0;
  let sinceDeflation = 0;
  while (hi >= 0) {
    if (hi === 0) {
      outRe[0] = re[0]!;
      outIm[0] = im[0]!;
      break;
    }
    // the active window [lo, hi]: above lo the subdiagonal is negligible
    let lo = hi;
    while (lo > 0) {
      const sub = Math.hypot(re[lo * n + lo - 1]!, im[lo * n + lo - 1]!);
      const diag = Math.hypot(re[lo * n + lo]!, im[lo * n + lo]!) + Math.hypot(re[(lo - 1) * n + lo - 1]!, im[(lo - 1) * n + lo - 1]!);
      if (sub <= Number.EPSILON * diag || sub <= tiny) {
        re[lo * n + lo - 1] = 0;
        im[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      outRe[hi] = re[hi * n + hi]!;
      outIm[hi] = im[hi * n + hi]!;
      hi--;
      sinceDeflation = 0;
      continue;
    }
    if (++iterations > 100 * n) throw new RangeError(`eigenvalues: the QR iteration did not converge for a ${n}×${n} matrix`);
    sinceDeflation++;
    const [muRe, muIm] = sinceDeflation % 11 === 10 ? exceptionalShift(n, re, im, hi) : wilkinsonShift(n, re, im, hi);
    qrStep(n, re, im, lo, hi, muRe, muIm);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => outRe[b]! - outRe[a]! || outIm[b]! - outIm[a]!);
  return { re: Float64Array.from(order, (i) => outRe[i]!), im: Float64Array.from(order, (i) => outIm[i]!) };
}

/** In place: A ← Q† A Q upper Hessenberg, by Householder reflections (columns 0 … n−3). */
function hessenberg(n: number, re: Float64Array, im: Float64Array): void {
  const vr = new Float64Array(n);
  const vi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let alpha = 0;
    for (let i = k + 1; i < n; i++) alpha += re[i * n + k]! ** 2 + im[i * n + k]! ** 2;
    alpha = Math.sqrt(alpha);
    if (alpha === 0) continue;
    // v = x + e^{i arg x0} |x| e0, normalised
    const x0r = re[(k + 1) * n + k]!;
    const x0i = im[(k + 1) * n + k]!;
    const x0 = Math.hypot(x0r, x0i);
    const pr = x0 === 0 ? 1 : x0r / x0;
    const pi = x0 === 0 ? 0 : x0i / x0;
    vr.fill(0);
    vi.fill(0);
    for (let i = k + 1; i < n; i++) {
      vr[i] = re[i * n + k]!;
      vi[i] = im[i * n + k]!;
    }
    vr[k + 1] = vr[k + 1]! + pr * alpha;
    vi[k + 1] = vi[k + 1]! + pi * alpha;
    let vnorm = 0;
    for (let i = k + 1; i < n; i++) vnorm += vr[i]! ** 2 + vi[i]! ** 2;
    if (vnorm === 0) continue;
    // A ← (I − 2vv†/v†v) A: rows k+1…n−1
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let i = k + 1; i < n; i++) {
        // conj(v_i) · A_ij
        sr += vr[i]! * re[i * n + j]! + vi[i]! * im[i * n + j]!;
        si += vr[i]! * im[i * n + j]! - vi[i]! * re[i * n + j]!;
      }
      const fr = (2 * sr) / vnorm;
      const fi = (2 * si) / vnorm;
      for (let i = k + 1; i < n; i++) {
        re[i * n + j] = re[i * n + j]! - (vr[i]! * fr - vi[i]! * fi);
        im[i * n + j] = im[i * n + j]! - (vr[i]! * fi + vi[i]! * fr);
      }
    }
    // A ← A (I − 2vv†/v†v): columns k+1…n−1
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      for (let j = k + 1; j < n; j++) {
        // A_ij · v_j
        sr += re[i * n + j]! * vr[j]! - im[i * n + j]! * vi[j]!;
        si += re[i * n + j]! * vi[j]! + im[i * n + j]! * vr[j]!;
      }
      const fr = (2 * sr) / vnorm;
      const fi = (2 * si) / vnorm;
      for (let j = k + 1; j < n; j++) {
        // − f · conj(v_j)
        re[i * n + j] = re[i * n + j]! - (fr * vr[j]! + fi * vi[j]!);
        im[i * n + j] = im[i * n + j]! - (fi * vr[j]! - fr * vi[j]!);
      }
    }
    for (let i = k + 2; i < n; i++) {
      re[i * n + k] = 0;
      im[i * n + k] = 0;
    }
  }
}

/** The eigenvalue of the trailing 2×2 block closer to its last diagonal entry. */
function wilkinsonShift(n: number, re: Float64Array, im: Float64Array, hi: number): [number, number] {
  const ar = re[(hi - 1) * n + hi - 1]!,
    ai = im[(hi - 1) * n + hi - 1]!;
  const br = re[(hi - 1) * n + hi]!,
    bi = im[(hi - 1) * n + hi]!;
  const cr = re[hi * n + hi - 1]!,
    ci = im[hi * n + hi - 1]!;
  const dr = re[hi * n + hi]!,
    di = im[hi * n + hi]!;
  // λ = (a+d)/2 ± sqrt(((a−d)/2)² + bc)
  const hr = (ar - dr) / 2,
    hi2 = (ai - di) / 2;
  const qr = hr * hr - hi2 * hi2 + (br * cr - bi * ci);
  const qi = 2 * hr * hi2 + (br * ci + bi * cr);
  const m = Math.hypot(qr, qi);
  let sr = Math.sqrt((m + qr) / 2);
  let si = Math.sqrt(Math.max(0, (m - qr) / 2));
  if (qi < 0) si = -si;
  const mr = (ar + dr) / 2,
    mi = (ai + di) / 2;
  const l1 = [mr + sr, mi + si] as const;
  const l2 = [mr - sr, mi - si] as const;
  const d1 = Math.hypot(l1[0] - dr, l1[1] - di);
  const d2 = Math.hypot(l2[0] - dr, l2[1] - di);
  if (!Number.isFinite(sr)) sr = 0;
  return d1 <= d2 ? [l1[0], l1[1]] : [l2[0], l2[1]];
}

/** A shift off the current trajectory, for a window that has not deflated for a while. */
function exceptionalShift(n: number, re: Float64Array, im: Float64Array, hi: number): [number, number] {
  const s = Math.hypot(re[hi * n + hi - 1]!, im[hi * n + hi - 1]!);
  return [re[hi * n + hi]! + 0.75 * s, im[hi * n + hi]! + 0.4375 * s];
}

/** One explicit shifted QR step on the Hessenberg window [lo, hi]: H − μ = QR, H ← RQ + μ. */
function qrStep(n: number, re: Float64Array, im: Float64Array, lo: number, hi: number, muRe: number, muIm: number): void {
  for (let k = lo; k <= hi; k++) {
    re[k * n + k] = re[k * n + k]! - muRe;
    im[k * n + k] = im[k * n + k]! - muIm;
  }
  const cs = new Float64Array(hi - lo);
  const snr = new Float64Array(hi - lo);
  const sni = new Float64Array(hi - lo);
  for (let k = lo; k < hi; k++) {
    // Givens G = [[c, s], [−s̄, c]] with c real, zeroing entry (k+1, k)
    const xr = re[k * n + k]!,
      xi = im[k * n + k]!;
    const yr = re[(k + 1) * n + k]!,
      yi = im[(k + 1) * n + k]!;
    const ax = Math.hypot(xr, xi);
    const r = Math.hypot(ax, Math.hypot(yr, yi));
    let c: number, sr: number, si: number;
    if (r === 0) {
      c = 1;
      sr = 0;
      si = 0;
    } else if (ax === 0) {
      c = 0;
      // s = conj(y)/|y| up to phase: choose s so that the new (k+1,k) vanishes
      const ay = Math.hypot(yr, yi);
      sr = yr / ay;
      si = -yi / ay;
    } else {
      c = ax / r;
      // s = (x/|x|) · conj(y) / r
      const pr = xr / ax,
        pi = xi / ax;
      sr = (pr * yr + pi * yi) / r;
      si = (pi * yr - pr * yi) / r;
    }
    cs[k - lo] = c;
    snr[k - lo] = sr;
    sni[k - lo] = si;
    // rows k, k+1 ← G · rows
    for (let j = k; j < n; j++) {
      const ar = re[k * n + j]!,
        ai = im[k * n + j]!;
      const br = re[(k + 1) * n + j]!,
        bi = im[(k + 1) * n + j]!;
      re[k * n + j] = c * ar + (sr * br - si * bi);
      im[k * n + j] = c * ai + (sr * bi + si * br);
      // −conj(s)·a + c·b
      re[(k + 1) * n + j] = -(sr * ar + si * ai) + c * br;
      im[(k + 1) * n + j] = -(sr * ai - si * ar) + c * bi;
    }
  }
  for (let k = lo; k < hi; k++) {
    const c = cs[k - lo]!,
      sr = snr[k - lo]!,
      si = sni[k - lo]!;
    // columns k, k+1 ← columns · G†, G† = [[c, −s], [s̄, c]]
    for (let i = 0; i <= Math.min(k + 2, hi); i++) {
      const ar = re[i * n + k]!,
        ai = im[i * n + k]!;
      const br = re[i * n + k + 1]!,
        bi = im[i * n + k + 1]!;
      // a·c + b·s̄
      re[i * n + k] = c * ar + (br * sr + bi * si);
      im[i * n + k] = c * ai + (bi * sr - br * si);
      // −a·s + b·c
      re[i * n + k + 1] = -(ar * sr - ai * si) + c * br;
      im[i * n + k + 1] = -(ar * si + ai * sr) + c * bi;
    }
  }
  for (let k = lo; k <= hi; k++) {
    re[k * n + k] = re[k * n + k]! + muRe;
    im[k * n + k] = im[k * n + k]! + muIm;
  }
}
