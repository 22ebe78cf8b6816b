/**
 * Open cursors: the remaining documents of a find/aggregate/list result, served in batches by
 * `getMore`. Batches respect `batchSize` and the 16 MB reply limit; idle cursors expire.
 */
import { Long } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from '../values/bson-limits.js';
import { documentSizeBound } from '../values/document-size.js';

/** Room left in a reply for the batch after the envelope fields. */
const BATCH_BYTE_BUDGET = MAX_BSON_OBJECT_SIZE - 16 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  readonly id: bigint;
  readonly ns: string;
  readonly docs: readonly Record<string, unknown>[];
  position: number;
  lastUsed: number;
}

/** One batch and the cursor id to continue with (0 when exhausted). */
export interface CursorBatch {
  readonly id: Long;
  readonly ns: string;
  readonly batch: Record<string, unknown>[];
}

export class CursorStore {
  readonly #cursors = new Map<bigint, OpenCursor>();

  /**
   * Takes the first batch (at most `maxDocs`, which may be 0 or Infinity); keeps a cursor open when
   * documents remain and `singleBatch` is off.
   */
  open(
    ns: string,
    docs: readonly Record<string, unknown>[],
    maxDocs: number,
    singleBatch: boolean,
  ): CursorBatch {
    const batch = takeBatch(docs, 0, maxDocs);
    if (singleBatch || batch.length >= docs.length) return { id: Long.ZERO, ns, batch };
    const id = this.#newId();
    this.#cursors.set(id, { id, ns, docs, position: batch.length, lastUsed: Date.now() });
    return { id: Long.fromBigInt(id), ns, batch };
  }

  /** The next batch of an open cursor, or undefined if it does not exist. */
  next(id: bigint, ns: string, maxDocs: number): CursorBatch | undefined {
    const cursor = this.#cursors.get(id);
    if (!cursor || cursor.ns !== ns) return undefined;
    const batch = takeBatch(cursor.docs, cursor.position, maxDocs);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.docs.length) {
      this.#cursors.delete(id);
      return { id: Long.ZERO, ns, batch };
    }
    return { id: Long.fromBigInt(id), ns, batch };
  }

  /** Closes a cursor; returns whether it existed. */
  kill(id: bigint): boolean {
    return this.#cursors.delete(id);
  }

  /** Closes cursors idle for longer than MongoDB's default 10 minutes. */
  expireIdle(now = Date.now()): void {
    for (const [id, cursor] of this.#cursors)
      if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.#cursors.delete(id);
  }

  get size(): number {
    return this.#cursors.size;
  }

  #newId(): bigint {
    for (;;) {
      const id = BigInt(Math.floor(Math.random() * Number.MAX_SAFE_INTEGER)) + 1n;
      if (!this.#cursors.has(id)) return id;
    }
  }
}

function takeBatch(
  docs: readonly Record<string, unknown>[],
  start: number,
  max: number,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && out.length < max; i++) {
    const doc = docs[i];
    if (!doc) break;
    bytes += documentSizeBound(doc);
    // Always return at least one document so a cursor makes progress.
    if (bytes > BATCH_BYTE_BUDGET && out.length > 0) break;
    out.push(doc);
  }
  return out;
}
