// The registry of the papers the report reproduces. Each paper is one folder, src/report/papers/<slug>/, holding
//   datasets.ts  what is computed (models, parameters, observables, ranges; memoised on the Study),
//   figures.ts   its figure specs (src/report/figures.ts FigureSpec),
//   claims.ts    its claims (src/report/judge.ts Claim: quote, criterion, measure),
//   index.ts     its Paper entry below (names, citation, seed text, figures, claims),
// and its models live in derivations/<slug>/. Adding a paper is adding its folder and one entry in PAPERS (an import
// and its name); its verdicts are pinned in test/report/verdicts.ts.
//
// Contract: PAPERS is ordered; the report (write.ts, html.ts) iterates it and names no paper itself — figures and
// claims appear in this order, then the figures of "Which master equation?" (src/report/figures.ts).
import type { Claim } from '../judge.ts';
import type { FigureSpec } from '../figures.ts';
import { HUANGFU_JING } from './huangfu-jing/index.ts';
import { LI_CAI_SUN } from './li-cai-sun/index.ts';

export interface Paper {
  /** the seed number, which claims and figures carry as `paper` (e.g. '000') */
  id: string;
  /** the folder under src/report/papers/ and under derivations/ */
  slug: string;
  /** the extracted text of the paper in ../shared/seeds/ (the claims' quotes are checked against it) */
  seedText: string;
  /** how the page names it in tables and figure headings */
  short: string;
  /** the full citation */
  cite: string;
  /** what it studies, one clause for the page's introduction */
  about: string;
  figures: FigureSpec[];
  claims: Claim[];
}

export const PAPERS: Paper[] = [HUANGFU_JING, LI_CAI_SUN];

/** Every paper's claims, in the registry's order. */
export const CLAIMS: Claim[] = PAPERS.flatMap((p) => p.claims);

/** The paper of an id, or undefined. */
export function paperById(id: string): Paper | undefined {
  return PAPERS.find((p) => p.id === id);
}

/** The model folders of the papers (derivations/<slug>/): each of their models gets a static explorer page. */
export const SEED_MODEL_DIRS: string[] = PAPERS.map((p) => `derivations/${p.slug}/`);
