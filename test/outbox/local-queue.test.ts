import { randomUUID } from 'node:crypto';
import {
  type EmulatorPerson,
  type EmulatorServer,
  startEmulatorServer,
} from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSilentLogger } from '../../src/log/logger.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/outbox-worker.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createOutboxRepository, type OutboxRepository } from '../../src/storage/outbox.repository.js';
import { createRestGateway } from '../../src/webex/rest.gateway.js';
import { DEFAULT_RETRY_OPTIONS } from '../../src/webex/retry.policy.js';
import { createWebexHttpClient } from '../../src/webex/webex-http.client.js';
import { waitFor } from '../support/test-app.js';
import { useTestDatabase } from '../support/use-test-app.js';

const logger = createSilentLogger();

/**
 * A message queued in the process whose worker runs is stored already claimed and handed to that
 * worker in memory. The worker here polls once an hour: only the hand-off can send promptly.
 */
describe('the outbox queue of this process worker', () => {
  const storage = useTestDatabase({ label: 'handoff' });
  let emulator: EmulatorServer;
  let repository: OutboxRepository;
  let worker: OutboxWorker;
  let outbox: Outbox;
  let wakes = 0;
  let claimScans = 0;

  const textsTo = async (who: EmulatorPerson) => {
    const response = await fetch(
      `${emulator.apiUrl}/messages/direct?personEmail=${encodeURIComponent(emulator.emulator.bot.email)}&max=100`,
      { headers: { authorization: `Bearer ${who.token}` } },
    );
    const body = z
      .object({ items: z.array(z.object({ text: z.string().optional() })) })
      .parse(await response.json());
    // Newest first, as Webex lists them.
    return body.items.map((item) => item.text ?? '').reverse();
  };

  beforeAll(async () => {
    const real = createOutboxRepository(storage.db);
    await real.ensureIndexes();
    // Counts the worker's scans for claimable messages (the repository itself is real).
    repository = {
      ...real,
      claimBatch: (...args: Parameters<OutboxRepository['claimBatch']>) => {
        claimScans += 1;
        return real.claimBatch(...args);
      },
    };
    emulator = await startEmulatorServer({ port: 0 });
    const bot = emulator.emulator.bot;
    const http = createWebexHttpClient({
      apiUrl: emulator.apiUrl,
      accessToken: bot.token,
      retry: { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 20, maxDelayMs: 200 },
      requestTimeoutMs: 5_000,
      logger,
    });
    const gateway = createRestGateway({
      http,
      identity: () => ({ id: bot.id, email: bot.email, displayName: bot.displayName }),
      logger,
    });
    outbox = createOutbox({ repository, now: () => new Date() });
    worker = createOutboxWorker({
      repository,
      // The outbox's own queue, its wake-ups counted.
      local: {
        ...outbox.local,
        open: (consumer) =>
          outbox.local.open({
            ...consumer,
            wake: () => {
              wakes += 1;
              consumer.wake();
            },
          }),
      },
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
      pollMs: 3_600_000,
      slot: 'test-host:1',
    });
  });

  afterAll(async () => {
    await worker.stop();
    await emulator.close();
  });

  it('queues unclaimed while no worker takes work, and the worker sends it once it starts', async () => {
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    await outbox.sendMessage(
      'h:before',
      { toPersonEmail: person.email },
      { text: 'early' },
      { kind: 'test' },
    );
    const stored = await repository.get('h:before');
    expect(stored).toMatchObject({ status: 'pending', lockedBy: null, attempts: 0 });
    // The worker's first pass (at start) sends what was queued before it.
    worker.start();
    await waitFor('the early message sent', async () =>
      (await repository.get('h:before'))?.status === 'sent' ? true : undefined,
    );
  });

  it('sends what is queued here at once, in queue order, without a scan or a wake-up', async () => {
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    await waitFor('the start-up scan done', async () => (claimScans >= 1 ? true : undefined));
    const scansBefore = claimScans;
    const wakesBefore = wakes;
    const texts = Array.from({ length: 5 }, (_, i) => `step ${i + 1}`);
    for (const [i, text] of texts.entries())
      expect(
        await outbox.sendMessage(`h:now:${i}`, { toPersonEmail: person.email }, { text }, { kind: 'test' }),
      ).toBe(true);
    // The same key again is refused, as for an unclaimed message.
    expect(
      await outbox.sendMessage(
        'h:now:0',
        { toPersonEmail: person.email },
        { text: 'again' },
        { kind: 'test' },
      ),
    ).toBe(false);
    await waitFor('all five sent', async () => ((await textsTo(person)).length === 5 ? true : undefined));
    expect(await textsTo(person)).toEqual(texts);
    const first = await repository.get('h:now:0');
    expect(first).toMatchObject({ status: 'sent', attempts: 1 });
    expect(first?.lockedBy).toMatch(/^test-host:1#/);
    expect(claimScans).toBe(scansBefore);
    expect(wakes).toBe(wakesBefore);
  });

  it('after the worker stops, queues unclaimed again (for whoever runs next)', async () => {
    await worker.stop();
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    await outbox.sendMessage('h:after', { toPersonEmail: person.email }, { text: 'late' }, { kind: 'test' });
    expect(await repository.get('h:after')).toMatchObject({ status: 'pending', lockedBy: null, attempts: 0 });
  });
});
