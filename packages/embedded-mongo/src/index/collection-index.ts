/**
 * One secondary index: a hash map from the canonical key of the indexed values to the documents
 * holding them. Multikey (one entry per array element), sparse and partial indexes, unique checks.
 * Range queries scan the collection; equality look-ups use this map.
 */

import type { DocumentPredicate } from '../query/query-matcher.js';
import { compileFilter } from '../query/query-matcher.js';
import { canonicalKey } from '../values/canonical-key.js';
import { collectPathValues, MISSING, splitPath } from '../values/document-path.js';
import { OrderedEntries } from './ordered-entries.js';

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

/** One entry of a document in an index: its canonical key and its values in field order. */
interface Entry {
  key: string;
  values: unknown[];
}

/** A secondary index over one collection. */
export class CollectionIndex {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  readonly #paths: readonly string[][];
  readonly #partial: DocumentPredicate | undefined;
  /** Every field is a top-level one (no dotted path): most documents' entries are read directly. */
  readonly #topLevel: boolean;
  /** canonical key → id keys of the documents with that key. */
  // One holder is kept as its id key alone: most keys of most indexes have one document, and a
  // set for each (made and dropped as documents change) was much of the garbage of a busy write load.
  readonly #entries = new Map<string, string | Set<string>>();
  /** The same entries in key order, kept only once a query has asked for them. */
  #ordered: OrderedEntries | undefined;
  /** Whether some document gave more than one entry or an array value (then key order is not sort order). */
  #multikey = false;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.#paths = this.fields.map(splitPath);
    this.#topLevel = this.#paths.every((parts) => parts.length === 1);
    this.#partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
  }

  /** True when every key part is a plain ascending/descending field (usable for equality). */
  get isHashable(): boolean {
    return Object.values(this.spec.key).every((v) => typeof v === 'number');
  }

  /** The entries one document contributes: canonical key and values (in field order) per entry. */
  entriesOf(doc: Record<string, unknown>): Entry[] {
    if (this.#partial && !this.#partial(doc)) return [];
    return this.#singleEntry(doc) ?? this.#combinations(doc).map((combo) => entryOf(combo));
  }

  /**
   * The one entry of a document whose indexed fields are top-level and hold no array (nearly
   * every write): read directly, without the path walk and combinations of the general case.
   */
  #singleEntry(doc: Record<string, unknown>): Entry[] | undefined {
    if (!this.#topLevel) return undefined;
    const values: unknown[] = [];
    let present = false;
    for (const field of this.fields) {
      const value = Object.hasOwn(doc, field) ? doc[field] : undefined;
      if (Array.isArray(value)) return undefined;
      if (value !== undefined) present = true;
      values.push(value);
    }
    if (this.spec.sparse && !present) return [];
    return [{ key: values.map(canonicalKey).join('\u0000'), values }];
  }

  /** Every combination of the values the fields reach (one per array element). */
  #combinations(doc: Record<string, unknown>): unknown[][] {
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
    return combos;
  }

  /** The canonical key for an equality look-up on every field of this index. */
  lookupKey(values: readonly unknown[]): string {
    return values.map(canonicalKey).join('\u0000');
  }

  /** Id keys of documents whose entry equals `key`. */
  lookup(key: string): Iterable<string> | undefined {
    const holders = this.#entries.get(key);
    return typeof holders === 'string' ? [holders] : holders;
  }

  /** The first conflicting entry for a unique index, ignoring the document itself. */
  findConflict(doc: Record<string, unknown>, idKey: string): KeyValue | undefined {
    if (!this.spec.unique) return undefined;
    if (this.#partial && !this.#partial(doc)) return undefined;
    for (const combo of this.#combinations(doc)) {
      const holders = this.#entries.get(entryOf(combo).key);
      const taken =
        typeof holders === 'string'
          ? holders !== idKey
          : holders && (holders.size > 1 || !holders.has(idKey));
      if (taken)
        return Object.fromEntries(
          this.fields.map((f, i) => [f, combo[i] === EMPTY_ARRAY ? undefined : (combo[i] ?? null)]),
        );
    }
    return undefined;
  }

  add(doc: Record<string, unknown>, idKey: string, seq: number): void {
    this.#addEntries(doc, this.entriesOf(doc), idKey, seq);
  }

  remove(doc: Record<string, unknown>, idKey: string, seq: number): void {
    this.#removeEntries(this.entriesOf(doc), idKey, seq);
  }

  /** A document changed: its entries move only when its key did (most updates leave it alone). */
  update(previous: Record<string, unknown>, next: Record<string, unknown>, idKey: string, seq: number): void {
    const before = this.entriesOf(previous);
    const after = this.entriesOf(next);
    if (before.length === after.length && before.every((entry, i) => entry.key === after[i]?.key)) return;
    this.#removeEntries(before, idKey, seq);
    this.#addEntries(next, after, idKey, seq);
  }

  #addEntries(doc: Record<string, unknown>, entries: Entry[], idKey: string, seq: number): void {
    for (const { key } of entries) {
      const holders = this.#entries.get(key);
      if (holders === undefined) this.#entries.set(key, idKey);
      else if (typeof holders !== 'string') holders.add(idKey);
      else if (holders !== idKey) this.#entries.set(key, new Set([holders, idKey]));
    }
    if (this.#ordered === undefined) return;
    if (!this.#multikey) this.#multikey = this.#isMultikey(doc, entries.length);
    for (const { key, values } of entries) this.#ordered.add({ values, seq, idKey, key });
  }

  #removeEntries(entries: Entry[], idKey: string, seq: number): void {
    for (const { key } of entries) {
      const holders = this.#entries.get(key);
      if (holders === idKey) this.#entries.delete(key);
      else if (typeof holders === 'object') {
        holders.delete(idKey);
        if (holders.size === 0) this.#entries.delete(key);
      }
    }
    if (this.#ordered === undefined) return;
    for (const { key, values } of entries) this.#ordered.remove({ values, seq, idKey, key });
  }

  /**
   * The entries in key order, built from `records` on first use and kept from then on; undefined
   * when key order cannot stand for a sort on these fields (a multikey, sparse or partial index).
   */
  ordered(
    records: Iterable<{ doc: Record<string, unknown>; seq: number }>,
    idKeyOf: (doc: Record<string, unknown>) => string,
  ): OrderedEntries | undefined {
    if (!this.isHashable || this.spec.sparse || this.#partial) return undefined;
    if (this.#ordered === undefined) {
      const ordered = new OrderedEntries(this.fields.map((f) => (Number(this.spec.key[f]) < 0 ? -1 : 1)));
      for (const { doc, seq } of records) {
        const entries = this.entriesOf(doc);
        if (!this.#multikey) this.#multikey = this.#isMultikey(doc, entries.length);
        for (const { key, values } of entries) ordered.add({ values, seq, idKey: idKeyOf(doc), key });
      }
      this.#ordered = ordered;
    }
    return this.#multikey ? undefined : this.#ordered;
  }

  #isMultikey(doc: Record<string, unknown>, entryCount: number): boolean {
    if (entryCount > 1) return true;
    return this.#paths.some((parts) => {
      const reached = collectPathValues(doc, parts);
      return reached.length > 1 || reached.some((v) => Array.isArray(v));
    });
  }

  clear(): void {
    this.#entries.clear();
    this.#ordered?.clear();
    this.#multikey = false;
  }
}

const EMPTY_ARRAY: unique symbol = Symbol('empty array');
const entryKey = (value: unknown): string => (value === EMPTY_ARRAY ? 'u' : canonicalKey(value));

function entryOf(combo: readonly unknown[]): Entry {
  return {
    key: combo.map(entryKey).join('\u0000'),
    values: combo.map((v) => (v === EMPTY_ARRAY ? undefined : v)),
  };
}

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
