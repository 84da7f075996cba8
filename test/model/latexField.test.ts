// The whitelist of latex fields (src/model/latexField.ts): every latex field of the committed models passes;
// file reads, writes, definitions, environment ends, math-mode exits, comments, ^^ escapes and unbalanced
// braces are refused with their reason.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { latexProblem } from '../../src/model/latexField.ts';

function latexFields(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((y) => latexFields(y, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === 'latex' && typeof v === 'string') out.push(v);
      else if (k === 'latex' && v && typeof v === 'object') out.push(...Object.values(v).filter((s): s is string => typeof s === 'string'));
      else latexFields(v, out);
    }
  }
  return out;
}

describe('latexProblem', () => {
  it('accepts every latex field of the committed models and published tables', () => {
    const files = readdirSync('derivations', { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json') && !f.startsWith('generated'));
    const fields = files.flatMap((f) => latexFields(JSON.parse(readFileSync(join('derivations', f), 'utf8'))));
    expect(fields.length).toBeGreaterThan(300);
    for (const f of fields) expect(latexProblem(f), f).toBeUndefined();
    for (const ok of ['\\hat\\varphi^+_1', '|+\\rangle', '\\left(\\frac{a}{b}\\right)', '\\mathrm{eg}_{+}', '\\sqrt{2}\\,x', '\\{a\\}'])
      expect(latexProblem(ok), ok).toBeUndefined();
  });

  it('refuses what reads, writes, defines or breaks, saying why', () => {
    const cases: [string, RegExp][] = [
      ['T_a\\input{/etc/passwd}', /\\input is not accepted \(it reads a file\)/],
      ['\\include{x}', /\\include .*reads a file/],
      ['\\openin5=x', /\\openin/],
      ['\\immediate\\write18{rm}', /\\immediate/],
      ['\\write18{rm}', /\\write .*writes a file/],
      ['\\catcode`\\A=0', /\\catcode/],
      ['\\def\\x{y}', /\\def .*defines a macro/],
      ['\\csname input\\endcsname', /\\csname/],
      ['\\begin{x}', /\\begin/],
      ['\\end{document}', /\\end .*ends an environment/],
      ['}\\end{document}', /unbalanced braces: "}" at character 1/],
      ['{a', /1 "\{" never closed/],
      ['a$b$', /leaves math mode/],
      ['a % b', /comments out/],
      ['a & b', /alignment/],
      ['#1', /macro parameter/],
      ['^^5cinput', /\^\^/],
      ['a\\\\b', /control symbols/],
      ['a\nb', /printable ASCII/],
      ['\\left(a', /\\left without a matching \\right/],
      ['a\\right)', /\\right without a matching \\left/],
      ['x'.repeat(201), /longer than 200/],
      ['\\mathbb{R}', /\\mathbb is not accepted/],
    ];
    for (const [text, why] of cases) expect(latexProblem(text), text).toMatch(why);
  });
});
