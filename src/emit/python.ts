// Python/NumPy printer: a visitor over a DerivedTable that writes one self-contained module (numpy; qutip only
// inside to_qobj). The straight-line code is the language-neutral program (src/emit/code/); this file is
// Python's syntax table and the module layout. Contract of pythonModule(table, context):
//   - PARAMETERS (defaults by name, model order), PARAMETER_INFO, BASIS, BARE_BASIS, BATHS, DIMENSION, BLOCKS;
//   - energies(p), coefficients(p) (floats, complex where the value can be complex), eigenvectors(p),
//     operators(p), liouvillian(p, bath=None): the n²×n² complex ndarray L with d vec(ρ)/dt = L @ vec(ρ),
//     vec row-major (index a·n + b holds ρ[a, b], numpy's rho.reshape(-1)), the same numbers as the
//     TypeScript module's liouvillian; steady_state(p): ρ (n×n) from the null space of L, an error when it is
//     not one-dimensional; to_qobj(p, bath=None): L as a QuTiP superoperator (QuTiP stacks columns, so the
//     indices are permuted), dims [[[n], [n]], [[n], [n]]];
//   - p is a dict of parameter values; missing names take their defaults, unknown names raise KeyError;
//   - each half-angle pair, radical, Bohr frequency and Planck number is computed once per call (as in TS).
import type { DerivedTable } from '../derive/table.ts';
import { DEFAULT_BOHR_TOLERANCE } from '../model/model.ts';
import { type MathFn, type Node, type RuntimeFn, isZero } from './code/ir.ts';
import { CodePrinter, type Syntax } from './code/printer.ts';
import type { Program } from './code/program.ts';
import {
  UNITARY_SWITCH,
  coefficientsPlan,
  eigenvectorsPlan,
  energiesPlan,
  exportedOperators,
  liouvillianPlan,
  matrixRoots,
  operatorsPlan,
  vecBlocks,
} from './code/module.ts';
import type { EmitContext } from './typescript.ts';
import { commentText, docText, pyString } from './escape.ts';

const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in ' +
    'is lambda nonlocal not or pass raise return try while with yield match case ' +
    'p L V np math bath re im out complex float abs int len dict list print range _expm1 _exp _complete _principal_value _x _eigh _eigenvalue _eigenvector'
  ).split(' '),
);

const MATH: Record<MathFn, string> = {
  sqrt: 'math.sqrt',
  abs: 'abs',
  exp: '_exp',
  expm1: '_expm1',
  log: 'math.log',
  pow: 'math.pow',
  cos: 'math.cos',
  sin: 'math.sin',
  cosh: 'math.cosh',
  sinh: 'math.sinh',
  tanh: 'math.tanh',
  atan: 'math.atan',
  atan2: 'math.atan2',
  max: 'max',
};

/**
 * The Lamb-shift runtime of a Python module: the principal value by QUADPACK (scipy.integrate.quad: the Cauchy-weight
 * rule around the pole, plain adaptive quadrature outside), a method independent of the TypeScript runtime's, so
 * the two targets cross-check each other (test/emit/python.test.ts). scipy is imported only when it is called.
 */
const PRINCIPAL_VALUE_PY = [
  'def _principal_value(j, T, omega, s0, sign):',
  "    # (1/2 pi) PV int S(w') / (omega - w') dw' for one real part j of a spectrum (sign -1: the imaginary part,",
  '    # conjugated on the negative axis); S(x) = 2 j(x)(N(x)+1) for x > 0, 2 sign j(-x) N(-x) for x < 0, s0 at 0',
  '    import warnings',
  '    from scipy.integrate import quad, IntegrationWarning',
  '',
  '    def S(x):',
  '        if x > 0:',
  '            return 2 * j(x) if T == 0 else 2 * j(x) / -math.expm1(-x / T)',
  '        if x < 0:',
  '            return 0.0 if T == 0 or -x / T > 700 else 2 * sign * j(-x) / math.expm1(-x / T)',
  '        return s0',
  '',
  '    opts = dict(epsabs=0.0, epsrel=1e-12, limit=2000)',
  '    with warnings.catch_warnings():',
  '        warnings.simplefilter("ignore", IntegrationWarning)',
  '        if omega == 0:',
  '            # S(-u) - S(u) = -2 j(u) (real part), -2 j(u)(2 N(u) + 1) (imaginary part): no cancellation',
  '            g = lambda u: -2 * j(u) * (1.0 if sign > 0 or T == 0 else 1 + 2 / _expm1(u / T)) / u',
  '            return quad(g, 0, math.inf, **opts)[0] / (2 * math.pi)',
  '        a = abs(omega)',
  '        lo, hi = omega - a, omega + a',
  '        near = -quad(S, lo, hi, weight="cauchy", wvar=omega, **opts)[0]',
  '        left = quad(lambda x: S(x) / (omega - x), -math.inf, lo, **opts)[0]',
  '        right = quad(lambda x: S(x) / (omega - x), hi, math.inf, **opts)[0]',
  '    return (near + left + right) / (2 * math.pi)',
  '',
  '',
];

const PYTHON_RUNTIME: Record<RuntimeFn, string> = {
  principalValue: '_principal_value',
  eigh: '_eigh',
  eigenvalue: '_eigenvalue',
  eigenvector: '_eigenvector',
};

/**
 * The numeric eigenbasis runtime of a Python module: numpy's eigh (LAPACK) on each Hermitian block, eigenvalues
 * ascending and each eigenvector's largest component made real and positive (the convention of the TypeScript
 * runtime, so that the two agree wherever the spectrum of a block is not degenerate).
 */
const EIGH_PY = [
  'def _eigh(d, *a):',
  '    h = np.array(a[: d * d], dtype=float).reshape(d, d) + 1j * np.array(a[d * d :], dtype=float).reshape(d, d)',
  '    if not np.all(np.isfinite(h)):',
  '        raise ValueError("eigh: H_S is not finite at these parameters")',
  '    values, vectors = np.linalg.eigh((h + h.conj().T) / 2)',
  '    for r in range(d):',
  '        mags = np.abs(vectors[:, r])',
  '        best = 0',
  '        for k in range(d):',
  '            if mags[k] > mags[best] + 1e-12:',
  '                best = k',
  '        vectors[:, r] *= np.conj(vectors[best, r]) / mags[best]',
  '        vectors[best, r] = vectors[best, r].real',
  '    return values, vectors',
  '',
  '',
  'def _eigenvalue(h, r):',
  '    return float(h[0][r])',
  '',
  '',
  'def _eigenvector(h, a, r, part):',
  '    x = h[1][a, r]',
  '    return float(x.real if part == 0 else x.imag)',
  '',
  '',
];

/** Python's syntax table for the shared code printer. */
export const PYTHON_SYNTAX: Syntax = {
  name: 'python',
  reserved: RESERVED,
  // JavaScript's shortest round-trip decimal is also a valid Python literal of the same double ("1e+21", "5e-7").
  number: (x) => String(x),
  param: (name) => `p[${pyString(name)}]`,
  call: (fn, args) => `${MATH[fn]}(${args.join(', ')})`,
  compare: (op, l, r) => `${l} ${op === 'eq' ? '==' : op === 'ge' ? '>=' : '<'} ${r}`,
  conditional: (t, a, b) => `${a} if ${t} else ${b}`,
  lambda: (x, body) => `(lambda ${x}: ${body})`,
  runtime: (fn, args) => `${PYTHON_RUNTIME[fn]}(${args.join(', ')})`,
};

const printer = new CodePrinter(PYTHON_SYNTAX);

/** A float literal (30 → 30.0), so that defaults compute in floating point as TypeScript does. */
const pyFloat = (x: number): string => (Number.isInteger(x) && Math.abs(x) < 1e16 ? `${x}.0` : String(x));

/** A complex value as Python: a float node, or complex(re, im). */
function complexText(re: Node, im: Node): string {
  if (isZero(im)) return printer.value(re);
  return `complex(${printer.value(re)}, ${printer.value(im)})`;
}

function functionBlock(
  signature: string,
  doc: string,
  program: Program,
  roots: readonly Node[],
  tail: string[],
  head: string[] = [],
): string[] {
  const { statements } = program.keep(roots);
  const locals = statements.map((st) => `${st.name} = ${printer.print(st.node)}`);
  return [signature, `    """${doc}"""`, ...[...head, ...locals, ...tail].map((l) => (l === '' ? '' : `    ${l}`)), ''];
}

export function pythonModule(table: DerivedTable, context: EmitContext = {}): string {
  const { model, approx } = table;
  const n = model.states.length;
  const N = n * n;
  const source = commentText(context.source ?? model.file);
  const baths = model.baths.map((b) => b.name);
  const out: string[] = [
    `# Generated by bornmarkov from ${source} (${commentText(model.name)}, ${approx} approximation). Do not edit:`,
    `# regenerate with \`npx bornmarkov derive ${source} --target python\`.`,
    `# Model: ${commentText(model.title)}`,
    ...(model.source ? [`# Source: ${commentText(model.source)}`] : []),
    `# Energies in units of ${commentText(model.unit)}.`,
    `"""${docText(model.name)} (${approx}): the Born-Markov master equation d vec(rho)/dt = L vec(rho).`,
    '',
    `Eigenbasis ${docText(model.states.map((s) => s.name).join(', '))}. vec(rho) is row-major: index a*n + b holds rho[a, b]`,
    '(numpy: rho.reshape(-1) and v.reshape(n, n)). QuTiP stacks columns instead; to_qobj() permutes for it.',
    'Every function takes p, a dict of parameter values (missing names keep their defaults, see PARAMETERS).',
    '"""',
    'import math',
    '',
    'import numpy as np',
    '',
    `NAME = ${pyString(model.name)}`,
    `APPROX = ${pyString(approx)}`,
    `BASIS = [${model.states.map((s) => pyString(s.name)).join(', ')}]`,
    `BARE_BASIS = [${model.basis.map(pyString).join(', ')}]`,
    `BATHS = [${baths.map(pyString).join(', ')}]`,
    `DIMENSION = ${n}`,
    ...(model.eigenMode === 'numeric'
      ? [
          '# numeric eigenbasis: H_S is diagonalised at each point (states block by block, ascending energy)',
          'EIGEN_MODE = "numeric"',
          `BOHR_TOLERANCE = ${model.bohrTolerance ?? DEFAULT_BOHR_TOLERANCE}`,
        ]
      : []),
    '# default value of every parameter, by name, in model order',
    'PARAMETERS = {',
    ...model.parameters.map((p) => `    ${pyString(p.name)}: ${pyFloat(p.default)},`),
    '}',
    'PARAMETER_INFO = [',
    ...model.parameters.map(
      (p) =>
        `    {"name": ${pyString(p.name)}, "latex": ${pyString(p.latex)}, "default": ${String(p.default)}, "kind": ${pyString(p.kind)}},`,
    ),
    ']',
    '# vec(rho) indices a*n + b grouped into blocks closed under the dynamics; BLOCKS[0] holds the populations',
    `BLOCKS = [${vecBlocks(table)
      .map((b) => `[${b.join(', ')}]`)
      .join(', ')}]`,
    '',
    '',
    'def _complete(p):',
    '    """The parameters with defaults filled in, as floats; an unknown name is an error."""',
    '    q = dict(PARAMETERS)',
    '    if p is None:',
    '        return q',
    '    unknown = [k for k in p if k not in PARAMETERS]',
    '    if unknown:',
    `        raise KeyError(f"unknown parameter(s) {', '.join(map(str, unknown))} for ${commentText(model.name).replace(/["\\{}]/g, '_')} (parameters: {', '.join(PARAMETERS)})")`,
    '    for k, v in p.items():',
    '        q[k] = float(v)',
    '    return q',
    '',
    '',
    'def _expm1(x):',
    '    # math.expm1 raises OverflowError where IEEE arithmetic gives inf (so that N = 1/inf = 0, as in TypeScript)',
    '    return math.expm1(x) if x < 709.0 else math.inf',
    '',
    '',
    'def _exp(x):',
    '    return math.exp(x) if x < 709.0 else math.inf',
    '',
    '',
  ];
  const pHead = ['p = _complete(p)'];

  {
    const { prog, values } = energiesPlan(model, RESERVED);
    out.push(
      ...functionBlock(
        'def energies(p=None):',
        'Eigenvalues lambda_i in BASIS order.',
        prog,
        values,
        [`return np.array([${values.map((v) => `${printer.value(v)}`).join(', ')}], dtype=float)`],
        pHead,
      ),
      '',
    );
  }

  {
    const { prog, fields } = coefficientsPlan(table, RESERVED);
    const roots = fields.flatMap(({ value, real }) => (real ? [value.re] : [value.re, value.im]));
    const lines = fields.map(
      ({ name, value, real }) =>
        `    ${pyString(name)}: ${real ? printer.value(value.re) : `complex(${printer.value(value.re)}, ${printer.value(value.im)})`},`,
    );
    out.push(
      ...functionBlock(
        'def coefficients(p=None):',
        'The named coefficients of the paper form (Gamma, Lambda, Delta) and of the Lindblad-like form (K[B, A], h[A, B]).',
        prog,
        roots,
        ['return {', ...lines, '}'],
        pHead,
      ),
      '',
    );
  }

  {
    const { prog, selectors, writes } = liouvillianPlan(table, RESERVED);
    const head = [
      ...pHead,
      '# without a bath: the full generator; with one: only its dissipator D_alpha (the others and -i[H_S, rho] switched off)',
      `${[UNITARY_SWITCH, ...selectors].join(' = ')} = 1.0`,
      'if bath is not None:',
      `    ${UNITARY_SWITCH} = 0.0`,
      ...model.baths.map((b, i) => `    ${selectors[i]} = 1.0 if bath == ${pyString(b.name)} else 0.0`),
      `    if ${selectors.join(' + ')} == 0:`,
      `        raise ValueError(f"liouvillian: no bath {bath!r} in ${commentText(model.name).replace(/["\\{}]/g, '_')} (baths: ${baths.join(', ').replace(/["\\{}]/g, '_')})")`,
    ];
    // one complex assignment per entry: the real part at index < n⁴, the imaginary part at n⁴ + index
    const entries = new Map<number, { re: Node | null; im: Node | null }>();
    for (const { index, node } of writes) {
      const at = index % (N * N);
      const e = entries.get(at) ?? { re: null, im: null };
      if (index < N * N) e.re = node;
      else e.im = node;
      entries.set(at, e);
    }
    const assignments = [...entries.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, { re, im }]) => {
        const value = im === null ? printer.print(re!) : `complex(${re === null ? '0.0' : printer.value(re)}, ${printer.value(im)})`;
        return `L[${Math.floor(at / N)}, ${at % N}] = ${value}`;
      });
    out.push(
      ...functionBlock(
        'def liouvillian(p=None, bath=None):',
        `L (${N}x${N} complex) with d vec(rho)/dt = L @ vec(rho), vec row-major; with bath, only that bath's dissipator D_alpha.`,
        prog,
        writes.map((w) => w.node),
        [`L = np.zeros((${N}, ${N}), dtype=complex)`, ...assignments, 'return L'],
        head,
      ),
      '',
    );
  }

  {
    const plan = eigenvectorsPlan(model, RESERVED);
    const sets = plan.matrices[0]!.entries.map(
      ({ index, value }) => `V[${Math.floor(index / n)}, ${index % n}] = ${complexText(value.re, value.im)}`,
    );
    out.push(
      ...functionBlock(
        'def eigenvectors(p=None):',
        'Declared eigenvectors on the bare basis (BARE_BASIS): column j is state j.',
        plan.prog,
        matrixRoots(plan),
        [`V = np.zeros((${n}, ${n}), dtype=complex)`, ...sets, 'return V'],
        pHead,
      ),
      '',
    );
  }

  {
    const count = exportedOperators(model).length;
    const arrays = Array.from({ length: count }, (_, i) => `_op${i}`);
    const plan = operatorsPlan(model, RESERVED, arrays);
    const body: string[] = [];
    const fields: string[] = [];
    plan.matrices.forEach((o, i) => {
      const name = arrays[i]!;
      body.push(`${name} = np.zeros((${n}, ${n}), dtype=complex)`);
      for (const { index, value } of o.entries)
        body.push(`${name}[${Math.floor(index / n)}, ${index % n}] = ${complexText(value.re, value.im)}`);
      fields.push(`    ${pyString(o.name)}: ${name},`);
    });
    out.push(
      ...functionBlock(
        'def operators(p=None):',
        'Site operators sz(k) and the named operators of the model, on the eigenbasis.',
        plan.prog,
        matrixRoots(plan),
        [...body, 'return {', ...fields, '}'],
        pHead,
      ),
      '',
    );
  }

  out.push(
    'def steady_state(p=None, tolerance=1e-10):',
    '    """rho (n x n) with L vec(rho) = 0 and Tr rho = 1, from the singular vector of L\'s smallest singular value.',
    '',
    '    Singular values <= tolerance * the largest count as zero; unless exactly one does, the steady state is not',
    '    unique (it depends on the initial state) and ValueError is raised."""',
    '    L = liouvillian(p)',
    '    _, s, vh = np.linalg.svd(L)',
    '    nullity = int(np.sum(s <= tolerance * s[0]))',
    '    if nullity != 1:',
    '        raise ValueError(f"steady_state: the null space of L has dimension {nullity}, so the steady state is not unique")',
    '    rho = vh[-1].conj().reshape(DIMENSION, DIMENSION)',
    '    rho = rho / np.trace(rho)',
    '    return (rho + rho.conj().T) / 2',
    '',
    '',
    'def to_qobj(p=None, bath=None):',
    '    """L as a QuTiP superoperator (column-stacking vec, dims [[[n], [n]], [[n], [n]]]); needs qutip."""',
    '    import qutip',
    '',
    '    n = DIMENSION',
    "    # QuTiP's vec index a + b*n is this module's a*n + b",
    '    perm = np.arange(n * n).reshape(n, n).T.reshape(-1)',
    '    L = liouvillian(p, bath)[np.ix_(perm, perm)]',
    '    return qutip.Qobj(L, dims=[[[n], [n]], [[n], [n]]], type="super")',
    '',
  );
  // the Lamb-shift quadrature and the eigendecomposition only where a table needs them
  const text = out.join('\n');
  const runtimeText = [...(/\b_principal_value\(/.test(text) ? PRINCIPAL_VALUE_PY : []), ...(/\b_eigh\(/.test(text) ? EIGH_PY : [])];
  if (!runtimeText.length) return text;
  const at = out.findIndex((l) => l === 'def _exp(x):');
  out.splice(at, 0, ...runtimeText);
  return out.join('\n');
}
