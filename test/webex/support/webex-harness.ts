import {
  type EmulatorPerson,
  type EmulatorServer,
  startEmulatorServer,
} from '@wxcc-order-setup/webex-emulator';
import express from 'express';
import { z } from 'zod';
import type { IncomingEvent } from '../../../src/webex/gateway.js';
import {
  createWebexRuntime,
  type WebexRuntime,
  type WebexRuntimeOptions,
} from '../../../src/webex/webex.runtime.js';
import { createCapturingLogger } from './capturing-logger.js';
import { listenOnLoopback } from './listen.js';

/** Every event the runtime delivered, with a way to wait for the ones a test expects. */
export class EventLog {
  readonly events: IncomingEvent[] = [];
  private readonly waiters = new Set<() => void>();

  push(event: IncomingEvent): void {
    this.events.push(event);
    for (const wake of this.waiters) wake();
  }

  /** Resolves with the matching events once there are `count` of them; rejects after `timeoutMs`. */
  async waitFor(
    match: (event: IncomingEvent) => boolean,
    count = 1,
    timeoutMs = 15_000,
  ): Promise<IncomingEvent[]> {
    const found = () => this.events.filter(match);
    if (found().length >= count) return found();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${found().length} of ${count} expected events arrived`));
      }, timeoutMs);
      const check = () => {
        if (found().length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found());
      };
      this.waiters.add(check);
    });
  }
}

const listedMessagesSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), personId: z.string(), text: z.string().optional(), roomId: z.string() }),
  ),
});

/** A person of the emulator acting through the public API with their own token. */
export function actAs(server: EmulatorServer, person: EmulatorPerson) {
  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${server.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  }
  /** Webex answers a create with 200, and a card submit (accepted for processing) with 202. */
  async function created(path: string, body: unknown): Promise<{ id: string; roomId: string }> {
    const { status, json } = await call('POST', path, body);
    const expected = path === '/attachment/actions' ? 202 : 200;
    if (status !== expected) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(json)}`);
    return z.object({ id: z.string(), roomId: z.string().default('') }).parse(json);
  }
  return {
    person,
    call,
    sendToBot: (text: string) => created('/messages', { toPersonEmail: server.emulator.bot.email, text }),
    post: (body: Record<string, unknown>) => created('/messages', body),
    submit: (messageId: string, inputs: Record<string, unknown>) =>
      created('/attachment/actions', { type: 'submit', messageId, inputs }),
    createRoom: (title: string) => created('/rooms', { title }),
    addToRoom: (roomId: string, personEmail: string) => created('/memberships', { roomId, personEmail }),
    /** The person's 1:1 messages with the bot, newest first. */
    async directWithBot() {
      const email = encodeURIComponent(server.emulator.bot.email);
      const { status, json } = await call('GET', `/messages/direct?personEmail=${email}`);
      if (status !== 200) throw new Error(`GET /messages/direct answered ${status}`);
      return listedMessagesSchema.parse(json).items;
    },
  };
}

export type Actor = ReturnType<typeof actAs>;

export interface Harness {
  server: EmulatorServer;
  runtime: WebexRuntime;
  events: EventLog;
  logger: ReturnType<typeof createCapturingLogger>;
  webhookUrl: string;
  secret: string;
  /** The bot acting through the public API (to look at webhooks as Webex has them). */
  bot: Actor;
  person(email: string, displayName?: string): Promise<Actor>;
  close(): Promise<void>;
}

export const WEBHOOK_SECRET = 'harness-webhook-secret-0123456789';

/**
 * Starts the emulator and a small app that mounts the runtime's webhook router, both on
 * 127.0.0.1, then (unless `start: false`) starts the runtime with the real framework.
 */
export async function startHarness(
  options: {
    onEvent?: (event: IncomingEvent, runtime: WebexRuntime) => Promise<void>;
    start?: boolean;
    runtime?: Partial<WebexRuntimeOptions>;
  } = {},
): Promise<Harness> {
  const server = await startEmulatorServer({ webhookRetry: { attempts: 3, baseDelayMs: 50 } });
  const app = express();
  const web = await listenOnLoopback(app);
  const webhookUrl = `${web.baseUrl}/webhooks/webex`;
  const events = new EventLog();
  const logger = createCapturingLogger();
  const runtime: WebexRuntime = createWebexRuntime({
    accessToken: server.emulator.bot.token,
    apiUrl: server.apiUrl,
    webhookUrl,
    webhookSecret: WEBHOOK_SECRET,
    sdkLogLevel: 'error',
    logger,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    onEvent: async (event) => {
      events.push(event);
      await options.onEvent?.(event, runtime);
    },
    ...options.runtime,
  });
  app.use('/webhooks/webex', runtime.webhookRouter);
  if (options.start !== false) await runtime.start();
  return {
    server,
    runtime,
    events,
    logger,
    webhookUrl,
    secret: WEBHOOK_SECRET,
    bot: actAs(server, server.emulator.bot),
    person: async (email, displayName) =>
      actAs(server, await server.emulator.createPerson(email, displayName)),
    async close() {
      await runtime.stop();
      await web.close();
      await server.close();
    },
  };
}
