import type { z } from 'zod';

/** A stored document that does not match its schema: data written by another version, or by hand. */
export class StoredDocumentError extends Error {
  constructor(
    readonly collection: string,
    readonly id: unknown,
    readonly issues: string[],
  ) {
    super(`Stored ${collection} document ${String(id)} is not valid: ${issues.join('; ')}`);
    this.name = 'StoredDocumentError';
  }
}

/** Parses a document read from MongoDB; documents are outside data too, so they get zod like any other. */
export function parseStored<S extends z.ZodType>(schema: S, collection: string, doc: unknown): z.infer<S> {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const id = typeof doc === 'object' && doc !== null && '_id' in doc ? doc._id : undefined;
  throw new StoredDocumentError(
    collection,
    id,
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** True for MongoDB's duplicate-key error (code 11000), from any server or driver version. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

/** Whether a `dropIndex` failed only because there was no such index (IndexNotFound). */
export function isIndexNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 27;
}
