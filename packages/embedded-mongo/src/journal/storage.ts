/**
 * Durable storage for a dbPath: takes the lock, loads the snapshot, replays the journals (cutting
 * off a torn tail), then journals every mutation and compacts (new snapshot + fresh journal) when
 * the journal outgrows the data and at clean shutdown. Format: see ../README.md.
 */
import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { Durability } from '../commands/command-router.js';
import { syncDirectory } from './fs-sync.js';
import { JournalWriter } from './journal-writer.js';
import { acquireDbPathLock } from './lock-file.js';
import { decodeMutation, encodeMutation } from './mutation-codec.js';
import { decodeRecords, encodeRecord } from './record-codec.js';
import { parseSnapshot, serializeSnapshot, writeSnapshotFile } from './snapshot-file.js';

/** Logger subset used for replay warnings. */
interface StorageLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** The journal as the server sees it. */
export interface Storage extends Durability {
  /** Starts a compaction in the background if the journal has outgrown the data. */
  maybeCompact(): void;
  /** Resolves once everything appended so far is on disk. */
  flush(): Promise<void>;
  /** Rewrites snapshot + journal now. */
  compact(): Promise<void>;
  /** Flushes, compacts, closes files and releases the lock. */
  close(): Promise<void>;
  /** fdatasync calls so far. */
  readonly syncCount: number;
}

/** Journals smaller than this are never compacted while running. */
const MIN_COMPACT_BYTES = 16 * 1024 * 1024;
const JOURNAL_NAME = /^journal-(\d+)\.bin$/;
const journalName = (generation: number): string => `journal-${String(generation).padStart(6, '0')}.bin`;

async function listJournals(dbPath: string): Promise<Array<{ generation: number; path: string }>> {
  const names = await readdir(dbPath);
  return names
    .map((name) => ({ match: JOURNAL_NAME.exec(name), name }))
    .filter((e) => e.match)
    .map((e) => ({ generation: Number(e.match?.[1]), path: join(dbPath, e.name) }))
    .sort((a, b) => a.generation - b.generation);
}

/** Opens (creating if needed) the storage of `dbPath` and loads it into `catalog`. */
export async function openStorage(
  dbPath: string,
  catalog: Catalog,
  logger: StorageLogger,
  compactMinBytes = MIN_COMPACT_BYTES,
): Promise<Storage> {
  await mkdir(dbPath, { recursive: true });
  const releaseLock = await acquireDbPathLock(dbPath);
  try {
    return await loadStorage(dbPath, catalog, logger, releaseLock, compactMinBytes);
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

async function loadStorage(
  dbPath: string,
  catalog: Catalog,
  logger: StorageLogger,
  releaseLock: () => Promise<void>,
  compactMinBytes: number,
): Promise<Storage> {
  const snapshotPath = join(dbPath, 'snapshot.bin');
  await rm(`${snapshotPath}.tmp`, { force: true });
  let generation = 1;
  let snapshotBytes = 0;
  const snapshotData = await readFile(snapshotPath).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (snapshotData) {
    const snapshot = parseSnapshot(snapshotData, snapshotPath);
    generation = snapshot.journalGeneration;
    snapshotBytes = snapshotData.length;
    for (const payload of snapshot.payloads) catalog.apply(decodeMutation(payload));
  }
  const journals = await listJournals(dbPath);
  let journalBytes = 0;
  for (const journal of journals) {
    if (journal.generation < generation) {
      await rm(journal.path, { force: true });
      continue;
    }
    const data = await readFile(journal.path);
    const { payloads, validLength, problem } = decodeRecords(data);
    let applied = 0;
    for (const payload of payloads) {
      try {
        catalog.apply(decodeMutation(payload));
        applied++;
      } catch (error) {
        logger.warn(`journal ${journal.path}: skipped an unreadable record: ${String(error)}`);
      }
    }
    if (problem) {
      logger.warn(
        `journal ${journal.path}: ${problem}; dropped ${data.length - validLength} bytes after the last intact record (${applied} records replayed)`,
      );
      await truncate(journal.path, validLength);
    }
    generation = journal.generation;
    journalBytes = validLength;
  }
  const currentPath = join(dbPath, journalName(generation));
  const handle = await open(currentPath, 'a');
  await syncDirectory(currentPath);
  const writer = new JournalWriter(handle, journalBytes);
  catalog.setSink((mutation) => writer.append(encodeRecord(encodeMutation(mutation))));
  return createStorage({
    dbPath,
    catalog,
    logger,
    writer,
    generation,
    snapshotBytes,
    snapshotPath,
    releaseLock,
    compactMinBytes,
  });
}

interface StorageParts {
  dbPath: string;
  catalog: Catalog;
  logger: StorageLogger;
  writer: JournalWriter;
  generation: number;
  snapshotBytes: number;
  snapshotPath: string;
  releaseLock: () => Promise<void>;
  compactMinBytes: number;
}

function createStorage(parts: StorageParts): Storage {
  const { dbPath, catalog, logger, writer, snapshotPath } = parts;
  let generation = parts.generation;
  let snapshotBytes = parts.snapshotBytes;
  let compacting: Promise<void> | undefined;
  let closed = false;

  const compactNow = async (): Promise<void> => {
    const nextGeneration = generation + 1;
    const nextPath = join(dbPath, journalName(nextGeneration));
    const nextHandle = await open(nextPath, 'a');
    await syncDirectory(nextPath);
    let buffers: Buffer[] = [];
    const oldHandle = await writer.rotate(() => {
      buffers = serializeSnapshot(catalog, nextGeneration);
      return { handle: nextHandle, bytes: 0 };
    });
    await oldHandle.close();
    snapshotBytes = await writeSnapshotFile(snapshotPath, buffers);
    for (const journal of await listJournals(dbPath)) {
      if (journal.generation < nextGeneration) await rm(journal.path, { force: true });
    }
    generation = nextGeneration;
  };

  const compact = (): Promise<void> => {
    compacting ??= compactNow().finally(() => {
      compacting = undefined;
    });
    return compacting;
  };

  return {
    appended: () => writer.appended(),
    waitDurable: (count) => writer.waitDurable(count),
    flush: () => writer.flush(),
    get syncCount() {
      return writer.syncs;
    },
    compact,
    maybeCompact: () => {
      if (closed || compacting) return;
      if (writer.bytes <= Math.max(parts.compactMinBytes, 2 * snapshotBytes)) return;
      compact().catch((error: unknown) => logger.warn(`compaction failed: ${String(error)}`));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await compacting?.catch(() => {});
      await writer.flush();
      try {
        await compact();
      } catch (error) {
        logger.warn(`compaction at shutdown failed (the journal is intact): ${String(error)}`);
      }
      await writer.close();
      await parts.releaseLock();
    },
  };
}
