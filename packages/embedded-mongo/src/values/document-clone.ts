/**
 * Copies the mutable structure of a document (plain objects and arrays) and shares bson value
 * instances, which the server never mutates. Updates work on such a copy so a failed update leaves
 * the stored document untouched.
 */
import { isPlainDocument } from './bson-value.js';

/** Deep copy of plain objects and arrays; other values are shared. */
export function cloneDocumentTree<T>(value: T): T;
export function cloneDocumentTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => cloneDocumentTree(v));
  if (isPlainDocument(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneDocumentTree(v);
    return out;
  }
  return value;
}
