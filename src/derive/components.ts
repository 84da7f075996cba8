// The jump components of a model's system operators: each channel X_k and each Hermitian coupling A_k split into
// its parts X_k(ω) at the (signed) Bohr frequencies of the eigenbasis. Shared by the derivation and the
// approximations (src/derive/approximations/), which may replace them (the local equation's site components).
import { type Expr, num, sub } from '../algebra/expr.ts';
import { type Operator, ketbra, opAdd as addOp } from '../operators/operator.ts';
import type { Frequency, Model, NamedOperator } from '../model/model.ts';
import { refOf, refValue } from '../bath/atoms.ts';

/** X_k(ω): the part of channel k's operator that lowers the energy by ω. */
export interface JumpComponent {
  channel: string;
  freq: Frequency;
  op: Operator;
}

/** X_k(ω) of every RWA channel at its Bohr frequencies. */
export function jumpComponents(model: Model): JumpComponent[] {
  return model.channels.flatMap((ch) => frequencyComponents(model, ch));
}

/** A_k(ω) of every Hermitian coupling at every signed Bohr frequency (the ref names the frequency). */
export function couplingComponents(model: Model): JumpComponent[] {
  return model.couplings.flatMap((c) => frequencyComponents(model, c));
}

/**
 * An operator split into its parts at each (signed) Bohr frequency on the eigenbasis, in a fixed order: positive
 * frequencies as declared, then zero, then negative ones (a channel, which lowers the energy, has only the first).
 */
export function frequencyComponents(model: Model, operator: NamedOperator): JumpComponent[] {
  const n = model.states.length;
  const byRef = new Map<string, [number, number, Expr][]>();
  for (const [m, k, v] of operator.eigen.nonzero()) {
    const ref = refOf(model, sub(model.states[k].energy, model.states[m].energy));
    if (ref === undefined) throw new Error(`internal: no frequency for ${model.states[k].name} -> ${model.states[m].name}`);
    if (!byRef.has(ref)) byRef.set(ref, []);
    byRef.get(ref)!.push([m, k, v]);
  }
  const out: JumpComponent[] = [];
  for (const ref of [...model.frequencies.map((f) => f.name), '0', ...model.frequencies.map((f) => `-${f.name}`)]) {
    const parts = byRef.get(ref);
    if (!parts) continue;
    let op = ketbra(n, 0, 0, num(0));
    for (const [m, k, v] of parts) op = addOp(op, ketbra(n, m, k, v));
    out.push({ channel: operator.name, freq: signedFrequency(model, ref), op });
  }
  return out;
}

/** A Frequency record for a signed reference (its name is the ref, its value the signed energy). */
export function signedFrequency(model: Model, ref: string): Frequency {
  if (!ref.startsWith('-'))
    return ref === '0' ? { name: '0', latex: '0', value: num(0), declared: true } : model.frequencies.find((f) => f.name === ref)!;
  const f = model.frequencies.find((x) => x.name === ref.slice(1))!;
  return { name: ref, latex: `-${f.latex}`, value: refValue(model, ref), declared: f.declared };
}
