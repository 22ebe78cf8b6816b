/**
 * Typed readers for unified-format operation arguments, including bulk write models.
 */
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { isPlainDocument } from '../values/bson-value.js';
import { UnsupportedFeatureError } from './test-entities.js';

/** An operation's `arguments`. */
export type Args = Record<string, unknown>;

/** A document argument. */
export const doc = (args: Args, field: string): Document => {
  const value = args[field];
  if (!isPlainDocument(value)) throw new Error(`argument '${field}' must be a document`);
  return value;
};
/** An array-of-documents argument. */
export const docs = (args: Args, field: string): Document[] => {
  const value = args[field];
  if (!Array.isArray(value) || !value.every(isPlainDocument))
    throw new Error(`argument '${field}' must be an array of documents`);
  return value;
};

export const updateOf = (args: Args): Document | Document[] => {
  const value = args.update;
  if (isPlainDocument(value)) return value;
  if (Array.isArray(value) && value.every(isPlainDocument)) return value;
  throw new Error("argument 'update' must be a document or a pipeline");
};

/** Bulk write models in the driver's shape (the spec uses the same names). */
export function bulkRequests(args: Args): AnyBulkWriteOperation[] {
  return docs(args, 'requests').map((request): AnyBulkWriteOperation => {
    const [kind] = Object.keys(request);
    const model = kind === undefined ? undefined : request[kind];
    if (!isPlainDocument(model)) throw new Error('bulk write request must be { <kind>: { ... } }');
    const filter = isPlainDocument(model.filter) ? model.filter : {};
    const options = {
      ...(model.upsert === undefined ? {} : { upsert: Boolean(model.upsert) }),
      ...(Array.isArray(model.arrayFilters)
        ? { arrayFilters: model.arrayFilters.filter(isPlainDocument) }
        : {}),
      ...(isPlainDocument(model.hint) || typeof model.hint === 'string' ? { hint: model.hint } : {}),
    };
    switch (kind) {
      case 'insertOne':
        return { insertOne: { document: doc(model, 'document') } };
      case 'updateOne':
        return { updateOne: { filter, update: updateOf(model), ...options } };
      case 'updateMany':
        return { updateMany: { filter, update: updateOf(model), ...options } };
      case 'replaceOne':
        return { replaceOne: { filter, replacement: doc(model, 'replacement'), ...options } };
      case 'deleteOne':
        return { deleteOne: { filter } };
      case 'deleteMany':
        return { deleteMany: { filter } };
      default:
        throw new UnsupportedFeatureError(`bulk write model '${String(kind)}'`);
    }
  });
}
