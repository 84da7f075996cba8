// JSON printer: a visitor over a DerivedTable giving a plain, machine-readable object. Contract of jsonTable:
// every scalar is printed with exprText (the syntax of model and published files, so it can be pasted back);
// operator indices, equation elements and blocks are 1-based (as the papers write τ_13); names and orders
// are the model's (parameters, bare basis, eigenstates, frequencies). lindbladNames gives the names of the
// Lindblad-like coefficients, shared with the TypeScript emitter's coefficients().
import type { DerivedTable } from '../derive/table.ts';
import type { JumpLabel } from '../derive/redfield.ts';
import type { StructureItem } from '../derive/paperForm.ts';
import { exprText } from './text.ts';
import { jsString } from './escape.ts';
import { exactSteadyState } from '../derive/steadyState.ts';

/** X_k(ω) as "X_k(ω)", its adjoint as "X_k(ω)^+". */
export function jumpName(l: JumpLabel): string {
  return `X_${l.channel}(${l.freq})${l.raising ? '^+' : ''}`;
}

/** Names of the Lindblad-like coefficients: K[B, A] for the rate of B ρ A† − ½{A†B, ρ}; h[A, B] for h · A†B in Ĥc. */
export function lindbladNames(table: DerivedTable): { rates: string[]; hc: string[] } {
  const unique = (names: string[]): string[] => {
    const seen = new Map<string, number>();
    return names.map((n) => {
      const k = (seen.get(n) ?? 0) + 1;
      seen.set(n, k);
      return k === 1 ? n : `${n}#${k}`;
    });
  };
  return {
    rates: unique(table.lindblad.rates.map((r) => `K[${jumpName(r.b)}, ${jumpName(r.a)}]`)),
    hc: unique(table.lindblad.hc.map((h) => `h[${jumpName(h.a)}, ${jumpName(h.b)}]`)),
  };
}

const one = (i: number) => i + 1;

function itemJson(it: StructureItem) {
  return { kind: it.kind, indices: it.idx.map(one), sign: it.sign };
}

const labelJson = (l: JumpLabel) => ({ channel: l.channel, frequency: l.freq, adjoint: l.raising, name: jumpName(l) });

export function jsonTable(table: DerivedTable): object {
  const { model } = table;
  const text = (x: Parameters<typeof exprText>[0]) => exprText(x, model);
  const names = lindbladNames(table);
  return {
    generator: 'bornmarkov',
    model: model.name,
    file: model.file,
    title: model.title,
    source: model.source,
    unit: model.unit,
    approx: table.approx,
    parameters: model.parameters.map((p) => ({
      name: p.name,
      latex: p.latex,
      kind: p.kind,
      default: p.default,
      ...(p.description ? { description: p.description } : {}),
    })),
    bareBasis: model.basis,
    basis: model.states.map((s) => ({ name: s.name, latex: s.latex, energy: text(s.energy) })),
    angles: model.angles.map((a) => ({
      name: a.name,
      latex: a.latex,
      cot: { numerator: text(a.numerator), denominator: text(a.denominator) },
    })),
    frequencies: model.frequencies.map((f) => ({ name: f.name, latex: f.latex, value: text(f.value), declared: f.declared })),
    baths: model.baths.map((b) => ({ name: b.name, temperature: text(b.temperature) })),
    paperForm: table.paper.terms.map((t) => ({
      name: t.name,
      family: t.family,
      latex: t.latex,
      coefficient: text(t.coef),
      factor: t.factor,
      hc: t.hc,
      items: t.items.map(itemJson),
    })),
    lindblad: {
      rates: table.lindblad.rates.map((r, i) => ({
        name: names.rates[i],
        family: r.family,
        b: labelJson(r.b),
        a: labelJson(r.a),
        rate: text(r.rate),
      })),
      hc: table.lindblad.hc.map((h, i) => ({
        name: names.hc[i],
        family: h.family,
        a: labelJson(h.a),
        b: labelJson(h.b),
        coefficient: text(h.coef),
      })),
    },
    // d rho_{row,col}/dt = Σ coefficient · rho_{b,c}
    equations: table.equations.map((e) => ({
      element: [one(e.row), one(e.col)],
      terms: e.terms.map((t) => ({ element: [one(t.b), one(t.c)], coefficient: text(t.coef) })),
    })),
    blocks: table.blocks.map((b) => b.map(([r, c]) => [one(r), one(c)])),
    steadyState: steadyStateJson(table),
  };
}

/** Expressions with more terms are given by their size only (the Case B closed forms have ≈ 3000 terms). */
export const STEADY_PRINT_LIMIT = 200;

/**
 * The exact steady state per block (src/derive/steadyState.ts): ρ_element = numerator / determinant with one
 * determinant per block; "neverUnique" when the determinant vanishes identically; "vanishes" when a numerator does.
 * An expression longer than STEADY_PRINT_LIMIT terms is null, with its term count (show --steady --full prints it).
 */
export function steadyStateJson(table: DerivedTable): object {
  const { model } = table;
  const printed = (x: Parameters<typeof exprText>[0]) => (x.terms.size <= STEADY_PRINT_LIMIT ? exprText(x, model) : null);
  return {
    form: 'rho_element = numerator / determinant; the trace row replaces the equation of traceRow',
    printLimit: STEADY_PRINT_LIMIT,
    blocks: exactSteadyState(table).blocks.map((b) => ({
      elements: b.elements.map(([r, c]) => [one(r), one(c)]),
      solved: b.solved,
      reason: b.reason,
      traceRow: b.traceRow === undefined ? undefined : b.elements[b.traceRow].map(one),
      determinantTerms: b.solved ? b.determinant.terms.size : undefined,
      determinant: b.solved ? printed(b.determinant) : undefined,
      neverUnique: b.solved ? b.neverUnique : undefined,
      closedForms:
        b.solved && b.populations
          ? b.elements.map(([r, c], i) => ({
              element: [one(r), one(c)],
              vanishes: b.vanishes[i],
              numeratorTerms: b.numerators[i].terms.size,
              numerator: b.vanishes[i] ? '0' : printed(b.numerators[i]),
            }))
          : undefined,
    })),
  };
}

/** The file text: two-space indentation, arrays of plain values on one line (index pairs stay readable), trailing newline. */
export function jsonText(table: DerivedTable): string {
  return `${stringify(jsonTable(table), '')}\n`;
}

function stringify(v: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const flat = (x: unknown): boolean =>
      x === null || typeof x !== 'object' || (Array.isArray(x) && x.every((y) => y === null || typeof y !== 'object'));
    if (v.every((x) => x === null || typeof x !== 'object') || (v.every(flat) && v.length <= 16)) {
      return `[${v.map((x) => stringify(x, inner)).join(', ')}]`;
    }
    return `[\n${v.map((x) => inner + stringify(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${jsString(k)}: ${stringify(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return typeof v === 'string' ? jsString(v) : JSON.stringify(v);
}
