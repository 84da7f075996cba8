// The JSON target (src/emit/json.ts): for every model and approximation, the emitted file is valid JSON with
// the model, the approximation, parameters, basis, frequencies, the paper-form and Lindblad-like coefficients
// and the element equations; every expression in it re-parses (with the parser of published files) to the
// very same exact expression; the element equations are the derived generator, entry for entry; and evaluated
// at a parameter point they give the generated module's liouvillian and coefficients(). It reads the committed files
// in derivations/generated, which test/emit/generated.test.ts proves equal to a fresh emission.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Expr, conj } from '../../src/algebra/expr.ts';
import { evaluateText } from '../../src/algebra/parse.ts';
import { publishedScalars } from '../../src/check/published.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { isZeroExact, priceBathAtom } from '../../src/bath/correlators.ts';
import { PAPER_APPROXIMATIONS, applicableApproximations } from '../../src/derive/approx.ts';
import { deriveTable, variantName } from '../../src/derive/table.ts';
import { jsonTable, lindbladNames } from '../../src/emit/json.ts';
import { vecBlocks } from '../../src/emit/typescript.ts';
import { DEFAULT_OUT } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import type { Params } from '../../src/numeric/generatedModel.ts';
import { importModule } from '../support/generatedModules.ts';

const models = derivationModels();

// numeric-eigenbasis models are left out: the reader does not know the E/Mre/Sec atoms yet
describe.each(models.filter((f) => loadModelFile(f).eigenMode !== 'numeric'))('%s', (file) => {
  const model = loadModelFile(file);
  const n = model.states.length;
  const parse = (text: string, field: string): Expr => evaluateText(text, publishedScalars(model, field));

  // the papers' two forms: the published-file reader that re-reads the JSON knows their atoms and frequencies
  describe.each(applicableApproximations(model, false).filter((a) => PAPER_APPROXIMATIONS.includes(a)))('%s', (approx) => {
    const table = deriveTable(model, approx);
    // the committed file, which test/emit/generated.test.ts proves to be jsonText(table) byte for byte
    const text = readFileSync(join(DEFAULT_OUT, `${model.name}.${variantName(approx, false)}.json`), 'utf8');
    const json = JSON.parse(text);

    it('is valid JSON, the same object as jsonTable, two-space indented with a final newline', () => {
      expect(json).toEqual(JSON.parse(JSON.stringify(jsonTable(table))));
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n')[1]).toBe('  "generator": "bornmarkov",');
    });

    it('names the model, approximation, parameters, bases, angles, frequencies and baths', () => {
      expect(json.model).toBe(model.name);
      expect(json.approx).toBe(approx);
      expect(json.title).toBe(model.title);
      expect(json.unit).toBe(model.unit);
      expect(json.parameters.map((p: any) => [p.name, p.kind, p.default, p.latex])).toEqual(
        model.parameters.map((p) => [p.name, p.kind, p.default, p.latex]),
      );
      expect(json.bareBasis).toEqual(model.basis);
      expect(json.basis.map((s: any) => s.name)).toEqual(model.states.map((s) => s.name));
      json.basis.forEach((s: any, i: number) =>
        expect(parse(s.energy, `basis[${i}]`).equals(model.states[i]!.energy), s.energy).toBe(true),
      );
      expect(json.angles.map((a: any) => a.name)).toEqual(model.angles.map((a) => a.name));
      json.angles.forEach((a: any, i: number) => {
        expect(parse(a.cot.numerator, 'cot').equals(model.angles[i]!.numerator)).toBe(true);
        expect(parse(a.cot.denominator, 'cot').equals(model.angles[i]!.denominator)).toBe(true);
      });
      expect(json.frequencies.map((f: any) => f.name)).toEqual(model.frequencies.map((f) => f.name));
      expect(json.frequencies.length).toBeGreaterThan(0);
      json.frequencies.forEach((f: any, i: number) =>
        expect(parse(f.value, `frequencies[${i}]`).equals(model.frequencies[i]!.value), f.value).toBe(true),
      );
      expect(json.baths.map((b: any) => b.name)).toEqual(model.baths.map((b) => b.name));
      json.baths.forEach((b: any, i: number) => expect(parse(b.temperature, 'baths').equals(model.baths[i]!.temperature)).toBe(true));
    });

    it('every paper-form and Lindblad-like coefficient re-parses to the same exact expression', () => {
      expect(json.paperForm.length).toBe(table.paper.terms.length);
      expect(json.paperForm.length).toBeGreaterThan(0);
      table.paper.terms.forEach((t, i) => {
        const j = json.paperForm[i];
        expect(j.name).toBe(t.name);
        expect(parse(j.coefficient, j.name).equals(t.coef), `${j.name} = ${j.coefficient}`).toBe(true);
        expect(j.items.length).toBeGreaterThan(0);
        for (const it of j.items) for (const k of it.indices) expect(k >= 1 && k <= n).toBe(true);
      });
      const names = lindbladNames(table);
      expect(json.lindblad.rates.map((r: any) => r.name)).toEqual(names.rates);
      expect(json.lindblad.hc.map((h: any) => h.name)).toEqual(names.hc);
      expect(new Set([...names.rates, ...names.hc, ...table.paper.terms.map((t) => t.name)]).size).toBe(
        names.rates.length + names.hc.length + table.paper.terms.length,
      );
      table.lindblad.rates.forEach((r, i) =>
        expect(parse(json.lindblad.rates[i].rate, 'rate').equals(r.rate), json.lindblad.rates[i].rate).toBe(true),
      );
      table.lindblad.hc.forEach((h, i) =>
        expect(parse(json.lindblad.hc[i].coefficient, 'hc').equals(h.coef), json.lindblad.hc[i].coefficient).toBe(true),
      );
      // a Lindblad rate matrix is Hermitian: K[B, A] = conj K[A, B]
      const rate = new Map(json.lindblad.rates.map((r: any) => [`${r.b.name}|${r.a.name}`, r.rate]));
      for (const r of json.lindblad.rates) {
        const partner = rate.get(`${r.a.name}|${r.b.name}`) as string | undefined;
        if (partner !== undefined) expect(parse(partner, 'rate').equals(conj(parse(r.rate, 'rate'))), r.name).toBe(true);
      }
    });

    it('the element equations are the derived generator, entry for entry (1-based elements), and the blocks match', () => {
      expect(json.equations).toHaveLength(n * n);
      const tensor = table.derivation.generator.tensor();
      const listed = new Set<string>();
      json.equations.forEach((e: any, k: number) => {
        expect(e.element).toEqual([Math.floor(k / n) + 1, (k % n) + 1]);
        for (const t of e.terms) {
          // d rho_{a,d}/dt = Σ G_{ab,cd} rho_{b,c}
          const key = `${e.element[0] - 1},${t.element[0] - 1},${t.element[1] - 1},${e.element[1] - 1}`;
          listed.add(key);
          const want = tensor.get(key);
          expect(want, key).toBeDefined();
          expect(parse(t.coefficient, key).equals(want!), `${key}: ${t.coefficient}`).toBe(true);
        }
      });
      for (const [key, coef] of tensor) if (!listed.has(key)) expect(isZeroExact(model, coef), `${key} left out but not zero`).toBe(true);
      expect(listed.size).toBeGreaterThan(n);
      const vec = json.blocks.map((b: number[][]) => b.map(([r, c]) => (r! - 1) * n + (c! - 1)).sort((x, y) => x - y));
      expect(vec.flat().sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: n * n }, (_, i) => i));
      // the generated module's blocks are these, with every block holding a population merged into blocks[0]
      expect(
        vecBlocks(table)
          .flat()
          .sort((x, y) => x - y),
      ).toEqual(vec.flat().sort((x: number, y: number) => x - y));
    });

    it('evaluated at a point, the equations give the generated liouvillian and the coefficients give coefficients()', async () => {
      const g = await importModule(join(DEFAULT_OUT, `${model.name}.${approx}.ts`));
      const p: Params = Object.fromEntries(
        model.parameters.map((q, i) => [
          q.name,
          q.kind === 'temperature' ? q.default * (1 + 0.1 * i) : q.default === 0 ? 0.7 : q.default * 1.05,
        ]),
      );
      const price = priceBathAtom(model, p);
      const value = (t: string) => complexValue(model, parse(t, 'value'), p, price);
      const N = n * n;
      const out = new Float64Array(2 * N * N);
      g.liouvillian(p, out);
      const L = new Float64Array(2 * N * N);
      json.equations.forEach((e: any) => {
        const row = (e.element[0] - 1) * n + (e.element[1] - 1);
        for (const t of e.terms) {
          const [re, im] = value(t.coefficient);
          const col = (t.element[0] - 1) * n + (t.element[1] - 1);
          L[row * N + col] = re;
          L[N * N + row * N + col] = im;
        }
      });
      // reduce, not Math.max(...): a 16-level model has 2·16⁴ entries, more than a call takes arguments
      const scale = out.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(L.reduce((m: number, x: number, k: number) => Math.max(m, Math.abs(x - out[k]!)), 0) / scale).toBeLessThan(1e-12);
      const c = g.coefficients(p);
      const named: [string, string][] = [
        ...json.paperForm.map((t: any) => [t.name, t.coefficient]),
        ...json.lindblad.rates.map((r: any) => [r.name, r.rate]),
        ...json.lindblad.hc.map((h: any) => [h.name, h.coefficient]),
      ];
      expect(Object.keys(c).sort()).toEqual(named.map(([k]) => k).sort());
      const values = named.map(([k, t]) => [k, value(t)] as const);
      const cscale = Math.max(...values.map(([, v]) => Math.hypot(v[0], v[1])));
      for (const [k, [re, im]] of values) {
        const got = c[k]!;
        const [gr, gi] = typeof got === 'number' ? [got, 0] : got;
        expect(Math.hypot(gr - re, gi - im) / cscale, k).toBeLessThan(1e-12);
      }
    });
  });
});
