import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import express from 'express';
import type Webex from 'webex';
import type Framework from 'webex-node-bot-framework';
import { z } from 'zod';
import { freePort } from './support/bench-app.js';

/**
 * The yardstick of the overhead benchmark: the smallest bot on `webex-node-bot-framework`, which
 * answers every card submission with a card. It is a benchmark, not the app, so it loads the
 * framework itself (in the app only src/webex/framework.adapter.ts does). It gets the SDK settings
 * the app's adapter gives it: the service discovery pointed at the emulator, the SDK's log level,
 * and the people batcher's wait at 20 ms; no storage, no database, no state.
 */

const actionSchema = z.object({ roomId: z.string() });
const spawnedRoomSchema = z.object({ room: z.object({ id: z.string() }) });

interface CardSender {
  sendCard(card: Record<string, unknown>, fallbackText: string): PromiseLike<unknown>;
}

function isSender(bot: unknown): bot is CardSender {
  return typeof bot === 'object' && bot !== null && typeof Reflect.get(bot, 'sendCard') === 'function';
}

export interface BareBot {
  /** Resolves once the framework has discovered the space (its first event there is then processed). */
  spawned(roomId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the bare bot on its own HTTP server; `cardFor(roomId, n)` is the card it sends as its
 * n-th answer in a room (the bench passes the app's own cards, so both send the same bytes).
 */
export async function startBareFrameworkBot(options: {
  token: string;
  apiUrl: string;
  cardFor: (roomId: string, answer: number) => Record<string, unknown>;
}): Promise<BareBot> {
  const requireHere = createRequire(import.meta.url);
  const maxListeners = Object.getOwnPropertyDescriptor(EventEmitter.prototype, '_maxListeners');
  const FrameworkClass: typeof Framework = requireHere('webex-node-bot-framework');
  const webhook: (framework: Framework) => express.RequestHandler = requireHere(
    'webex-node-bot-framework/webhook',
  );
  const WebexSdk: typeof Webex = createRequire(requireHere.resolve('webex-node-bot-framework'))('webex');
  if (maxListeners !== undefined)
    Object.defineProperty(EventEmitter.prototype, '_maxListeners', maxListeners);

  const port = await freePort();
  const framework = new FrameworkClass({
    token: options.token,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/webex`,
    // No secret: the framework checks signatures on re-serialised JSON, which does not match the
    // bytes the emulator signed, and would drop every event (HMAC of ~1 kB costs microseconds).
    maxStartupSpaces: 0,
    removeWebhooksOnStart: false,
  });
  const answers = new Map<string, number>();
  const spawned = new Set<string>();
  const spawnWaiters = new Map<string, () => void>();
  // 'spawn' is not among the events the app's typings declare; the base EventEmitter's `on` takes any.
  EventEmitter.prototype.on.call(framework, 'spawn', (bot: unknown) => {
    const roomId = spawnedRoomSchema.safeParse(bot);
    if (!roomId.success) return;
    spawned.add(roomId.data.room.id);
    spawnWaiters.get(roomId.data.room.id)?.();
  });
  framework.on('attachmentAction', (bot, trigger) => {
    const action = actionSchema.parse(trigger.attachmentAction);
    if (!isSender(bot)) throw new Error('bench: the framework handed over no bot');
    const roomId = action.roomId;
    const n = answers.get(roomId) ?? 0;
    answers.set(roomId, n + 1);
    void bot.sendCard(options.cardFor(roomId, n), 'card');
  });

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/webhooks/webex', webhook(framework));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  server.keepAliveTimeout = 60_000;

  const original = WebexSdk.init;
  WebexSdk.init = (attributes: Webex.InitAttributes = {}) => {
    const webex = original.call(WebexSdk, {
      ...attributes,
      config: {
        ...attributes.config,
        logger: { level: 'silent' },
        services: { discovery: { hydra: options.apiUrl, u2c: options.apiUrl } },
        people: { batcherWait: 20 },
      },
    });
    // As the adapter does (minus its retries): each request gets headers of its own.
    const request = webex.request;
    const copying: Webex.Instance['request'] = (requestOptions) =>
      request.call(webex, { ...requestOptions, headers: { ...requestOptions.headers } });
    Object.defineProperty(webex, 'request', { value: copying, configurable: true });
    return webex;
  };
  let started: PromiseLike<boolean>;
  try {
    started = framework.start();
  } finally {
    WebexSdk.init = original;
  }
  await started;
  // As in the app's adapter: `start()` resolves before the webhooks exist.
  while (
    framework.cardsWebhook === undefined ||
    framework.cardsWebhook === false ||
    framework.cardsWebhook.id === undefined
  )
    await delay(20);
  return {
    spawned(roomId) {
      if (spawned.has(roomId)) return Promise.resolve();
      return new Promise<void>((resolve) => spawnWaiters.set(roomId, resolve));
    },
    async stop() {
      await framework.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
