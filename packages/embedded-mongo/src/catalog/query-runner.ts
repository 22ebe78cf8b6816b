/**
 * Runs a read query over one collection: index look-up or scan, filter, sort, skip and limit.
 */
import { compileFilter } from '../query/query-matcher.js';
import { compileSort, parseSortSpec } from '../query/sort-order.js';
import { matchRecords } from './query-plan.js';
import type { StoredCollection } from './stored-collection.js';

/** Runs a query: filter, sort, skip, limit; returns the matching stored documents. */
export function queryDocuments(
  collection: StoredCollection | undefined,
  filter: unknown,
  options: { sort?: unknown; skip?: number | undefined; limit?: number | undefined },
): Record<string, unknown>[] {
  if (!collection) {
    compileFilter(filter); // still reject a malformed filter
    compileSort(options.sort);
    return [];
  }
  const predicate = compileFilter(filter);
  const keys = parseSortSpec(options.sort);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
  return matchRecords(collection, filter, predicate, keys, options.sort, skip + limit)
    .slice(skip, skip + limit)
    .map((record) => record.doc);
}
