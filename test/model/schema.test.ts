// The versioned schema (src/model/schema.ts) through the loaders: unknown keys at every level of model files and
// published files are errors naming the key with a suggestion; exact types; the "schema" field honoured; duplicate
// keys refused.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, loadModelFile } from '../../src/model/load.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { loadEquationsFile } from '../../src/check/equations.ts';
import { SCHEMA_VERSION } from '../../src/model/schema.ts';

const CASE_A = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-schema-'));
const load = (edit: (m: any) => void): (() => unknown) => {
  const m = structuredClone(CASE_A);
  edit(m);
  return () => loadModel(m, 'm.json');
};

describe('model files', () => {
  it('an unknown key at any level is named, with the closest known key', () => {
    expect(load((m) => (m.eigne = m.eigen))).toThrow('m.json: eigne: unknown key (did you mean "eigen"?); the file takes schema, name,');
    expect(load((m) => (m.parameters.Ta.defualt = 1))).toThrow('m.json: parameters.Ta.defualt: unknown key (did you mean "default"?)');
    expect(load((m) => (m.eigen.states[0].vectr = {}))).toThrow('m.json: eigen.states[0].vectr: unknown key (did you mean "vector"?)');
    expect(load((m) => (m.baths.a.temprature = 'Ta'))).toThrow('m.json: baths.a.temprature: unknown key (did you mean "temperature"?)');
    expect(load((m) => (m.system.sites[0].nmae = 'x'))).toThrow('m.json: system.sites[0].nmae: unknown key (did you mean "name"?)');
    expect(load((m) => (m.channels.a.xyzzy = 1))).toThrow(
      /m\.json: channels\.a\.xyzzy: unknown key; channels\.a takes operator, latex, description$/,
    );
  });

  it('types are exact', () => {
    expect(load((m) => (m.lambShift = 'false'))).toThrow('m.json: lambShift: expected true or false');
    expect(load((m) => (m.parameters.Ta.default = '10'))).toThrow('m.json: parameters.Ta.default: expected a finite number');
    expect(load((m) => (m.title = 7))).toThrow('m.json: title: expected a string');
    expect(load((m) => (m.parameters.Ta.description = ['hot']))).toThrow('m.json: parameters.Ta.description: expected a string');
    expect(load((m) => (m.system.sites[0].levels = [1, 0]))).toThrow(
      'm.json: system.sites[0].levels[0]: expected a level label (a string), got 1',
    );
  });

  it('"schema": this version and older are read, a newer one or a non-integer is refused', () => {
    expect(load((m) => (m.schema = SCHEMA_VERSION))).not.toThrow();
    expect(load((m) => (m.schema = SCHEMA_VERSION + 1))).toThrow(
      `m.json: schema: the file is written for schema ${SCHEMA_VERSION + 1}; this bornmarkov reads schema ${SCHEMA_VERSION} and older`,
    );
    expect(load((m) => (m.schema = '1'))).toThrow('m.json: schema: expected a schema version, an integer >= 1, got "1"');
  });

  it('a duplicated key in the file is an error with its line', () => {
    const text = readFileSync('derivations/huangfu-jing/case-a.json', 'utf8').replace('"name":', '"name": "x", "name":');
    const path = join(dir, 'dup.json');
    writeFileSync(path, text);
    expect(() => loadModelFile(path)).toThrow(/dup\.json: \(file\): not valid JSON: the key "name" is given twice in one object at line 2/);
  });
});

describe('published files', () => {
  const table = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.published.json', 'utf8'));
  const write = (name: string, json: unknown, text?: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text ?? JSON.stringify(json));
    return path;
  };
  const model = loadModelFile('derivations/huangfu-jing/case-a.json');

  it('tables: unknown keys (root and terms), exact booleans, duplicate coefficients', () => {
    expect(() => loadPublishedFile(write('t1.json', { ...table, coefficient: {} }), model)).toThrow(
      't1.json: coefficient: unknown key (did you mean "coefficients"?)',
    );
    expect(() => loadPublishedFile(write('t2.json', { ...table, terms: [{ ...table.terms[0], hC: true }] }), model)).toThrow(
      't2.json: terms[0].hC: unknown key (did you mean "hc"?)',
    );
    expect(() => loadPublishedFile(write('t3.json', { ...table, unitary: 'yes' }), model)).toThrow(
      't3.json: unitary: expected true or false, got "yes"',
    );
    const dup = JSON.stringify(table, null, 1).replace('"Gamma1": "', '"Gamma1": "0", "Gamma1": "');
    expect(() => loadPublishedFile(write('t4.json', null, dup), model)).toThrow(
      /t4\.json: \(file\): cannot read as JSON: the key "Gamma1" is given twice in one object at line/,
    );
  });

  it('equation files: unknown keys at the root and in an equation', () => {
    const eq = JSON.parse(readFileSync('derivations/huangfu-jing/case-a.flux.published.json', 'utf8'));
    expect(() => loadEquationsFile(write('e1.json', { ...eq, equation: [] }), model)).toThrow(
      /e1\.json: equation: unknown key \(did you mean "equations"\?\)/,
    );
    expect(() => loadEquationsFile(write('e2.json', { ...eq, equations: [{ ...eq.equations[0], sit: '1' }] }), model)).toThrow(
      /e2\.json: equations\[0\]\.sit: unknown key \(did you mean "site"\?\)/,
    );
  });
});
