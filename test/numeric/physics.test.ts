// The physics check at every solved point (src/numeric/physics.ts) and its use by solve, evolve and sweep: a Bohr
// frequency made negative by --set, a temperature expression negative at the point, and a negative spectrum are
// each an error for solve and evolve, and NaN with a reason and a header count in a sweep; physical points pass.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhysicsCheck, negativeRate, unphysicalReason } from '../../src/numeric/physics.ts';
import type { GeneratedModel } from '../../src/numeric/generatedModel.ts';
import { main } from '../../src/cli/main.ts';
import { importModule } from '../support/generatedModules.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-physics-'));
const cache = join(dir, 'cache');
const gen = (): Promise<GeneratedModel> => importModule('derivations/generated/huangfu-jing-case-a.nonsecular.ts');
const point = (g: GeneratedModel, set: Record<string, number>) => ({
  ...Object.fromEntries(g.parameters.map((p) => [p.name, p.default])),
  ...set,
});
const fill = (g: GeneratedModel, p: Record<string, number>) => {
  const L = new Float64Array(2 * g.dimension ** 4);
  g.liouvillian(p, L);
  return L;
};

describe('negativeRate', () => {
  it('none on a physical grid of Case A (Ta, Tb from 0 to 100, Delta ±10)', async () => {
    const g = await gen();
    for (const Ta of [0, 0.5, 10, 100])
      for (const Tb of [0, 3, 60])
        for (const Delta of [-10, 0, 10]) expect(negativeRate(fill(g, point(g, { Ta, Tb, Delta })), 4)).toBeUndefined();
  });
  it('Omega = 1 makes eps1 = Omega - sqrt(Delta^2 + 4 xi^2)/2 negative: the rate lambda2 -> lambda1 is negative, from both baths', async () => {
    const g = await gen();
    const p = point(g, { Omega: 1, Ta: 10, Tb: 60 });
    const r = negativeRate(fill(g, p), 4)!;
    expect(r).toMatchObject({ to: 0, from: 1 });
    expect(r.rate).toBeLessThan(-1);
    // the check names the cause: the Bohr frequency eps2 = Omega - 2 has changed sign
    expect(unphysicalReason(g, p, fill(g, p))).toMatch(
      /^the Bohr frequency eps2 is -1 at Omega=1, .*Ta=10, Tb=60, not > 0: the derivation took it positive/,
    );
    expect(new PhysicsCheck(g).problem(p, fill(g, p))).toEqual({ rate: NaN, bohr: { frequency: 'eps2', value: -1 } });
    // just above the threshold Omega = sqrt(Delta^2 + 4 xi^2)/2 = 2 it is physical again
    expect(negativeRate(fill(g, point(g, { Omega: 2.001 })), 4)).toBeUndefined();
  });
  it('gamma = 1e200: out of range, said so (not "nullity 16")', async () => {
    const g = await gen();
    const p = point(g, { gamma: 1e200 });
    expect(negativeRate(fill(g, p), 4)!.outOfRange).toBeGreaterThan(1e200);
    expect(unphysicalReason(g, p, fill(g, p))).toMatch(
      /^the generator's rates reach 7\.\d+e\+200 at .*out of the range the solvers handle \(at most 1e\+100\)/,
    );
  });
  it('a non-finite generator (gamma = 1e308 overflows) is reported as such', async () => {
    const g = await gen();
    const p = point(g, { gamma: 1e308, Ta: 1e10 });
    const r = negativeRate(fill(g, p), 4);
    expect(r && Number.isNaN(r.rate)).toBe(true);
    expect(unphysicalReason(g, p, fill(g, p))).toMatch(/^the generator is not finite at/);
  });
});

describe('solve, evolve and sweep at unphysical points', () => {
  let err: string[] = [];
  let out: string[] = [];
  beforeEach(() => {
    err = [];
    out = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it('solve --set Omega=1 and evolve: exit 2 naming the rate', async () => {
    expect(await main(['solve', CASE_A, '--cache', cache, '--set', 'Omega=1'])).toBe(2);
    expect(err.join('\n')).toMatch(/bornmarkov: the Bohr frequency eps2 is -1 at Omega=1, .* not > 0/);
    err = [];
    expect(await main(['evolve', CASE_A, '--cache', cache, '--set', 'Omega=1', '--t', '0:1:2'])).toBe(2);
    expect(err.join('\n')).toMatch(/the Bohr frequency eps2 is -1/);
  });

  it('a temperature expression negative at the solved point ("Ta - 5" at Ta = 1) and a negative spectrum', async () => {
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    json.name = 'test-negative-temperature';
    json.parameters.Ta.default = 10;
    json.baths.a.temperature = 'Ta - 5';
    const model = join(dir, 'negative-t.json');
    writeFileSync(model, JSON.stringify(json));
    expect(await main(['solve', model, '--cache', cache, '--set', 'Ta=10'])).toBe(0);
    err = [];
    expect(await main(['solve', model, '--cache', cache, '--set', 'Ta=1'])).toBe(2);
    // the total rates are positive here (bath b at 60 outweighs bath a at -4): the bath's own temperature is checked
    expect(err.join('\n')).toMatch(/the temperature of bath a is -4 < 0 at .*Ta=1/);
    const spectrum = structuredClone(JSON.parse(readFileSync(CASE_A, 'utf8')));
    spectrum.name = 'test-negative-spectrum';
    spectrum.baths.b.spectrum.b = '2*gamma*(Delta + 1)';
    const model2 = join(dir, 'negative-s.json');
    writeFileSync(model2, JSON.stringify(spectrum));
    err = [];
    expect(await main(['solve', model2, '--cache', cache, '--set', 'Delta=-3'])).toBe(2);
    expect(err.join('\n')).toMatch(/the spectrum of bath b \(b\) is -4\.00 < 0 at the Bohr frequency eps1 at .*Delta=-3/);
  });

  it('sweep across the threshold: NaN and a reason at the unphysical points, counted in the header', async () => {
    const csv = join(dir, 'omega.csv');
    expect(await main(['sweep', CASE_A, '--cache', cache, '--grid', 'Omega=0:4:5', '--observable', 'abs(rho[2][1])', '--out', csv])).toBe(
      0,
    );
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toContain('# unphysicalPoints: 3');
    const rows = lines.filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe('Omega,abs(rho[2][1]),reason');
    // Omega = 0, 1 are below the threshold 2; Omega = 2 sits on it (eps2 = 0: the Planck number would be infinite)
    expect(rows[1]).toBe('0,NaN,Bohr frequency eps2 = -2.00 <= 0 (levels degenerate or crossed)');
    expect(rows[2]).toBe('1,NaN,Bohr frequency eps2 = -1.00 <= 0 (levels degenerate or crossed)');
    expect(rows[3]).toBe('2,NaN,Bohr frequency eps2 = 0.00 <= 0 (levels degenerate or crossed)');
    expect(rows[4]).toMatch(/^3,0\.\d+,$/);
    expect(rows[5]).toMatch(/^4,0\.\d+,$/);
    expect(err.join('\n')).toMatch(/3 of 5 points have an unphysical generator/);
  });

  it('a cross spectrum beyond sqrt(J_11 J_22) at the solved point (V model, fL = 1.5): not positive semidefinite, in solve and in a sweep', async () => {
    const V = 'derivations/li-cai-sun/v.json';
    expect(await main(['solve', V, '--cache', cache, '--set', 'fL=1.5'])).toBe(2);
    expect(err.join('\n')).toMatch(
      /the spectral matrix of bath L \(1, 2\) is not positive semidefinite at the Bohr frequency eps1 at .*fL=1\.5.*: smallest eigenvalue -0\.00303/,
    );
    const csv = join(dir, 'fl.csv');
    expect(await main(['sweep', V, '--cache', cache, '--grid', 'fL=0.5:1.5:3', '--observable', 'l1', '--out', csv])).toBe(0);
    const rows = readFileSync(csv, 'utf8')
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(rows[1]).toMatch(/^0\.5,0\.0\d+,$/);
    expect(rows[2]).toMatch(/^1,0\.0\d+,$/);
    expect(rows[3]).toBe('1.5,NaN,spectrum of bath L not positive semidefinite at eps1 (smallest eigenvalue -0.00303)');
  });

  it('Hermitian couplings: a Bohr frequency that reaches 0 (Kato–Tanimura at J12 = eps) is refused by name, not solved into NaN', async () => {
    expect(await main(['solve', 'derivations/examples/kato-tanimura.json', '--cache', cache, '--set', 'J12=1'])).toBe(2);
    expect(err.join('\n')).toMatch(/the Bohr frequency w1 is 0 at eps=1, J12=1.*not > 0.*at 0 two levels are degenerate/);
    err = [];
    expect(await main(['solve', 'derivations/examples/kato-tanimura.json', '--cache', cache, '--set', 'J12=0.5'])).toBe(0);
  });
});
