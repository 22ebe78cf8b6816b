import { createHmac } from 'node:crypto';
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
  /** After this many deliveries in a row failed for good, `onDisable` is called. */
  disableAfterFailures: number;
  onDisable(webhookId: string): void;
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
  consecutiveFailures: number;
  lastStatus?: number;
  lastError?: string;
}

interface Queue {
  jobs: DeliveryJob[];
  running: boolean;
  stats: WebhookDeliveryStats;
}

/** `X-Spark-Signature`: hex HMAC-SHA1 of the exact body bytes, keyed with the webhook's secret. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha1', secret).update(body, 'utf8').digest('hex');
}

/**
 * Delivers webhook bodies one at a time per webhook, in order, retrying failures (non-2xx or no
 * connection) with exponential backoff. A delivery that fails every try is dropped, as Webex does.
 */
export function createWebhookDelivery(options: DeliveryOptions) {
  const queues = new Map<string, Queue>();
  const closing = new AbortController();
  const idleWaiters = new Set<() => void>();

  const queueOf = (webhookId: string): Queue => {
    let queue = queues.get(webhookId);
    if (queue === undefined) {
      queue = {
        jobs: [],
        running: false,
        stats: { pending: 0, delivered: 0, failed: 0, attempts: 0, consecutiveFailures: 0 },
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
    try {
      const response = await fetch(job.targetUrl, {
        method: 'POST',
        headers,
        body: job.body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      queue.stats.lastStatus = response.status;
      if (response.ok) return true;
      queue.stats.lastError = `HTTP ${response.status}`;
    } catch (error) {
      queue.stats.lastError = error instanceof Error ? error.message : String(error);
    }
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
        queue.stats.consecutiveFailures = 0;
        options.stats.webhook('succeeded');
        return;
      }
    }
    if (closing.signal.aborted) return;
    queue.stats.failed += 1;
    queue.stats.consecutiveFailures += 1;
    options.stats.webhook('failed');
    options.logger.warn(
      { webhookId: job.webhookId, error: queue.stats.lastError },
      'webhook delivery failed after all attempts',
    );
    if (queue.stats.consecutiveFailures === options.disableAfterFailures) options.onDisable(job.webhookId);
  }

  async function run(queue: Queue): Promise<void> {
    queue.running = true;
    for (let job = queue.jobs.shift(); job !== undefined; job = queue.jobs.shift()) {
      await deliver(job, queue);
      queue.stats.pending -= 1;
    }
    queue.running = false;
    if (isIdle()) for (const wake of idleWaiters) wake();
  }

  const isIdle = () => [...queues.values()].every((queue) => !queue.running && queue.jobs.length === 0);

  return {
    enqueue(job: DeliveryJob): void {
      if (closing.signal.aborted) return;
      const queue = queueOf(job.webhookId);
      queue.jobs.push(job);
      queue.stats.pending += 1;
      options.stats.webhook('deliveries');
      if (!queue.running) void run(queue);
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
      for (const queue of queues.values()) queue.jobs.length = 0;
      for (const wake of idleWaiters) wake();
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
