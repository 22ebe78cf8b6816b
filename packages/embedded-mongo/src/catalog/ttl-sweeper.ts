/**
 * TTL indexes: removes documents whose indexed date (the earliest, for arrays) is older than
 * `expireAfterSeconds`. Like mongod's TTL monitor it runs periodically, so expiry is not instant.
 */

import { collectPathValues, splitPath } from '../values/document-path.js';
import type { Catalog } from './catalog.js';

function earliestDate(values: unknown[]): number | undefined {
  let earliest: number | undefined;
  for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
    if (v instanceof Date && (earliest === undefined || v.getTime() < earliest)) earliest = v.getTime();
  }
  return earliest;
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
      for (const record of [...collection.records()]) {
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
