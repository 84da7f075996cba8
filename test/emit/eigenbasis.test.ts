// Generated code of the numeric eigenbasis mode (src/emit/code/eigenbasis.ts): a module that diagonalises H_S at
// each point must give, carried back to the bare basis with its own eigenvectors, the generator of the
// independent brute-force Redfield reference (test/reference/redfield.ts, which groups Bohr frequencies itself):
// for a generic excitonic block and for the four-site chain forced into the numeric mode, whose degenerate Bohr
// frequencies the secular selectors must group at run time (and, the control, the three-site chain at Δ = 0: not
// without a tolerance).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { STRICT_OPTIONS } from '../support/strictCompiler.ts';
import { loadModel } from '../../src/model/load.ts';
import { deriveTable } from '../../src/derive/table.ts';
import { typescriptModule } from '../../src/emit/typescript.ts';
import { compile } from '../../src/index.ts';
import { SteadyStateSolver, analyzeSteadyState } from '../../src/numeric/steady.ts';
import { maxAbs, maxAbsDiff } from '../../src/numeric/complexMatrix.ts';
import { bareGenerator } from '../support/bareGenerator.ts';
import { populationBlockAgainstL } from '../support/generatedModules.ts';
import { bruteForceGenerator } from '../reference/redfield.ts';
import { rng } from '../support/random.ts';

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const trimer = read('derivations/examples/exciton-trimer.json');
const chain = { ...read('derivations/examples/four-site-chain.json'), eigen: 'numeric' };

function randomPoint(json: any, next: () => number): Record<string, number> {
  const p: Record<string, number> = {};
  for (const [name, spec] of Object.entries<any>(json.parameters)) {
    const x = spec.default as number;
    p[name] = spec.kind === 'temperature' ? 0.5 + 30 * next() : x * (0.7 + 0.6 * next());
  }
  return p;
}

describe('numeric eigenbasis modules against the brute-force generator', () => {
  // the trimer in both forms; the chain (16 levels, degenerate) in the secular one, where its degeneracies matter
  for (const [label, json, points, approxes] of [
    ['exciton trimer', trimer, 4, ['nonsecular', 'secular']],
    ['four-site chain (forced numeric)', chain, 2, ['secular']],
  ] as const) {
    for (const approx of approxes) {
      it(`${label}, ${approx}: W L W† = brute force at random points (1e-10 of max|L|)`, async () => {
        const model = loadModel(json, `${json.name}.json`);
        expect(model.eigenMode).toBe('numeric');
        const g = await compile(deriveTable(model, approx));
        const next = rng(json.name.length + approx.length);
        for (let t = 0; t < points; t++) {
          const p = randomPoint(json, next);
          const reference = bruteForceGenerator(json, p, approx).L;
          const ours = bareGenerator(g, p);
          expect(maxAbsDiff(ours, reference) / maxAbs(reference)).toBeLessThan(1e-10);
          // populationBlock, whose secular terms are gated by their selectors: L on blocks[0] to rounding
          const block = populationBlockAgainstL(g, p);
          expect(block.relative).toBeLessThan(1e-14);
          expect(block.unlisted).toEqual([]);
          // the chain's degenerate frequencies turn some of its selectors on at every point, not all of them
          if (json === chain) expect(new Set(g.populationGatesOn)).toEqual(new Set([0, 1]));
          // the per-point solver (populationBlock, then the run-time split) gives the analysis' steady state
          const solver = new SteadyStateSolver(g);
          expect(solver.solve(p)).toBe(true);
          const rho = analyzeSteadyState(g, p).rho;
          expect(Math.max(...rho.re.map((x, k) => Math.hypot(x - solver.rho.re[k]!, rho.im[k]! - solver.rho.im[k]!)))).toBeLessThan(1e-10);
          // a secular block falls apart where Bohr frequencies differ; Redfield couples them all
          if (approx === 'secular' && g.dimension > 3) expect(solver.components).toBeGreaterThan(1);
        }
      }, 120_000);
    }
  }

  it('the secular selector groups frequencies degenerate at the point (the three-site chain at Δ = 0): with grouping it is the reference, without it differs', async () => {
    // at Δ = 0 the chain is uniform and E(ψ3) − E(ψ2) = E(ψ2) − E(ψ1) = √2 J; tolerance 0 cannot merge two frequencies
    // that agree only to rounding, so the secular module then loses the degenerate cross terms the reference keeps
    const detuned = read('derivations/examples/detuned-three-site-chain.json');
    const p = { ...randomPoint(detuned, rng(7)), Delta: 0 };
    const reference = bruteForceGenerator(detuned, p, 'secular').L;
    const difference = async (eigen: unknown) => {
      const g = await compile(deriveTable(loadModel({ ...detuned, eigen }, 'detuned-three-site-chain.json'), 'secular'));
      return maxAbsDiff(bareGenerator(g, p), reference) / maxAbs(reference);
    };
    expect(await difference('numeric')).toBeLessThan(1e-10);
    expect(await difference({ mode: 'numeric', tolerance: 0 })).toBeGreaterThan(1e-6);
  }, 120_000);

  it('the module type-checks under the strict options and carries its eigendecomposition (it imports nothing)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bornmarkov-eigen-'));
    const text = typescriptModule(deriveTable(loadModel(trimer, 'exciton-trimer.json'), 'secular'));
    const path = join(dir, 'exciton-trimer.secular.ts');
    writeFileSync(path, text);
    const diagnostics = ts
      .getPreEmitDiagnostics(ts.createProgram([path], STRICT_OPTIONS))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(text).not.toMatch(/^import /m);
    // the 3×3 block, once in each function that needs it: energies, coefficients, liouvillian, populationBlock,
    // physics (its Bohr frequencies), selectors, eigenvectors (the trimer exports no operators; temperatures need
    // no eigenbasis)
    expect(text.match(/= eigh\(3,/g)?.length).toBe(7);
  });
});
