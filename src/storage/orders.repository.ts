import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError, parseStored } from './documents.js';

export const ORDER_STATUSES = [
  'scheduled',
  'invited',
  'in_progress',
  'needs_attention',
  'completed',
  'expired',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const historySchema = z.object({
  at: z.date(),
  by: z.string(),
  action: z.string(),
  from: z.enum(ORDER_STATUSES).optional(),
  to: z.enum(ORDER_STATUSES).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Work a transition leaves behind in the order itself, written in the same atomic update: the
 * message to queue. Whoever holds the order's lease writes it to the outbox (idempotent by key) and
 * removes it, so a crash between the two is finished by another instance.
 */
const effectSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string(), type: z.literal('invitation'), contactVersion: z.number().int() }),
  z.object({ id: z.string(), type: z.literal('reminder'), reminder: z.string() }),
  z.object({ id: z.string(), type: z.literal('alert'), alert: z.string(), reason: z.string().nullable() }),
]);

const setupSchema = z.object({
  step: z.string(),
  stepNumber: z.number().int(),
  totalSteps: z.number().int(),
  ownerEmail: z.string(),
  lastActivityAt: z.date(),
});

const orderFieldsSchema = z.object({
  requestedStartDate: z.string(),
  provisioningContactEmail: z.string(),
  partnerName: z.string().nullable(),
  customerName: z.string().nullable(),
  offer: z.enum(['a-flex', 'other']),
  trialOrgId: z.string().nullable(),
  locale: z.enum(['en', 'hr']),
  timeZone: z.string(),
});

const orderSchema = orderFieldsSchema.extend({
  _id: z.string(),
  /** The fields as first created: a replayed POST is compared with these, not with later changes. */
  input: orderFieldsSchema,
  status: z.enum(ORDER_STATUSES),
  statusReason: z.string().nullable(),
  contactVersion: z.number().int(),
  dueAt: z.date(),
  deadlineAt: z.date(),
  inviteDueAt: z.date().nullable(),
  invitedAt: z.date().nullable(),
  reminders: z.array(z.object({ kind: z.string(), dueAt: z.date() })),
  nextReminderAt: z.date().nullable(),
  setup: setupSchema.nullable(),
  effects: z.array(effectSchema),
  leaseBy: z.string().nullable(),
  leaseUntil: z.date(),
  history: z.array(historySchema),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastActivityAt: z.date(),
});

export type OrderDocument = z.infer<typeof orderSchema>;
export type OrderFields = z.infer<typeof orderFieldsSchema>;
export type OrderHistoryEntry = z.infer<typeof historySchema>;
export type OrderEffect = z.infer<typeof effectSchema>;
export type OrderSetup = z.infer<typeof setupSchema>;

/** What a transition expects to find; it applies only if all of it still holds. */
export interface OrderExpectation {
  statuses?: readonly OrderStatus[];
  contactVersion?: number;
  /** Matches only if the order's `nextReminderAt` is exactly this (the reminder being sent). */
  nextReminderAt?: Date;
  inviteDueBy?: Date;
  deadlineBy?: Date;
}

/** What a transition changes, all in one atomic update. */
export interface OrderChange {
  set?: Partial<Omit<OrderDocument, '_id' | 'history' | 'effects' | 'input' | 'createdAt'>>;
  history?: OrderHistoryEntry[];
  effects?: OrderEffect[];
  /** Takes the order's lease so this process runs the effects it just added. */
  lease?: { by: string; until: Date };
  popReminder?: boolean;
}

/** The position after which a page of the list continues (newest activity first). */
export interface OrderListPosition {
  lastActivityAt: Date;
  id: string;
}

const COLLECTION = 'orders';
const FREE = new Date(0);

/** Orders, their history and their pending effects; every transition is one compare-and-set. */
export function createOrdersRepository(db: Db) {
  const collection: Collection<OrderDocument> = db.collection<OrderDocument>(COLLECTION);
  const parse = (doc: unknown) => parseStored(orderSchema, COLLECTION, doc);
  const leaseFree = (now: Date) => ({ leaseUntil: { $lte: now } });

  function toFilter(id: string, expect: OrderExpectation): Filter<OrderDocument> {
    const filter: Filter<OrderDocument> = { _id: id };
    if (expect.statuses !== undefined) filter.status = { $in: [...expect.statuses] };
    if (expect.contactVersion !== undefined) filter.contactVersion = expect.contactVersion;
    if (expect.nextReminderAt !== undefined) filter.nextReminderAt = expect.nextReminderAt;
    if (expect.inviteDueBy !== undefined) filter.inviteDueAt = { $lte: expect.inviteDueBy };
    if (expect.deadlineBy !== undefined) filter.deadlineAt = { $lte: expect.deadlineBy };
    return filter;
  }

  function toUpdate(change: OrderChange): UpdateFilter<OrderDocument> {
    const set: Record<string, unknown> = { ...change.set };
    if (change.lease !== undefined) {
      set.leaseBy = change.lease.by;
      set.leaseUntil = change.lease.until;
    }
    const update: UpdateFilter<OrderDocument> = { $set: set };
    const push: Record<string, unknown> = {};
    if (change.history !== undefined && change.history.length > 0) push.history = { $each: change.history };
    if (change.effects !== undefined && change.effects.length > 0) push.effects = { $each: change.effects };
    if (Object.keys(push).length > 0) update.$push = push;
    if (change.popReminder === true) update.$pop = { reminders: -1 };
    return update;
  }

  // Whole documents, not ids: the caller decides on them directly and re-reads only after losing a race.
  async function findMany(filter: Filter<OrderDocument>, sort: Record<string, 1 | -1>, limit: number) {
    const docs = await collection.find(filter, { sort, limit }).toArray();
    return docs.map(parse);
  }

  return {
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        { key: { inviteDueAt: 1 }, name: 'invite_due' },
        { key: { nextReminderAt: 1 }, name: 'reminder_due' },
        { key: { status: 1, deadlineAt: 1 }, name: 'deadline' },
        { key: { lastActivityAt: -1, _id: -1 }, name: 'activity' },
        { key: { status: 1, lastActivityAt: -1, _id: -1 }, name: 'status_activity' },
      ]);
    },

    /** Stores a new order; `false` when one with that id exists already. */
    async insert(order: OrderDocument): Promise<boolean> {
      try {
        await collection.insertOne(order);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    async get(id: string): Promise<OrderDocument | undefined> {
      const doc = await collection.findOne({ _id: id });
      return doc === null ? undefined : parse(doc);
    },

    /** Applies `change` only if `expect` still holds; the order after, or undefined when it did not. */
    async transition(id: string, expect: OrderExpectation, change: OrderChange) {
      const doc = await collection.findOneAndUpdate(toFilter(id, expect), toUpdate(change), {
        returnDocument: 'after',
      });
      return doc === null ? undefined : parse(doc);
    },

    /** Scheduled orders whose invitation is due (their start date has begun), oldest first. */
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

    /**
     * Orders with effects left behind by a holder whose lease ran out (or was released early).
     * No index: almost every order has a free lease, so one would not narrow this once-a-round scan.
     */
    findStrandedEffects: (now: Date, limit: number) =>
      findMany({ effects: { $ne: [] }, ...leaseFree(now) }, { leaseUntil: 1 }, limit),

    /** Takes the lease of an order whose lease is free; the order, or undefined if someone holds it. */
    async claimLease(id: string, now: Date, until: Date, by: string) {
      const doc = await collection.findOneAndUpdate(
        { _id: id, ...leaseFree(now) },
        { $set: { leaseBy: by, leaseUntil: until } },
        { returnDocument: 'after' },
      );
      return doc === null ? undefined : parse(doc);
    },

    /** Removes effects that were written to the outbox, and gives the lease back if still held. */
    async finishEffects(id: string, effectIds: string[], by: string): Promise<void> {
      const pull = { effects: { id: { $in: effectIds } } };
      const release = await collection.updateOne(
        { _id: id, leaseBy: by },
        { $pull: pull, $set: { leaseBy: null, leaseUntil: FREE } },
      );
      // Someone else took the lease meanwhile: still drop what this process wrote, keep their lease.
      if (release.matchedCount === 0 && effectIds.length > 0)
        await collection.updateOne({ _id: id }, { $pull: pull });
    },

    /** One page, newest activity first; `after` is the last item of the previous page. */
    async list(
      statuses: readonly OrderStatus[] | undefined,
      limit: number,
      after: OrderListPosition | undefined,
    ) {
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

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;

/** The lease value of an order nobody holds. */
export const FREE_LEASE = FREE;
