// Compare a published master equation with the derived one, coefficient by coefficient.
//
// The published equation is  Σ_n x_n S_n (+ x̄_n S_n† for "+ h.c." terms)  with known superoperator
// structures S_n. We solve that linear system exactly for the x_n that reproduce the DERIVED generator
// (Gaussian elimination over ℚ(i) on the unique sandwich tensor), then compare each x_n with the
// published expression. Whatever the published structures cannot produce is reported as operator terms
// the published equation lacks. So a wrong sign, a wrong frequency argument or a wrong operator shows
// up by name, independently of how the paper chose to group its terms.
import { type Expr, add, conj, divConst, imag, mul, neg, num, ofComplex, sub, zero } from '../algebra/expr.ts';
import { type Complex, C0, Q0, cadd, cdiv, cisZero, cmul, cneg } from '../algebra/rational.ts';
import { SuperOp, superSub } from '../operators/superop.ts';
import { type Approx, derive, unitaryPart } from '../derive/redfield.ts';
import { isZeroExact } from '../bath/correlators.ts';
import { exprText } from '../emit/text.ts';
import type { Published } from './published.ts';

/** match/mismatch: published vs derived; missing: the derived equation has no such term; unused: defined but in no term;
 * vanishes: its operator is zero in this model; unresolved: jointly determined with another coefficient that disagrees. */
export type Status = 'match' | 'mismatch' | 'missing' | 'unused' | 'vanishes' | 'unresolved';

export interface CoefficientRow {
  name: string;
  status: Status;
  /** the published structures are linearly dependent here: only a combination is fixed by the derivation */
  joint?: boolean;
  published: string;
  derived?: string;
  /** published − derived, exact */
  difference?: string;
}

export interface ExtraTerm {
  /** τ_ab ρ τ_cd with 1-based indices */
  term: string;
  coefficient: string;
}

export interface CheckResult {
  model: string;
  published: string;
  approx: Approx;
  rows: CoefficientRow[];
  /** operator terms of the derived equation that the published one cannot produce */
  extra: ExtraTerm[];
  ok: boolean;
}

export function checkPublished(pub: Published, approx: Approx): CheckResult {
  // the model the approximation wrote the equation for (local adds site frequencies, partial-secular its cutoff)
  const d = derive(pub.model, approx);
  const model = d.model;
  const derived = d.generator;
  const target = pub.unitary ? superSub(derived, unitaryPart(model)) : derived;
  const terms = pub.terms.filter((t) => approx === 'nonsecular' || !t.nonsecular);
  const names = [...new Set(terms.map((t) => t.coefficient))];

  // Each coefficient x = u + i v multiplies S (and x̄ multiplies S̃ = S† for "+ h.c." terms), so
  // u multiplies P = S + S̃ and v multiplies Q = i(S − S̃). Solving for real u, v (real and imaginary
  // parts of every tensor entry as separate equations) removes the spurious freedom between x and x̄.
  const n = model.states.length;
  const sumP = new Map<string, SuperOp>(names.map((nm) => [nm, new SuperOp(n)]));
  const sumQ = new Map<string, SuperOp>(names.map((nm) => [nm, new SuperOp(n)]));
  const full = new Map<string, { s: SuperOp; sTilde: SuperOp }>(names.map((nm) => [nm, { s: new SuperOp(n), sTilde: new SuperOp(n) }]));
  for (const t of terms) {
    const f = full.get(t.coefficient)!;
    f.s.addAll(t.structure);
    if (t.hc)
      for (const e of t.structure.entries.values()) {
        const a = adjointOf(e.kind, e.idx);
        f.sTilde.addEntry(a.kind, a.idx, conj(e.coef));
      }
  }
  for (const nm of names) {
    const { s, sTilde } = full.get(nm)!;
    sumP.get(nm)!.addAll(s);
    sumP.get(nm)!.addAll(sTilde);
    sumQ.get(nm)!.addAll(s, imag());
    sumQ.get(nm)!.addAll(sTilde, neg(imag()));
  }
  const columns: { name: string; part: 'u' | 'v'; tensor: Map<string, Complex> }[] = [];
  const constTensor = (s: SuperOp): Map<string, Complex> => {
    const out = new Map<string, Complex>();
    for (const [k, v] of s.tensor()) {
      const c = v.constantValue();
      if (!c) throw new Error(`internal: non-numeric structure constant ${v.key}`);
      out.set(k, c);
    }
    return out;
  };
  for (const nm of names) {
    columns.push({ name: nm, part: 'u', tensor: constTensor(sumP.get(nm)!) });
    columns.push({ name: nm, part: 'v', tensor: constTensor(sumQ.get(nm)!) });
  }
  const rhs = target.tensor();
  const keys = [...new Set([...columns.flatMap((c) => [...c.tensor.keys()]), ...rhs.keys()])].sort();
  const matrix: Complex[][] = [];
  const b: Expr[] = [];
  for (const k of keys) {
    const be = rhs.get(k) ?? zero();
    const cs = columns.map((c) => c.tensor.get(k) ?? C0);
    matrix.push(cs.map((c) => ({ re: c.re, im: Q0 })));
    b.push(mul(num(1, 2), add(be, conj(be))));
    matrix.push(cs.map((c) => ({ re: c.im, im: Q0 })));
    b.push(divConst(sub(be, conj(be)), mul(num(2), imag())));
  }
  const publishedPart = (c: { name: string; part: 'u' | 'v' }): Expr => {
    const p = pub.coefficients.get(c.name)!;
    return c.part === 'u' ? mul(num(1, 2), add(p, conj(p))) : divConst(sub(p, conj(p)), mul(num(2), imag()));
  };
  const isZero = (x: Expr) => isZeroExact(model, x);
  const { solution, determined } = solve(matrix, b, columns.length, (j) => publishedPart(columns[j]), isZero);
  const value = new Map<string, Expr>(names.map((nm, i) => [nm, add(solution[2 * i], mul(imag(), solution[2 * i + 1]))]));

  // A coefficient whose structure is linearly dependent on others' is fixed by the derivation only in
  // combination; check it alone (both its parts free), with the other jointly determined ones at their
  // published values.
  const leaveOneOut = (i: number): Expr | undefined => {
    const own = [2 * i, 2 * i + 1];
    const rest = b.map((bi, r) => {
      let x = bi;
      columns.forEach((_, m) => {
        if (own.includes(m) || cisZero(matrix[r][m])) return;
        // determined parts at their derived values (exact, independent of the published file), the rest as published
        x = sub(x, mul(ofComplex(matrix[r][m]), determined.has(m) ? solution[m] : publishedPart(columns[m])));
      });
      return x;
    });
    const alone = solve(
      matrix.map((row) => own.map((j) => row[j])),
      rest,
      2,
      (j) => publishedPart(columns[own[j]]),
      isZero,
    );
    return alone.consistent ? add(alone.solution[0], mul(imag(), alone.solution[1])) : undefined;
  };

  // Residual: derived entries the published equation, with these coefficients, does not reproduce.
  const extra: ExtraTerm[] = [];
  const rebuilt = new SuperOp(n);
  for (const nm of names) {
    const { s, sTilde } = full.get(nm)!;
    rebuilt.addAll(s, value.get(nm)!);
    rebuilt.addAll(sTilde, conj(value.get(nm)!));
  }
  for (const [k, r] of superSub(target, rebuilt).tensor()) {
    if (isZeroExact(model, r)) continue;
    const [a, bb, c, d] = k.split(',').map((x) => Number(x) + 1);
    extra.push({ term: `tau${a}${bb}*rho*tau${c}${d}`, coefficient: exprText(r, model) });
  }

  const rows: CoefficientRow[] = [];
  for (const [name, pubValue] of pub.coefficients) {
    const published = exprText(pubValue, model);
    const i = names.indexOf(name);
    if (i < 0) {
      rows.push({ name, status: 'unused', published });
      continue;
    }
    const { s, sTilde } = full.get(name)!;
    if (s.tensor().size === 0 && sTilde.tensor().size === 0) {
      rows.push({ name, status: 'vanishes', published });
      continue;
    }
    const joint = !determined.has(2 * i) || !determined.has(2 * i + 1);
    const x = joint ? leaveOneOut(i) : value.get(name)!;
    if (!x) {
      rows.push({ name, status: 'unresolved', joint, published });
      continue;
    }
    const diff = sub(pubValue, x);
    const status: Status = isZeroExact(model, diff) ? 'match' : isZeroExact(model, x) ? 'missing' : 'mismatch';
    rows.push({
      name,
      status,
      joint,
      published,
      derived: exprText(x, model),
      difference: status === 'match' ? undefined : exprText(diff, model),
    });
  }
  const ok = rows.every((r) => r.status === 'match' || r.status === 'unused' || r.status === 'vanishes') && extra.length === 0;
  return { model: model.file, published: pub.file, approx, rows, extra, ok };
}

function adjointOf(kind: 'L' | 'R' | 'S', idx: number[]): { kind: 'L' | 'R' | 'S'; idx: number[] } {
  if (kind === 'S') return { kind, idx: [idx[3], idx[2], idx[1], idx[0]] };
  return { kind: kind === 'L' ? 'R' : 'L', idx: [idx[1], idx[0]] };
}

/** Exact solve of A x = b (A over ℚ(i), b over Expr) by reduced row echelon form; free unknowns take freeValue(col). */
function solve(
  a: Complex[][],
  b: Expr[],
  nCols: number,
  freeValue: (col: number) => Expr,
  isZero: (x: Expr) => boolean,
): { solution: Expr[]; determined: Set<number>; consistent: boolean } {
  const rows = a.map((r) => [...r]);
  const rhs = [...b];
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < nCols && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && !cisZero(row[c]));
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    [rhs[r], rhs[p]] = [rhs[p], rhs[r]];
    const pv = rows[r][c];
    rows[r] = rows[r].map((x) => cdiv(x, pv));
    rhs[r] = mul(ofComplex(cdiv({ re: { n: 1n, d: 1n }, im: { n: 0n, d: 1n } }, pv)), rhs[r]);
    for (let i = 0; i < rows.length; i++) {
      if (i === r || cisZero(rows[i][c])) continue;
      const f = rows[i][c];
      rows[i] = rows[i].map((x, j) => cadd(x, cneg(cmul(f, rows[r][j]))));
      rhs[i] = add(rhs[i], neg(mul(ofComplex(f), rhs[r])));
    }
    pivots.push(c);
    r++;
  }
  const free = new Set<number>();
  for (let c = 0; c < nCols; c++) if (!pivots.includes(c)) free.add(c);
  const solution: Expr[] = Array.from({ length: nCols }, (_, c) => (free.has(c) ? freeValue(c) : zero()));
  pivots.forEach((c, i) => {
    let x = rhs[i];
    for (const f of free) if (!cisZero(rows[i][f])) x = sub(x, mul(ofComplex(rows[i][f]), solution[f]));
    solution[c] = x;
  });
  // A pivot unknown is determined (the same in every solution) when its row has no free column.
  const determined = new Set<number>(pivots.filter((c, i) => [...free].every((f) => cisZero(rows[i][f]))));
  const consistent = rhs.slice(pivots.length).every(isZero);
  return { solution, determined, consistent };
}
