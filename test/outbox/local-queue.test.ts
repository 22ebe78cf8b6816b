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
import { createOutboxSender, type OutboxSender } from '../../src/outbox/outbox-sender.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createOutboxRepository, type OutboxRepository } from '../../src/storage/outbox.repository.js';
import { createEmulatorGateway } from '../support/emulator-gateway.js';
import { waitFor } from '../support/test-app.js';
import { startTestInstance } from '../support/test-instance.js';
import { useTestDatabase } from '../support/use-test-app.js';

const logger = createSilentLogger();

/**
 * A message queued in this process is stored owned by this instance and handed to this process's
 * sender in memory: it is sent with no read of the outbox (no scan, no claim, no lease).
 */
describe('the outbox queue of this process', () => {
  const storage = useTestDatabase({ label: 'handoff' });
  let emulator: EmulatorServer;
  let repository: OutboxRepository;
  let worker: OutboxSender;
  let outbox: Outbox;
  /** Reads of the outbox: a pending query, or an item read back. */
  let reads = 0;

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

  /** The repository without counting, for the test's own reads. */
  const real = () => createOutboxRepository(storage.db);

  beforeAll(async () => {
    const real = createOutboxRepository(storage.db);
    await real.ensureIndexes();
    // Counts the sender's reads of the outbox (the repository itself is real).
    const counted =
      <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
      (...args: A) => {
        reads += 1;
        return read(...args);
      };
    repository = {
      ...real,
      get: counted(real.get),
      store: {
        ...real.store,
        pending: counted(real.store.pending),
        pendingOf: counted(real.store.pendingOf),
      },
    };
    emulator = await startEmulatorServer({ port: 0 });
    const bot = emulator.emulator.bot;
    const gateway = createEmulatorGateway(emulator.apiUrl, bot, true);
    const owners = await startTestInstance(storage.db, () => new Date(), 'test-host:1');
    outbox = createOutbox({ repository, owners, now: () => new Date() });
    worker = createOutboxSender({
      repository,
      local: outbox.local,
      owners,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
    });
  });

  afterAll(async () => {
    await worker.stop();
    await emulator.close();
  });

  it('keeps what is queued before the sender starts, and sends it once it starts', async () => {
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    await outbox.sendMessage(
      'h:before',
      { toPersonEmail: person.email },
      { text: 'early' },
      { kind: 'test' },
    );
    expect(await repository.get('h:before')).toMatchObject({ status: 'pending', attempts: 0 });
    worker.start();
    await waitFor('the early message sent', async () =>
      (await repository.get('h:before'))?.status === 'sent' ? true : undefined,
    );
  });

  it('sends what is queued here at once, in queue order, without reading the outbox', async () => {
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    const readsBefore = reads;
    const texts = Array.from({ length: 5 }, (_, i) => `step ${i + 1}`);
    for (const [i, text] of texts.entries())
      expect(
        await outbox.sendMessage(`h:now:${i}`, { toPersonEmail: person.email }, { text }, { kind: 'test' }),
      ).toBe(true);
    // The same key again is refused.
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
    expect(reads).toBe(readsBefore);
    await waitFor('recorded', async () =>
      (await real().get('h:now:4'))?.status === 'sent' ? true : undefined,
    );
    expect(await real().get('h:now:0')).toMatchObject({ status: 'sent', attempts: 1, pendingEffects: [] });
  });

  it('after the sender stops, keeps what is queued stored and pending, for whoever runs next', async () => {
    await worker.stop();
    const person = await emulator.emulator.createPerson(`h${randomUUID().slice(0, 8)}@partner.example`);
    await outbox.sendMessage('h:after', { toPersonEmail: person.email }, { text: 'late' }, { kind: 'test' });
    expect(await repository.get('h:after')).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await repository.store.pendingOf(['h:after']))[0]?.effects).toHaveLength(1);
  });
});
