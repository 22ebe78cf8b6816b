import type { Collection } from 'mongodb';
import type { OutboxItem } from './outbox-item.js';

/**
 * A worker's record that it sent what it held: one item, or several that finished together in
 * one write. Only an item the worker still holds is marked (another may have taken it over).
 */
export function createSentMarks(collection: Collection<OutboxItem>) {
  return {
    async markSent(id: string, workerId: string, messageId: string | null, now: Date): Promise<boolean> {
      const result = await collection.updateOne(
        { _id: id, status: 'sending', lockedBy: workerId },
        { $set: { status: 'sent', sentAt: now, messageId, lockedUntil: null, lastError: null } },
      );
      return result.modifiedCount === 1;
    },

    /**
     * `markSent` for several items in one write; for each, whether this worker still held it.
     * Unordered: an item another worker took over meanwhile stops none of the others.
     */
    async markSentMany(
      sent: readonly { id: string; messageId: string | null }[],
      workerId: string,
      now: Date,
    ): Promise<boolean[]> {
      if (sent.length === 0) return [];
      const result = await collection.bulkWrite(
        sent.map(({ id, messageId }) => ({
          updateOne: {
            filter: { _id: id, status: 'sending' as const, lockedBy: workerId },
            update: {
              $set: { status: 'sent' as const, sentAt: now, messageId, lockedUntil: null, lastError: null },
            },
          },
        })),
        { ordered: false },
      );
      if (result.modifiedCount === sent.length) return sent.map(() => true);
      // Some were no longer this worker's: read which ones this write recorded.
      const ids = sent.map(({ id }) => id);
      const recorded = await collection
        .find(
          { _id: { $in: ids }, status: 'sent', lockedBy: workerId, sentAt: now },
          { projection: { _id: 1 } },
        )
        .toArray();
      const mine = new Set(recorded.map((doc) => doc._id));
      return ids.map((id) => mine.has(id));
    },
  };
}
