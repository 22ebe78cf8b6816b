import type { Db } from 'mongodb';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Claims of a process that held this one's place before it (the same host and port, so it cannot
 * be alive: two live processes cannot listen on one port of one host). Their leases are ended now,
 * so what the predecessor was sending is taken over at once (with the usual look for a copy that
 * did go out) instead of after the lease. A claimer is named `<slot>#<random>`.
 */
export function createClaimRelease(db: Db, collectionName: string) {
  const collection = db.collection(collectionName);
  return {
    async releaseClaimsOfSlot(slot: string, exceptWorkerId: string, now: Date): Promise<number> {
      const result = await collection.updateMany(
        {
          status: 'sending',
          lockedBy: { $regex: `^${escapeRegExp(`${slot}#`)}`, $ne: exceptWorkerId },
        },
        { $set: { lockedUntil: now } },
      );
      return result.modifiedCount;
    },
  };
}
