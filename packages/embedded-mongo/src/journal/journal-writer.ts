/**
 * Appends framed records to the journal file with group commit: records appended while a write +
 * fdatasync is in flight go out together in the next one, so concurrent clients share fsyncs.
 */
import type { FileHandle } from 'node:fs/promises';

interface Waiter {
  readonly count: number;
  resolve(): void;
  reject(error: unknown): void;
}

export class JournalWriter {
  #handle: FileHandle;
  #pending: Buffer[] = [];
  #appended = 0;
  #durable = 0;
  #bytes: number;
  #running: Promise<void> | undefined;
  #failure: unknown;
  readonly #waiters: Waiter[] = [];
  /** How many fdatasync calls were made (for measuring group commit). */
  syncs = 0;

  constructor(handle: FileHandle, initialBytes: number) {
    this.#handle = handle;
    this.#bytes = initialBytes;
  }

  /** Bytes in the current journal file (written or pending). */
  get bytes(): number {
    return this.#bytes;
  }

  appended(): number {
    return this.#appended;
  }

  /** Queues a record; it is written by the next flush. */
  append(record: Buffer): void {
    this.#pending.push(record);
    this.#appended++;
    this.#bytes += record.length;
  }

  /** Resolves once the first `count` appended records are on disk. */
  waitDurable(count: number): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (count <= this.#durable) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ count, resolve, reject }));
    this.#kick();
    return done;
  }

  /** Writes everything appended so far and waits for it to be durable. */
  flush(): Promise<void> {
    return this.waitDurable(this.#appended);
  }

  /**
   * Flushes, then (with nothing in flight) runs `swap` synchronously to switch files: it returns
   * the new handle and its size. Used by compaction so the snapshot and the switch are atomic.
   */
  async rotate(swap: () => { handle: FileHandle; bytes: number }): Promise<FileHandle> {
    for (;;) {
      await this.flush();
      await this.#running;
      if (this.#pending.length === 0 && !this.#running) break;
    }
    const old = this.#handle;
    const next = swap();
    this.#handle = next.handle;
    this.#bytes = next.bytes;
    return old;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.#running;
    await this.#handle.close();
  }

  #kick(): void {
    this.#running ??= this.#loop().finally(() => {
      this.#running = undefined;
      if (this.#pending.length > 0 && this.#waiters.length > 0) this.#kick();
    });
  }

  async #loop(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      const upTo = this.#appended;
      this.#pending = [];
      try {
        await writeFully(this.#handle, batch.length === 1 && batch[0] ? batch[0] : Buffer.concat(batch));
        await this.#handle.datasync();
        this.syncs++;
      } catch (error) {
        this.#failure = error;
        for (const w of this.#waiters.splice(0)) w.reject(error);
        return;
      }
      this.#durable = upTo;
      for (let i = this.#waiters.length - 1; i >= 0; i--) {
        const w = this.#waiters[i];
        if (w && w.count <= upTo) {
          this.#waiters.splice(i, 1);
          w.resolve();
        }
      }
    }
  }
}

async function writeFully(handle: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
    offset += bytesWritten;
  }
}
