/**
 * The BSON size of a stored document, computed once per document: a write checks it against the
 * 16 MB limit and every cursor batch that returns the document counts it again. Stored documents
 * are never changed in place (an update stores a changed copy), so a size stays true.
 *
 * An update by field operators on plain paths cannot grow a document by more than a few times its
 * own size (each value it writes is in it; a created level or a wider number costs a few bytes per
 * byte of path), so its result is given an upper bound instead of a count while that bound is far
 * below the limit. Paths with array positions (`a.5` pads an array with nulls) or positional
 * operators (`a.$[]` writes every element) and pipelines are counted exactly.
 */
import { BSON } from 'bson';
import { isPlainDocument } from './bson-value.js';

const sizes = new WeakMap<object, number>();
/** Upper bounds of documents not counted (written by small updates). */
const bounds = new WeakMap<object, number>();

/** The document's exact BSON size in bytes. */
export function documentSize(doc: Record<string, unknown>): number {
  let size = sizes.get(doc);
  if (size === undefined) {
    size = BSON.calculateObjectSize(doc);
    sizes.set(doc, size);
  }
  return size;
}

/** The document's size or a bound above it (a batch of replies needs no more). */
export function documentSizeBound(doc: Record<string, unknown>): number {
  return sizes.get(doc) ?? bounds.get(doc) ?? documentSize(doc);
}

const GROWTH_FACTOR = 4;
const GROWTH_SLACK = 1024;
const UNSAFE_PART = /^\d+$|\$/;

/** Whether every path the operator update writes is plain (no array position, no positional operator). */
function plainOperatorUpdate(update: unknown): update is Record<string, unknown> {
  if (!isPlainDocument(update)) return false;
  for (const [operator, fields] of Object.entries(update)) {
    if (!operator.startsWith('$') || !isPlainDocument(fields)) return false;
    for (const path of Object.keys(fields))
      if (path.split('.').some((part) => UNSAFE_PART.test(part))) return false;
  }
  return true;
}

/**
 * Whether `next`, made from `previous` by `update`, is within `limit` bytes: from a bound when the
 * update allows one that is within the limit, else by counting `next`.
 */
export function fitsAfterUpdate(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  update: unknown,
  limit: number,
): boolean {
  if (plainOperatorUpdate(update)) {
    const bound =
      documentSizeBound(previous) + GROWTH_FACTOR * BSON.calculateObjectSize(update) + GROWTH_SLACK;
    if (bound <= limit) {
      bounds.set(next, bound);
      return true;
    }
  }
  return documentSize(next) <= limit;
}
