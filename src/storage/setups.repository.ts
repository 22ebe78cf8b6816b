import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError, parseStored } from './documents.js';

/**
 * One setup conversation, stored as an envelope around the machine's persisted snapshot.
 * `rev` is the optimistic-concurrency counter: a transition is saved only if `rev` is unchanged,
 * so two clicks on one card make one transition. `pendingEffects` are the side effects of the last
 * transitions, saved in the same single-document write as the new state, so a crash between saving
 * and sending loses nothing; they are applied (idempotently) and then removed.
 */
const setupSchema = z.object({
  _id: z.string(),
  machineId: z.string(),
  version: z.number().int(),
  rev: z.number().int().nonnegative(),
  // JSON text: snapshots and effects hold card JSON and user text, whose keys MongoDB may not accept.
  snapshotJson: z.string(),
  ownerEmail: z.string(),
  step: z.string(),
  status: z.enum(['active', 'done', 'needs_attention']),
  pendingEffects: z.array(z.object({ id: z.string(), json: z.string() })),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type SetupDocument = z.infer<typeof setupSchema>;
export type StoredEffect = SetupDocument['pendingEffects'][number];

export interface SetupState {
  machineId: string;
  version: number;
  snapshotJson: string;
  ownerEmail: string;
  step: string;
  status: SetupDocument['status'];
}

const COLLECTION = 'setups';

export function createSetupsRepository(db: Db) {
  const collection: Collection<SetupDocument> = db.collection<SetupDocument>(COLLECTION);
  const parse = (doc: unknown) => parseStored(setupSchema, COLLECTION, doc);

  return {
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        { key: { ownerEmail: 1, updatedAt: -1 }, name: 'by_owner' },
        { key: { 'pendingEffects.0.id': 1 }, name: 'with_pending_effects', sparse: true },
      ]);
    },

    async load(orderId: string): Promise<SetupDocument | undefined> {
      const doc = await collection.findOne({ _id: orderId });
      return doc === null ? undefined : parse(doc);
    },

    /** Creates the envelope at rev 0; `false` if another instance created it first. */
    async create(orderId: string, state: SetupState, effects: StoredEffect[], now: Date): Promise<boolean> {
      try {
        await collection.insertOne({
          _id: orderId,
          ...state,
          rev: 0,
          pendingEffects: effects,
          createdAt: now,
          updatedAt: now,
        });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    /**
     * Saves a transition if nobody saved one since `expectedRev` was read; the effects are queued
     * in the same atomic write. Returns the new rev, or undefined when the envelope moved on.
     */
    async advance(
      orderId: string,
      expectedRev: number,
      state: SetupState,
      effects: StoredEffect[],
      now: Date,
    ): Promise<number | undefined> {
      const result = await collection.updateOne(
        { _id: orderId, rev: expectedRev },
        {
          $set: { ...state, rev: expectedRev + 1, updatedAt: now },
          $push: { pendingEffects: { $each: effects } },
        },
      );
      return result.modifiedCount === 1 ? expectedRev + 1 : undefined;
    },

    /** Appends effects without a transition (e.g. re-sending the current card on `resume`). */
    async queueEffects(orderId: string, effects: StoredEffect[]): Promise<void> {
      if (effects.length === 0) return;
      await collection.updateOne({ _id: orderId }, { $push: { pendingEffects: { $each: effects } } });
    },

    /** Removes effects that were applied. */
    async clearEffects(orderId: string, ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await collection.updateOne({ _id: orderId }, { $pull: { pendingEffects: { id: { $in: ids } } } });
    },

    /** Envelopes with effects still to apply (after a crash), oldest first. */
    async listWithPendingEffects(limit: number): Promise<SetupDocument[]> {
      const docs = await collection
        .find({ 'pendingEffects.0': { $exists: true } })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .toArray();
      return docs.map(parse);
    },

    async listByOwner(email: string): Promise<SetupDocument[]> {
      const docs = await collection.find({ ownerEmail: email }).sort({ updatedAt: -1 }).limit(50).toArray();
      return docs.map(parse);
    },

    /** How many setups sit at each step, for the funnel report. */
    async countByStep(): Promise<Array<{ step: string; status: string; count: number }>> {
      const rows = collection.aggregate<{ _id: { step: string; status: string }; n: number }>([
        { $group: { _id: { step: '$step', status: '$status' }, n: { $sum: 1 } } },
      ]);
      const out: Array<{ step: string; status: string; count: number }> = [];
      for await (const row of rows) out.push({ step: row._id.step, status: row._id.status, count: row.n });
      return out;
    },
  };
}

export type SetupsRepository = ReturnType<typeof createSetupsRepository>;
