// Every file bornmarkov reads or writes for a user goes through here: I/O failures become FileErrors that name
// the path and the cause in words (exit 2 in the CLI, never an "internal error"), and every output is written
// atomically.
//
// Contract:
//  - FileError(what, path, cause): "<what> <path>: <cause>"; `code` keeps the errno code (ENOENT, EISDIR, EACCES,
//    EPERM, ENOSPC, ENAMETOOLONG, EROFS, ENOTDIR, …) or NOTREG / SPECIAL for the checks below;
//  - readText(path, what): the text of a regular file;
//  - writeAtomic(path, text, what) / writeAtomicSet([[path, text], …], what): each text goes to a temporary file in
//    the target's own directory (".<name>.<pid>.<random>.bornmarkov-tmp"), is flushed, and is renamed over the
//    target, so a reader sees the old file or the new one, never a part. A set writes every temporary first and
//    renames only when all are written (an error before that leaves every target as it was). Targets that exist
//    and are not regular files, and directories on a kernel filesystem (proc, sysfs, devtmpfs, …), are refused
//    before anything is written;
//  - while temporaries exist, SIGINT, SIGTERM and SIGHUP remove them and end the process with 128 + the signal
//    number; the handlers are removed again when none are left;
//  - makeOutputDirectory(dir, what) creates an output directory after checking its nearest existing ancestor;
//  - a temporary left by a process that no longer runs (SIGKILL, power loss) is removed the next time bornmarkov
//    writes into that directory (removeStaleTemporaries).
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const CAUSES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the file name is too long',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error',
  EINVAL: 'invalid argument (not a file this system can write)',
  EFBIG: 'the file is too large',
  EBUSY: 'the resource is busy',
};

export class FileError extends Error {
  constructor(
    readonly what: string,
    readonly path: string,
    readonly reason: string,
    readonly code = 'EIO',
  ) {
    super(`${what ? `${what} ` : ''}${path}: ${reason}`);
  }
}

/** An errno error as a FileError about `path`. */
export function fileError(e: unknown, what: string, path: string): FileError {
  if (e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const cause = code ? `${CAUSES[code] ?? (e as Error).message} (${code})` : String((e as Error)?.message ?? e);
  return new FileError(what, path, cause, code ?? 'EIO');
}

/** Filesystems whose "files" are kernel interfaces: never a place for output. */
const SPECIAL_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1373, 'devfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0xcafe4a11, 'bpf'],
  [0x73636673, 'securityfs'],
]);

export function readText(path: string, what: string): string {
  const cannot = (e: unknown): FileError => {
    const f = fileError(e, what, path);
    return new FileError(what, path, `cannot read: ${f.reason}`, f.code);
  };
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw cannot(e);
  }
  if (st.isDirectory()) throw new FileError(what, path, 'cannot read: is a directory (EISDIR)', 'EISDIR');
  if (!st.isFile()) throw new FileError(what, path, 'cannot read: not a regular file', 'NOTREG');
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw cannot(e);
  }
}

// ── temporaries and signals

const TEMP = /^\..+\.(\d+)\.[a-z0-9]+\.bornmarkov-tmp$/;
const pending = new Set<string>();
const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];
const handlers = new Map<NodeJS.Signals, () => void>();

function removePending(): void {
  for (const t of pending) rmSync(t, { force: true });
  pending.clear();
}

function track(temp: string): void {
  pending.add(temp);
  if (handlers.size) return;
  for (const [signal, number] of SIGNALS) {
    const h = () => {
      removePending();
      process.exit(128 + number);
    };
    handlers.set(signal, h);
    process.on(signal, h);
  }
}

function untrack(temp: string): void {
  pending.delete(temp);
  if (pending.size) return;
  for (const [signal, h] of handlers) process.off(signal, h);
  handlers.clear();
}

/** The temporaries currently open (for tests). */
export function pendingTemporaries(): string[] {
  return [...pending];
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporaries of dead bornmarkov processes in `dir`; returns their names. */
export function removeStaleTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = TEMP.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    rmSync(join(dir, n), { force: true });
    removed.push(n);
  }
  return removed;
}

/** Refuses an output directory that does not exist, is not a directory or is a kernel filesystem. */
export function checkOutputDirectory(dir: string, what: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw fileError(e, what, dir);
  }
  if (!st.isDirectory()) throw new FileError(what, dir, 'is not a directory (ENOTDIR)', 'ENOTDIR');
  let type: number | undefined;
  try {
    type = statfsSync(dir).type;
  } catch {
    type = undefined;
  }
  const special = type === undefined ? undefined : SPECIAL_FILESYSTEMS.get(type);
  if (special)
    throw new FileError(what, dir, `is on the ${special} filesystem (kernel interfaces, not files): choose another place`, 'SPECIAL');
}

/**
 * Creates `dir` (and its parents) for output; returns the first directory created, or undefined when it existed.
 * The nearest existing ancestor is checked first: Node's recursive mkdir loops forever under /proc.
 */
export function makeOutputDirectory(dir: string, what: string): string | undefined {
  let ancestor = resolve(dir);
  for (;;) {
    try {
      statSync(ancestor);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(e, what, ancestor);
      const up = dirname(ancestor);
      if (up === ancestor) break;
      ancestor = up;
    }
  }
  checkOutputDirectory(ancestor, what);
  try {
    return mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fileError(e, what, dir);
  }
}

function checkTarget(path: string, what: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fileError(e, what, path);
  }
  if (!st.isFile())
    throw new FileError(
      what,
      path,
      st.isDirectory() ? 'is a directory (EISDIR)' : 'exists and is not a regular file',
      st.isDirectory() ? 'EISDIR' : 'NOTREG',
    );
}

function writeTemporary(path: string, text: string | Uint8Array, what: string): string {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.bornmarkov-tmp`);
  track(temp);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      const data = typeof text === 'string' ? Buffer.from(text) : text;
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(temp, { force: true });
    untrack(temp);
    throw fileError(e, what, path);
  }
  return temp;
}

/** Writes every (path, text) atomically; all temporaries are written before the first rename. */
export function writeAtomicSet(files: Iterable<readonly [string, string | Uint8Array]>, what: string): void {
  const list = [...files].map(([p, t]) => [resolve(p), t] as const);
  for (const dir of new Set(list.map(([p]) => dirname(p)))) {
    checkOutputDirectory(dir, what);
    removeStaleTemporaries(dir);
  }
  for (const [p] of list) checkTarget(p, what);
  const temps: string[] = [];
  try {
    for (const [p, t] of list) temps.push(writeTemporary(p, t, what));
  } catch (e) {
    for (const t of temps) {
      rmSync(t, { force: true });
      untrack(t);
    }
    throw e;
  }
  let i = 0;
  try {
    for (; i < list.length; i++) {
      renameSync(temps[i]!, list[i]![0]);
      untrack(temps[i]!);
    }
  } catch (e) {
    for (let j = i; j < temps.length; j++) {
      rmSync(temps[j]!, { force: true });
      untrack(temps[j]!);
    }
    const done = list.slice(0, i).map(([p]) => basename(p));
    const err = fileError(e, what, list[i]![0]);
    throw done.length ? new FileError(err.what, err.path, `${err.reason}; already renamed into place: ${done.join(', ')}`, err.code) : err;
  }
}

export function writeAtomic(path: string, text: string | Uint8Array, what: string): void {
  writeAtomicSet([[path, text]], what);
}
