// Model file (JSON) → validated Model. Every error names the file and the field, and says what was expected.
import { basename } from 'node:path';
import type { MathNode } from 'mathjs';
import { type Expr, symbol, imag, num, mul, add, neg, conj, sub, isReal } from '../algebra/expr.ts';
import { type Algebra, ExprError, evaluateText, parseText, scalarAlgebra, scalarFunction, walkNode } from '../algebra/parse.ts';
import { plainText as exprText } from '../algebra/text.ts';
import { Operator, adjoint, changeBasis, fromColumns, ketbra, opAdd, opEquals, opMul, opNeg, opScale } from '../operators/operator.ts';
import {
  type Angle,
  type Bath,
  type BathFunction,
  type EigenState,
  type Frequency,
  type Model,
  type NamedOperator,
  type Parameter,
  type ParameterKind,
  DEFAULT_BOHR_TOLERANCE,
  FREQUENCY_SYMBOL,
  ModelError,
} from './model.ts';
import { NoExactEigenstructure, findEigenstructure, verifyEigenstructure, withConstantAngles } from './eigen.ts';
import { complexValue, numericValue } from './evaluate.ts';
import { numericEigenModel, numericEigenPricer } from './numericEigen.ts';
import { type SpectralDensity, leadingAtZero, parseSpectrum, spectrumFunction } from '../bath/spectrum.ts';
import { checkSpectra } from './spectraCheck.ts';
import { MAX_FREE_TEXT, identifierProblem, labelProblem, modelNameProblem } from './names.ts';
import { latexProblem } from './latexField.ts';
import { checkKeys, checkSchema } from './schema.ts';
import { JsonError, parseJson } from './json.ts';
import { type FileError, readText } from '../io/files.ts';

const PARAMETER_KINDS: ParameterKind[] = ['energy', 'rate', 'temperature', 'weight', 'number'];
const RESERVED = new Set(['i', 'rho', 'pi', 'e', FREQUENCY_SYMBOL]);

interface PairGivenTwice {
  bath: string;
  key: string;
  forward: SpectralDensity;
  backward: SpectralDensity;
}

/**
 * Models by file name and text, the most recent LOADED_KEPT: a model depends on nothing else (not on the directory), so
 * a copy of a file elsewhere gives the same model too.
 */
const loaded = new Map<string, Model>();
const LOADED_KEPT = 64;

/** The model in a file; the same model object again for the same file name and text (so derivations of it are shared). */
export function loadModelFile(path: string): Model {
  const text = modelText(path);
  const key = `${basename(path)}\n${text}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  const model = modelFromText(path, text);
  loaded.set(key, model);
  if (loaded.size > LOADED_KEPT) loaded.delete(loaded.keys().next().value!);
  return model;
}

/** The model in a file, loaded afresh (a new model object, so nothing derived before is shared): for the benchmarks. */
export function readModelFile(path: string): Model {
  return modelFromText(path, modelText(path));
}

function modelText(path: string): string {
  try {
    return readText(path, '');
  } catch (e) {
    throw new ModelError(path, '(file)', (e as FileError).reason ?? `cannot read: ${(e as Error).message}`);
  }
}

function modelFromText(path: string, text: string): Model {
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (e) {
    if (e instanceof JsonError) throw new ModelError(path, '(file)', `not valid JSON: ${e.message}`);
    throw e;
  }
  return loadModel(json, path);
}

type Value = { kind: 'scalar'; x: Expr } | { kind: 'op'; op: Operator };

export function loadModel(json: unknown, file: string): Model {
  const fileName = basename(file);
  const fail = (field: string, detail: string): never => {
    throw new ModelError(fileName, field, detail);
  };
  const obj = (v: unknown, field: string): Record<string, any> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, 'expected an object');
    return v as Record<string, any>;
  };
  const str = (v: unknown, field: string): string => {
    if (typeof v !== 'string' || v.trim() === '') fail(field, 'expected a non-empty string');
    return v as string;
  };
  /** An identifier-named entry (parameters, definitions, angles, states, frequencies, operators, couplings, bath functions). */
  const ident = (v: string, field: string): string => {
    const why = identifierProblem(v);
    if (why) fail(field, why);
    return v;
  };
  /** A label-named entry (levels, sites, channels, baths). */
  const label = (v: string, field: string): string => {
    const why = labelProblem(v);
    if (why) fail(field, why);
    return v;
  };
  /** A `latex` field: absent (the fallback) or a string the LaTeX whitelist accepts (latexField.ts). */
  const tex = (v: unknown, field: string, fallback: string): string => {
    if (v === undefined) return fallback;
    if (typeof v !== 'string') fail(field, 'expected a string of math-mode LaTeX');
    const why = latexProblem(v as string);
    if (why) fail(field, why);
    return v as string;
  };
  /** Free text (title, source, unit, description): a string of at most MAX_FREE_TEXT characters, or absent. */
  const text = (v: unknown, field: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') fail(field, 'expected a string');
    if ((v as string).length > MAX_FREE_TEXT) fail(field, `longer than ${MAX_FREE_TEXT} characters`);
    return v as string;
  };
  const guard = <T>(field: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ModelError) throw e;
      if (e instanceof ExprError || e instanceof RangeError) fail(field, e.message);
      throw e;
    }
  };

  const root = obj(json, '(root)');
  checkSchema(root, fail);
  checkKeys(root, 'model', '', fail);
  const name = str(root.name, 'name');
  const nameWhy = modelNameProblem(name);
  if (nameWhy) fail('name', nameWhy);
  const title = text(root.title, 'title') ?? name;
  const source = text(root.source, 'source') ?? '';
  const unit = text(root.unit, 'unit') ?? '1';
  text(root.notes, 'notes');

  // Parameters
  const parameters: Parameter[] = [];
  const paramNames = new Set<string>();
  for (const [p, spec] of Object.entries(obj(root.parameters, 'parameters'))) {
    const field = `parameters.${p}`;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(p) || RESERVED.has(p))
      fail(field, `"${p}" is not a usable parameter name (letters, digits, _; not ${[...RESERVED].join(', ')})`);
    const s = obj(spec, field);
    checkKeys(s, 'parameter', field, fail);
    if (typeof s.default !== 'number' || !Number.isFinite(s.default)) fail(`${field}.default`, 'expected a finite number');
    const kind = (s.kind ?? 'number') as ParameterKind;
    if (!PARAMETER_KINDS.includes(kind)) fail(`${field}.kind`, `expected one of ${PARAMETER_KINDS.join(', ')}`);
    if (kind === 'temperature' && s.default < 0) fail(`${field}.default`, `a temperature must be >= 0, got ${s.default}`);
    if ((kind === 'rate' || kind === 'weight') && s.default < 0) fail(`${field}.default`, `a ${kind} must be >= 0, got ${s.default}`);
    parameters.push({
      name: p,
      latex: tex(s.latex, `${field}.latex`, p),
      default: s.default,
      kind,
      description: text(s.description, `${field}.description`),
    });
    paramNames.add(p);
  }
  if (parameters.length === 0) fail('parameters', 'expected at least one parameter');

  // Definitions (in order; each may use parameters and earlier definitions)
  const definitions = new Map<string, Expr>();
  const scalarSymbol = (n: string): Expr | undefined => (paramNames.has(n) ? symbol(n) : definitions.get(n));
  for (const [d, text] of Object.entries(root.definitions ? obj(root.definitions, 'definitions') : {})) {
    const field = `definitions.${d}`;
    ident(d, field);
    if (paramNames.has(d) || RESERVED.has(d)) fail(field, `"${d}" clashes with a parameter or reserved name`);
    definitions.set(
      d,
      guard(field, () => evaluateText(str(text, field), scalarAlgebra(scalarSymbol, { describe: field }))),
    );
  }

  // Bare basis
  const system = obj(root.system, 'system');
  checkKeys(system, 'system', 'system', fail);
  const { basis, siteOf } = guard('system', () => bareBasis(system, fail));
  const n = basis.length;
  const labelIndex = new Map(basis.map((l, i) => [l, i]));

  const namedOps = new Map<string, Operator>();
  const angleNames = new Set<string>(Object.keys(root.eigen?.angles ?? {}));
  const opAlgebra = (describe: string): Algebra<Value> => ({
    describe,
    scalar: (x) => ({ kind: 'scalar', x }),
    asScalar: (v) => (v.kind === 'scalar' ? v.x : undefined),
    add: (a, b) => {
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', x: add(a.x, b.x) };
      if (a.kind === 'op' && b.kind === 'op') return { kind: 'op', op: opAdd(a.op, b.op) };
      const s = a.kind === 'scalar' ? a.x : (b as { x: Expr }).x;
      if (s.isZero()) return a.kind === 'op' ? a : b;
      throw new ExprError('cannot add a number to an operator (write it times an explicit operator)');
    },
    mul: (a, b) => {
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', x: mul(a.x, b.x) };
      if (a.kind === 'op' && b.kind === 'op') return { kind: 'op', op: opMul(a.op, b.op) };
      if (a.kind === 'scalar') return { kind: 'op', op: opScale((b as { op: Operator }).op, a.x) };
      return { kind: 'op', op: opScale(a.op, (b as { x: Expr }).x) };
    },
    neg: (a) => (a.kind === 'scalar' ? { kind: 'scalar', x: neg(a.x) } : { kind: 'op', op: opNeg(a.op) }),
    symbol: (s) => {
      if (s === 'i') return { kind: 'scalar', x: imag() };
      const x = scalarSymbol(s);
      if (x) return { kind: 'scalar', x };
      const op = namedOps.get(s);
      return op ? { kind: 'op', op } : undefined;
    },
    call: (fn, args, walk) => {
      const label = (node: MathNode): string => {
        const a = node as any;
        const l = a.type === 'SymbolNode' ? a.name : a.type === 'ConstantNode' ? String(a.value) : undefined;
        if (l === undefined || !labelIndex.has(l))
          throw new ExprError(`${fn}: "${node.toString()}" is not a basis label (${basis.join(', ')})`);
        return l;
      };
      if (fn === 'ketbra') {
        if (args.length !== 2) throw new ExprError(`ketbra(x, y) takes two basis labels, got ${args.length} arguments`);
        return { kind: 'op', op: ketbra(n, labelIndex.get(label(args[0]))!, labelIndex.get(label(args[1]))!) };
      }
      if (fn === 'dag') {
        if (args.length !== 1) throw new ExprError(`dag(X) takes one operator, got ${args.length} arguments`);
        const v = walk(args[0]);
        return v.kind === 'op' ? { kind: 'op', op: adjoint(v.op) } : { kind: 'scalar', x: conj(v.x) };
      }
      if (fn === 'sz' || fn === 'sp' || fn === 'sm') {
        if (!siteOf) throw new ExprError(`${fn}(k) needs system.sites`);
        if (args.length !== 1) throw new ExprError(`${fn}(k) takes one site name, got ${args.length} arguments`);
        const a = args[0] as any;
        const site = a?.type === 'ConstantNode' || a?.type === 'SymbolNode' ? String(a.value ?? a.name) : undefined;
        if (site === undefined) throw new ExprError(`${fn}(k): "${args[0].toString()}" is not a site name`);
        return { kind: 'op', op: siteOf(fn, site) };
      }
      const walkScalar = (node: MathNode): Expr => {
        const v = walk(node);
        if (v.kind !== 'scalar') throw new ExprError(`${fn} takes a number, not an operator`);
        return v.x;
      };
      const x = scalarFunction(fn, args, walkScalar, angleNames);
      return x ? { kind: 'scalar', x } : undefined;
    },
  });
  const evalOp = (text: unknown, field: string): Operator =>
    guard(field, () => {
      const v = walkNode(parseText(str(text, field)), opAlgebra(field));
      if (v.kind !== 'op') {
        if (v.x.isZero()) return new Operator(n, new Map());
        throw new ExprError('expected an operator, got a number');
      }
      return v.op;
    });

  // Hamiltonian
  const hamiltonian = evalOp(system.hamiltonian, 'system.hamiltonian');
  if (!opEquals(hamiltonian, adjoint(hamiltonian))) {
    const bad = [...opAdd(hamiltonian, opNeg(adjoint(hamiltonian))).nonzero()][0];
    fail(
      'system.hamiltonian',
      `H is not Hermitian: entry (${basis[bad[0]]}, ${basis[bad[1]]}) differs from the conjugate of its transpose`,
    );
  }

  // Eigenstructure: declared (and verified exactly), found exactly, or — "eigen": "numeric", or when no exact form
  // exists and the file does not insist on "exact" — numeric at each parameter point (src/model/numericEigen.ts).
  const { mode: eigenMode, tolerance: bohrTolerance } = eigenModeOf(root.eigen, fail);
  const eigen = root.eigen === undefined || typeof root.eigen === 'string' ? {} : obj(root.eigen, 'eigen');
  const notices: string[] = [];
  checkKeys(eigen, 'eigen', 'eigen', fail);
  const angles: Angle[] = [];
  for (const [a, spec] of Object.entries(eigen.angles ? obj(eigen.angles, 'eigen.angles') : {})) {
    const field = `eigen.angles.${a}`;
    ident(a, field);
    const s = obj(spec, field);
    checkKeys(s, 'angle', field, fail);
    if (paramNames.has(a) || definitions.has(a)) fail(field, `angle name "${a}" clashes with a parameter or definition`);
    const cot = guard(`${field}.cot`, () => parseText(str(s.cot, `${field}.cot`)));
    const c = cot as any;
    const [numNode, denNode] = c.type === 'OperatorNode' && c.fn === 'divide' ? c.args : [cot, undefined];
    const alg = scalarAlgebra(scalarSymbol, { describe: `${field}.cot` });
    const numerator = guard(`${field}.cot`, () => walkNode(numNode, alg));
    const denominator = denNode ? guard(`${field}.cot`, () => walkNode(denNode, alg)) : num(1);
    angles.push({ name: a, latex: tex(s.latex, `${field}.latex`, `\\${a}`), numerator, denominator });
  }

  let states: EigenState[];
  let numeric = eigenMode === 'numeric';
  if (numeric) {
    if (eigen.states !== undefined || eigen.angles !== undefined || eigen.frequencies !== undefined)
      fail('eigen', 'the numeric eigenbasis mode takes no states, angles or frequencies (they are found at each parameter point)');
    states = bareStates(basis);
  } else if (eigen.states !== undefined) {
    if (!Array.isArray(eigen.states) || eigen.states.length !== n)
      fail('eigen.states', `expected an array of ${n} states (one per basis state)`);
    const vecAlg = (field: string) => scalarAlgebra(scalarSymbol, { angles: angleNames, describe: field });
    states = (eigen.states as unknown[]).map((st, j) => {
      const field = `eigen.states[${j}]`;
      const s = obj(st, field);
      checkKeys(s, 'state', field, fail);
      const sname = ident(str(s.name, `${field}.name`), `${field}.name`);
      const energy = guard(`${field}.energy`, () => evaluateText(str(s.energy, `${field}.energy`), vecAlg(`${field}.energy`)));
      const vector: Expr[] = basis.map(() => num(0));
      for (const [lab, comp] of Object.entries(obj(s.vector, `${field}.vector`))) {
        const i = labelIndex.get(lab);
        if (i === undefined) fail(`${field}.vector.${lab}`, `"${lab}" is not a basis label (${basis.join(', ')})`);
        vector[i!] = guard(`${field}.vector.${lab}`, () =>
          evaluateText(str(comp, `${field}.vector.${lab}`), vecAlg(`${field}.vector.${lab}`)),
        );
      }
      return { name: sname, latex: tex(s.latex, `${field}.latex`, sname), energy, vector };
    });
    states = guard('eigen.angles', () => withConstantAngles(states, angles));
  } else {
    const defaultValues = Object.fromEntries(parameters.map((p) => [p.name, p.default]));
    const found = guard('eigen', () => {
      try {
        return findEigenstructure(hamiltonian, basis, angles, defaultValues);
      } catch (e) {
        // No exact form: fall back to the numeric mode unless the file asks for exact eigenvectors only.
        if (!(e instanceof NoExactEigenstructure) || eigenMode === 'exact') throw e;
        notices.push(
          `${fileName}: ${e.message.replace(/; declare eigen\.states.*$/, '')}; using the numeric eigenbasis mode (H_S diagonalised at each parameter point; write "eigen": "numeric" to say so, or "eigen": "exact" to refuse)`,
        );
        numeric = true;
        return undefined;
      }
    });
    if (found) {
      states = found.states;
      angles.splice(0, angles.length, ...found.angles);
    } else states = bareStates(basis);
  }
  const stateNames = new Set(states.map((s) => s.name));
  if (stateNames.size !== states.length) fail('eigen.states', 'state names must be distinct');
  const eigenvectors = fromColumns(states.map((s) => s.vector));
  if (!numeric)
    guard(eigen.states !== undefined ? 'eigen.states' : 'eigen', () =>
      verifyEigenstructure(hamiltonian, states, angles, basis, eigen.states !== undefined ? 'declared' : 'found'),
    );

  // Declared Bohr frequencies (names that print); more are found from the couplings.
  const energyOf = new Map(states.map((s) => [s.name, s.energy]));
  const frequencies: Frequency[] = [];
  for (const [f, spec] of Object.entries(eigen.frequencies ? obj(eigen.frequencies, 'eigen.frequencies') : {})) {
    const field = `eigen.frequencies.${f}`;
    ident(f, field);
    const s = typeof spec === 'string' ? { value: spec } : obj(spec, field);
    checkKeys(s, 'frequency', field, fail);
    const alg = scalarAlgebra((x) => scalarSymbol(x) ?? energyOf.get(x), { angles: angleNames, describe: field });
    const value = guard(`${field}.value`, () => evaluateText(str(s.value, `${field}.value`), alg));
    frequencies.push({ name: f, latex: tex(s.latex, `${field}.latex`, f), value, declared: true });
  }

  // Named operators (in order; later ones may use earlier ones)
  const operators = new Map<string, NamedOperator>();
  for (const [o, spec] of Object.entries(root.operators ? obj(root.operators, 'operators') : {})) {
    const field = `operators.${o}`;
    ident(o, field);
    if (paramNames.has(o) || definitions.has(o) || RESERVED.has(o) || /^tau\d/.test(o))
      fail(field, `operator name "${o}" clashes with a parameter, definition or reserved name`);
    const s = typeof spec === 'string' ? { value: spec } : obj(spec, field);
    checkKeys(s, 'operator', field, fail);
    text(s.description, `${field}.description`);
    const bare = evalOp(s.value, `${field}.value`);
    namedOps.set(o, bare);
    operators.set(o, { name: o, latex: tex(s.latex, `${field}.latex`, o), bare, eigen: changeBasis(bare, eigenvectors) });
  }

  // Site operators, for observables such as the inter-site flux −i⟨[σ_z^k, H_S]⟩
  const siteOperators = new Map<string, NamedOperator>();
  for (const site of Array.isArray(system.sites) ? system.sites : []) {
    for (const fn of ['sz', 'sp', 'sm'] as const) {
      if (!siteOf || !site.levels.includes('e') || !site.levels.includes('g')) continue;
      const bare = siteOf(fn, String(site.name));
      siteOperators.set(`${fn}(${site.name})`, {
        name: `${fn}(${site.name})`,
        latex: `\\sigma^{${fn === 'sz' ? 'z' : fn === 'sp' ? '+' : '-'}}_{${site.name}}`,
        bare,
        eigen: changeBasis(bare, eigenvectors),
      });
    }
  }

  const pairsGivenTwice: PairGivenTwice[] = [];
  // Channels (RWA: H_SB = Σ_k X_k† ⊗ B_k + h.c.) and Hermitian couplings (H_SB = Σ_k A_k ⊗ B_k)
  const channels: NamedOperator[] = [];
  for (const [c, spec] of Object.entries(root.channels === undefined ? {} : obj(root.channels, 'channels'))) {
    const field = `channels.${c}`;
    label(c, field);
    const s = obj(spec, field);
    checkKeys(s, 'channel', field, fail);
    text(s.description, `${field}.description`);
    const bare = evalOp(s.operator, `${field}.operator`);
    if (bare.isZero()) fail(`${field}.operator`, 'the coupling operator is zero');
    channels.push({ name: c, latex: tex(s.latex, `${field}.latex`, c), bare, eigen: changeBasis(bare, eigenvectors) });
  }
  const couplings: NamedOperator[] = [];
  for (const [c, spec] of Object.entries(root.couplings === undefined ? {} : obj(root.couplings, 'couplings'))) {
    const field = `couplings.${c}`;
    if (channels.some((x) => x.name === c)) fail(field, `"${c}" is also a channel name; couplings and channels need distinct names`);
    ident(c, field);
    const s = typeof spec === 'string' ? { operator: spec } : obj(spec, field);
    checkKeys(s, 'coupling', field, fail);
    text(s.description, `${field}.description`);
    const bare = evalOp(s.operator, `${field}.operator`);
    if (bare.isZero()) fail(`${field}.operator`, 'the coupling operator is zero');
    if (!opEquals(bare, adjoint(bare))) {
      const bad = [...opAdd(bare, opNeg(adjoint(bare))).nonzero()][0];
      fail(
        `${field}.operator`,
        `a Hermitian coupling A ⊗ (b + b†) needs A = A†, but entry (${basis[bad[0]]}, ${basis[bad[1]]}) differs from the conjugate of its transpose (for a lowering operator X, write a channel: "channels": {"${c}": {"operator": "..."}})`,
      );
    }
    couplings.push({ name: c, latex: tex(s.latex, `${field}.latex`, c), bare, eigen: changeBasis(bare, eigenvectors) });
  }
  if (channels.length === 0 && couplings.length === 0)
    fail('channels', 'expected at least one channel (RWA X ⊗ B† + h.c.) or one entry of "couplings" (Hermitian A ⊗ (b + b†))');
  const channelNames = channels.map((c) => c.name);
  const couplingNames = couplings.map((c) => c.name);
  const operatorNames = [...channelNames, ...couplingNames];

  // Baths
  const baths: Bath[] = [];
  const knownScalar = (x: string) => paramNames.has(x) || definitions.has(x);
  for (const [b, spec] of Object.entries(obj(root.baths, 'baths'))) {
    const field = `baths.${b}`;
    label(b, field);
    const s = obj(spec, field);
    checkKeys(s, 'bath', field, fail);
    text(s.description, `${field}.description`);
    const temperature = guard(`${field}.temperature`, () =>
      evaluateText(str(s.temperature, `${field}.temperature`), scalarAlgebra(scalarSymbol, { describe: `${field}.temperature` })),
    );
    if (!isReal(temperature)) fail(`${field}.temperature`, 'a temperature must be real');
    const spectrum = new Map<string, SpectralDensity>();
    const given = new Map<string, SpectralDensity>();
    let couples: 'channel' | 'coupling' | undefined;
    for (const [key, text] of Object.entries(obj(s.spectrum, `${field}.spectrum`))) {
      const f = `${field}.spectrum.${key}`;
      const parts = key.split(',').map((p) => p.trim());
      if (parts.length > 2 || parts.some((p) => !operatorNames.includes(p)))
        fail(
          f,
          `expected "k" or "k,l" with ${couplingNames.length ? 'channel or coupling' : 'channel'} names (${operatorNames.join(', ')})`,
        );
      const kinds = new Set(parts.map((p) => (channelNames.includes(p) ? 'channel' : 'coupling')));
      if (kinds.size > 1 || (couples && !kinds.has(couples)))
        fail(f, 'a bath couples either RWA channels or Hermitian couplings, not both (use two baths)');
      couples = [...kinds][0] as 'channel' | 'coupling';
      let [k, l] = parts.length === 1 ? [parts[0], parts[0]] : parts;
      const sd = guard(f, () => parseSpectrum(str(text, f), knownScalar, scalarSymbol));
      if (k === l && (sd.exact ? !isReal(sd.exact) : sd.complex)) fail(f, 'an auto-spectrum (k = l) is a rate and must be real');
      given.set(`${k},${l}`, sd);
      if (operatorNames.indexOf(k) > operatorNames.indexOf(l)) [k, l] = [l, k];
      if (spectrum.has(`${k},${l}`)) continue; // both orders given: checked for conjugacy below
      spectrum.set(`${k},${l}`, sd);
    }
    if (spectrum.size === 0) fail(`${field}.spectrum`, 'expected at least one channel or coupling');
    baths.push({ name: b, latex: tex(s.latex, `${field}.latex`, b), temperature, spectrum, couples: couples!, zeroLimits: new Map() });
    pairsGivenTwice.push(
      ...[...given.keys()]
        .filter((key) => {
          const [k, l] = key.split(',');
          return k !== l && given.has(`${l},${k}`) && operatorNames.indexOf(k) < operatorNames.indexOf(l);
        })
        .map((key) => ({ bath: b, key, forward: given.get(key)!, backward: given.get(key.split(',').reverse().join(','))! })),
    );
  }
  if (baths.length === 0) fail('baths', 'expected at least one bath');
  if (root.lambShift !== undefined && typeof root.lambShift !== 'boolean') fail('lambShift', 'expected true or false');
  const lambShift = root.lambShift === true;
  if (lambShift && couplings.length === 0)
    fail(
      'lambShift',
      'the Lamb shift is available for Hermitian couplings ("couplings"); the principal value of a polynomial RWA channel spectrum diverges',
    );

  // Bath functions (print names and published-file names for the channel correlation functions)
  const bathFunctions: BathFunction[] = [];
  for (const [f, spec] of Object.entries(root.bathFunctions ? obj(root.bathFunctions, 'bathFunctions') : {})) {
    const field = `bathFunctions.${f}`;
    ident(f, field);
    const s = obj(spec, field);
    checkKeys(s, 'bathFunction', field, fail);
    if (s.emission !== undefined && s.absorption !== undefined) fail(field, 'give "emission" or "absorption", not both');
    const kind = s.emission ? 'emission' : s.absorption ? 'absorption' : fail(field, 'expected "emission": [k, l] or "absorption": [k, l]');
    const pair = s[kind as string];
    if (!Array.isArray(pair) || pair.length !== 2 || pair.some((p: unknown) => !channelNames.includes(String(p))))
      fail(`${field}.${kind}`, `expected two channel names (${channelNames.join(', ')})`);
    bathFunctions.push({
      name: f,
      latex: tex(s.latex, `${field}.latex`, f),
      kind: kind as 'emission' | 'absorption',
      channels: [String(pair[0]), String(pair[1])],
    });
  }

  let model: Model = {
    file: fileName,
    name,
    title,
    source,
    unit,
    parameters,
    definitions,
    basis,
    hamiltonian,
    angles,
    states,
    eigenvectors,
    frequencies,
    operators,
    siteOperators,
    channels,
    couplings,
    baths,
    bathFunctions,
    lambShift,
    ...(notices.length ? { notices } : {}),
  };

  // Checks that need numbers: temperatures non-negative, channels lowering at the default parameters.
  const defaults = Object.fromEntries(parameters.map((p) => [p.name, p.default]));
  if (numeric) {
    const bare = { ...model, bohrTolerance };
    if (couplings.length) guard('eigen', () => numericEigenModel(bare));
    const atDefaults = numericEigenPricer(bare, (x) => complexValue(bare, x, defaults), bohrTolerance);
    model = { ...numericEigenModel(bare, (w) => numericValue(bare, w, defaults, (v) => atDefaults.price(v)!)), bohrTolerance };
    checkNumericHamiltonian(model, defaults, fail);
    frequencies.splice(0, frequencies.length, ...model.frequencies);
  }
  for (const b of baths) {
    const t = guard(`baths.${b.name}.temperature`, () => numericValue(model, b.temperature, defaults));
    if (!(t >= 0)) fail(`baths.${b.name}.temperature`, `temperature must be >= 0, is ${t} at the default parameters`);
  }
  for (const ch of model.channels) {
    for (const [m, k, v] of ch.eigen.nonzero()) {
      const bohr = sub(model.states[k].energy, model.states[m].energy);
      const w = bohr.isZero() ? 0 : numericValue(model, bohr, defaults);
      if (!(w > 0)) {
        fail(
          `channels.${ch.name}.operator`,
          `not a lowering operator: it has a component ${model.states[m].name} <- ${model.states[k].name} (coefficient ${v}) whose energy change ${model.states[k].name} - ${model.states[m].name} = ${w} at the default parameters is not positive; a channel X couples as X ⊗ B† + h.c. and must lower the energy — for a Hermitian coupling such as sigma_x ⊗ (b + b†) or sigma_z (pure dephasing) write it under "couplings"`,
        );
      }
    }
  }
  // Bohr frequencies of the channel and coupling components: declared names first, the rest named w1, w2, …
  // by value. A coupling's component of energy change −ω is named by the positive ω.
  const extra = new Map<string, { value: Expr; at: number }>();
  const known = (value: Expr) =>
    frequencies.some((f) => f.value.equals(value) || add(f.value, value).isZero()) || extra.has(value.key) || extra.has(neg(value).key);
  for (const op of [...model.channels, ...model.couplings]) {
    for (const [m, k] of op.eigen.nonzero()) {
      let value = sub(model.states[k].energy, model.states[m].energy);
      if (value.isZero() || known(value)) continue;
      let at = numericValue(model, value, defaults);
      if (at < 0) {
        value = neg(value);
        at = -at;
      }
      if (at === 0)
        fail(
          `couplings.${op.name}.operator`,
          `the energy difference ${model.states[k].name} - ${model.states[m].name} = ${exprText(value)} is zero at the default parameters but not identically: choose defaults that keep the Bohr frequencies apart`,
        );
      extra.set(value.key, { value, at });
    }
  }
  [...extra.values()]
    .sort((a, b) => a.at - b.at)
    .forEach((f, i) => {
      let name = `w${i + 1}`;
      while (frequencies.some((x) => x.name === name)) name += "'";
      frequencies.push({ name, latex: `\\omega_{${i + 1}}`, value: f.value, declared: false });
    });
  guard('baths', () => checkSpectra(model, defaults, pairsGivenTwice, fail));
  const zeroPairs = zeroFrequencyPairs(model);
  for (const b of baths) {
    for (const [key, sd] of b.spectrum) {
      const [k, l] = key.split(',');
      if (b.couples !== 'coupling' || !zeroPairs.has(key)) continue;
      const field = `baths.${b.name}.spectrum.${k === l ? k : key}`;
      const value = (text: string) =>
        spectrumFunction(
          { text, node: parseText(text), complex: sd.complex },
          (x) => defaults[x] ?? numericValue(model, definitions.get(x)!, defaults),
        )(0)[0];
      const lead = guard(field, () => leadingAtZero(sd, value));
      if (lead.power < 1)
        fail(
          field,
          `S(0) = lim 2 J(w) N(w) diverges: J ~ w^${lead.power} as w -> 0 and N(w) ~ T/w, so the zero-frequency (dephasing) rate of ${k === l ? `coupling ${k}` : `couplings ${k}, ${l}`} in bath ${b.name} is infinite; use a spectrum with J ~ w^s, s >= 1 near 0`,
        );
      let exact: Expr | undefined;
      if (lead.power > 1 || lead.power === Infinity) exact = num(0);
      else {
        try {
          exact = mul(num(2), b.temperature, evaluateText(lead.coef, scalarAlgebra(scalarSymbol, { describe: field })));
        } catch {
          exact = undefined;
        }
      }
      b.zeroLimits.set(key, {
        power: lead.power,
        coefficient: { text: lead.coef, node: parseText(lead.coef), complex: sd.complex },
        exact,
      });
    }
  }
  return model;
}

/** "eigen": "numeric" | "exact" | {"mode": …, "tolerance": t, states, angles, frequencies}; absent means exact where possible. */
function eigenModeOf(
  spec: unknown,
  fail: (field: string, detail: string) => never,
): { mode: 'auto' | 'exact' | 'numeric'; tolerance: number } {
  const modes = ['numeric', 'exact'];
  if (spec === undefined) return { mode: 'auto', tolerance: DEFAULT_BOHR_TOLERANCE };
  if (typeof spec === 'string') {
    if (!modes.includes(spec)) fail('eigen', `expected "numeric", "exact" or an object with states, got "${spec.slice(0, 40)}"`);
    return { mode: spec as 'numeric' | 'exact', tolerance: DEFAULT_BOHR_TOLERANCE };
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail('eigen', 'expected "numeric", "exact" or an object');
  const s = spec as Record<string, unknown>;
  if (s.mode !== undefined && (typeof s.mode !== 'string' || !modes.includes(s.mode))) fail('eigen.mode', 'expected "numeric" or "exact"');
  const tolerance = s.tolerance ?? DEFAULT_BOHR_TOLERANCE;
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance < 1))
    fail(
      'eigen.tolerance',
      `expected a number in [0, 1) (Bohr frequencies within tolerance·(1 + max|E|) are one frequency), got ${JSON.stringify(s.tolerance)}`,
    );
  if (s.tolerance !== undefined && s.mode !== 'numeric')
    fail('eigen.tolerance', 'a Bohr-frequency tolerance applies to "mode": "numeric" only (exact frequencies are compared exactly)');
  return { mode: (s.mode as 'numeric' | 'exact' | undefined) ?? 'auto', tolerance: tolerance as number };
}

/** Placeholder states on the bare basis, replaced by the numeric eigenbasis (numericEigenModel). */
function bareStates(basis: string[]): EigenState[] {
  return basis.map((label, i) => ({ name: label, latex: label, energy: num(0), vector: basis.map((_, j) => num(i === j ? 1 : 0)) }));
}

/** A numeric eigenbasis needs a Hermitian H_S at the parameters: H is Hermitian exactly, so only complex parameters could break it. */
function checkNumericHamiltonian(model: Model, params: Record<string, number>, fail: (field: string, detail: string) => never): void {
  const h = model.hamiltonian;
  for (const [i, j, v] of h.nonzero()) {
    const [a, b] = complexValue(model, v, params);
    const [c, d] = complexValue(model, h.get(j, i), params);
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - c) + Math.abs(b + d) > 1e-12 * (1 + Math.abs(a) + Math.abs(b)))
      fail(
        'system.hamiltonian',
        `the numeric eigenbasis mode needs a Hermitian, finite H_S at the default parameters; entry (${model.basis[i]}, ${model.basis[j]}) is ${a} + ${b}i`,
      );
  }
}

/** Spectrum keys "k,l" of coupling pairs that both have a zero-frequency (diagonal) component: these need S(0). */
function zeroFrequencyPairs(model: Model): Set<string> {
  const diagonal = model.couplings
    .filter((c) => [...c.eigen.nonzero()].some(([m, k]) => sub(model.states[k].energy, model.states[m].energy).isZero()))
    .map((c) => c.name);
  const out = new Set<string>();
  for (const k of diagonal) for (const l of diagonal) out.add(`${k},${l}`);
  return out;
}

/** The bare basis: labels of `levels`, or product labels of `sites` (first site slowest), with site operators. */
function bareBasis(
  system: Record<string, any>,
  fail: (field: string, detail: string) => never,
): {
  basis: string[];
  siteOf?: (fn: 'sz' | 'sp' | 'sm', site: string) => Operator;
} {
  const labels = (v: unknown[], field: string): string[] =>
    v.map((l, i) => {
      if (typeof l !== 'string') fail(`${field}[${i}]`, `expected a level label (a string), got ${JSON.stringify(l)}`);
      const why = labelProblem(l as string);
      if (why) fail(`${field}[${i}]`, why);
      return l as string;
    });
  if (Array.isArray(system.levels)) {
    const basis = labels(system.levels, 'system.levels');
    if (basis.length < 2 || new Set(basis).size !== basis.length) fail('system.levels', 'expected at least two distinct level labels');
    return { basis };
  }
  if (!Array.isArray(system.sites) || system.sites.length === 0) fail('system', 'expected "levels": [labels] or "sites": [{name, levels}]');
  const sites = system.sites.map((s: any, i: number) => {
    if (typeof s?.name !== 'string' || !Array.isArray(s.levels) || s.levels.length < 2)
      fail(`system.sites[${i}]`, 'expected {"name": string, "levels": [at least two labels]}');
    checkKeys(s, 'site', `system.sites[${i}]`, fail);
    const why = labelProblem(s.name);
    if (why) fail(`system.sites[${i}].name`, why);
    return { name: s.name as string, levels: labels(s.levels, `system.sites[${i}].levels`) };
  });
  const names = sites.map((s: { name: string }) => s.name);
  if (new Set(names).size !== names.length) fail('system.sites', `site names must be distinct, got ${names.join(', ')}`);
  sites.forEach((s: { levels: string[] }, i: number) => {
    if (new Set(s.levels).size !== s.levels.length) fail(`system.sites[${i}].levels`, 'level labels must be distinct');
  });
  const single = sites.every((s: { levels: string[] }) => s.levels.every((l) => l.length === 1));
  let tuples: number[][] = [[]];
  for (const s of sites) tuples = tuples.flatMap((t) => s.levels.map((_: string, j: number) => [...t, j]));
  const basis = tuples.map((t) => t.map((j, i) => sites[i].levels[j]).join(single ? '' : ','));
  const n = basis.length;
  const index = new Map(tuples.map((t, i) => [t.join(','), i]));
  const siteOf = (fn: 'sz' | 'sp' | 'sm', site: string): Operator => {
    const si = sites.findIndex((s: { name: string }) => s.name === site);
    if (si < 0)
      throw new ExprError(`${fn}(${site}): no site named "${site}" (sites: ${sites.map((s: { name: string }) => s.name).join(', ')})`);
    const e = sites[si].levels.indexOf('e');
    const g = sites[si].levels.indexOf('g');
    if (e < 0 || g < 0) throw new ExprError(`${fn}(${site}) needs a site with levels named e and g`);
    const parts: Operator[] = [];
    tuples.forEach((t, i) => {
      const at = t[si];
      if (fn === 'sz' && (at === e || at === g)) parts.push(ketbra(n, i, i, at === e ? num(1) : num(-1)));
      const from = fn === 'sp' ? g : e;
      const to = fn === 'sp' ? e : g;
      if ((fn === 'sp' || fn === 'sm') && at === from) {
        const target = [...t];
        target[si] = to;
        parts.push(ketbra(n, index.get(target.join(','))!, i));
      }
    });
    return parts.length ? opAdd(...parts) : new Operator(n, new Map());
  };
  return { basis, siteOf };
}
