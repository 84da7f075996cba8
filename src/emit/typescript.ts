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
import { splitIntoParts } from './code/chunks.ts';
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
  '  populationEntries?: number[];',
  '  populationGates?: number[][];',
  '  populationGatesOn?: Uint8Array;',
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
    'eval arguments principalValue _x _kronrod _logSegments _XK _WK _WG populationGatesOn _slots _handles eigh _eigh _eighRecent _eighNext eigenvalue eigenvector _jacobi _jacobiReal _converged _rotate'
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

/** A statement of a writing function after its locals: its text and the nodes whose locals it reads. */
interface Effect {
  line: string;
  reads: Node[];
}

const writeEffect = ({ index, node }: { index: number; node: Node }): Effect => ({
  line: `out[${index}] = ${printer.print(node)};`,
  reads: [node],
});

/** The module-level array of which gated term groups populationBlock's last call added. */
const GATES_ON = 'populationGatesOn';

/** Items (locals and effects) per part of a long writing function (code/chunks.ts); a part stays far below V8's limit. */
const PART_SIZE = 120;
/** The parts' scratch arguments (underscored, so an unused one passes noUnusedParameters; in RESERVED). */
const PART_ARGS = ['_slots', '_handles'] as const;
/** Up to this many items a writing function stays one function (V8 optimises it whole, with no slot traffic). */
const SINGLE_MAX = 600;

/**
 * A function that zero-fills `out` and writes into it: head, the locals its effects need, `out.fill(0)`, the
 * effects. Past SINGLE_MAX items it is laid out as parts (code/chunks.ts), module-level functions called in
 * order that pass values through a module-level scratch array (a Float64Array; eigendecomposition handles in an
 * array of their own): the function runs optimised where one whole body would not (the module is not reentrant,
 * which a generated module never needs to be). `outer` names the locals the head defines.
 */
function writingFunction(f: {
  name: string;
  signature: string;
  program: Program;
  head: string[];
  outer: string[];
  effects: Effect[];
  js: boolean;
}): string[] {
  const roots = f.effects.flatMap((e) => e.reads);
  const { statements } = f.program.keep(roots);
  const fill = 'out.fill(0);';
  if (statements.length + f.effects.length <= SINGLE_MAX)
    return functionBlock(f.signature, f.program, roots, [fill, ...f.effects.map((e) => e.line)], f.head);
  const items = [
    ...statements.map((st) => {
      const used = new Set<string>();
      return { defines: st.name, reads: used, readsP: reads(st.node, used), line: `const ${st.name} = ${printer.print(st.node)};` };
    }),
    ...f.effects.map((e) => {
      const used = new Set<string>();
      return { defines: null, reads: used, readsP: e.reads.map((x) => reads(x, used)).some(Boolean), line: e.line };
    }),
  ];
  const handles = new Set(statements.filter((st) => st.node.kind === 'runtime' && st.node.fn === 'eigh').map((st) => st.name));
  const plan = splitIntoParts(items, PART_SIZE, new Set(f.outer));
  // handles and numbers get slots of their own kind, numbered in the plan's order
  const slot = new Map<string, number>();
  let numbers = 0;
  let objects = 0;
  for (const name of plan.slots.keys()) slot.set(name, handles.has(name) ? objects++ : numbers++);
  const ann = (t: string) => (f.js ? '' : t);
  const bang = f.js ? '' : '!';
  const S = `_${f.name}_s`;
  const H = `_${f.name}_h`;
  // the parts' own names are reserved: a model parameter may be called s or h
  const [sArg, hArg] = PART_ARGS;
  const store = (name: string) => `${handles.has(name) ? hArg : sArg}[${slot.get(name)}] = ${name};`;
  const lines = [
    `// ${f.name} in ${plan.parts.length} parts (V8 optimises small functions only); values cross in ${S}${objects ? ` and ${H}` : ''}`,
    `const ${S} = new Float64Array(${numbers});`,
    ...(objects ? [`const ${H}${ann(': ReturnType<typeof eigh>[]')} = [];`] : []),
  ];
  const calls: string[] = [];
  plan.parts.forEach((part, k) => {
    const body = items.slice(part.start, part.end);
    const usesP = body.some((it) => it.readsP);
    const usesOut = body.some((it) => it.defines === null);
    const fn = `_${f.name}${k + 1}`;
    const params: [string, string][] = [
      [usesP ? 'p' : '_p', 'Params'],
      [usesOut ? 'out' : '_out', 'Float64Array'],
      [sArg, 'Float64Array'],
      ...(objects ? [[hArg, 'ReturnType<typeof eigh>[]'] as [string, string]] : []),
    ];
    lines.push(
      `function ${fn}(${params.map(([n, t]) => (f.js ? n : `${n}: ${t}`)).join(', ')})${ann(': void')} {`,
      ...part.loads.map((name) => `  const ${name} = ${handles.has(name) ? hArg : sArg}[${slot.get(name)}]${bang};`),
      ...body.map((it) => `  ${it.line}`),
      ...part.stores.map((name) => `  ${store(name)}`),
      '}',
    );
    calls.push(`${fn}(p, out, ${S}${objects ? `, ${H}` : ''});`);
  });
  const outerStores = plan.outerStores.map((name) => `${S}[${slot.get(name)}] = ${name};`);
  return [...lines, f.signature, ...[...f.head, ...outerStores, fill, ...calls].map((l) => `  ${l}`), '}'];
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
    out.push("/** Fills `out` with L (see the header); with `bath`, only that bath's dissipator D_alpha. */");
    out.push(
      ...writingFunction({
        name: 'liouvillian',
        signature: sig('liouvillian', [P, ['out', 'Float64Array'], ['bath?', 'string']], 'void'),
        program: prog,
        head,
        outer: [UNITARY_SWITCH, ...selectors],
        effects: writes.map(writeEffect),
        js,
      }),
      '',
    );
  }

  // the block of L the steady state lives in (blocks[0]), for the per-point solver: the same entries, no others
  let gateCount = 0;
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
    const gated = gates.map(({ name, terms }, k): Effect => {
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
      return {
        line: `${GATES_ON}[${k}] = ${name}; if (${name}) ${fn}(${['out', ...args].join(', ')});`,
        reads: [ref(name), ...terms.map((t) => t.factor)],
      };
    });
    if (gated.length) out.push('');
    gateCount = gated.length;
    const effects: Effect[] = [...blockWrites.map(writeEffect), ...gated];
    // the switches of -i[H_S, rho] and of each bath are on here; declared where the code reads them
    const read = new Set<string>();
    for (const e of effects) for (const x of e.reads) reads(x, read);
    for (const st of prog.keep(effects.flatMap((e) => e.reads)).statements) reads(st.node, read);
    const on = [UNITARY_SWITCH, ...selectors].filter((s) => read.has(s));
    // the entries it writes at every point, and those of each gate (the solver visits only these, where on)
    const entriesOf = (list: readonly { index: number }[]) =>
      [...new Set(list.map(({ index }) => index % (m * m)))].sort((x, y) => x - y).join(', ');
    out.push(
      '/** Indices row·m + column of the block entries populationBlock writes at every point (real or imaginary part). */',
      `export const populationEntries${ann(': number[]')} = [${entriesOf(blockWrites)}];`,
      '',
      ...(gates.length
        ? [
            '/** The entries each 0/1-gated group of its terms adds into, and which groups its last call added (1) or skipped (0). */',
            `export const populationGates${ann(': number[][]')} = [${gates.map((g) => `[${entriesOf(g.terms)}]`).join(', ')}];`,
            `export const ${GATES_ON} = new Uint8Array(${gates.length});`,
            '',
          ]
        : []),
      '/** Fills `out` with L on blocks[0] only (rows and columns in blocks[0] order, m² real parts then m² imaginary parts), the full generator. */',
    );
    out.push(
      ...writingFunction({
        name: 'populationBlock',
        signature: sig('populationBlock', [P, ['out', 'Float64Array']], 'void'),
        program: prog,
        head: [
          `if (out.length !== ${2 * m * m}) throw new RangeError(\`populationBlock: out must have length ${2 * m * m} (2*m^2, m = ${m}), got \${out.length}\`);`,
          ...(on.length ? [`const ${on.map((s) => `${s} = 1`).join(', ')};`] : []),
        ],
        outer: on,
        effects,
        js,
      }),
      '',
    );
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
    '  populationEntries,',
    ...(gateCount ? ['  populationGates,', `  ${GATES_ON},`] : []),
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
