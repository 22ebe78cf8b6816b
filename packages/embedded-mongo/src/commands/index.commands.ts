/**
 * `createIndexes`, `listIndexes`, `dropIndexes` with MongoDB's conflict rules and codes.
 */

import { createMongoError } from '../errors/mongo-error.js';
import type { IndexSpec } from '../index/collection-index.js';
import { isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { canonicalKey } from '../values/canonical-key.js';
import { type CommandHandler, collectionName, requireArray } from './command-context.js';

const ALLOWED_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'expireAfterSeconds',
  'partialFilterExpression',
  'background',
  'v',
  'hidden',
  'collation',
  'ns',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  'wildcardProjection',
]);
const COMPARED_OPTIONS = ['unique', 'sparse', 'expireAfterSeconds', 'partialFilterExpression'] as const;

function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainDocument(raw))
    throw createMongoError(
      14,
      "BSON field 'createIndexes.indexes' element is the wrong type, expected object",
    );
  const key = raw.key;
  if (!isPlainDocument(key) || Object.keys(key).length === 0) {
    throw createMongoError(67, 'Index keys cannot be an empty field.');
  }
  for (const [field, direction] of Object.entries(key)) {
    if (isNumeric(direction)) {
      if (Number(toComparableNumber(direction)) === 0)
        throw createMongoError(67, `Values in the index key pattern can't be 0: ${field}`);
    } else if (direction !== 'hashed') {
      throw createMongoError(67, `Unknown index plugin '${String(direction)}'`);
    }
  }
  if (typeof raw.name !== 'string' || raw.name === '') {
    throw createMongoError(
      9,
      "Error in specification: the 'name' field is a required property of an index specification",
    );
  }
  for (const option of Object.keys(raw)) {
    if (!ALLOWED_OPTIONS.has(option)) {
      throw createMongoError(
        197,
        `The field '${option}' is not valid for an index specification. Specification: ${JSON.stringify(raw)}`,
      );
    }
  }
  const spec: IndexSpec = { v: 2, key, name: raw.name };
  if (raw.unique !== undefined && raw.unique !== false) spec.unique = Boolean(raw.unique);
  if (raw.sparse !== undefined && raw.sparse !== false) spec.sparse = Boolean(raw.sparse);
  if (raw.expireAfterSeconds !== undefined) {
    const ttl = isNumeric(raw.expireAfterSeconds)
      ? Number(toComparableNumber(raw.expireAfterSeconds))
      : Number.NaN;
    if (!Number.isFinite(ttl) || ttl < 0)
      throw createMongoError(67, "TTL index 'expireAfterSeconds' option must be a non-negative number");
    if (Object.keys(key).length !== 1)
      throw createMongoError(67, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    spec.expireAfterSeconds = Math.trunc(ttl);
  }
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainDocument(raw.partialFilterExpression))
      throw createMongoError(67, 'partialFilterExpression must be an object');
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (spec.name === '_id_' || canonicalKey(key) === canonicalKey({ _id: 1 })) {
    if (spec.unique === false || spec.sparse || spec.partialFilterExpression) {
      throw createMongoError(197, "The field 'unique' is not valid for an _id index specification");
    }
  }
  return spec;
}

const sameOptions = (a: IndexSpec, b: IndexSpec): boolean =>
  COMPARED_OPTIONS.every((o) => canonicalKey(a[o] ?? null) === canonicalKey(b[o] ?? null));

const createIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const specs = requireArray(ctx, 'indexes').map(parseIndexSpec);
  if (specs.length === 0) throw createMongoError(2, 'Must specify at least one index to create');
  const catalog = ctx.server.catalog;
  const createdCollectionAutomatically = catalog.get(ctx.db, name) === undefined;
  const collection = catalog.ensure(ctx.db, name);
  const numIndexesBefore = collection.indexSpecs().length;
  for (const spec of specs) {
    const existing = collection.indexSpecs();
    const byName = existing.find((e) => e.name === spec.name);
    const byKey = existing.find((e) => canonicalKey(e.key) === canonicalKey(spec.key));
    if (byName) {
      if (canonicalKey(byName.key) !== canonicalKey(spec.key)) {
        throw createMongoError(
          86,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName)}`,
        );
      }
      if (byName.name !== '_id_' && !sameOptions(byName, spec)) {
        throw createMongoError(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName)}`,
        );
      }
      continue;
    }
    if (byKey) {
      if (sameOptions(byKey, spec) || byKey.name === '_id_') {
        throw createMongoError(85, `Index already exists with a different name: ${byKey.name}`);
      }
      throw createMongoError(
        85,
        `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byKey)}`,
      );
    }
    collection.addIndex(spec);
  }
  const numIndexesAfter = collection.indexSpecs().length;
  return {
    numIndexesBefore,
    numIndexesAfter,
    createdCollectionAutomatically,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
  };
};

const listIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const collection = ctx.server.catalog.get(ctx.db, name);
  if (!collection) throw createMongoError(26, `ns does not exist: ${ctx.db}.${name}`);
  const result = ctx.server.cursors.open(
    `${ctx.db}.${name}`,
    collection.indexSpecs(),
    Number.POSITIVE_INFINITY,
    false,
  );
  return { cursor: { id: result.id, ns: result.ns, firstBatch: result.batch } };
};

const dropIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const collection = ctx.server.catalog.get(ctx.db, name);
  if (!collection) throw createMongoError(26, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = collection.indexSpecs().length;
  const target = ctx.body.index;
  const secondary = collection.indexSpecs().slice(1);
  let names: string[];
  if (target === '*') names = secondary.map((s) => s.name);
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainDocument(target)) {
    const match = collection.indexSpecs().find((s) => canonicalKey(s.key) === canonicalKey(target));
    if (!match) throw createMongoError(27, `can't find index with key: ${JSON.stringify(target)}`);
    names = [match.name];
  } else throw createMongoError(14, "BSON field 'dropIndexes.index' is the wrong type");
  for (const indexName of names) {
    if (indexName === '_id_') throw createMongoError(72, 'cannot drop _id index');
    if (!secondary.some((s) => s.name === indexName))
      throw createMongoError(27, `index not found with name [${indexName}]`);
  }
  for (const indexName of names) collection.dropIndex(indexName);
  return { nIndexesWas };
};

/** Index commands. */
export const INDEX_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
