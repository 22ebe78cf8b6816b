import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CliProcess } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import type { RunningApp } from '../../src/app.js';
import { startAppFromEnv } from '../support/app-from-env.js';
import type { TestPerson } from '../support/test-app.js';
import { waitFor } from '../support/test-app.js';
import {
  botEnv,
  type EmulatorServer,
  freePort,
  personOn,
  startDatabaseProcess,
  startWebex,
} from './outage-processes.js';

const STALL_MS = 15_000;
const PEOPLE = 10;
const HELP = 'What I can do';
const ANSWER_SHORTLY = 'cannot save it right now';

const adminWebhooks = z.object({
  items: z.array(
    z.looseObject({
      resource: z.string(),
      status: z.string(),
      deliveries: z.looseObject({ recentFailures: z.number(), disabled: z.number() }),
    }),
  ),
});

/**
 * The database process is paused while people send 10 messages a second, against an emulator that
 * delivers concurrently and disables a webhook after 100 failures within five minutes, as Webex
 * does. Answering 503 to every event it cannot store would disable the webhook within seconds; the
 * bot spends at most its budget of refusals, holds the rest answered 200, and answers every
 * message once the database is back.
 */
describe('a database stall under traffic', () => {
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let app: RunningApp;
  let paused = false;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'outage-budget-'));
    db = await startDatabaseProcess(dir);
    // Webex publishes no bound on deliveries in flight; 50 lets the refusals come at full pace.
    webex = await startWebex({ webhookConcurrency: 50 });
    const port = await freePort();
    app = await startAppFromEnv({
      ...botEnv(webex, db.uri, port),
      MONGODB_DB: 'outage_budget',
      DATA_DIR: ':memory:',
      LOG_LEVEL: 'silent',
      WEBEX_LOG_LEVEL: 'silent',
    });
  }, 60_000);

  afterAll(async () => {
    if (paused) db?.child.kill('SIGCONT');
    await app?.stop();
    await webex?.close();
    if (db !== undefined) await stopCli(db, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const webhooks = async () =>
    adminWebhooks.parse(await (await fetch(`${webex.baseUrl}/_admin/webhooks`)).json()).items;

  it('keeps the webhooks active and answers every message once the database is back', async () => {
    const people: TestPerson[] = [];
    for (let i = 0; i < PEOPLE; i += 1) people.push(await personOn(webex, `budget${i}@partner.example`));
    // Each person's space exists before the stall (the bot's first answer there).
    await Promise.all(people.map((p) => p.say('help')));
    await Promise.all(people.map((p) => p.waitForMessages(1, 20_000)));

    const pid = db.child.pid;
    if (pid === undefined) throw new Error('no database pid');
    process.kill(pid, 'SIGSTOP');
    paused = true;
    const stalledAt = performance.now();
    let sent = 0;
    try {
      // 10 messages a second, round-robin over the people, for the whole stall.
      while (performance.now() - stalledAt < STALL_MS) {
        const person = people[sent % PEOPLE];
        await person?.say('help');
        sent += 1;
        const due = stalledAt + sent * 100;
        await waitFor('the next send slot', async () => (performance.now() >= due ? true : undefined));
      }
      const during = await webhooks();
      expect(during.every((hook) => hook.status === 'active')).toBe(true);
    } finally {
      process.kill(pid, 'SIGCONT');
      paused = false;
    }
    const resumedAt = performance.now();
    const perPerson = sent / PEOPLE;
    for (const person of people) {
      await waitFor(
        `every help of ${person.email} answered`,
        async () => {
          const helps = (await person.messagesFromBot()).filter((m) => (m.text ?? '').includes(HELP));
          return helps.length >= perPerson + 1 ? true : undefined;
        },
        120_000,
      );
    }
    const drainedMs = performance.now() - resumedAt;
    await webex.emulator.webhooksIdle();
    const after = await webhooks();
    let notices = 0;
    for (const person of people) {
      const messages = await person.messagesFromBot();
      expect(messages.filter((m) => (m.text ?? '').includes(HELP))).toHaveLength(perPerson + 1);
      notices += messages.filter((m) => (m.text ?? '').includes(ANSWER_SHORTLY)).length;
    }
    const failures = after.map((hook) => hook.deliveries.recentFailures);
    console.info(
      `budget: ${sent} messages in a ${STALL_MS / 1000} s stall, failed deliveries per webhook ${failures.join('/')}, ` +
        `${notices} notices, all answered ${Math.round(drainedMs)} ms after SIGCONT`,
    );
    expect(after.every((hook) => hook.status === 'active' && hook.deliveries.disabled === 0)).toBe(true);
    // The budget: at most 30 refusals within five minutes, far from Webex's 100.
    expect(Math.max(...failures)).toBeLessThanOrEqual(30);
    expect(notices).toBeLessThanOrEqual(sent);
  }, 240_000);
});
