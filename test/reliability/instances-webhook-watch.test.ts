import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CliProcess, stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { createLeaseRepository } from '../../src/storage/lease.repository.js';
import { waitFor } from '../support/test-app.js';
import {
  type BotProcess,
  botEnv,
  type EmulatorServer,
  freePort,
  killBotProcess,
  ORDERS_API_TOKEN,
  personOn,
  type RoundRobinProxy,
  startBotProcess,
  startDatabaseProcess,
  startRoundRobinProxy,
  startWebex,
} from './outage-processes.js';

const INSTANCES = 2;
const DB_NAME = 'instances_watch';
const ADMIN = 'ops@watch.example';
const MENDED = 'Webhooks mended';

const hookShape = z.object({ id: z.string(), name: z.string(), targetUrl: z.string(), status: z.string() });

/**
 * Two bot processes on one database process behind one `PUBLIC_URL`, both watching the webhooks
 * every 300 ms: when Webex has disabled both webhooks, one instance mends them (the watch's lease)
 * and the administrators get one alert; the mends counted across the instances' `/metrics` are
 * the two webhooks, not more.
 */
describe('the webhook watch with several instances', () => {
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let proxy: RoundRobinProxy;
  let storage: Storage;
  const bots: BotProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'instances-watch-'));
    db = await startDatabaseProcess(dir);
    webex = await startWebex();
    proxy = await startRoundRobinProxy();
    for (let i = 0; i < INSTANCES; i += 1) {
      const port = await freePort();
      bots.push(
        await startBotProcess({
          ...botEnv(webex, db.uri, port),
          PUBLIC_URL: proxy.url,
          MONGODB_DB: DB_NAME,
          DATA_DIR: dir,
          LOG_LEVEL: 'warn',
          WEBEX_LOG_LEVEL: 'silent',
          ADMIN_EMAILS: ADMIN,
          WEBHOOK_CHECK_INTERVAL_MS: '300',
        }),
      );
      urls.push(`http://127.0.0.1:${port}`);
    }
    proxy.setUpstreams(urls);
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

  /** The Webex API with the bot's token, as Webex would be called. */
  async function asBot(method: string, apiPath: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${webex.apiUrl}${apiPath}`, {
      method,
      headers: { authorization: `Bearer ${webex.emulator.bot.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${apiPath} → ${response.status}`);
    return response.json();
  }
  const hooks = async () =>
    z.object({ items: z.array(hookShape) }).parse(await asBot('GET', '/webhooks')).items;

  /** One metric's value of each instance, read from its own `/metrics`. */
  async function metricOf(line: string): Promise<number[]> {
    return Promise.all(
      urls.map(async (url) => {
        const response = await fetch(`${url}/metrics`, {
          headers: { authorization: `Bearer ${ORDERS_API_TOKEN}` },
        });
        const found = (await response.text()).split('\n').find((l) => l.startsWith(`${line} `));
        return Number(found?.slice(line.length + 1) ?? 0);
      }),
    );
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const mends = () => metricOf('wxcc_webhook_mends_total{action="reactivated"}');
  const mendedAlerts = async () =>
    storage.db
      .collection<{ _id: string; status: string }>('outbox')
      .find({ _id: /webhooks-mended/ })
      .toArray();

  it('mends both webhooks once, by one instance, and alerts the administrators once', async () => {
    const admin = await personOn(webex, ADMIN);
    // Both instances have looked at the webhooks their starts left, and found nothing to mend.
    await waitFor(
      'both instances seeing the webhooks active',
      async () => {
        const broken = await metricOf('wxcc_webhooks_broken');
        const listed = await hooks();
        return listed.length === 2 && listed.every((h) => h.status === 'active') && sum(broken) === 0
          ? true
          : undefined;
      },
      30_000,
    );
    // An alert of the start (one instance's start replacing the webhooks while the other looked)
    // has gone out before counting.
    await waitFor(
      'alerts of the start sent',
      async () => ((await mendedAlerts()).every((doc) => doc.status === 'sent') ? true : undefined),
      30_000,
    );
    const mendsBefore = await mends();
    const alertsBefore = (await mendedAlerts()).length;
    const receivedBefore = await waitFor('the admin has every alert sent', async () => {
      const got = (await admin.messagesFromBot()).filter((m) => (m.text ?? '').includes(MENDED)).length;
      return got === alertsBefore ? got : undefined;
    });

    // Both set inactive as one incident: the watch's lease is held meanwhile (as by an instance
    // mending), so that no instance's check falls between the two and mends one of them alone.
    const leases = createLeaseRepository(storage.db);
    await waitFor('the watch lease', async () =>
      (await leases.tryAcquire('webhook-watch', 'the-test', 60_000, new Date())) ? true : undefined,
    );
    const started = Date.now();
    for (const hook of await hooks()) {
      await asBot('PUT', `/webhooks/${hook.id}`, {
        name: hook.name,
        targetUrl: hook.targetUrl,
        status: 'inactive',
      });
    }
    await leases.release('webhook-watch', 'the-test');
    await waitFor(
      'both webhooks active again',
      async () => ((await hooks()).every((h) => h.status === 'active') ? true : undefined),
      60_000,
    );
    const mendedMs = Date.now() - started;
    await admin.waitForMessages(receivedBefore + 1, 60_000);
    // Settled: neither instance sees anything broken, and every alert queued has gone out.
    await waitFor(
      'the instances settled',
      async () => {
        const broken = sum(await metricOf('wxcc_webhooks_broken'));
        const queued = await mendedAlerts();
        return broken === 0 && queued.every((doc) => doc.status === 'sent') ? true : undefined;
      },
      30_000,
    );
    const after = await mends();
    const mendsByInstance = after.map((n, i) => n - (mendsBefore[i] ?? 0));
    console.info(
      `instances watch: ${INSTANCES} instances, both webhooks active again ${mendedMs} ms after set inactive; mends per instance ${mendsByInstance.join('/')}`,
    );
    expect(sum(mendsByInstance)).toBe(2);
    // One instance did both: a split would mean two acted at once.
    expect(mendsByInstance.filter((n) => n > 0)).toHaveLength(1);
    expect((await mendedAlerts()).length - alertsBefore).toBe(1);
    const received = (await admin.messagesFromBot()).filter((m) => (m.text ?? '').includes(MENDED));
    expect(received).toHaveLength(receivedBefore + 1);
  }, 180_000);
});
