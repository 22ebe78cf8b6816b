/**
 * `find`, `getMore`, `killCursors`, `count` and `distinct`.
 */
import { Long } from 'bson';
import { queryDocuments } from '../catalog/query-runner.js';
import { createMongoError } from '../errors/mongo-error.js';
import { compileProjection } from '../query/projection.js';
import { canonicalKey } from '../values/canonical-key.js';
import { collectPathValues, MISSING, splitPath } from '../values/document-path.js';
import {
  type CommandContext,
  type CommandHandler,
  collectionName,
  optionalBoolean,
  optionalCount,
  optionalDocument,
  optionalNumber,
} from './command-context.js';

const DEFAULT_FIRST_BATCH = 101;

const find: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const rawLimit = optionalNumber(ctx, 'limit');
  const singleBatch =
    (optionalBoolean(ctx, 'singleBatch') ?? false) || (rawLimit !== undefined && rawLimit < 0);
  const limit = rawLimit === undefined ? undefined : Math.abs(Math.trunc(rawLimit));
  const batchSize = optionalCount(ctx, 'batchSize');
  const projector = compileProjection(optionalDocument(ctx, 'projection'));
  if (ctx.body.tailable)
    throw createMongoError(2, 'error processing query: tailable cursor requested on non capped collection');
  const docs = queryDocuments(ctx.server.catalog.get(ctx.db, name), optionalDocument(ctx, 'filter'), {
    sort: optionalDocument(ctx, 'sort'),
    skip: optionalCount(ctx, 'skip'),
    limit,
  });
  const projected = projector ? docs.map(projector) : docs;
  const first = batchSize ?? DEFAULT_FIRST_BATCH;
  const result = ctx.server.cursors.open(`${ctx.db}.${name}`, projected, first, singleBatch);
  return { cursor: { firstBatch: result.batch, id: result.id, ns: result.ns } };
};

function cursorIdOf(ctx: CommandContext): bigint {
  const raw = ctx.body.getMore;
  if (raw instanceof Long) return raw.toBigInt();
  if (typeof raw === 'number' && Number.isInteger(raw)) return BigInt(raw);
  throw createMongoError(14, `BSON field 'getMore.getMore' is the wrong type, expected type 'long'`);
}

const getMore: CommandHandler = (ctx) => {
  const id = cursorIdOf(ctx);
  const name = ctx.body.collection;
  if (typeof name !== 'string')
    throw createMongoError(14, "BSON field 'getMore.collection' is the wrong type, expected type 'string'");
  const batchSize = optionalCount(ctx, 'batchSize');
  const result = ctx.server.cursors.next(
    id,
    `${ctx.db}.${name}`,
    batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY,
  );
  if (!result) throw createMongoError(43, `cursor id ${id} not found`);
  return { cursor: { nextBatch: result.batch, id: result.id, ns: result.ns } };
};

const killCursors: CommandHandler = (ctx) => {
  collectionName(ctx);
  const ids = Array.isArray(ctx.body.cursors) ? ctx.body.cursors : [];
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const raw of ids) {
    const id = raw instanceof Long ? raw : Long.fromNumber(Number(raw));
    (ctx.server.cursors.kill(id.toBigInt()) ? cursorsKilled : cursorsNotFound).push(id);
  }
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [] };
};

const count: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const docs = queryDocuments(ctx.server.catalog.get(ctx.db, name), optionalDocument(ctx, 'query'), {
    skip: optionalCount(ctx, 'skip'),
    limit:
      optionalNumber(ctx, 'limit') === undefined ? undefined : Math.abs(optionalNumber(ctx, 'limit') ?? 0),
  });
  return { n: docs.length };
};

const distinct: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const key = ctx.body.key;
  if (typeof key !== 'string')
    throw createMongoError(14, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const docs = queryDocuments(ctx.server.catalog.get(ctx.db, name), optionalDocument(ctx, 'query'), {});
  const parts = splitPath(key);
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const doc of docs) {
    for (const reached of collectPathValues(doc, parts)) {
      if (reached === MISSING) continue;
      for (const v of Array.isArray(reached) ? reached : [reached]) {
        const k = canonicalKey(v);
        if (!seen.has(k)) {
          seen.add(k);
          values.push(v);
        }
      }
    }
  }
  return { values };
};

/** Query and cursor commands. */
export const FIND_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
};
