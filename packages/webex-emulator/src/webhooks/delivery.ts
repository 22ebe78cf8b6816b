import { createHmac } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Stats } from '../stats.js';

/** One POST to make: the body is final bytes, signed as they are. */
export interface DeliveryJob {
  webhookId: string;
  targetUrl: string;
  secret: string | undefined;
  body: string;
}

export interface DeliveryOptions {
  /** Tries per delivery, the first included. */
  attempts: number;
  /** Wait before the second try; doubled before each further one. */
  baseDelayMs: number;
  timeoutMs: number;
  /** POSTs in flight at once per webhook, as Webex delivers concurrently. */
  concurrency: number;
  /** Called for every POST that failed (no answer, or not 2xx) while the webhook was live. */
  onFailedAttempt(webhookId: string): void;
  /** False once a webhook is deleted or inactive: its queued deliveries are then dropped. */
  isLive(webhookId: string): boolean;
  stats: Stats;
  logger: { warn(obj: object, msg?: string): void };
}

/** What happened to one webhook's deliveries. */
export interface WebhookDeliveryStats {
  pending: number;
  delivered: number;
  failed: number;
  attempts: number;
  /** POSTs in flight now. */
  inFlight: number;
  /** The most POSTs that were in flight at once. */
  maxInFlight: number;
  lastStatus?: number;
  lastError?: string;
}

interface Queue {
  jobs: DeliveryJob[];
  stats: WebhookDeliveryStats;
}

/** `X-Spark-Signature`: hex HMAC-SHA1 of the exact body bytes, keyed with the webhook's secret. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha1', secret).update(body, 'utf8').digest('hex');
}

/**
 * Delivers webhook bodies concurrently, as Webex does: up to `concurrency` POSTs in flight per
 * webhook, started in the order the events happened but answered in any order (nothing waits for
 * the previous answer). Failures (non-2xx or no connection) are retried with exponential backoff;
 * a delivery that fails every try is dropped, as Webex does. Each failed POST is reported to
 * `onFailedAttempt`, where the disabling rule counts it.
 */
export function createWebhookDelivery(options: DeliveryOptions) {
  const queues = new Map<string, Queue>();
  const closing = new AbortController();
  // Every attempt and backoff in flight listens to it (hundreds under load): no leak warning.
  setMaxListeners(0, closing.signal);
  const idleWaiters = new Set<() => void>();

  const queueOf = (webhookId: string): Queue => {
    let queue = queues.get(webhookId);
    if (queue === undefined) {
      queue = {
        jobs: [],
        stats: { pending: 0, delivered: 0, failed: 0, attempts: 0, inFlight: 0, maxInFlight: 0 },
      };
      queues.set(webhookId, queue);
    }
    return queue;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        closing.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      closing.signal.addEventListener('abort', onAbort, { once: true });
    });

  async function attempt(job: DeliveryJob, queue: Queue): Promise<boolean> {
    queue.stats.attempts += 1;
    options.stats.webhook('attempts');
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (job.secret !== undefined) headers['x-spark-signature'] = signBody(job.body, job.secret);
    // One controller per attempt, ended by the close or the timeout. `AbortSignal.any` over the
    // long-lived closing signal would leave an entry on it for every delivery (Node 20 keeps them).
    const aborter = new AbortController();
    const onClose = () => aborter.abort(closing.signal.reason);
    closing.signal.addEventListener('abort', onClose, { once: true });
    const timer = setTimeout(
      () => aborter.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      options.timeoutMs,
    );
    try {
      const response = await fetch(job.targetUrl, {
        method: 'POST',
        headers,
        body: job.body,
        signal: aborter.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      queue.stats.lastStatus = response.status;
      if (response.ok) return true;
      queue.stats.lastError = `HTTP ${response.status}`;
    } catch (error) {
      if (closing.signal.aborted) return false;
      queue.stats.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
      closing.signal.removeEventListener('abort', onClose);
    }
    if (options.isLive(job.webhookId)) options.onFailedAttempt(job.webhookId);
    return false;
  }

  async function deliver(job: DeliveryJob, queue: Queue): Promise<void> {
    for (let n = 1; n <= options.attempts && !closing.signal.aborted; n += 1) {
      if (!options.isLive(job.webhookId)) return;
      if (n > 1) {
        options.stats.webhook('retried');
        await sleep(options.baseDelayMs * 2 ** (n - 2));
        if (closing.signal.aborted) return;
      }
      if (await attempt(job, queue)) {
        queue.stats.delivered += 1;
        options.stats.webhook('succeeded');
        return;
      }
    }
    if (closing.signal.aborted) return;
    queue.stats.failed += 1;
    options.stats.webhook('failed');
    options.logger.warn(
      { webhookId: job.webhookId, error: queue.stats.lastError },
      'webhook delivery failed after all attempts',
    );
  }

  /** Starts queued jobs while the webhook has a free slot. */
  function pump(queue: Queue): void {
    while (queue.stats.inFlight < options.concurrency) {
      const job = queue.jobs.shift();
      if (job === undefined) break;
      queue.stats.inFlight += 1;
      queue.stats.maxInFlight = Math.max(queue.stats.maxInFlight, queue.stats.inFlight);
      void deliver(job, queue).finally(() => {
        queue.stats.inFlight -= 1;
        queue.stats.pending -= 1;
        pump(queue);
        if (isIdle()) for (const wake of idleWaiters) wake();
      });
    }
  }

  const isIdle = () =>
    [...queues.values()].every((queue) => queue.stats.inFlight === 0 && queue.jobs.length === 0);

  return {
    enqueue(job: DeliveryJob): void {
      if (closing.signal.aborted) return;
      const queue = queueOf(job.webhookId);
      queue.jobs.push(job);
      queue.stats.pending += 1;
      options.stats.webhook('deliveries');
      pump(queue);
    },
    statsOf(webhookId: string): WebhookDeliveryStats {
      return { ...queueOf(webhookId).stats };
    },
    /** Resolves once every queue is empty (for tests and orderly shutdown). */
    idle(): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = () => {
          idleWaiters.delete(wake);
          resolve();
        };
        idleWaiters.add(wake);
      });
    },
    close(): void {
      closing.abort();
      for (const queue of queues.values()) {
        queue.stats.pending -= queue.jobs.length;
        queue.jobs.length = 0;
      }
      for (const wake of idleWaiters) wake();
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
