// Generated code of the numeric eigenbasis mode (src/model/numericEigen.ts): each block of H_S is diagonalised
// once per call by the module's runtime (`eigh`, TypeScript: src/emit/runtime.ts; Python: numpy), and the atoms
// of the tables are read from it — E(ψ_k) an eigenvalue, Mre/Mim(X, ψ_m, ψ_n) = Re/Im Σ_ij conj(V_im) X_ij V_jn
// written out over the nonzero entries of X, Sec(ω, ω′) a comparison with the Bohr tolerance. States are
// numbered as the model side numbers them: block order, then ascending energy within a block.
import type { Expr } from '../../algebra/expr.ts';
import { DEFAULT_BOHR_TOLERANCE } from '../../model/model.ts';
import { ELEMENT_RE, eigenLayout, stateIndex } from '../../model/numericEigen.ts';
import { type Node, ONE, ZERO, call, cond, isZero, minus, mul, num, plus, runtime, sum, test } from './ir.ts';
import type { AtomVar, Program, Val } from './program.ts';

const layouts = new WeakMap<object, ReturnType<typeof eigenLayout>>();
function layoutOf(prog: Program) {
  let l = layouts.get(prog.model);
  if (!l) layouts.set(prog.model, (l = eigenLayout(prog.model.hamiltonian)));
  return l;
}

const realH = (prog: Program) => {
  for (const [, , v] of prog.model.hamiltonian.nonzero()) if (!isZero(prog.expr(v).im)) return false;
  return true;
};

/** The decomposition of block b: eigh(d, re entries row-major, im entries) — one local per block. */
function blockHandle(prog: Program, b: number): Node {
  return prog.remember(`eigh:${b}`, () => {
    const block = layoutOf(prog).blocks[b]!;
    const h = prog.model.hamiltonian;
    const entries = block.flatMap((i) => block.map((j) => prog.expr(h.get(i, j))));
    const node = runtime('eigh', num(block.length), ...entries.map((v) => v.re), ...entries.map((v) => v.im));
    return { re: prog.named(`_eig${b + 1}`, node), im: ZERO };
  }).re;
}

/** Component i (bare basis) of eigenvector k (state order), both parts. */
export function eigenvectorComponent(prog: Program, i: number, k: number): Val {
  return prog.remember(`V:${i},${k}`, () => {
    const lay = layoutOf(prog);
    const b = lay.stateBlock[k]!;
    const a = lay.blocks[b]!.indexOf(i);
    if (a < 0) return { re: ZERO, im: ZERO };
    if (lay.blocks[b]!.length === 1) return { re: ONE, im: ZERO }; // a 1×1 block needs no decomposition
    const h = blockHandle(prog, b);
    const part = (p: number) =>
      prog.named(`_V${i + 1}_${k + 1}${p ? 'i' : ''}`, runtime('eigenvector', h, num(a), num(lay.stateRank[k]!), num(p)));
    return { re: part(0), im: realH(prog) ? ZERO : part(1) };
  });
}

function energy(prog: Program, k: number): Val {
  return prog.remember(`E:${k}`, () => {
    const lay = layoutOf(prog);
    const block = lay.blocks[lay.stateBlock[k]!]!;
    if (block.length === 1) return prog.expr(prog.model.hamiltonian.get(block[0]!, block[0]!));
    return { re: prog.named(`_E${k + 1}`, runtime('eigenvalue', blockHandle(prog, lay.stateBlock[k]!), num(lay.stateRank[k]!))), im: ZERO };
  });
}

const times = (a: Val, b: Val): Val => ({ re: minus(mul(a.re, b.re), mul(a.im, b.im)), im: plus(mul(a.re, b.im), mul(a.im, b.re)) });
const conjugate = (a: Val): Val => ({ re: a.re, im: sum([{ negative: true, coef: null, factor: a.im }]) });

/** ⟨ψ_m|X|ψ_n⟩ of a named operator, from the bare entries of X. */
function element(prog: Program, op: string, m: number, n: number): Val {
  return prog.remember(`M:${op},${m},${n}`, () => {
    const { model } = prog;
    const named = [...model.channels, ...model.couplings, ...model.operators.values(), ...model.siteOperators.values()].find(
      (o) => o.name === op,
    );
    if (!named) throw new Error(`internal: no operator ${op}`);
    const parts: Val[] = [];
    for (const [i, j, x] of named.bare.nonzero()) {
      const a = eigenvectorComponent(prog, i, m);
      const b = eigenvectorComponent(prog, j, n);
      if ((isZero(a.re) && isZero(a.im)) || (isZero(b.re) && isZero(b.im))) continue;
      parts.push(times(conjugate(a), times(prog.expr(x as Expr), b)));
    }
    const re = plus(...parts.map((p) => p.re));
    const im = plus(...parts.map((p) => p.im));
    return {
      re: isZero(re) ? ZERO : prog.named(`_M${m + 1}_${n + 1}`, re),
      im: isZero(im) ? ZERO : prog.named(`_M${m + 1}_${n + 1}i`, im),
    };
  });
}

/** Generated code of the eigen atoms E, Mre, Mim and Sec. */
export function eigenAtomCode(prog: Program, v: AtomVar): Val {
  if (v.fn === 'E') return energy(prog, stateIndex(v.args[0]!));
  if (v.fn === 'Sec') {
    const n = prog.model.states.length;
    const scale = call('max', ...Array.from({ length: n }, (_, k) => call('abs', energy(prog, k).re)));
    const tol = prog.named('_bohrTol', mul(num(prog.model.bohrTolerance ?? DEFAULT_BOHR_TOLERANCE), plus(ONE, scale)));
    const gap = call('abs', minus(prog.frequency(v.args[0]!), prog.frequency(v.args[1]!)));
    return { re: prog.named(`_sec_${v.args[0]}_${v.args[1]}`, cond(test(tol, 'ge', gap), ONE, ZERO)), im: ZERO };
  }
  const e = element(prog, v.args[0]!, stateIndex(v.args[1]!), stateIndex(v.args[2]!));
  return { re: v.fn === ELEMENT_RE ? e.re : e.im, im: ZERO };
}
