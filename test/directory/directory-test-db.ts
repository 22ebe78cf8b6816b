import { randomUUID } from 'node:crypto';
import { createSilentLogger, type Logger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import {
  createDirectoryRepository,
  type DirectoryRepository,
} from '../../src/storage/directory.repository.js';

export interface TestDirectory {
  storage: Storage;
  directory: DirectoryRepository;
  close(): Promise<void>;
}

/**
 * A directory on a database of its own: the embedded server by default, any MongoDB when
 * `MONGODB_URI` is set (the database is dropped afterwards so a shared server stays clean).
 */
export async function openTestDirectory(
  label: string,
  logger: Logger = createSilentLogger(),
): Promise<TestDirectory> {
  const storage = await connectStorage({
    uri: process.env.MONGODB_URI,
    dbName: `test_${label}_${randomUUID().slice(0, 8)}`,
    dataDir: undefined,
    logger: createSilentLogger(),
  });
  const directory = createDirectoryRepository(storage.db, { logger });
  await directory.ensureIndexes();
  return {
    storage,
    directory,
    async close() {
      await storage.db.dropDatabase();
      await storage.close();
    },
  };
}
