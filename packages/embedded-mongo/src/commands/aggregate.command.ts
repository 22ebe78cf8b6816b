/**
 * `aggregate`: a pipeline over a collection (or `aggregate: 1` with `$documents`), answered with a
 * cursor. `$out` replaces the target collection with the results.
 */
import { runPipeline } from '../aggregate/aggregation-pipeline.js';
import { insertDocument } from '../catalog/write-operations.js';
import { createMongoError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';
import { type CommandHandler, optionalCount, requireArray } from './command-context.js';

/** Runs a pipeline; answers `{ cursor: { firstBatch, id, ns } }`. */
export const aggregateCommand: CommandHandler = (ctx) => {
  const target = ctx.body.aggregate;
  const pipeline = requireArray(ctx, 'pipeline');
  const cursorSpec = ctx.body.cursor;
  if (ctx.body.explain) throw createMongoError(115, 'explain is not supported by this server');
  if (!isPlainDocument(cursorSpec)) {
    throw createMongoError(
      9,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const catalog = ctx.server.catalog;
  let input: Record<string, unknown>[] = [];
  let stages = pipeline;
  let collectionLabel: string;
  if (typeof target === 'string') {
    collectionLabel = target;
    const collection = catalog.get(ctx.db, target);
    const [first] = pipeline;
    if (isPlainDocument(first) && isPlainDocument(first.$match) && collection) {
      // A leading $match can use the collection's indexes (countDocuments by _id, for instance).
      input = collection.find(first.$match).map((r) => r.doc);
      stages = pipeline.slice(1);
    } else {
      input = [...(collection?.records() ?? [])].map((r) => r.doc);
    }
  } else {
    collectionLabel = '$cmd.aggregate';
    const [first] = pipeline;
    if (!isPlainDocument(first) || !Array.isArray(first.$documents)) {
      throw createMongoError(73, "{aggregate: 1} is not valid for '$match'; a collection is required.");
    }
    input = first.$documents.filter(isPlainDocument);
    stages = pipeline.slice(1);
  }
  const last = stages[stages.length - 1];
  const outTarget = isPlainDocument(last) && typeof last.$out === 'string' ? last.$out : undefined;
  if (outTarget !== undefined) stages = stages.slice(0, -1);
  if (stages.some((s) => isPlainDocument(s) && ('$out' in s || '$merge' in s))) {
    throw createMongoError(40601, '$out/$merge can only be the final stage in the pipeline');
  }
  const results = runPipeline(input, stages, (name) =>
    [...(catalog.get(ctx.db, name)?.records() ?? [])].map((r) => r.doc),
  );
  if (outTarget !== undefined) {
    catalog.drop(ctx.db, outTarget);
    const collection = catalog.create(ctx.db, outTarget, {});
    for (const doc of results) insertDocument(collection, doc);
    const empty = ctx.server.cursors.open(`${ctx.db}.${collectionLabel}`, [], 0, true);
    return { cursor: { firstBatch: empty.batch, id: empty.id, ns: empty.ns } };
  }
  const batchSize = optionalCount({ ...ctx, body: cursorSpec }, 'batchSize');
  const result = ctx.server.cursors.open(`${ctx.db}.${collectionLabel}`, results, batchSize ?? 101, false);
  return { cursor: { firstBatch: result.batch, id: result.id, ns: result.ns } };
};
