/**
 * `delete`: a list of `{ q, limit }` statements (limit 0 = all matches, 1 = the first).
 */

import { deleteDocuments } from '../catalog/write-operations.js';
import { createMongoError, MongoCommandError } from '../errors/mongo-error.js';
import {
  type CommandHandler,
  collectionName,
  optionalBoolean,
  optionalCount,
  optionalDocument,
  requireArray,
  statementContext,
} from './command-context.js';
import { toWriteError, type WriteError } from './write-errors.js';

/** Runs delete statements; answers `{ n, writeErrors? }`. */
export const deleteCommand: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const statements = requireArray(ctx, 'deletes');
  const ordered = optionalBoolean(ctx, 'ordered') ?? true;
  const collection = ctx.server.catalog.get(ctx.db, name);
  let n = 0;
  const writeErrors: WriteError[] = [];
  for (const [index, raw] of statements.entries()) {
    try {
      const st = statementContext(ctx, raw, 'deletes');
      const filter = optionalDocument(st, 'q');
      if (filter === undefined)
        throw createMongoError(40414, "BSON field 'delete.deletes.q' is missing but a required field");
      const limit = optionalCount(st, 'limit');
      if (limit === undefined)
        throw createMongoError(40414, "BSON field 'delete.deletes.limit' is missing but a required field");
      if (limit !== 0 && limit !== 1)
        throw createMongoError(9, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
      if (!collection) continue;
      n += deleteDocuments(collection, filter, limit).length;
    } catch (error) {
      if (!(error instanceof MongoCommandError)) throw error;
      writeErrors.push(toWriteError(index, error));
      if (ordered) break;
    }
  }
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
};
