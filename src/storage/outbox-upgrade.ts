import type { Collection } from 'mongodb';
import { type DeliverEffect, laneOf, type OutboxItem, outboxSchema } from './outbox-item.js';

/**
 * Gives the items an older version queued (pending, or leased and being sent) their delivery as a
 * pending effect with no owner, so that the first instance to pass takes them over. One leased by
 * a sender that may still have sent it is looked for in the conversation first, as any takeover.
 */
export async function adoptLeasedItems(collection: Collection<OutboxItem>): Promise<number> {
  const old = await collection
    .find({ status: { $in: ['pending', 'sending'] }, pendingEffects: { $exists: false } })
    .toArray();
  if (old.length === 0) return 0;
  await collection.bulkWrite(
    old.map((raw) => {
      const doc = outboxSchema.parse(raw);
      const deliver: DeliverEffect = { kind: 'deliver', lane: laneOf(doc.target) };
      const effect = { id: `${doc._id}:0:0`, json: JSON.stringify(deliver), at: doc.createdAt };
      return {
        updateOne: {
          filter: { _id: doc._id, pendingEffects: { $exists: false } },
          update: {
            $set: { rev: 0, pendingEffects: [effect], status: 'pending' as const },
            $unset: { lockedUntil: '', lockedBy: '', claimedAt: '', claimId: '' },
          },
        },
      };
    }),
    { ordered: false },
  );
  return old.length;
}
