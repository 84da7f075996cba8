// The SymPy target (src/emit/sympy.ts): for every model under derivations/ and both approximations (the secular one
// on models of more than 4 levels), the module is emitted into a scratch directory and imported by python3 with
// Debian's python3-sympy (skipped with the reason printed when absent). Round trip, exactly: SymPy prints every
// expression of every table (energies, frequencies, angles, temperatures, paper form, Lindblad rates, Ĥc, equations
// of motion); each printed text is parsed back into the exact core and must have the canonical key of the derived
// expression, the same key as the JSON table's text parsed the same way. SymPy also checks, on its side, that no
// floating-point number entered and that each expression equals the JSON table's text parsed by sympy (difference
// expands to 0).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Expr } from '../../src/algebra/expr.ts';
import { evaluateText } from '../../src/algebra/parse.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { PAPER_APPROXIMATIONS, applicableApproximations } from '../../src/derive/approx.ts';
import { deriveTable, variantName } from '../../src/derive/table.ts';
import { DEFAULT_OUT, emitModel } from '../../src/cli/derive.ts';
import { derivationModels } from '../../src/model/files.ts';
import { TARGETS } from '../../src/emit/targets.ts';
import { lindbladNames } from '../../src/emit/json.ts';
import { publishedScalars } from '../../src/check/published.ts';
import { findPython, runPython } from '../support/python.ts';

const python = findPython(['sympy']);
if (!python.ok) console.log(`SKIPPED sympy target tests: ${python.reason}`);

const SYMPY = TARGETS.find((t) => t.name === 'sympy')!;

// For each module: every table entry as SymPy prints it, whether a Float occurs anywhere, and whether each
// expression minus the JSON table's text (parsed by sympy with the module's symbols and functions) expands to 0.
const DRIVER = String.raw`
import importlib, json, sys
import sympy as sp
sys.path.insert(0, ".")
req = json.load(sys.stdin)
out = {}
for job in req:
    m = importlib.import_module(job["module"])
    names = {k: v for k, v in vars(m).items() if isinstance(v, sp.Symbol) or isinstance(v, sp.core.function.UndefinedFunction)}
    names.update({v.name: v for v in list(names.values()) if isinstance(v, sp.Symbol)})
    names["i"] = sp.I
    tables = {
        "energies": {str(i): e for i, e in enumerate(m.ENERGIES)},
        "frequencies": m.FREQUENCIES,
        "angles": {k + "/" + part: v[j] for k, v in m.ANGLES.items() for j, part in enumerate(["numerator", "denominator"])},
        "temperatures": m.TEMPERATURES,
        "paper": m.PAPER_FORM, "rates": m.RATES, "hc": m.HC,
        "equations": {f"{r},{c}:{b},{d}": x for (r, c), row in m.EQUATIONS.items() for (b, d), x in row.items()},
    }
    printed = {t: {k: sp.sstr(v) for k, v in entries.items()} for t, entries in tables.items()}
    floats = sorted(t + " " + k for t, entries in tables.items() for k, v in entries.items() if sp.sympify(v).atoms(sp.Float))
    unequal = []
    for t, entries in job["json"].items():
        for k, text in entries.items():
            theirs = sp.parse_expr(text.replace("^", "**"), local_dict=names)
            if sp.expand(sp.sympify(tables[t][k]) - theirs) != 0:
                unequal.append(t + " " + k)
    out[job["module"]] = {"printed": printed, "floats": floats, "unequal": unequal}
print(json.dumps(out))
`;

/** The JSON table's expression texts, keyed as the driver keys the module's tables. */
function jsonTexts(json: any): Record<string, Record<string, string>> {
  const equations: Record<string, string> = {};
  for (const e of json.equations)
    for (const t of e.terms) equations[`${e.element[0]},${e.element[1]}:${t.element[0]},${t.element[1]}`] = t.coefficient;
  return {
    energies: Object.fromEntries(json.basis.map((b: any, i: number) => [String(i), b.energy])),
    frequencies: Object.fromEntries(json.frequencies.map((f: any) => [f.name, f.value])),
    angles: Object.fromEntries(
      json.angles.flatMap((a: any) => [
        [`${a.name}/numerator`, a.cot.numerator],
        [`${a.name}/denominator`, a.cot.denominator],
      ]),
    ),
    temperatures: Object.fromEntries(json.baths.map((b: any) => [b.name, b.temperature])),
    paper: Object.fromEntries(json.paperForm.map((t: any) => [t.name, t.coefficient])),
    rates: Object.fromEntries(json.lindblad.rates.map((r: any) => [r.name, r.rate])),
    hc: Object.fromEntries(json.lindblad.hc.map((h: any) => [h.name, h.coefficient])),
    equations,
  };
}

describe.skipIf(!python.ok)('the SymPy target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-sympy-'));
  const skipped: string[] = [];
  const jobs = derivationModels().flatMap((file) => {
    const model = loadModelFile(file);
    // up to 8 levels: SymPy's expand on the 16-level chain's equations of motion takes minutes; Hermitian-coupling
    // models print atom kinds (S, J, Π) that this round trip does not read back into SymPy yet
    if (model.states.length > 8 || model.couplings.length > 0 || model.eigenMode === 'numeric') {
      skipped.push(model.name);
      return [];
    }
    // the two papers' forms: the round trip reads back the atom kinds of their tables, not yet the selectors
    // (Near, Sec), the ULE's Rt or the numeric eigenbasis' E/Mre (whose models are skipped above); on the models of
    // more than 4 levels the secular form only (SymPy builds and prints the 8-level non-secular tables in 5 s)
    const approxes = applicableApproximations(model, false).filter(
      (a) => PAPER_APPROXIMATIONS.includes(a) && (model.states.length <= 4 || a === 'secular'),
    );
    for (const [name, text] of emitModel(file, approxes, dir, [SYMPY])) writeFileSync(join(dir, name), text);
    return approxes.map((approx) => {
      const table = deriveTable(model, approx);
      return {
        model: table.model,
        table,
        module: `${model.name.replace(/[^A-Za-z0-9_]/g, '_')}_${approx.replace(/-/g, '_')}_sympy`,
        // the committed JSON table, which test/emit/generated.test.ts proves to be a fresh emission (emitting it again
        // would compute the exact steady state it carries a second time)
        json: jsonTexts(JSON.parse(readFileSync(join(DEFAULT_OUT, `${model.name}.${variantName(approx, false)}.json`), 'utf8'))),
      };
    });
  });
  if (skipped.length)
    console.log(`SymPy round trip not run for ${skipped.join(', ')} (more than 8 levels, Hermitian couplings or a numeric eigenbasis)`);
  let results: Record<string, { printed: Record<string, Record<string, string>>; floats: string[]; unequal: string[] }> | undefined;
  const run = () =>
    (results ??= runPython(
      python.ok ? python.bin : '',
      DRIVER,
      jobs.map((j) => ({ module: j.module, json: j.json })),
      dir,
    ) as typeof results)!;

  it.each(jobs.map((j) => [j.module, j] as const))(
    '%s: SymPy text → exact core gives the derived expressions, key for key',
    (module, job) => {
      const r = run()[module]!;
      expect(r.floats, 'no floating-point number in an exact table').toEqual([]);
      expect(r.unequal, 'SymPy: module expression − JSON text expands to 0').toEqual([]);
      const { model, table } = job;
      const names = lindbladNames(table);
      const exact: Record<string, Record<string, Expr>> = {
        energies: Object.fromEntries(model.states.map((s, i) => [String(i), s.energy])),
        frequencies: Object.fromEntries(model.frequencies.map((f) => [f.name, f.value])),
        angles: Object.fromEntries(
          model.angles.flatMap((a) => [
            [`${a.name}/numerator`, a.numerator],
            [`${a.name}/denominator`, a.denominator],
          ]),
        ),
        temperatures: Object.fromEntries(model.baths.map((b) => [b.name, b.temperature])),
        paper: Object.fromEntries(table.paper.terms.map((t) => [t.name, t.coef])),
        rates: Object.fromEntries(table.lindblad.rates.map((x, i) => [names.rates[i]!, x.rate])),
        hc: Object.fromEntries(table.lindblad.hc.map((x, i) => [names.hc[i]!, x.coef])),
        equations: Object.fromEntries(
          table.equations.flatMap((e) => e.terms.map((t) => [`${e.row + 1},${e.col + 1}:${t.b + 1},${t.c + 1}`, t.coef])),
        ),
      };
      const algebra = publishedScalars(model, `${module} round trip`);
      // SymPy's syntax → the model files' syntax: ** is ^, I is i
      const back = (text: string): Expr => evaluateText(text.replace(/\*\*/g, '^').replace(/\bI\b/g, 'i'), algebra);
      let compared = 0;
      for (const [t, entries] of Object.entries(exact)) {
        expect(Object.keys(r.printed[t]!).sort(), t).toEqual(Object.keys(entries).sort());
        for (const [k, x] of Object.entries(entries)) {
          expect(back(r.printed[t]![k]!).key, `${t} ${k}: SymPy printed ${r.printed[t]![k]}`).toBe(x.key);
          expect(back(job.json[t]![k]!).key, `${t} ${k}: JSON ${job.json[t]![k]}`).toBe(x.key);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(10);
    },
    120_000,
  );
});
