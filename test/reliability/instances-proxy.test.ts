import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CliProcess, stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { type TestPerson, waitFor } from '../support/test-app.js';
import {
  type BotProcess,
  botEnv,
  callApi,
  clickThrough,
  type EmulatorServer,
  EXPECTED_HISTORY,
  expectedAnswers,
  freePort,
  historyKey,
  killBotProcess,
  messageIdentity,
  orderBodySchema,
  personOn,
  type RoundRobinProxy,
  startBotProcess,
  startDatabaseProcess,
  startRoundRobinProxy,
  startWebex,
} from './outage-processes.js';

const INSTANCES = 3;
const CONVERSATIONS = 18;
const DB_NAME = 'instances';

const setupSchema = z.looseObject({ _id: z.string(), rev: z.number() });
const sentSchema = z.looseObject({ _id: z.string(), status: z.string(), messageId: z.string().nullable() });

/** A person as a Webex client shows them, patient as a loaded machine needs. */
function patient(person: TestPerson): TestPerson {
  return {
    ...person,
    waitForMessages: (count, timeoutMs = 60_000) => person.waitForMessages(count, timeoutMs),
  };
}

/**
 * Several bot processes on one database process, behind one `PUBLIC_URL` (a round-robin proxy),
 * each given the same settings as the README says: concurrent conversations all complete, no
 * transition is applied twice, no message is sent twice, and every instance gets traffic.
 */
describe('several instances behind one public URL', () => {
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let proxy: RoundRobinProxy;
  let storage: Storage;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'instances-db-'));
    db = await startDatabaseProcess(dir);
    webex = await startWebex();
    proxy = await startRoundRobinProxy();
    const upstreams: string[] = [];
    for (let i = 0; i < INSTANCES; i += 1) {
      const port = await freePort();
      // The same settings for each; only the port differs.
      const env = {
        ...botEnv(webex, db.uri, port),
        PUBLIC_URL: proxy.url,
        MONGODB_DB: DB_NAME,
        DATA_DIR: dir,
        LOG_LEVEL: 'warn',
        WEBEX_LOG_LEVEL: 'silent',
        SCHEDULER_INTERVAL_MS: '300',
      };
      bots.push(await startBotProcess(env));
      upstreams.push(`http://127.0.0.1:${port}`);
    }
    proxy.setUpstreams(upstreams);
    storage = await connectStorage({
      uri: db.uri,
      dbName: DB_NAME,
      dataDir: undefined,
      logger: createSilentLogger(),
    });
  }, 150_000);

  afterAll(async () => {
    await storage?.close();
    for (const bot of bots) await killBotProcess(bot);
    await proxy?.close();
    await webex?.close();
    if (db !== undefined) await stopCli(db, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('completes every conversation once, each transition and message once, on every instance', async () => {
    const startedAt = performance.now();
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `SUB-MULTI-${i}`);
    const people = await Promise.all(
      ids.map(async (_, i) => patient(await personOn(webex, `multi@partner${i}.example`))),
    );
    const clicks = new Map<string, number>();
    await Promise.all(
      ids.map(async (orderId, i) => {
        const person = people[i];
        if (person === undefined) throw new Error('no person');
        const created = await callApi(proxy.url, 'POST', '/orders', {
          orderId,
          requestedStartDate: new Date().toISOString().slice(0, 10),
          provisioningContactEmail: person.email,
          customerName: 'Novi Kupac',
          partnerName: 'Northwind',
        });
        expect(created.status).toBe(201);
        const walk = await clickThrough(person, i, { answerMs: 60_000, retry: false });
        clicks.set(orderId, walk.clicks);
      }),
    );
    const walkedMs = performance.now() - startedAt;

    for (const [i, orderId] of ids.entries()) {
      const order = await waitFor(`order ${orderId} completed`, async () => {
        const answer = orderBodySchema.parse((await callApi(proxy.url, 'GET', `/orders/${orderId}`)).body);
        return answer.status === 'completed' ? answer : undefined;
      });
      // Each transition once, in order: a doubled one would show as a doubled entry.
      expect(order.history.map(historyKey), orderId).toEqual(EXPECTED_HISTORY);
      expect(order.answers, orderId).toMatchObject(expectedAnswers(i));
    }
    // Everything queued has left: each outbox message sent once, each with its own Webex message.
    const outbox = await waitFor('the outbox settled', async () => {
      const docs = z.array(sentSchema).parse(await storage.db.collection('outbox').find({}).toArray());
      return docs.every((doc) => doc.status === 'sent') ? docs : undefined;
    });
    const setups = z.array(setupSchema).parse(await storage.db.collection('setups').find({}).toArray());
    const revs = Object.fromEntries(setups.map((s) => [s._id, s.rev]));
    // Set up now creates the setup at rev 0; each click on a step card is one transition.
    for (const orderId of ids) expect(revs[orderId], orderId).toBe((clicks.get(orderId) ?? 0) - 1);

    const received = await Promise.all(people.map((person) => person.messagesFromBot()));
    const duplicates = received.flatMap((messages) => {
      const keys = messages.map(messageIdentity);
      return keys.filter((key, index) => keys.indexOf(key) !== index);
    });
    const total = received.reduce((sum, messages) => sum + messages.length, 0);
    const messageIds = outbox.map((doc) => doc.messageId);
    const posted = webex.emulator.stats().requests.byRoute['POST /messages'] ?? 0;
    const counts = proxy.counts();
    console.info(
      `instances: ${INSTANCES} bots, ${CONVERSATIONS} conversations in ${Math.round(walkedMs)} ms, ${total} messages received, ${outbox.length} outbox messages, ${posted} sends, ${duplicates.length} duplicates; requests per instance ${JSON.stringify(counts)}`,
    );
    expect(duplicates).toEqual([]);
    expect(new Set(messageIds).size).toBe(outbox.length);
    expect(posted).toBe(outbox.length);
    expect(total).toBe(outbox.length);
    expect(Object.keys(counts)).toHaveLength(INSTANCES);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(CONVERSATIONS);
  }, 180_000);
});
