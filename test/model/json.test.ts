// The strict JSON reader (src/model/json.ts): the values of JSON.parse on every committed input file, duplicate keys
// and over-deep nesting refused with line and column, "__proto__" kept as data.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JsonError, parseJson } from '../../src/model/json.ts';

describe('parseJson', () => {
  it("gives JSON.parse's value for every committed model and published file", () => {
    const files = readdirSync('derivations', { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(join('derivations', f), 'utf8');
      expect(parseJson(text), f).toEqual(JSON.parse(text));
    }
    for (const t of ['0', '-1.5e-3', '"a\\u2028\\n\\"b"', '[]', '{}', ' [1, [2, {"a": null}], true, false] ', '{"a": {"a": 1}}'])
      expect(parseJson(t)).toEqual(JSON.parse(t));
  });

  it('a key given twice is an error at its second place', () => {
    expect(() => parseJson('{\n  "coefficients": {"Gamma1": "x",\n    "Gamma1": "y"}\n}')).toThrow(
      new JsonError('the key "Gamma1" is given twice in one object at line 3, column 5'),
    );
  });

  it('refuses what JSON.parse refuses, with line and column', () => {
    for (const t of ['', '{', '[1,]', '{"a" 1}', "{'a': 1}", '01', '1 2', 'NaN', '"raw\nnewline"', '{"a": 1,}', '[1 2]']) {
      expect(() => JSON.parse(t), t).toThrow();
      expect(() => parseJson(t), t).toThrow(JsonError);
    }
    expect(() => parseJson('{"a": [1, 2,, 3]}')).toThrow(/at line 1, column 13/);
  });

  it('deep nesting is refused, not a stack overflow', () => {
    expect(() => parseJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/nested more than 100 deep/);
  });

  it('"__proto__" is an ordinary key', () => {
    const v = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});
