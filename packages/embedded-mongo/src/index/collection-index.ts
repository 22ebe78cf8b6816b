/**
 * One secondary index: a hash map from the canonical key of the indexed values to the documents
 * holding them. Multikey (one entry per array element), sparse and partial indexes, unique checks.
 * Range queries scan the collection; equality look-ups use this map.
 */

import type { DocumentPredicate } from '../query/query-matcher.js';
import { compileFilter } from '../query/query-matcher.js';
import { canonicalKey } from '../values/canonical-key.js';
import { collectPathValues, MISSING, splitPath } from '../values/document-path.js';

/** The stored description of an index, as `listIndexes` returns it. */
export interface IndexSpec {
  v: number;
  key: Record<string, unknown>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Record<string, unknown>;
  [option: string]: unknown;
}

/** The key values of one entry: field → value, for `keyValue` in duplicate key errors. */
export type KeyValue = Record<string, unknown>;

/** A secondary index over one collection. */
export class CollectionIndex {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  readonly #paths: readonly string[][];
  readonly #partial: DocumentPredicate | undefined;
  /** canonical key → id keys of the documents with that key. */
  readonly #entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.#paths = this.fields.map(splitPath);
    this.#partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
  }

  /** True when every key part is a plain ascending/descending field (usable for equality). */
  get isHashable(): boolean {
    return Object.values(this.spec.key).every((v) => typeof v === 'number');
  }

  /** The entries one document contributes: canonical key and key value per entry. */
  entriesOf(doc: Record<string, unknown>): Array<{ key: string; value: KeyValue }> {
    if (this.#partial && !this.#partial(doc)) return [];
    const perField = this.#paths.map((parts) => {
      const reached = collectPathValues(doc, parts);
      const values: unknown[] = [];
      for (const v of reached) {
        // An empty array is its own key (mongod indexes it as `undefined`), distinct from null.
        if (Array.isArray(v)) values.push(...(v.length === 0 ? [EMPTY_ARRAY] : v));
        else values.push(v === MISSING ? undefined : v);
      }
      return { values, missing: reached.every((v) => v === MISSING) };
    });
    if (this.spec.sparse && perField.every((f) => f.missing)) return [];
    let combos: unknown[][] = [[]];
    for (const { values } of perField) {
      const unique = dedupe(values);
      combos = combos.flatMap((c) => unique.map((v) => [...c, v]));
    }
    return combos.map((combo) => ({
      key: combo.map(entryKey).join('\u0000'),
      value: Object.fromEntries(
        this.fields.map((f, i) => [f, combo[i] === EMPTY_ARRAY ? undefined : (combo[i] ?? null)]),
      ),
    }));
  }

  /** The canonical key for an equality look-up on every field of this index. */
  lookupKey(values: readonly unknown[]): string {
    return values.map(canonicalKey).join('\u0000');
  }

  /** Id keys of documents whose entry equals `key`. */
  lookup(key: string): ReadonlySet<string> | undefined {
    return this.#entries.get(key);
  }

  /** The first conflicting entry for a unique index, ignoring the document itself. */
  findConflict(doc: Record<string, unknown>, idKey: string): KeyValue | undefined {
    if (!this.spec.unique) return undefined;
    for (const entry of this.entriesOf(doc)) {
      const holders = this.#entries.get(entry.key);
      if (holders && (holders.size > 1 || !holders.has(idKey))) return entry.value;
    }
    return undefined;
  }

  add(doc: Record<string, unknown>, idKey: string): void {
    for (const { key } of this.entriesOf(doc)) {
      const holders = this.#entries.get(key);
      if (holders) holders.add(idKey);
      else this.#entries.set(key, new Set([idKey]));
    }
  }

  remove(doc: Record<string, unknown>, idKey: string): void {
    for (const { key } of this.entriesOf(doc)) {
      const holders = this.#entries.get(key);
      if (!holders) continue;
      holders.delete(idKey);
      if (holders.size === 0) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}

const EMPTY_ARRAY: unique symbol = Symbol('empty array');
const entryKey = (value: unknown): string => (value === EMPTY_ARRAY ? 'u' : canonicalKey(value));

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const k = entryKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}
