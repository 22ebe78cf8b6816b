/**
 * Namespace commands: `create`, `drop`, `dropDatabase`, `listCollections`, `listDatabases`,
 * `renameCollection`, and small `collStats`/`dbStats` answers.
 */
import { BSON } from 'bson';
import { ID_INDEX_SPEC } from '../catalog/stored-collection.js';
import { createMongoError } from '../errors/mongo-error.js';
import { compileFilter } from '../query/query-matcher.js';
import { type CommandHandler, collectionName, optionalBoolean, optionalDocument } from './command-context.js';

const IGNORED_CREATE_OPTIONS = new Set([
  'create',
  '$db',
  'lsid',
  'writeConcern',
  'comment',
  '$readPreference',
  'apiVersion',
]);

const create: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  if (ctx.body.viewOn !== undefined) throw createMongoError(115, 'views are not supported by this server');
  const options = Object.fromEntries(
    Object.entries(ctx.body).filter(([k]) => !IGNORED_CREATE_OPTIONS.has(k)),
  );
  ctx.server.catalog.create(ctx.db, name, options);
  return {};
};

const drop: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const collection = ctx.server.catalog.get(ctx.db, name);
  if (!collection) throw createMongoError(26, 'ns not found');
  const nIndexesWas = collection.indexSpecs().length;
  ctx.server.catalog.drop(ctx.db, name);
  return { ns: `${ctx.db}.${name}`, nIndexesWas };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.server.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db };
};

const listCollections: CommandHandler = (ctx) => {
  const filter = compileFilter(optionalDocument(ctx, 'filter') ?? {});
  const nameOnly = optionalBoolean(ctx, 'nameOnly') ?? false;
  const entries = ctx.server.catalog
    .collections(ctx.db)
    .map((c) =>
      nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: c.options,
            info: { readOnly: false },
            idIndex: ID_INDEX_SPEC,
          },
    )
    .filter((entry) => filter(entry));
  const cursorSpec = optionalDocument(ctx, 'cursor');
  const batchSize =
    typeof cursorSpec?.batchSize === 'number' ? cursorSpec.batchSize : Number.POSITIVE_INFINITY;
  const result = ctx.server.cursors.open(`${ctx.db}.$cmd.listCollections`, entries, batchSize, false);
  return { cursor: { id: result.id, ns: result.ns, firstBatch: result.batch } };
};

function approximateSize(docs: Iterable<{ doc: Record<string, unknown> }>): number {
  let bytes = 0;
  for (const r of docs) bytes += BSON.calculateObjectSize(r.doc);
  return bytes;
}

const listDatabases: CommandHandler = (ctx) => {
  const catalog = ctx.server.catalog;
  const filter = compileFilter(optionalDocument(ctx, 'filter') ?? {});
  const nameOnly = optionalBoolean(ctx, 'nameOnly') ?? false;
  const databases = catalog
    .databaseNames()
    .map((name) => {
      const sizeOnDisk = catalog.collections(name).reduce((sum, c) => sum + approximateSize(c.records()), 0);
      return nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter((d) => filter(d));
  const totalSize = databases.reduce((sum, d) => sum + ('sizeOnDisk' in d ? d.sizeOnDisk : 0), 0);
  return nameOnly
    ? { databases }
    : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1024 / 1024) };
};

function splitNamespace(value: unknown, field: string): [string, string] {
  if (typeof value !== 'string' || !value.includes('.'))
    throw createMongoError(73, `Invalid namespace specified '${String(value)}' for ${field}`);
  const dot = value.indexOf('.');
  return [value.slice(0, dot), value.slice(dot + 1)];
}

const renameCollection: CommandHandler = (ctx) => {
  const [fromDb, fromName] = splitNamespace(ctx.body.renameCollection, 'renameCollection');
  const [toDb, toName] = splitNamespace(ctx.body.to, 'to');
  const catalog = ctx.server.catalog;
  const source = catalog.get(fromDb, fromName);
  if (!source) throw createMongoError(26, 'source namespace does not exist');
  if (catalog.get(toDb, toName)) {
    if (!(optionalBoolean(ctx, 'dropTarget') ?? false)) throw createMongoError(48, 'target namespace exists');
    catalog.drop(toDb, toName);
  }
  const target = catalog.create(toDb, toName, source.options);
  for (const spec of source.indexSpecs().slice(1)) target.addIndex(spec);
  for (const r of source.records()) target.insert(r.doc);
  catalog.drop(fromDb, fromName);
  return {};
};

const collStats: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const collection = ctx.server.catalog.get(ctx.db, name);
  if (!collection) throw createMongoError(26, `Collection [${ctx.db}.${name}] not found.`);
  const size = approximateSize(collection.records());
  return {
    ns: `${ctx.db}.${name}`,
    count: collection.size,
    size,
    storageSize: size,
    nindexes: collection.indexSpecs().length,
  };
};

const dbStats: CommandHandler = (ctx) => {
  const collections = ctx.server.catalog.collections(ctx.db);
  const objects = collections.reduce((sum, c) => sum + c.size, 0);
  const dataSize = collections.reduce((sum, c) => sum + approximateSize(c.records()), 0);
  return { db: ctx.db, collections: collections.length, views: 0, objects, dataSize, storageSize: dataSize };
};

/** Namespace commands. */
export const COLLECTION_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  renameCollection,
  collStats,
  dbStats,
};
