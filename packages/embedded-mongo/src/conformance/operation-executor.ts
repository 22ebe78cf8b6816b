/**
 * Runs one unified-format operation through the official driver and turns its result into a plain
 * value the matcher understands (result classes become documents, cursors become arrays).
 */
import type { BulkWriteResult, Collection, Db, Document, MongoClient } from 'mongodb';
import { isPlainDocument } from '../values/bson-value.js';
import { type Args, bulkRequests, doc, docs, updateOf } from './operation-arguments.js';
import type { SpecOperation } from './spec-file.schema.js';
import { type EntityMap, UnsupportedFeatureError } from './test-entities.js';

/** Driver options from the remaining arguments (session resolved, returnDocument lower-cased). */
function optionsOf(args: Args, entities: EntityMap, positional: readonly string[]): Document {
  const options: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (positional.includes(key)) continue;
    if (key === 'session' && typeof value === 'string') {
      const session = entities.get(value);
      if (session.kind !== 'session') throw new Error(`'${value}' is not a session`);
      options.session = session.session;
    } else if (key === 'returnDocument' && typeof value === 'string') {
      options.returnDocument = value.toLowerCase();
    } else {
      options[key] = value;
    }
  }
  return options;
}

/** A BulkWriteResult as the CRUD spec names its fields. */
export function bulkResultDocument(result: BulkWriteResult): Document {
  return {
    deletedCount: result.deletedCount,
    insertedCount: result.insertedCount,
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedCount: result.upsertedCount,
    upsertedIds: { ...result.upsertedIds },
    insertedIds: { ...result.insertedIds },
  };
}

async function runCollectionOperation(
  collection: Collection,
  name: string,
  args: Args,
  entities: EntityMap,
): Promise<unknown> {
  const o = (...positional: string[]) => optionsOf(args, entities, positional);
  switch (name) {
    case 'insertOne':
      return { ...(await collection.insertOne(doc(args, 'document'), o('document'))) };
    case 'insertMany':
      return { ...(await collection.insertMany(docs(args, 'documents'), o('documents'))) };
    case 'updateOne':
      return { ...(await collection.updateOne(doc(args, 'filter'), updateOf(args), o('filter', 'update'))) };
    case 'updateMany':
      return { ...(await collection.updateMany(doc(args, 'filter'), updateOf(args), o('filter', 'update'))) };
    case 'replaceOne':
      return {
        ...(await collection.replaceOne(
          doc(args, 'filter'),
          doc(args, 'replacement'),
          o('filter', 'replacement'),
        )),
      };
    case 'deleteOne':
      return { ...(await collection.deleteOne(doc(args, 'filter'), o('filter'))) };
    case 'deleteMany':
      return { ...(await collection.deleteMany(doc(args, 'filter'), o('filter'))) };
    case 'findOneAndUpdate':
      return collection.findOneAndUpdate(doc(args, 'filter'), updateOf(args), o('filter', 'update'));
    case 'findOneAndReplace':
      return collection.findOneAndReplace(
        doc(args, 'filter'),
        doc(args, 'replacement'),
        o('filter', 'replacement'),
      );
    case 'findOneAndDelete':
      return collection.findOneAndDelete(doc(args, 'filter'), o('filter'));
    case 'aggregate':
      return collection.aggregate(docs(args, 'pipeline'), o('pipeline')).toArray();
    case 'find':
      return collection.find(doc(args, 'filter'), o('filter')).toArray();
    case 'findOne':
      return collection.findOne(doc(args, 'filter'), o('filter'));
    case 'countDocuments':
      return collection.countDocuments(doc(args, 'filter'), o('filter'));
    case 'estimatedDocumentCount':
      return collection.estimatedDocumentCount(o());
    case 'count':
      return collection.count(isPlainDocument(args.filter) ? args.filter : {}, o('filter'));
    case 'distinct':
      return collection.distinct(
        String(args.fieldName),
        isPlainDocument(args.filter) ? args.filter : {},
        o('fieldName', 'filter'),
      );
    case 'bulkWrite':
      return bulkResultDocument(await collection.bulkWrite(bulkRequests(args), o('requests')));
    case 'createIndex':
      return collection.createIndex(doc(args, 'keys'), o('keys'));
    case 'dropIndex':
      return collection.dropIndex(String(args.name), o('name'));
    case 'listIndexes':
      return collection.listIndexes(o()).toArray();
    case 'drop':
      return collection.drop(o());
    default:
      throw new UnsupportedFeatureError(`collection operation '${name}'`);
  }
}

async function runDatabaseOperation(db: Db, name: string, args: Args, entities: EntityMap): Promise<unknown> {
  const o = (...positional: string[]) => optionsOf(args, entities, positional);
  switch (name) {
    case 'runCommand':
      return db.command(doc(args, 'command'), o('command', 'commandName'));
    case 'aggregate':
      return db.aggregate(docs(args, 'pipeline'), o('pipeline')).toArray();
    case 'createCollection':
      await db.createCollection(String(args.collection), o('collection'));
      return undefined;
    case 'dropCollection':
      return db.dropCollection(String(args.collection), o('collection'));
    case 'listCollections':
      return db.listCollections(isPlainDocument(args.filter) ? args.filter : {}, o('filter')).toArray();
    case 'listCollectionNames':
      return (
        await db
          .listCollections(isPlainDocument(args.filter) ? args.filter : {}, { nameOnly: true })
          .toArray()
      ).map((c) => c.name);
    default:
      throw new UnsupportedFeatureError(`database operation '${name}'`);
  }
}

async function runClientOperation(
  client: MongoClient,
  name: string,
  args: Args,
  entities: EntityMap,
): Promise<unknown> {
  switch (name) {
    case 'listDatabases':
      return (
        await client
          .db('admin')
          .admin()
          .listDatabases(optionsOf(args, entities, []))
      ).databases;
    case 'listDatabaseNames':
      return (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map(
        (d) => d.name,
      );
    default:
      throw new UnsupportedFeatureError(`client operation '${name}'`);
  }
}

/** Executes an operation on its entity and returns the normalized result. */
export async function executeOperation(operation: SpecOperation, entities: EntityMap): Promise<unknown> {
  if (operation.object === 'testRunner')
    throw new UnsupportedFeatureError(
      `test runner operation '${operation.name}' (fail points, event assertions)`,
    );
  const entity = entities.get(operation.object);
  const args = operation.arguments ?? {};
  switch (entity.kind) {
    case 'collection':
      return runCollectionOperation(entity.collection, operation.name, args, entities);
    case 'database':
      return runDatabaseOperation(entity.db, operation.name, args, entities);
    case 'client':
      return runClientOperation(entity.client, operation.name, args, entities);
    default:
      throw new UnsupportedFeatureError(`operations on a ${entity.kind} entity`);
  }
}
