// The LaTeX appendix of a derived table: a standalone article (amsmath only) with the model, H_SB, the paper
// form and its coefficients, the Lindblad-like form with Ĥc, the equations of motion and the exact steady state.
// A document builder over the expression printer (latexExpr.ts) and the line layout (latexLayout.ts). Contract:
//   latexAppendix(table)      the standalone document.
//   latexFormulas(table)      every display formula of that appendix, as KaTeX-ready strings (same order).
//   namedSteadyState(table)   the steady state in the named coefficients, with their LaTeX.
// The equations of motion it prints come from derive (derive/namedForm.ts: the table's equations written with
// the named paper coefficients, checked exactly against table.equations there); nothing is derived here.
import type { Expr, Variable } from '../algebra/expr.ts';
import { emittedOnce } from './emitted.ts';
import { conj, mul, num, sub } from '../algebra/expr.ts';
import type { Model, NamedOperator } from '../model/model.ts';
import { type Operator, opAdd, opEquals, opScale } from '../operators/operator.ts';
import type { DerivedTable } from '../derive/table.ts';
import { type ExactSteadyState, exactSteadyState } from '../derive/steadyState.ts';
import type { PaperTerm } from '../derive/paperForm.ts';
import { type NamedCoefficient, namedForm, namedSteady } from '../derive/namedForm.ts';
import type { JumpLabel } from '../derive/redfield.ts';
import { approximation } from '../derive/approx.ts';
import { spectrumSymbolic } from '../bath/atoms.ts';
import {
  type LatexPrinter,
  type Piece,
  frequencyTex,
  isOne,
  joinPieces,
  labelTex,
  latexJump,
  latexPrinter,
  latexStructure,
  latexStructureItem,
  latexTau,
  pairTex,
  rhoElement,
  spectrumTex,
  texText,
} from './latexExpr.ts';
import { LINE, alignedChain, alignedSum, inlineList, visibleWidth } from './latexLayout.ts';

type AtomVar = Extract<Variable, { kind: 'atom' }>;

type Block = { kind: 'text'; tex: string } | { kind: 'math'; body: string; multiline: boolean };

function stateKet(model: Model, i: number): string {
  const st = model.states[i];
  if (st.latex.includes('\\rangle')) return st.latex;
  return `|${st.latex === st.name ? labelTex(st.name) : st.latex}\\rangle`;
}

/** The energy of state i: its own latex when states are named by their eigenvalues (λ_1, as seed 000 does), else E_{label}. */
function stateEnergyTex(model: Model, i: number): string {
  const st = model.states[i];
  if (/^\\(lambda|varepsilon|epsilon)\b|^E_/.test(st.latex)) return st.latex;
  const label = st.latex === st.name || st.latex.includes('\\rangle') ? labelTex(st.name) : st.latex;
  return `E_{${label}}`;
}

const bareKet = (label: string) => `|${labelTex(label)}\\rangle`;
const bareBra = (label: string) => `\\langle ${labelTex(label)}|`;

/** Σ v |r⟩⟨c| on the bare basis. */
function ketBraSum(p: LatexPrinter, op: Operator): string {
  return joinPieces([...op.nonzero()].map(([r, c, v]) => p.times(v, `${bareKet(p.model.basis[r])}${bareBra(p.model.basis[c])}`)));
}

/** Σ v τ_mn on the eigenbasis. */
function tauSum(p: LatexPrinter, op: Operator): Piece[] {
  const n = p.model.states.length;
  return [...op.nonzero()].map(([r, c, v]) => p.times(v, latexTau(r, c, n)));
}

/** A bare operator as a combination of site operators σ^±_k when it is one exactly, else undefined. */
function siteCombination(p: LatexPrinter, op: Operator): string | undefined {
  for (const fn of ['sm', 'sp']) {
    const sites = [...p.model.siteOperators.values()].filter((o) => o.name.startsWith(`${fn}(`));
    if (sites.length === 0) continue;
    const parts: { coef: Expr; site: NamedOperator }[] = [];
    for (const s of sites) {
      const [r, c] = [...s.bare.nonzero()][0];
      const coef = op.get(r, c);
      if (!coef.isZero()) parts.push({ coef, site: s });
    }
    if (parts.length === 0) continue;
    const rebuilt = opAdd(...parts.map((x) => opScale(x.site.bare, x.coef)));
    if (!opEquals(rebuilt, op)) continue;
    return joinPieces(parts.map((x) => p.times(x.coef, x.site.latex)));
  }
  return undefined;
}

function matrixTex(rows: string[][]): string {
  return `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** The printer of the equations of motion: the named paper-form coefficients (derive/namedForm.ts) as the paper writes them. */
function namedPrinter(table: DerivedTable): LatexPrinter {
  const named = namedForm(table);
  const coefficient = (v: AtomVar) => named.coefficients.get(v.key);
  const latexOf = (c: NamedCoefficient): string => {
    const t = named.terms[c.term].latex;
    return c.conjugate ? `${t.includes('^') ? `{${t}}` : t}^{*}` : t;
  };
  return latexPrinter(table.model, {
    atomLatex: (v) => {
      const c = coefficient(v);
      return c ? latexOf(c) : undefined;
    },
    atomRank: (v) => {
      const c = coefficient(v);
      return c ? 2 * c.term + (c.conjugate ? 1 : 0) : undefined;
    },
  });
}

/** The appendix as it is built: paragraphs and display formulas, in order. */
class Doc {
  readonly blocks: Block[] = [];
  text(tex: string): void {
    this.blocks.push({ kind: 'text', tex });
  }
  /** multi-line (align) when it has line breaks or alignment points outside its matrices */
  display(body: string): void {
    const outer = body.replace(/\\begin\{pmatrix\}[\s\S]*?\\end\{pmatrix\}/g, '');
    this.blocks.push({ kind: 'math', body, multiline: outer.includes('\\\\') || outer.includes('&') });
  }
}

// A derived table is never changed after deriveTable: the appendix and its formula list share one build (the
// exact steady state in it is the costly part).
const builtBlocks = new WeakMap<DerivedTable, { title: string; blocks: Block[] }>();

/** The sections of the appendix, in order. */
function appendixBlocks(table: DerivedTable): { title: string; blocks: Block[] } {
  let built = builtBlocks.get(table);
  if (!built) builtBlocks.set(table, (built = buildAppendixBlocks(table)));
  return built;
}

function buildAppendixBlocks(table: DerivedTable): { title: string; blocks: Block[] } {
  const doc = new Doc();
  const p = latexPrinter(table.model);
  systemSection(doc, table, p);
  couplingSection(doc, table, p);
  masterEquationSection(doc, table, p);
  lindbladSection(doc, table, p);
  const named = namedPrinter(table);
  equationsOfMotionSection(doc, table, named);
  steadyStateSection(doc, table, named);
  const title = `Born--Markov master equation, ${approximation(table.approx).latex}: ${texText(table.model.title)}`;
  return { title, blocks: doc.blocks };
}

/** ── the system: parameters, H_S, mixing angles, eigenstates and energies, Bohr frequencies */
function systemSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const { model } = table;
  const n = model.states.length;
  const unitParam = model.parameters.find((x) => x.name === model.unit);
  const unitTex = unitParam ? `$${unitParam.latex}$` : texText(model.unit);
  doc.text('\\section*{The system}');
  doc.text(
    `This appendix was generated by \\texttt{bornmarkov} from the model file \\texttt{${texText(model.file)}}` +
      `.${model.source ? ` The model is that of ${texText(model.source)}.` : ''}` +
      ` Energies are in units of ${unitTex}; $\\hbar = k_B = 1$.`,
  );
  const params = model.parameters.filter((x) => x.description);
  if (params.length) {
    doc.text('\\begin{itemize}');
    for (const x of model.parameters) doc.text(`\\item $${x.latex}$: ${texText(x.description ?? x.kind)}`);
    doc.text('\\end{itemize}');
  }
  doc.text(`On the bare basis $(${inlineList(model.basis.map(bareKet), ', ')})$ the system Hamiltonian is`);
  doc.display(`H_S = ${matrixTex(model.basis.map((_, r) => model.basis.map((__, c) => p.expr(model.hamiltonian.get(r, c)))))}`);
  if (model.angles.length) {
    doc.text('with the mixing angle' + (model.angles.length > 1 ? 's' : ''));
    doc.display(
      model.angles
        .map((a) => {
          const nu = p.expr(a.numerator);
          const de = a.denominator.constantValue();
          const rhs = de && isOne(de) ? nu : `\\frac{${nu}}{${p.expr(a.denominator)}}`;
          return `\\cot ${a.latex} = ${rhs}`;
        })
        .join(', \\quad '),
    );
  }
  doc.text(
    `Its eigenstates, numbered $1, \\dots, ${n}$ in this order (so that $\\tau_{mn} = |m\\rangle\\langle n|$ and $\\rho_{mn} = \\langle m|\\rho|n\\rangle$ refer to these numbers), and energies:`,
  );
  const states = model.states.map((st, i) => {
    const vec: Piece[] = [];
    st.vector.forEach((v, j) => {
      if (!v.isZero()) vec.push(p.times(v, bareKet(model.basis[j])));
    });
    return { ket: stateKet(model, i), vec, energyLhs: stateEnergyTex(model, i), energy: p.pieces(st.energy) };
  });
  // state and energy side by side while they fit on a line; else each on lines of its own
  const sideBySide = states.every(
    (st) => visibleWidth(`${st.ket}${joinPieces(st.vec)}${st.energyLhs}${joinPieces(st.energy)}`) + 8 <= LINE,
  );
  doc.display(
    states
      .map((st) =>
        sideBySide
          ? `${st.ket} &= ${joinPieces(st.vec)}, & ${st.energyLhs} &= ${joinPieces(st.energy)}`
          : `${alignedSum(st.ket, st.vec)}, \\\\\n${alignedSum(st.energyLhs, st.energy)}`,
      )
      .join(' \\\\\n'),
  );
  doc.text('The Bohr frequencies of the couplings are');
  doc.display(
    model.frequencies
      .map((f) => {
        const pairs: string[] = [];
        for (let m = 0; m < n; m++)
          for (let k = 0; k < n; k++)
            if (sub(model.states[m].energy, model.states[k].energy).equals(f.value))
              pairs.push(`${stateEnergyTex(model, m)} - ${stateEnergyTex(model, k)}`);
        return alignedChain(f.latex, [...pairs, p.expr(f.value)]);
      })
      .join(' \\\\\n'),
  );
}

/** ── the coupling: channels and Hermitian couplings with their eigenbasis parts, the baths and bath functions */
function couplingSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const { model } = table;
  doc.text('\\section*{The coupling to the baths}');
  if (model.channels.length) {
    doc.text(
      'The system couples to independent thermal bosonic baths through the channels $k$, ' +
        '$H_{SB} = \\sum_k (X_k^{\\dagger} \\otimes B_k + X_k \\otimes B_k^{\\dagger})$, with the lowering operators',
    );
    doc.display(
      model.channels
        .map((ch) => {
          const named = [...model.operators.values()].find((o) => opEquals(o.bare, ch.bare));
          const rhs = named ? named.latex : (siteCombination(p, ch.bare) ?? ketBraSum(p, ch.bare));
          return `X_{${ch.latex}} &= ${rhs}`;
        })
        .join(' \\\\\n'),
    );
    if (model.operators.size) {
      doc.text('where');
      doc.display([...model.operators.values()].map((o) => `${o.latex} &= ${ketBraSum(p, o.bare)}`).join(' \\\\\n'));
    }
    doc.text('On the eigenbasis each channel splits into parts $X_k(\\omega)$ that lower the energy by a Bohr frequency $\\omega$:');
    doc.display(
      model.channels
        .flatMap((ch) => {
          const comps = table.derivation.components.filter((c) => c.channel === ch.name);
          const sum = comps.map((c) => `X_{${ch.latex}}(${c.freq.latex})`).join(' + ');
          return [`X_{${ch.latex}} &= ${sum}`, ...comps.map((c) => alignedSum(`X_{${ch.latex}}(${c.freq.latex})`, tauSum(p, c.op)))];
        })
        .join(' \\\\\n'),
    );
  }
  if (model.couplings.length) {
    doc.text(
      `The system couples ${model.channels.length ? 'also ' : ''}through Hermitian operators $A_k$, $H_{SB} = \\sum_k A_k \\otimes B_k$ with $B_k = \\sum_q (g_{kq} b_q + \\bar g_{kq} b_q^{\\dagger})$:`,
    );
    doc.display(model.couplings.map((c) => `A_{${c.latex}} &= ${siteCombination(p, c.bare) ?? ketBraSum(p, c.bare)}`).join(' \\\\\n'));
    doc.text(
      'On the eigenbasis each splits into parts $A_k(\\omega)$ that lower the energy by $\\omega$ (raise it for $\\omega < 0$; $\\omega = 0$ dephases):',
    );
    doc.display(
      model.couplings
        .flatMap((c) => {
          const comps = table.derivation.components.filter((x) => x.channel === c.name);
          return [
            `A_{${c.latex}} &= ${comps.map((x) => `A_{${c.latex}}(${frequencyTex(model, x.freq.name)})`).join(' + ')}`,
            ...comps.map((x) => alignedSum(`A_{${c.latex}}(${frequencyTex(model, x.freq.name)})`, tauSum(p, x.op))),
          ];
        })
        .join(' \\\\\n'),
    );
  }
  const spectrumSymbol = model.channels.length ? '\\gamma' : 'J';
  doc.text(
    `The baths, their temperatures and coupling spectra $${spectrumSymbol}^{(\\alpha)}_{kl}(\\omega) = \\overline{${spectrumSymbol}^{(\\alpha)}_{lk}(\\omega)}$:`,
  );
  doc.display(
    model.baths
      .map((b) => {
        const spectra = [...b.spectrum.entries()].map(([key, v]) => {
          const [k, l] = key.split(',');
          const sym = model.couplings.some((c) => c.name === k) ? 'J' : '\\gamma';
          return `${sym}^{(${b.latex})}_{${pairTex(model, k, l)}}(\\omega) = ${v.exact ? p.expr(v.exact) : spectrumTex(model, v)}`;
        });
        return `\\text{bath } ${b.latex}: \\quad & T = ${p.expr(b.temperature)}, \\quad ${spectra.join(', \\quad ')}`;
      })
      .join(' \\\\\n'),
  );
  if (model.couplings.length) {
    doc.text(
      'For the Hermitian couplings, with $J^{(\\alpha)}_{kl}(\\omega) = \\pi \\sum_q g_{kq} \\bar g_{lq} \\delta(\\omega - \\omega_q)$, the one-sided transforms ' +
        '$\\Gamma_{kl}(\\omega) = \\int_0^\\infty ds\\, e^{i\\omega s} \\langle B_k(s) B_l \\rangle$ are',
    );
    doc.display(
      [
        `\\Gamma_{kl}(\\omega) &= \\sum_{\\alpha} \\tfrac{1}{2} S^{(\\alpha)}_{kl}(\\omega)${table.derivation.lambShift ? ' + i \\Pi^{(\\alpha)}_{kl}(\\omega)' : ''}, & S^{(\\alpha)}_{kl}(\\omega) &= \\begin{cases} 2 J^{(\\alpha)}_{kl}(\\omega) \\left[N_{\\alpha}(\\omega) + 1\\right] & \\omega > 0 \\\\ 2 \\overline{J^{(\\alpha)}_{kl}(-\\omega)} N_{\\alpha}(-\\omega) & \\omega < 0 \\\\ \\lim_{\\omega \\to 0} 2 J^{(\\alpha)}_{kl}(\\omega) N_{\\alpha}(\\omega) & \\omega = 0 \\end{cases}`,
        ...(table.derivation.lambShift
          ? [
              '\\Pi^{(\\alpha)}_{kl}(\\omega) &= \\frac{1}{2\\pi} \\mathrm{P}\\!\\int_{-\\infty}^{\\infty} d\\omega\\prime\\, \\frac{S^{(\\alpha)}_{kl}(\\omega\\prime)}{\\omega - \\omega\\prime} & & \\text{(the Lamb shift; evaluated numerically)}',
            ]
          : []),
        ...model.baths.flatMap((b) =>
          [...b.zeroLimits.entries()].map(([key, z]) => {
            const [k, l] = key.split(',');
            const value = z.exact
              ? p.expr(z.exact)
              : `2 T_{${b.latex}} \\lim_{\\omega \\to 0} J^{(${b.latex})}_{${pairTex(model, k, l)}}(\\omega)/\\omega`;
            return `S^{(${b.latex})}_{${pairTex(model, k, l)}}(0) &= ${value}`;
          }),
        ),
      ].join(' \\\\\n'),
    );
  }
  if (model.channels.length) {
    doc.text('With the Planck occupations and the (real parts of the) one-sided Fourier transforms of the bath correlators,');
    doc.display(
      [
        `N_{\\alpha}(\\omega) &= \\frac{1}{e^{\\omega/T_{\\alpha}} - 1}`,
        `\\Gamma^{-}_{kl}(\\omega) &= \\sum_{\\alpha} \\frac{1}{2} \\gamma^{(\\alpha)}_{kl}(\\omega) \\left[N_{\\alpha}(\\omega) + 1\\right], & \\Gamma^{+}_{kl}(\\omega) &= \\sum_{\\alpha} \\frac{1}{2} \\gamma^{(\\alpha)}_{kl}(\\omega) N_{\\alpha}(\\omega)`,
      ].join(' \\\\\n'),
    );
  }
  if (model.bathFunctions.length) {
    doc.text('the bath functions of the model are');
    doc.display(
      model.bathFunctions
        .map((bf) => {
          const [k, l] = bf.channels;
          const parts: Piece[] = [];
          for (const b of model.baths) {
            const g = spectrumSymbolic(model, b.name, k, l);
            if (g.isZero()) continue;
            const occ = `N_{${b.latex}}(\\omega)`;
            parts.push(p.times(mul(num(1, 2), g), bf.kind === 'emission' ? `\\left[${occ} + 1\\right]` : occ));
          }
          const generic = `\\Gamma^{${bf.kind === 'emission' ? '-' : '+'}}_{${pairTex(model, k, l)}}(\\omega)`;
          const lhs = `${bf.latex}(\\omega)`;
          return `${lhs} &= ${lhs === generic ? '' : `${generic} = `}${joinPieces(parts)}`;
        })
        .join(' \\\\\n'),
    );
  }
}

/** ── the paper form and its coefficients, by family */
function masterEquationSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const terms = namedForm(table).terms;
  doc.text('\\section*{The master equation}');
  doc.text(
    `In the Born--Markov approximation (${table.derivation.lambShift ? 'principal-value (Lamb-shift) parts kept' : 'principal-value parts dropped'}; ${approximation(table.approx).latex}) the master equation is, with $L_X(\\rho) = 2X\\rho X^{\\dagger} - \\{X^{\\dagger}X, \\rho\\}$,`,
  );
  doc.display(alignedSum('\\dot\\rho', paperFormPieces(terms, table.model.states.length)));
  doc.text('with the coefficients');
  for (const family of ['Gamma', 'Lambda', 'Delta', 'Other'] as const) {
    const fam = terms.filter((t) => t.family === family);
    if (fam.length === 0) continue;
    doc.display(fam.map((t) => alignedSum(t.latex, p.pieces(t.coef))).join(' \\\\\n'));
  }
}

/** ── the Lindblad-like form with Ĥc */
function lindbladSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const { model } = table;
  const L = table.lindblad;
  const jump = (l: JumpLabel, dagger = false) => latexJump(model, l, { dagger, table });
  doc.text('\\section*{Lindblad-like form}');
  doc.text(
    'The same generator written with the jump operators, in the form of S.-W. Li, C. Y. Cai and C. P. Sun, Ann.\\ Phys.\\ 360, 19 (2015), Eqs.\\ (12) and (A.8), with ' +
      '$\\mathcal{D}[B, A](\\rho) = B\\rho A^{\\dagger} - \\frac{1}{2}\\{A^{\\dagger}B, \\rho\\}$ and $\\mathcal{D}[A] = \\mathcal{D}[A, A]$:',
  );
  const ratePieces: Piece[] = [{ negative: false, body: `-i\\left[H_S${L.hc.length ? ' + \\hat{H}_c' : ''}, \\rho\\right]` }];
  for (const r of L.rates) {
    const same = r.a.channel === r.b.channel && r.a.freq === r.b.freq && r.a.raising === r.b.raising;
    ratePieces.push(p.times(r.rate, same ? `\\mathcal{D}[${jump(r.b)}](\\rho)` : `\\mathcal{D}[${jump(r.b)}, ${jump(r.a)}](\\rho)`));
  }
  doc.display(alignedSum('\\dot\\rho', ratePieces));
  if (L.hc.length) {
    doc.text('with the non-diagonal Lamb-shift-like Hamiltonian');
    doc.display(
      alignedSum(
        '\\hat{H}_c',
        L.hc.map((h) => p.times(h.coef, `${jump(h.a, true)} ${jump(h.b)}`)),
      ),
    );
  } else doc.text('Here $\\hat{H}_c = 0$.');
}

/** ── the equations of motion, in the named coefficients (derive/namedForm.ts), block by block */
function equationsOfMotionSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const n = table.model.states.length;
  const coefs = new Map<string, Expr>();
  for (const e of namedForm(table).equations) for (const t of e.terms) coefs.set(`${e.row},${e.col}|${t.b},${t.c}`, t.coef);
  const coefOf = (row: [number, number], col: [number, number]) => coefs.get(`${row[0]},${row[1]}|${col[0]},${col[1]}`) ?? num(0);
  doc.text('\\section*{Equations of motion}');
  const pop = table.blocks[0];
  const ordered = [...pop.filter(([r, c]) => r === c), ...pop.filter(([r, c]) => r !== c)];
  const equationsOf = (block: [number, number][]): string =>
    block
      .map((row) => {
        const pieces: Piece[] = [];
        for (const col of block) {
          const c = coefOf(row, col);
          if (!c.isZero()) pieces.push(p.times(c, rhoElement(col[0], col[1], n)));
        }
        return alignedSum(`\\dot\\rho_{${n > 9 ? `${row[0] + 1},${row[1] + 1}` : `${row[0] + 1}${row[1] + 1}`}}`, pieces);
      })
      .join(' \\\\\n');
  doc.text(
    `The elements $\\rho_{mn}$ of the density matrix fall into ${table.blocks.length} blocks that evolve independently; ` +
      'the equations below use the named coefficients above (${}^{*}$ is complex conjugation). ',
  );
  if (ordered.length <= MATRIX_MAX) {
    doc.text(
      'The block holding the populations obeys $\\dot{\\mathbf{X}} = \\mathbf{M}\\mathbf{X}$ ' +
        '(as the matrix $\\mathbf{M}$ of Y. Huangfu and J. Jing (2021), Eq.\\ (11)), with',
    );
    doc.display(`\\mathbf{X} = \\left(${ordered.map(([r, c]) => rhoElement(r, c, n)).join(', ')}\\right)^{T}`);
    const M = abbreviatedMatrix(
      p,
      ordered.map((row) => ordered.map((col) => coefOf(row, col))),
    );
    doc.display(`\\mathbf{M} = ${matrixTex(M.rows)}`);
    if (M.names.length) {
      doc.text('where');
      doc.display(M.names.map((m) => alignedSum(m.latex, p.pieces(m.value))).join(' \\\\\n'));
    }
  } else {
    doc.text(`The block holding the populations (${ordered.length} elements) obeys`);
    doc.display(equationsOf(ordered));
  }
  doc.text('The blocks (elements that couple to one another):');
  doc.text('\\begin{enumerate}');
  for (const b of table.blocks)
    doc.text(
      `\\item $${inlineList(
        b.map(([r, c]) => rhoElement(r, c, n)),
        ',\\ ',
      )}$`,
    );
  doc.text('\\end{enumerate}');
  const conjIndex = (i: number) =>
    table.blocks.findIndex((b) => b.some(([r, c]) => r === table.blocks[i][0][1] && c === table.blocks[i][0][0]));
  const others = table.blocks.map((_, i) => i).filter((i) => i > 0 && conjIndex(i) >= i);
  if (others.length) {
    doc.text('The other blocks; the remaining ones are their complex conjugates, $\\rho_{nm} = \\rho_{mn}^{*}$:');
    for (const i of others) doc.display(equationsOf(table.blocks[i]));
  }
}

/** The steady state solved over the named paper coefficients (as the appendix prints it) and the map back to values. */
export function namedSteadyState(table: DerivedTable): { steady: ExactSteadyState; value: (x: Expr) => Expr; latex: (x: Expr) => string } {
  const p = namedPrinter(table);
  return { steady: namedSteady(table), value: namedForm(table).value, latex: (x) => p.expr(x) };
}

/** Closed forms longer than this (in the named coefficients) are described by their size, not printed. */
const STEADY_TEX_TERMS = 24;

/**
 * ── the exact steady state (src/derive/steadyState.ts). The closed forms are printed in the named
 * coefficients (Γ, Λ, Δ, … as the paper writes them): the same solve on the generator over the named
 * coefficients, whose value is the exact solve's (substitution is a ring homomorphism; a test checks it).
 * What vanishes and whether the state is unique come from the exact solve.
 */
function steadyStateSection(doc: Doc, table: DerivedTable, p: LatexPrinter): void {
  const { model } = table;
  const n = model.states.length;
  const exact = exactSteadyState(table);
  const namedSolve = namedSteady(table);
  doc.text('\\section*{Exact steady state}');
  doc.text(
    'Each block is solved exactly (Cramer\\textquoteright s rule, division-free). In the block holding the populations one ' +
      'population equation is replaced by $\\operatorname{tr}\\rho = 1$, so every element is $\\rho_{mn} = N_{mn}/D$ with one determinant $D$; ' +
      'the steady state is unique exactly when $D \\neq 0$, and a coherence vanishes exactly when its numerator does. ' +
      'A block without populations is homogeneous: its elements vanish whenever its determinant does not.',
  );
  exact.blocks.forEach((b, i) => {
    const names = inlineList(
      b.elements.map(([r, c]) => rhoElement(r, c, n)),
      ',\\ ',
    );
    if (!b.solved) {
      doc.text(`Block $${names}$: not solved exactly (${texText(b.reason ?? '')}).`);
      return;
    }
    const nb = namedSolve.blocks[i];
    const fits = (x: Expr) => x.terms.size <= STEADY_TEX_TERMS;
    const uniqueness = b.neverUnique
      ? 'its determinant vanishes identically: the steady state is never unique'
      : 'the steady state is unique where its determinant does not vanish';
    if (!b.populations) {
      doc.text(
        `Block $${names}$ (${b.determinant.terms.size} terms in its determinant): ${uniqueness}; then $${b.elements.map(([r, c]) => rhoElement(r, c, n)).join(' = ')} = 0$.`,
      );
      return;
    }
    doc.text(
      `Block $${names}$: the equation of $${rhoElement(b.elements[b.traceRow!][0], b.elements[b.traceRow!][1], n)}$ is replaced by the trace condition; ${uniqueness}. ` +
        `The determinant has ${b.determinant.terms.size} terms${nb.solved ? ` (${nb.determinant.terms.size} in the named coefficients)` : ''}.`,
    );
    if (nb.solved && fits(nb.determinant)) doc.display(alignedSum('D', p.pieces(nb.determinant)));
    const shown: string[] = [];
    const sizes: string[] = [];
    b.elements.forEach(([r, c], j) => {
      const el = rhoElement(r, c, n);
      if (b.vanishes[j]) shown.push(`${el} &= 0`);
      else if (nb.solved && fits(nb.numerators[j]) && fits(nb.determinant)) shown.push(alignedSum(`${el} D`, p.pieces(nb.numerators[j])));
      else sizes.push(`$N_{${r + 1}${c + 1}}$: ${b.numerators[j].terms.size} terms`);
    });
    if (shown.length) doc.display(shown.join(' \\\\\n'));
    if (sizes.length)
      doc.text(`Numerators too long to print here (\\texttt{bornmarkov show --steady --full} prints them): ${sizes.join(', ')}.`);
  });
}

const MATRIX_WIDTH = 72;
/** Blocks with more elements are written as equations, not as a matrix. */
const MATRIX_MAX = 8;

/**
 * The matrix entries as LaTeX; while the matrix is wider than a page, its widest entry is replaced by a
 * name μ_k (and an entry that is the complex conjugate of a named one by μ_k^*), as seed 000 writes μ in M.
 */
function abbreviatedMatrix(p: LatexPrinter, entries: Expr[][]): { rows: string[][]; names: { latex: string; value: Expr }[] } {
  const rows = entries.map((r) => r.map((x) => p.expr(x)));
  const names: { latex: string; value: Expr }[] = [];
  const width = () => rows[0].reduce((acc, _, j) => acc + Math.max(...rows.map((r) => visibleWidth(r[j]))) + 2, 0);
  const named = new Set<string>();
  while (width() > MATRIX_WIDTH) {
    let best: [number, number] | undefined;
    rows.forEach((r, i) =>
      r.forEach((x, j) => {
        // short entries (0, 2Γ_1, Δ_3) stay: naming them would not make the matrix readable
        if (!named.has(`${i},${j}`) && visibleWidth(x) > 8 && (!best || visibleWidth(x) > visibleWidth(rows[best[0]][best[1]])))
          best = [i, j];
      }),
    );
    if (!best) break;
    const value = entries[best[0]][best[1]];
    const latex = `\\mu_{${names.length + 1}}`;
    names.push({ latex, value });
    const conjValue = conj(value);
    rows.forEach((r, i) =>
      r.forEach((_, j) => {
        if (named.has(`${i},${j}`)) return;
        if (entries[i][j].equals(value)) r[j] = latex;
        else if (entries[i][j].equals(conjValue)) r[j] = `${latex}^{*}`;
        else return;
        named.add(`${i},${j}`);
      }),
    );
  }
  return { rows, names };
}

/** The summands of the paper-form master equation (seed 000 Eqs. 7, 10, B1 layout). */
function paperFormPieces(terms: PaperTerm[], n: number): Piece[] {
  const pieces: Piece[] = [{ negative: false, body: '-i\\left[H_S, \\rho\\right]' }];
  const termBody = (t: PaperTerm): Piece => {
    if (t.items.length === 1) return { negative: t.items[0].sign < 0, body: `${t.latex} ${latexStructureItem(t.items[0], n)}` };
    const bracket = t.items.every((it) => it.kind === 'D') ? ['\\left[', '\\right]'] : ['\\left(', '\\right)'];
    return { negative: false, body: `${t.latex} ${bracket[0]}${latexStructure(t.items, n)}${bracket[1]}` };
  };
  let i = 0;
  while (i < terms.length) {
    const t0 = terms[i];
    let j = i;
    while (j < terms.length && terms[j].family === t0.family && terms[j].factor === t0.factor && terms[j].hc === t0.hc) j++;
    const group = terms.slice(i, j).map(termBody);
    i = j;
    if (!t0.hc && t0.factor === 1) {
      pieces.push(...group);
      continue;
    }
    // 2(Λ_1 … + h.c.) as in seed 000 Eq. (7); [Δ_1 … ] + h.c. as in Eq. (10)
    const inner = t0.factor === 2 && t0.hc ? [...group, { negative: false, body: '\\text{h.c.}' }] : group;
    const open = t0.factor === 2 ? '2\\bigl(' : '\\bigl[';
    const close = t0.factor === 2 ? '\\bigr)' : t0.hc ? '\\bigr] + \\text{h.c.}' : '\\bigr]';
    inner.forEach((p, k) => {
      let body = p.body;
      // the sign of the first summand stays inside the bracket
      if (k === 0) body = `${open}${p.negative ? '-' : ''}${body}`;
      if (k === inner.length - 1) body = `${body}${close}`;
      pieces.push({ negative: k === 0 ? false : p.negative, body });
    });
  }
  return pieces;
}

function renderDocument(title: string, blocks: Block[]): string {
  const out: string[] = [
    '% Generated by bornmarkov (src/emit/latex.ts). Standalone: pdflatex this file, or paste its body as an appendix.',
    '\\documentclass[10pt]{article}',
    '\\usepackage{amsmath}',
    '\\setlength{\\textwidth}{6.5in}',
    '\\setlength{\\oddsidemargin}{0in}',
    '\\setlength{\\evensidemargin}{0in}',
    '\\setlength{\\textheight}{9in}',
    '\\setlength{\\topmargin}{-0.5in}',
    '\\setcounter{MaxMatrixCols}{64}',
    // prose lines may stretch rather than run into the margin before a long inline formula
    '\\setlength{\\emergencystretch}{3em}',
    '\\allowdisplaybreaks',
    `\\title{${title}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
  ];
  for (const b of blocks) {
    if (b.kind === 'text') out.push(b.tex);
    else if (b.multiline) out.push(`\\begin{align*}\n${b.body}\n\\end{align*}`);
    else out.push(`\\[\n${b.body}\n\\]`);
  }
  out.push('\\end{document}', '');
  return out.join('\n');
}

/** The standalone LaTeX appendix (article class, amsmath only) of a derived table. */
export function latexAppendix(table: DerivedTable): string {
  return emittedOnce(table, 'tex', () => {
    const { title, blocks } = appendixBlocks(table);
    return renderDocument(title, blocks);
  });
}

/** Every display formula of the appendix, as a KaTeX display-mode string (multi-line ones in aligned). */
export function latexFormulas(table: DerivedTable): string[] {
  return appendixBlocks(table)
    .blocks.filter((b): b is Extract<Block, { kind: 'math' }> => b.kind === 'math')
    .map((b) => (b.multiline ? `\\begin{aligned}\n${b.body}\n\\end{aligned}` : b.body));
}
