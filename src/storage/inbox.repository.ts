import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type EffectStore, storedEffectSchema } from '../effects/effects.port.js';
import { parseStored } from './documents.js';
import { createEffectStore, PENDING_EFFECTS_INDEX, type StringIdDocument } from './effect-store.js';

/**
 * One incoming event as it was received: its id is the event's own (a redelivery has the same
 * one, so the unique `_id` is the duplicate check, across restarts and instances) and its one
 * pending effect, which carries the body, until it has been processed.
 */
const inboxSchema = z.object({
  _id: z.string(),
  rev: z.number().int(),
  pendingEffects: z.array(storedEffectSchema),
  receivedAt: z.date(),
  /** Failed tries to process it (absent before the first failure). */
  attempts: z.number().int().nonnegative().optional(),
  /** When processing was given up after too many failed tries. */
  failedAt: z.date().optional(),
});

export type InboxDocument = z.infer<typeof inboxSchema>;

const COLLECTION = 'inbox';

/**
 * How long a received event is remembered. Webex redelivers within minutes; a week keeps every
 * redelivery a duplicate and still bounds the collection.
 */
const RETENTION_SECONDS = 7 * 24 * 3600;

export interface InboxRepositoryOptions {
  /** Bound on one write of the webhook route, so that an unreachable database answers 503 in time. */
  writeTimeoutMs?: number;
}

/** The stored incoming events, as the effect store of the inbox. */
export function createInboxRepository(db: Db, options: InboxRepositoryOptions = {}) {
  const collection: Collection<StringIdDocument> = db.collection<StringIdDocument>(COLLECTION);
  const timeoutMS = options.writeTimeoutMs ?? 2_000;
  const parse = (doc: unknown) => parseStored(inboxSchema, COLLECTION, doc);
  // Only the insert is bounded: it is the write a webhook's answer waits for.
  const store: EffectStore<InboxDocument, never> = createEffectStore<InboxDocument, never>({
    collection,
    parse,
    toUpdate: () => ({}),
    createTimeoutMs: timeoutMS,
  });

  return {
    store,
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        PENDING_EFFECTS_INDEX,
        { key: { receivedAt: 1 }, name: 'received_ttl', expireAfterSeconds: RETENTION_SECONDS },
      ]);
    },
    /** Whether an event is stored, still to be processed, processed, or given up (tests, operators). */
    async status(id: string): Promise<'pending' | 'processed' | 'failed' | undefined> {
      const doc = await collection.findOne({ _id: id });
      if (doc === null) return undefined;
      const parsed = parse(doc);
      if (parsed.failedAt !== undefined) return 'failed';
      return parsed.pendingEffects.length > 0 ? 'pending' : 'processed';
    },
    attempts: {
      /** Counts one more failed try; the count after it (0 when the event is not stored). */
      async recordFailure(id: string): Promise<number> {
        const doc = await collection.findOneAndUpdate(
          { _id: id },
          { $inc: { attempts: 1 } },
          { returnDocument: 'after' },
        );
        return doc === null ? 0 : (parse(doc).attempts ?? 0);
      },
      /** Marks the event given up; its pending effect is then removed as done. */
      async giveUp(id: string, at: Date): Promise<void> {
        await collection.updateOne({ _id: id }, { $set: { failedAt: at } });
      },
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
