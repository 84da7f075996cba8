// The emit targets: one entry per output format, each a visitor over a DerivedTable in its own file.
// Adding a target (Python, Julia, …) is one new src/emit/<target>.ts plus one line here; `bornmarkov derive`
// writes <model name>.<approx>.<extension> for every entry.
import { type DerivedTable, variantName } from '../derive/table.ts';
import { latexAppendix } from './latex.ts';
import { type EmitContext, typescriptModule } from './typescript.ts';
import { jsonText } from './json.ts';

export type { EmitContext };

export interface EmitTarget {
  name: string;
  /** file extension without the dot */
  extension: string;
  emit(table: DerivedTable, context?: EmitContext): string;
}

export const TARGETS: readonly EmitTarget[] = [
  { name: 'tex', extension: 'tex', emit: (t) => latexAppendix(t) },
  { name: 'ts', extension: 'ts', emit: (t, c) => typescriptModule(t, c) },
  { name: 'json', extension: 'json', emit: (t) => jsonText(t) },
];

/** The file name of one target's output: <model name>.<approx>.<extension>. */
export function outputName(table: DerivedTable, target: EmitTarget): string {
  return `${table.model.name}.${variantName(table.approx, table.derivation.lambShift)}.${target.extension}`;
}
