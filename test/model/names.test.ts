// The name grammars (src/model/names.ts): identifiers, labels and model names, with messages that quote at most
// 40 characters and never a raw control character.
import { describe, expect, it } from 'vitest';
import { identifierProblem, labelProblem, modelNameProblem } from '../../src/model/names.ts';

describe('name grammars', () => {
  it('identifiers: a letter, then letters, digits, _', () => {
    for (const ok of ['Ta', 'lambda1', 'x_2', 'Gm11']) expect(identifierProblem(ok)).toBeUndefined();
    for (const bad of ['1a', '_a', 'a b', 'a-b', 'a\u2028', 'a"', 'λ', '', 'a'.repeat(65)])
      expect(identifierProblem(bad), bad).toBeDefined();
  });
  it('labels may start with a digit (the papers number channels and baths)', () => {
    for (const ok of ['1', 'e1', 'g', 'ee', 'L']) expect(labelProblem(ok)).toBeUndefined();
    for (const bad of ['_1', 'e,g', 'a/b', '', 'e\n']) expect(labelProblem(bad), bad).toBeDefined();
  });
  it('model names: no separator, no "..", no leading dot', () => {
    for (const ok of ['huangfu-jing-case-a', 'a.b', 'x_1']) expect(modelNameProblem(ok)).toBeUndefined();
    for (const bad of ['../x', '/etc/passwd', 'a..b', '.hidden', 'a\\b', 'a b', 'c:x', 'a'.repeat(101)])
      expect(modelNameProblem(bad), bad).toBeDefined();
  });
  it('quotes a long or nasty name shortly and printably', () => {
    const why = identifierProblem(`${'x'.repeat(30)}\u2028${'y'.repeat(500)}`)!;
    expect(why.length).toBeLessThan(120);
    expect(why).toContain('\\u2028');
    expect(why).not.toMatch(/\u2028/);
  });
});
