// Test support: a GeneratedModel (src/numeric/generatedModel.ts) built from the SYMBOLIC derivation,
// evaluated entry by entry at numbers. It stands in for derivations/generated/*.ts (and lets the numeric
// layer be checked against them): slow (milliseconds per fill), but it follows the contract exactly.
//
//   adaptModel(modelFile, approx) → GeneratedModel
//   default export: the module-factory form `({ modelFile, approx }) => GeneratedModel` understood by
//   src/modules/load.ts (`--module`) and by the sweep workers.
//
// Bath-resolved dissipators D_α are the derived dissipator with the Gm/Gp atoms priced as if α were the
// only bath (the baths are independent, so the cross terms between baths vanish and Σ_α D_α = D).
import type { GeneratedModel, Params } from '../../src/numeric/generatedModel.ts';
import type { Model } from '../../src/model/model.ts';
import type { Operator } from '../../src/operators/operator.ts';
import type { Expr } from '../../src/algebra/expr.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { derive, type Approx } from '../../src/derive/redfield.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { complexValue } from '../../src/model/evaluate.ts';
import { priceBathAtom } from '../../src/bath/correlators.ts';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importModule } from './generatedModules.ts';
import { bruteForceGenerator, type BruteForceResult } from '../reference/redfield.ts';
import { type CMatrix, adjoint as cAdjoint, multiply as cMultiply } from '../../src/numeric/complexMatrix.ts';
import { nullspace } from '../../src/numeric/lu.ts';

interface Entry {
  index: number;
  coef: Expr;
}

function entriesOf(tensor: Map<string, Expr>, n: number): Entry[] {
  const N = n * n;
  return [...tensor].map(([key, coef]) => {
    const [a, b, c, d] = key.split(',').map(Number) as [number, number, number, number];
    // (Lρ)_ad = Σ G_{ab,cd} ρ_bc: row a*n+d, column b*n+c
    return { index: (a * n + d) * N + (b * n + c), coef };
  });
}

function operatorAt(model: Model, op: Operator, p: Params): { re: Float64Array; im: Float64Array } {
  const n = op.n;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (const [r, c, v] of op.nonzero()) {
    const [x, y] = complexValue(model, v, p);
    re[r * n + c] = x;
    im[r * n + c] = y;
  }
  return { re, im };
}

const adapted = new Map<string, GeneratedModel>();

/** The adapter for a model file and approximation (memoised: it is stateless). */
export function adaptModel(modelFile: string, approx: Approx): GeneratedModel {
  const key = `${modelFile}|${approx}`;
  let m = adapted.get(key);
  if (!m) adapted.set(key, (m = buildAdapter(modelFile, approx)));
  return m;
}

function buildAdapter(modelFile: string, approx: Approx): GeneratedModel {
  const model = loadModelFile(modelFile);
  const n = model.states.length;
  const N = n * n;
  const d = derive(model, approx);
  const generator = entriesOf(d.generator.tensor(), n);
  const dissipator = entriesOf(d.dissipator.tensor(), n);
  const oneBath = new Map(model.baths.map((b) => [b.name, { ...model, baths: [b] } as Model]));
  const withDefaults = (p: Params): Params => ({ ...Object.fromEntries(model.parameters.map((x) => [x.name, x.default])), ...p });

  // blocks[0] must hold every population: merge every block that holds one.
  const table = deriveTable(model, approx);
  const toVec = (b: [number, number][]) => b.map(([r, c]) => r * n + c);
  const popBlocks = table.blocks.filter((b) => b.some(([r, c]) => r === c));
  const blocks = [popBlocks.flatMap(toVec).sort((x, y) => x - y), ...table.blocks.filter((b) => !b.some(([r, c]) => r === c)).map(toVec)];

  const fill = (entries: Entry[], priced: Model, p: Params, out: Float64Array) => {
    out.fill(0);
    const price = priceBathAtom(priced, p);
    for (const { index, coef } of entries) {
      const [re, im] = complexValue(priced, coef, p, price);
      out[index] += re;
      out[N * N + index] += im;
    }
  };

  return {
    name: model.name,
    approx,
    basis: model.states.map((s) => s.name),
    bareBasis: [...model.basis],
    parameters: model.parameters.map((x) => ({ name: x.name, latex: x.latex, default: x.default, kind: x.kind })),
    baths: model.baths.map((b) => b.name),
    dimension: n,
    energies(p) {
      const q = withDefaults(p);
      return Float64Array.from(model.states.map((s) => complexValue(model, s.energy, q)[0]));
    },
    coefficients() {
      return {};
    },
    liouvillian(p, out, bath) {
      if (out.length !== 2 * N * N) throw new RangeError(`liouvillian: out has length ${out.length}, expected ${2 * N * N}`);
      const q = withDefaults(p);
      if (bath === undefined) return fill(generator, model, q, out);
      const priced = oneBath.get(bath);
      if (!priced) throw new Error(`${model.name} has no bath ${bath}`);
      fill(dissipator, priced, q, out);
    },
    blocks,
    eigenvectors(p) {
      return operatorAt(model, model.eigenvectors, withDefaults(p));
    },
    operators(p) {
      const q = withDefaults(p);
      const out: Record<string, { re: Float64Array; im: Float64Array }> = {};
      for (const [name, op] of model.siteOperators) out[name] = operatorAt(model, op.eigen, q);
      for (const [name, op] of model.operators) out[name] = operatorAt(model, op.eigen, q);
      return out;
    },
  };
}

/** Module-factory form, for `--module test/support/generatedAdapter.ts` and the sweep workers. */
export default function createGeneratedModel(ctx: { modelFile: string; approx: Approx }): GeneratedModel {
  return adaptModel(ctx.modelFile, ctx.approx);
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the numeric tests: the independent brute-force steady state (test/reference/redfield.ts,
// bare basis, its own numeric diagonalisation) carried to a GeneratedModel's eigenbasis.

export function readModelJson(modelFile: string): any {
  return JSON.parse(readFileSync(modelFile, 'utf8'));
}

/** ρ_eig = V† ρ_bare V with V the generated model's declared eigenvectors (columns). */
export function toEigenbasis(model: GeneratedModel, p: Params, rhoBare: CMatrix): CMatrix {
  const n = model.dimension;
  const v = model.eigenvectors(p);
  const V: CMatrix = { n, m: n, re: Float64Array.from(v.re), im: Float64Array.from(v.im) };
  return cMultiply(cMultiply(cAdjoint(V), rhoBare), V);
}

/** The brute-force generator's null space (bare basis); `rho` is the trace-one state when the nullity is 1. */
export function bruteForceSteady(
  modelFile: string,
  p: Params,
  approx: Approx,
  tol = 1e-10,
): { bf: BruteForceResult; nullity: number; rho: CMatrix | null } {
  const bf = bruteForceGenerator(readModelJson(modelFile), p, approx);
  const ns = nullspace(bf.L, tol);
  if (ns.nullity !== 1) return { bf, nullity: ns.nullity, rho: null };
  const n = bf.n;
  let tr = { re: 0, im: 0 };
  for (let a = 0; a < n; a++) {
    tr.re += ns.basis.re[a * n + a]!;
    tr.im += ns.basis.im[a * n + a]!;
  }
  const d = tr.re * tr.re + tr.im * tr.im;
  const rho: CMatrix = { n, m: n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let k = 0; k < n * n; k++) {
    const xr = ns.basis.re[k]!;
    const xi = ns.basis.im[k]!;
    rho.re[k] = (xr * tr.re + xi * tr.im) / d;
    rho.im[k] = (xi * tr.re - xr * tr.im) / d;
  }
  return { bf, nullity: 1, rho };
}

export const repoPath = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

/** The real generated module derivations/generated/<name>.<approx>.ts, or null while it does not exist. */
export async function realGenerated(modelFile: string, approx: Approx): Promise<GeneratedModel | null> {
  const path = repoPath(`derivations/generated/${readModelJson(modelFile).name}.${approx}.ts`);
  if (!existsSync(path)) return null;
  return importModule(path);
}

/** The committed module of one variant: <name>.<approx>[.lamb-shift].ts. */
export async function importGeneratedVariant(modelFile: string, approx: Approx, lambShift: boolean): Promise<GeneratedModel> {
  const path = repoPath(`derivations/generated/${readModelJson(modelFile).name}.${approx}${lambShift ? '.lamb-shift' : ''}.ts`);
  return importModule(path);
}

export function generatedModuleExists(modelFile: string, approx: Approx): boolean {
  return existsSync(repoPath(`derivations/generated/${readModelJson(modelFile).name}.${approx}.ts`));
}
