// A long straight-line function cut into consecutive parts, for engines that optimise only small functions: V8
// never optimises a function of more than 60 KB of bytecode, and a numeric-eigenbasis module's populationBlock
// holds thousands of statements (it ran 6× slower unoptimised than optimised). Each part becomes a function of
// its own; a value one part defines and another reads crosses through a scratch slot.
// Contract: splitIntoParts(items, size, outer) cuts `items` (in order, each defining at most one name) into runs
// of at most `size`; every name a part reads that an earlier part (or the caller, `outer`) defines is in that
// part's loads, every name a part defines that a later part reads is in its stores, and each crossing name has
// one slot, numbered in order of first definition (outer names first). Running the parts in order, each loading
// its loads first and storing its stores last, computes what the items compute in one function.

export interface Item {
  /** the local this item defines, or null for an effect (a write) */
  readonly defines: string | null;
  /** the locals it reads */
  readonly reads: ReadonlySet<string>;
}

export interface Part {
  /** items [start, end) */
  readonly start: number;
  readonly end: number;
  readonly loads: string[];
  readonly stores: string[];
}

export interface PartPlan {
  readonly parts: Part[];
  /** the outer names some part reads: the caller stores them before the first part */
  readonly outerStores: string[];
  /** slot of every crossing name */
  readonly slots: Map<string, number>;
}

export function splitIntoParts(items: readonly Item[], size: number, outer: ReadonlySet<string> = new Set()): PartPlan {
  if (!(size >= 1)) throw new RangeError(`splitIntoParts: size must be ≥ 1, got ${size}`);
  const partOf = (i: number) => Math.floor(i / size);
  const definedIn = new Map<string, number>();
  items.forEach((it, i) => it.defines !== null && definedIn.set(it.defines, partOf(i)));
  const count = Math.ceil(items.length / size);
  const loads = Array.from({ length: count }, () => new Set<string>());
  const readLater = new Set<string>();
  items.forEach((it, i) => {
    const k = partOf(i);
    for (const name of it.reads) {
      const at = definedIn.get(name);
      if (at === undefined ? outer.has(name) : at < k) {
        loads[k]!.add(name);
        readLater.add(name);
      }
    }
  });
  const outerStores = [...outer].filter((name) => readLater.has(name) && !definedIn.has(name));
  const slots = new Map<string, number>();
  for (const name of outerStores) slots.set(name, slots.size);
  const parts: Part[] = [];
  for (let k = 0; k < count; k++) {
    const start = k * size;
    const end = Math.min(items.length, start + size);
    const stores: string[] = [];
    for (let i = start; i < end; i++) {
      const name = items[i]!.defines;
      if (name !== null && readLater.has(name)) {
        stores.push(name);
        slots.set(name, slots.size);
      }
    }
    parts.push({ start, end, loads: [...loads[k]!], stores });
  }
  return { parts, outerStores, slots };
}
