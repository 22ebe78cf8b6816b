import type { Db } from 'mongodb';
import { z } from 'zod';
import type { InstanceStore } from '../effects/instances.js';
import { isDuplicateKeyError, parseStored } from './documents.js';

/**
 * The running instances (collection `instances`): each writes when it was last alive, so that the
 * work an instance owns is taken over only once it is presumed dead, however long the work takes.
 */
const instanceSchema = z.object({
  _id: z.string(),
  slot: z.string().nullable(),
  beatAt: z.date(),
  endedAt: z.date().nullable(),
});
type InstanceDocument = z.infer<typeof instanceSchema>;

const COLLECTION = 'instances';

/** Instances are forgotten a day after their last sign of life. */
const RETENTION_MS = 24 * 3600 * 1000;

export function createInstancesRepository(db: Db): InstanceStore & { ensureIndexes(): Promise<void> } {
  const collection = db.collection<InstanceDocument>(COLLECTION);
  return {
    async ensureIndexes() {
      // Nothing to index: a handful of documents, one per process started in the last day.
    },
    async beat(id, slot, at) {
      try {
        // Matches only while it has not been ended; once ended, the insert meets the unique `_id`.
        await collection.updateOne(
          { _id: id, endedAt: null },
          { $set: { beatAt: at, slot: slot ?? null } },
          { upsert: true },
        );
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async end(id, at) {
      await collection.updateOne({ _id: id }, { $set: { endedAt: at } });
    },
    async forgetBefore(at) {
      // Not a TTL index: the server's monitor reads its own clock, and the bot's may be moved
      // (local mode, tests); the clock that wrote `beatAt` decides when it is old.
      await collection.deleteMany({ beatAt: { $lt: new Date(at.getTime() - RETENTION_MS) } });
    },
    async endSlot(slot, except, at) {
      const result = await collection.updateMany(
        { slot, _id: { $ne: except }, endedAt: null },
        { $set: { endedAt: at } },
      );
      return result.modifiedCount;
    },
    async liveSince(since) {
      const docs = await collection.find({ beatAt: { $gt: since }, endedAt: null }).toArray();
      return new Set(docs.map((doc) => parseStored(instanceSchema, COLLECTION, doc)._id));
    },
  };
}
