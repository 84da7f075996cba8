// The Hermitian eigensolver must reconstruct A = V diag(λ) V† to roundoff, with V unitary and λ ascending,
// including degenerate and badly scaled spectra.
import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  zeros,
  identity,
  multiply,
  adjoint,
  maxAbsDiff,
  frobeniusNorm,
  fromNested,
} from '../../src/numeric/complexMatrix.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { orthonormalizeColumns } from '../../src/numeric/lu.ts';
import { rng, randomHermitian } from '../support/random.ts';

function randomUnitary(n: number, next: () => number): CMatrix {
  const A = zeros(n);
  for (let k = 0; k < n * n; k++) {
    A.re[k] = 2 * next() - 1;
    A.im[k] = 2 * next() - 1;
  }
  return orthonormalizeColumns(A);
}

function reconstruct(values: Float64Array, V: CMatrix): CMatrix {
  const n = values.length;
  const D = zeros(n);
  values.forEach((v, i) => (D.re[i * n + i] = v));
  return multiply(multiply(V, D), adjoint(V));
}

function check(A: CMatrix): { reconstruction: number; unitarity: number } {
  const { values, vectors } = hermitianEigen(A);
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
  const norm = Math.max(frobeniusNorm(A), Number.MIN_VALUE);
  return {
    reconstruction: maxAbsDiff(reconstruct(values, vectors), A) / norm,
    unitarity: maxAbsDiff(multiply(adjoint(vectors), vectors), identity(A.n)),
  };
}

describe('hermitianEigen', () => {
  it('reconstructs random Hermitian matrices of size 1..16 to 1e-12', () => {
    const next = rng(2024);
    let worst = 0;
    let worstUnitary = 0;
    for (let n = 1; n <= 16; n++) {
      for (let trial = 0; trial < 5; trial++) {
        const { reconstruction, unitarity } = check(randomHermitian(n, next));
        worst = Math.max(worst, reconstruction);
        worstUnitary = Math.max(worstUnitary, unitarity);
      }
    }
    expect(worst).toBeLessThan(1e-12);
    expect(worstUnitary).toBeLessThan(1e-12);
  });

  it('handles exactly degenerate spectra', () => {
    const next = rng(7);
    const n = 9;
    const U = randomUnitary(n, next);
    const target = [-2, -2, -2, 0.5, 0.5, 3, 3, 3, 3];
    const A = reconstruct(Float64Array.from(target), U);
    const { values } = hermitianEigen(A);
    target.forEach((t, i) => expect(Math.abs(values[i]! - t)).toBeLessThan(1e-13));
    const { reconstruction, unitarity } = check(A);
    expect(reconstruction).toBeLessThan(1e-13);
    expect(unitarity).toBeLessThan(1e-13);
  });

  it('keeps relative accuracy across widely separated scales', () => {
    const next = rng(99);
    const n = 6;
    const U = randomUnitary(n, next);
    const target = [-1e6, -3, 1e-3, 2, 7e3, 1e6];
    const A = reconstruct(Float64Array.from(target), U);
    const { values } = hermitianEigen(A);
    // absolute error of an eigenvalue is bounded by ~eps · ‖A‖
    target.forEach((t, i) => expect(Math.abs(values[i]! - t)).toBeLessThan(1e-14 * 1e6 * 10));
  });

  it('matches the analytic 2×2 result', () => {
    // [[a, b e^{iφ}], [b e^{-iφ}, c]] has eigenvalues (a+c)/2 ± sqrt(((a−c)/2)² + b²)
    const a = 1.5;
    const c = -0.25;
    const b = 0.8;
    const phi = 0.7;
    const A = fromNested(
      [
        [a, b * Math.cos(phi)],
        [b * Math.cos(phi), c],
      ],
      [
        [0, b * Math.sin(phi)],
        [-b * Math.sin(phi), 0],
      ],
    );
    const { values, vectors } = hermitianEigen(A);
    const mean = (a + c) / 2;
    const radius = Math.hypot((a - c) / 2, b);
    expect(values[0]).toBeCloseTo(mean - radius, 14);
    expect(values[1]).toBeCloseTo(mean + radius, 14);
    expect(maxAbsDiff(reconstruct(values, vectors), A)).toBeLessThan(1e-15);
  });

  it('returns diagonal input unchanged but sorted', () => {
    const A = fromNested([
      [3, 0, 0],
      [0, -1, 0],
      [0, 0, 2],
    ]);
    const { values, vectors, sweeps } = hermitianEigen(A);
    expect(Array.from(values)).toEqual([-1, 2, 3]);
    expect(sweeps).toBe(0);
    expect(vectors.re[1 * 3 + 0]).toBe(1);
  });
});
