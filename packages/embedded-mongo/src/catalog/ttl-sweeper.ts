/**
 * TTL indexes: removes documents whose indexed date (the earliest, for arrays) is older than
 * `expireAfterSeconds`. Like mongod's TTL monitor it runs periodically, so expiry is not instant.
 */

import type { CollectionIndex } from '../index/collection-index.js';
import type { OrderedEntry } from '../index/ordered-entries.js';
import { typeOrderOf } from '../values/bson-value.js';
import { collectPathValues, splitPath } from '../values/document-path.js';
import type { Catalog } from './catalog.js';
import type { StoredCollection, StoredRecord } from './stored-collection.js';

function earliestDate(values: unknown[]): number | undefined {
  let earliest: number | undefined;
  for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
    if (v instanceof Date && (earliest === undefined || v.getTime() < earliest)) earliest = v.getTime();
  }
  return earliest;
}

const DATE_BRACKET = typeOrderOf(new Date(0));

/**
 * The documents whose indexed date may be past `cutoff`: read from the index in key order (the
 * dates up to the cutoff, not every document each second), or all of them for a multikey index.
 */
function expiryCandidates(
  collection: StoredCollection,
  index: CollectionIndex,
  cutoff: number,
): StoredRecord[] {
  const entries = collection.orderedEntries(index);
  if (entries === undefined) return [...collection.records()];
  const bracketOf = (entry: OrderedEntry) => typeOrderOf(entry.values[0]);
  const records: StoredRecord[] = [];
  for (const entry of entries.scan({
    before: (entry) => bracketOf(entry) < DATE_BRACKET,
    after: (entry) => {
      const value = entry.values[0];
      return bracketOf(entry) > DATE_BRACKET || (value instanceof Date && value.getTime() > cutoff);
    },
  })) {
    const record = collection.byIdKey(entry.idKey);
    if (record !== undefined) records.push(record);
  }
  return records;
}

/** Deletes every expired document; returns how many were removed. */
export function sweepExpiredDocuments(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const collection of catalog.allCollections()) {
    for (const index of collection.secondaryIndexes()) {
      const ttl = index.spec.expireAfterSeconds;
      const field = index.fields[0];
      if (ttl === undefined || field === undefined || index.fields.length !== 1) continue;
      const parts = splitPath(field);
      const cutoff = now - ttl * 1000;
      for (const record of expiryCandidates(collection, index, cutoff)) {
        const date = earliestDate(collectPathValues(record.doc, parts));
        if (date !== undefined && date <= cutoff) {
          collection.remove(record);
          removed++;
        }
      }
    }
  }
  return removed;
}
