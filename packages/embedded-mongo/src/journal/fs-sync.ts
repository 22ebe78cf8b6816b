/**
 * fsync of a directory, so renames and new files survive a power cut.
 */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Fsyncs the directory containing `path`. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(dirname(path), 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
