// The equations of motion in the named paper coefficients (src/derive/namedForm.ts), computed once per table in
// derive: they are the table's equations exactly (substituting the values back), and the LaTeX appendix prints
// them (Case A of derivations/huangfu-jing/case-a.json: the population block as the matrix M, every other block
// that is not the conjugate of one before it as one equation per element, each with a non-empty right-hand side).
import { describe, expect, it } from 'vitest';
import { sub } from '../../src/algebra/expr.ts';
import { isZeroExact } from '../../src/bath/correlators.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { namedForm } from '../../src/derive/namedForm.ts';
import { latexFormulas } from '../../src/emit/latex.ts';

const CASE_A = 'derivations/huangfu-jing/case-a.json';

describe('the named form of Case A (nonsecular)', () => {
  const table = deriveTable(loadModelFile(CASE_A), 'nonsecular');
  const n = table.model.states.length;
  const named = namedForm(table);

  it('is computed once per table and has one equation per element, in the order of table.equations', () => {
    expect(namedForm(table)).toBe(named);
    expect(named.equations).toHaveLength(n * n);
    expect(named.equations.map((e) => [e.row, e.col])).toEqual(table.equations.map((e) => [e.row, e.col]));
  });

  it('substituting the named coefficients gives the table’s equations exactly', () => {
    const coefs = (eqs: typeof table.equations) =>
      new Map(eqs.flatMap((e) => e.terms.map((t) => [`${e.row},${e.col}|${t.b},${t.c}`, t.coef] as const)));
    const mine = coefs(named.equations);
    const theirs = coefs(table.equations);
    expect(mine.size).toBeGreaterThan(0);
    for (const k of new Set([...mine.keys(), ...theirs.keys()])) {
      const a = mine.get(k);
      const b = theirs.get(k);
      expect(a && b ? isZeroExact(table.model, sub(named.value(a), b)) : false, k).toBe(true);
    }
  });

  it('the appendix prints the population block as M and one non-empty equation per element of the other blocks', () => {
    const formulas = latexFormulas(table);
    const M = formulas.find((f) => f.startsWith('\\mathbf{M} = '))!;
    const rows = M.slice(M.indexOf('\\begin{pmatrix}'), M.indexOf('\\end{pmatrix}')).split(' \\\\ ');
    expect(rows).toHaveLength(table.blocks[0].length);

    const printed = new Map<string, string>();
    for (const f of formulas)
      for (const line of f.split('\n')) {
        const m = /^\\dot\\rho_\{(\d)(\d)\} &= (.*?)( \\\\)?$/.exec(line);
        if (m) printed.set(`${Number(m[1]) - 1},${Number(m[2]) - 1}`, m[3]);
      }
    // the blocks after the first, less those that are the complex conjugates of an earlier one
    const shown = table.blocks.filter(
      (b, i) => i > 0 && table.blocks.findIndex((o) => o.some(([r, c]) => r === b[0][1] && c === b[0][0])) >= i,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect([...printed.keys()].sort()).toEqual(
      shown
        .flat()
        .map(([r, c]) => `${r},${c}`)
        .sort(),
    );
    for (const [key, rhs] of printed) {
      const eq = named.equations.find((e) => `${e.row},${e.col}` === key)!;
      expect(eq.terms.length, key).toBeGreaterThan(0);
      expect(rhs, key).not.toBe('0');
      expect(rhs.length, key).toBeGreaterThan(0);
    }
  });
});
