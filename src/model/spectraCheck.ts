// Physical admissibility of the bath spectra, checked numerically at the default parameters when a model
// loads: auto-spectra are rates (≥ 0), the spectrum matrix of each bath is positive semidefinite at every
// Bohr frequency (a cross spectrum cannot exceed √(J_kk J_ll)), and where a file gives both "k,l" and "l,k"
// they are complex conjugates. Errors name the bath, the entry and the frequency.
import type { Model } from './model.ts';
import { numericValue } from './evaluate.ts';
import { type SpectralDensity, spectrumFunction } from '../bath/spectrum.ts';
import { hermitianEigen } from '../numeric/eigen.ts';
import { zeros } from '../numeric/complexMatrix.ts';

export function checkSpectra(
  model: Model,
  defaults: Record<string, number>,
  pairsGivenTwice: { bath: string; key: string; forward: SpectralDensity; backward: SpectralDensity }[],
  fail: (field: string, detail: string) => never,
): void {
  const scalar = (x: string): number => defaults[x] ?? numericValue(model, model.definitions.get(x)!, defaults);
  const at = (sd: SpectralDensity) => spectrumFunction(sd, scalar);
  const freqs = model.frequencies.map((f) => ({ name: f.name, w: numericValue(model, f.value, defaults) }));
  for (const p of pairsGivenTwice) {
    for (const { name, w } of freqs) {
      const [a, b] = at(p.forward)(w);
      const [c, d] = at(p.backward)(w);
      if (Math.abs(a - c) + Math.abs(b + d) > 1e-9 * (Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(d) + 1e-300)) {
        const [k, l] = p.key.split(',');
        fail(
          `baths.${p.bath}.spectrum.${l},${k}`,
          `must be the complex conjugate of spectrum.${k},${l} (the spectral matrix is Hermitian): at ${name} = ${w} they are ${c} + ${d}i and ${a} + ${b}i; give only "${k},${l}"`,
        );
      }
    }
  }
  for (const b of model.baths) {
    const ops = [...new Set([...b.spectrum.keys()].flatMap((k) => k.split(',')))];
    for (const { name, w } of freqs) {
      const m = ops.length;
      const M = zeros(m);
      for (const [key, sd] of b.spectrum) {
        const [k, l] = key.split(',');
        const [re, im] = at(sd)(w);
        const field = `baths.${b.name}.spectrum.${k === l ? k : key}`;
        if (!Number.isFinite(re) || !Number.isFinite(im)) fail(field, `not finite at ${name} = ${w} (default parameters)`);
        if (k === l && !(re >= 0))
          fail(field, `an auto-spectrum is a rate and must be >= 0; it is ${re} at ${name} = ${w} at the default parameters`);
        const i = ops.indexOf(k);
        const j = ops.indexOf(l);
        M.re[i * m + j] = re;
        M.im[i * m + j] = im;
        M.re[j * m + i] = re;
        M.im[j * m + i] = -im;
      }
      if (m < 2) continue;
      const { values } = hermitianEigen(M);
      const scale = Math.max(...Array.from(values, Math.abs));
      if (values[0] < -1e-12 * scale) {
        fail(
          `baths.${b.name}.spectrum`,
          `the spectral matrix of (${ops.join(', ')}) is not positive semidefinite at ${name} = ${w} (default parameters): smallest eigenvalue ${values[0]}; a cross spectrum must satisfy |J_kl|^2 <= J_kk J_ll`,
        );
      }
    }
  }
}
