// Hermitian couplings and general spectra in model files (src/model/load.ts, spectraCheck.ts): what loads,
// what is found (signed frequencies, S(0) limits), and every bad input refused with the file, the field and
// what was expected. Each bad model is a copy of derivations/examples/spin-boson.json or kato-tanimura.json
// with one thing broken.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadModel } from '../../src/model/load.ts';
import { ModelError } from '../../src/model/model.ts';
import { derive } from '../../src/derive/redfield.ts';
import { mul, num, symbol } from '../../src/algebra/expr.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => JSON.parse(readFileSync(join(ROOT, 'derivations/examples', f), 'utf8'));
const spinBoson = (edit: (j: any) => void = () => {}) => {
  const j = read('spin-boson.json');
  edit(j);
  return j;
};
const kato = (edit: (j: any) => void = () => {}) => {
  const j = read('kato-tanimura.json');
  edit(j);
  return j;
};

function refusal(json: any): ModelError {
  try {
    loadModel(json, 'bad.json');
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw new Error(`expected a ModelError, got ${(e as Error).message}`);
  }
  throw new Error('the bad input was accepted');
}

describe('models with Hermitian couplings', () => {
  it('spin-boson: sigma_z splits into A(ω1), A(0), A(−ω1); S(0) = 2ηT exactly (J ∝ ω)', () => {
    const m = loadModel(spinBoson(), 'sb.json');
    expect(m.couplings.map((c) => c.name)).toEqual(['z']);
    expect(m.frequencies.map((f) => f.name)).toEqual(['w1']);
    const z = m.baths[0]!.zeroLimits.get('z,z')!;
    expect(z.power).toBe(1);
    expect(z.exact!.equals(mul(num(2), symbol('T'), symbol('eta')))).toBe(true);
    const d = derive(m, 'nonsecular');
    expect(d.components.map((c) => c.freq.name)).toEqual(['w1', '0', '-w1']);
  });

  it('Kato–Tanimura: no zero-frequency components, so no S(0); cross terms of two baths never appear', () => {
    const m = loadModel(kato(), 'kt.json');
    expect(m.baths.every((b) => b.zeroLimits.size === 0)).toBe(true);
    const d = derive(m, 'nonsecular');
    for (const p of d.pairs) expect(p.aLabel.channel).toBe(p.bLabel.channel);
  });

  it('a super-Ohmic dephasing spectrum (J ∝ ω³) has S(0) = 0 exactly', () => {
    const m = loadModel(
      spinBoson((j) => (j.baths.b.spectrum.z = 'eta*w^3*exp(-w/wc)/wc^2')),
      'sb3.json',
    );
    expect(m.baths[0]!.zeroLimits.get('z,z')!.exact!.isZero()).toBe(true);
  });
});

describe('bad couplings and spectra are refused with the field named', () => {
  it.each([
    [
      'a non-Hermitian coupling',
      (j: any) => (j.couplings.z.operator = 'ketbra(e, g)'),
      'couplings.z.operator',
      /needs A = A†.*write a channel/,
    ],
    ['a zero coupling', (j: any) => (j.couplings.z.operator = '0*ketbra(e, g)'), 'couplings.z.operator', /zero/],
    [
      'a sub-Ohmic dephasing spectrum (S(0) diverges)',
      (j: any) => (j.baths.b.spectrum.z = 'eta*w^0.5*exp(-w/wc)'),
      'baths.b.spectrum.z',
      /S\(0\) = lim 2 J\(w\) N\(w\) diverges: J ~ w\^0.5/,
    ],
    ['a negative spectrum', (j: any) => (j.baths.b.spectrum.z = '-eta*w*exp(-w/wc)'), 'baths.b.spectrum.z', /must be >= 0; it is -/],
    [
      'an unknown function',
      (j: any) => (j.baths.b.spectrum.z = 'eta*w*erfc(w)'),
      'baths.b.spectrum.z',
      /unknown function "erfc" \(a spectrum may use exp/,
    ],
    ['a cancellation at ω → 0', (j: any) => (j.baths.b.spectrum.z = 'eta*(exp(w) - 1)'), 'baths.b.spectrum.z', /leading terms .* cancel/],
    ['a lambShift that is not a boolean', (j: any) => (j.lambShift = 'yes'), 'lambShift', /true or false/],
  ])('%s', (_what, edit, field, detail) => {
    const e = refusal(spinBoson(edit));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(detail);
    expect(e.message.startsWith(`bad.json: ${field}: `)).toBe(true);
  });

  it('a message does not repeat its field', () => {
    const e = refusal(spinBoson((j) => (j.baths.b.spectrum.z = 'eta*w*erfc(w)')));
    expect(e.message.split('baths.b.spectrum.z').length).toBe(2);
  });

  it('a cross spectrum that is not positive semidefinite, and one whose two orders are not conjugate', () => {
    const both = (j: any) => {
      j.baths.h.spectrum = { x1: '2*lam*gam*w/(w^2 + gam^2)', x2: '2*lam*gam*w/(w^2 + gam^2)', 'x1,x2': '3*lam*gam*w/(w^2 + gam^2)' };
      delete j.baths.c;
    };
    const psd = refusal(kato(both));
    expect(psd.field).toBe('baths.h.spectrum');
    expect(psd.message).toMatch(/not positive semidefinite .* \|J_kl\|\^2 <= J_kk J_ll/);
    const conj = refusal(
      kato((j) => {
        both(j);
        j.baths.h.spectrum['x1,x2'] = 'lam*gam*w/(w^2 + gam^2)*exp(i)';
        j.baths.h.spectrum['x2,x1'] = 'lam*gam*w/(w^2 + gam^2)*exp(i)';
      }),
    );
    expect(conj.field).toBe('baths.h.spectrum.x2,x1');
    expect(conj.message).toMatch(/complex conjugate/);
  });

  it('one bath cannot couple a channel and a Hermitian coupling', () => {
    const e = refusal(
      spinBoson((j) => {
        j.channels = { lower: { operator: 'ketbra(g, e)' } };
        j.baths.b.spectrum.lower = 'eta';
      }),
    );
    expect(e.message).toMatch(/either RWA channels or Hermitian couplings, not both/);
  });

  it('a lowering-operator refusal points to Hermitian couplings', () => {
    const e = refusal(
      spinBoson((j) => {
        j.channels = { x: { operator: 'ketbra(e, g) + ketbra(g, e)' } };
        j.baths.b.spectrum = { x: 'eta' };
        delete j.couplings;
      }),
    );
    expect(e.message).toMatch(/not a lowering operator.*write it under "couplings"/);
  });

  it('the Lamb shift of a model without couplings, and of a polynomial spectrum, is refused with the reason', () => {
    const caseA = JSON.parse(readFileSync(join(ROOT, 'derivations/huangfu-jing/case-a.json'), 'utf8'));
    expect(refusal({ ...caseA, lambShift: true }).message).toMatch(/Lamb shift is available for Hermitian couplings/);
    const flat = loadModel(
      spinBoson((j) => (j.baths.b.spectrum.z = 'eta*w^3')),
      'flat.json',
    );
    expect(() => derive(flat, 'nonsecular', { lambShift: true })).toThrow(/principal value .* polynomial spectrum does not converge/);
  });
});
