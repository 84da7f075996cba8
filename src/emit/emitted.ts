// Emitted texts, kept per derived table: a text is a function of the table and the emission options alone, and one
// process emits the same one more than once — `bornmarkov all` writes each model's appendices and modules (derive),
// then the report renders the same appendices and compares the same modules with the committed ones.
// Contract: emittedOnce(table, key, make) returns make()'s text, computed once per table and key; the texts go
// when the table does (deriveTable keeps a bounded number of models).
const texts = new WeakMap<object, Map<string, string>>();

export function emittedOnce(table: object, key: string, make: () => string): string {
  let byKey = texts.get(table);
  if (!byKey) texts.set(table, (byKey = new Map()));
  let text = byKey.get(key);
  if (text === undefined) byKey.set(key, (text = make()));
  return text;
}
