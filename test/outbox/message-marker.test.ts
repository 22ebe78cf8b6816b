import { randomUUID } from 'node:crypto';
import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Instance } from '../../src/effects/instances.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { messageMarker } from '../../src/outbox/message-marker.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import { createOutboxSender, type OutboxSender } from '../../src/outbox/outbox-sender.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createOutboxRepository, type OutboxRepository } from '../../src/storage/outbox.repository.js';
import type { WebexGateway } from '../../src/webex/gateway.js';
import { createEmulatorGateway } from '../support/emulator-gateway.js';
import { waitFor } from '../support/test-app.js';
import { startTestInstance } from '../support/test-instance.js';
import { useTestDatabase } from '../support/use-test-app.js';

/**
 * After a takeover the outbox asks Webex whether a message it inherited went out. Every message
 * carries its own marker (a plain one on a card holding its text), so the answer is about that
 * message, not about another with the same text (a second "This setup has ended"). Real worker,
 * real driver and database, the emulator over HTTP.
 */

const logger = createSilentLogger();
const ENDED = {
  text: 'This setup has ended.',
  card: {
    type: 'AdaptiveCard',
    version: '1.3',
    body: [{ type: 'TextBlock', text: 'This setup has ended.' }],
  },
};
/** The same words as a plain message, as administrators' alerts and text replies are. */
const ENDED_TEXT = { text: 'This setup has ended.', markdown: 'This setup has **ended**.' };

describe('a message of its own after a takeover', () => {
  const storage = useTestDatabase({ label: 'marker' });
  let emulator: EmulatorServer;
  let gateway: WebexGateway;
  let repository: OutboxRepository;
  let outbox: Outbox;
  let worker: OutboxSender | undefined;
  let owners: Instance;

  beforeAll(async () => {
    repository = createOutboxRepository(storage.db);
    await repository.ensureIndexes();
    emulator = await startEmulatorServer({ port: 0 });
    const bot = emulator.emulator.bot;
    gateway = createEmulatorGateway(emulator.apiUrl, bot, true);
    owners = await startTestInstance(storage.db);
    outbox = createOutbox({ repository, owners, now: () => new Date() });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(() => emulator.close());

  const startWorker = () => {
    worker = createOutboxSender({
      repository,
      local: outbox.local,
      owners,
      gateway,
      postWebhook: (url, body) => postSignedJson(url, body, 'test-secret-test-secret'),
      logger,
    });
    worker.start();
    return worker;
  };

  /** Queues a message as an instance that then died (it never ended itself). */
  const queueAsTheDead = (id: string, target: { toPersonEmail: string }, message: object) =>
    repository.enqueue(
      { id, channel: 'webex', target, payload: message, purpose: { kind: 'test' } },
      new Date(),
      'host:9#instance-that-died',
    );

  /** The bot's messages to the person, newest first. */
  async function messagesTo(token: string) {
    const bot = emulator.emulator.bot.email;
    const response = await fetch(
      `${emulator.apiUrl}/messages/direct?personEmail=${encodeURIComponent(bot)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const items = z
      .object({
        items: z.array(
          z.looseObject({
            personEmail: z.string(),
            text: z.string().optional(),
            attachments: z.array(z.looseObject({ content: z.record(z.string(), z.unknown()) })).optional(),
          }),
        ),
      })
      .parse(await response.json()).items;
    return items.filter((m) => m.personEmail === bot);
  }

  /** Outbox keys of this case: each case has its own. */
  let keyPrefix = '';
  const key = (name: string) => `k:${keyPrefix}:${name}`;
  beforeEach(() => {
    keyPrefix = randomUUID().slice(0, 8);
  });

  const sent = (id: string) => async () => ((await repository.get(id))?.status === 'sent' ? true : undefined);

  it.each([
    ['a card', ENDED],
    ['a plain message', ENDED_TEXT],
  ])(
    'sends an inherited message whose text the person already has from another (%s)',
    async (_kind, message) => {
      const person = await emulator.emulator.createPerson(`p${randomUUID().slice(0, 8)}@partner.example`);
      const target = { toPersonEmail: person.email };
      // The first "ended" goes out as usual.
      startWorker();
      await outbox.sendMessage(key('ended-1'), target, message, { kind: 'test' });
      await waitFor('the first sent', sent(key('ended-1')));
      await worker?.stop();
      // The second is queued by an instance that dies before sending it, and taken over.
      await queueAsTheDead(key('ended-2'), target, message);
      expect(await startWorker().recover({}, 10)).toBe(1);
      await waitFor('the second sent', sent(key('ended-2')));
      const sentTo = await messagesTo(person.token);
      expect(sentTo).toHaveLength(2);
      expect(sentTo.map((m) => m.text)).toEqual([message.text, message.text]);
      expect(sentTo.map((m) => m.attachments?.[0]?.content.wxccMessageKey).sort()).toEqual(
        [messageMarker(key('ended-1')), messageMarker(key('ended-2'))].sort(),
      );
      // A plain message's card holds its words as the person reads them (its markdown).
      if (!('card' in message)) {
        expect(sentTo[0]?.attachments?.[0]?.content.body).toEqual([
          { type: 'TextBlock', text: message.markdown, wrap: true },
        ]);
      }
    },
  );

  it.each([
    ['a card', ENDED],
    ['a plain message', ENDED_TEXT],
  ])(
    'does not send again an inherited message that went out with its marker before the crash (%s)',
    async (_kind, message) => {
      const person = await emulator.emulator.createPerson(`p${randomUUID().slice(0, 8)}@partner.example`);
      const target = { toPersonEmail: person.email };
      await queueAsTheDead(key('crash-1'), target, message);
      // The dead instance had sent it, with its marker, and died before recording it.
      await gateway.sendMessage(target, { ...message, marker: messageMarker(key('crash-1')) });
      expect(await startWorker().recover({}, 10)).toBe(1);
      await waitFor('taken over', sent(key('crash-1')));
      expect(await messagesTo(person.token)).toHaveLength(1);
    },
  );
});
