// Bad model and published files must be rejected with a ModelError that names the file and the field
// (never a crash with a stack trace, an internal error, or silent acceptance). Each bad input is a
// deep copy of derivations/huangfu-jing/case-a(.published).json with one thing broken.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runMain } from '../support/cli.ts';
import { loadModel, loadModelFile } from '../../src/model/load.ts';
import { loadPublishedFile } from '../../src/check/published.ts';
import { ModelError } from '../../src/model/model.ts';
import { BINARY } from '../support/binary.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASE_A = join(ROOT, 'derivations/huangfu-jing/case-a.json');
const CASE_A_PUBLISHED = join(ROOT, 'derivations/huangfu-jing/case-a.published.json');

const tmp = mkdtempSync(join(tmpdir(), 'bornmarkov-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh deep copy of case-a.json, mutated by `edit`. */
function caseA(edit: (j: any) => void): any {
  const j = JSON.parse(readFileSync(CASE_A, 'utf8'));
  edit(j);
  return j;
}

/** Run f and return what it threw, failing with a readable message if it threw nothing or not a ModelError. */
function modelErrorOf(f: () => unknown): ModelError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  if (err === undefined) expect.fail('the bad input was silently accepted (no error thrown)');
  if (!(err instanceof ModelError)) {
    expect.fail(`expected a ModelError naming the file and field, got ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
  }
  return err as ModelError;
}

/** The error has the given file and field, a message "file: field: detail", and detail matching `detail`. */
function expectModelError(f: () => unknown, file: string, field: string, detail: RegExp): ModelError {
  const e = modelErrorOf(f);
  expect(e.file).toBe(file);
  expect(e.field).toBe(field);
  expect(e.message.startsWith(`${file}: ${field}: `)).toBe(true);
  expect(e.message).toMatch(detail);
  return e;
}

const badModel = (edit: (j: any) => void, field: string, detail: RegExp) =>
  expectModelError(() => loadModel(caseA(edit), 'bad.json'), 'bad.json', field, detail);

describe('the unmodified inputs load', () => {
  it('case-a.json and its published table load without error', () => {
    const model = loadModel(
      caseA(() => {}),
      'ok.json',
    );
    expect(model.states.map((s) => s.name)).toEqual(['lambda1', 'lambda2', 'lambda3', 'lambda4']);
    expect(() => loadPublishedFile(CASE_A_PUBLISHED, loadModelFile(CASE_A))).not.toThrow();
  });
});

describe('declared eigenstructure', () => {
  it('rejects a declared eigenvector with a flipped sign (lambda2, component ge)', () => {
    const e = badModel((j) => (j.eigen.states[1].vector.ge = '-sin(theta/2)'), 'eigen.states', /state lambda2 is not an eigenvector of H/);
    expect(e.message).toMatch(/component (eg|ge) of \(H - E\)v/);
  });

  it('rejects a wrong energy (lambda1 = Omega + xi)', () => {
    badModel((j) => (j.eigen.states[0].energy = 'Omega + xi'), 'eigen.states', /state lambda1 is not an eigenvector of H with energy/);
  });

  it('rejects swapped energies of lambda2 and lambda3', () => {
    badModel(
      (j) => {
        const e = j.eigen.states[1].energy;
        j.eigen.states[1].energy = j.eigen.states[2].energy;
        j.eigen.states[2].energy = e;
      },
      'eigen.states',
      /state lambda2 is not an eigenvector of H/,
    );
  });

  it('rejects a wrong mixing-angle definition (cot theta = 2 xi / Delta)', () => {
    badModel((j) => (j.eigen.angles.theta.cot = '2*xi/Delta'), 'eigen.states', /state lambda2 is not an eigenvector of H/);
  });

  it('rejects a non-normalised eigenvector (lambda1 = 2|ee>)', () => {
    badModel((j) => (j.eigen.states[0].vector.ee = '2'), 'eigen.states', /state lambda1 is not normalised: <v\|v> = 4/);
  });

  it('rejects non-orthogonal eigenvectors (lambda3 a copy of lambda2)', () => {
    badModel(
      (j) => (j.eigen.states[2] = { ...j.eigen.states[1], name: 'lambda3' }),
      'eigen.states',
      /states lambda2 and lambda3 are not orthogonal/,
    );
  });

  it('rejects the wrong number of states', () => {
    badModel((j) => j.eigen.states.pop(), 'eigen.states', /expected an array of 4 states/);
  });

  it('rejects duplicate state names', () => {
    badModel((j) => (j.eigen.states[3].name = 'lambda1'), 'eigen.states', /state names must be distinct/);
  });

  it('rejects a component on an unknown basis label', () => {
    badModel((j) => (j.eigen.states[0].vector.xx = '1'), 'eigen.states[0].vector.xx', /"xx" is not a basis label \(ee, eg, ge, gg\)/);
  });

  it('rejects a component given as a number instead of an expression string', () => {
    badModel((j) => (j.eigen.states[0].vector.ee = 1), 'eigen.states[0].vector.ee', /expected a non-empty string/);
  });
});

describe('Hamiltonian', () => {
  it('rejects a non-Hermitian H (h.c. part of the xi coupling dropped)', () => {
    badModel(
      (j) => (j.system.hamiltonian = 'omega1/2*sz(1) + omega2/2*sz(2) + xi*sp(1)*sm(2)'),
      'system.hamiltonian',
      /H is not Hermitian: entry \((eg, ge|ge, eg)\)/,
    );
  });

  it('rejects an anti-Hermitian coupling i*xi*(sp1 sm2 + sm1 sp2)', () => {
    badModel(
      (j) => (j.system.hamiltonian = 'omega1/2*sz(1) + omega2/2*sz(2) + i*xi*(sp(1)*sm(2) + sm(1)*sp(2))'),
      'system.hamiltonian',
      /H is not Hermitian/,
    );
  });

  it('rejects an unknown symbol in H', () => {
    badModel((j) => (j.system.hamiltonian += ' + zeta*sz(1)'), 'system.hamiltonian', /unknown symbol "zeta"/);
  });

  it('rejects an unknown site in H', () => {
    badModel((j) => (j.system.hamiltonian = 'Omega*sz(3)'), 'system.hamiltonian', /no site named "3"/);
  });

  it('rejects a missing Hamiltonian', () => {
    badModel((j) => delete j.system.hamiltonian, 'system.hamiltonian', /expected a non-empty string/);
  });

  it('rejects a Hamiltonian that is a number, not an operator', () => {
    badModel((j) => (j.system.hamiltonian = '30'), 'system.hamiltonian', /expected an operator, got a number/);
  });

  it('rejects dag() without an argument in H', () => {
    badModel((j) => (j.system.hamiltonian = 'Omega*sz(1) + dag()'), 'system.hamiltonian', /dag/);
  });

  it('rejects an unparsable / unsupported Hamiltonian expression', () => {
    badModel((j) => (j.system.hamiltonian = 'Omega*sz(1)!'), 'system.hamiltonian', /operator "!" is not supported/);
  });
});

describe('unknown symbols in scalar fields', () => {
  it('in a bath temperature', () => {
    badModel((j) => (j.baths.a.temperature = 'Tq'), 'baths.a.temperature', /unknown symbol "Tq"/);
  });

  it('in a spectrum', () => {
    badModel((j) => (j.baths.a.spectrum.a = '2*gama'), 'baths.a.spectrum.a', /unknown symbol "gama"/);
  });

  it('in a definition', () => {
    badModel((j) => (j.definitions.omega1 = 'Omega + Dlt/2'), 'definitions.omega1', /unknown symbol "Dlt"/);
  });

  it('in an angle', () => {
    badModel((j) => (j.eigen.angles.theta.cot = 'Dlt/(2*xi)'), 'eigen.angles.theta.cot', /unknown symbol "Dlt"/);
  });

  it('in a declared frequency', () => {
    badModel((j) => (j.eigen.frequencies.eps1.value = 'lambda1 - lambda9'), 'eigen.frequencies.eps1.value', /unknown symbol "lambda9"/);
  });
});

describe('channels', () => {
  it('rejects a raising coupling operator sp(1)', () => {
    badModel((j) => (j.channels.a.operator = 'sp(1)'), 'channels.a.operator', /not a lowering operator/);
  });

  it('rejects a diagonal coupling operator sz(1) (zero Bohr frequency)', () => {
    badModel((j) => (j.channels.a.operator = 'sz(1)'), 'channels.a.operator', /not a lowering operator/);
  });

  it('rejects a zero coupling operator', () => {
    badModel((j) => (j.channels.a.operator = '0*sm(1)'), 'channels.a.operator', /the coupling operator is zero/);
  });
});

describe('parameters and temperatures', () => {
  it('rejects a negative temperature parameter', () => {
    badModel((j) => (j.parameters.Ta.default = -1), 'parameters.Ta.default', /a temperature must be >= 0, got -1/);
  });

  it('rejects a bath temperature expression that is negative at the defaults', () => {
    badModel((j) => (j.baths.a.temperature = 'Ta - 100'), 'baths.a.temperature', /temperature must be >= 0, is -90/);
  });

  it('rejects a negative rate parameter', () => {
    badModel((j) => (j.parameters.gamma.default = -1), 'parameters.gamma.default', /a rate must be >= 0/);
  });

  it('rejects a parameter default given as a string', () => {
    badModel((j) => (j.parameters.Omega.default = '30'), 'parameters.Omega.default', /expected a finite number/);
  });

  it('rejects an unknown parameter kind', () => {
    badModel(
      (j) => (j.parameters.Omega.kind = 'frequency'),
      'parameters.Omega.kind',
      /expected one of energy, rate, temperature, weight, number/,
    );
  });

  it('rejects a reserved parameter name', () => {
    badModel((j) => (j.parameters.rho = { default: 1 }), 'parameters.rho', /not a usable parameter name/);
  });
});

describe('missing sections and wrong types', () => {
  it('no channels', () => {
    badModel((j) => delete j.channels, 'channels', /expected at least one channel .* or one entry of "couplings"/);
  });

  it('empty channels', () => {
    badModel((j) => (j.channels = {}), 'channels', /expected at least one channel/);
  });

  it('channels given as an array', () => {
    badModel((j) => (j.channels = [j.channels.a]), 'channels', /expected an object/);
  });

  it('no baths', () => {
    badModel((j) => delete j.baths, 'baths', /expected an object/);
  });

  it('empty baths', () => {
    badModel((j) => (j.baths = {}), 'baths', /expected at least one bath/);
  });

  it('no parameters', () => {
    badModel((j) => delete j.parameters, 'parameters', /expected an object/);
  });

  it('a bath temperature given as a number', () => {
    badModel((j) => (j.baths.a.temperature = 10), 'baths.a.temperature', /expected a non-empty string/);
  });

  it('a root that is not an object', () => {
    expectModelError(() => loadModel([1, 2], 'bad.json'), 'bad.json', '(root)', /expected an object/);
  });
});

describe('spectra and bath functions', () => {
  it('rejects a spectrum naming an unknown channel', () => {
    badModel((j) => (j.baths.a.spectrum = { z: '2*gamma' }), 'baths.a.spectrum.z', /channel names \(a, b\)/);
  });

  it('rejects a complex auto-spectrum', () => {
    badModel((j) => (j.baths.a.spectrum.a = '2*i*gamma'), 'baths.a.spectrum.a', /must be real/);
  });

  it('rejects a bath function on an unknown channel', () => {
    badModel((j) => (j.bathFunctions.A1.emission = ['a', 'z']), 'bathFunctions.A1.emission', /expected two channel names \(a, b\)/);
  });
});

// Physically impossible values that once slipped through silently.
describe('physically impossible values', () => {
  it('rejects an imaginary bath temperature i*Ta', () => {
    badModel((j) => (j.baths.a.temperature = 'i*Ta'), 'baths.a.temperature', /real|temperature/);
  });

  it('rejects a negative auto-spectrum -2*gamma', () => {
    badModel((j) => (j.baths.a.spectrum.a = '-2*gamma'), 'baths.a.spectrum.a', /negative|>= 0|non-negative|positive/);
  });
});

describe('malformed published files', () => {
  const model = loadModelFile(CASE_A);
  let count = 0;
  /** Write a published file (a string is written verbatim, an edit applies to a copy of case-a.published.json). */
  const writePublished = (edit: string | ((j: any) => void)): { path: string; name: string } => {
    const name = `bad${++count}.published.json`;
    const path = join(tmp, name);
    if (typeof edit === 'string') writeFileSync(path, edit);
    else {
      const j = JSON.parse(readFileSync(CASE_A_PUBLISHED, 'utf8'));
      edit(j);
      writeFileSync(path, JSON.stringify(j, null, 2));
    }
    return { path, name };
  };
  const badPublished = (edit: string | ((j: any) => void), field: string, detail: RegExp) => {
    const { path, name } = writePublished(edit);
    return expectModelError(() => loadPublishedFile(path, model), name, field, detail);
  };

  it('not JSON', () => {
    badPublished('{ "coefficients": ', '(file)', /cannot read as JSON/);
  });

  it('a root that is not an object', () => {
    badPublished('[]', '(root)', /expected an object/);
  });

  it('a term whose coefficient is not defined', () => {
    badPublished(
      (j) => (j.terms[0].coefficient = 'Gamma9'),
      'terms[0].coefficient',
      /expected the name of an entry of "coefficients", got "Gamma9"/,
    );
  });

  it('an operator expression without rho', () => {
    badPublished((j) => (j.terms[4].operator = '2*tau42*tau13'), 'terms[4].operator', /expected an expression containing rho/);
  });

  it('an operator expression with rho twice', () => {
    badPublished((j) => (j.terms[4].operator = 'rho*rho'), 'terms[4].operator', /rho appears twice/);
  });

  it('an operator with a summand lacking rho', () => {
    badPublished((j) => (j.terms[0].operator = 'rho + 1'), 'terms[0].operator', /every summand must contain rho/);
  });

  it('a tau index beyond the model', () => {
    badPublished((j) => (j.terms[4].operator = '2*tau55*rho'), 'terms[4].operator', /tau55: the model has eigenstates 1\.\.4/);
  });

  it('an unknown function in a coefficient', () => {
    badPublished((j) => (j.coefficients.Gamma1 = 'foo(eps1)'), 'coefficients.Gamma1', /unknown function "foo"/);
  });

  it('an unknown symbol in a coefficient', () => {
    badPublished((j) => (j.coefficients.Gamma1 = 'gama'), 'coefficients.Gamma1', /unknown symbol "gama"/);
  });

  it('a bath function at a frequency the model does not have (A1(Omega))', () => {
    badPublished(
      (j) => (j.coefficients.Gamma1 = 'A1(Omega)'),
      'coefficients.Gamma1',
      /A1\(Omega\): "Omega" is not a Bohr frequency of case-a\.json \(eps1, eps2\)/,
    );
  });

  it('a bath function without an argument', () => {
    badPublished((j) => (j.coefficients.Gamma1 = 'A1()'), 'coefficients.Gamma1', /A1 takes one frequency argument/);
  });

  it('a non-boolean hc flag', () => {
    badPublished((j) => (j.terms[0].hc = 'yes'), 'terms[0].hc', /expected true or false/);
  });

  it('no terms', () => {
    badPublished((j) => delete j.terms, 'terms', /expected a non-empty array/);
  });

  it('tau(a, b) with non-numeric indices', () => {
    badPublished((j) => (j.terms[4].operator = '2*tau(1, 9)*rho'), 'terms[4].operator', /tau\(a, b\) takes eigenstate numbers 1..4/);
    badPublished((j) => (j.terms[4].operator = '2*tau(a, b)*rho'), 'terms[4].operator', /unknown symbol "a"/);
  });

  it('L() without an argument', () => {
    badPublished((j) => (j.terms[0].operator = 'L()'), 'terms[0].operator', /L/);
  });

  it('dag() without an argument', () => {
    badPublished((j) => (j.terms[4].operator = 'dag()*rho'), 'terms[4].operator', /dag/);
  });
});

describe('CLI on bad input', () => {
  const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;
  // the first case runs the binary in a subprocess; the others go through main() in-process
  const binary = (...args: string[]) => spawnSync(process.execPath, [BINARY, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const run = runMain;

  it('show: exit code 2, names the file and the field, no stack trace', () => {
    const path = join(tmp, 'bad-model.json');
    writeFileSync(
      path,
      JSON.stringify(
        caseA((j) => (j.system.hamiltonian += ' + zeta*sz(1)')),
        null,
        2,
      ),
    );
    const r = binary('show', path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-model\.json: system\.hamiltonian: unknown symbol "zeta"/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).not.toMatch(STACK);
  });

  it('show: a model that is not JSON gives exit code 2 and no stack trace', async () => {
    const path = join(tmp, 'not-json.json');
    writeFileSync(path, '{ "name": ');
    const r = await run('show', path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not-json\.json: \(file\): not valid JSON/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('check: a malformed published file gives exit code 2 and names the file and the field', async () => {
    const path = join(tmp, 'bad-cli.published.json');
    const j = JSON.parse(readFileSync(CASE_A_PUBLISHED, 'utf8'));
    j.coefficients.Gamma1 = 'A1(Omega)';
    writeFileSync(path, JSON.stringify(j));
    const r = await run('check', CASE_A, path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-cli\.published\.json: coefficients\.Gamma1: /);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('check: tau(a, b) in a published operator gives exit code 2 and no stack trace', async () => {
    const path = join(tmp, 'crash-cli.published.json');
    const j = JSON.parse(readFileSync(CASE_A_PUBLISHED, 'utf8'));
    j.terms[4].operator = '2*tau(a, b)*rho';
    writeFileSync(path, JSON.stringify(j));
    const r = await run('check', CASE_A, path);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/crash-cli\.published\.json: terms\[4\]\.operator: /);
  });
});
