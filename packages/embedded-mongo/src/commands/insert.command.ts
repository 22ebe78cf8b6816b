/**
 * `insert`: documents from the body or a kind 1 sequence; ordered inserts stop at the first error.
 */

import { insertDocument } from '../catalog/write-operations.js';
import { createMongoError, MongoCommandError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';
import { type CommandHandler, collectionName, optionalBoolean, requireArray } from './command-context.js';
import { toWriteError, type WriteError } from './write-errors.js';

/** Inserts documents; answers `{ n, writeErrors? }`. */
export const insertCommand: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const documents = requireArray(ctx, 'documents');
  const ordered = optionalBoolean(ctx, 'ordered') ?? true;
  const collection = ctx.server.catalog.ensure(ctx.db, name);
  let n = 0;
  const writeErrors: WriteError[] = [];
  for (const [index, doc] of documents.entries()) {
    try {
      if (!isPlainDocument(doc)) throw createMongoError(14, 'document to insert must be an object');
      insertDocument(collection, doc);
      n++;
    } catch (error) {
      if (!(error instanceof MongoCommandError)) throw error;
      writeErrors.push(toWriteError(index, error));
      if (ordered) break;
    }
  }
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
};
