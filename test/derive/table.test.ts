// One derivation per model and options in a process (src/derive/table.ts), and one model per file name and text
// (src/model/load.ts): the emitters, checks and the report ask for the same derivations again and again.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';

const LAMBDA = 'derivations/li-cai-sun/lambda.json';

describe('shared derivations', () => {
  it('loadModelFile: the same model for the same file name and text, wherever the file is; a new one when the text changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-table-'));
    const copy = join(dir, 'lambda.json');
    copyFileSync(LAMBDA, copy);
    const model = loadModelFile(LAMBDA);
    expect(loadModelFile(LAMBDA)).toBe(model);
    expect(loadModelFile(copy)).toBe(model);
    // another name, or one parameter's description changed: another model
    const renamed = join(dir, 'lambda-copy.json');
    copyFileSync(LAMBDA, renamed);
    expect(loadModelFile(renamed)).not.toBe(model);
    const json = JSON.parse(readFileSync(LAMBDA, 'utf8'));
    const first = Object.keys(json.parameters)[0]!;
    json.parameters[first].description = 'edited';
    writeFileSync(copy, JSON.stringify(json));
    const edited = loadModelFile(copy);
    expect(edited).not.toBe(model);
    expect(edited.parameters.find((p) => p.name === first)!.description).toBe('edited');
  });

  it('deriveTable: the same table for the same model, approximation and options; another for other options', () => {
    const model = loadModelFile(LAMBDA);
    const table = deriveTable(model, 'nonsecular');
    expect(deriveTable(model, 'nonsecular')).toBe(table);
    expect(deriveTable(model, 'nonsecular', {})).toBe(table);
    expect(deriveTable(model, 'secular')).not.toBe(table);
    const cut = deriveTable(model, 'partial-secular', { cutoff: 0.5 });
    expect(deriveTable(model, 'partial-secular', { cutoff: 0.5 })).toBe(cut);
    expect(deriveTable(model, 'partial-secular', { cutoff: 0.25 })).not.toBe(cut);
    expect(deriveTable(model, 'partial-secular', { cutoff: 0.25 }).model.parameters).not.toEqual(cut.model.parameters);
  });
});
