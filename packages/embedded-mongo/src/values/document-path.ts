/**
 * Dotted-path reading with MongoDB's array traversal: `a.b` on `{ a: [{ b: 1 }, { b: 2 }] }` reaches
 * both `1` and `2`; a numeric part both indexes the array and looks into its documents.
 */
import { isPlainDocument } from './bson-value.js';

/** Marks a path that reached nothing (a missing field), distinct from an explicit `null`. */
export const MISSING: unique symbol = Symbol('missing');
/** A value reached by a path, or `MISSING`. */
export type PathValue = unknown;

const INDEX_PART = /^\d+$/;

/** Splits a dotted path into its parts. */
export function splitPath(path: string): string[] {
  return path.split('.');
}

/** Every value the path reaches in `root`, with `MISSING` where a branch ends without the field. */
export function collectPathValues(root: unknown, parts: readonly string[]): PathValue[] {
  const out: PathValue[] = [];
  walk(root, parts, 0, out);
  return out;
}

function walk(value: unknown, parts: readonly string[], i: number, out: PathValue[]): void {
  if (i === parts.length) {
    out.push(value);
    return;
  }
  const key = parts[i] ?? '';
  if (Array.isArray(value)) {
    let reached = false;
    if (INDEX_PART.test(key)) {
      const index = Number(key);
      if (index < value.length) {
        walk(value[index], parts, i + 1, out);
        reached = true;
      }
    }
    for (const element of value) {
      if (isPlainDocument(element)) {
        walk(element, parts, i, out);
        reached = true;
      }
    }
    if (!reached) out.push(MISSING);
    return;
  }
  if (isPlainDocument(value) && Object.hasOwn(value, key) && value[key] !== undefined) {
    walk(value[key], parts, i + 1, out);
    return;
  }
  out.push(MISSING);
}

/** Reads a dotted path without array traversal (numeric parts index arrays); `MISSING` if absent. */
export function getPathValue(root: unknown, parts: readonly string[]): PathValue {
  let current: unknown = root;
  for (const key of parts) {
    if (Array.isArray(current) && INDEX_PART.test(key)) {
      const index = Number(key);
      if (index >= current.length) return MISSING;
      current = current[index];
    } else if (isPlainDocument(current) && Object.hasOwn(current, key) && current[key] !== undefined) {
      current = current[key];
    } else {
      return MISSING;
    }
  }
  return current;
}
