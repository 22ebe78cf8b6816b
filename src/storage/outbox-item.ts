import { z } from 'zod';
import { storedEffectSchema } from '../effects/effects.port.js';

/** One stored outgoing message (or signed webhook POST), as the outbox collection holds it. */

const targetSchema = z.union([
  z.object({ roomId: z.string() }),
  z.object({ toPersonEmail: z.string() }),
  z.object({ url: z.string() }),
]);

const purposeSchema = z.object({ kind: z.string(), orderId: z.string().optional() }).catchall(z.unknown());

export const outboxSchema = z.object({
  _id: z.string(),
  /** Its revision and its one pending effect, "deliver", until sent or given up (see `effects/`). */
  rev: z.number().int().default(0),
  pendingEffects: z.array(storedEffectSchema).default([]),
  /** The instance that delivers it: the one that queued it, or took it over (`effects/instances.ts`). */
  owner: z.string().nullish(),
  channel: z.enum(['webex', 'webhook']),
  target: targetSchema,
  // The payload is kept as a JSON string: Adaptive Cards carry `$schema` keys and dotted values
  // that MongoDB field names must not contain.
  payloadJson: z.string(),
  purpose: purposeSchema,
  /** `sending` only in outboxes written by versions that leased messages. */
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  /** Order of queuing, so messages to one person leave in the order they were queued. */
  seq: z.number().default(0),
  /** Tries so far. */
  attempts: z.number().int(),
  /** Not tried again before this moment. */
  nextAttemptAt: z.date(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  messageId: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Why Webex refused it for good, when the reason is the recipient's (no Webex account). */
  refusal: z.literal('recipient_not_on_webex').nullish(),
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
}

/** The one effect of a queued item; `lane` names its recipient, whose messages leave in order. */
export const deliverEffectSchema = z.object({ kind: z.literal('deliver'), lane: z.string() });
export type DeliverEffect = z.infer<typeof deliverEffectSchema>;

/** The lane of a recipient: one per person, room or URL. */
export const laneOf = (target: OutboxTarget): string => JSON.stringify(target);

let lastSeq = 0;
/** Increases on every call in this process, and roughly with time across processes. */
function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1);
  return lastSeq;
}

/** A queued item as first stored: pending, with its delivery to carry out, owned by `owner`. */
export function newOutboxItem(item: NewOutboxItem, now: Date, owner: string | undefined): OutboxItem {
  const deliver: DeliverEffect = { kind: 'deliver', lane: laneOf(item.target) };
  return {
    _id: item.id,
    rev: 0,
    pendingEffects: [{ id: `${item.id}:0:0`, json: JSON.stringify(deliver), at: now }],
    ...(owner === undefined ? {} : { owner }),
    channel: item.channel,
    target: item.target,
    payloadJson: JSON.stringify(item.payload),
    purpose: item.purpose,
    status: 'pending',
    seq: nextSeq(),
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: null,
    messageId: null,
    lastError: null,
  };
}
