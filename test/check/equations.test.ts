// Published equations (src/check/equations.ts): golden verdicts for every transcription in
// derivations/**/NAME.<kind>.published.json, planted mutations caught by the equation's name (a sign flip, a
// swapped index, a swapped frequency argument), and bad input named by file and field (exit 2 from the CLI).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EquationsCheck, checkEquations, loadEquationsFile } from '../../src/check/equations.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { ModelError } from '../../src/model/model.ts';
import { main } from '../../src/cli/main.ts';
import { repoPath } from '../support/generatedAdapter.ts';

/** Every transcription and the verdict of each of its equations (a changed verdict fails here). */
export const GOLDEN: Record<string, Record<string, 'match' | 'mismatch'>> = {
  'huangfu-jing/case-a.steady': {
    'Eq. (9) rho11': 'match',
    'Eq. (9) rho22': 'match',
    'Eq. (9) rho33': 'match',
    'Eq. (9) rho44': 'match',
    'Eq. (9) rho12 = 0': 'match',
    'Eq. (9) rho13 = 0': 'match',
    'Eq. (9) rho14 = 0': 'match',
    'Eq. (9) rho23 = 0': 'match',
    'Eq. (9) rho24 = 0': 'match',
    'Eq. (9) rho34 = 0': 'match',
  },
  'huangfu-jing/case-a.matrix': { 'Eq. (11) M': 'match' },
  'li-cai-sun/lambda.secular': {
    'Eq. (10) n1': 'match',
    'Eq. (10) n2': 'match',
    'Eq. (11) n1/ne': 'match',
    'Eq. (11) n2/ne': 'match',
    'Eq. (11) rho12 = 0': 'match',
  },
  // the sign of i*D12 in the equation of tau12 = rho21 (paper's definition below Eq. 13)
  'li-cai-sun/lambda.motion': { 'Eq. (13) n1': 'match', 'Eq. (13) n2': 'match', 'Eq. (13) tau12': 'mismatch', 'Eq. (14)': 'mismatch' },
  'li-cai-sun/lambda.determinant': { 'Eq. (15)': 'match', 'Eq. (16)': 'match' },
  // n_i/n_e is Gamma^-/Gamma^+ (Eq. 11), not Gamma^+/Gamma^-: Eq. (18) prints the V-type ratio
  'li-cai-sun/lambda.steady': { 'Eq. (18) n1/ne': 'mismatch', 'Eq. (18) n2/ne': 'mismatch', 'Eq. (18) rho12 = 0': 'match' },
  'li-cai-sun/lambda.vanishing': { 'Eq. (19)': 'match', 'Eq. (21)': 'match' },
  'li-cai-sun/v.motion': { 'Eq. (23) n1': 'match', 'Eq. (23) n2': 'match', 'Eq. (23) tau12': 'match' },
  // the first line lacks the e1 <-> e2 transition (absorption out of e1, emission from e2 into it)
  'li-cai-sun/xi.motion': { 'Eq. (24) n1': 'mismatch', 'Eq. (24) n2': 'match' },
  // the flux sign slips (README): +4 xi Im rho32, and -4g Im<E1|rho|E2>
  'huangfu-jing/case-a.flux': { 'Eq. (13) J(1-2)': 'mismatch' },
  'li-cai-sun/two-tls.flux': { 'Sec. 5 J(1-2), third form': 'mismatch', 'Sec. 5 J(1-2), last form': 'mismatch' },
};

const modelOf = (key: string) => repoPath(`derivations/${key.split('.')[0]}.json`);
const fileOf = (key: string) => repoPath(`derivations/${key}.published.json`);
const run = (key: string, path = fileOf(key)): EquationsCheck => checkEquations(loadEquationsFile(path, loadModelFile(modelOf(key))));
const statusOf = (r: EquationsCheck) => Object.fromEntries(r.rows.map((x) => [x.id, x.status]));

describe('golden verdicts of every transcribed published equation', () => {
  for (const [key, expected] of Object.entries(GOLDEN)) {
    it(key, () => {
      const r = run(key);
      expect(statusOf(r)).toEqual(expected);
      expect(r.ok).toBe(Object.values(expected).every((s) => s === 'match'));
    });
  }

  it('seed 001 Eq. (13): the one differing coefficient is tau12 in d(tau12)/dt, by exactly 2i*D12', () => {
    const row = run('li-cai-sun/lambda.motion').rows.find((x) => x.id === 'Eq. (13) tau12')!;
    const bad = row.terms!.filter((t) => t.status === 'mismatch');
    expect(bad.map((t) => [t.term, t.difference])).toEqual([['tau12', '2*i*D12']]);
  });

  it('seed 001 Eq. (24): d(n1)/dt lacks -2*Gp22(eps2)*n1 and +2*Gm22(eps2)*n2', () => {
    const row = run('li-cai-sun/xi.motion').rows.find((x) => x.id === 'Eq. (24) n1')!;
    expect(row.terms!.filter((t) => t.status === 'mismatch').map((t) => [t.term, t.difference])).toEqual([
      ['n1', '2*Gp22(eps2)'],
      ['n2', '-2*Gm22(eps2)'],
    ]);
  });

  it('the flux claims, exactly: -i<[sz(1), H_S]> is +4 xi Im rho32 (seed 000) and -4g Im<E1|rho|E2> (seed 001 Sec. 5)', () => {
    const corrected: [string, string, string, string][] = [
      ['huangfu-jing/case-a.flux', 'Eq. (13) J(1-2)', '-4*xi*im(rho32)', '4*xi*im(rho32)'],
      ['li-cai-sun/two-tls.flux', 'Sec. 5 J(1-2), last form', '4*g*im(E1rhoE2)', '-4*g*im(E1rhoE2)'],
      ['li-cai-sun/two-tls.flux', 'Sec. 5 J(1-2), third form', '-2*i*g*(rho23 - rho32)', '2*i*g*(rho23 - rho32)'],
    ];
    for (const [key, id, from, to] of corrected) {
      const r = run(key, mutated(key, { id }, from, to));
      expect(r.rows.find((x) => x.id === id)!.status).toBe('match');
      // the published coefficient is the negative of the derived one: the difference is twice the published value
      const row = run(key).rows.find((x) => x.id === id)!;
      expect(row.terms!.every((t) => t.status === 'mismatch')).toBe(true);
    }
  });

  it('every transcription file under derivations/ is in GOLDEN', async () => {
    const { modelFiles } = await import('../../src/model/files.ts');
    const files = modelFiles(repoPath('derivations'))
      .filter((f) => /\.[a-z-]+\.published\.json$/.test(f))
      .map((f) => f.split('derivations/')[1].replace('.published.json', ''));
    expect(files.sort()).toEqual(Object.keys(GOLDEN).sort());
  });
});

/** A copy of a transcription with one text replaced inside one equation (or in the file's definitions). */
function mutated(key: string, where: { id?: string; definitions?: string }, from: string, to: string): string {
  const json = JSON.parse(readFileSync(fileOf(key), 'utf8'));
  let hit = false;
  const edit = (s: string) => {
    if (!s.includes(from)) return s;
    hit = true;
    return s.replace(from, to);
  };
  const deep = (v: any): any =>
    typeof v === 'string'
      ? edit(v)
      : Array.isArray(v)
        ? v.map(deep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
          : v;
  if (where.definitions) json.definitions[where.definitions] = edit(json.definitions[where.definitions]);
  else {
    const i = json.equations.findIndex((e: any) => e.id === where.id);
    const { id, ...rest } = json.equations[i];
    json.equations[i] = { id, ...deep(rest) };
  }
  if (!hit) throw new Error(`mutation ${from} -> ${to} does not apply to ${key}`);
  const dir = mkdtempSync(join(tmpdir(), 'bm-mutant-'));
  const path = join(dir, `${key.split('/')[1]}.published.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

type Mutation = {
  key: string;
  kind: 'sign' | 'index' | 'frequency';
  id?: string;
  definitions?: string;
  from: string;
  to: string;
  caught: string;
  term?: string;
};

// Each is planted in an equation that matches as published, and must turn exactly that equation into a mismatch.
// Index swaps rho12 <-> rho21 are planted where the model tells the two apart: with real cross spectra
// (fL, fR real) Gamma_12 = Gamma_21, so swapping tau12 and tau21 in Eq. (13)'s population lines, in the
// unknowns of Eq. (15) or in the element of Eq. (19) is an exact symmetry, not an error.
const MUTATIONS: Mutation[] = [
  {
    key: 'huangfu-jing/case-a.steady',
    kind: 'sign',
    id: 'Eq. (9) rho11',
    from: 'Gamma2*Gamma4/Gamma',
    to: '-Gamma2*Gamma4/Gamma',
    caught: 'Eq. (9) rho11',
  },
  {
    key: 'huangfu-jing/case-a.steady',
    kind: 'frequency',
    definitions: 'Gamma1',
    from: 'A1(eps1)',
    to: 'A1(eps2)',
    caught: 'Eq. (9) rho33',
  },
  {
    key: 'huangfu-jing/case-a.steady',
    kind: 'index',
    id: 'Eq. (9) rho22',
    from: 'Gamma2*Gamma3',
    to: 'Gamma3*Gamma3',
    caught: 'Eq. (9) rho22',
  },
  {
    key: 'huangfu-jing/case-a.matrix',
    kind: 'sign',
    id: 'Eq. (11) M',
    from: '2*Gamma4',
    to: '-2*Gamma4',
    caught: 'Eq. (11) M',
    term: 'M[1][2]',
  },
  { key: 'huangfu-jing/case-a.matrix', kind: 'index', id: 'Eq. (11) M', from: 'rho32', to: 'rho23', caught: 'Eq. (11) M', term: 'M[5][5]' },
  {
    key: 'huangfu-jing/case-a.matrix',
    kind: 'frequency',
    definitions: 'Delta1',
    from: 'A1(eps1)',
    to: 'A1(eps2)',
    caught: 'Eq. (11) M',
    term: 'M[5][1]',
  },
  {
    key: 'li-cai-sun/lambda.secular',
    kind: 'sign',
    id: 'Eq. (10) n1',
    from: '- 2*Gp11(eps1)*n1',
    to: '+ 2*Gp11(eps1)*n1',
    caught: 'Eq. (10) n1',
    term: 'n1',
  },
  {
    key: 'li-cai-sun/lambda.secular',
    kind: 'frequency',
    id: 'Eq. (11) n2/ne',
    from: 'Gm22(eps2)',
    to: 'Gm22(eps1)',
    caught: 'Eq. (11) n2/ne',
  },
  {
    key: 'li-cai-sun/lambda.secular',
    kind: 'index',
    id: 'Eq. (10) n2',
    from: 'Gp22(eps2)*n2',
    to: 'Gp22(eps2)*n1',
    caught: 'Eq. (10) n2',
    term: 'n2',
  },
  {
    key: 'li-cai-sun/lambda.motion',
    kind: 'sign',
    id: 'Eq. (13) n1',
    from: '- 2*Gp11(eps1)*n1',
    to: '+ 2*Gp11(eps1)*n1',
    caught: 'Eq. (13) n1',
    term: 'n1',
  },
  {
    key: 'li-cai-sun/lambda.motion',
    kind: 'frequency',
    id: 'Eq. (13) n2',
    from: 'Gp12(eps1)*tau12',
    to: 'Gp12(eps2)*tau12',
    caught: 'Eq. (13) n2',
    term: 'tau12',
  },
  {
    key: 'li-cai-sun/lambda.motion',
    kind: 'index',
    id: 'Eq. (13) n2',
    from: 'Gp22(eps2)*n2',
    to: 'Gp22(eps2)*tau21',
    caught: 'Eq. (13) n2',
    term: 'n2',
  },
  { key: 'li-cai-sun/lambda.determinant', kind: 'sign', id: 'Eq. (16)', from: '+ 4*D12^2', to: '- 4*D12^2', caught: 'Eq. (16)' },
  {
    key: 'li-cai-sun/lambda.determinant',
    kind: 'frequency',
    id: 'Eq. (16)',
    from: '4*D12^2*Gp11(eps1)',
    to: '4*D12^2*Gp11(eps2)',
    caught: 'Eq. (16)',
  },
  { key: 'li-cai-sun/lambda.determinant', kind: 'index', id: 'Eq. (15)', from: 'n2', to: 'ne', caught: 'Eq. (15)' },
  { key: 'li-cai-sun/lambda.vanishing', kind: 'sign', id: 'Eq. (19)', from: '+ Gp21(eps2)*(', to: '- Gp21(eps2)*(', caught: 'Eq. (19)' },
  {
    key: 'li-cai-sun/lambda.vanishing',
    kind: 'frequency',
    id: 'Eq. (19)',
    from: 'Gm11(eps1)/Gp11(eps1)',
    to: 'Gm11(eps2)/Gp11(eps1)',
    caught: 'Eq. (19)',
  },
  {
    key: 'li-cai-sun/lambda.vanishing',
    kind: 'index',
    id: 'Eq. (21)',
    from: 'Gm22(eps2)/Gp22(eps2)',
    to: 'Gm11(eps2)/Gp22(eps2)',
    caught: 'Eq. (21)',
  },
  {
    key: 'li-cai-sun/v.motion',
    kind: 'sign',
    id: 'Eq. (23) n1',
    from: '- 2*Gm11(eps1)*n1',
    to: '+ 2*Gm11(eps1)*n1',
    caught: 'Eq. (23) n1',
    term: 'n1',
  },
  {
    key: 'li-cai-sun/v.motion',
    kind: 'index',
    id: 'Eq. (23) tau12',
    from: 'i*D12*tau12',
    to: 'i*D12*tau21',
    caught: 'Eq. (23) tau12',
    term: 'tau21',
  },
  {
    key: 'li-cai-sun/v.motion',
    kind: 'frequency',
    id: 'Eq. (23) n2',
    from: 'Gm12(eps1)*tau12',
    to: 'Gm12(eps2)*tau12',
    caught: 'Eq. (23) n2',
    term: 'tau12',
  },
  {
    key: 'li-cai-sun/xi.motion',
    kind: 'sign',
    id: 'Eq. (24) n2',
    from: '- Gm22(eps2)*n2',
    to: '+ Gm22(eps2)*n2',
    caught: 'Eq. (24) n2',
    term: 'n2',
  },
  {
    key: 'li-cai-sun/xi.motion',
    kind: 'frequency',
    id: 'Eq. (24) n2',
    from: 'Gp22(eps2)*n1',
    to: 'Gp22(eps1)*n1',
    caught: 'Eq. (24) n2',
    term: 'n1',
  },
  {
    key: 'li-cai-sun/xi.motion',
    kind: 'index',
    id: 'Eq. (24) n2',
    from: 'Gp22(eps2)*n1',
    to: 'Gp22(eps2)*ng',
    caught: 'Eq. (24) n2',
    term: 'n1',
  },
  { key: 'li-cai-sun/lambda.steady', kind: 'index', id: 'Eq. (18) rho12 = 0', from: 'rho12', to: 'rho11', caught: 'Eq. (18) rho12 = 0' },
];

// The flux files disagree as published (a sign), so their mutations are planted in the corrected expressions.
const FLUX_MUTATIONS: { key: string; id: string; corrected: string; kind: string; mutant: string }[] = [
  { key: 'huangfu-jing/case-a.flux', id: 'Eq. (13) J(1-2)', corrected: '4*xi*im(rho32)', kind: 'sign', mutant: '-4*xi*im(rho32)' },
  { key: 'huangfu-jing/case-a.flux', id: 'Eq. (13) J(1-2)', corrected: '4*xi*im(rho32)', kind: 'index', mutant: '4*xi*im(rho23)' },
  {
    key: 'huangfu-jing/case-a.flux',
    id: 'Eq. (13) J(1-2)',
    corrected: '4*xi*im(rho32)',
    kind: 'frequency (re for im)',
    mutant: '4*xi*re(rho32)',
  },
  {
    key: 'li-cai-sun/two-tls.flux',
    id: 'Sec. 5 J(1-2), last form',
    corrected: '-4*g*im(E1rhoE2)',
    kind: 'sign',
    mutant: '4*g*im(E1rhoE2)',
  },
  {
    key: 'li-cai-sun/two-tls.flux',
    id: 'Sec. 5 J(1-2), last form',
    corrected: '-4*g*im(E1rhoE2)',
    kind: 'index',
    mutant: '-4*g*im(rho32)',
  },
];

describe('planted mutations in the corrected flux expressions are caught', () => {
  for (const m of FLUX_MUTATIONS) {
    it(`${m.key}: ${m.kind}: ${m.mutant}`, () => {
      const json = JSON.parse(readFileSync(fileOf(m.key), 'utf8'));
      const i = json.equations.findIndex((e: any) => e.id === m.id);
      const dir = mkdtempSync(join(tmpdir(), 'bm-flux-'));
      const write = (value: string) => {
        json.equations[i].value = value;
        const p = join(dir, `${value.length}-${Math.random()}.published.json`);
        writeFileSync(p, JSON.stringify(json));
        return p;
      };
      expect(run(m.key, write(m.corrected)).rows[i].status).toBe('match');
      expect(run(m.key, write(m.mutant)).rows[i].status).toBe('mismatch');
    });
  }
});

describe('planted mutations are caught by name', () => {
  for (const m of MUTATIONS) {
    it(`${m.key}: ${m.kind} (${m.from} -> ${m.to}) makes "${m.caught}" a mismatch${m.term ? ` at ${m.term}` : ''}`, () => {
      const r = run(m.key, mutated(m.key, m, m.from, m.to));
      const row = r.rows.find((x) => x.id === m.caught)!;
      expect(row.status).toBe('mismatch');
      expect(r.ok).toBe(false);
      if (m.term) expect(row.terms!.filter((t) => t.status === 'mismatch').map((t) => t.term.split(' ')[0])).toContain(m.term);
      // an equation the mutation did not touch keeps its golden verdict
      for (const other of r.rows)
        if (other.id !== m.caught && m.id && other.id !== m.id && !m.definitions) expect(other.status).toBe(GOLDEN[m.key][other.id]);
    });
  }

  it('each transcription file carries a sign, an index and a frequency mutation (lambda.steady: its only matching row is a zero; flux files: above)', () => {
    for (const key of Object.keys(GOLDEN).filter((k) => !k.endsWith('.flux'))) {
      const kinds = new Set(MUTATIONS.filter((m) => m.key === key).map((m) => m.kind));
      expect([...kinds].sort()).toEqual(key === 'li-cai-sun/lambda.steady' ? ['index'] : ['frequency', 'index', 'sign']);
    }
  });
});

describe('bad input names the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-bad-eq-'));
  copyFileSync(repoPath('derivations/li-cai-sun/lambda.json'), join(dir, 'lambda.json'));
  const write = (name: string, edit: (j: any) => void) => {
    const j = JSON.parse(readFileSync(repoPath('derivations/li-cai-sun/lambda.motion.published.json'), 'utf8'));
    edit(j);
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(j));
    return p;
  };
  const cases: [string, (j: any) => void, RegExp][] = [
    ['an element the model does not have', (j) => (j.elements.n1 = 'rho44'), /bad1\.published\.json: elements\.n1: .*rho44/],
    [
      'an element symbol the model does not have',
      (j) => (j.equations[0].rhs = '2*rho45'),
      /bad2\.published\.json: equations\[0\]\.rhs: .*rho45/,
    ],
    [
      'a left side that is not a derivative',
      (j) => (j.equations[1].lhs = 'n2'),
      /bad3\.published\.json: equations\[1\]\.lhs: expected the derivative of an element/,
    ],
    [
      'a derivative of a non-element',
      (j) => (j.equations[1].lhs = 'd(D12)/dt'),
      /bad4\.published\.json: equations\[1\]\.lhs: "D12" is not an element/,
    ],
    ['a matrix whose size does not match X', (j) => j.equations[3].M.pop(), /bad5\.published\.json: equations\[3\]\.M: expected 4 rows/],
    [
      'a matrix row whose length does not match X',
      (j) => j.equations[3].M[1].pop(),
      /bad6\.published\.json: equations\[3\]\.M\[1\]: expected 5 entries \(the length of X\)/,
    ],
    [
      'a symbol neither the model nor the file declares',
      (j) => (j.equations[0].rhs = 'Gamma9*n1'),
      /bad7\.published\.json: equations\[0\]\.rhs: unknown symbol "Gamma9"/,
    ],
    ['an unknown kind', (j) => (j.equations[0].kind = 'motions'), /bad8\.published\.json: equations\[0\]\.kind: expected one of/],
  ];
  cases.forEach(([what, edit, message], i) => {
    it(what, () => {
      const path = write(`bad${i + 1}.published.json`, edit);
      expect(() => loadEquationsFile(path)).toThrow(ModelError);
      expect(() => loadEquationsFile(path)).toThrow(message);
    });
  });

  it('the CLI exits 2 with the message on stderr, 1 on a mismatch, 0 when all agree', async () => {
    const errors: string[] = [];
    const logs: string[] = [];
    const origError = console.error;
    const origLog = console.log;
    console.error = (s: string) => errors.push(s);
    console.log = (s: string) => logs.push(s);
    try {
      const bad = write('bad-cli.published.json', (j) => (j.equations[0].rhs = 'Gamma9*n1'));
      expect(await main(['check', join(dir, 'lambda.json'), bad])).toBe(2);
      expect(errors.join('\n')).toMatch(/bad-cli\.published\.json: equations\[0\]\.rhs: unknown symbol "Gamma9"/);
      expect(
        await main([
          'check',
          repoPath('derivations/li-cai-sun/lambda.json'),
          repoPath('derivations/li-cai-sun/lambda.motion.published.json'),
        ]),
      ).toBe(1);
      expect(
        await main([
          'check',
          repoPath('derivations/li-cai-sun/v.json'),
          repoPath('derivations/li-cai-sun/v.motion.published.json'),
          '--json',
        ]),
      ).toBe(0);
      const json = JSON.parse(logs[logs.length - 1]);
      expect(json.rows.map((r: { id: string; status: string }) => `${r.id}: ${r.status}`)).toEqual([
        'Eq. (23) n1: match',
        'Eq. (23) n2: match',
        'Eq. (23) tau12: match',
      ]);
    } finally {
      console.error = origError;
      console.log = origLog;
    }
  });
});
