import type { Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';
import {
  ORDER_STATUSES,
  type OrderDocument,
  type OrderStatus,
  type OrderUpdate,
  orderSchema,
} from '../orders/order.model.js';
import type { OrdersRepository } from '../orders/ports.js';
import { parseStored } from './documents.js';
import { createEffectStore, PENDING_EFFECTS_INDEX, type StringIdDocument } from './effect-store.js';

const COLLECTION = 'orders';

/** Effects as orders held them before `pendingEffects`, reserved by a lease (`leaseBy`, `leaseUntil`). */
const legacyEffectsSchema = z.object({
  _id: z.string(),
  effects: z.array(z.looseObject({ id: z.string() })),
});

function toUpdate(change: OrderUpdate) {
  const update: {
    $set: Record<string, unknown>;
    $push?: Record<string, unknown>;
    $pop?: Record<string, -1>;
  } = {
    $set: { ...change.set },
  };
  if (change.history !== undefined && change.history.length > 0)
    update.$push = { history: { $each: change.history } };
  if (change.popReminder === true) update.$pop = { reminders: -1 };
  return update;
}

/** Orders, their history and their pending effects; every transition is one compare-and-set. */
export function createOrdersRepository(db: Db): OrdersRepository {
  const collection: Collection<OrderDocument> = db.collection<OrderDocument>(COLLECTION);
  const untyped = db.collection<StringIdDocument>(COLLECTION);
  const parse = (doc: unknown) => parseStored(orderSchema, COLLECTION, doc);
  const effects = createEffectStore<OrderDocument, OrderUpdate>({ collection: untyped, parse, toUpdate });

  // Whole documents, not ids: the caller decides on them directly and re-reads only after losing a race.
  async function findMany(filter: Filter<OrderDocument>, sort: Record<string, 1 | -1>, limit: number) {
    const docs = await collection.find(filter, { sort, limit }).toArray();
    return docs.map(parse);
  }

  /**
   * Moves effects an older version left under a lease into `pendingEffects`, where the effect
   * runner finds them; the lease fields go. Instances starting together convert each order once.
   */
  async function migrateLegacyEffects(at: Date): Promise<void> {
    const legacy = await untyped.find({ 'effects.0': { $exists: true } }).toArray();
    for (const doc of legacy) {
      const parsed = legacyEffectsSchema.safeParse(doc);
      if (!parsed.success) continue;
      // Their ids were unique within an order already (`invite:<order>:<version>`) and stay the keys.
      const moved = parsed.data.effects.map(({ id, ...effect }) => ({
        id,
        json: JSON.stringify({ key: id, ...effect }),
        at,
      }));
      await untyped.updateOne(
        { _id: parsed.data._id, 'effects.0': { $exists: true } },
        {
          $push: { pendingEffects: { $each: moved } },
          $unset: { effects: '', leaseBy: '', leaseUntil: '' },
        },
      );
    }
  }

  return {
    ...effects,

    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        { key: { inviteDueAt: 1 }, name: 'invite_due' },
        { key: { nextReminderAt: 1 }, name: 'reminder_due' },
        { key: { status: 1, deadlineAt: 1 }, name: 'deadline' },
        { key: { lastActivityAt: -1, _id: -1 }, name: 'activity' },
        { key: { status: 1, lastActivityAt: -1, _id: -1 }, name: 'status_activity' },
        PENDING_EFFECTS_INDEX,
      ]);
      await migrateLegacyEffects(new Date());
    },

    async get(id: string): Promise<OrderDocument | undefined> {
      const doc = await collection.findOne({ _id: id });
      return doc === null ? undefined : parse(doc);
    },

    async getMany(ids: readonly string[]): Promise<OrderDocument[]> {
      if (ids.length === 0) return [];
      return (await collection.find({ _id: { $in: [...ids] } }).toArray()).map(parse);
    },

    findDueInvitations: (now: Date, limit: number) =>
      findMany({ status: 'scheduled', inviteDueAt: { $lte: now } }, { inviteDueAt: 1 }, limit),

    findDueReminders: (now: Date, limit: number) =>
      findMany(
        { status: { $in: ['invited', 'in_progress'] }, nextReminderAt: { $lte: now } },
        { nextReminderAt: 1 },
        limit,
      ),

    findPastDeadline: (now: Date, limit: number) =>
      findMany(
        {
          status: { $in: ['scheduled', 'invited', 'in_progress', 'needs_attention'] },
          deadlineAt: { $lte: now },
        },
        { deadlineAt: 1 },
        limit,
      ),

    async list(statuses, limit, after) {
      const filter: Filter<OrderDocument> = {};
      if (statuses !== undefined) filter.status = { $in: [...statuses] };
      if (after !== undefined)
        filter.$or = [
          { lastActivityAt: { $lt: after.lastActivityAt } },
          { lastActivityAt: after.lastActivityAt, _id: { $lt: after.id } },
        ];
      const docs = await collection.find(filter, { sort: { lastActivityAt: -1, _id: -1 }, limit }).toArray();
      return docs.map(parse);
    },

    async countByStatus(): Promise<Record<OrderStatus, number>> {
      const counts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
        OrderStatus,
        number
      >;
      const rows = collection.aggregate<{ _id: unknown; n: unknown }>([
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]);
      for await (const row of rows) {
        const status = z.enum(ORDER_STATUSES).safeParse(row._id);
        if (status.success && typeof row.n === 'number') counts[status.data] = row.n;
      }
      return counts;
    },
  };
}

export type { OrdersRepository } from '../orders/ports.js';
