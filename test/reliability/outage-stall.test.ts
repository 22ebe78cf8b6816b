import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliProcess } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import { stopCli } from '../../packages/embedded-mongo/test/cli-process.fixture.js';
import type { RunningApp } from '../../src/app.js';
import { startAppFromEnv } from '../support/app-from-env.js';
import { driveSetup, stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import {
  botEnv,
  callApi,
  type EmulatorServer,
  freePort,
  personOn,
  startDatabaseProcess,
  startWebex,
} from './outage-processes.js';

// Long enough that the notice (sent once the store attempt times out, ~2–4 s in) comes during the
// stall even on a loaded machine.
const STALL_MS = 10_000;
const ANSWER_SHORTLY = 'cannot save it right now';

/**
 * The database process is paused (SIGSTOP) mid-conversation for ten seconds, then resumed. The
 * person who clicks during the stall is told at once that the bot will answer; readiness and the
 * orders API say the service is unavailable; after the stall the click is applied, once.
 */
describe('a database stall mid-conversation', () => {
  let dir: string;
  let db: CliProcess;
  let webex: EmulatorServer;
  let app: RunningApp;
  let paused = false;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'outage-db-'));
    db = await startDatabaseProcess(dir);
    webex = await startWebex();
    const port = await freePort();
    app = await startAppFromEnv({
      ...botEnv(webex, db.uri, port),
      MONGODB_DB: 'outage',
      DATA_DIR: ':memory:',
      LOG_LEVEL: 'silent',
      WEBEX_LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_MS: '200',
    });
  }, 60_000);

  afterAll(async () => {
    if (paused) db?.child.kill('SIGCONT');
    await app?.stop();
    await webex?.close();
    if (db !== undefined) await stopCli(db, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('tells the person at once, answers 503 quickly, and applies the click after it, once', async () => {
    const person = await personOn(webex, 'stall.partner@partner.example');
    const client = await driveSetup(person);
    const created = await callApi(app.url, 'POST', '/orders', {
      orderId: 'SUB-STALL-1',
      requestedStartDate: new Date().toISOString().slice(0, 10),
      provisioningContactEmail: person.email,
      customerName: 'Novi Kupac',
      partnerName: 'Northwind',
    });
    expect(created.status).toBe(201);
    const invitation = await client.next(20_000);
    await client.click(invitation, { action: 'start' });
    const role = await client.nextStep('role', 20_000);
    const seen = client.seen();

    const pid = db.child.pid;
    if (pid === undefined) throw new Error('no database pid');
    process.kill(pid, 'SIGSTOP');
    paused = true;
    const stalledAt = performance.now();
    try {
      const started = performance.now();
      const ready = await fetch(`${app.url}/readyz`);
      const readyzMs = performance.now() - started;
      // The orders API and the click, together, both during the stall.
      const api = callApi(app.url, 'GET', '/orders').then((answer) => ({
        ...answer,
        ms: performance.now() - stalledAt,
      }));
      await client.click(role, { action: 'next', choice: 'partner' });
      const notice = await client.next(STALL_MS - 1_000);
      const toldMs = performance.now() - stalledAt;
      const orders = await api;
      // Figures of this run, for the record.
      console.info(
        `stall: /readyz 503 in ${Math.round(readyzMs)} ms, person told after ${Math.round(toldMs)} ms, /api 503 after ${Math.round(orders.ms)} ms`,
      );
      expect(ready.status).toBe(503);
      expect(readyzMs).toBeLessThan(1_500);
      expect(notice.text ?? '').toContain(ANSWER_SHORTLY);
      expect(orders.status).toBe(503);
      expect(orders.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(orders.ms).toBeLessThan(STALL_MS);
      await waitFor('the end of the stall', async () =>
        performance.now() - stalledAt >= STALL_MS ? true : undefined,
      );
    } finally {
      process.kill(pid, 'SIGCONT');
      paused = false;
    }
    const resumedAt = performance.now();
    const next = await client.nextStep('whoSetsUp', 30_000);
    console.info(`stall: next card ${Math.round(performance.now() - resumedAt)} ms after SIGCONT`);
    expect(next.id).toBeDefined();
    await waitFor('ready again', async () =>
      (await fetch(`${app.url}/readyz`)).status === 200 ? true : undefined,
    );

    // Nothing doubled: one notice, one next card; a later message is answered after them.
    const count = (await person.messagesFromBot()).length;
    await person.say('resume');
    const messages = await person.waitForMessages(count + 1, 20_000);
    expect(messages).toHaveLength(count + 1);
    const after = messages.slice(seen);
    expect(after.filter((m) => (m.text ?? '').includes(ANSWER_SHORTLY))).toHaveLength(1);
    expect(after.filter((m) => stepOf(m) === 'whoSetsUp')).toHaveLength(2);
    expect(stepOf(messages.at(-1) ?? role)).toBe('whoSetsUp');
    const order = await callApi(app.url, 'GET', '/orders/SUB-STALL-1');
    expect(order.body?.setup?.step).toBe('whoSetsUp');
  }, 60_000);
});
