import { z } from 'zod';
import type { OutboxPurpose, OutboxRepository } from '../storage/outbox.repository.js';
import type { MessageTarget, OutgoingMessage } from '../webex/gateway.js';
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
  /** Queues a signed JSON POST to an outside URL (the provisioning notification). */
  postWebhook(
    key: string,
    url: string,
    body: Record<string, unknown>,
    purpose: OutboxPurpose,
  ): Promise<boolean>;
}

export interface OutboxDeps {
  repository: OutboxRepository;
  now: () => Date;
  /** Wakes the worker so a queued message leaves at once instead of at the next poll. */
  onEnqueued: () => void;
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
  return {
    async sendMessage(key, target, message, purpose) {
      const payload: StoredWebexPayload = { ...fitToWebexLimit(message) };
      const added = await deps.repository.enqueue(
        { id: key, channel: 'webex', target, payload, purpose },
        deps.now(),
      );
      if (added) deps.onEnqueued();
      return added;
    },
    async postWebhook(key, url, body, purpose) {
      const added = await deps.repository.enqueue(
        { id: key, channel: 'webhook', target: { url }, payload: body, purpose },
        deps.now(),
      );
      if (added) deps.onEnqueued();
      return added;
    },
  };
}
