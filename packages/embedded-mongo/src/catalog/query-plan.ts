/**
 * Picks how a query reads its documents: an equality look-up (`_id` or a hash index), a range of an
 * index read in key order, or a scan of the collection. A key-order read starts and stops at the
 * filter's bounds on the index's fields and, when the index gives the sort's order, stops once
 * enough documents matched: a queue's "oldest due first, a few at a time" reads a few entries, not
 * the whole queue. A top-level `$or` reads each branch so and merges them. Results are those of a
 * scan: every candidate is checked against the whole filter, ties keep natural order.
 */
import type { OrderedEntries, OrderedEntry } from '../index/ordered-entries.js';
import { extractEqualities } from '../index/query-planner.js';
import type { DocumentPredicate } from '../query/query-matcher.js';
import { sortByKeys } from '../query/sort-order.js';
import { compareValues, isPlainDocument, typeOrderOf } from '../values/bson-value.js';
import { canonicalKey } from '../values/canonical-key.js';
import type { StoredCollection, StoredRecord } from './stored-collection.js';

type SortKeys = ReadonlyArray<readonly [readonly string[], 1 | -1]>;

/** One index range to read, and how much of the sort its order gives. */
interface RangeRead {
  entries: OrderedEntries;
  /** Fields with one equal value, leading the index. */
  prefix: number;
  before(entry: OrderedEntry): boolean;
  after(entry: OrderedEntry): boolean;
  /** The index order is the sort's order, ties included: the read may stop at the wanted count. */
  exact: boolean;
  /** Leading sort keys the index order gives (after the prefix): ties on these are read to the end. */
  covered: number;
}

type Access = { kind: 'records'; records: StoredRecord[] } | { kind: 'range'; read: RangeRead };

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** The lower and upper bound a field's condition sets (inclusive: the filter itself is exact). */
function boundsOf(condition: unknown): { low?: unknown; high?: unknown } {
  if (!isPlainDocument(condition)) return {};
  const bounds: { low?: unknown; high?: unknown } = {};
  for (const [op, operand] of Object.entries(condition)) {
    if (!RANGE_OPERATORS.has(op) || Array.isArray(operand) || operand instanceof RegExp) continue;
    if (op === '$gt' || op === '$gte') bounds.low = operand;
    else bounds.high = operand;
  }
  return bounds;
}

function rangeRead(
  collection: StoredCollection,
  filter: Record<string, unknown>,
  keys: SortKeys,
  limited: boolean,
) {
  const equalities = extractEqualities(filter);
  let best: { score: number; read: () => RangeRead | undefined } | undefined;
  for (const index of collection.secondaryIndexes()) {
    const fields = index.fields;
    let prefix = 0;
    while (prefix < fields.length && equalities.get(fields[prefix] ?? '')?.length === 1) prefix++;
    const directions = fields.map((f) => (Number(index.spec.key[f]) < 0 ? -1 : 1));
    const rest = keys.filter(([parts]) => !fields.slice(0, prefix).includes(parts.join('.')));
    let covered = 0;
    while (
      covered < rest.length &&
      rest[covered]?.[0].join('.') === fields[prefix + covered] &&
      rest[covered]?.[1] === directions[prefix + covered]
    )
      covered++;
    const rangeField = fields[prefix];
    const bounds = rangeField === undefined ? {} : boundsOf(filter[rangeField]);
    const bounded = bounds.low !== undefined || bounds.high !== undefined;
    if (prefix === 0 && !bounded && covered === 0) continue;
    const exact = covered === rest.length && prefix + covered === fields.length;
    // An order that is the sort's lets a limited read stop early: the best plan of all.
    const score = (exact && limited ? 16 : 0) + prefix * 4 + (bounded ? 2 : 0) + (covered > 0 ? 1 : 0);
    if (best !== undefined && best.score >= score) continue;
    best = {
      score,
      read: () => {
        const entries = collection.orderedEntries(index);
        if (entries === undefined) return undefined;
        const equal = fields.slice(0, prefix).map((f) => equalities.get(f)?.[0]);
        const direction = directions[prefix] ?? 1;
        const [start, stop] = direction === 1 ? [bounds.low, bounds.high] : [bounds.high, bounds.low];
        // Where the entry stands against the equal prefix: <0 before it, >0 past it.
        const side = (entry: OrderedEntry) => {
          for (let i = 0; i < prefix; i++) {
            const c = compareValues(entry.values[i], equal[i]) * (directions[i] ?? 1);
            if (c !== 0) return c;
          }
          return 0;
        };
        return {
          entries,
          prefix,
          exact,
          covered,
          // A range condition matches only values of its operand's type (as the filter checks),
          // so a one-sided range still starts or ends at the edge of that type's values.
          before: (entry) => {
            const c = side(entry);
            if (c !== 0) return c < 0;
            const value = entry.values[prefix];
            if (start !== undefined) return compareValues(value, start) * direction < 0;
            return stop !== undefined && (typeOrderOf(value) - typeOrderOf(stop)) * direction < 0;
          },
          after: (entry) => {
            const c = side(entry);
            if (c !== 0) return c > 0;
            const value = entry.values[prefix];
            if (stop !== undefined) return compareValues(value, stop) * direction > 0;
            return start !== undefined && (typeOrderOf(value) - typeOrderOf(start)) * direction > 0;
          },
        };
      },
    };
  }
  return best?.read();
}

/** How one (`$or`-free at its top) filter is best read, or undefined for a scan. */
function accessFor(
  collection: StoredCollection,
  filter: Record<string, unknown>,
  keys: SortKeys,
  limited: boolean,
): Access | undefined {
  const records = collection.indexedCandidates(filter);
  if (records !== undefined) return { kind: 'records', records };
  const read = rangeRead(collection, filter, keys, limited);
  return read === undefined ? undefined : { kind: 'range', read };
}

/** The filter's accesses: one, one per `$or` branch, or undefined when any part needs a scan. */
function accessesFor(
  collection: StoredCollection,
  filter: unknown,
  keys: SortKeys,
  limited: boolean,
): Access[] | undefined {
  if (!isPlainDocument(filter)) return undefined;
  const { $or: branches, ...rest } = filter;
  if (branches === undefined) {
    const access = accessFor(collection, filter, keys, limited);
    return access === undefined ? undefined : [access];
  }
  // A branch is planned with the conditions beside the `$or` (the whole filter is checked anyway).
  const whole = collection.indexedCandidates(filter);
  if (whole !== undefined) return [{ kind: 'records', records: whole }];
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const accesses: Access[] = [];
  for (const branch of branches) {
    if (!isPlainDocument(branch) || Object.keys(branch).some((k) => k in rest || k.startsWith('$')))
      return undefined;
    const access = accessFor(collection, { ...rest, ...branch }, keys, limited);
    if (access === undefined) return undefined;
    accesses.push(access);
  }
  return accesses;
}

/** Reads one index range: the matches, up to `want` when the order allows, ties on the sort included. */
function readRange(
  collection: StoredCollection,
  read: RangeRead,
  predicate: DocumentPredicate,
  want: number,
  out: Map<string, StoredRecord>,
): void {
  let matched = 0;
  let last: OrderedEntry | undefined;
  const tied = (entry: OrderedEntry) => {
    for (let i = read.prefix; i < read.prefix + read.covered; i++)
      if (compareValues(entry.values[i], last?.values[i]) !== 0) return false;
    return true;
  };
  for (const entry of read.entries.scan(read)) {
    // Past the wanted count, only ties of the last match on the sort's leading keys may still come first.
    if (matched >= want && (read.exact || (read.covered > 0 && !tied(entry)))) return;
    const record = collection.byIdKey(entry.idKey);
    if (record === undefined || out.has(entry.idKey) || !predicate(record.doc)) continue;
    out.set(entry.idKey, record);
    matched++;
    last = entry;
  }
}

/**
 * The records matching `predicate` (compiled from `filter`) in the order `keys` sorts them, ties in
 * natural order, or in natural order without keys; at least the first `want` of them, maybe more.
 */
export function matchRecords(
  collection: StoredCollection,
  filter: unknown,
  predicate: DocumentPredicate,
  keys: SortKeys,
  sort: unknown,
  want: number,
): StoredRecord[] {
  const limited = keys.length > 0 && want !== Number.POSITIVE_INFINITY;
  const accesses = accessesFor(collection, filter, keys, limited);
  if (accesses === undefined || (accesses.length === 1 && accesses[0]?.kind === 'records')) {
    const candidates = accesses?.[0]?.kind === 'records' ? accesses[0].records : [...collection.records()];
    if (keys.length === 0) {
      const out: StoredRecord[] = [];
      for (const record of candidates) {
        if (out.length >= want) break;
        if (predicate(record.doc)) out.push(record);
      }
      return out;
    }
    return sortByKeys(
      candidates.filter((record) => predicate(record.doc)),
      sort,
      (record) => record.doc,
    );
  }
  const found = new Map<string, StoredRecord>();
  for (const access of accesses) {
    if (access.kind === 'range')
      readRange(collection, access.read, predicate, keys.length > 0 ? want : Number.POSITIVE_INFINITY, found);
    else
      for (const record of access.records)
        if (predicate(record.doc)) found.set(canonicalKey(record.doc._id), record);
  }
  const natural = [...found.values()].sort((a, b) => a.seq - b.seq);
  return keys.length === 0 ? natural : sortByKeys(natural, sort, (record) => record.doc);
}
