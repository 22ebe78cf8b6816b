import { createSilentLogger, type Logger } from '../../src/log/logger.js';
import {
  createDirectoryRepository,
  type DirectoryRepository,
} from '../../src/storage/directory.repository.js';
import { openTestDatabase, type TestDatabase, useFixture, useTestDatabase } from '../support/use-test-app.js';

export interface TestDirectory {
  storage: TestDatabase;
  directory: DirectoryRepository;
  close(): Promise<void>;
}

async function openDirectory(storage: TestDatabase, logger: Logger): Promise<DirectoryRepository> {
  const directory = createDirectoryRepository(storage.db, { logger });
  await directory.ensureIndexes();
  return directory;
}

/**
 * A directory on a database of its own: the embedded server by default, any MongoDB when
 * `MONGODB_URI` is set (the database is dropped afterwards so a shared server stays clean).
 */
export async function openTestDirectory(
  label: string,
  logger: Logger = createSilentLogger(),
): Promise<TestDirectory> {
  const storage = await openTestDatabase(label);
  try {
    return { storage, directory: await openDirectory(storage, logger), close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** `openTestDirectory` for the tests of the enclosing suite: opened before them, dropped after. */
export function useTestDirectory(label: string, logger: Logger = createSilentLogger()): TestDirectory {
  const storage = useTestDatabase({ label });
  const read = useFixture('the test directory', { start: () => openDirectory(storage, logger) });
  return {
    storage,
    get directory() {
      return read();
    },
    close: () => storage.close(),
  };
}
