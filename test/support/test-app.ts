import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { RunningApp } from '../../src/app.js';
import type { Logger } from '../../src/log/logger.js';
import { startAppFromEnv } from './app-from-env.js';
import { fetchOnce } from './fetch-once.js';

/**
 * Starts the whole bot as `npm start` would in local mode (in-process Webex emulator, the real
 * framework over HTTP on 127.0.0.1, the real driver), with a unique database. With `MONGODB_URI`
 * set, that server is used; otherwise an embedded one. Given `mongoUri` and `dbName` (see
 * `useTestApp({ database })`), several app instances run on one database.
 */
export interface TestAppOptions {
  env?: Record<string, string>;
  mongoUri?: string;
  dbName?: string;
  now?: () => Date;
  /** Where the app logs (silent unless given): a test that reads the logs passes its own. */
  logger?: Logger;
}

export interface TestApp extends RunningApp {
  readonly api: string;
  readonly emulatorApi: string;
  readonly dbName: string;
  /** Creates a person on Webex (the emulator), in the bot's organization unless `orgId` says otherwise. */
  person(email: string, displayName?: string, options?: { orgId?: string }): Promise<TestPerson>;
  /** Calls `/api/...` with the orders API token. */
  callApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** A message as the Webex API lists it (the fields the tests read). */
export const messageSchema = z.looseObject({
  id: z.string(),
  roomId: z.string(),
  text: z.string().optional(),
  personEmail: z.string(),
  created: z.string(),
  attachments: z
    .array(z.looseObject({ contentType: z.string(), content: z.record(z.string(), z.unknown()) }))
    .optional(),
});
export type WebexMessage = z.infer<typeof messageSchema>;

export interface TestPerson {
  email: string;
  token: string;
  /** Messages of this person's 1:1 space with the bot, oldest first. */
  messagesFromBot(): Promise<WebexMessage[]>;
  say(text: string): Promise<WebexMessage>;
  /** Clicks an `Action.Submit`: the inputs merged with the action's data, as a Webex client does. */
  submit(messageId: string, inputs: Record<string, unknown>): Promise<void>;
  /** Waits until the bot has sent at least `count` messages in total to this person. */
  waitForMessages(count: number, timeoutMs?: number): Promise<WebexMessage[]>;
}

/** Waits for a condition by polling it; fails with `what` when it never holds. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dbName = options.dbName ?? `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const env: Record<string, string | undefined> = {
    PORT: '0',
    DATA_DIR: ':memory:',
    LOG_LEVEL: 'silent',
    WEBEX_LOG_LEVEL: 'silent',
    MONGODB_DB: dbName,
    MONGODB_URI: options.mongoUri ?? process.env.MONGODB_URI,
    SCHEDULER_INTERVAL_MS: '200',
    ...options.env,
  };
  const app = await startAppFromEnv(env, {
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const emulatorApi = `${app.url}/emulator/v1`;
  const bot = app.emulator?.bot;
  if (bot === undefined) throw new Error('the test app runs in local mode');

  const webex = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetchOnce(`${emulatorApi}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  return {
    ...app,
    api: `${app.url}/api`,
    emulatorApi,
    dbName,
    async callApi(method: string, path: string, body?: unknown) {
      const response = await fetchOnce(`${app.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${app.ordersApiToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    async person(email: string, displayName?: string, options?: { orgId?: string }): Promise<TestPerson> {
      const created = await app.emulator?.createPerson(email, displayName ?? email.split('@')[0], options);
      if (created === undefined) throw new Error('no emulator');
      const token = created.token;
      const messagesFromBot = async () => {
        const list = z
          .object({ items: z.array(messageSchema) })
          .parse(await webex(token, 'GET', `/messages/direct?personEmail=${encodeURIComponent(bot.email)}`));
        return list.items.filter((message) => message.personEmail === bot.email).reverse();
      };
      return {
        email,
        token,
        messagesFromBot,
        async say(text: string) {
          return messageSchema.parse(
            await webex(token, 'POST', '/messages', { toPersonEmail: bot.email, text }),
          );
        },
        async submit(messageId: string, inputs: Record<string, unknown>) {
          await webex(token, 'POST', '/attachment/actions', { type: 'submit', messageId, inputs });
        },
        async waitForMessages(count: number, timeoutMs = 15_000) {
          return waitFor(
            `${count} bot messages to ${email}`,
            async () => {
              const messages = await messagesFromBot();
              return messages.length >= count ? messages : undefined;
            },
            timeoutMs,
          );
        },
      };
    },
  };
}
