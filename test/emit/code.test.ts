// The language-neutral code generator (src/emit/code/): the shared printer's parenthesisation, checked by
// evaluating printed TypeScript against the node's value computed directly, and the program's sharing of
// common subexpressions (one local per distinct right-hand side, each Planck number once); gateWrites' split of the
// terms a 0/1 switch multiplies; splitIntoParts' cut of a long function into parts.
import { describe, expect, it } from 'vitest';
import { type Node, call, cond, div, minus, mul, num, param, plus, ref, sum, test } from '../../src/emit/code/ir.ts';
import { CodePrinter } from '../../src/emit/code/printer.ts';
import { Program } from '../../src/emit/code/program.ts';
import { gateWrites } from '../../src/emit/code/gates.ts';
import { splitIntoParts } from '../../src/emit/code/chunks.ts';
import { rng } from '../support/random.ts';
import { TYPESCRIPT_SYNTAX } from '../../src/emit/typescript.ts';
import { loadModelFile } from '../../src/model/load.ts';
import { frequencyByName, planck } from '../../src/bath/correlators.ts';

const ts = new CodePrinter(TYPESCRIPT_SYNTAX);

/** The node's value, computed without any printing (the oracle). */
function value(x: Node, env: Record<string, number>): number {
  switch (x.kind) {
    case 'num':
      return x.value;
    case 'ref':
    case 'param':
      return env[x.name]!;
    case 'sum':
      return x.terms.reduce(
        (acc, t) => acc + (t.negative ? -1 : 1) * (t.factor === null ? t.coef! : (t.coef ?? 1) * value(t.factor, env)),
        0,
      );
    case 'mul':
      return x.factors.reduce((acc, f) => acc * value(f, env), 1);
    case 'div':
      return value(x.num, env) / value(x.den, env);
    case 'call': {
      const a = x.args.map((y) => value(y, env));
      return x.fn === 'pow' ? a[0]! ** a[1]! : x.fn === 'atan2' ? Math.atan2(a[0]!, a[1]!) : Math[x.fn](a[0]!);
    }
    case 'lambda':
    case 'runtime':
      throw new Error(`no oracle for ${x.kind} nodes`);
    case 'cond': {
      const l = value(x.test.left, env);
      const r = value(x.test.right, env);
      const t = x.test.op === 'eq' ? l === r : x.test.op === 'ge' ? l >= r : l < r;
      return t ? value(x.then, env) : value(x.else, env);
    }
  }
}

const a = ref('a');
const b = ref('b');
const c = param('c');

const CASES: [string, Node, string][] = [
  ['quotient of sums', div(plus(a, b), minus(a, c)), '(a + b) / (a - p.c)'],
  ['divisor that is a product or quotient', div(a, mul(num(2), b, div(a, b))), 'a / (2 * b * (a / b))'],
  ['dividend that is a quotient', div(div(a, b), c), 'a / b / p.c'],
  ['negated sum in a product', mul(num(3), minus(b, a)), '3 * (b - a)'],
  [
    'leading negative term and a coefficient',
    sum([
      { negative: true, coef: 0.5, factor: a },
      { negative: false, coef: null, factor: div(b, c) },
    ]),
    '-0.5 * a + b / p.c',
  ],
  [
    'calls',
    plus(call('exp', div(a, b)), call('log', a), call('pow', a, num(-2)), call('expm1', num(-1))),
    'Math.exp(a / b) + Math.log(a) + Math.pow(a, (-2)) + Math.expm1((-1))',
  ],
  ['conditional as a factor, negative literal in a branch', mul(cond(test(a, 'lt', num(0)), num(-1), num(1)), b), '(a < 0 ? -1 : 1) * b'],
  ['chained conditional', cond(test(a, 'eq', num(0)), num(1), cond(test(b, 'ge', num(0)), a, b)), 'a === 0 ? 1 : b >= 0 ? a : b'],
  ['conditional in the then branch', cond(test(a, 'ge', num(0)), cond(test(b, 'ge', num(0)), a, b), c), 'a >= 0 ? (b >= 0 ? a : b) : p.c'],
];

describe('the shared printer with the TypeScript syntax table', () => {
  it.each(CASES)('%s', (_, node, text) => {
    expect(ts.print(node)).toBe(text);
    for (const env of [
      { a: 1.5, b: -0.25, c: 3 },
      { a: -2, b: 7, c: 0.5 },
      { a: 0, b: 2, c: -1 },
    ]) {
      const printed = new Function('a', 'b', 'p', `return ${text};`)(env.a, env.b, { c: env.c }) as number;
      expect(Object.is(printed, value(node, env)) || printed === value(node, env), `${text} at ${JSON.stringify(env)}`).toBe(true);
    }
  });
});

describe('Program', () => {
  it('computes each Planck number once and shares equal right-hand sides', () => {
    const model = loadModelFile('derivations/huangfu-jing/case-a.json');
    const prog = new Program(model, false, TYPESCRIPT_SYNTAX.reserved);
    const eps1 = frequencyByName(model, 'eps1');
    const first = prog.expr(planck('a', eps1));
    const again = prog.expr(planck('a', eps1));
    expect(again).toBe(first);
    const planckLocals = prog.statements.filter((s) => s.name.startsWith('_N_'));
    expect(planckLocals.map((s) => s.name)).toEqual(['_N_a_eps1']);
    expect(ts.print(planckLocals[0]!.node)).toBe('Ta === 0 ? 0 : 1 / Math.expm1(_w_eps1 / Ta)');
    const keys = prog.statements.map((s) => JSON.stringify(s.node));
    expect(new Set(keys).size).toBe(keys.length);
    // an equal node asked for under another name is the existing local
    expect(prog.local('_other', planckLocals[0]!.node)).toEqual(ref('_N_a_eps1'));
  });
});

describe('gateWrites (src/emit/code/gates.ts): terms a 0/1 switch multiplies, added only where it is on', () => {
  // s = [a ≥ b] gates a·x and 2·c·x inside w1 = 3·(y + s·a·x) − 2·s·c·x; w2 = y has no gated term
  const statements = [
    { name: 's', node: cond(test(param('a'), 'ge', param('b')), num(1), num(0)) },
    { name: 'm1', node: mul(ref('s'), param('a'), param('x')) },
    { name: 'k1', node: plus(param('y'), ref('m1')) },
    { name: 'm2', node: mul(param('c'), ref('s'), param('x')) },
    {
      name: 'w1',
      node: sum([
        { negative: false, coef: 3, factor: ref('k1') },
        { negative: true, coef: 2, factor: ref('m2') },
      ]),
    },
  ];
  const writes = [
    { index: 0, node: ref('w1') },
    { index: 1, node: param('y') },
  ];
  const split = gateWrites(statements, writes);

  it('keeps an ungated write as it was and splits the gated one into its ungated part and one gate', () => {
    expect(split.writes[1]).toEqual(writes[1]);
    expect(split.gates.map((g) => g.name)).toEqual(['s']);
    expect(split.gates[0]!.terms.map((t) => [t.index, t.negative, t.coef])).toEqual([
      [0, false, 3],
      [0, true, 2],
    ]);
  });

  it('gives the original values with the switch on and off (evaluated, not printed)', () => {
    for (const [a, b] of [
      [2, 1],
      [1, 2],
    ]) {
      const env: Record<string, number> = { a, b, c: 0.7, x: 1.3, y: -0.4 };
      for (const st of statements) env[st.name] = value(st.node, env);
      const entries = [0, 0];
      for (const w of split.writes) entries[w.index] = value(w.node, env);
      for (const g of split.gates)
        if (env[g.name]) for (const t of g.terms) entries[t.index]! += (t.negative ? -1 : 1) * (t.coef ?? 1) * value(t.factor, env);
      expect(entries[0]).toBeCloseTo(value(ref('w1'), env), 14);
      expect(entries[1]).toBe(env.y);
    }
  });

  it('leaves a program without switches alone', () => {
    const plain = gateWrites(statements.slice(2, 3), [{ index: 0, node: ref('k1') }]);
    expect(plain).toEqual({ writes: [{ index: 0, node: ref('k1') }], gates: [] });
  });
});

describe('splitIntoParts (src/emit/code/chunks.ts): a long function cut into parts that pass values in slots', () => {
  // A random straight-line program: local v_i = (sum of up to three earlier locals or outer names) + i; every few
  // items an effect that records a sum of locals. Run whole, and part by part with only the plan's slots shared.
  function program(seed: number, length: number) {
    const next = rng(seed);
    const outer = ['u', 'w'];
    const items: { defines: string | null; reads: Set<string> }[] = [];
    const names: string[] = [...outer];
    for (let i = 0; i < length; i++) {
      const reads = new Set(Array.from({ length: 1 + Math.floor(3 * next()) }, () => names[Math.floor(next() * names.length)]!));
      const effect = next() < 0.3;
      items.push({ defines: effect ? null : `v${i}`, reads });
      if (!effect) names.push(`v${i}`);
    }
    return { outer, items };
  }
  const run = (items: { defines: string | null; reads: Set<string> }[], env: Map<string, number>, effects: number[]) => {
    items.forEach((it, i) => {
      const x = [...it.reads].reduce((a, r) => a + env.get(r)!, i);
      if (it.defines === null) effects.push(x);
      else env.set(it.defines, x);
    });
  };

  it.each([
    [1, 50, 7],
    [2, 400, 120],
    [3, 31, 1],
    [4, 10, 100],
  ])('seed %i, %i items in parts of %i: the same effects, and every crossing value through its own slot', (seed, length, size) => {
    const { outer, items } = program(seed, length);
    const start = new Map([
      ['u', 0.5],
      ['w', -2],
    ]);
    const whole: number[] = [];
    run(items, new Map(start), whole);

    const plan = splitIntoParts(items, size, new Set(outer));
    expect(plan.parts.length).toBe(Math.ceil(length / size));
    expect(new Set(plan.slots.values()).size).toBe(plan.slots.size);
    const slots = new Float64Array(plan.slots.size);
    for (const name of plan.outerStores) slots[plan.slots.get(name)!] = start.get(name)!;
    const parted: number[] = [];
    for (const part of plan.parts) {
      // a part sees nothing but its loads (and what it defines itself)
      const env = new Map(part.loads.map((name) => [name, slots[plan.slots.get(name)!]!]));
      const body = items.slice(part.start, part.end);
      const offset = part.start;
      body.forEach((it, i) => {
        const x = [...it.reads].reduce((a, r) => a + env.get(r)!, offset + i);
        if (it.defines === null) parted.push(x);
        else env.set(it.defines, x);
      });
      for (const name of part.stores) slots[plan.slots.get(name)!] = env.get(name)!;
    }
    expect(parted).toEqual(whole);
    // nothing crosses that no later part reads
    const readLater = new Set(plan.parts.flatMap((p) => p.loads));
    for (const name of plan.slots.keys()) expect(readLater.has(name)).toBe(true);
  });

  it('refuses a part size below 1', () => {
    expect(() => splitIntoParts([], 0)).toThrow('splitIntoParts: size must be ≥ 1, got 0');
  });
});
