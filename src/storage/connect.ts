import path from 'node:path';
import { type EmbeddedMongo, startEmbeddedMongo } from '@wxcc-order-setup/embedded-mongo';
import {
  type Db,
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
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
  const client = new MongoClient(uri, { ...OUTAGE_TIMEOUTS, appName: 'wxcc-order-setup-bot' });
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
    async ping(timeoutMs = 800) {
      // Raced with a timer too: a stalled server (a paused process) may hold the command past the
      // driver's own bound, and /readyz must answer within a second.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answered = db.command({ ping: 1 }, { timeoutMS: timeoutMs }).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answered, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await client.close();
      await embedded?.close();
    },
  };
}

/**
 * How quickly an unreachable database surfaces as an error. Server selection gives up after 5 s
 * (the driver's default is 30 s). A server that stops answering on an open connection (a paused
 * process, a network partition) is noticed by the monitor's heartbeat every 2 s, bounded by the
 * 2 s connect timeout, which clears the pool and fails the operations in flight; a socket that
 * stays silent for 15 s fails on its own as a last resort (no operation of the bot takes that long).
 */
const OUTAGE_TIMEOUTS = {
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 2_000,
  heartbeatFrequencyMS: 2_000,
  socketTimeoutMS: 15_000,
} as const;

/**
 * Whether a failure means the database is unreachable right now (not that the request was wrong):
 * worth answering 503 with Retry-After, or keeping an event to process again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // MongoNetworkError covers its timeouts and the pool-cleared error of a server marked unknown.
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError
  );
}

/** Hides the password of a connection string before it reaches a log or an error message. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
