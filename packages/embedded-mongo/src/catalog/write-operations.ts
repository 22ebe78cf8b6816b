/**
 * Insert, update (with upsert) and delete of documents in one collection. Each function runs to
 * completion synchronously: a read-modify-write can never interleave with another client's.
 */
import { ObjectId } from 'bson';
import { createMongoError } from '../errors/mongo-error.js';
import { compileFilter } from '../query/query-matcher.js';
import { parseSortSpec } from '../query/sort-order.js';
import { applyUpdate, classifyUpdate } from '../update/update-apply.js';
import { locateSlot, setChild } from '../update/update-paths.js';
import { MAX_BSON_OBJECT_SIZE } from '../values/bson-limits.js';
import { isPlainDocument, valuesEqual } from '../values/bson-value.js';
import { sameCanonicalValue } from '../values/canonical-key.js';
import { cloneDocumentTree } from '../values/document-clone.js';
import { splitPath } from '../values/document-path.js';
import { documentSize, fitsAfterUpdate } from '../values/document-size.js';
import { matchRecords } from './query-plan.js';
import type { StoredCollection, StoredRecord } from './stored-collection.js';

/** Puts `_id` first (generating an ObjectId when missing) and validates it. */
export function prepareForInsert(doc: Record<string, unknown>): Record<string, unknown> {
  const id = doc._id === undefined ? new ObjectId() : doc._id;
  if (Array.isArray(id)) throw createMongoError(2, `The '_id' value cannot be of type array`);
  if (id instanceof RegExp) throw createMongoError(2, `can't use a regex for _id`);
  const { _id: _ignored, ...rest } = doc;
  return { _id: id, ...rest };
}

/** Throws BSONObjectTooLarge (10334) for a document over 16 MB. */
export function checkDocumentSize(doc: Record<string, unknown>, action: 'insert' | 'update'): void {
  const size = documentSize(doc);
  if (size <= MAX_BSON_OBJECT_SIZE) return;
  throw createMongoError(
    10334,
    action === 'insert'
      ? `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`
      : `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`,
  );
}

/** Inserts one document; returns the stored copy. */
export function insertDocument(
  collection: StoredCollection,
  doc: Record<string, unknown>,
): Record<string, unknown> {
  const prepared = prepareForInsert(doc);
  checkDocumentSize(prepared, 'insert');
  collection.insert(prepared);
  return prepared;
}

/** One update statement. */
export interface UpdateSpec {
  readonly filter: unknown;
  readonly update: unknown;
  readonly upsert?: boolean;
  readonly multi?: boolean;
  readonly arrayFilters?: readonly unknown[] | undefined;
  readonly sort?: unknown;
}

/** What an update statement did. */
export interface UpdateOutcome {
  readonly matched: number;
  readonly modified: number;
  readonly upsertedId?: unknown;
  /** The document before and after, for findAndModify (single-document updates only). */
  readonly before?: Record<string, unknown>;
  readonly after?: Record<string, unknown>;
}

/** Matching records in the order a single-document operation picks them. */
export function selectRecords(
  collection: StoredCollection,
  filter: unknown,
  sort: unknown,
  limit: number,
): StoredRecord[] {
  const predicate = compileFilter(filter);
  const keys = parseSortSpec(sort);
  const want = limit > 0 ? limit : Number.POSITIVE_INFINITY;
  return matchRecords(collection, filter, predicate, keys, sort, want).slice(0, want);
}

/** The document an upsert starts from: the filter's equality fields. */
export function seedFromFilter(filter: unknown): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  const visit = (f: unknown): void => {
    if (!isPlainDocument(f)) return;
    for (const [key, condition] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(condition)) {
        condition.forEach(visit);
        continue;
      }
      if (key.startsWith('$')) continue;
      let value: unknown;
      if (isPlainDocument(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
        if (!('$eq' in condition)) continue;
        value = condition.$eq;
      } else if (condition instanceof RegExp) {
        continue;
      } else {
        value = condition;
      }
      const slot = locateSlot(seed, splitPath(key), true);
      if (slot) setChild(slot.container, slot.key, cloneDocumentTree(value));
    }
  };
  visit(filter);
  return seed;
}

function upsert(collection: StoredCollection, spec: UpdateSpec): UpdateOutcome {
  const kind = classifyUpdate(spec.update);
  const seed = seedFromFilter(spec.filter);
  let doc: Record<string, unknown>;
  if (kind === 'replacement' && isPlainDocument(spec.update)) {
    const replacement = spec.update;
    if (seed._id !== undefined && replacement._id !== undefined && !valuesEqual(seed._id, replacement._id)) {
      throw createMongoError(
        66,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(replacement._id)}`,
      );
    }
    doc = { ...(seed._id === undefined ? {} : { _id: seed._id }), ...cloneDocumentTree(replacement) };
  } else {
    doc = applyUpdate(seed, spec.update, {
      isInsert: true,
      arrayFilters: spec.arrayFilters,
      filter: spec.filter,
    });
  }
  const stored = insertDocument(collection, doc);
  return { matched: 0, modified: 0, upsertedId: stored._id, after: stored };
}

/** Runs one update statement (single or multi, with optional upsert). */
export function updateDocuments(collection: StoredCollection, spec: UpdateSpec): UpdateOutcome {
  if (spec.multi && classifyUpdate(spec.update) === 'replacement') {
    throw createMongoError(9, 'multi update is not supported for replacement-style update');
  }
  const records = selectRecords(collection, spec.filter, spec.sort, spec.multi ? 0 : 1);
  if (records.length === 0) return spec.upsert ? upsert(collection, spec) : { matched: 0, modified: 0 };
  // Compute every new document first so an error leaves the collection unchanged for this record.
  let modified = 0;
  let before: Record<string, unknown> | undefined;
  let after: Record<string, unknown> | undefined;
  for (const record of records) {
    const previous = record.doc;
    const next = applyUpdate(previous, spec.update, { filter: spec.filter, arrayFilters: spec.arrayFilters });
    if (!sameCanonicalValue(next, previous)) {
      if (!fitsAfterUpdate(previous, next, spec.update, MAX_BSON_OBJECT_SIZE))
        checkDocumentSize(next, 'update');
      collection.replace(record, next);
      modified++;
    }
    before = previous;
    after = record.doc;
  }
  return { matched: records.length, modified, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** Deletes matching documents (`limit` 1 or 0 = all); returns the deleted documents. */
export function deleteDocuments(
  collection: StoredCollection,
  filter: unknown,
  limit: number,
  sort?: unknown,
): Record<string, unknown>[] {
  const records = selectRecords(collection, filter, sort, limit);
  for (const r of records) collection.remove(r);
  return records.map((r) => r.doc);
}
