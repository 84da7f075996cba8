// The line layout of LaTeX formulas for the appendix documents: rough printed widths, cutting a long formula
// at its break points (cutFormula), and align* lines of sums and chains that fit a page (alignedSum,
// alignedChain). It works on the strings and signed summands the expression printer (latexExpr.ts) makes.
import type { Piece } from './latexExpr.ts';

/** A rough printed width of a formula, to break long sums over lines. */
export function visibleWidth(tex: string): number {
  return tex
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(left|right|bigl|bigr|quad|,)(?![a-zA-Z])/g, '')
    .replace(/\\[a-zA-Z]+/g, 'x')
    .replace(/[{}^_ ]/g, '').length;
}

export const LINE = 62;

/**
 * An inline (text-paragraph) list of formulas joined by `separator` (a comma and its space); a list longer than a
 * few items may break after each comma, since math in a paragraph breaks only after relations and operators.
 */
export function inlineList(items: string[], separator: string): string {
  return items.join(items.length > 6 ? ',\\allowbreak\\ ' : separator);
}

/**
 * One token of a formula cut for line breaking: an unbreakable atom (braces {…} are never cut), or a break
 * point — a binary + or − between summands, a relation =, or the space between two factors of a product.
 * `depth` counts the \left…\right groups open at the token; `group` marks a \left (open) or \right (close).
 */
interface Tok {
  kind: 'atom' | 'bin' | 'rel' | 'space';
  tex: string;
  depth: number;
  group?: { id: number; open: boolean };
}

/** The delimiter after \left or \right at i (a character, or a control sequence such as \{ or \langle). */
function delimiterAt(s: string, i: number): string {
  if (s[i] !== '\\') return s[i] ?? '';
  const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
  return m ? m[0] : '\\';
}

/** The tokens of a formula (one summand or a whole right-hand side, as the printers write them). */
function formulaTokens(s: string): Tok[] {
  const toks: Tok[] = [];
  const stack: number[] = [];
  let nextId = 0;
  let atom = '';
  const flush = () => {
    if (atom) toks.push({ kind: 'atom', tex: atom, depth: stack.length });
    atom = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (s.startsWith('\\left', i) && !/[a-zA-Z]/.test(s[i + 5] ?? '')) {
      flush();
      const d = delimiterAt(s, i + 5);
      const id = nextId++;
      toks.push({ kind: 'atom', tex: `\\left${d}`, depth: stack.length, group: { id, open: true } });
      stack.push(id);
      i += 5 + d.length;
    } else if (s.startsWith('\\right', i) && !/[a-zA-Z]/.test(s[i + 6] ?? '')) {
      flush();
      const d = delimiterAt(s, i + 6);
      const id = stack.pop() ?? -1;
      toks.push({ kind: 'atom', tex: `\\right${d}`, depth: stack.length, group: { id, open: false } });
      i += 6 + d.length;
    } else if (ch === '{') {
      let level = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '\\') {
          j++;
          continue;
        }
        if (s[j] === '{') level++;
        else if (s[j] === '}' && --level === 0) break;
      }
      atom += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))!;
      atom += m[0];
      i += m[0].length;
    } else if (ch === ' ') {
      flush();
      const op = s[i + 1];
      if ((op === '+' || op === '-' || op === '=') && s[i + 2] === ' ' && toks.length) {
        toks.push({ kind: op === '=' ? 'rel' : 'bin', tex: op, depth: stack.length });
        i += 3;
      } else {
        if (toks.length && toks.at(-1)!.kind === 'atom') toks.push({ kind: 'space', tex: ' ', depth: stack.length });
        i += 1;
      }
    } else {
      atom += ch;
      i += 1;
    }
  }
  flush();
  if (toks.at(-1)?.kind === 'space') toks.pop();
  return toks;
}

/** The end (index after the closing brace) of the brace group that opens at i. */
function groupEnd(s: string, i: number): number {
  let level = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') level++;
    else if (s[j] === '}' && --level === 0) return j + 1;
  }
  return s.length;
}

/**
 * A fraction whose numerator is wider than a line, \frac{N}{D}, written \frac{1}{D} \left(N\right) (the same
 * value), so that N can be cut like any bracketed sum; fractions inside N likewise.
 */
function openWideFractions(tex: string, width: number): string {
  let out = '';
  let i = 0;
  while (i < tex.length) {
    const at = tex.indexOf('\\frac{', i);
    if (at < 0) break;
    const numEnd = groupEnd(tex, at + 5);
    const denEnd = tex[numEnd] === '{' ? groupEnd(tex, numEnd) : -1;
    if (denEnd < 0) {
      out += tex.slice(i, numEnd);
      i = numEnd;
      continue;
    }
    const numerator = tex.slice(at + 6, numEnd - 1);
    const denominator = tex.slice(numEnd + 1, denEnd - 1);
    out += tex.slice(i, at);
    out +=
      visibleWidth(numerator) > width
        ? `\\frac{1}{${denominator}} \\left(${openWideFractions(numerator, width)}\\right)`
        : tex.slice(at, denEnd);
    i = denEnd;
  }
  return out + tex.slice(i);
}

const tokWidth = (t: Tok): number => (t.kind === 'atom' ? visibleWidth(t.tex) : t.kind === 'space' ? 0 : 2);

/** A formula cut into lines: the first to follow whatever its line already holds, each other one to start a line. */
export interface CutLine {
  tex: string;
  /** how the line continues its predecessor: after a + or − (summand), an = (chain) or between factors */
  after: 'bin' | 'rel' | 'space' | 'first';
  depth: number;
  width: number;
}

/**
 * Cut a formula into lines of at most `rest` printed characters (the first of at most `first`), greedily, at
 * the break point of lowest depth on the line (between summands or at =, else between factors; never inside
 * braces). A \left…\right group that a cut splits becomes \bigl…\bigr (\Bigl…\Bigr around fractions), which
 * need not be matched within a line. A fraction with a numerator wider than a line is opened first
 * (openWideFractions); any other atom wider than a line stays whole.
 */
export function cutFormula(tex: string, first: number, rest: number): CutLine[] {
  const toks = formulaTokens(openWideFractions(tex, rest));
  const starts: number[] = [0];
  let lineStart = 0;
  let width = 0;
  let limit = first;
  // the best cut on a line: between summands or at = before between factors, then the lowest depth, then the latest
  const score = (t: Tok) => (t.kind === 'space' ? 1000 : 0) + t.depth;
  for (let j = 0; j < toks.length;) {
    width += tokWidth(toks[j]!);
    if (width > limit && j > lineStart) {
      let best = -1;
      for (let k = lineStart + 1; k <= j; k++) {
        const t = toks[k]!;
        if (t.kind !== 'atom' && (best < 0 || score(t) <= score(toks[best]!))) best = k;
      }
      if (best >= 0) {
        starts.push(best);
        lineStart = best;
        limit = rest;
        width = 0;
        j = best;
        continue;
      }
    }
    j++;
  }
  // groups that a cut splits
  const lineOf = (idx: number) => starts.filter((s) => s <= idx).length - 1;
  const openedOn = new Map<number, number>();
  const split = new Set<number>();
  toks.forEach((t, idx) => {
    if (!t.group) return;
    if (t.group.open) openedOn.set(t.group.id, lineOf(idx));
    else if (openedOn.get(t.group.id) !== lineOf(idx)) split.add(t.group.id);
  });
  const fracs = new Set<number>();
  const open: number[] = [];
  for (const t of toks) {
    if (t.group?.open) open.push(t.group.id);
    else if (t.group) open.pop();
    else if (t.tex.includes('\\frac')) for (const id of open) fracs.add(id);
  }
  const render = (t: Tok): string => {
    if (t.group && split.has(t.group.id)) {
      const size = fracs.has(t.group.id) ? 'B' : 'b';
      return t.group.open ? `\\${size}igl${t.tex.slice(5)}` : `\\${size}igr${t.tex.slice(6)}`;
    }
    return t.kind === 'bin' || t.kind === 'rel' ? ` ${t.tex} ` : t.tex;
  };
  return starts.map((s, li) => {
    const end = starts[li + 1] ?? toks.length;
    const lead = toks[s]!;
    let body = toks.slice(s, end).map(render).join('').trim();
    const after = li === 0 ? 'first' : (lead.kind as CutLine['after']);
    if (after === 'space') body = `\\times ${body}`;
    return { tex: body, after, depth: li === 0 ? 0 : lead.depth, width: toks.slice(s, end).reduce((a, t) => a + tokWidth(t), 0) };
  });
}

/** The align prefix of a continuation line: = aligns with the first line's =, a summand or factor is indented. */
const continuation = (l: CutLine): string => (l.after === 'rel' ? '&' : l.depth > 0 ? '&\\qquad ' : '&\\quad ');

/** lhs = p1 + p2 …, broken into align lines of roughly LINE printed characters; a summand too wide for a line is cut inside. */
export function alignedSum(lhs: string, pieces: Piece[], width = LINE): string {
  if (pieces.length === 0) return `${lhs} &= 0`;
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  pieces.forEach((p, i) => {
    const w = visibleWidth(p.body) + 2;
    const lead = i === 0 ? (p.negative ? '-' : '') : p.negative ? '- ' : '+ ';
    if (i > 0 && curWidth + w > width && cur) {
      lines.push(cur);
      cur = '';
      curWidth = 0;
    }
    if (w <= width) {
      cur += (cur ? ' ' : '') + lead + p.body;
      curWidth += w;
      return;
    }
    // a wide summand starts a line of its own unless half a line is still free
    if (cur && width - curWidth < width / 2) {
      lines.push(cur);
      cur = '';
      curWidth = 0;
    }
    const cut = cutFormula(p.body, width - curWidth - 2, width - 4);
    cur += (cur ? ' ' : '') + lead + cut[0]!.tex;
    for (const l of cut.slice(1)) {
      lines.push(cur);
      cur = `${continuation(l)}${l.tex}`;
    }
    curWidth = cut.length > 1 ? cut.at(-1)!.width + 4 : curWidth + w;
  });
  lines.push(cur);
  return lines.map((l, i) => (i === 0 ? `${lhs} &= ${l}` : l.startsWith('&') ? l : `&\\quad ${l}`)).join(' \\\\\n');
}

/** lhs = x1 = x2 = …, a chain of equal expressions broken before an = where a line would run past LINE. */
export function alignedChain(lhs: string, parts: string[], width = LINE): string {
  const lines: string[] = [];
  let cur: string[] = [];
  let curWidth = 0;
  for (const p of parts) {
    const w = visibleWidth(p) + 2;
    if (cur.length && curWidth + w > width) {
      lines.push(cur.join(' = '));
      cur = [];
      curWidth = 0;
    }
    cur.push(p);
    curWidth += w;
  }
  lines.push(cur.join(' = '));
  return lines.map((l, i) => (i === 0 ? `${lhs} &= ${l}` : `&= ${l}`)).join(' \\\\\n');
}
