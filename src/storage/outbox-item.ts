import { z } from 'zod';

/** One stored outgoing message (or signed webhook POST), as the outbox collection holds it. */

const targetSchema = z.union([
  z.object({ roomId: z.string() }),
  z.object({ toPersonEmail: z.string() }),
  z.object({ url: z.string() }),
]);

const purposeSchema = z.object({ kind: z.string(), orderId: z.string().optional() }).catchall(z.unknown());

export const outboxSchema = z.object({
  _id: z.string(),
  channel: z.enum(['webex', 'webhook']),
  target: targetSchema,
  // The payload is kept as a JSON string: Adaptive Cards carry `$schema` keys and dotted values
  // that MongoDB field names must not contain.
  payloadJson: z.string(),
  purpose: purposeSchema,
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  /** Order of queuing, so messages to one person leave in the order they were queued. */
  seq: z.number().default(0),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lockedUntil: z.date().nullable(),
  lockedBy: z.string().nullable(),
  claimedAt: z.date().nullable(),
  /** The claim that last leased it in a batch: tells the worker which items of its batch it took. */
  claimId: z.string().optional(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  messageId: z.string().nullable(),
  lastError: z.string().nullable(),
});

export type OutboxItem = z.infer<typeof outboxSchema>;
export type OutboxTarget = z.infer<typeof targetSchema>;
export type OutboxPurpose = z.infer<typeof purposeSchema>;

export interface NewOutboxItem {
  id: string;
  channel: OutboxItem['channel'];
  target: OutboxTarget;
  payload: unknown;
  purpose: OutboxPurpose;
  /** Not before this moment (defaults to now). */
  notBefore?: Date;
}

let lastSeq = 0;
/** Increases on every call in this process, and roughly with time across processes. */
function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1);
  return lastSeq;
}

/** A queued item as first stored: pending, due at `notBefore` (or now), in queue order. */
export function newOutboxItem(item: NewOutboxItem, now: Date): OutboxItem {
  return {
    _id: item.id,
    channel: item.channel,
    target: item.target,
    payloadJson: JSON.stringify(item.payload),
    purpose: item.purpose,
    status: 'pending',
    seq: nextSeq(),
    attempts: 0,
    nextAttemptAt: item.notBefore ?? now,
    lockedUntil: null,
    lockedBy: null,
    claimedAt: null,
    createdAt: now,
    sentAt: null,
    messageId: null,
    lastError: null,
  };
}
