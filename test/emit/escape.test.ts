// The escaping of model text for generated code (src/emit/escape.ts): every line terminator of JavaScript and
// Python, every control and format character is neutralised in comments and escaped in string literals, and the
// literals read back as the original text in JavaScript, JSON and (when python3 is there) Python.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { commentText, docText, jsString, pyString, templateText } from '../../src/emit/escape.ts';

const NASTY = [
  'a\nb',
  'a\rb',
  'a\u2028b',
  'a\u2029b',
  'a\u0085b',
  'x */ y',
  '"\'`${x}\\',
  '\u202egnp.exe',
  'tag\u{e0041}',
  'del\x7f',
  'nul\0',
  'emoji 😀 ok',
  'lone \ud800 half',
];
const python = spawnSync('python3', ['-c', '1'], { encoding: 'utf8' }).status === 0;

describe('commentText', () => {
  it('is one line with no terminator of either language and no block-comment end', () => {
    for (const s of NASTY) {
      const c = commentText(s);
      expect(c, JSON.stringify(s)).not.toMatch(/[\n\r\u2028\u2029\u0085\u202e\x7f\0]/);
      expect(c).not.toContain('*/');
    }
    expect(commentText('a\u2028b\n\n c')).toBe('a b c');
    expect(commentText('x */ y')).toBe('x *\\/ y');
  });
  it('docText has no quote or backslash', () => {
    expect(docText('"""; import os\\')).toBe('___; import os_');
  });
});

describe('string literals', () => {
  it('jsString: pure ASCII-safe separators, and JSON.parse and eval give the text back', () => {
    for (const s of NASTY) {
      const lit = jsString(s);
      expect(lit).not.toMatch(/[\u2028\u2029\u0085\u202e\x7f\0\n\r]/);
      expect(JSON.parse(lit)).toBe(s);
      expect(new Function(`return ${lit};`)()).toBe(s);
    }
    expect(jsString('a\u2028b')).toBe('"a\\u2028b"');
  });
  it('templateText: the text back inside a template literal, no placeholder evaluated', () => {
    for (const s of NASTY) expect(new Function(`return \`${templateText(s)}\`;`)()).toBe(s);
  });
  it.skipIf(!python)('pyString: Python reads the text back (astral format characters as \\U escapes)', () => {
    const safe = NASTY.filter((s) => !s.includes('\ud800')); // a lone surrogate cannot be encoded to pass to Python
    const script = `import sys, json\nvals = [${safe.map(pyString).join(', ')}]\nsys.stdout.write(json.dumps(vals))`;
    expect(JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' }))).toEqual(safe);
    expect(pyString('tag\u{e0041}')).toBe('"tag\\U000e0041"');
  });
});
