// A strict JSON reader for model files, published files and state files: the same values as JSON.parse, but a
// key given twice in one object is an error (JSON.parse keeps the last one silently), nesting deeper than
// MAX_JSON_DEPTH is refused, and every error says line and column. Strings and numbers are decoded by
// JSON.parse itself, token by token, so their meaning is exactly JSON's.

export const MAX_JSON_DEPTH = 100;

export class JsonError extends Error {}

export function parseJson(text: string): unknown {
  let i = 0;
  const where = (at: number): string => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
  };
  const fail = (detail: string, at = i): never => {
    throw new JsonError(`${detail} at ${where(at)}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const stringToken = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
    }
    if (i >= text.length) fail('unterminated string', start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('invalid string (a raw control character or a bad escape)', start);
    }
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} deep`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key (a string in double quotes)');
        const keyAt = i;
        const key = stringToken();
        if (seen.has(key))
          fail(`the key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 37)}...` : key)} is given twice in one object`, keyAt);
        seen.add(key);
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        const v = value(depth + 1);
        // a "__proto__" key is data, as with JSON.parse, never the prototype
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return out;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return stringToken();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) return fail(c === undefined ? 'unexpected end of the text' : `unexpected ${JSON.stringify(c)}`);
    i += lit[0].length;
    return JSON.parse(lit[0]);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark, as editors write it
  const v = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
  return v;
}
