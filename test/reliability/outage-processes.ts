import { createServer } from 'node:net';
import { startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { z } from 'zod';
import { type CliProcess, startCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { messageSchema, type TestPerson, waitFor } from '../support/test-app.js';

/**
 * What the outage and crash tests run against, each part apart from the bot so that it can be
 * stopped on its own: the embedded database as a process of its own (as `npm run db` runs it),
 * and the Webex emulator on its own HTTP server with its state in memory (a database stall must
 * not stall Webex). The bot is given them as it is given Webex and MongoDB in production.
 */

export const WEBHOOK_SECRET = 'reliability-webhook-secret';
export const ORDERS_API_TOKEN = 'reliability-orders-api-token';

/** A free TCP port on 127.0.0.1, for a bot whose `PUBLIC_URL` must be known before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the database process on a free port, keeping its files in `dbpath`. */
export function startDatabaseProcess(dbpath: string): Promise<CliProcess> {
  return startCli(['--port', '0', '--dbpath', dbpath]);
}

export type EmulatorServer = Awaited<ReturnType<typeof startEmulatorServer>>;

export function startWebex(): Promise<EmulatorServer> {
  return startEmulatorServer();
}

/** The bot's environment for Webex mode against these parts, served at `port`. */
export function botEnv(webex: EmulatorServer, mongoUri: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBEX_ACCESS_TOKEN: webex.emulator.bot.token,
    WEBEX_API_URL: webex.apiUrl,
    WEBEX_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ORDERS_API_TOKEN,
    MONGODB_URI: mongoUri,
  };
}

/** A person of the emulator, talking to the bot in their 1:1 space. */
export async function personOn(webex: EmulatorServer, email: string): Promise<TestPerson> {
  const created = await webex.emulator.createPerson(email, email.split('@')[0]);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${webex.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const bot = webex.emulator.bot.email;
  const messagesFromBot = async () => {
    const list = z
      .object({ items: z.array(messageSchema) })
      .parse(await call('GET', `/messages/direct?personEmail=${encodeURIComponent(bot)}`));
    return list.items.filter((message) => message.personEmail === bot).reverse();
  };
  return {
    email,
    token: created.token,
    messagesFromBot,
    say: async (text) => messageSchema.parse(await call('POST', '/messages', { toPersonEmail: bot, text })),
    submit: async (messageId, inputs) => {
      await call('POST', '/attachment/actions', { type: 'submit', messageId, inputs });
    },
    waitForMessages: (count, timeoutMs = 15_000) =>
      waitFor(
        `${count} bot messages to ${email}`,
        async () => {
          const messages = await messagesFromBot();
          return messages.length >= count ? messages : undefined;
        },
        timeoutMs,
      ),
  };
}

/** Calls the bot's `/api` with the orders API token; the status, headers and body. */
export async function callApi(baseUrl: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ORDERS_API_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
}
