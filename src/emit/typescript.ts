// TypeScript printer: a visitor over a DerivedTable that writes a module satisfying GeneratedModel
// (src/numeric/generatedModel.ts). The straight-line code comes from the language-neutral program
// (src/emit/code/program.ts, module.ts); this file is TypeScript's syntax table and layout. Contract of
// typescriptModule(table, context):
//   - straight-line code built from the tables: each half-angle pair, radical, temperature, Bohr frequency,
//     Planck occupation N_α(ω) (expm1; 0 at T = 0) and channel correlation function Γ∓_kl(ω) is computed
//     once per call; then every distinct monomial and every distinct coefficient (keyed by its exact
//     canonical key) once, and only what is read (no unused local, so the modules pass noUnusedLocals and
//     noUnusedParameters too); then `out` is zero-filled and only the nonzero tensor entries are written;
//   - liouvillian(p, out, bath) prices each Γ∓ atom with only bath α's term and drops −i[H_S, ρ] when
//     `bath` is given (baths are independent, so Σ_α D_α = D exactly);
//   - byte-for-byte deterministic: every list is visited in a fixed, sorted order.
// Only numbers cross into the generated module; it imports nothing but the contract's types.
import type { DerivedTable } from '../derive/table.ts';
import { emittedOnce } from './emitted.ts';
import { eighSource, principalValueSource } from './runtime.ts';
import { DEFAULT_BOHR_TOLERANCE } from '../model/model.ts';
import { commentText, jsString, templateText } from './escape.ts';
import { type MathFn, type Node, type SumTerm, isZero, reads, ref, sum } from './code/ir.ts';
import { gateWrites } from './code/gates.ts';
import { CodePrinter, type Syntax } from './code/printer.ts';
import type { Program } from './code/program.ts';
import {
  UNITARY_SWITCH,
  coefficientsPlan,
  eigenvectorsPlan,
  energiesPlan,
  exportedOperators,
  liouvillianPlan,
  populationBlockWrites,
  matrixRoots,
  operatorsPlan,
  physicsPlan,
  selectorsPlan,
  temperaturesPlan,
  vecBlocks,
} from './code/module.ts';

export { bathPart, vecBlocks } from './code/module.ts';
export { oneBathTerm } from './code/program.ts';

export interface EmitContext {
  /** the model file as the user names it (printed in the header and in the regeneration hint) */
  source?: string;
  /** unused: modules are self-contained (they once imported the contract by this relative path) */
  contractImport?: string;
  /** 'js': the same module as plain ES-module JavaScript (no types), for plain node and the module cache */
  flavor?: 'ts' | 'js';
}

/** @deprecated modules carry their own contract types; kept for callers that still pass it */
export const DEFAULT_CONTRACT_IMPORT = '../../src/numeric/generatedModel.ts';

/** The contract of src/numeric/generatedModel.ts, repeated in every TypeScript module so that it stands alone. */
const INLINE_CONTRACT = [
  '// The generated-module contract (GeneratedModel of bornmarkov), repeated so that this file stands alone.',
  'type ParameterRecord = Record<string, number>;',
  "export interface ParameterInfo { name: string; latex: string; default: number; kind: 'energy' | 'rate' | 'temperature' | 'weight' | 'number' }",
  'export interface GeneratedModel {',
  "  name: string; approx: 'secular' | 'nonsecular' | 'partial-secular' | 'ule' | 'local'; lambShift?: boolean; eigenMode?: 'numeric'; bohrTolerance?: number; basis: string[]; bareBasis: string[]; parameters: ParameterInfo[]; baths: string[]; dimension: number;",
  '  energies(p: ParameterRecord): Float64Array;',
  '  temperatures?(p: ParameterRecord): Record<string, number>;',
  '  coefficients(p: ParameterRecord): Record<string, number | [number, number]>;',
  '  liouvillian(p: ParameterRecord, out: Float64Array, bath?: string): void;',
  '  populationBlock?(p: ParameterRecord, out: Float64Array): void;',
  '  physicsLayout?: { frequencies: string[]; spectra: { bath: string; operators: string[] }[] };',
  '  physics?(p: ParameterRecord, out: Float64Array): void;',
  '  blocks: number[][];',
  '  eigenvectors(p: ParameterRecord): { re: Float64Array; im: Float64Array };',
  '  operators(p: ParameterRecord): Record<string, { re: Float64Array; im: Float64Array }>;',
  '  secularPairs?: [string, string][];',
  '  selectors?(p: ParameterRecord): Float64Array;',
  '}',
];

// Names a model parameter may not take as a local in the generated functions.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements ' +
    'interface package private protected public await async of p out bath re im Math Float64Array RangeError undefined NaN Infinity ' +
    'eval arguments principalValue _x _kronrod _logSegments _XK _WK _WG eigh eigenvalue eigenvector _jacobi _rotate'
  ).split(' '),
);

const MATH: Record<MathFn, string> = {
  sqrt: 'Math.sqrt',
  abs: 'Math.abs',
  exp: 'Math.exp',
  expm1: 'Math.expm1',
  log: 'Math.log',
  pow: 'Math.pow',
  cos: 'Math.cos',
  sin: 'Math.sin',
  cosh: 'Math.cosh',
  sinh: 'Math.sinh',
  tanh: 'Math.tanh',
  atan: 'Math.atan',
  atan2: 'Math.atan2',
  max: 'Math.max',
};

/** TypeScript's syntax table for the shared code printer. */
export const TYPESCRIPT_SYNTAX: Syntax = {
  name: 'ts',
  reserved: RESERVED,
  // Round-trip decimal of the nearest double: exact for the integers and short fractions seen here.
  number: (x) => String(x),
  param: (name) => `p.${name}`,
  call: (fn, args) => `${MATH[fn]}(${args.join(', ')})`,
  compare: (op, l, r) => `${l} ${op === 'eq' ? '===' : op === 'ge' ? '>=' : '<'} ${r}`,
  conditional: (t, a, b) => `${t} ? ${a} : ${b}`,
  // no annotation: the parameter is typed by the runtime function it is handed to, and the js flavor shares this table
  lambda: (x, body) => `(${x}) => ${body}`,
  runtime: (fn, args) => `${fn}(${args.join(', ')})`,
};

const printer = new CodePrinter(TYPESCRIPT_SYNTAX);

// Text from the model file in string literals, template literals and comments: escape.ts.

/**
 * The body of one function: head, the program's statements the roots need, tail. A function that reads no
 * parameter names its argument `_p`.
 */
function functionBlock(
  signature: string,
  program: Program,
  roots: readonly Node[],
  tail: string[],
  head: string[] = [],
  alsoUsed: string[] = [],
): string[] {
  const { statements, readsParameters } = program.keep(roots, alsoUsed);
  const sig = readsParameters ? signature : signature.replace(/\(p\b/, '(_p');
  const locals = statements.map((st) => `const ${st.name} = ${printer.print(st.node)};`);
  return [sig, ...[...head, ...locals, ...tail].map((l) => `  ${l}`), '}'];
}

export function typescriptModule(table: DerivedTable, context: EmitContext = {}): string {
  return emittedOnce(table, `ts|${context.flavor ?? 'ts'}|${context.source ?? ''}`, () => moduleText(table, context));
}

function moduleText(table: DerivedTable, context: EmitContext): string {
  const { model, approx } = table;
  const n = model.states.length;
  const N = n * n;
  const size = 2 * N * N;
  const source = commentText(context.source ?? model.file);
  const js = context.flavor === 'js';
  /** a type annotation, dropped in the JavaScript flavor */
  const ann = (t: string) => (js ? '' : t);
  /** a function signature: export function name(params): ret { */
  const sig = (name: string, params: [string, string][], ret: string) =>
    `export function ${name}(${params.map(([n, t]) => (js ? n.replace('?', '') : `${n}: ${t}`)).join(', ')})${ann(`: ${ret}`)} {`;
  const P: [string, string] = ['p', 'Params'];
  const out: string[] = [];

  out.push(
    `// Generated by bornmarkov from ${source} (${commentText(model.name)}, ${approx} approximation). Do not edit:`,
    `// regenerate with \`npx bornmarkov derive ${source}\`.`,
    `// Model: ${commentText(model.title)}`,
    ...(model.source ? [`// Source: ${commentText(model.source)}`] : []),
    `// Contract: GeneratedModel (below; bornmarkov's src/numeric/generatedModel.ts). Eigenbasis ${commentText(model.states.map((s) => s.name).join(', '))}; vec(rho) row-major;`,
    `// liouvillian fills 2*n^4 = ${size} numbers (real parts, then imaginary parts) of L with d vec(rho)/dt = L vec(rho).`,
    `// Energies in units of ${commentText(model.unit)}.`,
    ...(js ? [] : ['', ...INLINE_CONTRACT]),
    '',
  );
  if (!js) {
    out.push(`/** Parameters of ${commentText(model.name)}, by name. */`, 'export interface Params extends ParameterRecord {');
    for (const p of model.parameters) {
      out.push(`  /** ${commentText(`${p.description ? `${p.description} ` : ''}(${p.kind}, default ${p.default})`)} */`);
      out.push(`  ${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p.name) ? p.name : jsString(p.name)}: number;`);
    }
    out.push('}', '');
  }

  out.push(`export const parameters${ann(': ParameterInfo[]')} = [`);
  for (const p of model.parameters)
    out.push(`  { name: ${jsString(p.name)}, latex: ${jsString(p.latex)}, default: ${p.default}, kind: ${jsString(p.kind)} },`);
  out.push('];', '');

  const baths = model.baths.map((b) => b.name);
  out.push(`export const baths${ann(': string[]')} = [${baths.map(jsString).join(', ')}];`, '');

  // energies
  {
    const { prog, values } = energiesPlan(model, RESERVED);
    out.push('/** Eigenvalues λ_i in state order. */');
    out.push(
      ...functionBlock(sig('energies', [P], 'Float64Array'), prog, values, [
        `return new Float64Array([${values.map((v) => printer.value(v)).join(', ')}]);`,
      ]),
      '',
    );
  }

  // temperatures
  {
    const { prog, values } = temperaturesPlan(model, RESERVED);
    out.push('/** Bath temperatures T_alpha at p, by bath name (for entropy production). */');
    out.push(
      ...functionBlock(sig('temperatures', [P], 'Record<string, number>'), prog, values, [
        'return {',
        ...model.baths.map((b, i) => `  ${jsString(b.name)}: ${printer.value(values[i]!)},`),
        '};',
      ]),
      '',
    );
  }

  // coefficients
  {
    const { prog, fields } = coefficientsPlan(table, RESERVED);
    const lines = fields.map(
      ({ name, value, real }) =>
        `  ${jsString(name)}: ${real ? printer.value(value.re) : `[${printer.value(value.re)}, ${printer.value(value.im)}]`},`,
    );
    const roots = fields.flatMap(({ value, real }) => (real ? [value.re] : [value.re, value.im]));
    out.push(
      '/** The named coefficients of the paper form (Gamma…, Lambda…, Delta…) and of the Lindblad-like form (K[B, A] rates, h[A, B] of Hc). */',
    );
    out.push(
      ...functionBlock(sig('coefficients', [P], 'Record<string, number | [number, number]>'), prog, roots, ['return {', ...lines, '};']),
      '',
    );
  }

  // liouvillian
  const generator = liouvillianPlan(table, RESERVED);
  {
    const { prog, selectors, writes } = generator;
    const head = [
      `if (out.length !== ${size}) throw new RangeError(\`liouvillian: out must have length ${size} (2*n^4, n = ${n}), got \${out.length}\`);`,
      `// without a bath: the full generator; with one: only its dissipator D_alpha (the others and -i[H_S, rho] switched off)`,
      `let ${UNITARY_SWITCH} = 1${selectors.map((s) => `, ${s} = 1`).join('')};`,
      'if (bath !== undefined) {',
      `  ${UNITARY_SWITCH} = 0;`,
      ...model.baths.map((b, i) => `  ${selectors[i]} = bath === ${jsString(b.name)} ? 1 : 0;`),
      `  if (${selectors.join(' + ')} === 0) throw new RangeError(\`liouvillian: no bath "\${bath}" in ${templateText(model.name)} (baths: ${templateText(baths.join(', '))})\`);`,
      '}',
    ];
    const tail = ['out.fill(0);', ...writes.map(({ index, node }) => `out[${index}] = ${printer.print(node)};`)];
    out.push("/** Fills `out` with L (see the header); with `bath`, only that bath's dissipator D_alpha. */");
    out.push(
      ...functionBlock(
        sig('liouvillian', [P, ['out', 'Float64Array'], ['bath?', 'string']], 'void'),
        prog,
        writes.map((w) => w.node),
        tail,
        head,
      ),
      '',
    );
  }

  // the block of L the steady state lives in (blocks[0]), for the per-point solver: the same entries, no others
  {
    const { prog, selectors, writes } = generator;
    const { m, writes: inBlock } = populationBlockWrites(vecBlocks(table)[0]!, N, writes);
    // a numeric eigenbasis' secular selectors gate their terms: those are added only where the selector is on
    const { writes: blockWrites, gates } = gateWrites(prog.statements, inBlock);
    // Each selector's terms are a function of their own, called where the selector is on: populationBlock itself
    // stays small enough for V8 to run well (one function with every gated term measured 1.5× slower).
    const taken = new Set(prog.statements.map((st) => st.name));
    const gateFunction = (k: number) => {
      let fn = `_gate${k}`;
      while (taken.has(fn)) fn += '_';
      return fn;
    };
    const gated = gates.map(({ name, terms }, k) => {
      const byIndex = new Map<number, SumTerm[]>();
      for (const { index, ...term } of terms) byIndex.set(index, [...(byIndex.get(index) ?? []), term]);
      const used = new Set<string>();
      const readsP = terms.map((t) => reads(t.factor, used)).some(Boolean);
      const args = [...(readsP ? ['p'] : []), ...[...used].sort()];
      const fn = gateFunction(k);
      const params = [['out', 'Float64Array'], ...(readsP ? [['p', 'Params']] : []), ...[...used].sort().map((u) => [u, 'number'])];
      const entry = (i: number) => `out[${i}]${js ? '' : '!'}`;
      out.push(
        `function ${fn}(${params.map(([n, t]) => (js ? n : `${n}: ${t}`)).join(', ')})${ann(': void')} {`,
        ...[...byIndex].map(([i, ts]) => `  out[${i}] = ${entry(i)} + ${printer.print(sum(ts))};`),
        '}',
      );
      return `if (${name}) ${fn}(${['out', ...args].join(', ')});`;
    });
    if (gated.length) out.push('');
    out.push(
      '/** Fills `out` with L on blocks[0] only (rows and columns in blocks[0] order, m² real parts then m² imaginary parts), the full generator. */',
    );
    const lines = functionBlock(
      sig('populationBlock', [P, ['out', 'Float64Array']], 'void'),
      prog,
      [...blockWrites.map((w) => w.node), ...gates.flatMap((g) => [ref(g.name), ...g.terms.map((t) => t.factor)])],
      ['out.fill(0);', ...blockWrites.map(({ index, node }) => `out[${index}] = ${printer.print(node)};`), ...gated],
      [
        `if (out.length !== ${2 * m * m}) throw new RangeError(\`populationBlock: out must have length ${2 * m * m} (2*m^2, m = ${m}), got \${out.length}\`);`,
      ],
    );
    // the switches of -i[H_S, rho] and of each bath are on here; declared where the code reads them
    const body = lines.slice(2).join('\n');
    const on = [UNITARY_SWITCH, ...selectors].filter((s) => new RegExp(`\\b${s}\\b`).test(body));
    if (on.length) lines.splice(2, 0, `  const ${on.map((s) => `${s} = 1`).join(', ')};`);
    out.push(...lines, '');
  }

  // the numbers of the physics check at every solved point
  {
    const { prog, layout, values } = physicsPlan(table, RESERVED);
    const layoutText = `{ frequencies: [${layout.frequencies.map(jsString).join(', ')}], spectra: [${layout.spectra.map((e) => `{ bath: ${jsString(e.bath)}, operators: [${e.operators.map(jsString).join(', ')}] }`).join(', ')}] }`;
    out.push(
      '/** What physics(p, out) writes after the temperatures: the Bohr frequencies, then per bath (operators) its spectrum matrix at each. */',
    );
    out.push(
      `export const physicsLayout${ann(': { frequencies: string[]; spectra: { bath: string; operators: string[] }[] }')} = ${layoutText};`,
      '',
    );
    const writes = values.flatMap((v, i) => (isZero(v) ? [] : [`out[${i}] = ${printer.print(v)};`]));
    out.push('/** Temperatures, Bohr frequencies and spectrum matrices at p, for the physics check of every solved point. */');
    out.push(
      ...functionBlock(
        sig('physics', [P, ['out', 'Float64Array']], 'void'),
        prog,
        values.filter((v) => !isZero(v)),
        ['out.fill(0);', ...writes],
        [
          `if (out.length !== ${values.length}) throw new RangeError(\`physics: out must have length ${values.length}, got \${out.length}\`);`,
        ],
      ),
      '',
    );
  }

  // blocks
  out.push('/** vec(rho) indices a*n+b grouped into blocks closed under the dynamics; blocks[0] holds the populations. */');
  out.push(`export const blocks${ann(': number[][]')} = [`);
  for (const b of vecBlocks(table)) out.push(`  [${b.join(', ')}],`);
  out.push('];', '');

  // secular selectors of a numeric eigenbasis
  const selectors = selectorsPlan(table, RESERVED);
  if (selectors.pairs.length) {
    out.push(
      `/** Frequency pairs (ω, ω′) the secular form keeps where they coincide, and their selectors Sec(ω, ω′) at p (1 kept, 0 dropped). */`,
    );
    out.push(
      `export const secularPairs${ann(': [string, string][]')} = [${selectors.pairs.map(([a, b]) => `[${jsString(a)}, ${jsString(b)}]`).join(', ')}];`,
      '',
    );
    out.push(
      ...functionBlock(sig('selectors', [P], 'Float64Array'), selectors.prog, selectors.values, [
        `return new Float64Array([${selectors.values.map((v) => printer.value(v)).join(', ')}]);`,
      ]),
      '',
    );
  }

  // eigenvectors
  {
    const plan = eigenvectorsPlan(model, RESERVED);
    const writes = plan.matrices[0]!.entries.flatMap(({ index, value }) => [
      ...(isZero(value.re) ? [] : [`re[${index}] = ${printer.print(value.re)};`]),
      ...(isZero(value.im) ? [] : [`im[${index}] = ${printer.print(value.im)};`]),
    ]);
    out.push('/** Declared eigenvectors on the bare basis: n×n row-major, column j is state j. */');
    out.push(
      ...functionBlock(sig('eigenvectors', [P], '{ re: Float64Array; im: Float64Array }'), plan.prog, matrixRoots(plan), [
        `const re = new Float64Array(${N});`,
        `const im = new Float64Array(${N});`,
        ...writes,
        'return { re, im };',
      ]),
      '',
    );
  }

  // operators
  {
    const count = exportedOperators(model).length;
    const arrays = Array.from({ length: count }, (_, i) => [`_re${i}`, `_im${i}`] as const);
    const plan = operatorsPlan(model, RESERVED, arrays.flat());
    const body: string[] = [];
    const fields: string[] = [];
    plan.matrices.forEach((o, i) => {
      const [re, im] = arrays[i]!;
      body.push(`const ${re} = new Float64Array(${N});`, `const ${im} = new Float64Array(${N});`);
      for (const { index, value } of o.entries) {
        if (!isZero(value.re)) body.push(`${re}[${index}] = ${printer.print(value.re)};`);
        if (!isZero(value.im)) body.push(`${im}[${index}] = ${printer.print(value.im)};`);
      }
      fields.push(`  ${jsString(o.name)}: { re: ${re}, im: ${im} },`);
    });
    out.push('/** Site operators sz(k) and the named operators of the model, on the eigenbasis (n×n row-major). */');
    out.push(
      ...functionBlock(sig('operators', [P], 'Record<string, { re: Float64Array; im: Float64Array }>'), plan.prog, matrixRoots(plan), [
        ...body,
        'return {',
        ...fields,
        '};',
      ]),
      '',
    );
  }

  out.push(
    `const model${ann(': GeneratedModel')} = {`,
    `  name: ${jsString(model.name)},`,
    `  approx: ${jsString(approx)},`,
    ...(table.derivation.lambShift ? ['  lambShift: true,'] : []),
    ...(model.eigenMode === 'numeric'
      ? ["  eigenMode: 'numeric',", `  bohrTolerance: ${model.bohrTolerance ?? DEFAULT_BOHR_TOLERANCE},`]
      : []),
    `  basis: [${model.states.map((s) => jsString(s.name)).join(', ')}],`,
    `  bareBasis: [${model.basis.map(jsString).join(', ')}],`,
    '  parameters,',
    '  baths,',
    `  dimension: ${n},`,
    '  energies,',
    '  temperatures,',
    '  coefficients,',
    '  liouvillian,',
    '  populationBlock,',
    '  physicsLayout,',
    '  physics,',
    '  blocks,',
    '  eigenvectors,',
    '  operators,',
    ...(selectors.pairs.length ? ['  secularPairs,', '  selectors,'] : []),
    '};',
    '',
    'export default model;',
    '',
  );
  // the runtime (Lamb-shift quadrature, eigendecomposition) only where the tables need it, carried by the module (it imports nothing)
  const text = out.join('\n');
  const runtimeText = [
    ...(/\bprincipalValue\(/.test(text) ? [...principalValueSource(ann), ''] : []),
    ...(/\beigh\(/.test(text) ? [...eighSource(ann), ''] : []),
  ];
  if (!runtimeText.length) return text;
  const at = out.findIndex((l) => l.startsWith('export const parameters'));
  out.splice(at, 0, ...runtimeText);
  return out.join('\n');
}
