/**
 * `mongod.lock` in the dbPath holds the owner's pid so two servers never open one dbPath. A lock
 * left by a process that no longer runs (after kill -9) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Thrown when another live process holds the dbPath. */
export class DbPathLockedError extends Error {
  constructor(dbPath: string, pid: number) {
    super(`dbPath ${dbPath} is already in use by process ${pid} (see ${join(dbPath, 'mongod.lock')})`);
    this.name = 'DbPathLockedError';
  }
}

/** Takes the lock; returns a function that releases it. */
export async function acquireDbPathLock(dbPath: string): Promise<() => Promise<void>> {
  const path = join(dbPath, 'mongod.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const owner = Number.parseInt((await readFile(path, 'utf8').catch(() => '')).trim(), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new DbPathLockedError(dbPath, owner);
    }
    if (owner === process.pid) throw new DbPathLockedError(dbPath, owner);
    await rm(path, { force: true });
  }
  throw new Error(`could not take the lock on ${dbPath}`);
}
