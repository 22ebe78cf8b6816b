/**
 * Starts an in-memory embedded server and a driver client for one test file.
 */
import { type Binary, type Db, type Document, type Long, MongoClient, type ObjectId } from 'mongodb';
import { type EmbeddedMongo, type EmbeddedMongoOptions, startEmbeddedMongo } from '../src/index.js';

/** A document with any `_id` type, for tests that use strings, numbers or UUIDs as ids. */
export interface LooseDocument extends Document {
  _id?: string | number | ObjectId | Binary | Date | Long | null;
}

export interface EmbeddedMongoFixture {
  readonly server: EmbeddedMongo;
  readonly client: MongoClient;
  readonly db: Db;
  close(): Promise<void>;
}

/** Starts a server and connects a client to a database named after the test file. */
export async function startFixture(
  dbName: string,
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongoFixture> {
  const server = await startEmbeddedMongo(options);
  const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  return {
    server,
    client,
    db: client.db(dbName),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
