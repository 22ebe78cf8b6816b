import { randomUUID } from 'node:crypto';
import type { Emulator } from '@wxcc-order-setup/webex-emulator';
import type { Config } from '../config.js';
import type { Logger } from '../log/logger.js';
import { instrumentGateway } from '../metrics/instrumented-gateway.js';
import type { Metrics } from '../metrics/metrics.port.js';
import type { AdminAlerts } from '../orders/ports.js';
import type { LeaseRepository } from '../storage/lease.repository.js';
import type { IncomingEvent } from '../webex/gateway.js';
import { createWebexClient, type WebexClient } from '../webex/webex.client.js';
import { createWebexRuntime, type WebexRuntimeOptions } from '../webex/webex.runtime.js';
import type { Inbox } from '../webex/webhook-inbox.js';
import type { MissedCatchUp } from './missed-catch-up.js';
import { buildWebhookWatch } from './webhook-watch.builder.js';

export interface WebexClientPartsOptions {
  config: Config;
  /** Where this instance is served (the bound port): the default public URL, and the emulator's. */
  serverUrl: string;
  emulator: Emulator | undefined;
  /** Counts the gateway's calls (the gateway returned is the counting one). */
  metrics: Metrics;
  logger: Logger;
}

/**
 * The REST connection to Webex itself, or to the in-process emulator in local mode, and its
 * gateway counting each call for monitoring: the parts send through that one.
 */
export function buildWebexClient(options: WebexClientPartsOptions) {
  const { config, emulator } = options;
  const apiUrl = emulator === undefined ? config.webex.apiUrl : `${options.serverUrl}/emulator/v1`;
  const accessToken = emulator?.bot.token ?? config.webex.accessToken;
  if (accessToken === undefined) throw new Error('No Webex access token (set WEBEX_ACCESS_TOKEN).');
  const client = createWebexClient({
    accessToken,
    apiUrl,
    logger: options.logger.child({ component: 'webex' }),
  });
  return { client, accessToken, gateway: instrumentGateway(client.gateway, options.metrics), apiUrl };
}

export interface WebexRuntimePartsOptions {
  config: Config;
  serverUrl: string;
  client: WebexClient;
  accessToken: string;
  onEvent: (event: IncomingEvent) => Promise<void>;
  /** Where texts and card submits are stored before they are acknowledged. */
  inbox: NonNullable<WebexRuntimeOptions<Inbox>['inbox']>;
  /** What the webhook watch reports to, and its lease. */
  watch: {
    leases: LeaseRepository;
    alerts: AdminAlerts;
    metrics: Metrics;
    /** What was missed while a webhook was inactive, read back into the runtime's inbox once mended. */
    catchUpInto?: ((inbox: Inbox) => MissedCatchUp) | undefined;
    now: () => Date;
  };
  logger: Logger;
}

/**
 * The Webex runtime (not started): the webhook route, the framework, and the client's identity;
 * and the watch that mends its webhooks (not started), on the same client.
 */
export function buildWebexRuntime(options: WebexRuntimePartsOptions) {
  const { config, client } = options;
  const publicUrl = config.webex.publicUrl ?? options.serverUrl;
  const webhookUrl = `${publicUrl}/webhooks/webex`;
  // In local mode the emulator signs with a per-start secret; nobody else can reach it anyway.
  const webhookSecret = config.webex.webhookSecret ?? randomUUID();
  const runtime = createWebexRuntime({
    accessToken: options.accessToken,
    client,
    apiUrl: client.apiUrl,
    webhookUrl,
    webhookSecret,
    sdkLogLevel: config.webex.sdkLogLevel,
    // The local emulator serves this one instance: leave no webhook to a port that may change.
    deleteWebhooksOnStop: config.mode === 'local',
    logger: options.logger.child({ component: 'webex' }),
    onEvent: options.onEvent,
    inbox: options.inbox,
    maxSpaces: config.webex.spacesKept,
  });
  const { inbox } = runtime;
  if (inbox === undefined) throw new Error('the Webex runtime opened no inbox');
  const { catchUpInto, ...watchParts } = options.watch;
  const watch = buildWebhookWatch({
    http: client.http,
    webhookUrl,
    webhookSecret,
    intervalMs: config.webhookCheckIntervalMs,
    ...watchParts,
    catchUp: catchUpInto?.(inbox),
    logger: options.logger,
  });
  return { runtime, watch, inbox };
}
