// Eigenstructure: found automatically for 2×2-block Hamiltonians, equal (exactly) to the declared one of
// seed 000 Eq. (2); Bohr frequencies recognised as the same exact value (λ1−λ3 = λ2−λ4 = ε1).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModel, loadModelFile } from '../../src/model/load.ts';
import { sub } from '../../src/algebra/expr.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { checkPublished } from '../../src/check/compare.ts';

const caseA = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8'));

describe('seed 000 eigenstructure', () => {
  const declared = loadModelFile('derivations/huangfu-jing/case-a.json');
  const auto = loadModel(
    { ...caseA, eigen: { frequencies: { eps1: 'Omega + sqrt(Delta^2 + 4*xi^2)/2', eps2: 'eg_ge_m - gg' } } },
    'auto-case-a.json',
  );

  it("an undeclared 2×2 block gets θ with cot θ = Δ/2ξ and the paper's vectors and energies, exactly", () => {
    expect(auto.angles.map((a) => a.name)).toEqual(['theta']);
    expect(auto.states.map((s) => s.name)).toEqual(['ee', 'eg_ge_p', 'eg_ge_m', 'gg']);
    auto.states.forEach((s, j) => {
      expect(sub(s.energy, declared.states[j].energy).isZero()).toBe(true);
      s.vector.forEach((x, i) => expect(sub(x, declared.states[j].vector[i]).isZero()).toBe(true));
    });
  });

  it('λ1 − λ3 and λ2 − λ4 are one frequency ε1, λ1 − λ2 and λ3 − λ4 are ε2', () => {
    const e = declared.states.map((s) => s.energy);
    const eps1 = declared.frequencies.find((f) => f.name === 'eps1')!.value;
    const eps2 = declared.frequencies.find((f) => f.name === 'eps2')!.value;
    expect(sub(e[0], e[2]).equals(eps1)).toBe(true);
    expect(sub(e[1], e[3]).equals(eps1)).toBe(true);
    expect(sub(e[0], e[1]).equals(eps2)).toBe(true);
    expect(sub(e[2], e[3]).equals(eps2)).toBe(true);
    expect(eps1.equals(eps2)).toBe(false);
    expect(declared.frequencies.filter((f) => !f.declared)).toEqual([]);
  });

  it('the published Case A table also checks against the automatically found eigenbasis', () => {
    const r = checkPublished(loadPublishedFile('derivations/huangfu-jing/case-a.published.json', auto), 'nonsecular');
    expect(r.ok).toBe(true);
  });

  it('the resonant three-atom chain verifies its √2 eigenvectors exactly and finds five Bohr frequencies', () => {
    const chain = loadModelFile('derivations/examples/three-atom-chain.json');
    expect(chain.states).toHaveLength(8);
    expect(chain.frequencies).toHaveLength(5);
    expect(chain.baths).toHaveLength(3);
  });
});
