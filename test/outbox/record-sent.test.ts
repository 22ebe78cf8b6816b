import { randomUUID } from 'node:crypto';
import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSilentLogger } from '../../src/log/logger.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createOutboxSender, type DeliveryOutcome } from '../../src/outbox/outbox-sender.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createOutboxRepository, type OutboxRepository } from '../../src/storage/outbox.repository.js';
import { createEmulatorGateway } from '../support/emulator-gateway.js';
import { waitFor } from '../support/test-app.js';
import { startTestInstance } from '../support/test-instance.js';
import { useTestDatabase } from '../support/use-test-app.js';

const logger = createSilentLogger();

/**
 * Webex took the message, then the database could not record it (a stall): the message stays
 * pending, and the next pass finds it in the conversation and records it instead of sending it
 * again.
 */
describe('a message sent while the database cannot record it', () => {
  const storage = useTestDatabase({ label: 'recordsent' });
  let emulator: EmulatorServer;

  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('is recorded once the database answers, sent once, and reported delivered once', async () => {
    const real = createOutboxRepository(storage.db);
    await real.ensureIndexes();
    let refusals = 2;
    const repository: OutboxRepository = {
      ...real,
      // The real write, refused twice first as an unreachable database refuses it.
      store: {
        ...real.store,
        markDone: (...args: Parameters<OutboxRepository['store']['markDone']>) => {
          if (refusals > 0) {
            refusals -= 1;
            return Promise.reject(new Error('connection to the database interrupted'));
          }
          return real.store.markDone(...args);
        },
      },
    };
    const bot = emulator.emulator.bot;
    const gateway = createEmulatorGateway(emulator.apiUrl, bot, true);
    const delivered: DeliveryOutcome[] = [];
    const owners = await startTestInstance(storage.db);
    const outbox = createOutbox({ repository, owners, now: () => new Date() });
    const worker = createOutboxSender({
      repository,
      local: outbox.local,
      owners,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
      onDelivered: async (outcome) => {
        delivered.push(outcome);
      },
    });
    const person = await emulator.emulator.createPerson(`r${randomUUID().slice(0, 8)}@partner.example`);
    worker.start();
    try {
      await outbox.sendMessage(
        'r:1',
        { toPersonEmail: person.email },
        { text: 'only once' },
        { kind: 'test' },
      );
      // The passes of the effect runner, each retrying what failed here.
      await waitFor(
        'recorded as sent',
        async () => {
          await worker.recover({}, 10);
          return (await real.get('r:1'))?.status === 'sent' ? true : undefined;
        },
        20_000,
      );
    } finally {
      await worker.stop();
    }
    const response = await fetch(
      `${emulator.apiUrl}/messages/direct?personEmail=${encodeURIComponent(bot.email)}&max=100`,
      { headers: { authorization: `Bearer ${person.token}` } },
    );
    const listed = z
      .object({ items: z.array(z.object({ text: z.string().optional() })) })
      .parse(await response.json());
    expect(refusals).toBe(0);
    expect(await real.get('r:1')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(delivered.map((d) => d.itemId)).toEqual(['r:1']);
    expect(listed.items.map((m) => m.text)).toEqual(['only once']);
  });
});
