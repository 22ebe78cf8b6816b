import type { Db } from 'mongodb';

/** The outbox's collection, as `outbox.repository.ts` names it. */
const COLLECTION = 'outbox';

/**
 * A read-only look at the outbox's backlog for monitoring: when the oldest message not yet sent
 * (pending, or being sent) was queued. Kept apart from the repository, which the sending owns.
 */
export function createOutboxBacklogQuery(db: Db) {
  const collection = db.collection<{ _id: string; status: string; createdAt: Date }>(COLLECTION);
  return {
    async oldestUnsentAt(): Promise<Date | undefined> {
      const doc = await collection.findOne(
        { status: { $in: ['pending', 'sending'] } },
        { sort: { createdAt: 1 }, projection: { createdAt: 1 } },
      );
      return doc === null || !(doc.createdAt instanceof Date) ? undefined : doc.createdAt;
    },
  };
}
