/**
 * One collection: documents keyed by the canonical key of `_id` (in insertion order, MongoDB's
 * natural order), its secondary indexes, and every write as one synchronous step so no other
 * client's command can interleave with a read-modify-write.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { CollectionIndex, type IndexSpec, type KeyValue } from '../index/collection-index.js';
import type { OrderedEntries } from '../index/ordered-entries.js';
import { extractEqualities } from '../index/query-planner.js';
import { compileFilter } from '../query/query-matcher.js';
import { canonicalKey } from '../values/canonical-key.js';
import { formatDocument } from '../values/value-format.js';
import type { MutationSink } from './mutation.js';

/** A stored document with its insertion sequence (for natural order after index look-ups). */
export interface StoredRecord {
  doc: Record<string, unknown>;
  readonly seq: number;
}

/** The `_id` index every collection has. */
export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class StoredCollection {
  readonly db: string;
  readonly name: string;
  readonly options: Record<string, unknown>;
  readonly #records = new Map<string, StoredRecord>();
  readonly #indexes = new Map<string, CollectionIndex>();
  readonly #emit: MutationSink;
  #seq = 0;

  constructor(db: string, name: string, options: Record<string, unknown>, emit: MutationSink) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.#emit = emit;
  }

  get size(): number {
    return this.#records.size;
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  /** All index specs, `_id_` first. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX_SPEC, ...[...this.#indexes.values()].map((i) => i.spec)];
  }

  secondaryIndexes(): CollectionIndex[] {
    return [...this.#indexes.values()];
  }

  records(): IterableIterator<StoredRecord> {
    return this.#records.values();
  }

  getById(id: unknown): StoredRecord | undefined {
    return this.#records.get(canonicalKey(id));
  }

  /** One of this collection's indexes in key order (built on first use), when it can serve so. */
  orderedEntries(index: CollectionIndex): OrderedEntries | undefined {
    return index.ordered(this.#records.values(), (doc) => canonicalKey(doc._id));
  }

  /** The record stored under an `_id`'s canonical key (as index entries name it). */
  byIdKey(idKey: string): StoredRecord | undefined {
    return this.#records.get(idKey);
  }

  /** Records that may match `filter` (an index look-up when possible), in natural order. */
  candidates(filter: unknown): StoredRecord[] {
    return this.indexedCandidates(filter) ?? [...this.#records.values()];
  }

  /** Like `candidates`, but undefined where no equality look-up applies (a scan would be needed). */
  indexedCandidates(filter: unknown): StoredRecord[] | undefined {
    const equalities = extractEqualities(filter);
    const ids = equalities.get('_id');
    if (ids) return this.#fromKeys(ids.map(canonicalKey), (k) => this.#records.get(k));
    for (const index of this.#indexes.values()) {
      if (!index.isHashable || index.spec.partialFilterExpression || index.spec.sparse) continue;
      const perField = index.fields.map((f) => equalities.get(f));
      if (perField.some((v) => v === undefined)) continue;
      let combos: unknown[][] = [[]];
      for (const values of perField) combos = combos.flatMap((c) => (values ?? []).map((v) => [...c, v]));
      const idKeys = new Set<string>();
      for (const combo of combos) for (const k of index.lookup(index.lookupKey(combo)) ?? []) idKeys.add(k);
      return this.#fromKeys([...idKeys], (k) => this.#records.get(k));
    }
    return undefined;
  }

  #fromKeys(keys: string[], get: (k: string) => StoredRecord | undefined): StoredRecord[] {
    const out: StoredRecord[] = [];
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      const r = get(k);
      if (r) out.push(r);
    }
    return out.length > 1 ? out.sort((a, b) => a.seq - b.seq) : out;
  }

  /** Matching records in natural order. */
  find(filter: unknown): StoredRecord[] {
    const predicate = compileFilter(filter);
    return this.candidates(filter).filter((r) => predicate(r.doc));
  }

  #duplicateError(indexName: string, keyPattern: Record<string, unknown>, keyValue: KeyValue) {
    return createMongoError(
      11000,
      `E11000 duplicate key error collection: ${this.namespace} index: ${indexName} dup key: ${formatDocument(keyValue)}`,
      { keyPattern, keyValue },
    );
  }

  #checkUnique(doc: Record<string, unknown>, idKey: string): void {
    for (const index of this.#indexes.values()) {
      const conflict = index.findConflict(doc, idKey);
      if (conflict) throw this.#duplicateError(index.spec.name, index.spec.key, conflict);
    }
  }

  /** Inserts a document that already has an `_id`; throws E11000 on any unique conflict. */
  insert(doc: Record<string, unknown>): void {
    const idKey = canonicalKey(doc._id);
    if (this.#records.has(idKey)) throw this.#duplicateError('_id_', { _id: 1 }, { _id: doc._id });
    this.#checkUnique(doc, idKey);
    const record = { doc, seq: this.#seq++ };
    this.#records.set(idKey, record);
    for (const index of this.#indexes.values()) index.add(doc, idKey, record.seq);
    this.#emit({ op: 'put', db: this.db, coll: this.name, doc });
  }

  /** Replaces a stored document (same `_id`); throws E11000 on a unique conflict. */
  replace(record: StoredRecord, next: Record<string, unknown>): void {
    const idKey = canonicalKey(record.doc._id);
    this.#checkUnique(next, idKey);
    for (const index of this.#indexes.values()) index.update(record.doc, next, idKey, record.seq);
    record.doc = next;
    this.#emit({ op: 'put', db: this.db, coll: this.name, doc: next });
  }

  remove(record: StoredRecord): void {
    const idKey = canonicalKey(record.doc._id);
    if (!this.#records.delete(idKey)) return;
    for (const index of this.#indexes.values()) index.remove(record.doc, idKey, record.seq);
    this.#emit({ op: 'delete', db: this.db, coll: this.name, id: record.doc._id });
  }

  /** Builds an index; throws E11000 when existing documents violate a unique index. */
  addIndex(spec: IndexSpec): void {
    const index = new CollectionIndex(spec);
    for (const [idKey, record] of this.#records) {
      const conflict = index.findConflict(record.doc, idKey);
      if (conflict) throw this.#duplicateError(spec.name, spec.key, conflict);
      index.add(record.doc, idKey, record.seq);
    }
    this.#indexes.set(spec.name, index);
    this.#emit({ op: 'createIndex', db: this.db, coll: this.name, spec });
  }

  dropIndex(name: string): boolean {
    if (!this.#indexes.delete(name)) return false;
    this.#emit({ op: 'dropIndex', db: this.db, coll: this.name, name });
    return true;
  }
}
