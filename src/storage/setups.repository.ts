import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { storedEffectSchema } from '../effects/effects.port.js';
import { type OrderDocument, orderSchema } from '../orders/order.model.js';
import { parseStored } from './documents.js';
import { createEffectStore, PENDING_EFFECTS_INDEX, type StringIdDocument } from './effect-store.js';

/**
 * One setup conversation, stored as an envelope around the machine's persisted snapshot.
 * `rev` is the optimistic-concurrency counter: a transition is saved only if `rev` is unchanged,
 * so two clicks on one card make one transition. `pendingEffects` are the side effects of the last
 * transitions, saved in the same single-document write as the new state, so a crash between saving
 * and sending loses nothing; they are carried out (idempotently) and then removed.
 */
const setupSchema = z.object({
  _id: z.string(),
  machineId: z.string(),
  version: z.number().int(),
  rev: z.number().int().nonnegative(),
  // JSON text: snapshots hold user text, whose keys MongoDB may not accept.
  snapshotJson: z.string(),
  ownerEmail: z.string(),
  step: z.string(),
  status: z.enum(['active', 'done', 'needs_attention']),
  pendingEffects: z.array(storedEffectSchema),
  // The click that made the last transition, to tell a double click from a different answer on the
  // same card; null after a transition no click made, absent in documents written before it.
  lastSubmit: z.object({ action: z.string(), digest: z.string() }).nullable().optional(),
  // The events (card clicks, by attachment action id) that made the latest transitions, oldest
  // first. An event processed again (its inbox record was not marked done before a crash or an
  // outage) is recognised by it and changes nothing. Absent in documents written before it.
  appliedEvents: z.array(z.string()).optional(),
  // What was typed on the current card at Save and exit (not an answer); it refills that card only
  // while `rev` is unchanged. Absent in documents written before drafts.
  draft: z
    .object({
      rev: z.number().int().nonnegative(),
      view: z.string(),
      values: z.record(z.string(), z.string()),
    })
    .nullable()
    .optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type SetupDocument = z.infer<typeof setupSchema>;

/** What is kept of the click that made a transition: its action and a digest of everything it sent. */
export type LastSubmit = NonNullable<SetupDocument['lastSubmit']>;

/** The columns a transition writes. */
export interface SetupState {
  machineId: string;
  version: number;
  snapshotJson: string;
  ownerEmail: string;
  step: string;
  status: SetupDocument['status'];
  lastSubmit: LastSubmit | null;
  /** Written only by a transition a click made; otherwise the stored list stays. */
  appliedEvents?: string[];
}

const COLLECTION = 'setups';

/** Setups, each a change at a time with its effects (see `effects/`), and the look-ups around them. */
export function createSetupsRepository(db: Db) {
  const collection: Collection<SetupDocument> = db.collection<SetupDocument>(COLLECTION);
  const parse = (doc: unknown) => parseStored(setupSchema, COLLECTION, doc);
  const effects = createEffectStore<SetupDocument, SetupState>({
    collection: db.collection<StringIdDocument>(COLLECTION),
    parse,
    toUpdate: (state, at) => ({ $set: { ...state, updatedAt: at } }),
  });

  return {
    ...effects,

    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        { key: { ownerEmail: 1, updatedAt: -1 }, name: 'by_owner' },
        PENDING_EFFECTS_INDEX,
      ]);
    },

    /**
     * Keeps `draft` on the setup if it is still at `rev`; neither the revision nor `updatedAt`
     * moves, since nothing was answered. False when the setup moved on meanwhile.
     */
    async saveDraft(
      orderId: string,
      rev: number,
      draft: NonNullable<SetupDocument['draft']>,
    ): Promise<boolean> {
      const result = await collection.updateOne({ _id: orderId, rev }, { $set: { draft } });
      return result.matchedCount === 1;
    },

    async load(orderId: string): Promise<SetupDocument | undefined> {
      const doc = await collection.findOne({ _id: orderId });
      return doc === null ? undefined : parse(doc);
    },

    /**
     * A setup and its order, in one round trip (a `$lookup` by the shared id): a click needs both.
     * Nothing when there is no setup; the order alone is not read then.
     */
    async loadWithOrder(
      orderId: string,
    ): Promise<{ setup: SetupDocument; order: OrderDocument | undefined } | undefined> {
      const [row] = await collection
        .aggregate([
          { $match: { _id: orderId } },
          { $limit: 1 },
          { $lookup: { from: 'orders', localField: '_id', foreignField: '_id', as: 'order' } },
        ])
        .toArray();
      if (row === undefined) return undefined;
      const { order, ...setup } = row;
      const [orderDoc] = z.array(z.unknown()).parse(order);
      return {
        setup: parse(setup),
        order: orderDoc === undefined ? undefined : parseStored(orderSchema, 'orders', orderDoc),
      };
    },

    /** The setups of these orders (those that have one), in one query. */
    async loadMany(orderIds: readonly string[]): Promise<SetupDocument[]> {
      if (orderIds.length === 0) return [];
      const docs = await collection.find({ _id: { $in: [...orderIds] } }).toArray();
      return docs.map(parse);
    },

    async listByOwner(email: string): Promise<SetupDocument[]> {
      const docs = await collection.find({ ownerEmail: email }).sort({ updatedAt: -1 }).limit(50).toArray();
      return docs.map(parse);
    },

    /** Setups in progress, least recently moved first, at most `limit` (the catch-up after an outage). */
    async listActive(limit: number): Promise<SetupDocument[]> {
      const docs = await collection.find({ status: 'active' }).sort({ updatedAt: 1 }).limit(limit).toArray();
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
