// Reading and writing files (src/io/files.ts): each I/O failure a FileError naming the path and the cause, atomic
// writes that leave the old file or the new one, sets that rename only when every temporary is written, stale
// temporaries of dead processes removed, kernel filesystems refused; and through main(), exit 2 for I/O failures.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileError,
  fileError,
  pendingTemporaries,
  readText,
  removeStaleTemporaries,
  writeAtomic,
  writeAtomicSet,
} from '../../src/io/files.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-io-'));
const root = process.getuid?.() === 0;
if (root) console.log('SKIPPED the read-only-directory (EACCES) cases: running as root, which permissions do not stop');

function failure(f: () => unknown): FileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    return e as FileError;
  }
  throw new Error('did not fail');
}

describe('readText', () => {
  it('names the path and the cause', () => {
    expect(failure(() => readText(join(dir, 'none.json'), 'model file')).message).toBe(
      `model file ${join(dir, 'none.json')}: cannot read: no such file or directory (ENOENT)`,
    );
    expect(failure(() => readText(dir, 'model file')).message).toBe(`model file ${dir}: cannot read: is a directory (EISDIR)`);
    expect(failure(() => readText('/dev/null', '--from')).message).toBe('--from /dev/null: cannot read: not a regular file');
    expect(failure(() => readText(join(dir, 'x'.repeat(300)), 'model file')).code).toBe('ENAMETOOLONG');
  });
  it('maps every ordinary errno code to words', () => {
    for (const [code, words] of [
      ['ENOSPC', 'no space left on the device'],
      ['EACCES', 'permission denied'],
      ['EROFS', 'read-only file system'],
      ['ENAMETOOLONG', 'the file name is too long'],
    ]) {
      expect(fileError(Object.assign(new Error('x'), { code }), '--out', '/p').message).toBe(`--out /p: ${words} (${code})`);
    }
  });
});

describe('writeAtomic', () => {
  it('replaces the file, leaves no temporary, keeps the old file when the write is refused', () => {
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'old');
    writeAtomic(p, 'new', '--out');
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((n) => n.includes('bornmarkov-tmp'))).toEqual([]);
    expect(pendingTemporaries()).toEqual([]);
  });
  it('refuses a directory in the way, a missing directory, a kernel filesystem, a name too long', () => {
    mkdirSync(join(dir, 'taken'));
    expect(failure(() => writeAtomic(join(dir, 'taken'), 'x', '--out')).message).toBe(
      `--out ${join(dir, 'taken')}: is a directory (EISDIR)`,
    );
    expect(failure(() => writeAtomic(join(dir, 'no', 'a.csv'), 'x', '--out')).message).toBe(
      `--out ${join(dir, 'no')}: no such file or directory (ENOENT)`,
    );
    expect(failure(() => writeAtomic('/proc/self/bornmarkov.csv', 'x', '--out')).message).toMatch(
      /^--out \/proc\/self: is on the proc filesystem \(kernel interfaces, not files\)/,
    );
    expect(failure(() => writeAtomic('/dev/null', 'x', '--out')).message).toBe('--out /dev/null: exists and is not a regular file');
    expect(failure(() => writeAtomic(join(dir, `${'y'.repeat(300)}.csv`), 'x', '--out')).code).toBe('ENAMETOOLONG');
  });
  it.skipIf(root)('a read-only directory: EACCES, the old file intact', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    writeFileSync(join(ro, 'a.csv'), 'old');
    chmodSync(ro, 0o555);
    try {
      expect(failure(() => writeAtomic(join(ro, 'a.csv'), 'new', '--out')).message).toBe(
        `--out ${join(ro, 'a.csv')}: permission denied (EACCES)`,
      );
      expect(readFileSync(join(ro, 'a.csv'), 'utf8')).toBe('old');
    } finally {
      chmodSync(ro, 0o755);
    }
  });
  it('a set: nothing renamed when one member cannot be written', () => {
    const d = join(dir, 'set');
    mkdirSync(d);
    writeFileSync(join(d, 'one.tex'), 'old one');
    mkdirSync(join(d, 'two.json'));
    expect(() =>
      writeAtomicSet(
        [
          [join(d, 'one.tex'), 'new'],
          [join(d, 'two.json'), 'new'],
        ],
        '--out',
      ),
    ).toThrow(/two\.json: is a directory/);
    expect(readFileSync(join(d, 'one.tex'), 'utf8')).toBe('old one');
    expect(readdirSync(d).sort()).toEqual(['one.tex', 'two.json']);
  });
  it("stale temporaries of dead processes are removed at the next write; a live process's stay", () => {
    const d = join(dir, 'stale');
    mkdirSync(d);
    const dead = '.map.csv.999999999.abc123.bornmarkov-tmp';
    const live = `.map.csv.${process.ppid}.def456.bornmarkov-tmp`;
    writeFileSync(join(d, dead), 'half');
    writeFileSync(join(d, live), 'in progress');
    writeAtomic(join(d, 'map.csv'), 'done', '--out');
    expect(readdirSync(d).sort()).toEqual([live, 'map.csv'].sort());
    expect(removeStaleTemporaries(d)).toEqual([]);
  });
});

describe('I/O failures through main()', () => {
  let err: string[] = [];
  beforeEach(() => {
    err = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());
  const CASE_A = 'derivations/huangfu-jing/case-a.json';
  const ADAPTER = ['--module', 'test/support/generatedAdapter.ts'];
  for (const [what, args, message] of [
    [
      'a model path that is a directory',
      ['show', dir],
      new RegExp(`${dir.split('/').pop()}: \\(file\\): cannot read: is a directory \\(EISDIR\\)`),
    ],
    [
      'a missing model file (solve)',
      ['solve', join(dir, 'none.json')],
      /model file .*none\.json: cannot read: no such file or directory \(ENOENT\)/,
    ],
    [
      'sweep --out into /proc',
      ['sweep', CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'l1', '--out', '/proc/self/x.csv'],
      /--out \/proc\/self: is on the proc filesystem/,
    ],
    [
      'evolve --out into a missing directory',
      ['evolve', CASE_A, ...ADAPTER, '--t', '0:1:2', '--out', join(dir, 'nodir', 'x.csv')],
      /--out .*nodir: no such file or directory \(ENOENT\)/,
    ],
    [
      'derive --out into /proc',
      ['derive', CASE_A, '--out', '/proc/self/bm'],
      /--out \/proc\/self: is on the proc filesystem \(kernel interfaces, not files\): choose another place; nothing was written/,
    ],
  ] as const) {
    it(`${what}: exit 2, path and cause named, no internal error`, async () => {
      expect(await main([...args])).toBe(2);
      const text = err.join('\n');
      expect(text).toMatch(message);
      expect(text).not.toMatch(/internal error/);
    });
  }
  it('the previous --out file is intact when the sweep fails', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'previous');
    expect(await main(['sweep', CASE_A, ...ADAPTER, '--grid', 'Ta=1:2:2', '--observable', 'nosuch', '--out', out])).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(existsSync(out)).toBe(true);
  });
});
