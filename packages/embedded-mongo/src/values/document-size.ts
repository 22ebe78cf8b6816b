/**
 * The BSON size of a stored document, computed once per document: a write checks it against the
 * 16 MB limit and every cursor batch that returns the document counts it again. Stored documents
 * are never changed in place (an update stores a changed copy), so the size stays true.
 */
import { BSON } from 'bson';

const sizes = new WeakMap<object, number>();

/** The document's BSON size in bytes. */
export function documentSize(doc: Record<string, unknown>): number {
  let size = sizes.get(doc);
  if (size === undefined) {
    size = BSON.calculateObjectSize(doc);
    sizes.set(doc, size);
  }
  return size;
}
