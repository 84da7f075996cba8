// Eigenstructure of H_S: exact verification of declared eigenpairs (verifyEigenstructure), and an exact
// solution wherever a constant symmetry splits every block of H into pieces of size ≤ 2 (findEigenstructure:
// numbers and radicals in H, uniform chains with nested radicals, symmetric detunings, parametric 2×2 pieces
// by a mixing angle) or into rotations (spin-j pieces, eigenvectors polynomial in half-angles). Constant angles (cot θ a number) get exact half-angle values (constantAngleValues).
//
// Mixing angles enter as c = cos(θ/2), s = sin(θ/2) with c² + s² = 1. An angle declared by
// cot θ = N/D means N = R cos θ and D = R sin θ with R = √(N² + D²). To verify H v = λ v exactly we
// replace √(N²+D²) by a symbol R and solve N and D for one parameter each (N = Δ, D = 2ξ: Δ → R(c²−s²),
// ξ → R c s); the residual must then vanish identically modulo c² + s² = 1.
import {
  type Expr,
  type Term,
  Expr as E,
  add,
  conj,
  divConst,
  halfAngle,
  mul,
  neg,
  num,
  pow,
  radical,
  scale,
  sub,
  substitute,
  symbol,
  evaluate,
  imag,
  isReal,
  ofRational,
  variable,
} from '../algebra/expr.ts';
import { ExprError, exactSqrt } from '../algebra/parse.ts';
import { constantValue, invertConstant, isConstantExpr, sqrtConstant } from '../algebra/radicals.ts';
import { type Matrix, type Vector, commutes, compress, isScalarMatrix, nullSpace, orthonormalize } from '../algebra/constMatrix.ts';
import { fromNested } from '../numeric/complexMatrix.ts';
import { hermitianEigen } from '../numeric/eigen.ts';
import { plainText as exprText } from '../algebra/text.ts';
import { cq, rat, type Rational } from '../algebra/rational.ts';
import type { Operator } from '../operators/operator.ts';
import type { Angle, EigenState } from './model.ts';

/** H_S has a block whose eigenvectors have no exact form here: the loader falls back to the numeric eigenbasis mode. */
export class NoExactEigenstructure extends ExprError {}

/**
 * Checks H v = E v and orthonormality exactly. `origin` says who wrote the states: a failure of declared
 * states is the user's to fix (the message says how); a failure of found states is a bornmarkov bug.
 */
export function verifyEigenstructure(
  h: Operator,
  states: EigenState[],
  angles: Angle[],
  basis: string[],
  origin: 'declared' | 'found' = 'declared',
): void {
  const reduce = angleReducer(angles);
  const n = basis.length;
  const failure = (what: string): never => {
    if (origin === 'found')
      throw new ExprError(
        `internal error: the eigenstructure bornmarkov found does not verify (${what}); please report this model. Declaring eigen.states works around it`,
      );
    throw new ExprError(`${what}${decimalHint(states)}`);
  };
  states.forEach((st, j) => {
    for (let r = 0; r < n; r++) {
      let hv = num(0);
      for (let k = 0; k < n; k++) hv = add(hv, mul(h.get(r, k), st.vector[k]));
      const raw = sub(hv, mul(st.energy, st.vector[r]));
      const reduced = reduce(raw);
      if (!reduced.isZero()) {
        const relations = angles.length ? ' even with the mixing-angle relations imposed' : '';
        failure(
          `state ${st.name} is not an eigenvector of H with energy ${valueText(st.energy)}: component ${basis[r]} of (H - E)v is ${valueText(raw)}, which is not 0${relations}`,
        );
      }
    }
    states.forEach((other, i) => {
      if (i > j) return;
      let dot = num(0);
      for (let k = 0; k < n; k++) dot = add(dot, mul(conj(other.vector[k]), st.vector[k]));
      const expected = i === j ? num(1) : num(0);
      if (!reduce(sub(dot, expected)).isZero()) {
        failure(
          i === j
            ? `state ${st.name} is not normalised: <v|v> = ${valueText(dot)}`
            : `states ${other.name} and ${st.name} are not orthogonal: <${other.name}|${st.name}> = ${valueText(dot)}`,
        );
      }
    });
  });
}

/** A value for a message: exact when short; a number with long rationals (decimals written into a file) as a decimal. */
function valueText(x: Expr): string {
  const text = exprText(x);
  const longRational = [...x.terms.values()].some((t) =>
    [t.coef.re, t.coef.im].some((q) => q.d >= 10n ** 12n || (q.n < 0n ? -q.n : q.n) >= 10n ** 12n),
  );
  if (isConstantExpr(x) && (longRational || text.length > 80)) {
    const [re, im] = constantValue(x);
    const approx = im === 0 ? String(re) : `${re} + ${im}i`;
    return `≈ ${approx} (its exact form has ${text.length} characters)`;
  }
  return text.length <= 300 ? text : `${text.slice(0, 200)}… (${text.length} characters)`;
}

/** Why decimals fail an exact check, when the declared states contain long decimals (rationals with a power-of-ten denominator). */
function decimalHint(states: EigenState[]): string {
  const longDecimal = states.some((s) =>
    [s.energy, ...s.vector].some((x) => [...x.terms.values()].some((t) => t.coef.re.d >= 1000000n || t.coef.im.d >= 1000000n)),
  );
  return longDecimal
    ? '. The declared states contain long decimals, which are exact rationals here (0.7071067811865476 is not sqrt(2)/2), so rounded eigenvectors cannot pass: write exact values such as sqrt(2)/2, or omit eigen.states and bornmarkov finds the eigenstructure exactly where the blocks of H allow it'
    : '';
}

/** The map residual → residual with every angle's defining relation imposed (see the file comment). */
function angleReducer(angles: Angle[]): (x: Expr) => Expr {
  // A constant angle (cot θ a number) has exact half-angle values: substitute them.
  const constants = constantAngleValues(angles);
  const steps = angles
    .filter((a) => !constants.has(halfAngleKey(a.name)))
    .map((a) => {
      const radicand = add(mul(a.numerator, a.numerator), mul(a.denominator, a.denominator));
      const rootKey = [...radical(radicand).variables()][0];
      const rSymbol = symbol(`R_${a.name}`);
      const { c, s } = halfAngle(a.name);
      const cosTheta = sub(mul(c, c), mul(s, s));
      const sinTheta = scale(mul(c, s), cq(rat(2)));
      const solveN = solveLinear(a.numerator, a.denominator);
      const solveD = solveLinear(a.denominator, a.numerator);
      const own = new Set([...c.variables(), ...s.variables()]);
      return (x: Expr): Expr => {
        // Only residuals that carry this angle: another angle may share its parameters.
        if (x.isZero() || ![...x.variables()].some((k) => own.has(k))) return x;
        let y = substitute(x, (v) => (v.key === rootKey ? rSymbol : undefined));
        const rules = new Map<string, Expr>();
        if (solveN) rules.set(solveN.param, mul(sub(mul(rSymbol, cosTheta), solveN.rest), invertConstant(solveN.coef)));
        if (solveD) rules.set(solveD.param, mul(sub(mul(rSymbol, sinTheta), solveD.rest), invertConstant(solveD.coef)));
        if (!solveN && !solveD) return y;
        y = substitute(y, (v) => (v.kind === 'symbol' ? rules.get(v.name) : undefined));
        return y;
      };
    });
  const fixed = (x: Expr): Expr => (constants.size === 0 ? x : substitute(x, (v) => constants.get(v.key)));
  return (x) => steps.reduce((acc, f) => f(acc), fixed(x));
}

const halfAngleKey = (angle: string): string => [...halfAngle(angle).c.variables()][0];

/**
 * Write e = coef·p + rest for a parameter p that e contains only linearly, with a constant coefficient
 * (rational or radical, such as 2√2), and that `other` lacks.
 */
function solveLinear(e: Expr, other: Expr): { param: string; coef: Expr; rest: Expr } | undefined {
  const otherVars = other.variables();
  const params = [...e.variables()].filter((k) => variable(k).kind === 'symbol' && !otherVars.has(k));
  for (const p of params) {
    const withP = [...e.terms.values()].filter((t: Term) => t.mono.some(([k]) => k === p));
    const linear = withP.every((t) => t.mono.every(([k, pow]) => (k === p ? pow === 1 : isConstantExpr(E.ofVariable(variable(k))))));
    if (!linear) continue;
    const coef = E.fromTerms(withP.map((t) => ({ mono: t.mono.filter(([k]) => k !== p), coef: t.coef })));
    const rest = E.fromTerms([...e.terms.values()].filter((t: Term) => !t.mono.some(([k]) => k === p)));
    return { param: p, coef, rest };
  }
  return undefined;
}

/**
 * Eigenpairs of H, found exactly (eigen section without states).
 *
 * Each connected block B of H is written B = Σ_m μ_m M_m over the monomials μ_m of its parameters, with
 * constant matrices M_m. A constant orthonormal basis in which every M_m is block-diagonal is found by
 * refinement: a non-scalar Hermitian X that commutes with every M_m (an M_m itself when one commutes with
 * the rest, else an element of their commutant) splits the space into its eigenspaces, which B preserves
 * for all parameter values; each piece is refined again. A piece ends when B is a multiple of the identity
 * on it (a degenerate level), or when it is two-dimensional and irreducible: then a mixing angle θ with
 * cot θ = (a − d)/(2b) diagonalises the parametric 2×2 compression [[a, b], [b, d]]. A larger piece with no
 * splitter may still be a rotation (rotationOf). The eigenvalues of each
 * constant X are guessed from a numeric diagonalisation (rational, ±√q, or a root of a rational quadratic),
 * and every guess is accepted only if the exact kernel of X − λ has the right dimension — so the exact
 * algebra decides. A block that cannot be split into pieces of size ≤ 2 this way is refused with a clear error.
 */
export function findEigenstructure(
  h: Operator,
  basis: string[],
  declaredAngles: Angle[],
  defaults: Readonly<Record<string, number>> = {},
): { states: EigenState[]; angles: Angle[] } {
  const blocks = connectedBlocks(h);
  const angles: Angle[] = [...declaredAngles];
  const value = numericEvaluator(defaults, angles);
  type Piece = RefinedPiece & { block: number[] };
  const pieces: Piece[] = [];
  for (const block of blocks) {
    const b: Matrix = block.map((i) => block.map((k) => h.get(i, k)));
    const unit = block.map((_, j) => block.map((__, k) => num(j === k ? 1 : 0)));
    for (const p of refine(
      monomialTerms(b),
      unit,
      (what) => `H couples ${block.map((i) => basis[i]).join(', ')} in one block of size ${block.length}; ${what}`,
    )) {
      pieces.push({ block, ...p });
    }
  }
  const cotKeys = new Set(
    pieces
      .filter((p) => p.kind === 'pair')
      .map((p) => {
        const hw = compress(
          p.block.map((i) => p.block.map((k) => h.get(i, k))),
          p.columns,
        );
        return sub(hw[0][0], hw[1][1]).key + '|' + (isReal(hw[0][1]) ? hw[0][1] : mul(hw[0][1], imag())).key;
      }),
  );
  const distinctCots = cotKeys.size;
  let pairNo = 0;
  let rotationNo = 0;
  const embed = (block: number[], v: Vector): Expr[] => {
    const full = basis.map(() => num(0));
    block.forEach((i, j) => (full[i] = v[j]));
    return full;
  };
  const found: { block: number[]; state: Omit<EigenState, 'name' | 'latex'>; name?: string; latex?: string }[] = [];
  for (const p of pieces) {
    const b: Matrix = p.block.map((i) => p.block.map((k) => h.get(i, k)));
    const hw = compress(b, p.columns);
    if (p.kind === 'scalar') {
      for (const w of p.columns) {
        const unitOf = w.filter((x) => !x.isZero());
        const single = p.columns.length === 1 && unitOf.length === 1 && unitOf[0].equals(num(1));
        const label = single ? basis[p.block[w.findIndex((x) => !x.isZero())]] : undefined;
        found.push({ block: p.block, state: { energy: hw[0][0], vector: embed(p.block, w) }, name: label, latex: label });
      }
      continue;
    }
    if (p.kind === 'rotation') {
      const r = p.rotation!;
      const same = angles.find((x) => x.numerator.equals(r.numerator) && x.denominator.equals(r.denominator));
      let name = same?.name;
      if (!name) {
        rotationNo++;
        name = rotationNo === 1 ? 'phi' : `phi${rotationNo}`;
        angles.push({
          name,
          latex: rotationNo === 1 ? '\\varphi' : `\\varphi_{${rotationNo}}`,
          numerator: r.numerator,
          denominator: r.denominator,
        });
      }
      const { c, s } = halfAngle(name);
      for (const st of rotationStates(r, c, s)) {
        const inBlock = p.columns[0].map((_, row) => add(...st.vector.map((x, k) => (x.isZero() ? num(0) : mul(x, p.columns[k][row])))));
        found.push({ block: p.block, state: { energy: st.energy, vector: embed(p.block, inBlock) } });
      }
      continue;
    }
    // Irreducible pair: make the coupling real (a constant phase on the second vector), then one angle.
    let [w1, w2] = p.columns;
    let [a, bb, d] = [hw[0][0], hw[0][1], hw[1][1]];
    if (!isReal(bb)) {
      const turned = mul(bb, imag());
      if (!isReal(turned))
        throw new ExprError(
          `the coupling ${exprText(bb)} between the two states of an irreducible pair is neither real nor imaginary; declare eigen.states`,
        );
      w2 = w2.map((x) => mul(x, imag()));
      bb = turned;
    }
    const numerator = sub(a, d);
    const denominator = scale(bb, cq(rat(2)));
    // Pairs with the same cot θ (e.g. the excitation blocks of a chain) share one angle.
    const same = angles.find((x) => x.numerator.equals(numerator) && x.denominator.equals(denominator));
    let name: string;
    if (same) name = same.name;
    else {
      pairNo++;
      name = distinctCots === 1 ? 'theta' : `theta${pairNo}`;
      if (!angles.some((x) => x.name === name))
        angles.push({ name, latex: distinctCots === 1 ? '\\theta' : `\\theta_{${pairNo}}`, numerator, denominator });
    }
    const root = exactSqrt(add(pow(numerator, 2), pow(denominator, 2)));
    const mean = divConst(add(a, d), num(2));
    const { c, s } = halfAngle(name);
    const plus = w1.map((x, k) => add(mul(c, x), mul(s, w2[k])));
    const minus = w1.map((x, k) => sub(mul(c, w2[k]), mul(s, x)));
    const standard = p.block.length === 2 && w1[0].equals(num(1)) && w2[1].equals(num(1));
    const tag = standard ? `${basis[p.block[0]]}_${basis[p.block[1]]}` : undefined;
    const ePlus = add(mean, divConst(root, num(2)));
    const eMinus = sub(mean, divConst(root, num(2)));
    // the LaTeX name must survive labels with subscripts: {eg}_{+}, not e_g_+
    const texTag = tag && `{${tag.replace(/_/g, '')}}`;
    found.push({
      block: p.block,
      state: { energy: ePlus, vector: embed(p.block, plus) },
      name: tag && `${tag}_p`,
      latex: texTag && `${texTag}_{+}`,
    });
    found.push({
      block: p.block,
      state: { energy: eMinus, vector: embed(p.block, minus) },
      name: tag && `${tag}_m`,
      latex: texTag && `${texTag}_{-}`,
    });
  }
  // Order: blocks as in the bare basis; inside a block by descending energy at the default parameters
  // (a pair's + state, whose energy is never below its − state's, stays first on a tie).
  const blockIndex = new Map(blocks.map((b, i) => [b, i]));
  const ordered = found
    .map((f, i) => ({ f, i, at: safeValue(value, f.state.energy) }))
    .sort((x, y) => blockIndex.get(x.f.block)! - blockIndex.get(y.f.block)! || y.at - x.at || x.i - y.i);
  const states: EigenState[] = ordered.map(({ f }, k) => ({
    name: f.name ?? `psi${k + 1}`,
    latex: f.latex ?? `\\psi_{${k + 1}}`,
    ...f.state,
  }));
  return { states, angles };
}

function safeValue(value: (e: Expr) => number, e: Expr): number {
  try {
    return value(e);
  } catch {
    return 0;
  }
}

function connectedBlocks(h: Operator): number[][] {
  const n = h.n;
  const seen = new Set<number>();
  const blocks: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (seen.has(i)) continue;
    const block = [i];
    seen.add(i);
    for (let q = 0; q < block.length; q++) {
      for (let k = 0; k < n; k++) {
        if (!seen.has(k) && (!h.get(block[q], k).isZero() || !h.get(k, block[q]).isZero())) {
          seen.add(k);
          block.push(k);
        }
      }
    }
    blocks.push(block.sort((a, b) => a - b));
  }
  return blocks;
}

/** B = Σ μ_m M_m: the constant matrices M_m, one per monomial of the parameters (radicals count as constants). */
export function monomialParts(b: Matrix): Matrix[] {
  return monomialTerms(b).map((t) => t.matrix);
}

/** The same with each monomial μ_m as an expression. */
function monomialTerms(b: Matrix): { monomial: Expr; matrix: Matrix }[] {
  const k = b.length;
  const monos = new Map<string, Expr>();
  const parts = new Map<string, Matrix>();
  b.forEach((row, i) =>
    row.forEach((x, j) => {
      for (const t of x.terms.values()) {
        const param = t.mono.filter(([key]) => !isConstantExpr(E.ofVariable(variable(key))));
        const constant = t.mono.filter(([key]) => isConstantExpr(E.ofVariable(variable(key))));
        const key = param.map(([v, e]) => `${v}^${e}`).join('*');
        if (!monos.has(key)) monos.set(key, E.fromTerms([{ mono: param, coef: cq(rat(1)) }]));
        let m = parts.get(key);
        if (!m) parts.set(key, (m = Array.from({ length: k }, () => Array.from({ length: k }, () => num(0)))));
        m[i][j] = add(m[i][j], E.fromTerms([{ mono: constant, coef: t.coef }]));
      }
    }),
  );
  return [...parts.entries()].map(([key, matrix]) => ({ monomial: monos.get(key)!, matrix }));
}

/** Split span(columns) into pieces on which every M is block-diagonal (see findEigenstructure). */
type RefinedPiece = { columns: Vector[]; kind: 'scalar' | 'pair' | 'rotation'; rotation?: Rotation };

function refine(terms: { monomial: Expr; matrix: Matrix }[], columns: Vector[], refuse: (what: string) => string): RefinedPiece[] {
  const ms = terms.map((t) => t.matrix);
  const local = ms.map((m) => compress(m, columns));
  const dim = columns.length;
  if (dim === 1 || local.every(isScalarMatrix)) return [{ columns, kind: 'scalar' }];
  // Try each splitter in turn: one whose eigenvalues have no exact form here may be replaced by another.
  let spaces: Vector[][] | undefined;
  let firstError: unknown;
  let any = false;
  for (const x of splitters(local)) {
    any = true;
    try {
      spaces = constantEigenspaces(x, refuse);
      break;
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      firstError ??= e;
    }
  }
  if (!spaces) {
    if (any) throw firstError;
    if (dim === 2) return [{ columns, kind: 'pair' }];
    const rotation = rotationOf(
      local,
      terms.map((t) => t.monomial),
    );
    if (rotation) return [{ columns, kind: 'rotation', rotation }];
    throw new NoExactEigenstructure(
      refuse(
        `it has a ${dim}-dimensional part with no symmetry that splits it, so its eigenvectors have no exact form here; declare eigen.states or write "eigen": "numeric"`,
      ),
    );
  }
  const out: RefinedPiece[] = [];
  for (const space of spaces) {
    const sub = space.map((e) => columns[0].map((_, r) => add(...e.map((c, k) => (c.isZero() ? num(0) : mul(c, columns[k][r]))))));
    out.push(...refine(terms, sub, refuse));
  }
  return out;
}

/**
 * A piece on which H = α + p·A + q·C with constant A, C related by a rotation: an anti-Hermitian constant G with
 * [G, A] = t·C and [G, C] = −A/t. Then p·A + q·C = R(cos φ A' + sin φ C) with A' = A/t, cot φ = t·p/q,
 * R = √(t²p² + q²), and e^{φG} A' e^{−φG} = cos φ A' + sin φ C, so the eigenvectors are e^{φG}u (u eigenvectors
 * of A', energies α + μR). When G's eigenvalues are i·ν with 2ν integer, e^{iνφ} = (cos φ/2 + i sin φ/2)^{2ν} and
 * the vectors are polynomials in the half-angles — a spin-j rotation (Wigner d), e.g. the 3-site chain with a
 * linear detuning gradient, whose normalisation would otherwise depend on the parameters.
 */
interface Rotation {
  alpha: Expr;
  numerator: Expr;
  denominator: Expr;
  /** t: the energies are α + μ·t·R with R = √(numerator² + denominator²) */
  scale: Expr;
  /** eigenspaces of G: G w = iν w */
  generator: { nu: number; space: Vector[] }[];
  /** eigenspaces of A' with eigenvalue μ */
  levels: { mu: Expr; space: Vector[] }[];
}

function rotationOf(local: Matrix[], monos: Expr[]): Rotation | undefined {
  const scalarIdx = local.map((m, i) => (isScalarMatrix(m) ? i : -1)).filter((i) => i >= 0);
  const other = local.map((_, i) => i).filter((i) => !scalarIdx.includes(i));
  if (other.length !== 2) return undefined;
  const d = local[0].length;
  const alpha = add(...scalarIdx.map((i) => mul(monos[i], local[i][0][0])));
  const [A, C] = other.map((i) => local[i]);
  const [p, q] = other.map((i) => monos[i]);
  // Unknowns G_ij (i*d + j), x, y:  [G, A] − x C = 0,  [G, C] + y A = 0.
  const u = d * d + 2;
  const rows: Matrix = [];
  const commutatorRows = (M: Matrix, N: Matrix, slot: number, sign: number) => {
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const row = Array.from({ length: u }, () => num(0));
        for (let k = 0; k < d; k++) {
          row[i * d + k] = add(row[i * d + k], M[k][j]);
          row[k * d + j] = sub(row[k * d + j], M[i][k]);
        }
        row[slot] = scale(N[i][j], cq(rat(sign)));
        if (row.some((x) => !x.isZero())) rows.push(row);
      }
  };
  commutatorRows(A, C, d * d, -1);
  commutatorRows(C, A, d * d + 1, 1);
  const commutator = (G: Matrix, M: Matrix): Matrix =>
    G.map((_, i) => G.map((__, j) => add(...G.map((___, k) => sub(mul(G[i][k], M[k][j]), mul(M[i][k], G[k][j]))))));
  for (const v of nullSpace(rows, u)) {
    const raw: Matrix = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => v[i * d + j]));
    let G = raw.map((row, i) => row.map((x, j) => divConst(sub(x, conj(raw[j][i])), num(2))));
    const ratio = (X: Matrix, Y: Matrix): Expr | undefined => {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) if (!Y[i][j].isZero()) return mul(X[i][j], invertConstant(Y[i][j]));
      return undefined;
    };
    const x = ratio(commutator(G, A), C);
    const minusY = ratio(commutator(G, C), A); // [G, C] = −y A
    const y = minusY && neg(minusY);
    if (!x || !y || x.isZero() || y.isZero() || !isReal(x) || !isReal(y)) continue;
    const xy = mul(x, y);
    if (!(constantValue(xy)[0] > 0)) continue;
    const sigma = invertConstant(sqrtConstant(xy));
    G = G.map((row) => row.map((e) => mul(e, sigma)));
    const t = mul(x, sigma);
    const ok = (X: Matrix, Y: Matrix) => X.every((row, i) => row.every((e, j) => e.equals(Y[i][j])));
    if (
      !ok(
        commutator(G, A),
        C.map((row) => row.map((e) => mul(e, t))),
      )
    )
      continue;
    if (
      !ok(
        commutator(G, C),
        A.map((row) => row.map((e) => neg(mul(e, invertConstant(t))))),
      )
    )
      continue;
    // G = Σ iν P_ν: eigenspaces of the Hermitian −iG
    const minusIG = G.map((row) => row.map((e) => mul(e, neg(imag()))));
    let generator: { nu: number; space: Vector[] }[];
    try {
      generator = constantEigenspaces(minusIG).map((space) => {
        const nu = compress(minusIG, space)[0][0].constantValue();
        if (!nu || nu.im.n !== 0n || (2n * nu.re.n) % nu.re.d !== 0n) throw new ExprError('not a half-integer');
        return { nu: Number(nu.re.n) / Number(nu.re.d), space };
      });
    } catch (e) {
      if (e instanceof ExprError) continue;
      throw e;
    }
    const aPrime = A.map((row) => row.map((e) => mul(e, invertConstant(t))));
    let levels: { mu: Expr; space: Vector[] }[];
    try {
      levels = constantEigenspaces(aPrime).map((space) => ({ mu: compress(aPrime, space)[0][0], space }));
    } catch (e) {
      if (e instanceof ExprError) continue;
      throw e;
    }
    // cot φ = t·p/q, written as p/(q/t) so that R = √(p² + (q/t)²) has the plainer radicand; energies α + μ·t·R.
    return { alpha, numerator: p, denominator: mul(q, invertConstant(t)), scale: t, generator, levels };
  }
  return undefined;
}

/** The eigenpairs of a rotation piece (in the piece's coordinates) for the half-angles c, s of its angle. */
function rotationStates(r: Rotation, c: Expr, s: Expr): { energy: Expr; vector: Vector }[] {
  const R = exactSqrt(add(mul(r.numerator, r.numerator), mul(r.denominator, r.denominator)));
  const up = add(c, mul(imag(), s));
  const down = sub(c, mul(imag(), s));
  const phase = (nu: number) => pow(nu >= 0 ? up : down, Math.round(Math.abs(2 * nu)));
  const out: { energy: Expr; vector: Vector }[] = [];
  for (const level of r.levels) {
    for (const u0 of level.space) {
      let v: Vector = u0.map(() => num(0));
      for (const g of r.generator) {
        const f = phase(g.nu);
        for (const w of g.space) {
          const coef = mul(f, add(...w.map((x, k) => mul(conj(x), u0[k]))));
          if (!coef.isZero()) v = v.map((e, k) => add(e, mul(coef, w[k])));
        }
      }
      out.push({ energy: add(r.alpha, mul(level.mu, r.scale, R)), vector: v });
    }
  }
  return out;
}

/** Non-scalar Hermitian constant matrices commuting with all of `ms`: those among them first, then elements of their commutant. */
function* splitters(ms: Matrix[]): Generator<Matrix> {
  const candidates = ms.filter((m) => !isScalarMatrix(m));
  for (const m of candidates) if (ms.every((o) => o === m || commutes(m, o))) yield m;
  const d = ms[0].length;
  // Unknowns X_ij (index i*d + j); equations (XM − MX)_ij = 0 for every M.
  const rows: Matrix = [];
  for (const m of candidates) {
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const row = Array.from({ length: d * d }, () => num(0));
        for (let k = 0; k < d; k++) {
          row[i * d + k] = add(row[i * d + k], m[k][j]);
          row[k * d + j] = sub(row[k * d + j], m[i][k]);
        }
        if (row.some((x) => !x.isZero())) rows.push(row);
      }
  }
  for (const v of nullSpace(rows, d * d)) {
    const xm: Matrix = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => v[i * d + j]));
    const herm = xm.map((row, i) => row.map((x, j) => add(x, conj(xm[j][i]))));
    const anti = xm.map((row, i) => row.map((x, j) => mul(imag(), sub(x, conj(xm[j][i])))));
    for (const c of [herm, anti]) if (!isScalarMatrix(c)) yield c;
  }
}

/** Orthonormal eigenspaces of a constant Hermitian matrix, exactly; eigenvalues guessed numerically, then proved by the exact kernel. */
export function constantEigenspaces(x: Matrix, refuse: (what: string) => string = (w) => w): Vector[][] {
  const d = x.length;
  const re = x.map((row) => row.map((e) => constantValue(e)[0]));
  const im = x.map((row) => row.map((e) => constantValue(e)[1]));
  const values = Array.from(hermitianEigen(fromNested(re, im)).values);
  const scaleOf = Math.max(1, ...values.map(Math.abs));
  const tol = 1e-9 * scaleOf;
  const clusters: { at: number; count: number }[] = [];
  for (const v of values) {
    const last = clusters[clusters.length - 1];
    if (last && Math.abs(v - last.at) < tol) last.count++;
    else clusters.push({ at: v, count: 1 });
  }
  const spaces: Vector[][] = [];
  const done = new Set<number>();
  const kernel = (lambda: Expr): Vector[] =>
    nullSpace(
      x.map((row, i) => row.map((e, j) => (i === j ? sub(e, lambda) : e))),
      d,
    );
  const accept = (ci: number, lambda: Expr): boolean => {
    if (Math.abs(constantValue(lambda)[0] - clusters[ci].at) > 1e-7 * scaleOf) return false;
    const k = kernel(lambda);
    if (k.length !== clusters[ci].count) return false;
    spaces.push(orthonormalize(k));
    done.add(ci);
    return true;
  };
  clusters.forEach((c, ci) => {
    if (done.has(ci)) return;
    const q = rationalNear(c.at, tol);
    if (q && accept(ci, ofRational(q))) return;
    const q2 = rationalNear(c.at * c.at, tol * scaleOf);
    if (q2 && q2.n > 0n && accept(ci, scale(sqrtConstant(ofRational(q2)), cq(rat(Math.sign(c.at)))))) return;
    for (let cj = ci + 1; cj < clusters.length; cj++) {
      if (done.has(cj)) continue;
      const sum = rationalNear(c.at + clusters[cj].at, tol);
      const prod = rationalNear(c.at * clusters[cj].at, tol * scaleOf);
      if (!sum || !prod) continue;
      // roots of λ² − sum·λ + prod
      const disc = sub(mul(ofRational(sum), ofRational(sum)), scale(ofRational(prod), cq(rat(4))));
      if (!(constantValue(disc)[0] > 0)) continue;
      const root = sqrtConstant(disc);
      const hi = divConst(add(ofRational(sum), root), num(2));
      const lo = divConst(sub(ofRational(sum), root), num(2));
      const [mine, other] = c.at > clusters[cj].at ? [hi, lo] : [lo, hi];
      if (accept(ci, mine) && accept(cj, other)) return;
    }
    if (!done.has(ci))
      throw new NoExactEigenstructure(
        refuse(
          `its eigenvalue ${c.at.toPrecision(12)} is not rational, not a square root of one and not a root of a rational quadratic (the characteristic polynomial does not split into factors of degree <= 2 over the rationals); declare eigen.states or write "eigen": "numeric"`,
        ),
      );
  });
  return spaces;
}

/** The rational with the smallest denominator within tol of x (continued fractions, denominators up to 10^6). */
function rationalNear(x: number, tol: number): Rational | undefined {
  if (!Number.isFinite(x)) return undefined;
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  let r = x;
  for (let step = 0; step < 40; step++) {
    const a = Math.floor(r);
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > 1000000n) return undefined;
    if (Math.abs(Number(h1) / Number(k1) - x) <= tol) return rat(h1, k1);
    const frac = r - a;
    if (frac < 1e-15) break;
    r = 1 / frac;
  }
  return undefined;
}

/** Numeric value at the default parameters (radicals positive, angles by atan2 as in evaluate.ts). */
function numericEvaluator(defaults: Readonly<Record<string, number>>, angles: Angle[]): (x: Expr) => number {
  const real = (x: Expr): number =>
    evaluate(x, (v) => {
      switch (v.kind) {
        case 'symbol':
          if (defaults[v.name] === undefined) throw new ExprError(`no default for ${v.name}`);
          return [defaults[v.name], 0];
        case 'radical':
          return [Math.sqrt(real(v.radicand)), 0];
        case 'cos':
        case 'sin': {
          const a = angles.find((y) => y.name === v.angle);
          if (!a) throw new ExprError(`unknown angle ${v.angle}`);
          const theta = Math.atan2(real(a.denominator), real(a.numerator));
          return [v.kind === 'cos' ? Math.cos(theta / 2) : Math.sin(theta / 2), 0];
        }
        default:
          throw new ExprError(`no value for ${v.key}`);
      }
    })[0];
  return real;
}

/**
 * Exact cos(θ/2), sin(θ/2) of every angle whose cot is a constant (numbers, possibly radicals), with θ = atan2(D, N)
 * as everywhere else: c = √((R + N)/(2R)) ≥ 0, s = c·D/(R + N) (s = 1 when R + N = 0), R = √(N² + D²).
 */
export function constantAngleValues(angles: Angle[]): Map<string, Expr> {
  const out = new Map<string, Expr>();
  for (const a of angles) {
    if (!isConstantExpr(a.numerator) || !isConstantExpr(a.denominator)) continue;
    const R = sqrtConstant(add(mul(a.numerator, a.numerator), mul(a.denominator, a.denominator)));
    if (R.isZero()) throw new ExprError(`angle ${a.name}: cot ${a.name} = 0/0 is undefined`);
    const rPlusN = add(R, a.numerator);
    const { c: cVar, s: sVar } = halfAngle(a.name);
    let c: Expr;
    let s: Expr;
    if (rPlusN.isZero()) [c, s] = [num(0), num(1)];
    else {
      c = sqrtConstant(mul(rPlusN, invertConstant(scale(R, cq(rat(2))))));
      s = mul(c, a.denominator, invertConstant(rPlusN));
    }
    out.set([...cVar.variables()][0], c);
    out.set([...sVar.variables()][0], s);
  }
  return out;
}

/** Declared states with the half-angles of constant angles replaced by their exact values. */
export function withConstantAngles(states: EigenState[], angles: Angle[]): EigenState[] {
  const values = constantAngleValues(angles);
  if (values.size === 0) return states;
  const put = (x: Expr) => substitute(x, (v) => values.get(v.key));
  return states.map((s) => ({ ...s, energy: put(s.energy), vector: s.vector.map(put) }));
}
