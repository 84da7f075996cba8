// The LaTeX printer (src/emit/latexExpr.ts, latexLayout.ts) and appendix (src/emit/latex.ts): the coefficients of seed 000 print the way the paper writes them
// (found in the derived paper form by their operator structure, never by generated names); every display
// formula of every model's appendix parses in KaTeX and is free of "1 \cdot", "+ -", "--"; the standalone
// long formulas break over lines (the cutting logic alone). Through pdflatex: latex.pdflatex.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { type Expr, add, atom, conj, halfAngle, mul, neg, num, radical, imag, symbol, sub } from '../../src/algebra/expr.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { type DerivedTable, deriveTable } from '../../src/derive/table.ts';
import { type Approx } from '../../src/derive/redfield.ts';
import { applicableApproximations, approximation } from '../../src/derive/approx.ts';
import type { StructureItem } from '../../src/derive/paperForm.ts';
import { latexFormulas } from '../../src/emit/latex.ts';
import { latexExpr, latexJump, latexStructure, latexStructureItem } from '../../src/emit/latexExpr.ts';
import { cutFormula, visibleWidth } from '../../src/emit/latexLayout.ts';
import { derivationModels } from '../../src/model/files.ts';
import { DEFAULT_OUT } from '../../src/cli/derive.ts';

const models = derivationModels();
// deriveTable derives each model and approximation once per process (src/derive/table.ts)
const table = (file: string, approx: Approx): DerivedTable => deriveTable(loadModelFile(file), approx);

const HJ = 'derivations/huangfu-jing';
const C = '\\cos\\frac{\\theta}{2}';
const S = '\\sin\\frac{\\theta}{2}';
const C2 = '\\cos^2\\frac{\\theta}{2}';
const S2 = '\\sin^2\\frac{\\theta}{2}';

/**
 * The coefficient that multiplies one operator piece in the derived paper form, e.g. τ_42 ρ τ_13 (0-based
 * S [3,1,0,2]); a piece printed as the h.c. of its adjoint gets the conjugate coefficient.
 */
function coefficientOf(t: DerivedTable, kind: StructureItem['kind'], idx: number[]): Expr {
  const adj = kind === 'S' ? [idx[3], idx[2], idx[1], idx[0]] : [idx[1], idx[0]];
  const adjKind = kind === 'L' ? 'R' : kind === 'R' ? 'L' : kind;
  for (const term of t.paper.terms) {
    for (const it of term.items) {
      const c = mul(num(term.factor * it.sign), term.coef);
      if (it.kind === kind && it.idx.join() === idx.join()) return c;
      if (term.hc && it.kind === adjKind && it.idx.join() === adj.join()) return conj(c);
    }
  }
  throw new Error(`no paper-form term on ${kind} ${idx}`);
}

describe('latexExpr writes coefficients as seed 000 does', () => {
  it("Case B, Γ'_1 on L_{τ31} (Eq. B1): (cos θ/2 − sin θ/2)² A_1(ε_1) + sin² θ/2 B_1(ε_1)", () => {
    const t = table(`${HJ}/case-b.json`, 'nonsecular');
    expect(latexExpr(coefficientOf(t, 'D', [2, 0]), t.model)).toBe(
      `\\left(${C} - ${S}\\right)^2 A_1(\\varepsilon_1) + ${S2} B_1(\\varepsilon_1)`,
    );
  });

  it("Case B, Λ'_1 on 2 τ42 ρ τ13 (Eq. B1): (cos² θ/2 − sin² θ/2) A_1(ε_1) − sin² θ/2 B_1(ε_1)", () => {
    const t = table(`${HJ}/case-b.json`, 'nonsecular');
    const lambda1 = mul(num(1, 2), coefficientOf(t, 'S', [3, 1, 0, 2]));
    const expected = `\\left(${C2} - ${S2}\\right) A_1(\\varepsilon_1) - ${S2} B_1(\\varepsilon_1)`;
    expect(latexExpr(lambda1, t.model)).toBe(expected);
    // the appendix defines a named coefficient with exactly this right-hand side
    expect(latexFormulas(t).some((f) => f.includes(`&= ${expected} \\\\`) || f.includes(`&= ${expected}\n`))).toBe(true);
  });

  it("Case B, all eight Γ'_j print in the paper's (cos θ/2 ± sin θ/2)² form", () => {
    const t = table(`${HJ}/case-b.json`, 'nonsecular');
    const g = (m: number, n: number) => latexExpr(coefficientOf(t, 'D', [m, n]), t.model);
    const sq = (sign: string) => `\\left(${C} ${sign} ${S}\\right)^2`;
    expect(g(0, 2)).toBe(`${sq('-')} A_2(\\varepsilon_1) + ${S2} B_2(\\varepsilon_1)`); // Γ'_2 on L_{τ13}
    expect(g(1, 0)).toBe(`${sq('+')} A_1(\\varepsilon_2) + ${C2} B_1(\\varepsilon_2)`); // Γ'_3 on L_{τ21}
    expect(g(3, 1)).toBe(`${sq('+')} A_1(\\varepsilon_1) + ${S2} B_1(\\varepsilon_1)`); // Γ'_5 on L_{τ42}
    expect(g(2, 3)).toBe(`${sq('-')} A_2(\\varepsilon_2) + ${C2} B_2(\\varepsilon_2)`); // Γ'_8 on L_{τ34}
  });

  it('Case A, Δ_1 of Eq. (10) as published: sin θ/2 cos θ/2 [A_1(ε_1) − B_1(ε_1)]', () => {
    const pub = loadPublishedFile(`${HJ}/case-a.published.json`);
    expect(latexExpr(pub.coefficients.get('Delta1')!, pub.model)).toBe(`${S}${C} \\left[A_1(\\varepsilon_1) - B_1(\\varepsilon_1)\\right]`);
    expect(latexExpr(pub.coefficients.get('Delta5')!, pub.model)).toBe(`${S}${C} \\left[A_1(\\varepsilon_1) + B_1(\\varepsilon_1)\\right]`);
  });

  it('Case A, the derived coefficient of τ32 ρ (= Δ_1 − Δ_4 of Eq. 10) keeps the common trig factor in front', () => {
    const t = table(`${HJ}/case-a.json`, 'nonsecular');
    const pub = loadPublishedFile(`${HJ}/case-a.published.json`, t.model);
    const c = coefficientOf(t, 'L', [2, 1]);
    expect(sub(c, sub(pub.coefficients.get('Delta1')!, pub.coefficients.get('Delta4')!)).isZero()).toBe(true);
    expect(latexExpr(c, t.model)).toBe(
      `${S}${C} \\left[A_1(\\varepsilon_1) - B_1(\\varepsilon_1) - A_2(\\varepsilon_2) + B_2(\\varepsilon_2)\\right]`,
    );
  });

  it('Case A, Γ_1 and Λ_3 of Eq. (8)', () => {
    const t = table(`${HJ}/case-a.json`, 'secular');
    expect(latexExpr(coefficientOf(t, 'D', [2, 0]), t.model)).toBe(`${C2} A_1(\\varepsilon_1) + ${S2} B_1(\\varepsilon_1)`);
    // Λ_3 multiplies 2 τ21 ρ τ34
    expect(latexExpr(mul(num(1, 2), coefficientOf(t, 'S', [1, 0, 2, 3])), t.model)).toBe(
      `-${S2} A_1(\\varepsilon_2) + ${C2} B_1(\\varepsilon_2)`,
    );
  });
});

describe('latexExpr: the half-angle shapes and the small print', () => {
  const model = loadModelFile(`${HJ}/case-b.json`);
  const { c, s } = halfAngle('theta');
  const A1 = atom('Gm', ['a', 'a', 'eps1'], { conjArgs: ['a', 'a', 'eps1'] });
  const B1 = atom('Gm', ['b', 'b', 'eps1'], { conjArgs: ['b', 'b', 'eps1'] });
  const p = (x: Expr) => latexExpr(x, model);

  it.each([
    ['a = b, d = 2a: (c + s)²', mul(num(3), add(num(1), mul(num(2), c, s))), `3 \\left(${C} + ${S}\\right)^2`],
    ['only d: sin cos', mul(num(-2), c, s), `-2 ${S}${C}`],
    ['a = −b, d = 0: cos² − sin²', sub(mul(c, c), mul(s, s)), `\\left(${C2} - ${S2}\\right)`],
    ['a = b, d = 0: the constant', add(mul(c, c), mul(s, s)), '1'],
    ['a only', mul(num(1, 2), c, c), `\\frac{1}{2} ${C2}`],
    ['b only', sub(num(1), mul(c, c)), S2],
    ['general quadratic form', add(mul(num(2), c, c), mul(c, s), mul(s, s)), `\\left(2 ${C2} + ${S}${C} + ${S2}\\right)`],
    ['linear, equal weights', add(c, s), `\\left(${C} + ${S}\\right)`],
    ['linear, one term', neg(s), `-${S}`],
  ])('%s', (_name, x, expected) => {
    expect(p(x)).toBe(expected);
  });

  it('groups by bath function, factors each coefficient, and pulls a common trig factor in front', () => {
    expect(p(add(mul(sub(num(1), mul(num(2), c, s)), A1), mul(sub(num(1), mul(c, c)), B1)))).toBe(
      `\\left(${C} - ${S}\\right)^2 A_1(\\varepsilon_1) + ${S2} B_1(\\varepsilon_1)`,
    );
    expect(p(mul(num(2), c, s, sub(A1, B1)))).toBe(`2 ${S}${C} \\left[A_1(\\varepsilon_1) - B_1(\\varepsilon_1)\\right]`);
    expect(p(mul(imag(), num(1, 2), sub(A1, B1)))).toBe('\\frac{i}{2} \\left(A_1(\\varepsilon_1) - B_1(\\varepsilon_1)\\right)');
  });

  it('rationals as \\frac, i as i, radicals as \\sqrt, parameters by their latex, never 1 \\cdot or + -', () => {
    const root = radical(add(mul(symbol('Delta'), symbol('Delta')), mul(num(4), symbol('xi'), symbol('xi'))));
    expect(p(add(symbol('Omega'), mul(num(1, 2), root)))).toBe('\\Omega + \\frac{1}{2} \\sqrt{\\Delta^2 + 4 \\xi^2}');
    expect(p(sub(mul(num(-1), imag(), root), mul(num(3, 2), symbol('gamma'))))).toBe(
      '-\\frac{3}{2} \\gamma - i \\sqrt{\\Delta^2 + 4 \\xi^2}',
    );
    expect(p(num(0))).toBe('0');
    expect(p(num(-1))).toBe('-1');
    expect(p(mul(num(1, 2), radical(num(2)), symbol('xi')))).toBe('\\frac{\\sqrt{2}}{2} \\xi');
  });

  it('bath functions without a model name print as Γ^∓_kl(ω) with the frequency latex', () => {
    const lambda = loadModelFile('derivations/li-cai-sun/lambda.json');
    const x = atom('Gm', ['1', '2', 'eps2'], { conjArgs: ['2', '1', 'eps2'] });
    expect(latexExpr(x, lambda)).toBe('\\Gamma^{-}_{12}(\\varepsilon_2)'); // named in the model file
    const unnamed = { ...lambda, bathFunctions: [] };
    expect(latexExpr(mul(num(2), atom('Gp', ['2', '1', 'eps1'], { conjArgs: ['1', '2', 'eps1'] })), unnamed)).toBe(
      '2 \\Gamma^{+}_{21}(\\varepsilon_1)',
    );
    expect(latexExpr(atom('Gm', ['a', 'b', 'eps1'], { conjArgs: ['b', 'a', 'eps1'] }), model)).toBe('\\Gamma^{-}_{ab}(\\varepsilon_1)');
  });
});

describe('operator structures', () => {
  it('L_{τ31}(ρ), τ32 ρ, ρ τ23, τ42 ρ τ13 and signed sums (1-based indices)', () => {
    expect(latexStructureItem({ kind: 'D', idx: [2, 0], sign: 1 }, 4)).toBe('L_{\\tau_{31}}(\\rho)');
    expect(latexStructureItem({ kind: 'L', idx: [2, 1], sign: 1 }, 4)).toBe('\\tau_{32}\\rho');
    expect(latexStructureItem({ kind: 'R', idx: [1, 2], sign: 1 }, 4)).toBe('\\rho\\tau_{23}');
    expect(latexStructureItem({ kind: 'S', idx: [3, 1, 0, 2], sign: 1 }, 4)).toBe('\\tau_{42}\\rho\\tau_{13}');
    expect(
      latexStructure(
        [
          { kind: 'L', idx: [2, 1], sign: 1 },
          { kind: 'S', idx: [2, 0, 0, 1], sign: 1 },
          { kind: 'S', idx: [3, 1, 2, 3], sign: -1 },
        ],
        4,
      ),
    ).toBe('\\tau_{32}\\rho + \\tau_{31}\\rho\\tau_{12} - \\tau_{42}\\rho\\tau_{34}');
    expect(latexStructureItem({ kind: 'S', idx: [9, 1, 0, 10], sign: 1 }, 11)).toBe('\\tau_{10,2}\\rho\\tau_{1,11}');
  });

  it('jump operators: X_{a}(ε_1), X^†, and the model operator names of seed 001 (φ^±)', () => {
    const tb = table(`${HJ}/case-b.json`, 'nonsecular');
    expect(latexJump(tb.model, { channel: 'a', freq: 'eps1', raising: false }, { table: tb })).toBe('X_{a}(\\varepsilon_1)');
    expect(latexJump(tb.model, { channel: 'b', freq: 'eps2', raising: true }, { table: tb })).toBe('X^{\\dagger}_{b}(\\varepsilon_2)');
    expect(latexJump(tb.model, { channel: 'b', freq: 'eps2', raising: true }, { dagger: true })).toBe('X_{b}(\\varepsilon_2)');
    const tl = table('derivations/li-cai-sun/lambda.json', 'nonsecular');
    const rate = tl.lindblad.rates.find((r) => r.b.raising && r.b.channel === '2' && r.a.channel === '1')!;
    const sandwich = `${latexJump(tl.model, rate.b, { table: tl })}\\rho ${latexJump(tl.model, rate.a, { dagger: true, table: tl })}`;
    expect(sandwich).toBe('\\hat\\varphi^+_2\\rho \\hat\\varphi^-_1');
  });
});

const FORBIDDEN = ['1 \\cdot', '+ -', '- -', '--', '+ +', '\\cdot'];

/**
 * The display formulas of an appendix document, as latexFormulas lists them: \\[ … \\] bodies, and align*
 * bodies as aligned (renderDocument writes each on lines of its own).
 */
function displayFormulas(doc: string): string[] {
  return [...doc.matchAll(/^\\\[\n([\s\S]*?)\n\\\]$|^\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}$/gm)].map((m) =>
    m[1] !== undefined ? m[1] : `\\begin{aligned}\n${m[2]}\n\\end{aligned}`,
  );
}

const committedAppendix = (file: string, approx: Approx) =>
  readFileSync(join(DEFAULT_OUT, `${loadModelFile(file).name}.${approx}.tex`), 'utf8');

it('the committed appendix holds exactly latexFormulas, in order (so the formulas below may be read from it)', () => {
  for (const [file, approx] of [
    [`${HJ}/case-b.json`, 'nonsecular'],
    ['derivations/examples/kato-tanimura.json', 'partial-secular'],
  ] as const) {
    const formulas = latexFormulas(table(file, approx));
    expect(formulas.length).toBeGreaterThan(10);
    expect(displayFormulas(committedAppendix(file, approx)), file).toEqual(formulas);
  }
});

const rendered = new Set<string>();

/**
 * KaTeX on one formula: rendered in full up to RENDER_LIMIT characters; a longer one (the large models' sums, built
 * of the same constructs; 121 of 492, which would take 7 s of the 8) only through KaTeX's parser, the stage where an
 * unknown macro or a syntax error throws. pdflatex compiles every appendix whole (latex.pdflatex.test.ts).
 */
const RENDER_LIMIT = 2000;
const renderOrParse = (f: string) =>
  f.length <= RENDER_LIMIT
    ? katex.renderToString(f, { throwOnError: true, displayMode: true })
    : (katex as unknown as { __parse(f: string, o: object): unknown }).__parse(f, { throwOnError: true, displayMode: true });

// Every model's appendix as committed in derivations/generated/, which test/emit/generated.test.ts proves equal
// byte for byte to a fresh derivation (reading it spares deriving every model a second time).
describe.each(models)('%s: every formula of the appendix', (file) => {
  it.each(applicableApproximations(loadModelFile(file), false))('%s: renders in KaTeX and has no "1 \\cdot", "+ -", "--"', (approx) => {
    const doc = committedAppendix(file, approx);
    const formulas = displayFormulas(doc);
    expect(formulas.length).toBeGreaterThan(10);
    for (const f of formulas) {
      for (const bad of FORBIDDEN) expect(f, `"${bad}" in ${f}`).not.toContain(bad);
      // a formula several approximations share (the system, the couplings) is rendered once
      if (!rendered.has(f)) expect(() => renderOrParse(f), f).not.toThrow();
      rendered.add(f);
    }
    // the appendix holds each formula, and says which approximation it is
    expect(doc).toContain(`\\title{Born--Markov master equation, ${approximation(approx).latex}:`);
    expect(doc).toContain('\\usepackage{amsmath}');
    expect(doc.match(/\\usepackage/g)).toHaveLength(1);
  });
});

const braceBalanced = (tex: string) => {
  let level = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '\\') i++;
    else if (tex[i] === '{') level++;
    else if (tex[i] === '}' && --level < 0) return false;
  }
  return level === 0;
};

describe('long formulas break over lines', () => {
  const items = Array.from({ length: 30 }, (_, k) => `\\tau_{${k + 1},${k + 2}}\\rho\\tau_{${k + 3},${k + 1}}`);

  it('a bracketed sum too wide for a line is cut at its + and −, each line within the width; the split \\left( becomes \\bigl(', () => {
    const body = `\\Delta_{7} \\left(${items.map((x, k) => (k ? (k % 3 ? ' - ' : ' + ') : '') + x).join('')}\\right)`;
    const lines = cutFormula(body, 40, 58);
    expect(lines.length).toBeGreaterThanOrEqual((items.length * 7) / 58);
    lines.forEach((l, i) => {
      expect(l.width, l.tex).toBeLessThanOrEqual(i === 0 ? 40 : 58);
      expect(braceBalanced(l.tex), l.tex).toBe(true);
      expect(l.tex).not.toMatch(/\\left|\\right/);
      if (i > 0) expect([l.after, l.depth, /^[+-] \\tau_/.test(l.tex)]).toEqual(['bin', 1, true]);
    });
    // nothing lost or reordered: the lines joined again are the formula, with the split group's delimiters resized
    expect(lines.map((l) => l.tex).join(' ')).toBe(body.replace('\\left(', '\\bigl(').replace('\\right)', '\\bigr)'));
    expect(lines[0]!.tex.startsWith('\\Delta_{7} \\bigl(')).toBe(true);
    expect(lines.at(-1)!.tex.endsWith('\\bigr)')).toBe(true);
  });

  it('prefers the summands to the factors of a product, and around fractions sizes the split group \\Bigl', () => {
    const body = `\\frac{1}{20} \\left(${items.slice(0, 12).join(' + ')}\\right) A_2(\\omega_{1}) B_2(\\omega_{3})`;
    const lines = cutFormula(body.replace('\\tau_{1,2}', '\\frac{\\sqrt{5}}{2} \\tau_{1,2}'), 50, 50);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.after === 'bin')).toBe(true); // never between \frac{1}{20} and the bracket
    expect(lines[0]!.tex).toMatch(/^\\frac\{1\}\{20\} \\Bigl\(/);
    expect(lines.at(-1)!.tex).toMatch(/\\Bigr\) A_2\(\\omega_\{1\}\) B_2\(\\omega_\{3\}\)$/);
  });

  it('a long product with no sum breaks between its factors, the next line marked ×; wide fractions are opened; what fits stays whole', () => {
    const product = Array.from({ length: 24 }, (_, k) => `\\Gamma_{${k + 1}}^{2}`).join(' ');
    const lines = cutFormula(product, 30, 30);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines.slice(1)) expect([l.after, l.tex.startsWith('\\times ')]).toEqual(['space', true]);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(30);
    expect(lines.map((l) => l.tex.replace(/^\\times /, '')).join(' ')).toBe(product);
    // braces are never cut: a fraction with a numerator wider than a line is opened to \frac{1}{D} (N) first
    const frac = `\\frac{${items.slice(0, 8).join(' + ')}}{2 \\gamma}`;
    const opened = cutFormula(frac, 30, 30);
    expect(opened.length).toBeGreaterThan(2);
    for (const l of opened) expect([braceBalanced(l.tex), l.width <= 30]).toEqual([true, true]);
    expect(opened.map((l) => l.tex).join(' ')).toBe(`\\frac{1}{2 \\gamma} \\bigl(${items.slice(0, 8).join(' + ')}\\bigr)`);
    // an atom that cannot be opened stays whole, however wide
    const root = `\\sqrt{${items.slice(0, 8).join(' + ')}}`;
    expect(cutFormula(root, 30, 30).map((l) => l.tex)).toEqual([root]);
    const short = 'A_1(\\varepsilon_1) - \\left(B_1(\\varepsilon_1) + 2\\right)';
    expect(cutFormula(short, 62, 62).map((l) => l.tex)).toEqual([short]);
  });

  it('every summand line of the three-atom chain’s non-secular appendix fits the width (its Δ terms did not)', () => {
    let widest = 0;
    let cutGroups = 0;
    for (const f of displayFormulas(committedAppendix('derivations/examples/three-atom-chain.json', 'nonsecular'))) {
      if (f.includes('pmatrix') || !f.includes('&= ')) continue; // matrices are laid out by abbreviatedMatrix
      for (const line of f.split(' \\\\\n')) {
        const body = line.replace(/^\\begin\{aligned\}\n/, '').replace(/\n\\end\{aligned\}$/, '');
        // the right-hand side of `lhs &= …`, or a continuation `&\quad …`
        const rhs = body.includes('&= ') ? body.slice(body.indexOf('&= ') + 3) : body.replace(/^&\\q?quad /, '');
        if (body.includes('& E_') || body.includes('\\text{bath')) continue; // two-column rows
        widest = Math.max(widest, visibleWidth(rhs));
        if (/\\[bB]igl\(/.test(rhs)) cutGroups++;
      }
    }
    expect(cutGroups).toBeGreaterThan(0);
    expect(widest).toBeLessThanOrEqual(62);
  });
});
