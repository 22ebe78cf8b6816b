import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError, isIndexNotFound, parseStored } from './documents.js';
import { createClaimRelease } from './outbox-claims.release.js';
import { type NewOutboxItem, newOutboxItem, type OutboxItem, outboxSchema } from './outbox-item.js';
import { createSentMarks } from './outbox-sent.marks.js';

export type { NewOutboxItem, OutboxItem, OutboxPurpose, OutboxTarget } from './outbox-item.js';

/** A claimed item, and whether a previous claim of it ran out (the send may already have happened). */
export interface ClaimedOutboxItem {
  item: OutboxItem;
  reclaimed: boolean;
  /** When the lost claim began (for a reclaimed item), to look for its send after that. */
  previousClaimedAt: Date | null;
}

const COLLECTION = 'outbox';

/** What the claim reads of a candidate before taking it. */
const candidateSchema = outboxSchema.pick({ _id: true, status: true, claimedAt: true });

const claimable = (now: Date) => ({
  $or: [
    { status: 'pending' as const, nextAttemptAt: { $lte: now } },
    { status: 'sending' as const, lockedUntil: { $lte: now } },
  ],
});
/** The per-document errors of a bulk write's error (one or several), or undefined for any other error. */
function writeErrorsOf(error: unknown): unknown[] | undefined {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return undefined;
  const { writeErrors } = error;
  return Array.isArray(writeErrors) ? writeErrors : [writeErrors];
}

const SENT_RETENTION_SECONDS = 30 * 24 * 3600;

/** Persisted outgoing messages: written before anything is sent, so a crash loses none. */
export function createOutboxRepository(db: Db) {
  const collection: Collection<OutboxItem> = db.collection<OutboxItem>(COLLECTION);
  const parse = (doc: unknown) => parseStored(outboxSchema, COLLECTION, doc);

  return {
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        // With `seq`, the claim's order: the oldest due are read first, not every item due as long ago.
        { key: { status: 1, nextAttemptAt: 1, seq: 1 }, name: 'due_in_order' },
        { key: { status: 1, lockedUntil: 1 }, name: 'leases' },
        { key: { 'purpose.orderId': 1 }, name: 'by_order' },
        // Sent messages are kept a month for audits, then expire; unsent ones have no sentAt and stay.
        { key: { sentAt: 1 }, name: 'sent_ttl', expireAfterSeconds: SENT_RETENTION_SECONDS },
      ]);
      // The index it replaces, in databases made before: one index fewer to keep on every write.
      await collection.dropIndex('due').catch((error: unknown) => {
        if (!isIndexNotFound(error)) throw error;
      });
    },

    ...createClaimRelease(db, COLLECTION),
    ...createSentMarks(collection),
    /** Adds an item under its idempotency key; `false` when the key was already there. */
    async enqueue(item: NewOutboxItem, now: Date): Promise<boolean> {
      try {
        await collection.insertOne(newOutboxItem(item, now));
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    /**
     * Adds several items in one write, each under its idempotency key; keys already there are
     * skipped (unordered, so one duplicate stops nothing). How many were added.
     */
    async enqueueMany(items: readonly NewOutboxItem[], now: Date): Promise<number> {
      if (items.length === 0) return 0;
      try {
        return (
          await collection.insertMany(
            items.map((item) => newOutboxItem(item, now)),
            { ordered: false },
          )
        ).insertedCount;
      } catch (error) {
        const failures = writeErrorsOf(error);
        if (failures === undefined || !failures.every(isDuplicateKeyError)) throw error;
        return items.length - failures.length;
      }
    },

    /**
     * Records a message sent without the queue (the setup's answer to a click, sent at once by
     * the process that saved it), so that the outbox stays the ledger of everything the bot sent
     * and its key still keeps the message from being queued again. `false` when the key was there.
     */
    async recordSent(item: NewOutboxItem, now: Date, messageId: string): Promise<boolean> {
      const doc: OutboxItem = {
        ...newOutboxItem(item, now),
        status: 'sent',
        attempts: 1,
        sentAt: now,
        messageId,
      };
      try {
        await collection.insertOne(doc);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    /** Whether a message of this key was queued or recorded. */
    async has(id: string): Promise<boolean> {
      return (await collection.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
    },

    /**
     * Adds an item already leased to `claim`'s worker, which sends it without claiming it; the
     * stored item, or undefined when the key was already there. A worker that dies before sending
     * it leaves a lease like any other, taken over when it runs out.
     */
    async enqueueClaimed(
      item: NewOutboxItem,
      now: Date,
      claim: { workerId: string; claimedAt: Date; lockedUntil: Date },
    ): Promise<OutboxItem | undefined> {
      const doc: OutboxItem = {
        ...newOutboxItem(item, now),
        status: 'sending',
        attempts: 1,
        lockedBy: claim.workerId,
        claimedAt: claim.claimedAt,
        lockedUntil: claim.lockedUntil,
      };
      try {
        await collection.insertOne(doc);
        return doc;
      } catch (error) {
        if (isDuplicateKeyError(error)) return undefined;
        throw error;
      }
    },

    /**
     * Leases up to `max` due items (or items whose lease ran out), oldest first, in three round
     * trips whatever their number: one scan finds the candidates, one update takes those still
     * claimable (a compare-and-set on each, under a claim id of its own), one read returns those
     * taken: instances never share one. Whether an item was reclaimed is read from the scan, a
     * moment before (a lease cannot run out in between).
     */
    async claimBatch(
      now: Date,
      leaseMs: number,
      workerId: string,
      max: number,
    ): Promise<ClaimedOutboxItem[]> {
      // Only what tells a reclaim apart: the items themselves are read once, after the claim.
      const candidates = (
        await collection
          .find(claimable(now), { projection: { status: 1, claimedAt: 1 } })
          .sort({ nextAttemptAt: 1, seq: 1 })
          .limit(max)
          .toArray()
      ).map((doc) => parseStored(candidateSchema, COLLECTION, doc));
      if (candidates.length === 0) return [];
      const ids = candidates.map((candidate) => candidate._id);
      const lockedUntil = new Date(now.getTime() + leaseMs);
      const claimId = randomUUID();
      await collection.updateMany(
        { _id: { $in: ids }, ...claimable(now) },
        {
          $set: { status: 'sending', lockedUntil, lockedBy: workerId, claimedAt: now, claimId },
          $inc: { attempts: 1 },
        },
      );
      const taken = new Map(
        (await collection.find({ _id: { $in: ids }, claimId }).toArray()).map((doc) => [doc._id, parse(doc)]),
      );
      return candidates.flatMap((previous) => {
        const item = taken.get(previous._id);
        if (item === undefined) return [];
        return [{ item, reclaimed: previous.status === 'sending', previousClaimedAt: previous.claimedAt }];
      });
    },

    /** Gives a leased item back unsent (an earlier message to the same person must go first). */
    async release(id: string, workerId: string, notBefore: Date): Promise<void> {
      await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'pending', nextAttemptAt: notBefore, lockedUntil: null }, $inc: { attempts: -1 } },
      );
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
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
