import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError, parseStored } from './documents.js';
import { createClaimRelease } from './outbox-claims.release.js';

const targetSchema = z.union([
  z.object({ roomId: z.string() }),
  z.object({ toPersonEmail: z.string() }),
  z.object({ url: z.string() }),
]);

const purposeSchema = z.object({ kind: z.string(), orderId: z.string().optional() }).catchall(z.unknown());

const outboxSchema = z.object({
  _id: z.string(),
  channel: z.enum(['webex', 'webhook']),
  target: targetSchema,
  // The payload is kept as a JSON string: Adaptive Cards carry `$schema` keys and dotted values
  // that MongoDB field names must not contain.
  payloadJson: z.string(),
  purpose: purposeSchema,
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  /** Order of queuing, so messages to one person leave in the order they were queued. */
  seq: z.number().default(0),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lockedUntil: z.date().nullable(),
  lockedBy: z.string().nullable(),
  claimedAt: z.date().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  messageId: z.string().nullable(),
  lastError: z.string().nullable(),
});

export type OutboxItem = z.infer<typeof outboxSchema>;
export type OutboxTarget = z.infer<typeof targetSchema>;
export type OutboxPurpose = z.infer<typeof purposeSchema>;

export interface NewOutboxItem {
  id: string;
  channel: OutboxItem['channel'];
  target: OutboxTarget;
  payload: unknown;
  purpose: OutboxPurpose;
  /** Not before this moment (defaults to now). */
  notBefore?: Date;
}

/** A claimed item, and whether a previous claim of it ran out (the send may already have happened). */
export interface ClaimedOutboxItem {
  item: OutboxItem;
  reclaimed: boolean;
  /** When the lost claim began (for a reclaimed item), to look for its send after that. */
  previousClaimedAt: Date | null;
}

const COLLECTION = 'outbox';

let lastSeq = 0;
/** Increases on every call in this process, and roughly with time across processes. */
function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1);
  return lastSeq;
}

const claimable = (now: Date) => ({
  $or: [
    { status: 'pending' as const, nextAttemptAt: { $lte: now } },
    { status: 'sending' as const, lockedUntil: { $lte: now } },
  ],
});
const SENT_RETENTION_SECONDS = 30 * 24 * 3600;

/** Persisted outgoing messages: written before anything is sent, so a crash loses none. */
export function createOutboxRepository(db: Db) {
  const collection: Collection<OutboxItem> = db.collection<OutboxItem>(COLLECTION);
  const parse = (doc: unknown) => parseStored(outboxSchema, COLLECTION, doc);

  return {
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        { key: { status: 1, nextAttemptAt: 1 }, name: 'due' },
        { key: { status: 1, lockedUntil: 1 }, name: 'leases' },
        { key: { 'purpose.orderId': 1 }, name: 'by_order' },
        // Sent messages are kept a month for audits, then expire; unsent ones have no sentAt and stay.
        { key: { sentAt: 1 }, name: 'sent_ttl', expireAfterSeconds: SENT_RETENTION_SECONDS },
      ]);
    },

    /** Adds an item under its idempotency key; `false` when the key was already there. */
    ...createClaimRelease(db, COLLECTION),
    async enqueue(item: NewOutboxItem, now: Date): Promise<boolean> {
      try {
        await collection.insertOne({
          _id: item.id,
          channel: item.channel,
          target: item.target,
          payloadJson: JSON.stringify(item.payload),
          purpose: item.purpose,
          status: 'pending',
          seq: nextSeq(),
          attempts: 0,
          nextAttemptAt: item.notBefore ?? now,
          lockedUntil: null,
          lockedBy: null,
          claimedAt: null,
          createdAt: now,
          sentAt: null,
          messageId: null,
          lastError: null,
        });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    /**
     * Leases up to `max` due items (or items whose lease ran out), oldest first. One scan finds the
     * candidates; each is then taken with a compare-and-set by `_id`, so instances never share one.
     */
    async claimBatch(
      now: Date,
      leaseMs: number,
      workerId: string,
      max: number,
    ): Promise<ClaimedOutboxItem[]> {
      const candidates = await collection
        .find(claimable(now), { projection: { _id: 1 } })
        .sort({ nextAttemptAt: 1, seq: 1 })
        .limit(max)
        .toArray();
      const claimed: ClaimedOutboxItem[] = [];
      const lockedUntil = new Date(now.getTime() + leaseMs);
      for (const { _id } of candidates) {
        const before = await collection.findOneAndUpdate(
          { _id, ...claimable(now) },
          {
            $set: { status: 'sending', lockedUntil, lockedBy: workerId, claimedAt: now },
            $inc: { attempts: 1 },
          },
          { returnDocument: 'before' },
        );
        if (before === null) continue;
        const previous = parse(before);
        claimed.push({
          item: {
            ...previous,
            status: 'sending',
            attempts: previous.attempts + 1,
            lockedBy: workerId,
            claimedAt: now,
            lockedUntil,
          },
          reclaimed: previous.status === 'sending',
          previousClaimedAt: previous.claimedAt,
        });
      }
      return claimed;
    },

    /** Leases the single oldest due item, if any. */
    async claimNext(now: Date, leaseMs: number, workerId: string): Promise<ClaimedOutboxItem | undefined> {
      return (await this.claimBatch(now, leaseMs, workerId, 1))[0];
    },

    /** Gives a leased item back unsent (an earlier message to the same person must go first). */
    async release(id: string, workerId: string, notBefore: Date): Promise<void> {
      await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'pending', nextAttemptAt: notBefore, lockedUntil: null }, $inc: { attempts: -1 } },
      );
    },

    async markSent(id: string, workerId: string, messageId: string | null, now: Date): Promise<boolean> {
      const result = await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'sent', sentAt: now, messageId, lockedUntil: null, lastError: null } },
      );
      return result.modifiedCount === 1;
    },

    async markRetry(id: string, workerId: string, nextAttemptAt: Date, error: string): Promise<void> {
      await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'pending', nextAttemptAt, lockedUntil: null, lastError: error } },
      );
    },

    /** Gives up on an item; false when this worker no longer held it (another took it over). */
    async markFailed(id: string, workerId: string, error: string): Promise<boolean> {
      const result = await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'failed', lockedUntil: null, lastError: error } },
      );
      return result.modifiedCount === 1;
    },

    /** Extends this worker's leases on the given items (those it still holds); how many it still holds. */
    async renewLeases(ids: readonly string[], workerId: string, lockedUntil: Date): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await collection.updateMany(
        { _id: { $in: [...ids] }, status: 'sending', lockedBy: workerId },
        { $set: { lockedUntil } },
      );
      return result.matchedCount;
    },

    /** Extends this worker's lease before a send; false when the lease was lost meanwhile. */
    async renewLease(id: string, workerId: string, lockedUntil: Date): Promise<boolean> {
      const result = await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { lockedUntil } },
      );
      // matched, not modified: renewing to the same instant (a clock that did not move) is no loss.
      return result.matchedCount === 1;
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

    /** When the next pending item falls due, so an idle worker can sleep until then. */
    async nextDueAt(): Promise<Date | undefined> {
      const doc = await collection.findOne(
        { status: 'pending' },
        { sort: { nextAttemptAt: 1 }, projection: { nextAttemptAt: 1 } },
      );
      return doc?.nextAttemptAt ?? undefined;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
