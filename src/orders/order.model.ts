import { z } from 'zod';
import { ORDER_STATUSES } from '../../flows/order-view.types.js';
import { storedEffectSchema } from '../effects/effects.port.js';

export { ORDER_STATUSES, type OrderStatus } from '../../flows/order-view.types.js';

const historySchema = z.object({
  at: z.date(),
  by: z.string(),
  action: z.string(),
  from: z.enum(ORDER_STATUSES).optional(),
  to: z.enum(ORDER_STATUSES).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Work a transition leaves behind, committed with it (see `effects/`): the message to queue or the
 * alert to raise. `key` is its idempotency key in the outbox, so running it twice sends it once.
 */
export const orderEffectSchema = z.discriminatedUnion('type', [
  z.object({ key: z.string(), type: z.literal('invitation'), contactVersion: z.number().int() }),
  z.object({ key: z.string(), type: z.literal('reminder'), reminder: z.string() }),
  z.object({ key: z.string(), type: z.literal('alert'), alert: z.string(), reason: z.string().nullable() }),
]);

const setupSchema = z.object({
  step: z.string(),
  stepNumber: z.number().int(),
  totalSteps: z.number().int(),
  ownerEmail: z.string(),
  lastActivityAt: z.date(),
  /** The setup's revision of this step; absent in orders written before it was kept. */
  rev: z.number().int().optional(),
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

/** An order as stored. Orders written before revisions existed read as rev 0 with nothing pending. */
export const orderSchema = orderFieldsSchema.extend({
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
  rev: z.number().int().nonnegative().default(0),
  pendingEffects: z.array(storedEffectSchema).default([]),
  history: z.array(historySchema),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastActivityAt: z.date(),
});

export type OrderDocument = z.infer<typeof orderSchema>;
export type OrderFields = z.infer<typeof orderFieldsSchema>;
export type OrderHistoryEntry = z.infer<typeof historySchema>;
export type OrderEffect = z.infer<typeof orderEffectSchema>;
export type OrderSetup = z.infer<typeof setupSchema>;

/** What a transition changes, all in one atomic update. */
export interface OrderUpdate {
  set?: Partial<Omit<OrderDocument, '_id' | 'rev' | 'history' | 'pendingEffects' | 'input' | 'createdAt'>>;
  history?: OrderHistoryEntry[];
  popReminder?: boolean;
}

/** A transition: the update and the effects it causes. */
export interface OrderChange extends OrderUpdate {
  effects?: OrderEffect[];
}

/** The position after which a page of the list continues (newest activity first). */
export interface OrderListPosition {
  lastActivityAt: Date;
  id: string;
}
