import { randomUUID } from 'node:crypto';
import {
  type EmulatorPerson,
  type EmulatorServer,
  startEmulatorServer,
} from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInstance, type Instance } from '../../src/effects/instances.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { messageMarker } from '../../src/outbox/message-marker.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import {
  createOutboxSender,
  type DeliveryOutcome,
  type OutboxSender,
} from '../../src/outbox/outbox-sender.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createInstancesRepository } from '../../src/storage/instances.repository.js';
import {
  createOutboxRepository,
  type OutboxItem,
  type OutboxRepository,
} from '../../src/storage/outbox.repository.js';
import type { WebexGateway } from '../../src/webex/gateway.js';
import { DEFAULT_RETRY_OPTIONS } from '../../src/webex/retry.policy.js';
import { createEmulatorGateway } from '../support/emulator-gateway.js';
import { waitFor } from '../support/test-app.js';
import { useTestDatabase } from '../support/use-test-app.js';

const logger = createSilentLogger();

describe('the outbox sender, against the emulator and a real database', () => {
  const storage = useTestDatabase({ label: 'outbox' });
  let emulator: EmulatorServer;
  let gateway: WebexGateway;
  let repository: OutboxRepository;
  let outbox: Outbox;
  let worker: OutboxSender | undefined;
  let instance: Instance;
  let person: EmulatorPerson;
  const delivered: DeliveryOutcome[] = [];
  /** Reports of a delivery refused from now on, as when the orders cannot be written. */
  let refuseReports = 0;
  const failed: OutboxItem[] = [];

  const botMessagesTo = async (who: EmulatorPerson) => {
    const response = await fetch(
      `${emulator.apiUrl}/messages/direct?personEmail=${encodeURIComponent(emulator.emulator.bot.email)}&max=100`,
      { headers: { authorization: `Bearer ${who.token}` } },
    );
    const body = z
      .object({ items: z.array(z.object({ text: z.string().optional() })) })
      .parse(await response.json());
    return body.items;
  };

  const startWorker = () => {
    worker = createOutboxSender({
      repository,
      local: outbox.local,
      owners: instance,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
      maxAttempts: 3,
      onDelivered: async (outcome) => {
        if (refuseReports > 0) {
          refuseReports -= 1;
          throw new Error('the orders cannot be written now');
        }
        delivered.push(outcome);
      },
      onFailed: async (item) => {
        failed.push(item);
      },
    });
    worker.start();
    return worker;
  };

  beforeAll(async () => {
    repository = createOutboxRepository(storage.db);
    await repository.ensureIndexes();
    emulator = await startEmulatorServer({ port: 0 });
    const bot = emulator.emulator.bot;
    gateway = createEmulatorGateway(emulator.apiUrl, bot, true);
    instance = createInstance({
      store: createInstancesRepository(storage.db),
      now: () => new Date(),
      logger,
    });
    await instance.start();
    outbox = createOutbox({ repository, owners: instance, now: () => new Date() });
  });

  beforeEach(async () => {
    person = await emulator.emulator.createPerson(`p${randomUUID().slice(0, 8)}@partner.example`);
    emulator.emulator.faults.clear();
  });

  afterAll(async () => {
    await worker?.stop();
    await instance.stop();
    await emulator.close();
  });

  it('sends a queued message once, even when it is queued twice under one key', async () => {
    startWorker();
    const target = { toPersonEmail: person.email };
    expect(await outbox.sendMessage('k:once', target, { text: 'hello once' }, { kind: 'test' })).toBe(true);
    expect(await outbox.sendMessage('k:once', target, { text: 'hello once' }, { kind: 'test' })).toBe(false);
    await waitFor('sent', async () =>
      (await repository.get('k:once'))?.status === 'sent' ? true : undefined,
    );
    expect((await botMessagesTo(person)).map((m) => m.text)).toEqual(['hello once']);
    expect(delivered.filter((d) => d.itemId === 'k:once')).toHaveLength(1);
    await worker?.stop();
  });

  it('reports a delivery whose first report failed, once', async () => {
    startWorker();
    refuseReports = 2;
    await outbox.sendMessage(
      'k:report',
      { toPersonEmail: person.email },
      { text: 'reported' },
      { kind: 'test' },
    );
    await waitFor('reported', async () =>
      delivered.some((d) => d.itemId === 'k:report') ? true : undefined,
    );
    expect(refuseReports).toBe(0);
    expect(delivered.filter((d) => d.itemId === 'k:report')).toHaveLength(1);
    expect((await botMessagesTo(person)).map((m) => m.text)).toEqual(['reported']);
    await worker?.stop();
  });

  it('delivers every message exactly once through a storm of 429s', async () => {
    emulator.emulator.faults.setRateLimit({ requests: 5, windowMs: 1_000 });
    startWorker();
    const keys = Array.from({ length: 20 }, (_, i) => `k:storm:${person.email}:${i}`);
    for (const [i, key] of keys.entries())
      await outbox.sendMessage(
        key,
        { toPersonEmail: person.email },
        { text: `storm ${i}` },
        { kind: 'test' },
      );
    await waitFor(
      'all sent',
      async () => {
        const items = await Promise.all(keys.map((key) => repository.get(key)));
        return items.every((item) => item?.status === 'sent') ? true : undefined;
      },
      60_000,
    );
    const texts = (await botMessagesTo(person)).map((m) => m.text ?? '');
    expect(texts).toHaveLength(20);
    expect(new Set(texts).size).toBe(20);
    expect(emulator.emulator.stats().rateLimited).toBeGreaterThan(0);
    await worker?.stop();
  });

  it('takes over what an instance that died queued, without sending again what it sent', async () => {
    const target = { toPersonEmail: person.email };
    // Another instance queued two messages, sent the first and died before recording it.
    const dead = 'host:1#instance-that-died';
    const queued = (text: string) => ({
      channel: 'webex' as const,
      target,
      payload: { text },
      purpose: { kind: 'test' },
    });
    await repository.enqueue({ id: 'k:crash:1', ...queued('sent before the crash') }, new Date(), dead);
    await repository.enqueue({ id: 'k:crash:2', ...queued('not sent yet') }, new Date(), dead);
    // It went out as the sender sends, with its marker.
    await gateway.sendMessage(target, { text: 'sent before the crash', marker: messageMarker('k:crash:1') });
    const sender = startWorker();
    expect(await sender.recover({}, 10)).toBe(2);
    // Started by the pass, not waited for (a message may wait minutes for its next try).
    await waitFor('both recorded', async () => {
      const items = await Promise.all(['k:crash:1', 'k:crash:2'].map((id) => repository.get(id)));
      return items.every((item) => item?.status === 'sent') ? true : undefined;
    });
    expect((await repository.get('k:crash:2'))?.owner).toBe(instance.id);
    expect((await botMessagesTo(person)).map((m) => m.text)).toEqual([
      'not sent yet',
      'sent before the crash',
    ]);
    // Taken over once: a second pass finds nothing left.
    expect(await sender.recover({}, 10)).toBe(0);
    await worker?.stop();
  });

  it('leaves alone what a live instance queued, however long it takes', async () => {
    const other = createInstance({
      store: createInstancesRepository(storage.db),
      now: () => new Date(),
      logger,
    });
    await other.start();
    const target = { toPersonEmail: person.email };
    await repository.enqueue(
      {
        id: 'k:live',
        channel: 'webex',
        target,
        payload: { text: 'the other sends it' },
        purpose: { kind: 'test' },
      },
      new Date(),
      other.id,
    );
    const sender = startWorker();
    expect(await sender.recover({}, 10)).toBe(0);
    expect((await repository.get('k:live'))?.status).toBe('pending');
    // Once it ends, its work is taken over at the next pass.
    await other.stop();
    expect(await sender.recover({}, 10)).toBe(1);
    await waitFor('sent', async () =>
      (await repository.get('k:live'))?.status === 'sent' ? true : undefined,
    );
    expect((await botMessagesTo(person)).map((m) => m.text)).toEqual(['the other sends it']);
    await worker?.stop();
  });

  it('sends nothing more once ended by an instance started in its place, which sends it instead', async () => {
    await worker?.stop();
    const instances = createInstancesRepository(storage.db);
    const old = createInstance({ store: instances, slot: 'host:7', now: () => new Date(), logger });
    await old.start();
    const oldOutbox = createOutbox({ repository, owners: old, now: () => new Date() });
    const oldSender = createOutboxSender({
      repository,
      local: oldOutbox.local,
      owners: old,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
    });
    oldSender.start();
    // A process started in the same place ends the old one, which learns it at its next beat.
    const successor = createInstance({ store: instances, slot: 'host:7', now: () => new Date(), logger });
    await successor.start();
    await old.beat();
    expect(old.mayAct()).toBe(false);
    const target = { toPersonEmail: person.email };
    expect(await oldOutbox.sendMessage('k:ended', target, { text: 'sent once' }, { kind: 'test' })).toBe(
      true,
    );
    await waitFor('tried', async () =>
      (await repository.store.pendingOf(['k:ended']))[0] ? true : undefined,
    );
    expect(await botMessagesTo(person)).toEqual([]);
    await oldSender.stop();
    const successorOutbox = createOutbox({ repository, owners: successor, now: () => new Date() });
    const successorSender = createOutboxSender({
      repository,
      local: successorOutbox.local,
      owners: successor,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
    });
    expect(await successorSender.recover({}, 10)).toBe(1);
    await waitFor('sent', async () =>
      (await repository.get('k:ended'))?.status === 'sent' ? true : undefined,
    );
    expect((await botMessagesTo(person)).map((m) => m.text)).toEqual(['sent once']);
    await successorSender.stop();
    await successor.stop();
  });

  it('keeps the messages to one person in queue order, even when the first must be retried later', async () => {
    // The gateway's own retries give up on the first message; the outbox must then hold back the rest.
    emulator.emulator.faults.setFailures({
      status: 503,
      count: DEFAULT_RETRY_OPTIONS.maxAttempts,
      method: 'POST',
      path: '^/messages$',
    });
    const target = { toPersonEmail: person.email };
    for (let i = 1; i <= 5; i += 1)
      await outbox.sendMessage(
        `k:order:${person.email}:${i}`,
        target,
        { text: `step ${i}` },
        { kind: 'test' },
      );
    startWorker();
    await waitFor(
      'five sent',
      async () => ((await botMessagesTo(person)).length === 5 ? true : undefined),
      30_000,
    );
    const texts = (await botMessagesTo(person)).map((m) => m.text).reverse();
    expect(texts).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    await worker?.stop();
  });

  it('gives up at once on a message Webex refuses, and reports it once', async () => {
    startWorker();
    // A card of a schema Webex does not render: refused with a 400 (text over 7,439 bytes no
    // longer is, since the outbox cuts it to fit when it is queued).
    await outbox.sendMessage(
      'k:too-long',
      { toPersonEmail: person.email },
      { text: 'a newer card', card: { type: 'AdaptiveCard', version: '1.4', body: [] } },
      { kind: 'test' },
    );
    await waitFor('failed', async () =>
      (await repository.get('k:too-long'))?.status === 'failed' ? true : undefined,
    );
    expect(failed.filter((item) => item._id === 'k:too-long')).toHaveLength(1);
    expect(await botMessagesTo(person)).toHaveLength(0);
    await worker?.stop();
  });
});
