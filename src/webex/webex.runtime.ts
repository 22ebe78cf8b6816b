import type { Router } from 'express';
import { createCardSubmitFetcher } from './card-submit.fetcher.js';
import { createEventLanes, type EventLanes } from './event-lanes.js';
import { createFrameworkAdapter, type FrameworkAdapter } from './framework.adapter.js';
import type { IncomingEvent, WebexGateway, WebexLogger } from './gateway.js';
import type { RetryOptions } from './retry.policy.js';
import { createWebexClient, DEFAULT_WEBEX_API_URL, type WebexClient } from './webex.client.js';
import { createWebhookRouter } from './webhook.router.js';
import {
  createWebhookIntake,
  type HoldLimits,
  type IntakeNotices,
  type StoredEventProcessor,
  type WebhookInbox,
} from './webhook-intake.js';
import { createWebhookRegistry, waitForActiveWebhooks } from './webhook-registry.js';

export { DEFAULT_WEBEX_API_URL };

export interface WebexRuntimeOptions<I extends WebhookInbox = WebhookInbox> {
  accessToken: string;
  /**
   * The REST client the rest of the bot sends through (built first, see `webex.client.ts`); one
   * is made from `accessToken`, `apiUrl`, `retry` and `requestTimeoutMs` when not given.
   */
  client?: WebexClient;
  /** REST base URL for the SDK and the gateway (an emulator's `.../v1`); Webex's own by default. */
  apiUrl?: string;
  /** Public URL of the webhook route, as Webex will call it (`https://host/webhooks/webex`). */
  webhookUrl: string;
  webhookSecret: string;
  /** The SDK's own log level ('silent', 'error', ...); without it `NODE_ENV=test` means trace. */
  sdkLogLevel: string;
  logger: WebexLogger;
  /**
   * Receives every text and card submit, one space at a time. With an inbox, a rejection leaves
   * the event stored, to be processed again; without one, it is logged.
   */
  onEvent: (event: IncomingEvent) => Promise<void>;
  /**
   * Stores texts and card submits before they are acknowledged: `open` builds the inbox, given how
   * the runtime processes a stored event (it rejects when the event could not be handled now: the
   * runtime is not running, or `onEvent` rejected), so that the inbox can run it as the event's work.
   */
  inbox?: {
    open: (process: StoredEventProcessor) => I;
    notices: IntakeNotices;
    hold?: Partial<HoldLimits>;
    now: () => Date;
  };
  /** Retries of every Webex call (gateway and the framework's fetches). */
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
  /** Bound on `start()` waiting for the webhooks to exist. */
  startTimeoutMs?: number;
  /** Bound on `stop()` waiting for queued events. */
  drainTimeoutMs?: number;
  /**
   * Delete this target's webhooks on `stop()`. Off by default: in a rolling deploy the instance
   * that stops would delete the webhooks the new one already uses, and a start replaces leftovers
   * of the same target anyway.
   */
  deleteWebhooksOnStop?: boolean;
  /** Spaces the framework keeps an object for (1,000 by default); the least recently active go. */
  maxSpaces?: number;
  /** How often an event the framework dropped is replayed, and the first wait before it. */
  maxReplays?: number;
  replayDelayMs?: number;
}

export interface WebexRuntime<I extends WebhookInbox = WebhookInbox> {
  gateway: WebexGateway;
  /** The inbox `options.inbox.open` built, if one was asked for. */
  inbox: I | undefined;
  /** Mount at `/webhooks/webex`, before any global body parser. */
  webhookRouter: Router;
  /** Resolves once both webhooks exist on the Webex side; rejects (and cleans up) otherwise. */
  start(): Promise<void>;
  /** Stops accepting webhooks, finishes queued events, deletes the webhooks. */
  stop(): Promise<void>;
  isReady(): boolean;
  /** How many entries it keeps now per space, person or event, by structure (each is bounded). */
  tracked(): Record<string, number>;
}

/**
 * Builds the Webex side of the bot: the gateway (sends over REST with retries), the webhook route
 * (signature on raw bytes, then the framework) and the lifecycle. Nothing is loaded or called
 * until `start()`.
 */
export function createWebexRuntime<I extends WebhookInbox = WebhookInbox>(
  options: WebexRuntimeOptions<I>,
): WebexRuntime<I> {
  if (options.webhookSecret.length === 0) throw new Error('webhookSecret must not be empty');
  const { logger } = options;
  const client =
    options.client ??
    createWebexClient({
      accessToken: options.accessToken,
      apiUrl: options.apiUrl,
      logger,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    });
  const { apiUrl, retry, http, gateway } = client;
  // The one way the bot lists its webhooks (the watch mends them through the same registry).
  const registry = createWebhookRegistry({
    http,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
  });
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;

  let adapter: FrameworkAdapter | undefined;
  let starting: Promise<void> | undefined;
  let accepting = false;
  let ready = false;

  const currentIdentity = client.identity;

  const fetchCardSubmit = createCardSubmitFetcher({ http, logger });
  const lanes: EventLanes = createEventLanes({
    process: (body) => {
      if (adapter === undefined) return Promise.resolve({ fetched: undefined, trigger: undefined });
      // A click needs none of the framework's work (see `card-submit.fetcher.ts`).
      if (body.resource === 'attachmentActions' && body.event === 'created') return fetchCardSubmit(body);
      return adapter.process(body);
    },
    identity: currentIdentity,
    onEvent: options.onEvent,
    logger,
    maxReplays: options.maxReplays ?? 4,
    replayDelayMs: options.replayDelayMs ?? 100,
  });

  const inboxOptions = options.inbox;
  const intake =
    inboxOptions === undefined
      ? undefined
      : createWebhookIntake({
          openInbox: (process) =>
            inboxOptions.open((json, receivedAt) =>
              accepting
                ? process(json, receivedAt)
                : Promise.reject(new Error('the Webex runtime is not running')),
            ),
          lanes,
          identity: currentIdentity,
          send: (target, message) => gateway.sendMessage(target, message),
          notices: inboxOptions.notices,
          logger,
          now: inboxOptions.now,
          ...(inboxOptions.hold === undefined ? {} : { hold: inboxOptions.hold }),
        });

  async function stopEverything(deleteWebhooks: boolean): Promise<void> {
    accepting = false;
    ready = false;
    intake?.stop();
    const drained = await lanes.drain(options.drainTimeoutMs ?? 10_000);
    if (!drained) logger.warn({}, 'stopping with webhook events still in progress');
    const stopping = adapter;
    adapter = undefined;
    await stopping?.stop(deleteWebhooks);
    if (!deleteWebhooks) return;
    // The framework ignores failures to delete; make sure nothing of ours stays registered.
    try {
      for (const hook of await registry.listOurs()) {
        await http.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(hook.id)}` });
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not check that the webhooks were deleted');
    }
  }

  async function startOnce(): Promise<void> {
    await client.identify();
    // The framework registers webhooks in a chain nobody awaits or catches: a failing token
    // would end as an unhandled rejection. Fail here, with a clear error, instead.
    await registry.listOurs();
    adapter = createFrameworkAdapter({
      accessToken: options.accessToken,
      apiUrl,
      webhookUrl: options.webhookUrl,
      webhookSecret: options.webhookSecret,
      sdkLogLevel: options.sdkLogLevel,
      retry,
      startTimeoutMs,
      maxSpaces: options.maxSpaces ?? 1_000,
      logger,
    });
    // Accept from now on: an event racing the framework's own start is replayed, not lost.
    accepting = true;
    try {
      await adapter.start();
      await waitForActiveWebhooks(registry, options.webhookUrl, startTimeoutMs);
    } catch (error) {
      // A start that failed leaves nothing registered behind it.
      await stopEverything(true).catch((cleanup: unknown) =>
        logger.warn({ err: cleanup }, 'cleanup after failed start'),
      );
      throw error;
    }
    ready = true;
    logger.info({ apiUrl, webhookUrl: options.webhookUrl }, 'webex runtime started');
  }

  return {
    gateway,
    inbox: intake?.inbox,
    webhookRouter: createWebhookRouter({
      secret: options.webhookSecret,
      logger,
      isAccepting: () => accepting,
      onWebhook: async (body, receivedAt) => {
        if (intake !== undefined) return intake.accept(body);
        lanes.dispatch(body, receivedAt);
        return 'accepted';
      },
    }),

    start() {
      // One start at a time: a second call shares the first; a failed start may be tried again.
      starting ??= startOnce().catch((error: unknown) => {
        starting = undefined;
        throw error;
      });
      return starting;
    },

    async stop() {
      await starting?.catch(() => undefined);
      starting = undefined;
      if (adapter === undefined) return;
      await stopEverything(options.deleteWebhooksOnStop === true);
      logger.info({}, 'webex runtime stopped');
    },

    isReady: () => ready,
    tracked: () => ({
      framework_spaces: adapter?.spaces() ?? 0,
      ...lanes.tracked(),
      people_cached: fetchCardSubmit.cached(),
      ...intake?.tracked(),
    }),
  };
}
