/**
 * `update`: a list of `{ q, u, upsert, multi, arrayFilters }` statements.
 */

import { updateDocuments } from '../catalog/write-operations.js';
import { createMongoError, MongoCommandError } from '../errors/mongo-error.js';
import {
  type CommandHandler,
  collectionName,
  optionalBoolean,
  optionalDocument,
  requireArray,
  statementContext,
} from './command-context.js';
import { toWriteError, type WriteError } from './write-errors.js';

/** Runs update statements; answers `{ n, nModified, upserted?, writeErrors? }`. */
export const updateCommand: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const statements = requireArray(ctx, 'updates');
  const ordered = optionalBoolean(ctx, 'ordered') ?? true;
  const catalog = ctx.server.catalog;
  let n = 0;
  let nModified = 0;
  const upserted: Array<{ index: number; _id: unknown }> = [];
  const writeErrors: WriteError[] = [];
  for (const [index, raw] of statements.entries()) {
    try {
      const st = statementContext(ctx, raw, 'updates');
      const filter = optionalDocument(st, 'q') ?? {};
      const update = st.body.u;
      if (update === undefined)
        throw createMongoError(40414, "BSON field 'update.updates.u' is missing but a required field");
      const arrayFilters = st.body.arrayFilters;
      if (arrayFilters !== undefined && !Array.isArray(arrayFilters)) {
        throw createMongoError(
          14,
          "BSON field 'update.updates.arrayFilters' is the wrong type, expected type 'array'",
        );
      }
      const upsert = optionalBoolean(st, 'upsert') ?? false;
      const collection = upsert ? catalog.ensure(ctx.db, name) : catalog.get(ctx.db, name);
      if (!collection) continue;
      const outcome = updateDocuments(collection, {
        filter,
        update,
        upsert,
        multi: optionalBoolean(st, 'multi') ?? false,
        arrayFilters,
        sort: optionalDocument(st, 'sort'),
      });
      n += outcome.matched;
      nModified += outcome.modified;
      if (outcome.upsertedId !== undefined) {
        n += 1;
        upserted.push({ index, _id: outcome.upsertedId });
      }
    } catch (error) {
      if (!(error instanceof MongoCommandError)) throw error;
      writeErrors.push(toWriteError(index, error));
      if (ordered) break;
    }
  }
  return {
    n,
    nModified,
    ...(upserted.length > 0 ? { upserted } : {}),
    ...(writeErrors.length > 0 ? { writeErrors } : {}),
  };
};
