// `bornmarkov all` (npm start): derive every model under derivations/, check every published table, compute the
// figures and judge the papers' claims, and write the report (src/report/write.ts) into report/.
//
//   bornmarkov all [--out DIR] [--grid NX,NY,LINE] [--no-pdf]
//
// The project root is the working directory. Progress is printed line by line as the run goes. Anything that
// fails (a model, a table, a figure, a claim's computation, a formula, an appendix) is reported in the page and
// here, does not stop the others, and makes the exit status 1 at the end; bad arguments exit 2.
import { join, relative, resolve } from 'node:path';
import { FULL_GRID, type GridSpec } from '../report/study.ts';
import { writeReport } from '../report/write.ts';
import { InputError, parseOptions, refusal } from './options.ts';

function parseGrid(text: string): GridSpec {
  const parts = text.split(',').map((x) => Number(x));
  if (parts.length !== 3 || parts.some((x) => !Number.isInteger(x) || x < 2 || x > 2000))
    throw new InputError(`--grid takes NX,NY,LINE (integers from 2 to 2000), got "${text}"`);
  return { nx: parts[0]!, ny: parts[1]!, line: parts[2]! };
}

export async function runAll(args: string[]): Promise<number> {
  const root = process.cwd();
  let outDir = join(root, 'report');
  let grid = FULL_GRID;
  let pdf = true;
  try {
    const o = parseOptions(args, { valued: ['--out', '--grid'], flags: ['--no-pdf'] });
    if (o.positional.length)
      throw new InputError(`unknown argument "${o.positional[0]}" (all takes --out DIR, --grid NX,NY,LINE, --no-pdf)`);
    if (o.get('--out') !== undefined) outDir = resolve(o.get('--out')!);
    if (o.get('--grid') !== undefined) grid = parseGrid(o.get('--grid')!);
    pdf = !o.flags.has('--no-pdf');
  } catch (e) {
    const line = refusal(e, { prefix: 'bornmarkov all' });
    if (line === undefined) throw e;
    console.error(line);
    return 2;
  }

  const t0 = performance.now();
  console.log(
    `bornmarkov all: deriving derivations/, checking published tables, computing figures and claims into ${relative(root, outDir) || '.'}/`,
  );
  const result = await writeReport({ root, outDir, grid, pdf, log: (line) => console.log(line) });
  const c = result.counts;
  console.log('');
  console.log(`models derived:   ${c.modelsOk} of ${result.data.models.length}`);
  console.log(
    `published tables: ${c.tablesOk} of ${result.data.tables.length} agree (${c.coefficientMatch} of ${c.coefficientRows} coefficients match or vanish as published)`,
  );
  console.log(`figures:          ${c.figuresOk} of ${result.data.figures.length}`);
  console.log(`claims:           ${c.reproduced} reproduced, ${c.differs} differ, ${c.claimErrors} not computed`);
  console.log(`pdf appendices:   ${result.data.meta.pdf.detail}`);
  console.log(`report:           ${join(relative(root, outDir) || '.', 'index.html')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (result.failures.length) {
    console.log(`\n${result.failures.length} failure(s):`);
    for (const f of result.failures) console.log(`  - ${f.what}\n      ${f.error.split('\n').join('\n      ')}`);
    return 1;
  }
  console.log('no failures');
  return 0;
}
