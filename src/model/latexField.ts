// The whitelist of `latex` fields (model files and published files): a latex field is a piece of math-mode
// TeX that the appendix, the report and KaTeX print verbatim, so it may hold only math-mode macros that
// neither read nor write files, nor define, nor leave math mode, nor end an environment.
//
// Contract: latexProblem(text) is undefined for an acceptable field, else a short reason naming the offending
// macro or character. Accepted: printable ASCII up to 200 characters; balanced braces; \left … \right in pairs;
// the control words of ALLOWED (Greek letters, accents, math fonts of amsmath, function names, fractions and
// roots, relations, arrows, delimiters, spacing); the control symbols \, \; \: \! \  \{ \} \| \_.
// Refused among others: \input \include \openin \read \write \immediate \catcode \def \let \csname \newcommand
// \begin \end \special, `$`, `%`, `#`, `&`, `^^` (TeX's character-code escape), line breaks `\\`.

/** The Greek letters of math mode: allowed in latex fields, and how the printers write a name that is one. */
export const GREEK_LETTERS: readonly string[] = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'varkappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'varpi',
  'rho',
  'varrho',
  'sigma',
  'varsigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
];
const ACCENTS = [
  'hat',
  'widehat',
  'bar',
  'overline',
  'underline',
  'tilde',
  'widetilde',
  'vec',
  'dot',
  'ddot',
  'check',
  'breve',
  'acute',
  'grave',
  'mathring',
];
const FONTS = ['mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'boldsymbol', 'text', 'operatorname'];
const FUNCTIONS = [
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'sinh',
  'cosh',
  'tanh',
  'coth',
  'exp',
  'log',
  'ln',
  'arg',
  'det',
  'min',
  'max',
  'lim',
  'sup',
  'inf',
  'Re',
  'Im',
  'tr',
];
const STRUCTURES = [
  'frac',
  'tfrac',
  'dfrac',
  'sqrt',
  'binom',
  'left',
  'right',
  'big',
  'Big',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'quad',
  'qquad',
];
const SYMBOLS = [
  'langle',
  'rangle',
  'lvert',
  'rvert',
  'vert',
  'Vert',
  'lVert',
  'rVert',
  'dagger',
  'ddagger',
  'ast',
  'star',
  'prime',
  'infty',
  'partial',
  'nabla',
  'ell',
  'hbar',
  'pm',
  'mp',
  'cdot',
  'cdots',
  'ldots',
  'dots',
  'times',
  'otimes',
  'oplus',
  'circ',
  'bullet',
  'to',
  'leftarrow',
  'rightarrow',
  'leftrightarrow',
  'Leftarrow',
  'Rightarrow',
  'uparrow',
  'downarrow',
  'updownarrow',
  'mid',
  'parallel',
  'perp',
  'sim',
  'simeq',
  'approx',
  'equiv',
  'le',
  'leq',
  'ge',
  'geq',
  'ne',
  'neq',
  'propto',
  'll',
  'gg',
  'sum',
  'prod',
  'int',
  'oint',
  'emptyset',
  'uparrow',
];

/** Every control word a latex field may use. */
export const ALLOWED = new Set([...GREEK_LETTERS, ...ACCENTS, ...FONTS, ...FUNCTIONS, ...STRUCTURES, ...SYMBOLS]);
const CONTROL_SYMBOLS = new Set([',', ';', ':', '!', ' ', '{', '}', '|', '_']);
const MAX_LENGTH = 200;

const WHY: Record<string, string> = {
  input: 'it reads a file',
  include: 'it reads a file',
  openin: 'it opens a file',
  read: 'it reads a file',
  write: 'it writes a file',
  openout: 'it opens a file for writing',
  immediate: 'it writes a file',
  catcode: 'it changes how TeX reads',
  def: 'it defines a macro',
  let: 'it defines a macro',
  csname: 'it builds a macro name',
  newcommand: 'it defines a macro',
  renewcommand: 'it defines a macro',
  begin: 'it opens an environment',
  end: 'it ends an environment (or the document)',
  special: 'it talks to the driver',
};

export function latexProblem(text: string): string | undefined {
  if (text.length > MAX_LENGTH) return `longer than ${MAX_LENGTH} characters`;
  const bad = /[^\x20-\x7e]/.exec(text);
  if (bad) return `only printable ASCII is accepted, found U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (text.includes('^^')) return 'TeX character-code escapes (^^) are not accepted';
  const raw = /[$%#&]/.exec(text);
  if (raw)
    return `"${raw[0]}" is not accepted in math mode (${raw[0] === '$' ? 'it leaves math mode' : raw[0] === '%' ? 'it comments out the rest' : raw[0] === '&' ? 'it breaks the alignment' : 'it is a macro parameter'})`;
  let depth = 0;
  let lefts = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      if (--depth < 0) return `unbalanced braces: "}" at character ${i + 1} closes nothing`;
    } else if (c === '\\') {
      const word = /^[A-Za-z]+/.exec(text.slice(i + 1));
      if (word) {
        const w = word[0];
        if (!ALLOWED.has(w))
          return `\\${w} is not accepted${WHY[w] ? ` (${WHY[w]})` : ''}; a latex field takes math-mode macros only (Greek letters, \\hat, \\mathrm{…}, \\frac, \\langle, …)`;
        if (w === 'left') lefts++;
        if (w === 'right' && --lefts < 0) return '\\right without a matching \\left';
        i += w.length;
      } else {
        const s = text[i + 1];
        if (s === undefined || !CONTROL_SYMBOLS.has(s))
          return `\\${s ?? ''} is not accepted (control symbols: \\, \\; \\: \\! \\{ \\} \\| \\_)`;
        i++;
      }
    }
  }
  if (depth !== 0) return `unbalanced braces: ${depth} "{" never closed`;
  if (lefts !== 0) return '\\left without a matching \\right';
  return undefined;
}
