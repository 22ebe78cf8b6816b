import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import path from 'node:path';
import { startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { z } from 'zod';
import { type CliProcess, startCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { webexModeEnv } from '../support/app-from-env.js';
import { freePort } from '../support/free-port.js';
import { type ActionMatch, cardOf, findAction, stepOf, submitActions } from '../support/setup-client.js';
import { messageSchema, type TestPerson, type WebexMessage, waitFor } from '../support/test-app.js';

/**
 * What the outage and crash tests run against, each part apart from the bot so that it can be
 * stopped on its own: the embedded database as a process of its own (as `npm run db` runs it),
 * and the Webex emulator on its own HTTP server with its state in memory (a database stall must
 * not stall Webex). The bot is given them as it is given Webex and MongoDB in production.
 */

export const ORDERS_API_TOKEN = 'reliability-orders-api-token';

export { freePort };

/** Starts the database process on a free port, keeping its files in `dbpath`. */
export function startDatabaseProcess(dbpath: string): Promise<CliProcess> {
  return startCli(['--port', '0', '--dbpath', dbpath]);
}

export type EmulatorServer = Awaited<ReturnType<typeof startEmulatorServer>>;

export function startWebex(options: Parameters<typeof startEmulatorServer>[0] = {}): Promise<EmulatorServer> {
  return startEmulatorServer(options);
}

/** The bot's environment for Webex mode against these parts, served at `port`. */
export function botEnv(webex: EmulatorServer, mongoUri: string, port: number): Record<string, string> {
  const target = { apiUrl: webex.apiUrl, botToken: webex.emulator.bot.token, port };
  return { ...webexModeEnv(target, ORDERS_API_TOKEN), MONGODB_URI: mongoUri };
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

const root = path.resolve(import.meta.dirname, '../..');

/** A bot process and everything it printed so far. */
export interface BotProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * Runs the bot as `npm start` does (node with tsx as a loader, not the tsx launcher, which would
 * run the bot in a child of its own: a signal must reach the bot's process); resolves once it
 * says where it runs.
 */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', path.join(root, 'src/main.ts')],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  try {
    await waitFor('the bot to start', async () => (output.includes('running at') ? true : undefined), 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}; its output:\n${output}`);
  }
  return { child, output: () => output };
}

/** `kill -9` of a bot process; resolves once it is gone. */
export async function killBotProcess(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const exited = once(bot.child, 'exit');
  bot.child.kill('SIGKILL');
  await exited;
}

/** A round-robin HTTP proxy: one public address in front of several instances. */
export interface RoundRobinProxy {
  url: string;
  /** The instances' base URLs, in turn; set once they run. */
  setUpstreams(urls: readonly string[]): void;
  /** Requests forwarded to each upstream, by its URL. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * Forwards method, path, headers and the raw body byte for byte (so webhook signatures still
 * match) to each upstream in turn, and the answer back as it came.
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let upstreams: string[] = [];
  let turn = 0;
  const counts: Record<string, number> = {};
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const upstream = upstreams[turn % Math.max(upstreams.length, 1)];
      turn += 1;
      if (upstream === undefined) {
        res.writeHead(502).end();
        return;
      }
      counts[upstream] = (counts[upstream] ?? 0) + 1;
      const target = new URL(req.url ?? '/', upstream);
      const forward = httpRequest(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setUpstreams: (urls) => {
      upstreams = [...urls];
    },
    counts: () => ({ ...counts }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An order as `GET /api/orders/:id` shows it, as far as these tests read it. */
export const orderBodySchema = z.looseObject({
  status: z.string(),
  answers: z.unknown(),
  history: z.array(
    z.looseObject({ action: z.string(), details: z.looseObject({ step: z.string().optional() }).optional() }),
  ),
});
type HistoryEntry = z.infer<typeof orderBodySchema>['history'][number];

/** A history entry as its action, with the step for the progress of a setup. */
export const historyKey = (entry: HistoryEntry) =>
  entry.details?.step === undefined ? entry.action : `${entry.action}:${entry.details.step}`;

const STEPS = ['role', 'whoSetsUp', 'partnerOrg', 'customerAdmin', 'company', 'customerOrg', 'review'];

/** A whole setup's transitions: Set up now creates it at rev 0, then one per step's card. */
export const SETUP_TRANSITIONS = STEPS.length;

/** The history of an order set up from invitation to completion, each transition once. */
export const EXPECTED_HISTORY = [
  'created',
  'invitation_delivered',
  'setup_started',
  ...STEPS.map((step) => `setup_progress:${step}`),
  'completed',
];

/** What a person answered, and how many clicks it took. */
export interface ClickedThrough {
  /** Clicks sent, retries included. */
  clicks: number;
  /** Clicks sent again because the card stayed the latest with no answer. */
  retries: number;
  /** The inputs given on each step's card, as clicked. */
  inputs: Record<string, Record<string, string>>;
}

/**
 * The answers a person gives in the conversation numbered `n`: distinct, so a mix-up shows, and
 * each in domains of its own (an organization owns its domain in Webex).
 */
export function answersOf(n: number) {
  return {
    partnerAdminEmail: `admin@partner${n}.example`,
    partnerCompanyName: `Partner ${n}`,
    customerAdminEmail: `it.admin@kupac${n}.example`,
    companyName: `Kupac ${n} d.o.o.`,
    countryCode: 'HR',
    orgChoice: 'new',
  };
}

/** The setup's answers, as `GET /api/orders/:id` shows them, after the clicks of `answersOf(n)`. */
export function expectedAnswers(n: number) {
  const a = answersOf(n);
  return {
    role: 'partner',
    whoSetsUp: 'me',
    partnerOrg: { mode: 'create', name: a.partnerCompanyName, adminEmail: a.partnerAdminEmail },
    customerAdminEmail: a.customerAdminEmail,
    company: a.companyName,
    countryCode: a.countryCode,
    customerOrg: { mode: a.orgChoice },
  };
}

const COMPLETE = 'Order setup complete';

/**
 * What makes a bot message one message to its person: a card's step and revision (every card
 * of a setup carries them), else its text. Two messages with one identity are a duplicate.
 */
export function messageIdentity(message: WebexMessage): string {
  const data = submitActions(cardOf(message))[0]?.data;
  if (data === undefined) return `text:${message.text ?? ''}`;
  return `card:${String(data.orderId)}:${String(data.step)}:${String(data.rev)}`;
}

/** The button and inputs of a person setting up as a partner, for the card of `step`. */
function answerFor(card: WebexMessage, step: string, n: number) {
  const a = answersOf(n);
  const choices: Record<string, { match: ActionMatch; inputs: Record<string, string> }> = {
    invite: { match: { action: 'start' }, inputs: {} },
    role: { match: { action: 'next', choice: 'partner' }, inputs: {} },
    whoSetsUp: { match: { action: 'next', choice: 'me' }, inputs: {} },
    partnerOrg: submitActions(cardOf(card)).some((action) => action.data?.choice === 'correct')
      ? { match: { action: 'next', choice: 'correct' }, inputs: {} }
      : {
          match: { action: 'next' },
          inputs: { partnerAdminEmail: a.partnerAdminEmail, partnerCompanyName: a.partnerCompanyName },
        },
    customerAdmin: { match: { action: 'next' }, inputs: { customerAdminEmail: a.customerAdminEmail } },
    company: {
      match: { action: 'next' },
      inputs: { companyName: a.companyName, countryCode: a.countryCode },
    },
    customerOrg: { match: { action: 'next' }, inputs: { orgChoice: a.orgChoice } },
    review: { match: { action: 'next', choice: 'confirm' }, inputs: {} },
  };
  const choice = choices[step];
  if (choice === undefined) throw new Error(`no answer for the card of "${step}"`);
  return choice;
}

/**
 * Clicks through a whole setup from the invitation as a person would: answers the latest card,
 * waits for the next one, and, if none came within `answerMs`, clicks again only when that card
 * is still the latest (with `retry`; otherwise the silence fails the walk).
 */
export async function clickThrough(
  person: TestPerson,
  n: number,
  options: { answerMs: number; retry: boolean; totalMs?: number; thinkMs?: () => number },
): Promise<ClickedThrough> {
  const walk: ClickedThrough = { clicks: 0, retries: 0, inputs: {} };
  const deadline = performance.now() + (options.totalMs ?? 120_000);
  const isCard = (message: WebexMessage) => submitActions(cardOf(message)).length > 0;
  let messages = await person.waitForMessages(1, 60_000);
  let answered: string | undefined;
  for (;;) {
    if (messages.some((message) => (message.text ?? '').includes(COMPLETE))) return walk;
    if (performance.now() > deadline) throw new Error(`${person.email}: not complete in time`);
    const card = messages.findLast(isCard);
    if (card === undefined) throw new Error(`${person.email}: no card to answer`);
    const step = stepOf(card) ?? 'invite';
    const { match, inputs } = answerFor(card, step, n);
    const think = options.thinkMs?.() ?? 0;
    if (think > 0) await new Promise((resolve) => setTimeout(resolve, think));
    if (answered === card.id) walk.retries += 1;
    answered = card.id;
    walk.clicks += 1;
    walk.inputs[step] = inputs;
    await person.submit(card.id, { ...inputs, ...findAction(card, match) });
    const seen = messages.length;
    const started = performance.now();
    for (;;) {
      messages = await person.messagesFromBot();
      const fresh = messages.slice(seen);
      if (fresh.some((message) => isCard(message) || (message.text ?? '').includes(COMPLETE))) break;
      if (performance.now() - started > options.answerMs) {
        if (!options.retry)
          throw new Error(
            `${person.email}: no answer to the click on "${step}"; after it: ${JSON.stringify(fresh.map((m) => m.text))}`,
          );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
