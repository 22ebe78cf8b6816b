import type { Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError, parseStored } from './documents.js';

/**
 * Named leases (collection `locks`): one holder at a time across every instance on the database,
 * each lease ending by itself at `expiresAt` if its holder dies. A lease is taken with one atomic
 * findOneAndUpdate: the filter matches a free, expired or own lease; a lease held by someone else
 * does not match, so the upsert's insert meets the unique `_id` and is refused.
 */
const leaseSchema = z.object({ _id: z.string(), holder: z.string(), expiresAt: z.date() });
type LeaseDocument = z.infer<typeof leaseSchema>;

const COLLECTION = 'locks';

export interface LeaseRepository {
  ensureIndexes(): Promise<void>;
  /** Takes (or renews) the lease `name` for `holder` until `now + ttlMs`; false when another holds it. */
  tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Gives the lease up, if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
}

export function createLeaseRepository(db: Db): LeaseRepository {
  const collection = db.collection<LeaseDocument>(COLLECTION);
  return {
    async ensureIndexes() {
      // Nothing to index beyond `_id`: there is one document per lease name.
    },
    async tryAcquire(name, holder, ttlMs, now) {
      try {
        const taken = await collection.findOneAndUpdate(
          { _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
          { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        return taken !== null && parseStored(leaseSchema, COLLECTION, taken).holder === holder;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async release(name, holder) {
      await collection.deleteOne({ _id: name, holder });
    },
  };
}
