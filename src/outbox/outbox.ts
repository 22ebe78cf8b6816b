import { z } from 'zod';
import type { Owners } from '../effects/instances.js';
import type { NewOutboxItem, OutboxPurpose, OutboxRepository } from '../storage/outbox.repository.js';
import type { MessageTarget, OutgoingMessage } from '../webex/gateway.js';
import { createLocalQueue, type LocalQueue } from './local-queue.js';
import { fitToWebexLimit } from './message-fit.js';

/** What the rest of the bot uses to send anything that must not be lost or sent twice. */
export interface Outbox {
  /**
   * Queues a Webex message under an idempotency key: queuing the same key twice sends once.
   * Returns false when the key was already queued.
   */
  sendMessage(
    key: string,
    target: MessageTarget,
    message: OutgoingMessage,
    purpose: OutboxPurpose,
  ): Promise<boolean>;
  /**
   * Queues several Webex messages in one write, each under its idempotency key (keys already
   * queued are skipped); how many were added. The sender works through them at the pace Webex
   * allows, a few recipients at a time.
   */
  sendMessages(messages: readonly QueuedMessage[]): Promise<number>;
  /**
   * Records a message that was sent without the queue (as Webex's `messageId`), under its key:
   * the outbox stays the ledger of what was sent, and the key is never queued after it.
   */
  recordSent(
    key: string,
    target: MessageTarget,
    message: OutgoingMessage,
    purpose: OutboxPurpose,
    messageId: string,
  ): Promise<boolean>;
  /** Whether a message of this key was queued or recorded already. */
  has(key: string): Promise<boolean>;
  /** Queues a signed JSON POST to an outside URL (the provisioning notification). */
  postWebhook(
    key: string,
    url: string,
    body: Record<string, unknown>,
    purpose: OutboxPurpose,
  ): Promise<boolean>;
  /** Where this process's sender takes what is queued here (see `local-queue.ts`). */
  readonly local: LocalQueue;
}

/** One message of `sendMessages`. */
export interface QueuedMessage {
  key: string;
  target: MessageTarget;
  message: OutgoingMessage;
  purpose: OutboxPurpose;
}

export interface OutboxDeps {
  repository: OutboxRepository;
  /** This instance: what it queues is its own to deliver (see `effects/instances.ts`). */
  owners: Pick<Owners, 'id'>;
  now: () => Date;
}

/** A stored Webex payload, parsed back into a message; cards stay opaque JSON. */
export const storedWebexPayloadSchema = z.object({
  text: z.string(),
  markdown: z.string().optional(),
  card: z.record(z.string(), z.unknown()).optional(),
  parentId: z.string().optional(),
});

export type StoredWebexPayload = z.infer<typeof storedWebexPayloadSchema>;

export function createOutbox(deps: OutboxDeps): Outbox {
  const local = createLocalQueue();
  /** Stores the item, owned by this instance, and hands it to this process's sender. */
  async function enqueue(item: NewOutboxItem): Promise<boolean> {
    const stored = await deps.repository.enqueue(item, deps.now(), deps.owners.id);
    if (stored === undefined) return false;
    local.handOver([stored]);
    return true;
  }
  return {
    local,
    sendMessage(key, target, message, purpose) {
      const payload: StoredWebexPayload = { ...fitToWebexLimit(message) };
      return enqueue({ id: key, channel: 'webex', target, payload, purpose });
    },
    async sendMessages(messages) {
      const items = messages.map(({ key, target, message, purpose }) => ({
        id: key,
        channel: 'webex' as const,
        target,
        payload: { ...fitToWebexLimit(message) } satisfies StoredWebexPayload,
        purpose,
      }));
      const added = await deps.repository.enqueueMany(items, deps.now(), deps.owners.id);
      local.handOver(added);
      return added.length;
    },
    recordSent(key, target, message, purpose, messageId) {
      const payload: StoredWebexPayload = { ...message };
      const item = { id: key, channel: 'webex', target, payload, purpose } as const;
      return deps.repository.recordSent(item, deps.now(), messageId);
    },
    has: (key) => deps.repository.has(key),
    postWebhook(key, url, body, purpose) {
      return enqueue({ id: key, channel: 'webhook', target: { url }, payload: body, purpose });
    },
  };
}
