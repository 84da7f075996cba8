// At equal bath temperatures the derived generator has the Gibbs state as a steady state (detailed
// balance of Γ⁺ = e^{−ω/T} Γ⁻, seed 001 Eq. 17–18), for the secular, partial-secular and Redfield forms of every
// model (the ULE and the local equation only approximately: test/derive/approximations.test.ts measures how well).
import { describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/model/load.ts';
import { derive } from '../../src/derive/redfield.ts';
import { applicableApproximations } from '../../src/derive/approx.ts';
import { derivationModels } from '../../src/model/files.ts';
import { eigenLiouvillian, defaultsWith } from '../support/numericGenerator.ts';
import { complexValue } from '../../src/model/evaluate.ts';

const models = derivationModels();

describe.each(models)('%s', (file) => {
  const model = loadModelFile(file);
  const exactlyThermal = applicableApproximations(model, false).filter(
    (a) => a === 'secular' || a === 'nonsecular' || a === 'partial-secular',
  );
  it.each(exactlyThermal)('%s: L ρ_Gibbs = 0 at equal temperatures, ≠ 0 when they differ', (approx) => {
    const d = derive(model, approx);
    const g = d.generator;
    const n = model.states.length;
    const temps = model.parameters.filter((p) => p.kind === 'temperature');
    for (const T of [0.7, 3, 25]) {
      const params = defaultsWith(d.model, Object.fromEntries(temps.map((p) => [p.name, T])));
      const L = eigenLiouvillian(d.model, g, params);
      const energies = model.states.map((s) => complexValue(d.model, s.energy, params)[0]);
      const e0 = Math.min(...energies);
      const w = energies.map((e) => Math.exp(-(e - e0) / T));
      const z = w.reduce((a, b) => a + b, 0);
      let worst = 0;
      let scale = 0;
      for (let r = 0; r < n * n; r++) {
        let re = 0;
        let im = 0;
        for (let a = 0; a < n; a++) {
          re += L.re[r * n * n + a * n + a] * (w[a] / z);
          im += L.im[r * n * n + a * n + a] * (w[a] / z);
        }
        worst = Math.max(worst, Math.hypot(re, im));
        for (let c = 0; c < n * n; c++) scale = Math.max(scale, Math.hypot(L.re[r * n * n + c], L.im[r * n * n + c]));
      }
      expect(worst / scale).toBeLessThan(1e-12);
    }
    if (temps.length > 1) {
      const params = defaultsWith(d.model, Object.fromEntries(temps.map((p, i) => [p.name, 1 + 3 * i])));
      const L = eigenLiouvillian(d.model, g, params);
      const energies = model.states.map((s) => complexValue(d.model, s.energy, params)[0]);
      const w = energies.map((e) => Math.exp(-(e - Math.min(...energies)) / 1));
      let worst = 0;
      for (let r = 0; r < n * n; r++) {
        let re = 0;
        for (let a = 0; a < n; a++) re += L.re[r * n * n + a * n + a] * w[a];
        worst = Math.max(worst, Math.abs(re));
      }
      expect(worst).toBeGreaterThan(1e-9);
    }
  });
});
