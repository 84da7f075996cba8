// The one home of escaping for generated code: every text that comes from a model file (names, labels, titles,
// descriptions, units, file paths) and lands in a comment or a string literal of a generated TypeScript,
// JavaScript, Python, SymPy or JSON file goes through one of these functions.
//
// Contract:
//  - commentText(s): one line that is safe inside `//`, `#` and `/* … */` comments: every line terminator of
//    either language (\n, \r, U+2028, U+2029, NEL), every other control character and every format character
//    (the bidirectional overrides of "Trojan source" among them) becomes a space, runs of white space collapse,
//    and a star-slash cannot close a block comment;
//  - jsString(s): a double-quoted literal valid in JSON, JavaScript and TypeScript, with line terminators,
//    controls and format characters as \uXXXX escapes (so the file never holds a raw U+2028 either);
//  - pyString(s): the same for Python (\UXXXXXXXX above the BMP, never a lone surrogate);
//  - templateText(s): text inside a JavaScript template literal (no backtick, no ${, escapes as jsString);
//  - docText(s): text inside a Python """docstring""" (one line, no quote or backslash).

/** Code points that must never appear raw in generated code: controls, format characters, line/paragraph separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

export function commentText(s: string): string {
  return s.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/');
}

export function jsString(s: string): string {
  // JSON.stringify escapes ", \ and the C0 controls; the rest of UNSAFE is escaped here (as UTF-16 units).
  return JSON.stringify(s).replace(UNSAFE, (ch) =>
    ch
      .split('')
      .map((u) => hex4(u.charCodeAt(0)))
      .join(''),
  );
}

export function pyString(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (ch) => {
    const c = ch.codePointAt(0)!;
    return c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : hex4(c);
  });
}

export function templateText(s: string): string {
  return jsString(s).slice(1, -1).replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

export function docText(s: string): string {
  return commentText(s).replace(/["\\]/g, '_');
}
