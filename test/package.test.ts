// The package as a user gets it: `npm pack` (which builds dist/ through prepare where it is older than src/),
// installed from the tarball into a scratch project (dependencies from the npm cache), then
//   - the README's library example (the block after <!-- api-example -->) runs under plain node with the output
//     its comments state, and type-checks as TypeScript under tsc --strict against the shipped .d.ts files;
//   - the installed `bornmarkov` command runs the built JavaScript without tsx (not installed there): --help,
//     and solve and a 2-thread sweep of a model file outside any repository, through the module cache.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtIsCurrent } from './support/binary.ts';

const REPO = resolve('.');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

function sh(cmd: string, args: string[], cwd: string, timeout = 240_000) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function readmeExample(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const m = /<!-- api-example[^\n]*\n```js\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no api-example block');
  return m[1]!;
}

describe('npm pack → install into a scratch project', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bornmarkov-pack-'));
  let packed: { ok: boolean; detail: string } | undefined;
  const pack = () => {
    if (packed) return packed;
    // prepare (the build) runs unless dist/ is already as new as the sources (npm ci has just built it)
    const p = sh('npm', ['pack', '--pack-destination', scratch, ...(builtIsCurrent() ? ['--ignore-scripts'] : [])], REPO);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (p.status !== 0 || !tarball) return (packed = { ok: false, detail: `npm pack: ${p.stderr.slice(-1500)}` });
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    const i = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], scratch);
    return (packed = { ok: i.status === 0, detail: `npm install: ${i.stderr.slice(-1500)}` });
  };

  it('the README example runs under node with the stated output and type-checks under tsc --strict', () => {
    const p = pack();
    expect(p.ok, p.detail).toBe(true);
    expect(existsSync(join(scratch, 'node_modules', 'bornmarkov', 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(scratch, 'node_modules', 'tsx')), 'tsx is a dev dependency only').toBe(false);
    const example = readmeExample();
    writeFileSync(join(scratch, 'example.mjs'), example);
    writeFileSync(join(scratch, 'example.ts'), example);
    const run = sh('node', ['example.mjs'], scratch);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Gamma1 Gamma2 Gamma3 Gamma4 Lambda1 Lambda2 Lambda3 Lambda4 Delta1 Delta2 Delta3 Delta4 Delta5 Delta6');
    expect(lines[1]).toBe('true 0.110236 true');
    expect(lines).toHaveLength(4);
    const check = sh(
      'node',
      [TSC, '--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'example.ts'],
      scratch,
    );
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 600_000);

  it('the installed command runs the built JavaScript: --help, solve and a 2-thread sweep of a model anywhere', () => {
    const p = pack();
    expect(p.ok, p.detail).toBe(true);
    const bin = join(scratch, 'node_modules', '.bin', 'bornmarkov');
    const help = sh(bin, ['--help'], scratch);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage:/);
    const model = join(scratch, 'my-model.json');
    copyFileSync(join(REPO, 'derivations', 'huangfu-jing', 'case-a.json'), model);
    const cache = join(scratch, 'cache');
    const solve = sh(bin, ['solve', model, '--set', 'Ta=10,Tb=60', '--json', '--cache', cache], scratch);
    expect(solve.status, solve.stderr).toBe(0);
    expect(JSON.parse(solve.stdout).coherence.abs[2][1]).toBeCloseTo(0.1102360970659, 12);
    const sweep = sh(
      bin,
      ['sweep', model, '--grid', 'Ta=1:20:40', '--set', 'Tb=Ta+50', '--observable', 'abs(rho[2][1])', '--threads', '2', '--cache', cache],
      scratch,
    );
    expect(sweep.status, sweep.stderr).toBe(0);
    const rows = sweep.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows).toHaveLength(41); // header row + 40 points
    expect(readdirSync(scratch).filter((f) => f.endsWith('.ts') && f !== 'example.ts')).toEqual([]);
  }, 600_000);
});
