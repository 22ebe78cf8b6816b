import { randomUUID } from 'node:crypto';
import type { Emulator } from '@wxcc-order-setup/webex-emulator';
import type { Config } from '../config.js';
import type { Logger } from '../log/logger.js';
import { instrumentGateway } from '../metrics/instrumented-gateway.js';
import type { Metrics } from '../metrics/metrics.port.js';
import type { AdminAlerts } from '../orders/ports.js';
import type { LeaseRepository } from '../storage/lease.repository.js';
import type { IncomingEvent } from '../webex/gateway.js';
import { createWebexRuntime, type WebexRuntimeOptions } from '../webex/webex.runtime.js';
import { buildWebhookWatch } from './webhook-watch.builder.js';

export interface WebexPartsOptions {
  config: Config;
  /** Where this instance is served (the bound port): the default public URL, and the emulator's. */
  serverUrl: string;
  emulator: Emulator | undefined;
  onEvent: (event: IncomingEvent) => Promise<void>;
  /** Where texts and card submits are stored before they are acknowledged. */
  inbox: WebexRuntimeOptions['inbox'];
  /** Counts the gateway's calls (the gateway returned is the counting one). */
  metrics: Metrics;
  /** What the webhook watch needs besides the runtime's settings. */
  watch: { leases: LeaseRepository; alerts: AdminAlerts; now: () => Date };
  logger: Logger;
}

/**
 * The Webex runtime for Webex itself, or for the in-process emulator in local mode (not started),
 * its gateway counting each call for monitoring (the parts send through that one), and the watch
 * that mends its webhooks (not started).
 */
export function buildWebexRuntime(options: WebexPartsOptions) {
  const { config, emulator } = options;
  const apiUrl = emulator === undefined ? config.webex.apiUrl : `${options.serverUrl}/emulator/v1`;
  const publicUrl = config.webex.publicUrl ?? options.serverUrl;
  const accessToken = emulator?.bot.token ?? config.webex.accessToken;
  if (accessToken === undefined) throw new Error('No Webex access token (set WEBEX_ACCESS_TOKEN).');
  const webhookUrl = `${publicUrl}/webhooks/webex`;
  // In local mode the emulator signs with a per-start secret; nobody else can reach it anyway.
  const webhookSecret = config.webex.webhookSecret ?? randomUUID();
  const runtime = createWebexRuntime({
    accessToken,
    ...(apiUrl === undefined ? {} : { apiUrl }),
    webhookUrl,
    webhookSecret,
    sdkLogLevel: config.webex.sdkLogLevel,
    // The local emulator serves this one instance: leave no webhook to a port that may change.
    deleteWebhooksOnStop: config.mode === 'local',
    logger: options.logger.child({ component: 'webex' }),
    onEvent: options.onEvent,
    ...(options.inbox === undefined ? {} : { inbox: options.inbox }),
  });
  const watch = buildWebhookWatch({
    accessToken,
    apiUrl,
    webhookUrl,
    webhookSecret,
    intervalMs: config.webhookCheckIntervalMs,
    ...options.watch,
    metrics: options.metrics,
    logger: options.logger,
  });
  return { runtime, watch, gateway: instrumentGateway(runtime.gateway, options.metrics), apiUrl };
}
