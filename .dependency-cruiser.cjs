// The layers of src/ (README "Architecture"), enforced by `npm run lint` (dependency-cruiser), which `npm test` runs
// before the type check and the tests. One direction of flow:
//   algebra → operators → model/bath → derive → emit | check → numeric-facing cli/report
// and the numeric layer beside it, which sees generated modules only through numeric/generatedModel.ts.
// Each rule names the layer, what it may not import, and why.
const layer = (name) => `^src/${name}/`;
const any = (...names) => `^src/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'numeric-is-numbers-only',
      comment: 'numeric/ works on numbers and generated modules: it never imports the symbolic layers, the printers or the commands',
      severity: 'error',
      from: { path: layer('numeric') },
      to: { path: any('algebra', 'operators', 'model', 'bath', 'derive', 'check', 'emit', 'report', 'cli', 'io') },
    },
    {
      name: 'algebra-is-the-base',
      comment: 'algebra/ (exact scalars) depends on nothing else in src/',
      severity: 'error',
      from: { path: layer('algebra') },
      to: { path: '^src/', pathNot: layer('algebra') },
    },
    {
      name: 'operators-over-algebra-only',
      comment: 'operators/ are built on the exact scalars alone',
      severity: 'error',
      from: { path: layer('operators') },
      to: { path: '^src/', pathNot: any('algebra', 'operators') },
    },
    {
      name: 'model-and-bath-before-derive',
      comment: 'model/ and bath/ describe the system and its baths: they never import the derivation, printers, checks, report or commands',
      severity: 'error',
      from: { path: any('model', 'bath') },
      to: { path: any('derive', 'emit', 'check', 'report', 'cli') },
    },
    {
      name: 'derive-before-emit-and-check',
      comment: 'derive/ computes the tables every emitter and check reads: it never imports them',
      severity: 'error',
      from: { path: layer('derive') },
      to: { path: any('emit', 'check', 'report', 'cli', 'numeric') },
    },
    {
      name: 'emitters-never-import-check',
      comment: 'emit/ prints derived tables; checking published equations is a separate consumer of derive (no back arrow)',
      severity: 'error',
      from: { path: layer('emit') },
      to: { path: any('check', 'report', 'cli', 'numeric') },
    },
    {
      name: 'check-before-report',
      comment: 'check/ is used by the report and the commands, never the other way round',
      severity: 'error',
      from: { path: layer('check') },
      to: { path: any('report', 'cli', 'numeric') },
    },
    {
      name: 'io-is-a-leaf',
      comment: 'io/ reads and writes files; it knows nothing of models or numbers',
      severity: 'error',
      from: { path: layer('io') },
      to: { path: '^src/', pathNot: layer('io') },
    },
    {
      name: 'only-the-commands-import-cli',
      comment: 'cli/ is the top: nothing but cli/ itself and the library entry point imports it',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/index\\.ts$'] },
      to: { path: layer('cli') },
    },
    {
      name: 'no-circular',
      comment:
        'a cycle between modules makes their order of evaluation an accident (imports of types alone do not run, so they may close a loop)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|derivations|report)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
