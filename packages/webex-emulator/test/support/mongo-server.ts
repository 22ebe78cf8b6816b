/**
 * A MongoDB for one test file: the server at `MONGODB_URI` when set, the embedded one otherwise.
 */
import { type EmbeddedMongo, startEmbeddedMongo } from '@wxcc-order-setup/embedded-mongo';
import { type Db, MongoClient } from 'mongodb';

export interface TestMongo {
  readonly uri: string;
  /** The test file's database. */
  readonly db: Db;
  /** Another database on the same server. */
  database(name: string): Db;
  close(): Promise<void>;
}

/** Connects a client (starting the embedded server first when no URI is set) to `dbName`. */
export async function startTestMongo(dbName: string, uri = process.env.MONGODB_URI): Promise<TestMongo> {
  const embedded: EmbeddedMongo | undefined = uri ? undefined : await startEmbeddedMongo();
  const serverUri = uri ?? embedded?.uri ?? '';
  const client = await MongoClient.connect(serverUri, { serverSelectionTimeoutMS: 5_000 });
  return {
    uri: serverUri,
    db: client.db(dbName),
    database: (name) => client.db(name),
    close: async () => {
      await client.close();
      await embedded?.close();
    },
  };
}
