/**
 * `findAndModify`: update, replace or remove one document and return it, in one synchronous step.
 */

import { deleteDocuments, updateDocuments } from '../catalog/write-operations.js';
import { createMongoError } from '../errors/mongo-error.js';
import { compileProjection } from '../query/projection.js';
import { type CommandHandler, collectionName, optionalBoolean, optionalDocument } from './command-context.js';

/** Answers `{ lastErrorObject: { n, updatedExisting, upserted? }, value }`. */
export const findAndModifyCommand: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const filter = optionalDocument(ctx, 'query') ?? {};
  const sort = optionalDocument(ctx, 'sort');
  const remove = optionalBoolean(ctx, 'remove') ?? false;
  const returnNew = optionalBoolean(ctx, 'new') ?? false;
  const upsert = optionalBoolean(ctx, 'upsert') ?? false;
  const update = ctx.body.update;
  const projector = compileProjection(optionalDocument(ctx, 'fields'));
  const arrayFilters = ctx.body.arrayFilters;
  if (arrayFilters !== undefined && !Array.isArray(arrayFilters)) {
    throw createMongoError(
      14,
      "BSON field 'findAndModify.arrayFilters' is the wrong type, expected type 'array'",
    );
  }
  if (remove && update !== undefined)
    throw createMongoError(9, 'Cannot specify both an update and remove=true');
  if (!remove && update === undefined)
    throw createMongoError(9, 'Either an update or remove=true must be specified');
  if (remove && returnNew) {
    throw createMongoError(
      9,
      "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
    );
  }
  if (remove && upsert) throw createMongoError(9, 'Cannot specify both upsert=true and remove=true');
  const project = (doc: Record<string, unknown> | undefined) =>
    doc && projector ? projector(doc) : (doc ?? null);
  const catalog = ctx.server.catalog;
  if (remove) {
    const collection = catalog.get(ctx.db, name);
    const [deleted] = collection ? deleteDocuments(collection, filter, 1, sort) : [];
    return { lastErrorObject: { n: deleted ? 1 : 0 }, value: project(deleted) };
  }
  const collection = upsert ? catalog.ensure(ctx.db, name) : catalog.get(ctx.db, name);
  if (!collection) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const outcome = updateDocuments(collection, { filter, update, upsert, multi: false, arrayFilters, sort });
  if (outcome.upsertedId !== undefined) {
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: outcome.upsertedId },
      value: returnNew ? project(outcome.after) : null,
    };
  }
  return {
    lastErrorObject: { n: outcome.matched, updatedExisting: outcome.matched > 0 },
    value: project(returnNew ? outcome.after : outcome.before),
  };
};
