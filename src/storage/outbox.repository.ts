import type { Collection, Db } from 'mongodb';
import type { EffectStore } from '../effects/effects.port.js';
import { isDuplicateKeyError, isIndexNotFound, parseStored } from './documents.js';
import { createEffectStore, PENDING_EFFECTS_INDEX, type StringIdDocument } from './effect-store.js';
import { type NewOutboxItem, newOutboxItem, type OutboxItem, outboxSchema } from './outbox-item.js';
import { adoptLeasedItems } from './outbox-upgrade.js';

export type { DeliverEffect, NewOutboxItem, OutboxItem, OutboxPurpose, OutboxTarget } from './outbox-item.js';
export { deliverEffectSchema } from './outbox-item.js';

const COLLECTION = 'outbox';

/** The per-document errors of a bulk write's error (one or several), or undefined for any other error. */
function writeErrorsOf(error: unknown): Array<{ index?: unknown }> | undefined {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return undefined;
  const { writeErrors } = error;
  return (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{ index?: unknown }>;
}

const SENT_RETENTION_SECONDS = 30 * 24 * 3600;

/** Indexes of the versions that leased messages, no longer kept up on every write. */
const RETIRED_INDEXES = ['due', 'due_in_order', 'leases'];

/**
 * Persisted outgoing messages: written before anything is sent, so a crash loses none. Each is a
 * document of the effects mechanism with one pending effect, its delivery (see `outbox-sender.ts`).
 */
export function createOutboxRepository(db: Db) {
  const collection: Collection<OutboxItem> = db.collection<OutboxItem>(COLLECTION);
  const parse = (doc: unknown) => parseStored(outboxSchema, COLLECTION, doc);
  const store: EffectStore<OutboxItem, never> = createEffectStore<OutboxItem, never>({
    collection: collection as unknown as Collection<StringIdDocument>,
    parse,
    toUpdate: () => ({}),
    // A person's messages are taken over in the order they were queued.
    pendingOrder: { seq: 1 },
  });

  /** Inserts one item; false when its key was there. */
  async function insert(doc: OutboxItem): Promise<boolean> {
    try {
      await collection.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  return {
    store,
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        PENDING_EFFECTS_INDEX,
        { key: { 'purpose.orderId': 1 }, name: 'by_order' },
        // Sent messages are kept a month for audits, then expire; unsent ones have no sentAt and stay.
        { key: { sentAt: 1 }, name: 'sent_ttl', expireAfterSeconds: SENT_RETENTION_SECONDS },
      ]);
      for (const name of RETIRED_INDEXES)
        await collection.dropIndex(name).catch((error: unknown) => {
          if (!isIndexNotFound(error)) throw error;
        });
      await adoptLeasedItems(collection);
    },

    /** Adds an item under its idempotency key, owned by `owner`; the item, or undefined when the key was there. */
    async enqueue(item: NewOutboxItem, now: Date, owner: string): Promise<OutboxItem | undefined> {
      const doc = newOutboxItem(item, now, owner);
      return (await insert(doc)) ? doc : undefined;
    },

    /**
     * Adds several items in one write, each under its idempotency key; keys already there are
     * skipped (unordered, so one duplicate stops nothing). The items added, in queue order.
     */
    async enqueueMany(items: readonly NewOutboxItem[], now: Date, owner: string): Promise<OutboxItem[]> {
      if (items.length === 0) return [];
      const docs = items.map((item) => newOutboxItem(item, now, owner));
      try {
        await collection.insertMany(docs, { ordered: false });
        return docs;
      } catch (error) {
        const failures = writeErrorsOf(error);
        if (failures === undefined || !failures.every(isDuplicateKeyError)) throw error;
        const skipped = new Set(failures.map((failure) => failure.index));
        return docs.filter((_, index) => !skipped.has(index));
      }
    },

    /**
     * Records a message sent without the queue (the setup's answer to a click, sent at once by
     * the process that saved it), so that the outbox stays the ledger of everything the bot sent
     * and its key still keeps the message from being queued again. `false` when the key was there.
     */
    recordSent(item: NewOutboxItem, now: Date, messageId: string): Promise<boolean> {
      const queued = newOutboxItem(item, now, undefined);
      return insert({ ...queued, pendingEffects: [], status: 'sent', attempts: 1, sentAt: now, messageId });
    },

    /** Records a failed try; the item stays pending, not tried again before `nextAttemptAt`. */
    async recordAttempt(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
      await collection.updateOne({ _id: id }, { $set: { attempts, nextAttemptAt, lastError: error } });
    },

    /** Whether a message of this key was queued or recorded. */
    async has(id: string): Promise<boolean> {
      return (await collection.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
    },

    async get(id: string): Promise<OutboxItem | undefined> {
      const doc = await collection.findOne({ _id: id });
      return doc === null ? undefined : parse(doc);
    },

    async countByStatus(): Promise<Record<OutboxItem['status'], number>> {
      const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      const rows = await collection.aggregate<{ _id: string; n: number }>([
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]);
      for await (const row of rows) if (row._id in counts) counts[row._id as keyof typeof counts] = row.n;
      return counts;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
