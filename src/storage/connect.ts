import path from 'node:path';
import { type EmbeddedMongo, startEmbeddedMongo } from '@wxcc-order-setup/embedded-mongo';
import { type Db, MongoClient } from 'mongodb';
import type { Logger } from '../log/logger.js';

export interface StorageOptions {
  /** A MongoDB connection string; when absent the embedded server is started in-process. */
  uri: string | undefined;
  dbName: string;
  /** Where the embedded server keeps its files (`<dataDir>/db`); `undefined` keeps them in memory. */
  dataDir: string | undefined;
  logger: Logger;
}

export interface Storage {
  readonly client: MongoClient;
  readonly db: Db;
  /** Another database on the same server (the local Webex emulator keeps its state in one). */
  database(name: string): Db;
  readonly uri: string;
  readonly embedded: boolean;
  /** True when the server answers a ping within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects to MongoDB, starting the embedded MongoDB-compatible server first when no URI is given.
 * The app talks to either through the official driver, so nothing above this layer can tell them apart.
 */
export async function connectStorage(options: StorageOptions): Promise<Storage> {
  let embedded: EmbeddedMongo | undefined;
  let uri = options.uri;
  if (uri === undefined) {
    const dbPath = options.dataDir === undefined ? undefined : path.resolve(options.dataDir, 'db');
    embedded = await startEmbeddedMongo({
      port: 0,
      ...(dbPath === undefined ? {} : { dbPath }),
      logger: {
        info: (msg) => options.logger.info({ component: 'embedded-mongo' }, msg),
        warn: (msg) => options.logger.warn({ component: 'embedded-mongo' }, msg),
      },
    });
    uri = embedded.uri;
    options.logger.info({ dbPath: dbPath ?? '(memory)' }, 'embedded MongoDB-compatible server started');
  }
  // Short server selection: a database that cannot be reached should surface as an error
  // (and a failing /readyz) in seconds, not after the driver's 30 s default.
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, appName: 'wxcc-order-setup-bot' });
  try {
    await client.connect();
  } catch (error) {
    await embedded?.close();
    throw new Error(`Cannot connect to MongoDB at ${redactUri(uri)}: ${(error as Error).message}`);
  }
  const db = client.db(options.dbName);
  return {
    client,
    db,
    database: (name) => client.db(name),
    uri,
    embedded: embedded !== undefined,
    async ping(timeoutMs = 2_000) {
      try {
        await db.command({ ping: 1 }, { timeoutMS: timeoutMs });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
      await embedded?.close();
    },
  };
}

/** Hides the password of a connection string before it reaches a log or an error message. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
