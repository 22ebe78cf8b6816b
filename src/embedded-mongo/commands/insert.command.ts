/**
 * `insert`: documents from the body or a kind 1 sequence; ordered inserts stop at the first error.
 */
import { isPlainDocument } from '../engine/bson-value.js';
import { createMongoError, MongoCommandError } from '../engine/mongo-error.js';
import { insertDocument } from '../engine/write-operations.js';
import { receivedDocumentSizes } from '../wire/message-decoder.js';
import { MAX_BSON_OBJECT_SIZE } from '../wire/wire-constants.js';
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
      const size = receivedDocumentSizes.get(doc) ?? 0;
      if (size > MAX_BSON_OBJECT_SIZE) {
        throw createMongoError(
          10334,
          `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`,
        );
      }
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
