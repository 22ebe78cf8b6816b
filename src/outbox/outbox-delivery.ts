import type { Logger } from '../log/logger.js';
import type { OutboxItem } from '../storage/outbox.repository.js';
import { WebexCallError, type WebexGateway } from '../webex/gateway.js';
import { messageMarker } from './message-marker.js';
import { storedWebexPayloadSchema } from './outbox.js';
import type { SignedPostResult } from './webhook-sender.js';

/** Clocks of instances and of Webex may differ by this much. */
const CLOCK_SKEW_MS = 5_000;

export interface DeliveryDeps {
  gateway: WebexGateway;
  postWebhook: (url: string, body: unknown) => Promise<SignedPostResult>;
  logger: Logger;
}

/**
 * Carries one item out: a Webex message, or a signed POST. A message that may have been sent
 * already (taken over from an instance that died, or tried again after a failure whose answer was
 * lost) is first looked for in the conversation, so that a send that did happen is not repeated.
 * Throws what the send threw.
 */
export function createDelivery(deps: DeliveryDeps) {
  async function alreadySent(item: OutboxItem, sentSince: Date | undefined): Promise<string | null> {
    const target = item.target;
    if (sentSince === undefined || !('toPersonEmail' in target)) return null;
    const recent = await deps.gateway.listDirectMessages(target.toPersonEmail, 20);
    // Only a message the bot wrote after it was queued can be this one: an older card with the
    // same text (a step sent again on request) must not stop a new send.
    const since = sentSince.getTime() - CLOCK_SKEW_MS;
    // Every message carries its own marker: another message with the same text is not it.
    const marker = messageMarker(item._id);
    const copy = recent.find(
      (message) =>
        message.fromBot &&
        message.marker === marker &&
        (message.created === undefined || message.created.getTime() >= since),
    );
    return copy?.id ?? null;
  }

  /** Delivers `item`; `sentSince` when it may have been sent since then (looked for first). */
  async function deliver(
    item: OutboxItem,
    sentSince: Date | undefined,
  ): Promise<{ messageId: string | null; roomId: string | null }> {
    const payload: unknown = JSON.parse(item.payloadJson);
    if (item.channel === 'webhook') {
      if (!('url' in item.target)) throw new WebexCallError('webhook item without url', undefined, false);
      const result = await deps.postWebhook(item.target.url, payload);
      if (!result.ok)
        throw new WebexCallError(result.error ?? 'webhook failed', result.status, result.retryable);
      return { messageId: null, roomId: null };
    }
    const message = storedWebexPayloadSchema.parse(payload);
    const existing = await alreadySent(item, sentSince);
    if (existing !== null) {
      deps.logger.warn({ item: item._id }, 'message found already sent; not sending again');
      return { messageId: existing, roomId: null };
    }
    if ('url' in item.target) throw new WebexCallError('message item with url target', undefined, false);
    const sent = await deps.gateway.sendMessage(item.target, { ...message, marker: messageMarker(item._id) });
    return { messageId: sent.id, roomId: sent.roomId };
  }

  return deliver;
}
