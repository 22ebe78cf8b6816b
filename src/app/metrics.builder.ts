import type { Config } from '../config.js';
import { classifyDatabaseError } from '../metrics/database-errors.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../metrics/prometheus.metrics.js';
import { createSubmitTiming, type SubmitTiming } from '../metrics/submit-timing.js';
import { isDatabaseUnavailable, type Storage } from '../storage/connect.js';
import { createOutboxBacklogQuery } from '../storage/outbox-backlog.query.js';
import type { Repositories } from '../storage/repositories.js';

export interface MonitoringParts {
  metrics: PrometheusMetrics;
  /** Times the setup's card submits (see `buildConversation` and `buildBotRoutes`). */
  submitTiming: SubmitTiming;
  /** The token `/metrics` asks for, and the variable it comes from. */
  token: { value: string; variable: string };
}

export interface MonitoringOptions {
  config: Config;
  storage: Storage;
  repositories: Repositories;
  ordersApiToken: string;
  /** How long a scrape waits for the outbox (2 s by default). */
  readTimeoutMs?: number;
  now: () => Date;
}

/** The metrics of this instance, the outbox read from the database at each scrape. */
export function buildMonitoring(options: MonitoringOptions): MonitoringParts {
  const backlog = createOutboxBacklogQuery(options.storage.db);
  const metrics = createPrometheusMetrics({
    readOutbox: async () => {
      const [byStatus, oldestPendingAt] = await Promise.all([
        options.repositories.outbox.countByStatus(),
        backlog.oldestUnsentAt(),
      ]);
      return { byStatus, oldestPendingAt };
    },
    classifyError: (error) => classifyDatabaseError(error, isDatabaseUnavailable),
    ...(options.readTimeoutMs === undefined ? {} : { readTimeoutMs: options.readTimeoutMs }),
    now: options.now,
  });
  const { metricsToken } = options.config;
  return {
    metrics,
    submitTiming: createSubmitTiming(metrics),
    token:
      metricsToken === undefined
        ? { value: options.ordersApiToken, variable: 'ORDERS_API_TOKEN' }
        : { value: metricsToken, variable: 'METRICS_TOKEN' },
  };
}
