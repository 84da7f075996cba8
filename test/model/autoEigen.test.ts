// Eigenstructures found without hand work (src/model/eigen.ts, findEigenstructure): every found basis is
// verified exactly by the loader (H v = E v, orthonormality); here the energies are pinned to their closed
// forms and the whole basis is compared with an independent numeric eigendecomposition (Jacobi) of H at
// random parameter points, including points far from the defaults.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModel, loadModelFile } from '../../src/model/load.ts';
import type { Model } from '../../src/model/model.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { evaluateText, scalarAlgebra } from '../../src/algebra/parse.ts';
import { add, conj, halfAngle, mul, symbol } from '../../src/algebra/expr.ts';
import { constantValue } from '../../src/algebra/radicals.ts';
import { constantAngleValues } from '../../src/model/eigen.ts';
import { fromNested } from '../../src/numeric/complexMatrix.ts';
import { hermitianEigen } from '../../src/numeric/eigen.ts';
import { rng } from '../support/random.ts';
import { derive } from '../../src/derive/redfield.ts';
import { maxAbs, maxAbsDiff } from '../../src/numeric/complexMatrix.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { bareLiouvillian } from '../support/numericGenerator.ts';

const exact = (text: string, names: string[]) =>
  evaluateText(
    text,
    scalarAlgebra((n) => (names.includes(n) ? symbol(n) : undefined)),
  );
const caseA = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8'));

/** Max over entries of |V†HV − diag(E)| and |V†V − 1| with the exact basis evaluated numerically, and the sorted energies against Jacobi. */
function numericAgreement(model: Model, params: Record<string, number>): { residual: number; unitarity: number; spectrum: number } {
  const n = model.basis.length;
  const at = (x: Parameters<typeof complexValue>[1]) => complexValue(model, x, params);
  const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => at(model.hamiltonian.get(i, k))));
  const V = model.states.map((s) => s.vector.map(at)); // V[j][i] = component i of state j
  const E = model.states.map((s) => at(s.energy)[0]);
  let residual = 0;
  let unitarity = 0;
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < n; l++) {
      let hre = 0,
        him = 0,
        dre = 0,
        dim = 0;
      for (let i = 0; i < n; i++) {
        const [ar, ai] = V[j][i]; // conj(v_j[i]) = (ar, -ai)
        dre += ar * V[l][i][0] + ai * V[l][i][1];
        dim += ar * V[l][i][1] - ai * V[l][i][0];
        for (let k = 0; k < n; k++) {
          const [hr, hi] = H[i][k];
          const [br, bi] = V[l][k];
          const tr = hr * br - hi * bi;
          const ti = hr * bi + hi * br;
          hre += ar * tr + ai * ti;
          him += ar * ti - ai * tr;
        }
      }
      residual = Math.max(residual, Math.hypot(hre - (j === l ? E[j] : 0), him));
      unitarity = Math.max(unitarity, Math.hypot(dre - (j === l ? 1 : 0), dim));
    }
  }
  const jacobi = Array.from(
    hermitianEigen(
      fromNested(
        H.map((r) => r.map((x) => x[0])),
        H.map((r) => r.map((x) => x[1])),
      ),
    ).values,
  );
  const sorted = [...E].sort((a, b) => a - b);
  const spectrum = Math.max(...sorted.map((e, k) => Math.abs(e - jacobi[k])));
  return { residual, unitarity, spectrum };
}

function expectNumericAgreement(model: Model, points: Record<string, number>[]): void {
  for (const p of points) {
    const r = numericAgreement(model, p);
    expect(r.residual, `V†HV − E at ${JSON.stringify(p)}`).toBeLessThan(1e-10);
    expect(r.unitarity, `V†V − 1 at ${JSON.stringify(p)}`).toBeLessThan(1e-12);
    expect(r.spectrum, `energies vs Jacobi at ${JSON.stringify(p)}`).toBeLessThan(1e-10);
  }
}

function randomPoints(model: Model, count: number, seed: number, spread: Record<string, [number, number]>): Record<string, number>[] {
  const next = rng(seed);
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      model.parameters.map((p) => {
        const [lo, hi] = spread[p.name] ?? [0, 1];
        return [p.name, lo + (hi - lo) * next()];
      }),
    ),
  );
}

describe('uniform 4-site XY chain (derivations/examples/four-site-chain.json, no eigen section)', () => {
  const chain = loadModelFile('derivations/examples/four-site-chain.json');
  const energies = chain.states.map((s) => s.energy);
  const has = (text: string, times = 1) => expect(energies.filter((e) => e.equals(exact(text, ['Omega', 'J']))).length, text).toBe(times);

  it('finds 16 exact eigenstates: one-excitation energies -Omega + J(±1±√5)/2 (2J cos kπ/5), three-excitation Omega + J(±1±√5)/2', () => {
    expect(chain.states).toHaveLength(16);
    for (const s of ['1 + sqrt(5)', '1 - sqrt(5)', '-1 + sqrt(5)', '-1 - sqrt(5)']) {
      has(`-Omega + J*(${s})/2`);
      has(`Omega + J*(${s})/2`);
    }
    has('2*Omega');
    has('-2*Omega');
  });

  it('two-excitation energies J·(±√5, ±1, 0, 0): the degenerate pair gets an orthonormal basis', () => {
    for (const t of ['sqrt(5)*J', '-sqrt(5)*J', 'J', '-J']) has(t);
    has('0', 2);
  });

  it('the vectors need the nested radical sqrt(5 + sqrt(5)) and nothing deeper', () => {
    const radicals = new Set<string>();
    for (const s of chain.states) for (const x of s.vector) for (const k of x.variables()) radicals.add(k);
    expect([...radicals].sort()).toEqual(['sqrt(5 + 1*sqrt(5))', 'sqrt(2)', 'sqrt(5)'].sort());
  });

  it('agrees with a numeric Jacobi eigendecomposition at the defaults and at random points (J < 0 too)', () => {
    const defaults = Object.fromEntries(chain.parameters.map((p) => [p.name, p.default]));
    expectNumericAgreement(chain, [defaults, ...randomPoints(chain, 6, 9, { Omega: [-40, 40], J: [-5, 5] })]);
  });

  it('the two end channels have the four Bohr frequencies Omega + J(±1±√5)/2 (σ⁻ of an end site is one Jordan–Wigner fermion)', () => {
    expect(chain.frequencies).toHaveLength(4);
    for (const s of ['1 + sqrt(5)', '1 - sqrt(5)', '-1 + sqrt(5)', '-1 - sqrt(5)']) {
      expect(
        chain.frequencies.some((f) => f.value.equals(exact(`Omega + J*(${s})/2`, ['Omega', 'J']))),
        s,
      ).toBe(true);
    }
  });
});

describe('detuned 3-site chain (derivations/examples/detuned-three-site-chain.json, no eigen section)', () => {
  const chain = loadModelFile('derivations/examples/detuned-three-site-chain.json');
  const names = ['Omega', 'Delta', 'J'];
  const has = (text: string) =>
    expect(
      chain.states.some((s) => s.energy.equals(exact(text, names))),
      text,
    ).toBe(true);

  it('splits each 3x3 excitation block by the reflection 1 <-> 3: an antisymmetric end state and a mixing angle with cot = ∓Delta/(2√2 J)', () => {
    expect(chain.states).toHaveLength(8);
    has('-Omega/2 - Delta/2');
    has('-Omega/2 + sqrt(Delta^2 + 8*J^2)/2');
    has('-Omega/2 - sqrt(Delta^2 + 8*J^2)/2');
    has('Omega/2 + Delta/2');
    has('Omega/2 + sqrt(Delta^2 + 8*J^2)/2');
    expect(chain.angles).toHaveLength(2);
    expect(chain.angles[0].numerator.equals(exact('-Delta', names))).toBe(true);
    expect(chain.angles[0].denominator.equals(exact('2*sqrt(2)*J', names))).toBe(true);
  });

  it('agrees with a numeric Jacobi eigendecomposition at random points, negative detuning and hopping included', () => {
    expectNumericAgreement(chain, randomPoints(chain, 8, 3, { Omega: [-40, 40], Delta: [-10, 10], J: [-4, 4] }));
  });
});

describe('rotations: blocks with no constant symmetry whose eigenvectors are polynomials in half-angles (Wigner d)', () => {
  const chain4 = JSON.parse(readFileSync('derivations/examples/four-site-chain.json', 'utf8'));
  const chain3 = JSON.parse(readFileSync('derivations/examples/detuned-three-site-chain.json', 'utf8'));
  const tilted = loadModel(
    {
      ...chain3,
      name: 'tilted',
      system: {
        ...chain3.system,
        hamiltonian:
          'Omega/2*(sz(1) + sz(2) + sz(3)) + Delta/2*(sz(1) - sz(3)) + J*(sp(1)*sm(2) + sm(1)*sp(2) + sp(2)*sm(3) + sm(2)*sp(3))',
      },
    },
    'tilted.json',
  );

  it('3-site chain with a linear detuning gradient (spin 1): energies 0, ±√(Δ² + 2J²) in each block, vectors (c², √2cs, s²)', () => {
    const names = ['Omega', 'Delta', 'J'];
    expect(tilted.angles.map((a) => a.name)).toEqual(['phi']);
    expect(tilted.angles[0].denominator.equals(exact('sqrt(2)*J', names))).toBe(true);
    for (const e of ['-Omega/2', '-Omega/2 + sqrt(Delta^2 + 2*J^2)', '-Omega/2 - sqrt(Delta^2 + 2*J^2)']) {
      expect(
        tilted.states.some((s) => s.energy.equals(exact(e, names))),
        e,
      ).toBe(true);
    }
    const top = tilted.states.find((s) => s.energy.equals(exact('-Omega/2 + sqrt(Delta^2 + 2*J^2)', names)))!;
    const { c, s } = halfAngle('phi');
    const expected = [mul(c, c), mul(exact('sqrt(2)', []), c, s), mul(s, s)];
    const nonzero = top.vector.filter((x) => !x.isZero());
    expect(nonzero).toHaveLength(3);
    nonzero.forEach((x, k) => expect(x.equals(expected[k]), `component ${k}`).toBe(true));
    expectNumericAgreement(tilted, randomPoints(tilted, 8, 21, { Omega: [-40, 40], Delta: [-8, 8], J: [-4, 4] }));
  });

  it('4-site chain with hoppings √3J, 2J, √3J and detunings (3, 1, −1, −3)Δ/2 (spin 3/2; its two-excitation block is spin 2 ⊕ spin 0)', () => {
    const m = loadModel(
      {
        ...chain4,
        name: 'spin32',
        parameters: { ...chain4.parameters, Delta: { default: 3, kind: 'energy' } },
        system: {
          ...chain4.system,
          hamiltonian:
            'Omega/2*(sz(1) + sz(2) + sz(3) + sz(4)) + Delta/2*(3/2*sz(1) + 1/2*sz(2) - 1/2*sz(3) - 3/2*sz(4)) + J*(sqrt(3)*(sp(1)*sm(2) + sm(1)*sp(2)) + 2*(sp(2)*sm(3) + sm(2)*sp(3)) + sqrt(3)*(sp(3)*sm(4) + sm(3)*sp(4)))',
        },
      },
      'spin32.json',
    );
    const names = ['Omega', 'Delta', 'J'];
    for (const k of ['3/2', '1/2', '-1/2', '-3/2'])
      expect(
        m.states.some((s) => s.energy.equals(exact(`-Omega + ${k}*sqrt(Delta^2 + 4*J^2)`, names))),
        k,
      ).toBe(true);
    for (const k of ['2', '1', '0', '-1', '-2'])
      expect(
        m.states.some((s) => s.energy.equals(exact(`${k}*sqrt(Delta^2 + 4*J^2)`, names))),
        k,
      ).toBe(true);
    expectNumericAgreement(m, randomPoints(m, 5, 23, { Omega: [-40, 40], Delta: [-8, 8], J: [-4, 4] }));
  });

  it('the tilted chain derives, and its generator equals the brute-force Redfield generator at random points', () => {
    const json = {
      ...chain3,
      name: 'tilted',
      system: {
        ...chain3.system,
        hamiltonian:
          'Omega/2*(sz(1) + sz(2) + sz(3)) + Delta/2*(sz(1) - sz(3)) + J*(sp(1)*sm(2) + sm(1)*sp(2) + sp(2)*sm(3) + sm(2)*sp(3))',
      },
    };
    const next = rng(31);
    for (const approx of ['secular', 'nonsecular'] as const) {
      const d = derive(tilted, approx);
      for (let t = 0; t < 3; t++) {
        const p = {
          Omega: 20 + 20 * next(),
          Delta: -6 + 12 * next(),
          J: -3 + 6 * next(),
          gamma: 0.5 + next(),
          Ta: 1 + 30 * next(),
          Tb: 1 + 30 * next(),
        };
        const reference = bruteForceGenerator(json, p, approx).L;
        expect(
          maxAbsDiff(bareLiouvillian(tilted, d.generator, p), reference) / Math.max(1, maxAbs(reference)),
          `${approx} ${JSON.stringify(p)}`,
        ).toBeLessThan(1e-12);
      }
    }
  });
});

describe('resonant three-atom chain: the found basis equals the hand-derived one of derivations/examples/three-atom-chain.json', () => {
  const declared = loadModelFile('derivations/examples/three-atom-chain.json');
  const json = JSON.parse(readFileSync('derivations/examples/three-atom-chain.json', 'utf8'));
  const found = loadModel({ ...json, eigen: { frequencies: json.eigen.frequencies } }, 'three-atom-chain-found.json');

  it('same energies and, state by state, the same projectors |v><v| exactly (phases are free)', () => {
    expect(found.states).toHaveLength(8);
    for (const d of declared.states) {
      const matches = found.states.filter((f) => f.energy.equals(d.energy));
      expect(matches, d.name).toHaveLength(1);
      const f = matches[0];
      for (let i = 0; i < 8; i++)
        for (let k = 0; k < 8; k++) {
          const a = mul(d.vector[i], conj(d.vector[k]));
          const b = mul(f.vector[i], conj(f.vector[k]));
          expect(a.equals(b), `${d.name} (${i}, ${k})`).toBe(true);
        }
    }
  });

  it('the same five declared Bohr frequencies name the channel components', () => {
    expect(found.frequencies.map((f) => f.name)).toEqual(declared.frequencies.map((f) => f.name));
  });
});

describe('case A without hand work', () => {
  const numbersInH = {
    ...caseA,
    name: 'numbers',
    system: { ...caseA.system, hamiltonian: '15*sz(1) + 14*sz(2) + 2*(sp(1)*sm(2) + sm(1)*sp(2))' },
    eigen: undefined,
  };

  it('numbers written into H: the constant 2x2 block is solved in radicals (energies ±√5) and verified', () => {
    const m = loadModel(numbersInH, 'numbers.json');
    const e = m.states.map((s) => complexValue(m, s.energy, {})[0]);
    expect(e).toEqual([29, Math.sqrt(5), -Math.sqrt(5), -29].map((x) => expect.closeTo(x, 14)));
    expect(m.states[1].energy.equals(exact('sqrt(5)', []))).toBe(true);
    expectNumericAgreement(m, [{}]);
  });

  it('numbers in H agree with the symbolic Case A evaluated at Delta = 2, xi = 2 (same energies and populations of |eg>)', () => {
    const m = loadModel(numbersInH, 'numbers.json');
    const sym = loadModelFile('derivations/huangfu-jing/case-a.json');
    const p = { Omega: 29, Delta: 2, xi: 2, gamma: 1, Ta: 1, Tb: 2 };
    m.states.forEach((s, j) => {
      expect(complexValue(m, s.energy, p)[0]).toBeCloseTo(complexValue(sym, sym.states[j].energy, p)[0], 13);
      const mine = complexValue(m, s.vector[1], p)[0] ** 2;
      expect(mine).toBeCloseTo(complexValue(sym, sym.states[j].vector[1], p)[0] ** 2, 13);
    });
  });

  it('a constant mixing angle (cot theta = 1/2) with declared vectors is verified, not refused', () => {
    const declared = {
      ...numbersInH,
      eigen: {
        angles: { theta: { cot: '2/(2*2)' } },
        states: [
          { name: 'l1', energy: '29', vector: { ee: '1' } },
          { name: 'l2', energy: 'sqrt(2^2 + 4*2^2)/2', vector: { eg: 'cos(theta/2)', ge: 'sin(theta/2)' } },
          { name: 'l3', energy: '-sqrt(2^2 + 4*2^2)/2', vector: { eg: '-sin(theta/2)', ge: 'cos(theta/2)' } },
          { name: 'l4', energy: '-29', vector: { gg: '1' } },
        ],
      },
    };
    const m = loadModel(declared, 'constant-angle.json');
    // cos theta = 1/sqrt(5): cos(theta/2)^2 = (1 + 1/sqrt(5))/2
    const c = m.states[1].vector[1];
    expect(complexValue(m, c, {})[0]).toBeCloseTo(Math.cos(Math.atan2(2, 1) / 2), 15);
    expectNumericAgreement(m, [{}]);
    // a wrong sign is still caught
    declared.eigen.states[2].vector.eg = 'sin(theta/2)';
    expect(() => loadModel(declared, 'constant-angle.json')).toThrow(
      /constant-angle\.json: eigen\.states: states l2 and l3 are not orthogonal|not an eigenvector/,
    );
  });

  it('resonant Case A written with Delta = 0 (cot theta = 0) finds (|eg> ± |ge>)/√2 with energies ±xi', () => {
    const m = loadModel(
      {
        ...caseA,
        name: 'resonant',
        system: { ...caseA.system, hamiltonian: 'Omega/2*(sz(1) + sz(2)) + xi*(sp(1)*sm(2) + sm(1)*sp(2))' },
        eigen: undefined,
      },
      'resonant.json',
    );
    expect(m.angles).toEqual([]);
    expect(m.states[1].energy.equals(exact('xi', ['xi']))).toBe(true);
    expect(m.states[1].vector[1].equals(exact('sqrt(2)/2', []))).toBe(true);
    expectNumericAgreement(m, randomPoints(m, 4, 5, { Omega: [10, 40], xi: [-3, 3] }));
  });
});

describe('complex and radical entries', () => {
  it('an imaginary coupling i*xi*(sp1 sm2 - sm1 sp2) with detuning: the pair is made real by a phase, then one angle', () => {
    const m = loadModel(
      {
        ...caseA,
        name: 'imaginary',
        system: { ...caseA.system, hamiltonian: 'omega1/2*sz(1) + omega2/2*sz(2) + i*xi*(sp(1)*sm(2) - sm(1)*sp(2))' },
        eigen: undefined,
      },
      'imaginary.json',
    );
    expect(m.angles).toHaveLength(1);
    expect(m.states[1].energy.equals(exact('sqrt(Delta^2 + 4*xi^2)/2', ['Delta', 'xi']))).toBe(true);
    expectNumericAgreement(m, randomPoints(m, 5, 11, { Omega: [10, 40], Delta: [-6, 6], xi: [-3, 3] }));
  });

  it('numbers with radicals in H (sqrt(2) couplings, a 3-level block with eigenvalues 0, ±2) are solved and verified', () => {
    const m = loadModel(
      {
        name: 'lambda3',
        parameters: { g: { default: 1 } },
        system: {
          levels: ['d', 'a', 'b', 'c'],
          hamiltonian: '10*ketbra(d,d) + sqrt(2)*(ketbra(a,b) + ketbra(b,a) + ketbra(b,c) + ketbra(c,b))',
        },
        channels: { x: { operator: 'ketbra(a, d)' } },
        baths: { x: { temperature: '1', spectrum: { x: 'g' } } },
      },
      'lambda3.json',
    );
    expect(m.states.map((s) => complexValue(m, s.energy, { g: 1 })[0])).toEqual([10, 2, 0, -2].map((x) => expect.closeTo(x, 14)));
    expect(m.frequencies).toHaveLength(3);
    expectNumericAgreement(m, [{ g: 1 }]);
  });
});

describe('blocks with no exact form: refused under "eigen": "exact", with a message that names the file and the field', () => {
  const levels = (hamiltonian: string, parameters: Record<string, unknown> = { g: { default: 1 } }) => ({
    name: 'v3',
    parameters,
    system: { levels: ['a', 'b', 'c'], hamiltonian },
    eigen: 'exact',
    channels: { x: { operator: 'ketbra(c, a)' } },
    baths: { x: { temperature: '1', spectrum: { x: '1' } } },
  });
  it('a numeric 3x3 block with an irreducible cubic', () => {
    expect(() =>
      loadModel(levels('ketbra(a,a) + 2*ketbra(b,b) + 4*ketbra(c,c) + ketbra(a,b) + ketbra(b,a) + ketbra(b,c) + ketbra(c,b)'), 'v3.json'),
    ).toThrow(
      /^v3\.json: eigen: H couples a, b, c in one block of size 3; its eigenvalue .* does not split into factors of degree <= 2 .*declare eigen\.states or write "eigen": "numeric"/,
    );
  });
  it('a parametric 3x3 block with no symmetry', () => {
    const params = { e1: { default: 1 }, e2: { default: 2 }, g: { default: 1 } };
    expect(() =>
      loadModel(levels('e1*ketbra(a,a) + e2*ketbra(b,b) + g*(ketbra(a,b) + ketbra(b,a) + ketbra(b,c) + ketbra(c,b))', params), 'v3.json'),
    ).toThrow(/^v3\.json: eigen: H couples a, b, c in one block of size 3; it has a 3-dimensional part with no symmetry that splits it/);
  });
});

describe('messages that say what to do', () => {
  const resonant = (vector: Record<string, string>[], energy = ['xi', '-xi']) => ({
    ...caseA,
    name: 'resonant',
    system: { ...caseA.system, hamiltonian: 'Omega/2*(sz(1) + sz(2)) + xi*(sp(1)*sm(2) + sm(1)*sp(2))' },
    eigen: {
      states: [
        { name: 'ee', energy: 'Omega', vector: { ee: '1' } },
        { name: 'plus', energy: energy[0], vector: vector[0] },
        { name: 'minus', energy: energy[1], vector: vector[1] },
        { name: 'gg', energy: '-Omega', vector: { gg: '1' } },
      ],
    },
  });

  it('declared decimals: the residual is shown as a short decimal and the message says decimals are exact rationals', () => {
    const d = '0.7071067811865476';
    let message = '';
    try {
      loadModel(
        resonant([
          { eg: d, ge: d },
          { eg: d, ge: `-${d}` },
        ]),
        'decimals.json',
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^decimals\.json: eigen\.states: state plus is not normalised: <v\|v> = ≈ 1\.0000000000000002 \(its exact form has \d+ characters\)\. The declared states contain long decimals, which are exact rationals here/,
    );
    expect(message).toMatch(/write exact values such as sqrt\(2\)\/2, or omit eigen\.states/);
  });

  it('division by a radical is exact (1/sqrt(2)); division by a parameter says how to write it instead', () => {
    expect(
      loadModel(
        resonant([
          { eg: '1/sqrt(2)', ge: '1/sqrt(2)' },
          { eg: '1/sqrt(2)', ge: '-1/sqrt(2)' },
        ]),
        'r.json',
      ).states,
    ).toHaveLength(4);
    expect(() => loadModel({ ...caseA, system: { ...caseA.system, hamiltonian: 'Omega/xi*sz(1)' } }, 'div.json')).toThrow(
      /^div\.json: system\.hamiltonian: only division by a nonzero number is exact here: "Omega \/ xi" divides by "xi", which depends on parameters\. Multiply through instead, or make the quotient a parameter of its own/,
    );
  });
});

describe('constant mixing angles have exact half-angle values (constantAngleValues)', () => {
  const angle = (numerator: string, denominator: string) => ({
    name: 'chi',
    latex: '\\chi',
    numerator: exact(numerator, []),
    denominator: exact(denominator, []),
  });
  const values = (numerator: string, denominator: string) => {
    const v = constantAngleValues([angle(numerator, denominator)]);
    const { c, s } = halfAngle('chi');
    return { c: v.get([...c.variables()][0])!, s: v.get([...s.variables()][0])! };
  };
  it('cot = 1/sqrt(3) (θ = 60°): cos(θ/2) = √3/2, sin(θ/2) = 1/2 exactly', () => {
    const { c, s } = values('1', 'sqrt(3)');
    expect(c.equals(exact('sqrt(3)/2', []))).toBe(true);
    expect(s.equals(exact('1/2', []))).toBe(true);
  });
  it('θ = atan2(D, N) in every quadrant: c² + s² = 1 exactly, values as Math.cos/sin, s < 0 for D < 0', () => {
    for (const [n, d] of [
      ['-1', '1'],
      ['1', '-1'],
      ['-3', '-4'],
      ['2', '1'],
      ['-1', '0'],
      ['0', '5'],
    ]) {
      const { c, s } = values(n, d);
      expect(add(mul(c, c), mul(s, s)).equals(exact('1', [])), `${n}/${d}`).toBe(true);
      const theta = Math.atan2(Number(d), Number(n));
      expect(constantValue(c)[0], `${n}/${d}`).toBeCloseTo(Math.cos(theta / 2), 14);
      expect(constantValue(s)[0], `${n}/${d}`).toBeCloseTo(Math.sin(theta / 2), 14);
    }
  });
});
