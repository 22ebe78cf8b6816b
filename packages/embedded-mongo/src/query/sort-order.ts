/**
 * Sort specifications (`{ a: 1, 'b.c': -1 }`) compiled to comparators with MongoDB's rules: values
 * compare across type brackets, a missing field sorts as null, and an array sorts by its smallest
 * element ascending and its largest element descending.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { compareValues, isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { collectPathValues, MISSING, splitPath } from '../values/document-path.js';

/** A comparator of two documents. */
export type DocumentComparator = (a: unknown, b: unknown) => number;

function sortKey(doc: unknown, parts: readonly string[], direction: 1 | -1): unknown {
  const reached = collectPathValues(doc, parts);
  const candidates: unknown[] = [];
  for (const v of reached) {
    if (v === MISSING) candidates.push(null);
    else if (Array.isArray(v)) {
      if (v.length === 0) candidates.push(undefined);
      else candidates.push(...v);
    } else candidates.push(v);
  }
  let best: unknown = candidates[0] ?? null;
  for (const c of candidates.slice(1)) {
    const cmp = compareValues(c, best);
    if ((direction === 1 && cmp < 0) || (direction === -1 && cmp > 0)) best = c;
  }
  return best;
}

/** Parses a sort spec into `[path parts, direction]` pairs, rejecting bad directions. */
export function parseSortSpec(spec: unknown): Array<[string[], 1 | -1]> {
  if (spec === undefined || spec === null) return [];
  if (!isPlainDocument(spec)) throw createMongoError(2, 'sort must be an object');
  return Object.entries(spec).map(([path, dir]): [string[], 1 | -1] => {
    if (isPlainDocument(dir) && '$meta' in dir) return [splitPath(path), 1];
    const n = isNumeric(dir) ? Number(toComparableNumber(dir)) : Number.NaN;
    if (n !== 1 && n !== -1)
      throw createMongoError(2, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    return [splitPath(path), n];
  });
}

/** Compiles a sort spec into a comparator; returns undefined for an empty spec. */
export function compileSort(spec: unknown): DocumentComparator | undefined {
  const keys = parseSortSpec(spec);
  if (keys.length === 0) return undefined;
  return (a, b) => {
    for (const [parts, dir] of keys) {
      const c = compareValues(sortKey(a, parts, dir), sortKey(b, parts, dir));
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

/**
 * Sorts a copy of `items` stably by `spec`, computing each item's sort keys once (a comparator
 * would recompute them on every comparison, which dominates sorting large collections).
 */
export function sortByKeys<T>(items: readonly T[], spec: unknown, docOf: (item: T) => unknown): T[] {
  const keys = parseSortSpec(spec);
  if (keys.length === 0) return [...items];
  const keyed = items.map((item) => {
    const doc = docOf(item);
    return { item, values: keys.map(([parts, dir]) => sortKey(doc, parts, dir)) };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i]);
      if (c !== 0) return c * (keys[i]?.[1] ?? 1);
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

/** Sorts a copy of `docs` stably by `spec`. */
export function sortDocuments<T>(docs: readonly T[], spec: unknown): T[] {
  return sortByKeys(docs, spec, (d) => d);
}
