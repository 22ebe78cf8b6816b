import type { EffectRun } from '../effects/effects.port.js';
import type { Logger } from '../log/logger.js';
import { messageMarker } from '../outbox/message-marker.js';
import type { Outbox } from '../outbox/outbox.js';
import type { WebexGateway } from '../webex/gateway.js';
import type { SendEffect } from './setup-effects.js';

/** Clocks of instances and of Webex may differ by this much. */
const CLOCK_SKEW_MS = 5_000;
/** Messages of the conversation looked through for a copy; a setup never sends this many at once. */
const RECENT_MESSAGES = 20;

export interface SendDeps {
  /** Sends now; absent where no Webex connection exists (then every message is queued). */
  gateway: Pick<WebexGateway, 'sendMessage' | 'listDirectMessages'> | undefined;
  outbox: Outbox;
  logger: Logger;
}

/**
 * Carries out a transition's message. The process that committed it sends it at once through
 * the gateway: the setup document itself is the stored work, so the click's answer pays no queue,
 * claim or lease; the outbox then records it as sent (its ledger, and its key). Anything else goes
 * through the outbox (keyed, so queued once):
 * - a send that failed (the outbox retries it with backoff, or gives up and says so);
 * - a message after one that was queued (so that the person reads them in order);
 * - a message left pending by a crash, unless the outbox has its key or the conversation shows a
 *   copy sent since it was committed (the crash came after Webex took it: it is recorded then).
 */
export function createSetupMessageSender(deps: SendDeps) {
  const queue = (effect: SendEffect) =>
    deps.outbox.sendMessage(effect.key, effect.target, effect.message, effect.purpose);

  const record = (effect: SendEffect, messageId: string) =>
    deps.outbox.recordSent(effect.key, effect.target, effect.message, effect.purpose, messageId);

  /** The id of this message in the bot's 1:1 space with the person, sent since `since`, if there. */
  async function sentSince(effect: SendEffect, since: Date | undefined): Promise<string | undefined> {
    const { gateway } = deps;
    if (gateway === undefined || since === undefined || !('toPersonEmail' in effect.target)) return undefined;
    try {
      const recent = await gateway.listDirectMessages(effect.target.toPersonEmail, RECENT_MESSAGES);
      const after = since.getTime() - CLOCK_SKEW_MS;
      // Every message carries its own marker (the outbox's, of the same key), so an earlier one
      // with the same text is not taken for it.
      const marker = messageMarker(effect.key);
      return recent.find(
        (message) =>
          message.fromBot &&
          message.marker === marker &&
          (message.created === undefined || message.created.getTime() >= after),
      )?.id;
    } catch (error) {
      // Queued rather than lost: a rare duplicate beats a missing step.
      deps.logger.warn({ err: error, key: effect.key }, 'cannot look for a sent copy; queuing the message');
      return undefined;
    }
  }

  /** A message a crash may have left half done: recorded, sent, or neither. */
  async function recover(effect: SendEffect, run: EffectRun): Promise<void> {
    if (await deps.outbox.has(effect.key)) return;
    const copy = await sentSince(effect, run.committedAt);
    if (copy !== undefined) {
      deps.logger.info({ key: effect.key }, 'message found sent before a crash; not sending it again');
      await record(effect, copy);
      return;
    }
    run.messages.queued = true;
    await queue(effect);
  }

  return async function send(effect: SendEffect, run: EffectRun): Promise<void> {
    const { gateway } = deps;
    if (!run.fresh) return recover(effect, run);
    if (gateway !== undefined && !run.messages.queued) {
      let sent: { id: string } | undefined;
      const startedAt = new Date();
      try {
        sent = await gateway.sendMessage(effect.target, {
          ...effect.message,
          marker: messageMarker(effect.key),
        });
      } catch (error) {
        // A send that failed without an answer (a timeout, a reset) may still have been taken:
        // looked for first, so that the outbox does not send it a second time.
        const copy = await sentSince(effect, startedAt);
        if (copy !== undefined) sent = { id: copy };
        else deps.logger.warn({ err: error, key: effect.key }, 'send failed; queued for the outbox to retry');
      }
      // Recorded outside the try: a failure to record must not queue what was sent.
      if (sent !== undefined) {
        await record(effect, sent.id);
        return;
      }
    }
    run.messages.queued = true;
    await queue(effect);
  };
}
