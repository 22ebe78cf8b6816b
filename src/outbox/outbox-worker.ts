import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type {
  ClaimedOutboxItem,
  OutboxItem,
  OutboxPurpose,
  OutboxRepository,
} from '../storage/outbox.repository.js';
import { WebexCallError, type WebexGateway } from '../webex/gateway.js';
import { type StoredWebexPayload, storedWebexPayloadSchema } from './outbox.js';
import type { SignedPostResult } from './webhook-sender.js';

export interface DeliveryOutcome {
  purpose: OutboxPurpose;
  itemId: string;
  messageId: string | null;
  roomId: string | null;
}

export interface OutboxWorkerOptions {
  repository: OutboxRepository;
  gateway: WebexGateway;
  postWebhook: (url: string, body: unknown) => Promise<SignedPostResult>;
  logger: Logger;
  now?: () => Date;
  /** Parallel sends; Webex throttles per token, so a few lanes saturate the allowed rate. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Called once per item, after it is recorded as sent. */
  onDelivered?: (outcome: DeliveryOutcome) => Promise<void>;
  /** Called once per item that gave up for good. */
  onFailed?: (item: OutboxItem, error: string) => Promise<void>;
}

export interface OutboxWorker {
  start(): void;
  /** Wakes idle lanes: something was queued. */
  kick(): void;
  /** Stops claiming, and waits for the sends under way. */
  stop(): Promise<void>;
}

const sleepOrWake = (ms: number, wake: { resolve?: () => void }) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    wake.resolve = () => {
      clearTimeout(timer);
      resolve();
    };
  });

/**
 * Sends queued items through the gateway. Each item is leased atomically, so several instances can
 * share one database; a lease that runs out (a crash mid-send) is taken over, and the new owner first
 * looks for the message in the conversation so that a send that did happen is not repeated.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const workerId = randomUUID();
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 8;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const log = options.logger.child({ component: 'outbox' });
  const wakers: Array<{ resolve?: () => void }> = [];
  let running = false;
  let lanes: Promise<void>[] = [];

  async function alreadySent(
    claimed: ClaimedOutboxItem,
    payload: StoredWebexPayload,
  ): Promise<string | null> {
    const target = claimed.item.target;
    if (!claimed.reclaimed || !('toPersonEmail' in target)) return null;
    const recent = await options.gateway.listDirectMessages(target.toPersonEmail, 20);
    return recent.find((message) => message.text === payload.text)?.id ?? null;
  }

  async function deliver(
    claimed: ClaimedOutboxItem,
  ): Promise<{ messageId: string | null; roomId: string | null }> {
    const { item } = claimed;
    const payload: unknown = JSON.parse(item.payloadJson);
    if (item.channel === 'webhook') {
      if (!('url' in item.target)) throw new WebexCallError('webhook item without url', undefined, false);
      const result = await options.postWebhook(item.target.url, payload);
      if (!result.ok)
        throw new WebexCallError(result.error ?? 'webhook failed', result.status, result.retryable);
      return { messageId: null, roomId: null };
    }
    const message = storedWebexPayloadSchema.parse(payload);
    const existing = await alreadySent(claimed, message);
    if (existing !== null) {
      log.warn({ item: item._id }, 'message found already sent after a lost lease; not sending again');
      return { messageId: existing, roomId: null };
    }
    if ('url' in item.target) throw new WebexCallError('message item with url target', undefined, false);
    const { markdown, card, parentId } = message;
    const sent = await options.gateway.sendMessage(item.target, {
      text: message.text,
      ...(markdown === undefined ? {} : { markdown }),
      ...(card === undefined ? {} : { card }),
      ...(parentId === undefined ? {} : { parentId }),
    });
    return { messageId: sent.id, roomId: sent.roomId };
  }

  async function processOne(claimed: ClaimedOutboxItem): Promise<void> {
    const { item } = claimed;
    try {
      const result = await deliver(claimed);
      if (await options.repository.markSent(item._id, workerId, result.messageId, now())) {
        await options.onDelivered?.({ purpose: item.purpose, itemId: item._id, ...result });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof WebexCallError) || error.retryable;
      if (retryable && item.attempts < maxAttempts) {
        const delay = Math.min(300_000, 2_000 * 2 ** (item.attempts - 1)) * (0.75 + Math.random() / 2);
        log.warn({ item: item._id, attempts: item.attempts, error: message }, 'send failed; will retry');
        await options.repository.markRetry(item._id, workerId, new Date(now().getTime() + delay), message);
      } else {
        log.error({ item: item._id, attempts: item.attempts, error: message }, 'send failed for good');
        await options.repository.markFailed(item._id, workerId, message);
        await options.onFailed?.(item, message);
      }
    }
  }

  async function lane(index: number): Promise<void> {
    const wake: { resolve?: () => void } = {};
    wakers[index] = wake;
    while (running) {
      let claimed: ClaimedOutboxItem | undefined;
      try {
        claimed = await options.repository.claimNext(now(), leaseMs, workerId);
      } catch (error) {
        log.error({ error }, 'cannot read the outbox; database unreachable?');
      }
      if (claimed === undefined) {
        await sleepOrWake(pollMs, wake);
        continue;
      }
      await processOne(claimed);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      lanes = Array.from({ length: concurrency }, (_, index) => lane(index));
    },
    kick() {
      for (const wake of wakers) wake.resolve?.();
    },
    async stop() {
      running = false;
      for (const wake of wakers) wake.resolve?.();
      await Promise.all(lanes);
    },
  };
}
