// A small seeded generator for the fuzz tests (test/model/fuzz.test.ts): a mulberry32 PRNG, JSON mutations of
// model and published files (keys dropped, misspelt or duplicated; values replaced by other types, hostile strings,
// huge or deep expressions; text truncated or broken) and command-line argument vectors. Deterministic per seed,
// so a failure names a case that can be replayed.

const NASTY = [
  '', ' ', 'x\ny', 'x\u2028globalThis.pwned=1//', '*/ globalThis.pwned = 1 /*', '"""; import os', '${globalThis.pwned=1}', '`', '\\input{/etc/passwd}',
  '}\\end{document}', '../../x', '/etc/passwd', '<script>globalThis.pwned=1</script>', 'NaN', '1e400', '-1', '0', 'sz(1)^100000000',
  '('.repeat(500), Array(3000).fill('x').join('+'), '\u202e', 'λ', 'a'.repeat(20_000), 'Ta - 5', 'sqrt(-1)', '1/0', 'ketbra(e, e)', 'tau12', 'rho',
];

export class Fuzz {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** A random JSON value of any type, sometimes a hostile string. */
  value(depth = 0): unknown {
    switch (this.int(depth > 2 ? 5 : 7)) {
      case 0:
        return this.pick(NASTY);
      case 1:
        return this.pick([0, 1, -1, 0.5, 1e300, -1e-300, 123456789]);
      case 2:
        return this.next() < 0.5;
      case 3:
        return null;
      case 4:
        return this.pick(['e', 'g', 'a', 'b', 'Ta', 'lambda1', 'x']);
      case 5:
        return Array.from({ length: this.int(3) }, () => this.value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(3) }, () => [this.pick(['name', 'latex', 'value', 'operator', 'x', 'eigne']), this.value(depth + 1)]));
    }
  }

  /** Every (parent, key) path of an object, for mutation. */
  private paths(x: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): [Record<string, unknown> | unknown[], string | number][] {
    if (Array.isArray(x)) x.forEach((v, i) => (out.push([x, i]), this.paths(v, out)));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push([x as Record<string, unknown>, k]), this.paths(v, out);
    return out;
  }

  /** A mutated copy of `json` as text, and what was done. */
  mutateJson(json: unknown): { text: string; mutation: string } {
    const copy = structuredClone(json);
    const paths = this.paths(copy);
    const kinds = ['replace', 'replace', 'replace', 'delete', 'rename', 'nasty', 'nasty', 'duplicate', 'truncate', 'deep', 'none'];
    const kind = this.pick(kinds);
    const [parent, key] = this.pick(paths);
    const at = String(key);
    if (kind === 'replace') (parent as any)[key] = this.value();
    else if (kind === 'nasty') (parent as any)[key] = typeof (parent as any)[key] === 'string' || this.next() < 0.5 ? this.pick(NASTY) : (parent as any)[key];
    else if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (kind === 'rename' && !Array.isArray(parent)) {
      const v = parent[key as string];
      delete parent[key as string];
      const name = key as string;
      parent[this.pick([`${name}x`, name.slice(1), name.toUpperCase(), `${name.slice(0, -1)}`, this.pick(NASTY)])] = v;
    }
    let text = JSON.stringify(copy, null, 1);
    if (kind === 'duplicate') text = text.replace(/\n "(\w+)": /, (m, k) => `\n "${k}": null,${m}`);
    if (kind === 'truncate') text = text.slice(0, this.int(text.length));
    if (kind === 'deep') text = `${'['.repeat(5000)}${text}${']'.repeat(5000)}`;
    return { text, mutation: `${kind} ${at}` };
  }

  /** An argument vector: known options, misspellings, values, = forms, positionals. */
  argv(known: string[]): string[] {
    return Array.from({ length: this.int(6) }, () => {
      const o = this.pick(known);
      switch (this.int(6)) {
        case 0:
          return o;
        case 1:
          return `${o}=${this.pick(['1', 'x', '', 'Ta=1:2:3'])}`;
        case 2:
          return `${o.slice(0, -1)}`;
        case 3:
          return this.pick(['model.json', '-x', '--', '---json', '--JSON', 'Ta=1']);
        case 4:
          return this.pick(NASTY).slice(0, 40);
        default:
          return `--${this.pick(['jsno', 'verbose', 'thread', 'grid', 'set'])}`;
      }
    });
  }
}
