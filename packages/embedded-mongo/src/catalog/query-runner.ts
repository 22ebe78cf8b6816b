/**
 * Runs a read query over one collection: index look-up or scan, filter, sort, skip and limit.
 */
import { compileFilter } from '../query/query-matcher.js';
import { compileSort, sortDocuments } from '../query/sort-order.js';
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
  const comparator = compileSort(options.sort);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
  const candidates = collection.candidates(filter);
  if (!comparator) {
    const out: Record<string, unknown>[] = [];
    let skipped = 0;
    for (const r of candidates) {
      if (out.length >= limit) break;
      if (!predicate(r.doc)) continue;
      if (skipped < skip) skipped++;
      else out.push(r.doc);
    }
    return out;
  }
  const matched = candidates.filter((r) => predicate(r.doc)).map((r) => r.doc);
  return sortDocuments(matched, options.sort).slice(skip, skip + limit);
}
