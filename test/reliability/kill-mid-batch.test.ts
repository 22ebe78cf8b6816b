import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import type { TestPerson } from '../support/test-app.js';
import { waitFor } from '../support/test-app.js';
import {
  type BotProcess,
  botEnv,
  callApi,
  type EmulatorServer,
  freePort,
  killBotProcess,
  personOn,
  startBotProcess,
  startDatabaseProcess,
  startWebex,
} from './outage-processes.js';

const ORDERS = 20;

/**
 * The bot is killed (SIGKILL) in the middle of a batch of due invitations and another one is
 * started on the same database: every invitation is sent exactly once, and the rest within 30 s
 * of the restart. Started in the same place (host and port), the new process ends its dead
 * predecessor and takes its work over at once; started elsewhere, it takes the work over once the
 * dead one has been silent for 15 s.
 */
describe('a bot killed mid-batch', () => {
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kill-db-'));
    db = await startDatabaseProcess(dir);
    webex = await startWebex();
    const port = await freePort();
    env = {
      ...botEnv(webex, db.uri, port),
      MONGODB_DB: 'leases',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      WEBEX_LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_MS: '200',
    };
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) await killBotProcess(bot);
    await webex?.close();
    if (db !== undefined) await stopCli(db, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  async function killMidBatch(tag: string, restartEnv: () => Promise<Record<string, string>>) {
    const people: TestPerson[] = [];
    for (let i = 0; i < ORDERS; i += 1) people.push(await personOn(webex, `${tag}.${i}@partner.example`));
    const first = await startBotProcess(env);
    bots.push(first);
    // So that the kill falls inside the batch:
    // Most sends refused (429, as Webex's rate limit does) spreads the batch over seconds.
    webex.emulator.faults.setFailures({ method: 'POST', path: '^/messages$', fraction: 0.8, status: 503 });
    const baseUrl = env.PUBLIC_URL ?? '';
    for (const [i, person] of people.entries()) {
      const created = await callApi(baseUrl, 'POST', '/orders', {
        orderId: `SUB-${tag.toUpperCase()}-${i}`,
        requestedStartDate: new Date().toISOString().slice(0, 10),
        provisioningContactEmail: person.email,
        customerName: 'Novi Kupac',
        partnerName: 'Northwind',
      });
      expect(created.status).toBe(201);
    }
    const counts = async () => Promise.all(people.map(async (p) => (await p.messagesFromBot()).length));
    const sent = async () => (await counts()).filter((n) => n > 0).length;
    await waitFor('a few invitations sent', async () => ((await sent()) >= 3 ? true : undefined), 30_000);
    await killBotProcess(first);
    const beforeRestart = await sent();
    expect(beforeRestart).toBeLessThan(ORDERS);

    // Webex is well again: what remains is the dead process's messages, still its own.
    webex.emulator.faults.clear();
    const restartedAt = performance.now();
    bots.push(await startBotProcess(await restartEnv()));
    await waitFor(
      'every invitation sent',
      async () => ((await sent()) === ORDERS ? true : undefined),
      45_000,
    );
    const resumedMs = performance.now() - restartedAt;
    // Let anything late or doubled arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await counts();
    console.info(
      `${tag}: ${beforeRestart}/${ORDERS} sent before the kill, the rest within ${Math.round(resumedMs)} ms of the restart; per person ${JSON.stringify(final)}`,
    );
    expect(final).toEqual(people.map(() => 1));
    expect(resumedMs).toBeLessThan(30_000);
    await killBotProcess(bots.at(-1) as BotProcess);
  }

  it('sends every invitation exactly once, the rest within 30 s of a restart in the same place', async () => {
    await killMidBatch('same', async () => env);
  }, 150_000);

  it('sends every invitation exactly once, the rest within 30 s of a start elsewhere', async () => {
    await killMidBatch('elsewhere', async () => {
      const port = await freePort();
      return { ...env, ...botEnv(webex, db.uri, port), MONGODB_DB: env.MONGODB_DB ?? 'leases' };
    });
  }, 150_000);
});
