import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CliProcess, stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { type TestPerson, type WebexMessage, waitFor } from '../support/test-app.js';
import {
  type BotProcess,
  botEnv,
  type ClickedThrough,
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
  SETUP_TRANSITIONS,
  startBotProcess,
  startDatabaseProcess,
  startWebex,
} from './outage-processes.js';

const CONVERSATIONS = 10;
const KILLS = 3;
const DUE_PER_KILL = 12;
const DB_NAME = 'crash';

const setupSchema = z.looseObject({ _id: z.string(), rev: z.number() });
const outboxSchema = z.looseObject({
  _id: z.string(),
  status: z.string(),
  messageId: z.string().nullable(),
  purpose: z.unknown(),
  target: z.unknown(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  payloadJson: z.string(),
});

/** A small seeded generator (mulberry32): the same seed replays the same kill moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How the bot begins its answer to a click on a card the setup has moved past (en). */
const OUT_OF_DATE = 'That card is out of date';
/** How it begins its answer to a click on a card of a setup already finished (en). */
const ENDED = 'This setup has ended';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The bot process is killed (`kill -9`) at random moments while conversations click through and
 * batches of due orders are being invited, and started again each time on the same port and
 * database. People whose click got no answer click again if the card is still the latest. In the
 * end every conversation completes with what was clicked, every due order is invited exactly
 * once and within 30 s of the restart that followed, and every message is sent exactly once.
 */
describe('the bot killed at random moments', () => {
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seeded(seed);
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let env: Record<string, string>;
  let storage: Storage;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'crash-db-'));
    db = await startDatabaseProcess(dir);
    // Deliveries concurrent, as Webex makes them (up to 8 in flight per webhook). A click processed
    // again around a kill once was answered as out of date; a setup now knows the events it applied.
    webex = await startWebex();
    env = {
      ...botEnv(webex, db.uri, await freePort()),
      MONGODB_DB: DB_NAME,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      WEBEX_LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_MS: '200',
    };
    storage = await connectStorage({
      uri: db.uri,
      dbName: DB_NAME,
      dataDir: undefined,
      logger: createSilentLogger(),
    });
  }, 60_000);

  afterAll(async () => {
    await storage?.close();
    for (const bot of bots) await killBotProcess(bot);
    await webex?.close();
    if (db !== undefined) await stopCli(db, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses nothing and doubles nothing, and resumes within 30 s of each restart', async () => {
    console.info(`crash: seed ${seed} (CRASH_SEED=${seed} replays it)`);
    const baseUrl = env.PUBLIC_URL ?? '';
    const placeOrder = async (orderId: string, email: string) => {
      const created = await callApi(baseUrl, 'POST', '/orders', {
        orderId,
        requestedStartDate: today(),
        provisioningContactEmail: email,
        customerName: 'Novi Kupac',
        partnerName: 'Northwind',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    };
    const talkers = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, i) => personOn(webex, `crash@partner${i}.example`)),
    );
    const waiting: TestPerson[] = [];
    for (let i = 0; i < KILLS * DUE_PER_KILL; i += 1)
      waiting.push(await personOn(webex, `due.${i}@waiting.example`));
    bots.push(await startBotProcess(env));
    // Every send takes a while, so that a kill often falls while Webex is posting a message the
    // bot has not yet recorded as sent.
    webex.emulator.faults.setLatency({ ms: 400, method: 'POST', path: '^/messages$' });

    const walks: Promise<ClickedThrough>[] = talkers.map(async (person, i) => {
      await placeOrder(`SUB-CRASH-${i}`, person.email);
      // Ten seconds without an answer and the card still the latest: the person clicks again.
      return clickThrough(person, i, {
        answerMs: 10_000,
        retry: true,
        totalMs: 150_000,
        thinkMs: () => 300 + random() * 1_500,
      });
    });
    const invited = async (people: readonly TestPerson[]) =>
      Promise.all(people.map(async (person) => (await person.messagesFromBot()).length));
    // When each due order's invitation was first seen, and when each bot process was started.
    const firstSeen = new Map<string, number>();
    const starts = [performance.now()];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const unseen = waiting.filter((person) => !firstSeen.has(person.email));
        const counts = await invited(unseen);
        for (const [j, person] of unseen.entries())
          if ((counts[j] ?? 0) > 0) firstSeen.set(person.email, performance.now());
        await sleep(400);
      }
    })();
    const sentBeforeKill: string[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      await sleep(1_500 + random() * 3_000);
      // A batch of due orders, and the kill somewhere in it.
      const batch = waiting.slice(kill * DUE_PER_KILL, (kill + 1) * DUE_PER_KILL);
      await Promise.all(batch.map((person, j) => placeOrder(`SUB-DUE-${kill}-${j}`, person.email)));
      // Most sends refused until the kill, so that the batch is still going when it comes.
      webex.emulator.faults.setFailures({ method: 'POST', path: '^/messages$', fraction: 0.6, status: 503 });
      await sleep(random() * 1_500);
      const victim = bots.at(-1);
      if (victim === undefined) throw new Error('no bot to kill');
      await killBotProcess(victim);
      const due = waiting.slice(0, (kill + 1) * DUE_PER_KILL);
      sentBeforeKill.push(`${(await invited(due)).filter((n) => n > 0).length}/${due.length}`);
      webex.emulator.faults.setFailures(undefined);
      starts.push(performance.now());
      bots.push(await startBotProcess(env));
    }
    await waitFor(
      'every due order invited',
      async () => (firstSeen.size === waiting.length ? true : undefined),
      45_000,
    );
    watching = false;
    await watcher;
    // Each invitation came within 30 s of the start of the process that sent it; the slowest
    // after each restart is the time that restart took to resume the dead process's work.
    const lastStartBefore = (at: number) => starts.filter((start) => start <= at).at(-1) ?? 0;
    const resumes = starts.slice(1).map((start, k) => {
      const after = [...firstSeen.values()].filter((at) => lastStartBefore(at) === start);
      const next = starts[k + 2];
      return {
        afterKill: k + 1,
        invitations: after.length,
        ms: Math.round(Math.max(0, ...after.map((at) => at - start))),
        until: next === undefined ? 'end' : 'next kill',
      };
    });
    const late = [...firstSeen.entries()].filter(([, at]) => at - lastStartBefore(at) >= 30_000);
    const done = await Promise.all(walks);

    // Every conversation completed with what was clicked, each transition once.
    for (const i of talkers.keys()) {
      const orderId = `SUB-CRASH-${i}`;
      const order = await waitFor(`order ${orderId} completed`, async () => {
        const body = orderBodySchema.parse((await callApi(baseUrl, 'GET', `/orders/${orderId}`)).body);
        return body.status === 'completed' ? body : undefined;
      });
      expect(order.history.map(historyKey), orderId).toEqual(EXPECTED_HISTORY);
      expect(order.answers, orderId).toMatchObject(expectedAnswers(i));
    }
    const setups = z.array(setupSchema).parse(await storage.db.collection('setups').find({}).toArray());
    expect(setups.map((s) => s.rev)).toEqual(talkers.map(() => SETUP_TRANSITIONS));

    // Every message sent exactly once: each outbox message has its own Webex message, Webex was
    // asked to post each once, and nobody got one card or text twice.
    const outbox = await waitFor('the outbox settled', async () => {
      const docs = z.array(outboxSchema).parse(await storage.db.collection('outbox').find({}).toArray());
      return docs.every((doc) => doc.status === 'sent') ? docs : undefined;
    });
    await sleep(1_000);
    const received = await Promise.all([...talkers, ...waiting].map((person) => person.messagesFromBot()));
    // A click sent again on a card whose first click was applied (its next card held by the dead
    // process's lease) is a click of its own: the bot answers it that the card is out of date and
    // shows the current card, which the first click's card then shows again. Those re-shown cards
    // are each the answer to a second click; any other repeat is a message sent twice.
    const outOfDate = (message: WebexMessage) =>
      (message.text ?? '').startsWith(OUT_OF_DATE) || (message.text ?? '').startsWith(ENDED);
    // Replies that show a setup's card again (to a click on an outdated card, or on the invitation
    // of a setup already started).
    const isReshow = (doc: (typeof outbox)[number]) =>
      doc._id.startsWith('reply:') && doc.payloadJson.includes('"step"') && doc.payloadJson.includes('"rev"');
    const reshown = outbox.filter(isReshow).length;
    const notices = received.flat().filter(outOfDate).length;
    const repeats = received.flatMap((messages) => {
      const keys = messages.filter((message) => !outOfDate(message)).map(messageIdentity);
      return keys.filter((key, index) => keys.indexOf(key) !== index);
    });
    const staleByPerson = new Map<string, number>();
    for (const doc of outbox)
      if (isReshow(doc)) {
        const orderId = z.object({ orderId: z.string() }).parse(doc.purpose).orderId;
        staleByPerson.set(orderId, (staleByPerson.get(orderId) ?? 0) + 1);
      }
    // Each repeat is of a card of an order that got as many re-shows; what is left is a duplicate.
    const duplicates = [...repeats];
    for (const [orderId, count] of staleByPerson)
      for (let k = 0; k < count; k += 1) {
        const at = duplicates.findIndex((key) => key.startsWith(`card:${orderId}:`));
        if (at >= 0) duplicates.splice(at, 1);
      }
    const total = received.reduce((sum, messages) => sum + messages.length, 0);
    const stats = webex.emulator.stats();
    // Refused sends (the injected 503s) posted nothing.
    const posted = (stats.requests.byRoute['POST /messages'] ?? 0) - stats.injectedFailures;
    const retries = done.reduce((sum, walk) => sum + walk.retries, 0);
    const clicks = done.reduce((sum, walk) => sum + walk.clicks, 0);
    console.info(
      `crash: seed ${seed}, ${KILLS} kills, ${CONVERSATIONS} conversations (${clicks} clicks, ${retries} clicked again), ${waiting.length} due orders (${sentBeforeKill.join(', ')} invited before each kill), resumed ${JSON.stringify(resumes)}; ${total} messages received, ${outbox.length} outbox messages, ${posted} sends (${stats.injectedFailures} refused), ${duplicates.length} duplicates, ${reshown} cards re-shown and ${notices} notices for clicks sent again, ${outbox.length - posted} replies taken as sent`,
    );
    expect(duplicates, `repeated: ${JSON.stringify(repeats)}`).toEqual([]);
    // Re-shown only in answer to clicks sent again, each with its notice.
    expect(reshown).toBeLessThanOrEqual(retries);
    expect(notices).toBeLessThanOrEqual(retries);
    expect(await invited(waiting)).toEqual(waiting.map(() => 1));
    // Invitations, step cards and success messages: each its own Webex message, received once.
    const receivedIds = new Set(received.flat().map((message) => message.id));
    const core = outbox.filter((doc) => !doc._id.startsWith('reply:'));
    expect(new Set(core.map((doc) => doc.messageId)).size).toBe(core.length);
    const unmatched = core.filter((doc) => doc.messageId === null || !receivedIds.has(doc.messageId));
    expect(unmatched, 'outbox messages marked sent that nobody received').toEqual([]);
    // Replies to clicks sent again: a reply taken over from a killed process whose text the person
    // already has (its twin reply, or the card it re-shows) is taken as sent by the look-up of
    // sent messages, which compares texts, so it may have no message of its own.
    const replies = outbox.length - core.length;
    const folded = outbox.length - posted;
    expect(folded).toBeGreaterThanOrEqual(0);
    expect(folded).toBeLessThanOrEqual(replies);
    expect(total).toBe(posted);
    expect(late).toEqual([]);
  }, 240_000);
});
