// Brute-force numeric Born–Markov (Redfield) generator, built straight from a model JSON file.
// It is the independent reference for the symbolic engine and shares no code with it: expressions
// are read with mathjs `parse` (numbers only), the Hamiltonian is diagonalised numerically with
// src/numeric/eigen.ts, and the Liouvillian is assembled term by term from the double commutator.
//
// Contract: bruteForceGenerator(model, params, approx) returns, in the BARE basis of the model,
//   labels  the basis labels,  H  the system Hamiltonian,
//   L       the n²×n² Liouvillian with d vec(ρ)/dt = L vec(ρ), vec index a*n + b for ρ_ab (row-major),
// at the model's default parameters overridden by `params`. The `eigen` block of the model is ignored.
//
// Physics (derived here, not taken from elsewhere in the repository):
//   H_SB = Σ_k (X_k† ⊗ B_k + X_k ⊗ B_k†) = Σ_j S_j ⊗ C_j, with j running over the pairs
//   A_k = (S = X_k†, C = B_k) and B_k = (S = X_k, C = B_k†).
//   Bath correlators (independent thermal baths α, Planck N_α(ω) = 1/(e^{ω/T_α} − 1)):
//     ⟨B_k(s) B_l†(0)⟩ = ∫dω/2π e^{−iωs} Σ_α γ^α_lk(ω)(N_α+1),  ⟨B_k†(s) B_l(0)⟩ = ∫dω/2π e^{+iωs} Σ_α γ^α_kl(ω) N_α,
//   with γ^α(ω) = 0 for ω ≤ 0.
//   Interaction picture: S_j(t) = Σ_ω e^{−iωt} S_j(ω), where S(ω) = Σ_{E_b − E_a = ω} |a⟩⟨a|S|b⟩⟨b|.
//   Expanding dρ/dt = −∫_0^∞ ds Tr_B[H_SB(t), [H_SB(t−s), ρ ⊗ ρ_B]] gives, per (j, j', ω, ω'),
//     e^{−i(ω+ω')t} { Γ_jj'(ω') (S_j'(ω') ρ S_j(ω) − S_j(ω) S_j'(ω') ρ)
//                   + Γ̃_j'j(ω') (S_j(ω) ρ S_j'(ω') − ρ S_j'(ω') S_j(ω)) },
//   Γ_jj'(ω') = ∫_0^∞ ds e^{iω's} ⟨C_j(s) C_j'(0)⟩,  Γ̃_j'j(ω') = ∫_0^∞ ds e^{iω's} ⟨C_j'(0) C_j(s)⟩.
//   With ∫_0^∞ e^{ixs} ds → πδ(x) (principal values dropped) the only nonzero ones are
//     (j, j') = (A_k, B_l):  Γ = ½Σ_α γ^α_lk(ω')(N_α(ω')+1),   Γ̃ = ½Σ_α γ^α_lk(ω') N_α(ω'),
//     (j, j') = (B_k, A_l):  Γ = ½Σ_α γ^α_kl(−ω') N_α(−ω'),    Γ̃ = ½Σ_α γ^α_kl(−ω')(N_α(−ω')+1).
//   Back in the Schrödinger picture the phase e^{−i(ω+ω')t} disappears and −i[H_S, ρ] is added.
//   "nonsecular" keeps every (ω, ω'); "secular" keeps only ω + ω' = 0 (non-oscillating terms); "partial-secular"
//   keeps |ω + ω'| < cutoff (and ω + ω' = 0).
//   "ule" (Nathan & Rudner 2020) and "local" are built from jump operators instead (uleGenerator, localGenerator
//   below): D(ρ) = Σ_L L ρ L† − ½{L†L, ρ} with L = Σ_ω √rate(ω) S(ω) per bath and operator, respectively the
//   site-flip parts of each operator at the bare site frequencies.

import { parse, type MathNode } from 'mathjs';
import * as math from 'mathjs';
import { type CMatrix, type Complex, zeros, identity, add, scale, multiply, adjoint, kron } from '../../src/numeric/complexMatrix.ts';
import { hermitianEigen, type HermitianEigen } from '../../src/numeric/eigen.ts';

export type Approximation = 'secular' | 'nonsecular' | 'partial-secular' | 'ule' | 'local';

export interface BruteForceResult {
  n: number;
  labels: string[];
  /** Liouvillian on row-major vec(ρ), bare basis */
  L: CMatrix;
  /** system Hamiltonian, bare basis */
  H: CMatrix;
  /** evaluated bath temperatures, by bath name */
  temperatures: Record<string, number>;
  /** the distinct Bohr frequencies E_b − E_a found (grouped), ascending */
  bohrFrequencies: number[];
  /** the Hermitian coupling operators A_k, bare basis, by name */
  couplings: Record<string, CMatrix>;
}

// ---------------------------------------------------------------------------------------------
// Expression evaluation: values are complex scalars or operators (n×n matrices on the system).

type Value = { kind: 'scalar'; c: Complex } | { kind: 'operator'; M: CMatrix };

interface Site {
  name: string;
  levels: string[];
}

interface SystemSpace {
  sites: Site[];
  labels: string[];
  n: number;
}

interface Scope {
  space: SystemSpace;
  scalars: Map<string, Complex>;
  operators: Map<string, CMatrix>;
}

const scalar = (re: number, im = 0): Value => ({ kind: 'scalar', c: { re, im } });

function buildSpace(system: any): SystemSpace {
  if (Array.isArray(system.levels)) {
    const levels = system.levels.map(String);
    // A single-site system: its site has no name, so site operators take no argument (or any).
    return { sites: [{ name: '', levels }], labels: levels, n: levels.length };
  }
  if (!Array.isArray(system.sites)) throw new Error('system needs `levels` or `sites`');
  const sites: Site[] = system.sites.map((s: any) => ({ name: String(s.name), levels: s.levels.map(String) }));
  // Product basis, first site slowest: labels are the level names concatenated in site order.
  let labels = [''];
  for (const site of sites) labels = labels.flatMap((prefix) => site.levels.map((level) => prefix + level));
  return { sites, labels, n: labels.length };
}

/** The operator I ⊗ … ⊗ local ⊗ … ⊗ I acting as `local` on one site. */
function siteOperator(space: SystemSpace, siteName: string | undefined, local: (levels: string[]) => CMatrix): CMatrix {
  let index: number;
  if (siteName === undefined) {
    if (space.sites.length !== 1) throw new Error('site operator without a site on a multi-site system');
    index = 0;
  } else {
    index = space.sites.findIndex((s) => s.name === siteName);
    if (index < 0 && space.sites.length === 1) index = 0;
    if (index < 0) throw new Error(`unknown site ${siteName}`);
  }
  let result = identity(1);
  space.sites.forEach((site, k) => {
    result = kron(result, k === index ? local(site.levels) : identity(site.levels.length));
  });
  return result;
}

function levelIndex(levels: string[], name: string): number {
  const i = levels.indexOf(name);
  if (i < 0) throw new Error(`site has no level ${name} (levels ${levels.join(', ')})`);
  return i;
}

function localKetBra(levels: string[], ket: string, bra: string): CMatrix {
  const M = zeros(levels.length);
  M.re[levelIndex(levels, ket) * levels.length + levelIndex(levels, bra)] = 1;
  return M;
}

/** A site name or basis label written as a bare argument: a symbol, a number or a string. */
function rawName(node: MathNode): string {
  const n = node as any;
  if (n.type === 'SymbolNode') return n.name;
  if (n.type === 'ConstantNode') return String(n.value);
  if (n.type === 'ParenthesisNode') return rawName(n.content);
  throw new Error(`expected a name, got ${node.toString()}`);
}

function toOperator(v: Value, n: number): CMatrix {
  return v.kind === 'operator' ? v.M : scale(identity(n), v.c);
}

function fromMathjs(x: unknown): Complex {
  if (typeof x === 'number') return { re: x, im: 0 };
  if (typeof x === 'boolean') return { re: x ? 1 : 0, im: 0 };
  if (x && typeof x === 'object' && 're' in x && 'im' in x) return { re: (x as any).re, im: (x as any).im };
  if (x && typeof x === 'object' && typeof (x as any).toNumber === 'function') return { re: (x as any).toNumber(), im: 0 };
  throw new Error(`not a number: ${String(x)}`);
}

function toMathjs(c: Complex): number | math.Complex {
  return c.im === 0 ? c.re : math.complex(c.re, c.im);
}

function evalNode(node: MathNode, scope: Scope): Value {
  const nd = node as any;
  const n = scope.space.n;
  switch (nd.type) {
    case 'ConstantNode': {
      if (typeof nd.value !== 'number') throw new Error(`unexpected constant ${node.toString()}`);
      return scalar(nd.value);
    }
    case 'ParenthesisNode':
      return evalNode(nd.content, scope);
    case 'SymbolNode': {
      const name: string = nd.name;
      const op = scope.operators.get(name);
      if (op) return { kind: 'operator', M: op };
      const s = scope.scalars.get(name);
      if (s) return { kind: 'scalar', c: s };
      if (name === 'i') return scalar(0, 1);
      if (name === 'pi') return scalar(Math.PI);
      throw new Error(`unknown symbol ${name}`);
    }
    case 'OperatorNode': {
      const args: Value[] = nd.args.map((a: MathNode) => evalNode(a, scope));
      const [a, b] = args as [Value, Value];
      switch (nd.fn) {
        case 'unaryPlus':
          return a;
        case 'unaryMinus':
          return a.kind === 'scalar' ? scalar(-a.c.re, -a.c.im) : { kind: 'operator', M: scale(a.M, -1) };
        case 'add':
        case 'subtract': {
          const sign = nd.fn === 'add' ? 1 : -1;
          if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(a.c.re + sign * b.c.re, a.c.im + sign * b.c.im);
          // A scalar added to an operator means scalar · identity.
          return { kind: 'operator', M: add(toOperator(a, n), scale(toOperator(b, n), sign)) };
        }
        case 'multiply': {
          if (a.kind === 'scalar' && b.kind === 'scalar') {
            return scalar(a.c.re * b.c.re - a.c.im * b.c.im, a.c.re * b.c.im + a.c.im * b.c.re);
          }
          if (a.kind === 'scalar') return { kind: 'operator', M: scale((b as { M: CMatrix }).M, a.c) };
          if (b.kind === 'scalar') return { kind: 'operator', M: scale(a.M, b.c) };
          return { kind: 'operator', M: multiply(a.M, b.M) };
        }
        case 'divide': {
          if (b.kind !== 'scalar') throw new Error(`division by an operator in ${node.toString()}`);
          const d = b.c.re * b.c.re + b.c.im * b.c.im;
          const inv = { re: b.c.re / d, im: -b.c.im / d };
          if (a.kind === 'scalar') return scalar(a.c.re * inv.re - a.c.im * inv.im, a.c.re * inv.im + a.c.im * inv.re);
          return { kind: 'operator', M: scale(a.M, inv) };
        }
        case 'pow': {
          if (b.kind !== 'scalar') throw new Error(`operator exponent in ${node.toString()}`);
          if (a.kind === 'scalar') return { kind: 'scalar', c: fromMathjs(math.pow(toMathjs(a.c), toMathjs(b.c))) };
          const k = b.c.re;
          if (b.c.im !== 0 || !Number.isInteger(k) || k < 0) throw new Error(`operator power must be a natural number`);
          let M = identity(n);
          for (let i = 0; i < k; i++) M = multiply(M, a.M);
          return { kind: 'operator', M };
        }
        default:
          throw new Error(`unsupported operator ${nd.op} in ${node.toString()}`);
      }
    }
    case 'FunctionNode': {
      const fname: string = nd.fn.name;
      const rawArgs: MathNode[] = nd.args;
      switch (fname) {
        case 'sz':
        case 'sp':
        case 'sm': {
          const site = rawArgs.length === 0 ? undefined : rawName(rawArgs[0]!);
          const local = (levels: string[]): CMatrix => {
            if (fname === 'sp') return localKetBra(levels, 'e', 'g');
            if (fname === 'sm') return localKetBra(levels, 'g', 'e');
            return add(localKetBra(levels, 'e', 'e'), scale(localKetBra(levels, 'g', 'g'), -1));
          };
          return { kind: 'operator', M: siteOperator(scope.space, site, local) };
        }
        case 'ketbra': {
          if (rawArgs.length !== 2) throw new Error('ketbra takes two basis labels');
          const ket = scope.space.labels.indexOf(rawName(rawArgs[0]!));
          const bra = scope.space.labels.indexOf(rawName(rawArgs[1]!));
          if (ket < 0 || bra < 0) throw new Error(`unknown basis label in ${node.toString()}`);
          const M = zeros(n);
          M.re[ket * n + bra] = 1;
          return { kind: 'operator', M };
        }
        case 'dag': {
          const v = evalNode(rawArgs[0]!, scope);
          return v.kind === 'scalar' ? scalar(v.c.re, -v.c.im) : { kind: 'operator', M: adjoint(v.M) };
        }
        default: {
          // Any other function is an ordinary scalar function, evaluated by mathjs.
          const args = rawArgs.map((a) => evalNode(a, scope));
          if (args.some((v) => v.kind !== 'scalar')) throw new Error(`${fname} applied to an operator`);
          const f = (math as any)[fname];
          if (typeof f !== 'function') throw new Error(`unknown function ${fname}`);
          return { kind: 'scalar', c: fromMathjs(f(...args.map((v) => toMathjs((v as { c: Complex }).c)))) };
        }
      }
    }
    default:
      throw new Error(`unsupported expression ${node.toString()}`);
  }
}

// Parsed once per text: a spectrum is evaluated at every quadrature node.
const parsed = new Map<string, MathNode>();
const parseOnce = (text: string): MathNode => parsed.get(text) ?? (parsed.set(text, parse(text)), parsed.get(text)!);

function evalScalar(expr: string | number, scope: Scope): Complex {
  const v = evalNode(parseOnce(String(expr)), scope);
  if (v.kind !== 'scalar') throw new Error(`expected a number from ${expr}`);
  return v.c;
}

function evalReal(expr: string | number, scope: Scope, what: string): number {
  const c = evalScalar(expr, scope);
  if (Math.abs(c.im) > 1e-14 * Math.max(1, Math.abs(c.re))) throw new Error(`${what} is not real: ${expr}`);
  return c.re;
}

function evalOperator(expr: string, scope: Scope): CMatrix {
  return toOperator(evalNode(parse(expr), scope), scope.space.n);
}

/** Evaluates named entries that may refer to each other in any order, by repeated passes. */
function resolveInAnyOrder(entries: [string, string][], evaluateOne: (name: string, expr: string) => void): void {
  let pending = entries;
  while (pending.length > 0) {
    const failed: [string, string][] = [];
    let lastError: unknown;
    for (const [name, expr] of pending) {
      try {
        evaluateOne(name, expr);
      } catch (err) {
        failed.push([name, expr]);
        lastError = err;
      }
    }
    if (failed.length === pending.length) {
      throw new Error(`cannot evaluate ${failed.map(([k]) => k).join(', ')}: ${String((lastError as Error)?.message ?? lastError)}`);
    }
    pending = failed;
  }
}

/** Scope with parameters (defaults overridden by params), definitions and named operators. */
function buildScope(model: any, params: Record<string, number>): Scope {
  const space = buildSpace(model.system);
  const scope: Scope = { space, scalars: new Map(), operators: new Map() };
  for (const [name, spec] of Object.entries<any>(model.parameters ?? {})) {
    scope.scalars.set(name, { re: Number(spec.default), im: 0 });
  }
  for (const [name, value] of Object.entries(params)) scope.scalars.set(name, { re: value, im: 0 });
  const definitions = Object.entries<any>(model.definitions ?? {})
    .filter(([name]) => !(name in params))
    .map(([name, d]): [string, string] => [name, typeof d === 'object' ? String(d.value) : String(d)]);
  resolveInAnyOrder(definitions, (name, expr) => scope.scalars.set(name, evalScalar(expr, scope)));
  const operators = Object.entries<any>(model.operators ?? {}).map(([name, o]): [string, string] => [
    name,
    typeof o === 'object' ? String(o.value) : String(o),
  ]);
  resolveInAnyOrder(operators, (name, expr) => scope.operators.set(name, evalOperator(expr, scope)));
  return scope;
}

// ---------------------------------------------------------------------------------------------
// Bohr-frequency decomposition from the numeric eigenbasis.

interface FrequencyGroup {
  omega: number;
  /** index pairs (a, b) with E_b − E_a in this group */
  pairs: [number, number][];
}

function groupBohrFrequencies(eig: HermitianEigen): { groups: FrequencyGroup[]; tol: number } {
  const E = eig.values;
  const n = E.length;
  let scaleE = 0;
  for (const e of E) scaleE = Math.max(scaleE, Math.abs(e));
  if (n > 0) scaleE = Math.max(scaleE, E[n - 1]! - E[0]!);
  if (scaleE === 0) scaleE = 1;
  const tol = 1e-9 * scaleE;
  const diffs: { w: number; a: number; b: number }[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) diffs.push({ w: E[b]! - E[a]!, a, b });
  diffs.sort((x, y) => x.w - y.w);
  const groups: FrequencyGroup[] = [];
  let current: { ws: number[]; pairs: [number, number][] } | null = null;
  let previous = -Infinity;
  for (const d of diffs) {
    // Single linkage: a gap larger than tol starts a new frequency.
    if (!current || d.w - previous > tol) {
      if (current) groups.push(finishGroup(current, tol));
      current = { ws: [], pairs: [] };
    }
    current.ws.push(d.w);
    current.pairs.push([d.a, d.b]);
    previous = d.w;
  }
  if (current) groups.push(finishGroup(current, tol));
  return { groups, tol };
}

function finishGroup(g: { ws: number[]; pairs: [number, number][] }, tol: number): FrequencyGroup {
  const mean = g.ws.reduce((s, w) => s + w, 0) / g.ws.length;
  // The zero frequency is exact (populations and degenerate coherences), not a roundoff mean.
  return { omega: Math.abs(mean) <= tol ? 0 : mean, pairs: g.pairs };
}

/** S(ω) = Σ_{(a,b) in group} |a⟩⟨a|S|b⟩⟨b|, returned in the bare basis; null if it vanishes. */
function bohrComponent(S: CMatrix, eig: HermitianEigen, group: FrequencyGroup): CMatrix | null {
  const V = eig.vectors;
  const Seig = multiply(multiply(adjoint(V), S), V);
  const n = S.n;
  const masked = zeros(n);
  let any = false;
  for (const [a, b] of group.pairs) {
    const k = a * n + b;
    if (Seig.re[k] === 0 && Seig.im[k] === 0) continue;
    masked.re[k] = Seig.re[k]!;
    masked.im[k] = Seig.im[k]!;
    any = true;
  }
  return any ? multiply(multiply(V, masked), adjoint(V)) : null;
}

// ---------------------------------------------------------------------------------------------
// Baths.

interface Bath {
  name: string;
  temperature: number;
  /** γ^α_kl(ω) for channel indices k, l (complex), already zero for ω ≤ 0 */
  spectrum(k: number, l: number, omega: number): Complex;
  /** whether the file couples operators k and l through this bath */
  given(k: number, l: number): boolean;
}

/** Planck occupation 1/(e^{ω/T} − 1); expm1 keeps it accurate for ω ≪ T. */
function planck(omega: number, T: number): number {
  return 1 / Math.expm1(omega / T);
}

function buildBaths(model: any, scope: Scope, channelNames: string[]): Bath[] {
  return Object.entries<any>(model.baths ?? {}).map(([name, spec]) => {
    const temperature = evalReal(spec.temperature, scope, `temperature of bath ${name}`);
    // entries[k][l] = expression for γ_kl and whether it must be conjugated (γ_lk = conj γ_kl).
    const c = channelNames.length;
    const entries: ({ expr: string; conj: boolean } | null)[][] = Array.from({ length: c }, () => Array(c).fill(null));
    for (const [key, expr] of Object.entries<any>(spec.spectrum ?? {})) {
      const parts = key.split(',').map((s) => s.trim());
      const k = channelNames.indexOf(parts[0]!);
      const l = channelNames.indexOf(parts.length > 1 ? parts[1]! : parts[0]!);
      if (k < 0 || l < 0 || parts.length > 2) throw new Error(`bath ${name}: bad spectrum key ${key}`);
      entries[k]![l] = { expr: String(expr), conj: false };
    }
    // Hermiticity of the spectral matrix: γ_lk = conj(γ_kl) wherever γ_lk was not given explicitly.
    for (let k = 0; k < c; k++) {
      for (let l = 0; l < c; l++) {
        const given = entries[k]![l];
        if (k !== l && given && !given.conj && entries[l]![k] === null) entries[l]![k] = { expr: given.expr, conj: true };
      }
    }
    // one scope per bath whose ω entry is set at each call (no copy per quadrature node)
    const withW: Scope = { ...scope, scalars: new Map(scope.scalars) };
    const spectrum = (k: number, l: number, omega: number): Complex => {
      const e = entries[k]![l];
      if (!e || omega <= 0) return { re: 0, im: 0 };
      withW.scalars.set('w', { re: omega, im: 0 });
      const v = evalScalar(e.expr, withW);
      return e.conj ? { re: v.re, im: -v.im } : v;
    };
    return { name, temperature, spectrum, given: (k: number, l: number) => entries[k]![l] !== null };
  });
}

// ---------------------------------------------------------------------------------------------
// Hermitian couplings. With B_k = Σ_q (g_kq b_q + ḡ_kq b_q†) and J_kl(ν) = π Σ_q g_kq ḡ_lq δ(ν − ν_q):
//   ⟨B_k(s)B_l⟩  = (1/π)∫₀^∞dν [J_kl(ν)(N+1) e^{−iνs} + J̄_kl(ν) N e^{iνs}],
//   ⟨B_l B_k(s)⟩ = (1/π)∫₀^∞dν [J̄_kl(ν)(N+1) e^{iνs} + J_kl(ν) N e^{−iνs}],
// and ∫₀^∞ds e^{ixs} = πδ(x) + i PV(1/x) give, with I(f, a) = PV∫₀^∞ f(ν)/(a − ν) dν,
//   Γ(ω)  = [J_kl(ω)(N+1) | J̄_kl(−ω)N(−ω)] + (i/π)[I(J(N+1), ω) − I(J̄N, −ω)],
//   Γ̃(ω) = [J_kl(ω)N | J̄_kl(−ω)(N(−ω)+1)] + (i/π)[I(JN, ω) − I(J̄(N+1), −ω)],
// the bracket's first entry for ω > 0, the second for ω < 0; at ω = 0 its limit, by Richardson extrapolation.

function hermitianRates(baths: Bath[], k: number, l: number, omega: number, lambShift: boolean): { gamma: Complex; gammaTilde: Complex } {
  let g = { re: 0, im: 0 };
  let gt = { re: 0, im: 0 };
  const plus = (a: Complex, b: Complex) => ({ re: a.re + b.re, im: a.im + b.im });
  for (const bath of baths) {
    if (!bath.given(k, l)) continue;
    const T = bath.temperature;
    const N = (nu: number) => (T === 0 ? 0 : planck(nu, T));
    // the quadratures ask for the real and the imaginary part, of J(N+1) and of JN, at the same nodes: each J(ν) is
    // evaluated once per call (the spectrum's expression tree is walked at every evaluation)
    const known = new Map<number, Complex>();
    const J = (nu: number): Complex => {
      let j = known.get(nu);
      if (!j) known.set(nu, (j = nu <= 0 ? { re: 0, im: 0 } : bath.spectrum(k, l, nu)));
      return j;
    };
    const Jc = (nu: number): Complex => {
      const j = J(nu);
      return { re: j.re, im: -j.im };
    };
    const times = (c: Complex, x: number): Complex => ({ re: c.re * x, im: c.im * x });
    // δ parts
    const deltaG = (w: number): Complex => (w > 0 ? times(J(w), N(w) + 1) : times(Jc(-w), N(-w)));
    const deltaGt = (w: number): Complex => (w > 0 ? times(J(w), N(w)) : times(Jc(-w), N(-w) + 1));
    const at = (f: (w: number) => Complex) => (omega !== 0 ? f(omega) : zeroLimitRichardson(f, T));
    g = plus(g, at(deltaG));
    gt = plus(gt, at(deltaGt));
    if (!lambShift) continue;
    const re = (f: (nu: number) => Complex) => (nu: number) => f(nu).re;
    const im = (f: (nu: number) => Complex) => (nu: number) => f(nu).im;
    const JN1 = (nu: number) => times(J(nu), N(nu) + 1);
    const JcN = (nu: number) => times(Jc(nu), N(nu));
    const JN = (nu: number) => times(J(nu), N(nu));
    const JcN1 = (nu: number) => times(Jc(nu), N(nu) + 1);
    let pvG: Complex;
    let pvGt: Complex;
    if (omega === 0) {
      // I(f, 0) − I(h, 0) = −∫ (f − h)/ν, finite although each part diverges
      const diff =
        (f: (nu: number) => Complex, h: (nu: number) => Complex) =>
        (nu: number): Complex => {
          const a = f(nu);
          const b = h(nu);
          return { re: -(a.re - b.re) / nu, im: -(a.im - b.im) / nu };
        };
      const d1 = diff(JN1, JcN);
      const d2 = diff(JN, JcN1);
      pvG = { re: tailIntegral(re(d1), 0), im: tailIntegral(im(d1), 0) };
      pvGt = { re: tailIntegral(re(d2), 0), im: tailIntegral(im(d2), 0) };
    } else {
      pvG = { re: halfLinePV(re(JN1), omega) - halfLinePV(re(JcN), -omega), im: halfLinePV(im(JN1), omega) - halfLinePV(im(JcN), -omega) };
      pvGt = { re: halfLinePV(re(JN), omega) - halfLinePV(re(JcN1), -omega), im: halfLinePV(im(JN), omega) - halfLinePV(im(JcN1), -omega) };
    }
    // + (i/π)·pv
    g = plus(g, { re: -pvG.im / Math.PI, im: pvG.re / Math.PI });
    gt = plus(gt, { re: -pvGt.im / Math.PI, im: pvGt.re / Math.PI });
  }
  return { gamma: g, gammaTilde: gt };
}

/** lim_{ω→0} f(ω) from ω = ±ε, ±2ε, ±4ε: the third-order Richardson extrapolation, averaged over both sides. */
function zeroLimitRichardson(f: (w: number) => Complex, T: number): Complex {
  // small against T and against any spectral scale of order one (ε³ terms are then far below 1e−12)
  const eps = 1e-4 * Math.min(Math.max(T, 1e-3), 1);
  const side = (s: number): Complex => {
    const a = f(s * eps);
    const b = f(2 * s * eps);
    const c = f(4 * s * eps);
    return { re: (8 * a.re - 6 * b.re + c.re) / 3, im: (8 * a.im - 6 * b.im + c.im) / 3 };
  };
  const p = side(1);
  const m = side(-1);
  return { re: (p.re + m.re) / 2, im: (p.im + m.im) / 2 };
}

// Tanh–sinh (double-exponential) quadrature, refined by halving the step until two levels agree to 1e−14.
function tanhSinh(f: (x: number) => number, a: number, b: number): number {
  const c = (a + b) / 2;
  const h2 = (b - a) / 2;
  const node = (t: number): [number, number] => {
    const u = (Math.PI / 2) * Math.sinh(t);
    const x = Math.tanh(u);
    const w = ((Math.PI / 2) * Math.cosh(t)) / (Math.cosh(u) * Math.cosh(u));
    return [x, w];
  };
  const evalAt = (x: number, w: number): number => {
    const y = c + h2 * x;
    if (y <= a || y >= b || w < 1e-300) return 0;
    const v = f(y) * w;
    return Number.isFinite(v) ? v : 0;
  };
  let h = 0.5;
  let sum = evalAt(0, Math.PI / 2);
  for (let t = h; t < 4.5; t += h) {
    const [x, w] = node(t);
    sum += evalAt(x, w) + evalAt(-x, w);
  }
  let previous = sum * h;
  for (let level = 0; level < 12; level++) {
    h /= 2;
    for (let t = h; t < 4.5; t += 2 * h) {
      const [x, w] = node(t);
      sum += evalAt(x, w) + evalAt(-x, w);
    }
    const current = sum * h;
    if (level > 2 && Math.abs(current - previous) <= 1e-14 * Math.abs(current)) return current * h2;
    previous = current;
  }
  return previous * h2;
}

/** ∫_a^∞ f by ν = a + L·t/(1 − t), L = max(1, a). */
function tailIntegral(f: (x: number) => number, a: number): number {
  const L = Math.max(1, Math.abs(a));
  return tanhSinh(
    (t) => {
      const s = 1 - t;
      return f(a + (L * t) / s) * (L / (s * s));
    },
    0,
    1,
  );
}

/** PV∫₀^∞ f(ν)/(a − ν) dν: the pole at ν = a > 0 subtracted over [0, 2a] (its PV there vanishes). */
function halfLinePV(f: (x: number) => number, a: number): number {
  if (a <= 0) return tailIntegral((x) => f(x) / (a - x), 0);
  const fa = f(a);
  const g = (x: number) => (f(x) - fa) / (a - x);
  return tanhSinh(g, 0, a) + tanhSinh(g, a, 2 * a) + tailIntegral((x) => f(x) / (a - x), 2 * a);
}

/** ½ Σ_α γ^α_kl(ν) (N_α(ν) + [plusOne]), the real (δ-function) part of a one-sided bath integral. */
function halfRate(baths: Bath[], k: number, l: number, nu: number, plusOne: boolean): Complex {
  let re = 0;
  let im = 0;
  if (nu <= 0) return { re, im };
  for (const bath of baths) {
    const g = bath.spectrum(k, l, nu);
    if (g.re === 0 && g.im === 0) continue;
    const occupation = planck(nu, bath.temperature) + (plusOne ? 1 : 0);
    re += 0.5 * g.re * occupation;
    im += 0.5 * g.im * occupation;
  }
  return { re, im };
}

// ---------------------------------------------------------------------------------------------
// Superoperators on row-major vec: vec(A ρ B) = (A ⊗ Bᵀ) vec(ρ).

/** L += coefficient · (A ⊗ Bᵀ), i.e. the map ρ ↦ coefficient · A ρ B. */
function addSandwich(L: CMatrix, coefficient: Complex, A: CMatrix, B: CMatrix): void {
  const n = A.n;
  const N = n * n;
  for (let a = 0; a < n; a++) {
    for (let c = 0; c < n; c++) {
      const ar = A.re[a * n + c]!;
      const ai = A.im[a * n + c]!;
      if (ar === 0 && ai === 0) continue;
      // coefficient · A_ac
      const xr = coefficient.re * ar - coefficient.im * ai;
      const xi = coefficient.re * ai + coefficient.im * ar;
      for (let b = 0; b < n; b++) {
        const row = (a * n + b) * N + c * n;
        for (let d = 0; d < n; d++) {
          const br = B.re[d * n + b]!;
          const bi = B.im[d * n + b]!;
          L.re[row + d] += xr * br - xi * bi;
          L.im[row + d] += xr * bi + xi * br;
        }
      }
    }
  }
}

function negate(c: Complex): Complex {
  return { re: -c.re, im: -c.im };
}

function isZero(c: Complex): boolean {
  return c.re === 0 && c.im === 0;
}

export function bruteForceGenerator(
  model: any,
  params: Record<string, number>,
  approx: Approximation,
  options: { lambShift?: boolean; cutoff?: number } = {},
): BruteForceResult {
  const lambShift = options.lambShift ?? model.lambShift === true;
  if (approx === 'ule' || approx === 'local') return jumpGenerator(model, params, approx, lambShift);
  if (approx !== 'secular' && approx !== 'nonsecular' && approx !== 'partial-secular') throw new Error(`unknown approximation ${approx}`);
  const cutoff = options.cutoff ?? params.secularCutoff ?? 1;
  const scope = buildScope(model, params);
  const { n, labels } = scope.space;
  const H = evalOperator(String(model.system.hamiltonian), scope);

  const channelNames = Object.keys(model.channels ?? {});
  const X = channelNames.map((name) => evalOperator(String(model.channels[name].operator), scope));
  const couplingNames = Object.keys(model.couplings ?? {});
  const A = couplingNames.map((name) => {
    const c = model.couplings[name];
    return evalOperator(String(typeof c === 'string' ? c : c.operator), scope);
  });
  const baths = buildBaths(model, scope, [...channelNames, ...couplingNames]);

  const eig = hermitianEigen(H);
  const { groups, tol } = groupBohrFrequencies(eig);
  const partnerOf = (omega: number): number => groups.findIndex((g) => Math.abs(g.omega + omega) <= tol);

  // Bohr components of every S_j, indexed by frequency group.
  const componentsOf = (S: CMatrix): (CMatrix | null)[] => groups.map((g) => bohrComponent(S, eig, g));

  // Left-acting and right-acting parts are summed as n×n operators first: ρ ↦ K ρ + ρ R.
  let K = scale(H, { re: 0, im: -1 }); // −iHρ
  let R = scale(H, { re: 0, im: 1 }); // +iρH
  const N = n * n;
  const L = zeros(N, N);

  interface PairType {
    /** S_j and S_j' for channel indices k (of j) and l (of j') */
    Sj: CMatrix;
    Sjp: CMatrix;
    gamma: (omegaP: number) => Complex;
    gammaTilde: (omegaP: number) => Complex;
  }
  const pairs: PairType[] = [];
  for (let k = 0; k < X.length; k++) {
    for (let l = 0; l < X.length; l++) {
      // (j, j') = (A_k, B_l): S_j = X_k†, S_j' = X_l.
      pairs.push({
        Sj: adjoint(X[k]!),
        Sjp: X[l]!,
        gamma: (w) => halfRate(baths, l, k, w, true),
        gammaTilde: (w) => halfRate(baths, l, k, w, false),
      });
      // (j, j') = (B_k, A_l): S_j = X_k, S_j' = X_l†.
      pairs.push({
        Sj: X[k]!,
        Sjp: adjoint(X[l]!),
        gamma: (w) => halfRate(baths, k, l, -w, false),
        gammaTilde: (w) => halfRate(baths, k, l, -w, true),
      });
    }
  }

  // Hermitian couplings A_k ⊗ B_k: (j, j') = (A_k, A_l), C_j = B_k, C_j' = B_l (see hermitianRates).
  for (let k = 0; k < A.length; k++) {
    for (let l = 0; l < A.length; l++) {
      const kk = channelNames.length + k;
      const ll = channelNames.length + l;
      if (!baths.some((b) => b.given(kk, ll))) continue;
      pairs.push({
        Sj: A[k]!,
        Sjp: A[l]!,
        gamma: (w) => hermitianRates(baths, kk, ll, w, lambShift).gamma,
        gammaTilde: (w) => hermitianRates(baths, kk, ll, w, lambShift).gammaTilde,
      });
    }
  }

  for (const pair of pairs) {
    const SjComponents = componentsOf(pair.Sj);
    const SjpComponents = componentsOf(pair.Sjp);
    groups.forEach((group, g) => {
      const SjpW = SjpComponents[g];
      if (!SjpW) return;
      const G = pair.gamma(group.omega);
      const Gt = pair.gammaTilde(group.omega);
      if (isZero(G) && isZero(Gt)) return;
      // The partner P stands for Σ_ω S_j(ω) over the kept ω: all of them (= S_j itself) for the
      // full Redfield equation, only ω = −ω' for the secular one.
      let P: CMatrix | null;
      if (approx === 'nonsecular') P = pair.Sj;
      else if (approx === 'partial-secular') {
        // Σ S_j(ω) over the ω with |ω + ω'| < cutoff, the partner ω = −ω' included
        P = null;
        groups.forEach((h, i) => {
          const c = SjComponents[i];
          if (c && (Math.abs(h.omega + group.omega) < cutoff || Math.abs(h.omega + group.omega) <= tol)) P = P ? add(P, c) : c;
        });
      } else {
        const partner = partnerOf(group.omega);
        P = partner < 0 ? null : SjComponents[partner]!;
      }
      if (!P) return;
      // Γ (S' ρ P − P S' ρ)
      if (!isZero(G)) {
        addSandwich(L, G, SjpW, P);
        K = add(K, scale(multiply(P, SjpW), negate(G)));
      }
      // Γ̃ (P ρ S' − ρ S' P)
      if (!isZero(Gt)) {
        addSandwich(L, Gt, P, SjpW);
        R = add(R, scale(multiply(SjpW, P), negate(Gt)));
      }
    });
  }
  addSandwich(L, { re: 1, im: 0 }, K, identity(n));
  addSandwich(L, { re: 1, im: 0 }, identity(n), R);

  const temperatures = Object.fromEntries(baths.map((b) => [b.name, b.temperature]));
  const couplings = Object.fromEntries(couplingNames.map((name, k) => [name, A[k]!]));
  return { n, labels, L, H, temperatures, bohrFrequencies: groups.map((g) => g.omega), couplings };
}

/**
 * The ULE and the local equation from their jump operators, in the bare basis: −i[H, ρ] + Σ_L (L ρ L† − ½{L†L, ρ}).
 *   ule:   per bath α and operator k, L = Σ_ω √r(ω) S_k(ω) over the Bohr components (r = γ(N+1) for the emission
 *          of a channel, γN for its absorption with S = X†, S(ω) = 2J(N+1) | 2J(−ω)N(−ω) | S(0) for a coupling);
 *   local: per bath α and operator k on site s, the parts of S_k that lower site s (at its bare frequency
 *          ω_s = H_jj − H_ii of that flip), raise it (at −ω_s) or leave it (at 0), each its own jump operator with
 *          the rate at that frequency (only single-bath, single-operator spectra: what the tests use).
 */
function jumpGenerator(model: any, params: Record<string, number>, approx: 'ule' | 'local', lambShift = false): BruteForceResult {
  const scope = buildScope(model, params);
  const { n, labels } = scope.space;
  const H = evalOperator(String(model.system.hamiltonian), scope);
  const channelNames = Object.keys(model.channels ?? {});
  const X = channelNames.map((name) => evalOperator(String(model.channels[name].operator), scope));
  const couplingNames = Object.keys(model.couplings ?? {});
  const A = couplingNames.map((name) => {
    const c = model.couplings[name];
    return evalOperator(String(typeof c === 'string' ? c : c.operator), scope);
  });
  const baths = buildBaths(model, scope, [...channelNames, ...couplingNames]);
  const eig = hermitianEigen(H);
  const { groups } = groupBohrFrequencies(eig);
  const jumps: CMatrix[] = [];
  let HLS = zeros(n);
  // rates of operator index k in bath b at a (signed, for couplings) frequency
  const emission = (b: Bath, k: number, w: number) => 2 * halfRate([b], k, k, w, true).re;
  const absorption = (b: Bath, k: number, w: number) => 2 * halfRate([b], k, k, w, false).re;
  const coupling = (b: Bath, k: number, w: number) => 2 * hermitianRates([b], k, k, w, false).gamma.re;
  type Part = { op: CMatrix; omega: number };
  const partsOf = (S: CMatrix): Part[] =>
    approx === 'ule'
      ? groups.flatMap((g) => {
          const c = bohrComponent(S, eig, g);
          return c ? [{ op: c, omega: g.omega }] : [];
        })
      : siteParts(S, H, labels);
  const addJump = (parts: Part[], rate: (w: number) => number) => {
    let L: CMatrix | null = null;
    for (const p of parts) {
      const r = rate(p.omega);
      if (!(r > 0)) continue;
      const term = scale(p.op, { re: Math.sqrt(r), im: 0 });
      if (approx === 'local') jumps.push(term);
      else L = L ? add(L, term) : term;
    }
    if (L) jumps.push(L);
  };
  for (const b of baths) {
    X.forEach((x, k) => {
      if (!b.given(k, k)) return;
      const parts = partsOf(x).filter((p) => p.omega > 0);
      addJump(parts, (w) => emission(b, k, w));
      addJump(
        parts.map((p) => ({ op: adjoint(p.op), omega: p.omega })),
        (w) => absorption(b, k, w),
      );
    });
    A.forEach((a, i) => {
      const k = channelNames.length + i;
      if (!b.given(k, k)) return;
      addJump(partsOf(a), (w) => coupling(b, k, w));
      // the local Lamb shift: H_LS = Σ_ω Π(ω) A(ω)† A(ω) over the site parts
      if (lambShift && approx === 'local')
        for (const part of partsOf(a))
          HLS = add(HLS, scale(multiply(adjoint(part.op), part.op), { re: hermitianRates([b], k, k, part.omega, true).gamma.im, im: 0 }));
    });
  }
  let K = scale(add(H, HLS), { re: 0, im: -1 });
  let R = scale(add(H, HLS), { re: 0, im: 1 });
  const N = n * n;
  const L = zeros(N, N);
  for (const J of jumps) {
    const JdJ = multiply(adjoint(J), J);
    addSandwich(L, { re: 1, im: 0 }, J, adjoint(J));
    K = add(K, scale(JdJ, { re: -0.5, im: 0 }));
    R = add(R, scale(JdJ, { re: -0.5, im: 0 }));
  }
  addSandwich(L, { re: 1, im: 0 }, K, identity(n));
  addSandwich(L, { re: 1, im: 0 }, identity(n), R);
  const temperatures = Object.fromEntries(baths.map((b) => [b.name, b.temperature]));
  return {
    n,
    labels,
    L,
    H,
    temperatures,
    bohrFrequencies: groups.map((g) => g.omega),
    couplings: Object.fromEntries(couplingNames.map((c, i) => [c, A[i]!])),
  };
}

/**
 * The local split of an operator on product states: entries (i, j) whose labels differ at exactly one site s,
 * grouped by that site and direction (e → g lowers: frequency ω_s = H_jj − H_ii; g → e: −ω_s), diagonal entries
 * at 0. Labels are the product labels of the model's sites (one letter per site, e/g).
 */
function siteParts(S: CMatrix, H: CMatrix, labels: string[]): { op: CMatrix; omega: number }[] {
  const n = S.n;
  const parts = new Map<string, { op: CMatrix; omega: number }>();
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const re = S.re[i * n + j]!;
      const im = S.im[i * n + j]!;
      if (re === 0 && im === 0) continue;
      let key = 'diag';
      let omega = 0;
      if (i !== j) {
        const differ = [...labels[i]!].map((c, s) => (c !== labels[j]![s] ? s : -1)).filter((s) => s >= 0);
        if (differ.length !== 1) throw new Error(`reference: entry (${labels[i]}, ${labels[j]}) flips ${differ.length} sites`);
        const lowering = labels[j]![differ[0]!] === 'e';
        omega = (lowering ? 1 : -1) * Math.abs(H.re[j * n + j]! - H.re[i * n + i]!);
        key = `${differ[0]}:${lowering}`;
      }
      if (!parts.has(key)) parts.set(key, { op: zeros(n), omega });
      const p = parts.get(key)!;
      p.op.re[i * n + j] = re;
      p.op.im[i * n + j] = im;
    }
  return [...parts.values()];
}

/** Thermal state exp(−H/T)/Z, computed from the eigendecomposition (shifted for stability). */
export function gibbsState(H: CMatrix, T: number): CMatrix {
  const { values, vectors } = hermitianEigen(H);
  const n = H.n;
  const weights = Array.from(values, (e) => Math.exp(-(e - values[0]!) / T));
  const Z = weights.reduce((s, w) => s + w, 0);
  const D = zeros(n);
  weights.forEach((w, i) => (D.re[i * n + i] = w / Z));
  return multiply(multiply(vectors, D), adjoint(vectors));
}

/** dρ/dt = L vec(ρ), reshaped back to an n×n matrix (row-major vec needs no reordering). */
export function applyGenerator(L: CMatrix, rho: CMatrix): CMatrix {
  const n = rho.n;
  if (L.n !== n * n || L.m !== n * n || rho.m !== n) throw new RangeError('applyGenerator: shape mismatch');
  const vec: CMatrix = { n: n * n, m: 1, re: rho.re, im: rho.im };
  const out = multiply(L, vec);
  return { n, m: n, re: out.re, im: out.im };
}

/** Bath temperatures of a model at the given parameters (defaults overridden by params). */
export function bathTemperatures(model: any, params: Record<string, number>): Record<string, number> {
  const scope = buildScope(model, params);
  return Object.fromEntries(Object.entries<any>(model.baths ?? {}).map(([name, spec]) => [name, evalReal(spec.temperature, scope, name)]));
}
