/**
 * Picks the equality look-ups a filter allows: `_id` and fields of hash indexes compared with
 * `{ f: v }`, `{ f: { $eq: v } }` or `{ f: { $in: [...] } }` on scalar values. Everything else scans.
 */
import { isPlainDocument } from '../values/bson-value.js';

/** Scalar values a field must equal (any of), per top-level field of the filter. */
export type EqualityMap = ReadonlyMap<string, readonly unknown[]>;

function isIndexableScalar(value: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp) return false;
  return !isPlainDocument(value);
}

function equalityValues(condition: unknown): unknown[] | undefined {
  if (isIndexableScalar(condition)) return [condition];
  if (!isPlainDocument(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq' && isIndexableScalar(condition.$eq)) return [condition.$eq];
  if (keys[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isIndexableScalar)) {
    return condition.$in;
  }
  return undefined;
}

/** Collects `field → values` equalities from the filter's top level and its `$and` clauses. */
export function extractEqualities(filter: unknown): EqualityMap {
  const out = new Map<string, unknown[]>();
  const visit = (f: unknown): void => {
    if (!isPlainDocument(f)) return;
    for (const [key, condition] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(condition)) {
        condition.forEach(visit);
        continue;
      }
      if (key.startsWith('$')) continue;
      const values = equalityValues(condition);
      if (values && !out.has(key)) out.set(key, values);
    }
  };
  visit(filter);
  return out;
}
