// Published coefficient tables, checked: for every derivations/**/X.published.json, the exact check of
// src/check/compare.ts under the two approximations of the papers (secular, non-secular Redfield), turned into rows the HTML page prints (published coefficient
// as LaTeX through emit/latexExpr.ts, its status in each approximation, and for a disagreement the derived value and
// the exact difference as text).
//
// Contract: checkPublishedFile(root, file) returns a PublishedTable or throws (the caller records the failure and
// goes on with the next file). Row order is the published file's coefficient order.
import { relative } from 'node:path';
import { loadPublishedFile } from '../check/published.ts';
import { type CheckResult, type CoefficientRow, checkPublished } from '../check/compare.ts';
import { PAPER_APPROXIMATIONS, type Approx } from '../derive/approx.ts';
import { latexExpr } from '../emit/latexExpr.ts';

export interface TableRow {
  name: string;
  /** LaTeX of the coefficient's symbol (the file's "latex" entry, or the name as text) */
  symbolTex: string;
  /** LaTeX of the published expression */
  publishedTex: string;
  status: Record<Approx, CoefficientRow['status'] | 'not in this approximation'>;
  joint: boolean;
  /** for a disagreement: derived value and published − derived, as exact text */
  disagreements: { approx: Approx; derived?: string; difference?: string }[];
}

export interface PublishedTable {
  file: string;
  source: string;
  model: string;
  modelTitle: string;
  results: { approx: Approx; ok: boolean; counts: Record<string, number>; extra: CheckResult['extra'] }[];
  rows: TableRow[];
  ms: number;
}

export function checkPublishedFile(root: string, file: string): PublishedTable {
  const t0 = performance.now();
  const pub = loadPublishedFile(file);
  // a table that states its approximation ("approx") is the equation of that one only
  const checks = (pub.approx ? [pub.approx] : PAPER_APPROXIMATIONS).map((approx) => ({ approx, result: checkPublished(pub, approx) }));
  const rows: TableRow[] = [...pub.coefficients].map(([name, expr]) => {
    const status = Object.fromEntries(PAPER_APPROXIMATIONS.map((a) => [a, 'not in this approximation'])) as TableRow['status'];
    const disagreements: TableRow['disagreements'] = [];
    let joint = false;
    for (const { approx, result } of checks) {
      const r = result.rows.find((x) => x.name === name);
      // A coefficient of a "nonsecular" term is not part of the secular equation: say so instead of "unused".
      const onlyNonsecular = pub.terms.filter((t) => t.coefficient === name).every((t) => t.nonsecular) && pub.terms.some((t) => t.coefficient === name);
      status[approx] = !r || (approx === 'secular' && onlyNonsecular && r.status === 'unused') ? 'not in this approximation' : r.status;
      if (r?.joint) joint = true;
      if (r && (r.status === 'mismatch' || r.status === 'missing' || r.status === 'unresolved')) disagreements.push({ approx, derived: r.derived, difference: r.difference });
    }
    const symbol = pub.latex.get(name);
    return {
      name,
      symbolTex: symbol ?? `\\text{${name.replace(/[\\{}$&#^_%~]/g, '')}}`,
      publishedTex: latexExpr(expr, pub.model),
      status,
      joint,
      disagreements,
    };
  });
  const results = checks.map(({ approx, result }) => {
    const counts: Record<string, number> = {};
    for (const r of result.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return { approx, ok: result.ok, counts, extra: result.extra };
  });
  return { file: relative(root, file), source: pub.source, model: pub.model.name, modelTitle: pub.model.title, results, rows, ms: performance.now() - t0 };
}
