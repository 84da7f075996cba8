// `bornmarkov derive` end to end (in process through main(); the first test runs the binary): a successful run writes exactly the expected files,
// the same as the committed ones in derivations/generated (modules are self-contained); bad input (an
// unknown --approx, an --out that cannot be a directory, a model that fails validation, a name that cannot
// name files, an output name taken by a directory) exits 2 with one line naming the culprit, and leaves no
// file behind: no output, no temporary, no created directory.
import { describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDerive, writeAllOrNothing } from '../../src/cli/derive.ts';
import { InputError } from '../../src/errors.ts';
import { type Run, runMain } from '../support/cli.ts';
import { BINARY } from '../support/binary.ts';

/** `bornmarkov derive …` as a child process (test/support/binary.ts): the one test that proves the binary. */
function spawnDerive(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BINARY, 'derive', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status: status ?? -1, stdout, stderr }));
  });
}
/** `bornmarkov derive …` in process (main(), output captured). */
const run = (...args: string[]): Promise<Run> => runMain('derive', ...args);
const CASE_A = 'derivations/huangfu-jing/case-a.json';
const LAMBDA = 'derivations/li-cai-sun/lambda.json';
// every approximation that applies (Case A: all five; the Λ model's correlated bath has no ULE, its levels no sites)
const APPLY: Record<string, string[]> = {
  'huangfu-jing-case-a': ['secular', 'nonsecular', 'partial-secular', 'ule', 'local'],
  'li-cai-sun-lambda': ['secular', 'nonsecular', 'partial-secular'],
};
const NAMES = (model: string, approxes = APPLY[model]!) =>
  approxes.flatMap((a) => ['tex', 'ts', 'json'].map((e) => `${model}.${a}.${e}`)).sort();

/** Every entry under dir, dotfiles included, as relative paths (directories end in /). */
function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => (statSync(join(dir, p)).isDirectory() ? `${p}/` : p))
    .sort();
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'bornmarkov-derive-'));
}

/** Exit 2, one message line on stderr matching `message`, no stack trace, nothing on stdout. */
function expectBadInput(r: Run, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^bornmarkov derive: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('bornmarkov derive writes every target', () => {
  it('the binary, into a new directory: exactly the 9 files of the Λ model (tex, ts, json × 3 approximations), equal to the committed ones', async () => {
    const base = scratch();
    const out = join(base, 'new', 'deeper');
    const r = await spawnDerive(LAMBDA, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(listAll(base)).toEqual(['new/', 'new/deeper/', ...NAMES('li-cai-sun-lambda').map((n) => `new/deeper/${n}`)]);
    expect(r.stdout.trim().split('\n').sort()).toEqual(NAMES('li-cai-sun-lambda').map((n) => `wrote ${join(out, n)}`));
    for (const name of NAMES('li-cai-sun-lambda'))
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join('derivations/generated', name), 'utf8'));
  });

  it('into a new directory: exactly the 15 files (tex, ts, json × 5 approximations), equal to the committed ones', async () => {
    const base = scratch();
    const out = join(base, 'new', 'deeper');
    const r = await run(CASE_A, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(listAll(base)).toEqual(['new/', 'new/deeper/', ...NAMES('huangfu-jing-case-a').map((n) => `new/deeper/${n}`)]);
    expect(r.stdout.trim().split('\n').sort()).toEqual(NAMES('huangfu-jing-case-a').map((n) => `wrote ${join(out, n)}`));
    // modules are self-contained, so what is written anywhere equals the committed files byte for byte
    for (const name of NAMES('huangfu-jing-case-a'))
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join('derivations/generated', name), 'utf8'));
  });

  it('--approx secular writes 3 files; a second run (all, --out=DIR) overwrites them and adds 6, leaving no temporary', async () => {
    const out = scratch();
    writeFileSync(join(out, 'keep.txt'), 'unrelated');
    const r = await run(LAMBDA, '--approx=secular', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(listAll(out)).toEqual([...NAMES('li-cai-sun-lambda', ['secular']), 'keep.txt'].sort());
    writeFileSync(join(out, 'li-cai-sun-lambda.secular.tex'), 'stale');
    const r2 = await run(LAMBDA, `--out=${out}`);
    expect(r2.status, r2.stderr).toBe(0);
    expect(listAll(out)).toEqual([...NAMES('li-cai-sun-lambda'), 'keep.txt'].sort());
    expect(readFileSync(join(out, 'li-cai-sun-lambda.secular.tex'), 'utf8')).toBe(
      readFileSync('derivations/generated/li-cai-sun-lambda.secular.tex', 'utf8'),
    );
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('unrelated');
  });
});

describe('bornmarkov derive on bad input: exit 2, a message naming the culprit, nothing left behind', () => {
  it('unknown --approx names the option and the value; the output directory is not created', async () => {
    const base = scratch();
    const r = await run(CASE_A, '--approx', 'markov', '--out', join(base, 'out'));
    expectBadInput(
      r,
      /--approx must be one of secular \(or global\), redfield \(or nonsecular\), partial-secular \(or psa\), ule \(or unified-lindblad\), local, got "markov"/,
    );
    expect(listAll(base)).toEqual([]);
  });

  it('unknown --target names the option, the value and the known targets; the output directory is not created', async () => {
    const base = scratch();
    const r = await run(CASE_A, '--target', 'python,julia', '--out', join(base, 'out'));
    expectBadInput(r, /--target: unknown target "julia" \(targets: tex, ts, js, json, python, sympy\)/);
    expect(listAll(base)).toEqual([]);
  });

  it('--target python,sympy writes the two importable Python modules of each approximation that applies and nothing else', async () => {
    const out = join(scratch(), 'py');
    const r = await run(CASE_A, '--target', 'python,sympy', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(listAll(out)).toEqual(
      APPLY['huangfu-jing-case-a']!.flatMap((a) => [
        `huangfu_jing_case_a_${a.replace('-', '_')}.py`,
        `huangfu_jing_case_a_${a.replace('-', '_')}_sympy.py`,
      ]).sort(),
    );
    expect(readFileSync(join(out, 'huangfu_jing_case_a_secular.py'), 'utf8')).toMatch(/^def liouvillian\(p=None, bath=None\):$/m);
    expect(readFileSync(join(out, 'huangfu_jing_case_a_secular_sympy.py'), 'utf8')).toMatch(/^PAPER_FORM = \{$/m);
  });

  it('--out below a regular file names the directory', async () => {
    const base = scratch();
    writeFileSync(join(base, 'file'), 'x');
    const below = join(base, 'file', 'sub');
    expectBadInput(
      await run(CASE_A, '--out', below),
      new RegExp(`--out ${below.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot create the output directory \\(ENOTDIR`),
    );
    expect(listAll(base)).toEqual(['file']);
    expect(readFileSync(join(base, 'file'), 'utf8')).toBe('x');
  });

  it('a model failing validation names the file and the field; nothing is written', async () => {
    const base = scratch();
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    json.parameters.Ta.default = -1;
    writeFileSync(join(base, 'bad.json'), JSON.stringify(json));
    const out = join(base, 'out');
    expectBadInput(await run(join(base, 'bad.json'), '--out', out), /bad\.json: parameters\.Ta\.default: .*>= 0/);
    expect(listAll(base)).toEqual(['bad.json']);
  });

  it('a model name that would leave the output directory is refused before anything is written', async () => {
    const base = scratch();
    const json = JSON.parse(readFileSync(LAMBDA, 'utf8'));
    json.name = '../escaped';
    writeFileSync(join(base, 'escape.json'), JSON.stringify(json));
    const out = join(base, 'a', 'out');
    expectBadInput(await run(join(base, 'escape.json'), '--out', out), /escape\.json: name: "\.\.\/escaped" cannot name the output files/);
    expect(listAll(base)).toEqual(['escape.json']);
  });

  it('an output name taken by a directory: refused before any file is written, no temporary left', async () => {
    const out = scratch();
    mkdirSync(join(out, 'huangfu-jing-case-a.nonsecular.json'));
    writeFileSync(join(out, 'keep.txt'), 'unrelated');
    expectBadInput(
      await run(CASE_A, '--out', out),
      /huangfu-jing-case-a\.nonsecular\.json exists and is not a regular file; nothing was written/,
    );
    expect(listAll(out)).toEqual(['huangfu-jing-case-a.nonsecular.json/', 'keep.txt']);
  });

  it('in-process: usage errors, --out naming a file, an undefined symbol, a missing model file', async () => {
    const base = scratch();
    const out = join(base, 'out');
    writeFileSync(join(base, 'file'), 'x');
    const json = JSON.parse(readFileSync(CASE_A, 'utf8'));
    json.system.hamiltonian = `${json.system.hamiltonian} + nosuch`;
    writeFileSync(join(base, 'bad2.json'), JSON.stringify(json));
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    const cases: [string[], RegExp][] = [
      [['--out', out], /exactly one model file, got 0\nusage: bornmarkov derive/],
      [[CASE_A, LAMBDA, '--out', out], /exactly one model file, got 2/],
      [[CASE_A, '--secular', '--out', out], /unknown option --secular/],
      [[CASE_A, '--out'], /--out needs a value/],
      [[CASE_A, '--out='], /--out needs a directory/],
      [[CASE_A, '--approx', 'secular', '--approx', 'secular', '--out', out], /--approx given twice/],
      [[CASE_A, '--out', join(base, 'file')], /--out .*\/file: exists and is not a directory; nothing was written/],
      [[join(base, 'bad2.json'), '--out', out], /bad2\.json: system\.hamiltonian: .*nosuch/],
      [[join(base, 'missing.json'), '--out', out], /missing\.json: .*cannot read/],
    ];
    try {
      for (const [args, message] of cases) {
        errors.length = 0;
        expect(await runDerive(args), args.join(' ')).toBe(2);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(message);
      }
    } finally {
      spy.mockRestore();
    }
    expect(listAll(base)).toEqual(['bad2.json', 'file']);
    expect(readFileSync(join(base, 'file'), 'utf8')).toBe('x');
  });

  it('writeAllOrNothing: a write failing after others succeeded removes the temporaries and the directory it created', () => {
    const base = scratch();
    const out = join(base, 'made', 'here');
    const files = new Map([
      ['one.tex', 'first'],
      ['two.json', 'second'],
      ['missing-dir/three.ts', 'cannot be written: its directory does not exist'],
    ]);
    expect(() => writeAllOrNothing(out, files)).toThrow(InputError);
    expect(() => writeAllOrNothing(out, files)).toThrow(/--out .*made\/here: cannot write \(ENOENT.*; nothing was written/);
    expect(listAll(base)).toEqual([]);
    // into an existing directory: its other contents stay, nothing is added
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'keep.txt'), 'unrelated');
    expect(() => writeAllOrNothing(out, files)).toThrow(/nothing was written/);
    expect(listAll(base)).toEqual(['made/', 'made/here/', 'made/here/keep.txt']);
  });
});
