// The versioned schema of bornmarkov's input files: which keys each object of a model file, a published-table
// file and a published-equations file may hold. A key not listed is an error with a "did you mean" suggestion
// (a misspelt "eigne" would otherwise be ignored and the basis silently change meaning). A file may say which
// schema it is written for with "schema": N (an integer); absent means SCHEMA_VERSION. A file written for a newer
// schema is refused (this bornmarkov cannot know what its new keys mean); an older one is read as it is.
import { didYouMean } from './names.ts';

export const SCHEMA_VERSION = 1;

export const KEYS = {
  model: [
    'schema',
    'name',
    'title',
    'source',
    'unit',
    'notes',
    'parameters',
    'definitions',
    'system',
    'eigen',
    'operators',
    'channels',
    'couplings',
    'baths',
    'lambShift',
    'bathFunctions',
  ],
  parameter: ['default', 'latex', 'kind', 'description'],
  system: ['levels', 'sites', 'hamiltonian'],
  site: ['name', 'levels'],
  eigen: ['mode', 'tolerance', 'angles', 'states', 'frequencies'],
  angle: ['cot', 'latex'],
  state: ['name', 'latex', 'energy', 'vector'],
  frequency: ['value', 'latex'],
  operator: ['value', 'latex', 'description'],
  channel: ['operator', 'latex', 'description'],
  coupling: ['operator', 'latex', 'description'],
  bath: ['temperature', 'latex', 'spectrum', 'description'],
  bathFunction: ['emission', 'absorption', 'latex'],
  table: ['schema', 'source', 'model', 'unitary', 'approx', 'notes', 'coefficients', 'latex', 'terms'],
  term: ['coefficient', 'operator', 'hc', 'nonsecular'],
  equations: ['schema', 'source', 'model', 'approx', 'notes', 'elements', 'definitions', 'equations'],
  motion: ['id', 'reference', 'kind', 'notes', 'lhs', 'rhs'],
  matrix: ['id', 'reference', 'kind', 'notes', 'X', 'M', 'form', 'rows'],
  determinant: ['id', 'reference', 'kind', 'notes', 'unknowns', 'value'],
  steady: ['id', 'reference', 'kind', 'notes', 'lhs', 'rhs', 'equilibrium'],
  vanishing: ['id', 'reference', 'kind', 'notes', 'element', 'condition', 'conditions'],
  flux: ['id', 'reference', 'kind', 'notes', 'site', 'value'],
} as const;

export type ObjectKind = keyof typeof KEYS;

/**
 * Calls fail(field of the first unknown key, detail) when `obj` holds a key its kind does not list.
 * `field` is the object's own field ('' for the root).
 */
export function checkKeys(
  obj: Record<string, unknown>,
  kind: ObjectKind,
  field: string,
  fail: (field: string, detail: string) => never,
): void {
  const allowed: readonly string[] = KEYS[kind];
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    fail(field ? `${field}.${key}` : key, `unknown key${didYouMean(key, allowed)}; ${field || 'the file'} takes ${allowed.join(', ')}`);
  }
}

/** Checks a root's "schema" field (absent, or an integer from 1 to SCHEMA_VERSION). */
export function checkSchema(root: Record<string, unknown>, fail: (field: string, detail: string) => never): void {
  const v = root.schema;
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    fail('schema', `expected a schema version, an integer >= 1, got ${JSON.stringify(v)}`);
  if ((v as number) > SCHEMA_VERSION)
    fail(
      'schema',
      `the file is written for schema ${v}; this bornmarkov reads schema ${SCHEMA_VERSION} and older (a newer bornmarkov is needed)`,
    );
}
