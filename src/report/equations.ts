// Published equations, checked: for every derivations/**/NAME.<kind>.published.json (equations of motion,
// matrices, determinants, closed-form steady states, vanishing conditions, fluxes), the exact check of
// src/check/equations.ts, as the rows the HTML page and report/results.json print.
//
// Contract: checkEquationFiles(root, files) returns one entry per file; a file that cannot be loaded or checked
// has `error` set (the caller records it as a failure of the run). A mismatch is not a failure: it is a finding
// about the paper, shown with the exact difference (the verdicts are pinned in test/check/equations.test.ts).
import { relative } from 'node:path';
import { type EquationsCheck, checkEquations, loadEquationsFile } from '../check/equations.ts';

export interface EquationEntry {
  file: string;
  source?: string;
  notes?: string;
  modelTitle?: string;
  check?: EquationsCheck;
  error?: string;
  ms: number;
}

export function checkEquationFiles(root: string, files: string[], log: (line: string) => void = () => {}): EquationEntry[] {
  return files.map((file, k) => {
    const t0 = performance.now();
    const rel = relative(root, file);
    try {
      const pub = loadEquationsFile(file);
      const check = checkEquations(pub);
      const counts = ['match', 'mismatch', 'undecided'].map((s) => `${check.rows.filter((r) => r.status === s).length} ${s}`).join(', ');
      log(`report: [equations ${k + 1}/${files.length}] ${rel}: ${counts}`);
      return { file: rel, source: pub.source, notes: pub.notes, modelTitle: pub.model.title, check, ms: performance.now() - t0 };
    } catch (e) {
      const error = String((e as Error)?.message ?? e).split(`${root}/`).join('');
      log(`report: [equations ${k + 1}/${files.length}] ${rel}: FAILED: ${error}`);
      return { file: rel, error, ms: performance.now() - t0 };
    }
  });
}
