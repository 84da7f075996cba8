#!/usr/bin/env node
// Entry point of the installed `bornmarkov` command (package.json "bin" → dist/cli/bin.js, the compiled form
// of this file). In the repository, bin/bornmarkov.js runs the same main() from the TypeScript sources via tsx.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
