import type { Logger } from '../log/logger.js';
import type { ClaimedOutboxItem } from '../storage/outbox.repository.js';
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
 * Carries one claimed item out: a Webex message, or a signed POST. A message whose earlier claim
 * ran out (its sender may have died after Webex took it) is first looked for in the conversation,
 * so that a send that did happen is not repeated. Throws what the send threw.
 */
export function createDelivery(deps: DeliveryDeps) {
  async function alreadySent(claimed: ClaimedOutboxItem): Promise<string | null> {
    const target = claimed.item.target;
    if (!claimed.reclaimed || !('toPersonEmail' in target)) return null;
    const recent = await deps.gateway.listDirectMessages(target.toPersonEmail, 20);
    // Only a message the bot wrote after the lost claim began can be this one: an older card with
    // the same text (a step sent again on request) must not stop a new send.
    const since = (claimed.previousClaimedAt?.getTime() ?? 0) - CLOCK_SKEW_MS;
    // Every message carries its own marker: another message with the same text is not it.
    const marker = messageMarker(claimed.item._id);
    const copy = recent.find(
      (message) =>
        message.fromBot &&
        message.marker === marker &&
        (message.created === undefined || message.created.getTime() >= since),
    );
    return copy?.id ?? null;
  }

  async function deliver(
    claimed: ClaimedOutboxItem,
  ): Promise<{ messageId: string | null; roomId: string | null }> {
    const { item } = claimed;
    const payload: unknown = JSON.parse(item.payloadJson);
    if (item.channel === 'webhook') {
      if (!('url' in item.target)) throw new WebexCallError('webhook item without url', undefined, false);
      const result = await deps.postWebhook(item.target.url, payload);
      if (!result.ok)
        throw new WebexCallError(result.error ?? 'webhook failed', result.status, result.retryable);
      return { messageId: null, roomId: null };
    }
    const message = storedWebexPayloadSchema.parse(payload);
    const existing = await alreadySent(claimed);
    if (existing !== null) {
      deps.logger.warn(
        { item: item._id },
        'message found already sent after a lost lease; not sending again',
      );
      return { messageId: existing, roomId: null };
    }
    if ('url' in item.target) throw new WebexCallError('message item with url target', undefined, false);
    const sent = await deps.gateway.sendMessage(item.target, { ...message, marker: messageMarker(item._id) });
    return { messageId: sent.id, roomId: sent.roomId };
  }

  return deliver;
}
