import { randomUUID } from 'node:crypto';
import type { ClaimedOutboxItem, OutboxItem } from '../storage/outbox.repository.js';
import { WebexCallError } from '../webex/gateway.js';
import { createLeaseKeeper, DEFAULT_LEASE_MS } from './lease-keeper.js';
import type { LocalConsumer } from './local-queue.js';
import { createDelivery } from './outbox-delivery.js';
import type { DeliveryOutcome, OutboxWorker, OutboxWorkerOptions } from './outbox-worker.types.js';
import { releasePredecessorClaims } from './predecessor-claims.js';
import { sleepOrWake } from './sleep-or-wake.js';
import { createWriteBatcher } from './write-batcher.js';

export type { DeliveryOutcome, OutboxWorker, OutboxWorkerOptions };

/** Tries to record a sent message again (0.5 s, 1 s, 2 s, 4 s apart): within a lease. */
const RECORD_SENT_RETRIES = 4;

/**
 * Sends queued items through the gateway. Each item is leased atomically, so several instances can
 * share one database; a lease that runs out (a crash mid-send) is taken over, and the new owner first
 * looks for the message in the conversation so that a send that did happen is not repeated. Leases
 * are short and renewed while held (`createLeaseKeeper`); a process restarted in the same place
 * (`slot`) ends its dead predecessor's claims at once, and any other instance's run out in a lease.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  // Named after its place (`slot`) when it has one, so that its successor there can end its claims.
  const workerId = options.slot === undefined ? randomUUID() : `${options.slot}#${randomUUID()}`;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 8;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 8;
  const log = options.logger.child({ component: 'outbox' });
  let running = false;
  const leases = createLeaseKeeper({ repository: options.repository, workerId, leaseMs, now, logger: log });

  // Sends finishing together are recorded in one write (thousands of invitations fall due at once).
  const markSent = createWriteBatcher((sent: readonly { id: string; messageId: string | null }[]) =>
    options.repository.markSentMany(sent, workerId, now()),
  );

  const deliver = createDelivery({
    gateway: options.gateway,
    postWebhook: options.postWebhook,
    logger: log,
  });

  /** Sends one item; answers the time of its retry when it will be tried again later. */
  async function processOne(claimed: ClaimedOutboxItem): Promise<Date | undefined> {
    const { item } = claimed;
    // It may have waited behind earlier messages to the same person: make sure it is still ours.
    // Within half a lease of its claim it is (no clock is that far off), so a fresh one needs no write.
    const fresh = item.claimedAt !== null && now().getTime() - item.claimedAt.getTime() < leaseMs / 2;
    const until = new Date(now().getTime() + leaseMs);
    if (!fresh && !(await options.repository.renewLease(item._id, workerId, until))) {
      log.warn({ item: item._id }, 'lease lost before sending; another worker has the message');
      return undefined;
    }
    let result: { messageId: string | null; roomId: string | null };
    try {
      result = await deliver(claimed);
    } catch (error) {
      return failedSend(item, error);
    }
    // Sent: from here on a failure is the database's, and sending again would be a duplicate.
    if (await recordSent(item._id, result.messageId))
      await options.onDelivered?.({ purpose: item.purpose, itemId: item._id, ...result });
    return undefined;
  }

  /**
   * Records a message as sent, trying again for a while when the database cannot take it now:
   * the lease stays held meanwhile. If it never can, the lease runs out and whoever takes the
   * message over finds it in the conversation instead of sending it again.
   */
  async function recordSent(id: string, messageId: string | null): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await markSent({ id, messageId });
      } catch (error) {
        if (attempt >= RECORD_SENT_RETRIES || !running) {
          log.error({ item: id, error }, 'sent, but cannot record it; left to a takeover');
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }
  }

  /** A send that failed: retried later (answering when), or given up for good. */
  async function failedSend(item: OutboxItem, error: unknown): Promise<Date | undefined> {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof WebexCallError) || error.retryable;
    if (retryable && item.attempts < maxAttempts) {
      const delay = Math.min(300_000, 2_000 * 2 ** (item.attempts - 1)) * (0.75 + Math.random() / 2);
      log.warn({ item: item._id, attempts: item.attempts, error: message }, 'send failed; will retry');
      const retryAt = new Date(now().getTime() + delay);
      await options.repository.markRetry(item._id, workerId, retryAt, message);
      return retryAt;
    }
    const refusal = error instanceof WebexCallError ? error.refusal : undefined;
    log.error({ item: item._id, attempts: item.attempts, error: message, refusal }, 'send failed for good');
    if (await options.repository.markFailed(item._id, workerId, message))
      await options.onFailed?.(item, message, refusal);
    return undefined;
  }

  /**
   * Sends one recipient's items in queue order. When one must wait for a retry, the ones after it
   * are given back to wait with it, so a person never reads step 3 before step 2.
   */
  async function processChain(items: ClaimedOutboxItem[]): Promise<void> {
    try {
      for (const [index, claimed] of items.entries()) {
        const retryAt = await processOne(claimed);
        leases.release(claimed.item._id);
        if (retryAt === undefined) continue;
        for (const later of items.slice(index + 1)) {
          await options.repository.release(later.item._id, workerId, retryAt);
        }
        return;
      }
    } finally {
      for (const claimed of items) leases.release(claimed.item._id);
    }
  }

  /** Chains by recipient: a recipient's items wait for the ones claimed before them. */
  const chains = new Map<string, Promise<void>>();

  function enqueueChain(key: string, items: ClaimedOutboxItem[]): void {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => processChain(items))
      .catch((error: unknown) => log.error({ error }, 'outbox chain failed'))
      .finally(() => {
        if (chains.get(key) === next) chains.delete(key);
        // Only a loop that waits for a free lane needs waking; an idle one found nothing to claim.
        if (full) nudge();
      });
    chains.set(key, next);
  }

  const wake: { resolve?: () => void } = {};
  /** Whether the claim loop waits for a lane to free up. */
  let full = false;
  // A nudge that lands while the loop is busy (not sleeping) must not be lost, or a new message
  // would wait for the next poll.
  let nudged = false;
  const nudge = () => {
    nudged = true;
    wake.resolve?.();
  };
  const pause = async () => {
    if (!nudged) await sleepOrWake(pollMs, wake);
    nudged = false;
  };

  async function claimLoop(): Promise<void> {
    if (options.slot !== undefined)
      await releasePredecessorClaims(options.repository, options.slot, workerId, now(), log);
    while (running) {
      full = chains.size >= concurrency;
      if (full) {
        await pause();
        continue;
      }
      let batch: ClaimedOutboxItem[] = [];
      try {
        batch = await options.repository.claimBatch(now(), leaseMs, workerId, concurrency * 2);
      } catch (error) {
        log.error({ error }, 'cannot read the outbox; database unreachable?');
      }
      if (batch.length === 0) {
        await pause();
        continue;
      }
      const byRecipient = new Map<string, ClaimedOutboxItem[]>();
      for (const claimed of batch) {
        const key = JSON.stringify(claimed.item.target);
        byRecipient.set(key, [...(byRecipient.get(key) ?? []), claimed]);
      }
      for (const claimed of batch) leases.hold(claimed.item._id);
      for (const [key, items] of byRecipient) enqueueChain(key, items);
    }
  }

  let loop: Promise<void> = Promise.resolve();

  const consumer: LocalConsumer = {
    claim: (at) => ({ workerId, claimedAt: at, lockedUntil: new Date(at.getTime() + leaseMs) }),
    take(item) {
      if (!running) {
        // Stopped between the claim and the write: give it back, for whoever runs next.
        options.repository
          .release(item._id, workerId, now())
          .catch((error: unknown) => log.warn({ error, item: item._id }, 'cannot give back a message'));
        return;
      }
      leases.hold(item._id);
      enqueueChain(JSON.stringify(item.target), [{ item, reclaimed: false, previousClaimedAt: null }]);
    },
    wake: nudge,
  };

  return {
    start() {
      if (running) return;
      running = true;
      leases.start();
      options.local?.open(consumer);
      loop = claimLoop();
    },
    async stop() {
      running = false;
      options.local?.close();
      wake.resolve?.();
      await loop;
      await Promise.all(chains.values());
      leases.stop();
    },
  };
}
