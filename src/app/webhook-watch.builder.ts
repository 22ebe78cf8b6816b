import { randomUUID } from 'node:crypto';
import { webhookRepairAlert } from '../admin/webhook-alert.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.port.js';
import type { AdminAlerts } from '../orders/ports.js';
import type { LeaseRepository } from '../storage/lease.repository.js';
import type { WebexHttpClient } from '../webex/webex-http.client.js';
import { createWebhookRegistry } from '../webex/webhook-registry.js';
import { createWebhookWatch, type WebhookWatch, type WebhookWatchLease } from '../webex/webhook-watch.js';
import type { MissedCatchUp } from './missed-catch-up.js';

export interface WebhookWatchPartsOptions {
  /** The bot's REST client (shared pacing with every other call of the token). */
  http: WebexHttpClient;
  webhookUrl: string;
  webhookSecret: string;
  intervalMs: number;
  leases: LeaseRepository;
  alerts: AdminAlerts;
  metrics: Metrics;
  /** What was missed while a webhook was inactive, recovered after it is mended. */
  catchUp?: MissedCatchUp | undefined;
  now: () => Date;
  logger: Logger;
}

/** The lease that lets one instance at a time mend the webhooks. */
const LEASE = 'webhook-watch';
const LEASE_TTL_MS = 60_000;

/** The webhook watch of this instance (not started), reporting to administrators and metrics. */
export function buildWebhookWatch(options: WebhookWatchPartsOptions): WebhookWatch {
  const holder = randomUUID();
  const logger = options.logger.child({ component: 'webhook-watch' });
  const lease: WebhookWatchLease = {
    acquire: () => options.leases.tryAcquire(LEASE, holder, LEASE_TTL_MS, options.now()),
    release: () => options.leases.release(LEASE, holder),
  };
  return createWebhookWatch({
    registry: createWebhookRegistry({
      http: options.http,
      webhookUrl: options.webhookUrl,
      webhookSecret: options.webhookSecret,
    }),
    intervalMs: options.intervalMs,
    lease,
    onMended: (repair) => options.metrics.webhookMended(repair.action),
    onChecked: (broken) => options.metrics.webhooksBroken(broken),
    // The alert first, so a catch-up that keeps failing cannot hold it back: a rejection of either
    // makes the watch report the repairs again, and neither repeats itself (the alert's outbox key
    // queues it once; the catch-up redoes nothing it did).
    onRepaired: async (repairs) => {
      await options.alerts.raise(webhookRepairAlert(repairs));
      await options.catchUp?.run(repairs, lease);
    },
    logger,
    now: options.now,
  });
}
