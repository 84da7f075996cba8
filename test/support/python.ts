// Test support: the Python interpreter for the Python and SymPy target tests. findPython(modules) returns a
// python3 that imports every listed module, or the reason there is none; the tests then skip with that reason
// printed. Nothing is installed here: .ci/run installs Debian's python3-numpy, python3-qutip, python3-sympy.
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/python3', 'python3'];

export type PythonStatus = { ok: true; bin: string } | { ok: false; reason: string };

export function findPython(modules: readonly string[]): PythonStatus {
  const reasons: string[] = [];
  for (const bin of CANDIDATES) {
    const r = spawnSync(bin, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8', timeout: 120_000 });
    if (r.error) {
      reasons.push(`${bin}: ${r.error.message}`);
      continue;
    }
    if (r.status === 0) return { ok: true, bin };
    reasons.push(`${bin}: ${(r.stderr.trim().split('\n').pop() ?? '').slice(0, 200)}`);
  }
  return {
    ok: false,
    reason: `no python3 imports ${modules.join(', ')} (${reasons.join('; ')}); on Debian: apt-get install ${modules.map((m) => `python3-${m}`).join(' ')}`,
  };
}

/** Run a Python script with JSON on stdin; its stdout parsed as JSON. */
export function runPython(bin: string, script: string, input: unknown, cwd: string): unknown {
  const r = spawnSync(bin, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    cwd,
    timeout: 600_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout);
}
