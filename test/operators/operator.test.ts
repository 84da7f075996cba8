// Sparse exact operators and superoperators (src/operators/): each operation checked against dense complex matrices
// (src/numeric/complexMatrix.ts, which shares no code with it) at random values of the symbols, and its exact
// identities (adjoint twice, A·1 = A, the sandwich tensor form, the adjoint entry) decided exactly.
import { describe, expect, it } from 'vitest';
import { type Expr, add, evaluate, imag, mul, num, symbol } from '../../src/algebra/expr.ts';
import {
  type Operator,
  adjoint,
  changeBasis,
  fromColumns,
  identity,
  ketbra,
  opAdd,
  opEquals,
  opMul,
  opScale,
  opZero,
} from '../../src/operators/operator.ts';
import { SuperOp, adjointEntry } from '../../src/operators/superop.ts';
import { type CMatrix, adjoint as denseAdjoint, maxAbsDiff, multiply, zeros } from '../../src/numeric/complexMatrix.ts';
import { rng } from '../support/random.ts';

const n = 3;
const SYMBOLS = ['a', 'b', 'c'];

/** A random sparse operator whose entries are small polynomials in a, b, c with complex rational coefficients. */
function randomOperator(rand: () => number): Operator {
  let op = opZero(n);
  for (let k = 0; k < 5; k++) {
    const s = symbol(SYMBOLS[Math.floor(rand() * 3)]!);
    const coef = add(num(Math.floor(rand() * 7) - 3, 2), mul(num(Math.floor(rand() * 5) - 2), imag()));
    op = opAdd(op, ketbra(n, Math.floor(rand() * n), Math.floor(rand() * n), mul(coef, rand() < 0.5 ? s : mul(s, s))));
  }
  return op;
}

function dense(op: Operator, values: Record<string, number>): CMatrix {
  const M = zeros(n);
  const valueOf = (v: { kind: string; name?: string }) => [values[(v as { name: string }).name]!, 0] as const;
  for (const [r, c, x] of op.nonzero()) {
    const [re, im] = evaluate(x, valueOf as never);
    M.re[r * n + c] = re;
    M.im[r * n + c] = im;
  }
  return M;
}

describe('operators', () => {
  const rand = rng(20261202);
  const values = { a: 0.7, b: -1.3, c: 2.1 };

  it('product, adjoint, scaling and change of basis agree with dense matrices', () => {
    for (let trial = 0; trial < 20; trial++) {
      const A = randomOperator(rand);
      const B = randomOperator(rand);
      expect(maxAbsDiff(dense(opMul(A, B), values), multiply(dense(A, values), dense(B, values)))).toBeLessThan(1e-12);
      expect(maxAbsDiff(dense(adjoint(A), values), denseAdjoint(dense(A, values)))).toBeLessThan(1e-12);
      const V = opAdd(identity(n), opScale(B, num(1, 10)));
      const VAV = multiply(multiply(denseAdjoint(dense(V, values)), dense(A, values)), dense(V, values));
      expect(maxAbsDiff(dense(changeBasis(A, V), values), VAV)).toBeLessThan(1e-12);
    }
  });

  it('exact identities: (A†)† = A, A·1 = A, (AB)† = B†A†, A − A = 0 with nothing stored', () => {
    for (let trial = 0; trial < 20; trial++) {
      const A = randomOperator(rand);
      const B = randomOperator(rand);
      expect(opEquals(adjoint(adjoint(A)), A)).toBe(true);
      expect(opEquals(opMul(A, identity(n)), A)).toBe(true);
      expect(opEquals(adjoint(opMul(A, B)), opMul(adjoint(B), adjoint(A)))).toBe(true);
      expect(opAdd(A, opScale(A, num(-1))).entries.size).toBe(0);
    }
    // a non-trivial inequality is seen
    expect(opEquals(ketbra(n, 0, 1), ketbra(n, 1, 0))).toBe(false);
    const cols: Expr[][] = [
      [num(1), num(0), num(0)],
      [num(0), symbol('a'), num(0)],
      [num(0), num(0), num(2)],
    ];
    expect(fromColumns(cols).get(1, 1).equals(symbol('a'))).toBe(true);
  });
});

describe('superoperators', () => {
  const rand = rng(7);
  const values = { a: -0.4, b: 1.9, c: 0.3 };

  /** Applies a tensor form {"a,b,c,d": coef} to a dense ρ: Σ coef τ_ab ρ τ_cd. */
  function applyTensor(t: Map<string, Expr>, rho: CMatrix): CMatrix {
    const out = zeros(n);
    const valueOf = (v: { name: string }) => [values[v.name as 'a']!, 0] as const;
    for (const [key, coef] of t) {
      const [a, b, c, d] = key.split(',').map(Number) as [number, number, number, number];
      const [cr, ci] = evaluate(coef, valueOf as never);
      // τ_ab ρ τ_cd = ρ_bc |a⟩⟨d|
      const xr = rho.re[b * n + c]!;
      const xi = rho.im[b * n + c]!;
      out.re[a * n + d] += cr * xr - ci * xi;
      out.im[a * n + d] += cr * xi + ci * xr;
    }
    return out;
  }

  it('the unique sandwich form of A ρ B + C ρ + ρ D acts as the dense products do', () => {
    for (let trial = 0; trial < 10; trial++) {
      const [A, B, C, D] = [randomOperator(rand), randomOperator(rand), randomOperator(rand), randomOperator(rand)];
      const S = new SuperOp(n);
      S.addSandwich(num(1), A, B);
      S.addLeft(num(1), C);
      S.addRight(num(1), D);
      const rho = zeros(n);
      for (let i = 0; i < n * n; i++) [rho.re[i], rho.im[i]] = [rand() - 0.5, rand() - 0.5];
      const [dA, dB, dC, dD] = [A, B, C, D].map((o) => dense(o, values));
      const want = multiply(dA!, multiply(rho, dB!));
      const left = multiply(dC!, rho);
      const right = multiply(rho, dD!);
      for (let i = 0; i < n * n; i++) {
        want.re[i] += left.re[i]! + right.re[i]!;
        want.im[i] += left.im[i]! + right.im[i]!;
      }
      expect(maxAbsDiff(applyTensor(S.tensor(), rho), want)).toBeLessThan(1e-12);
    }
  });

  it('adjointEntry is the adjoint: (τ_ab ρ τ_cd)† = τ_dc ρ τ_ba and (τ_ab ρ)† = ρ τ_ba, coefficients conjugated', () => {
    const c = add(symbol('a'), imag());
    expect(adjointEntry({ kind: 'S', idx: [0, 1, 2, 0], coef: c })).toEqual({ kind: 'S', idx: [0, 2, 1, 0], coef: expect.anything() });
    const l = adjointEntry({ kind: 'L', idx: [1, 2], coef: c });
    expect([l.kind, l.idx]).toEqual(['R', [2, 1]]);
    expect(l.coef.equals(add(symbol('a'), mul(num(-1), imag())))).toBe(true);
  });
});
