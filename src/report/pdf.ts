// The appendices as PDF: pdflatex on each .tex the report writes, when pdflatex is on PATH.
//
// Contract:
//  - pdflatexVersion() is the first line of `pdflatex --version`, or null when it cannot run (then the report
//    says so; no PDF is not a failure — the .tex files are the product).
//  - compileTex(tex, pdf) runs pdflatex in a private temporary directory (its .aux/.log never land in the report),
//    with -halt-on-error and no shell escape, and copies the PDF to `pdf`. A document that does not compile is an
//    error (returned, with the "!" lines of the log): the emitter promises compilable appendices.
//  - compileAll runs at most `concurrency` pdflatex processes at once.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export function pdflatexVersion(): string | null {
  const r = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? 'pdflatex') : null;
}

export type CompileResult = { ok: true } | { ok: false; error: string };

export function compileTex(tex: string, pdf: string, timeoutMs = 120_000): Promise<CompileResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-pdf-'));
  const name = basename(tex);
  copyFileSync(tex, join(dir, name));
  return new Promise((resolve) => {
    const child = spawn('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', name], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let finished = false;
    const finish = (status: number | null, error?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const produced = join(dir, name.replace(/\.tex$/, '.pdf'));
      let result: CompileResult;
      if (status === 0 && existsSync(produced)) {
        copyFileSync(produced, pdf);
        result = { ok: true };
      } else {
        const logFile = join(dir, name.replace(/\.tex$/, '.log'));
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : out;
        const bang = log.split('\n').filter((l) => l.startsWith('!'));
        result = { ok: false, error: error ?? `pdflatex exited with status ${status}: ${bang.join('\n') || log.slice(-800)}` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    child.on('error', (e) => finish(null, e.message));
    child.on('close', (status) => finish(status));
  });
}

export async function compileAll(jobs: { tex: string; pdf: string }[], concurrency = 2, onDone: (job: { tex: string; pdf: string }, r: CompileResult) => void = () => {}): Promise<CompileResult[]> {
  const results: CompileResult[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await compileTex(jobs[k]!.tex, jobs[k]!.pdf);
      onDone(jobs[k]!, results[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
  return results;
}
