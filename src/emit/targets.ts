// The emit targets: one entry per output format, each a visitor over a DerivedTable in its own file.
// Adding a target (Julia, C, …) is one new src/emit/<target>.ts plus one line here; `bornmarkov derive`
// writes the default targets (tex, ts, json) unless --target names others. File names are
// <model name>.<approx>[.lamb-shift].<extension>, except Python's, which must be importable: <model_name>_<approx>.py.
import { type DerivedTable, variantName } from '../derive/table.ts';
import { latexAppendix } from './latex.ts';
import { type EmitContext, typescriptModule } from './typescript.ts';
import { jsonText } from './json.ts';
import { pythonModule } from './python.ts';
import { sympyModule } from './sympy.ts';

export type { EmitContext };

export interface EmitTarget {
  /** the name `derive --target` takes */
  name: string;
  /** file extension without the dot */
  extension: string;
  /** one line for the usage text */
  description: string;
  /** written by `derive` when --target is not given */
  byDefault: boolean;
  emit(table: DerivedTable, context?: EmitContext): string;
}

export const TARGETS: readonly EmitTarget[] = [
  { name: 'tex', extension: 'tex', description: 'LaTeX appendix', byDefault: true, emit: (t) => latexAppendix(t) },
  {
    name: 'ts',
    extension: 'ts',
    description: 'TypeScript module (the solver’s input)',
    byDefault: true,
    emit: (t, c) => typescriptModule(t, c),
  },
  {
    name: 'js',
    extension: 'mjs',
    description: 'the TypeScript module as plain ES-module JavaScript',
    byDefault: false,
    emit: (t, c) => typescriptModule(t, { ...c, flavor: 'js' }),
  },
  { name: 'json', extension: 'json', description: 'the table, machine-readable', byDefault: true, emit: (t) => jsonText(t) },
  {
    name: 'python',
    extension: 'py',
    description: 'NumPy module (liouvillian, steady_state, to_qobj for QuTiP)',
    byDefault: false,
    emit: (t, c) => pythonModule(t, c),
  },
  {
    name: 'sympy',
    extension: 'py',
    description: 'the exact tables as SymPy expressions',
    byDefault: false,
    emit: (t, c) => sympyModule(t, c),
  },
];

export const DEFAULT_TARGETS: readonly EmitTarget[] = TARGETS.filter((t) => t.byDefault);

/** The targets of a comma-separated list of names; an unknown name throws, naming it and the known ones. */
export function targetsNamed(list: string): EmitTarget[] {
  const names = list.split(',').map((s) => s.trim());
  return names.map((name) => {
    const t = TARGETS.find((x) => x.name === name);
    if (!t) throw new RangeError(`--target: unknown target "${name}" (targets: ${TARGETS.map((x) => x.name).join(', ')})`);
    return t;
  });
}

/** A Python module name for the model and approximation: letters, digits and _ only. */
export function pythonModuleName(table: DerivedTable, suffix = ''): string {
  const base = table.model.name.replace(/[^A-Za-z0-9_]/g, '_');
  return `${/^[0-9]/.test(base) ? `m_${base}` : base}_${table.approx.replace(/-/g, '_')}${table.derivation.lambShift ? '_lamb_shift' : ''}${suffix}`;
}

/** The file name of one target's output. */
export function outputName(table: DerivedTable, target: EmitTarget): string {
  if (target.name === 'python') return `${pythonModuleName(table)}.py`;
  if (target.name === 'sympy') return `${pythonModuleName(table, '_sympy')}.py`;
  return `${table.model.name}.${variantName(table.approx, table.derivation.lambShift)}.${target.extension}`;
}
