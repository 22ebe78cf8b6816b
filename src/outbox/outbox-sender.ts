import { createDocumentEffects } from '../effects/document-effects.js';
import type { EffectOutcome, EffectRun } from '../effects/effects.port.js';
import { type DeliverEffect, deliverEffectSchema, type OutboxItem } from '../storage/outbox.repository.js';
import { WebexCallError } from '../webex/gateway.js';
import { createDelivery } from './outbox-delivery.js';
import { createLanes } from './outbox-lanes.js';
import type { DeliveryOutcome, OutboxSenderOptions } from './outbox-sender.types.js';

export type { DeliveryOutcome, OutboxSenderOptions };

/** Thrown into the sends that wait to try again when the sender stops: they stay pending. */
class SenderStopped extends Error {}

/**
 * Thrown before a send by an instance that may have been presumed dead (or was ended): another
 * may have taken its messages over, so it sends nothing more; they stay pending for their owner.
 */
class NotOwner extends Error {}

/** Reads a stored delivery effect; an unreadable one is dropped (and logged) by the mechanism. */
function parseDeliver(json: string): DeliverEffect | undefined {
  try {
    const parsed = deliverEffectSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Delivers the outbox's items: each is a document of the effects mechanism whose one effect is its
 * delivery, owned by the instance that queued it. That instance delivers it at once, with no claim
 * or lease; what an instance presumed dead owned is taken over by the recovery pass and delivered
 * the same way, after a look at the conversation for a copy it may have sent before it died.
 * A recipient's messages leave in queue order, a message that must be tried again holding back
 * the ones behind it; a few sends are under way at once.
 */
export function createOutboxSender(options: OutboxSenderOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const log = options.logger.child({ component: 'outbox' });
  const lanes = createLanes(options.concurrency ?? 8);
  const deliver = createDelivery({ gateway: options.gateway, postWebhook: options.postWebhook, logger: log });
  /** Items handed over by this process's outbox, so that delivering them reads nothing back. */
  const handed = new Map<string, OutboxItem>();
  let stopping = false;
  const sleepers = new Set<() => void>();

  /** Waits until `at`, or throws once the sender stops (also when it stopped before the wait). */
  async function waitUntil(at: Date): Promise<void> {
    if (stopping) throw new SenderStopped('the sender stopped');
    const ms = at.getTime() - now().getTime();
    if (ms > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      });
    }
    if (stopping) throw new SenderStopped('the sender stopped');
  }

  /** A send that failed: the time of its next try, or undefined when it is given up. */
  function retryAt(item: OutboxItem, attempts: number, error: unknown): Date | undefined {
    const retryable = !(error instanceof WebexCallError) || error.retryable;
    if (!retryable || attempts >= maxAttempts) return undefined;
    const delay = Math.min(300_000, 2_000 * 2 ** (attempts - 1)) * (0.75 + Math.random() / 2);
    log.warn({ item: item._id, attempts, error: String(error) }, 'send failed; will retry');
    return new Date(now().getTime() + delay);
  }

  /** Delivers one item, trying again as long as it may; what it came to, recorded with its removal. */
  async function deliverItem(id: string, run: EffectRun): Promise<EffectOutcome> {
    const item = handed.get(id) ?? (await options.repository.get(id));
    handed.delete(id);
    if (item === undefined) return {};
    // Recorded already, its report perhaps not made (a crash, or a report that failed): made again,
    // as the reports are idempotent.
    if (item.status === 'sent') {
      const outcome: DeliveryOutcome = {
        purpose: item.purpose,
        itemId: id,
        messageId: item.messageId,
        roomId: null,
      };
      return { afterRecord: async () => options.onDelivered?.(outcome) };
    }
    if (item.status === 'failed') {
      const error = item.lastError ?? 'failed';
      return { afterRecord: async () => options.onFailed?.(item, error, item.refusal ?? undefined) };
    }
    let attempts = item.attempts;
    // Never sent by anyone before when fresh; otherwise possibly, since it was queued.
    let sentSince = run.fresh ? undefined : (run.committedAt ?? item.createdAt);
    let nextAt = item.nextAttemptAt;
    for (;;) {
      await waitUntil(nextAt);
      attempts += 1;
      try {
        const sent = await lanes.withSlot(() => {
          if (!options.owners.mayAct()) throw new NotOwner('this instance may have been presumed dead');
          return deliver(item, sentSince);
        });
        const outcome: DeliveryOutcome = { purpose: item.purpose, itemId: id, ...sent };
        return {
          record: { status: 'sent', sentAt: now(), messageId: sent.messageId, attempts, lastError: null },
          afterRecord: async () => options.onDelivered?.(outcome),
        };
      } catch (error) {
        if (error instanceof NotOwner) throw error;
        const message = error instanceof Error ? error.message : String(error);
        const at = retryAt(item, attempts, error);
        if (at === undefined) {
          const refusal = error instanceof WebexCallError ? error.refusal : undefined;
          log.error({ item: id, attempts, error: message, refusal }, 'send failed for good');
          return {
            record: { status: 'failed', attempts, lastError: message, refusal: refusal ?? null },
            afterRecord: async () => options.onFailed?.({ ...item, attempts }, message, refusal),
          };
        }
        // Counted where a successor would read it, so that a message is not tried forever.
        await options.repository
          .recordAttempt(id, attempts, at, message)
          .catch((writeError: unknown) =>
            log.warn({ err: writeError, item: id }, 'cannot record a failed try'),
          );
        // A failure without an answer may still have been taken: looked for before the next try.
        sentSince ??= item.createdAt;
        nextAt = at;
      }
    }
  }

  const effects = createDocumentEffects<OutboxItem, never, DeliverEffect>({
    name: 'outbox',
    store: options.repository.store,
    owners: options.owners,
    // A taken-over message may wait minutes for its next try: the pass does not wait with it.
    detachRecovery: true,
    now,
    logger: log,
    handler: {
      parse: parseDeliver,
      // Queued in the lane synchronously: items run in the order they are given, per recipient.
      run: (id, effect, run) => lanes.queue(effect.lane, () => deliverItem(id, run)),
    },
  });

  /** Delivers items this process's outbox just stored. */
  function take(items: readonly OutboxItem[]): void {
    for (const item of items) {
      handed.set(item._id, item);
      const fresh = new Set(item.pendingEffects.map((effect) => effect.id));
      effects.run({ id: item._id, effects: item.pendingEffects }, fresh).catch((error: unknown) => {
        if (!(error instanceof SenderStopped) && !(error instanceof NotOwner))
          log.warn({ err: error, item: item._id }, 'message not delivered yet; will retry');
      });
    }
  }

  return {
    name: effects.name,
    recover: effects.recover,
    /** Starts delivering what this process queues. */
    start(): void {
      stopping = false;
      options.local.open(take);
    },
    /** Stops taking work, ends the waits for a next try, and waits for the sends under way and their records. */
    async stop(): Promise<void> {
      options.local.close();
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await lanes.idle();
      await effects.idle();
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
