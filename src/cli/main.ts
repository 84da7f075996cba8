// The `bornmarkov` command: dispatch to one module per command, each imported only when it runs, so that
// `solve` or `sweep` do not load the symbolic layers. Exit codes: 0 ok, 1 a check failed, 2 bad input,
// 3 an internal error (I/O failures are FileErrors naming the path and the cause: exit 2) (a bug: reported without a stack trace unless BORNMARKOV_DEBUG is set).
// Every message is one line: an argument it quotes (say --approx "x<newline>y") has its line breaks escaped.
import { oneLine } from '../model/model.ts';
import { InputError } from '../errors.ts';
import { refusal } from './options.ts';
import { fileError } from '../io/files.ts';

const USAGE = `usage:
  bornmarkov check <model.json> <published.json> [--approx A] [--json]
  bornmarkov show <model.json> [--approx A] [--json] [--steady [--full]]
  bornmarkov derive <model.json> [--approx A [--cutoff c]] [--lamb-shift | --no-lamb-shift] [--out DIR] [--target tex,ts,js,json,python,sympy]
  bornmarkov solve <model.json> --set name=value,... [--approx A [--cutoff c]] [--json] [--from state.json]
  bornmarkov evolve <model.json> --set … --t 0:50:501 --from state.json [--out file.csv|.json]
  bornmarkov sweep <model.json> --grid Ta=0.5:30:60 [--grid …] [--set …] --observable "abs(rho[2][1])" [--out …]
  bornmarkov sweep --observable help
                            the observables: forms, descriptions, units
  bornmarkov explore <model.json> [--approx …] [--port N] [--cache DIR]
                            serve an interactive page (sliders, live steady state, a curve) on localhost
  bornmarkov all [--out DIR] [--grid NX,NY,LINE] [--no-pdf]
                            derive every model, check every published table, write the report (npm start)
  bornmarkov bench          time derivation, emission, the generated Liouvillian and steady states (npm run bench)
A, the approximation: redfield (default; also nonsecular), secular (global), partial-secular (--cutoff c: pairs
with |w - w'| < c kept), ule (unified Lindblad), local (site dissipators at the bare site frequencies)`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return (await import('./check.ts')).runCheck(rest);
      case 'show':
        return (await import('./show.ts')).runShow(rest);
      case 'derive':
        return await (await import('./derive.ts')).runDerive(rest);
      case 'solve':
        return await (await import('./solve.ts')).runSolve(rest);
      case 'evolve':
        return await (await import('./evolve.ts')).runEvolve(rest);
      case 'sweep':
        return await (await import('./sweep.ts')).runSweep(rest);
      case 'explore':
        return await (await import('./explore.ts')).runExplore(rest);
      case 'all':
        return await (await import('./all.ts')).runAll(rest);
      case 'bench':
        return await (await import('./bench.ts')).runBench(rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new InputError(`unknown command "${command}"`, { usage: true });
    }
  } catch (e) {
    const refused = refusal(e, { usage: USAGE });
    if (refused !== undefined) {
      console.error(refused);
      return 2;
    }
    // A file-system error that no command wrapped (it carries the syscall and the path): an I/O failure, not a bug.
    const sys = e as NodeJS.ErrnoException;
    if (sys && typeof sys.code === 'string' && typeof sys.syscall === 'string' && typeof sys.path === 'string') {
      console.error(`bornmarkov: ${oneLine(fileError(e, `cannot ${sys.syscall}`, sys.path).message)}`);
      return 2;
    }
    // Anything else is a bug in bornmarkov, not in the input: say so plainly.
    console.error(
      `bornmarkov: internal error: ${oneLine(String((e as Error)?.message))}\n(please report it; set BORNMARKOV_DEBUG=1 for the stack trace)`,
    );
    if (process.env.BORNMARKOV_DEBUG) console.error((e as Error).stack);
    return 3;
  }
}
