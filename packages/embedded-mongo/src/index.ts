/**
 * The embedded MongoDB-compatible server: speaks MongoDB's wire protocol on TCP so the official
 * driver (and the app's storage layer) use it like a standalone mongod. In memory by default;
 * durable with `dbPath` (journal + snapshot, see README.md).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Catalog } from './catalog/catalog.js';
import { CursorStore } from './catalog/cursor-store.js';
import { sweepExpiredDocuments } from './catalog/ttl-sweeper.js';
import type { ServerState } from './commands/command-context.js';
import { CommandRouter } from './commands/command-router.js';
import { openStorage, type Storage } from './journal/storage.js';
import { handleConnection, type ServerLogger } from './server/connection-handler.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks any free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Directory for the journal and snapshot; undefined keeps everything in memory. */
  dbPath?: string;
  logger?: { info(msg: string): void; warn(msg: string): void };
  /** How often TTL indexes are swept, in ms (default 1000; tests use less). */
  ttlSweepIntervalMs?: number;
  /** Journal size below which no compaction runs while serving (default 16 MB; tests use less). */
  journalCompactMinBytes?: number;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:PORT` */
  readonly uri: string;
  readonly port: number;
  /** Stops listening, closes connections, compacts and closes the journal. */
  close(): Promise<void>;
}

const silentLogger: ServerLogger = { info: () => {}, warn: () => {} };

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts a server; resolves once it accepts connections (and the journal is replayed). */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const catalog = new Catalog();
  const storage: Storage | undefined = options.dbPath
    ? await openStorage(options.dbPath, catalog, logger, options.journalCompactMinBytes)
    : undefined;
  let boundPort = 0;
  const state: ServerState = {
    catalog,
    cursors: new CursorStore(),
    startedAt: new Date(),
    host,
    port: () => boundPort,
    journalStats: () => (storage ? { appends: storage.appended(), fsyncs: storage.syncCount } : undefined),
  };
  const router = new CommandRouter(state, storage);
  const sockets = new Set<Socket>();
  let nextConnectionId = 1;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    handleConnection(socket, router, nextConnectionId++, logger);
  });
  try {
    boundPort = await listen(server, options.port ?? 0, host);
  } catch (error) {
    await storage?.close();
    throw error;
  }
  const sweep = setInterval(() => {
    // TTL deletes have no client waiting for them, so flush them here.
    if (sweepExpiredDocuments(catalog) > 0) {
      storage?.flush().catch((error: unknown) => logger.warn(`journal flush failed: ${String(error)}`));
    }
    state.cursors.expireIdle();
    storage?.maybeCompact();
  }, options.ttlSweepIntervalMs ?? 1000);
  sweep.unref();
  const uri = `mongodb://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  logger.info(
    `embedded MongoDB listening on ${uri}${options.dbPath ? ` (dbPath ${options.dbPath})` : ' (in memory)'}`,
  );
  let closing: Promise<void> | undefined;
  return {
    uri,
    port: boundPort,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweep);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await stopped;
        await storage?.close();
      })();
      return closing;
    },
  };
}
