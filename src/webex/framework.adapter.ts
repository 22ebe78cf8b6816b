import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type Webex from 'webex';
import type Framework from 'webex-node-bot-framework';
import type processEventFn from 'webex-node-bot-framework/lib/process-event';
import { requireWithCodeCache } from './code-cached.require.js';
import { createFrameworkSpaces } from './framework-spaces.js';
import type { WebexLogger } from './gateway.js';
import { type RetryOptions, runWithRetry } from './retry.policy.js';
import { classifySdkError } from './sdk-errors.js';
import { installTrimmedWebexSdk } from './webex-sdk.loader.js';
import type { WebhookBody } from './webhook-body.schema.js';

/**
 * The only module that loads `webex-node-bot-framework` (and, through it, the `webex` SDK). It
 * starts and stops the framework and runs one webhook body through the framework's own processing,
 * reporting what the framework fetched and emitted. Everything it reports is `unknown`: the caller
 * parses it.
 */

export interface FrameworkAdapterOptions {
  accessToken: string;
  /** SDK base URL, e.g. an emulator's `http://127.0.0.1:port/v1`; Webex's own when absent. */
  apiUrl: string | undefined;
  webhookUrl: string;
  webhookSecret: string;
  sdkLogLevel: string;
  /** Applied to the SDK's own requests, which the framework makes and never retries. */
  retry: RetryOptions;
  startTimeoutMs: number;
  /** Spaces the framework keeps a bot object for; the least recently active go past it. */
  maxSpaces: number;
  logger: WebexLogger;
}

/** What the framework did with one webhook body. */
export interface FrameworkObservation {
  /** The message the framework fetched for `messages/created`, if the fetch succeeded. */
  fetched: unknown;
  /** What it emitted as 'message' or 'attachmentAction': the message or action, and its author. */
  trigger: { item: unknown; person: unknown } | undefined;
}

export interface FrameworkAdapter {
  /** Resolves once the framework has created both of its webhooks; rejects if it could not. */
  start(): Promise<void>;
  /** Lets the framework go; only with `deleteWebhooks` does it also remove the webhooks. */
  stop(deleteWebhooks: boolean): Promise<void>;
  process(body: WebhookBody): Promise<FrameworkObservation>;
  /** Spaces the framework holds an object for now (bounded by `maxSpaces`). */
  spaces(): number;
}

interface LoadedModules {
  Framework: typeof Framework;
  processEvent: typeof processEventFn;
  Webex: typeof Webex;
}

let loaded: LoadedModules | undefined;

/**
 * The framework, the trimmed SDK and their dependencies bundled into one file (see
 * `tools/bundle.ts`), beside the bundled app, where `npm run build` writes it: about 1,500
 * modules fewer to find, read and wrap, half the framework's load time; and loaded through V8's
 * code cache, a third less again.
 */
export const FRAMEWORK_BUNDLE_NAME = 'framework.cjs';

/**
 * Loads the framework once, on first use, with the trimmed SDK (see `webex-sdk.loader.ts`), from
 * its bundle when there is one beside this module, from `node_modules` otherwise. Requiring it
 * sets `EventEmitter.prototype._maxListeners = 0` for the whole process (which is put back, so the
 * rest of the app keeps Node's listener-leak warnings).
 */
function loadModules(): LoadedModules {
  if (loaded !== undefined) return loaded;
  const requireHere = createRequire(import.meta.url);
  const maxListenersBefore = Object.getOwnPropertyDescriptor(EventEmitter.prototype, '_maxListeners');
  const bundle = fileURLToPath(new URL(FRAMEWORK_BUNDLE_NAME, import.meta.url));
  if (existsSync(bundle)) {
    loaded = requireWithCodeCache(bundle) as LoadedModules;
  } else {
    // The SDK instance the framework itself resolves, so that wrapping `init` affects the framework.
    const requireFromFramework = createRequire(requireHere.resolve('webex-node-bot-framework'));
    const WebexSdk = installTrimmedWebexSdk(requireFromFramework.resolve('webex'));
    const FrameworkClass: typeof Framework = requireHere('webex-node-bot-framework');
    const processEvent: typeof processEventFn = requireHere('webex-node-bot-framework/lib/process-event');
    loaded = { Framework: FrameworkClass, processEvent, Webex: WebexSdk };
  }
  if (maxListenersBefore !== undefined)
    Object.defineProperty(EventEmitter.prototype, '_maxListeners', maxListenersBefore);
  return loaded;
}

/**
 * Loads the framework now rather than on the first `start()` (about 1,500 modules, most of a second).
 * Optional; for a composition root that prefers to pay this at boot, and for tests.
 */
export function preloadFramework(): void {
  loadModules();
}

/**
 * Whether the SDK must be pointed elsewhere than Webex. Webex's own URL keeps the SDK's defaults:
 * real bot tokens (three `_`-separated parts) make it ask U2C for its service catalog, and U2C is
 * not served under the REST base URL. Anything else (the emulator, a proxy) serves both there.
 */
function redirectsSdk(apiUrl: string | undefined): apiUrl is string {
  if (apiUrl === undefined) return false;
  const host = new URL(apiUrl).hostname;
  return !['webexapis.com', 'ciscospark.com', 'webex.com'].some((d) => host === d || host.endsWith(`.${d}`));
}

/** Creates the framework instance (not started); loads the framework on first call. */
export function createFrameworkAdapter(options: FrameworkAdapterOptions): FrameworkAdapter {
  const modules = loadModules();
  const framework = new modules.Framework({
    token: options.accessToken,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    // Spawn nothing at start; a space is discovered when it first sends an event.
    maxStartupSpaces: 0,
    // Delete only the webhooks this bot registered for this host, not every webhook of the token.
    removeWebhooksOnStart: false,
  });

  const spaces = createFrameworkSpaces(framework, options.maxSpaces);
  const observations = new Map<string, FrameworkObservation>();
  framework.on('messageCreated', (message) => {
    if (typeof message.id !== 'string') return;
    const observation = observations.get(message.id);
    if (observation !== undefined) observation.fetched = message;
  });
  framework.on('message', (_bot, trigger) => {
    const observation = observations.get(trigger.id);
    if (observation !== undefined) observation.trigger = { item: trigger.message, person: trigger.person };
  });
  framework.on('attachmentAction', (_bot, trigger) => {
    const observation = observations.get(trigger.id);
    if (observation !== undefined)
      observation.trigger = { item: trigger.attachmentAction, person: trigger.person };
  });

  /** Points the SDK at `apiUrl`, sets its log level, and makes its requests retry 429s and 5xx. */
  function initSdk(
    original: typeof modules.Webex.init,
    attributes: Webex.InitAttributes = {},
  ): Webex.Instance {
    const discovery = redirectsSdk(options.apiUrl) ? { hydra: options.apiUrl, u2c: options.apiUrl } : {};
    const config = {
      ...attributes.config,
      logger: { level: options.sdkLogLevel },
      services: { discovery },
      // The SDK batches people look-ups (one per event) and waits 100 ms for a batch to fill;
      // that wait was most of an event's latency. 20 ms still batches bursts.
      people: { batcherWait: 20 },
    };
    const webex = original.call(modules.Webex, { ...attributes, config });
    const request = webex.request;
    const retryingRequest: Webex.Instance['request'] = (requestOptions) => {
      const method = (requestOptions.method ?? 'GET').toUpperCase();
      return runWithRetry(
        () => request.call(webex, { ...requestOptions, headers: { ...requestOptions.headers } }),
        {
          retry: options.retry,
          classify: (error) => classifySdkError(error, method),
          giveUp: ({ error }) => (error instanceof Error ? error : new Error(String(error))),
          onRetry: ({ attempt, failure, delayMs }) =>
            options.logger.warn(
              { method, attempt, failure: failure.kind, delayMs },
              'webex sdk call failed, retrying',
            ),
        },
      );
    };
    // `request` is a set-once ampersand property (an accessor on the prototype); an own property
    // of the instance shadows it. Every plugin, the people batcher included, calls through it.
    Object.defineProperty(webex, 'request', { value: retryingRequest, configurable: true });
    return webex;
  }

  return {
    async start() {
      const original = modules.Webex.init;
      // The framework looks `init` up when `start()` runs, synchronously: wrap it for this call only.
      modules.Webex.init = (attributes) => initSdk(original, attributes);
      let started: PromiseLike<boolean>;
      try {
        started = framework.start();
      } finally {
        modules.Webex.init = original;
      }
      await started;
      // `start()` resolves before its webhooks exist (a missing `return` in 2.3.14); wait for them.
      const deadline = Date.now() + options.startTimeoutMs;
      while (Date.now() < deadline) {
        if (framework.webhook === false || framework.cardsWebhook === false) break;
        if (framework.cardsWebhook.id !== undefined) return;
        await delay(20);
      }
      throw new Error('the framework did not create its webhooks (see the logged error above)');
    },

    async stop(deleteWebhooks: boolean) {
      // The framework's stop deletes every webhook named for this host and bot, which in a rolling
      // deploy are the new instance's. Nothing of ours lives in the framework, so to keep them it
      // is simply let go.
      if (deleteWebhooks) await framework.stop();
    },

    async process(body) {
      const observation: FrameworkObservation = { fetched: undefined, trigger: undefined };
      observations.set(body.data.id, observation);
      const roomId = body.data.roomId ?? (body.resource === 'rooms' ? body.data.id : undefined);
      spaces.enter(roomId);
      try {
        // The framework's webhook handler would answer and check the signature again, wrongly
        // (on re-serialised JSON); the route has checked it on the raw bytes, so go one level down.
        // It also drops, without a word, a body whose webhook name is not its own webhook's. The
        // name is the public host's, so a body stored by another instance (another host, or from
        // before the webhooks were re-created) would never be processed: the signature is what
        // says the body is ours, so it is handed over under this framework's own name.
        const ownName = framework.webhook === false ? undefined : framework.webhook.name;
        await modules.processEvent(framework, body, ownName);
      } finally {
        observations.delete(body.data.id);
        spaces.leave(roomId);
      }
      return observation;
    },

    spaces: () => spaces.count(),
  };
}
