import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/log/logger.js';
import type { WebhookBody } from '../../src/webex/webhook-body.schema.js';
import { createWebhookIntake, type WebhookInbox } from '../../src/webex/webhook-intake.js';
import { waitFor } from '../support/test-app.js';

/**
 * Events held while the inbox refuses them are offered again every round; one that keeps failing
 * goes to the back of the line, so the events behind it are stored as soon as the inbox takes them.
 */

function message(id: string): WebhookBody {
  return {
    id: 'hook',
    name: 'bot',
    resource: 'messages',
    event: 'created',
    data: { id, roomId: `room-${id}`, personId: 'someone' },
  };
}

describe('held webhooks', () => {
  it('stores the events behind one that keeps failing', async () => {
    const stored: string[] = [];
    let outage = true;
    let poisonTries = 0;
    // The inbox of the test: down for everything during the outage, and for ever for one event.
    const inbox: WebhookInbox = {
      async receive(id) {
        if (id.endsWith('/poison')) poisonTries += 1;
        if (outage || id.endsWith('/poison')) throw new Error('cannot store now');
        stored.push(id);
        return 'stored';
      },
    };
    const refuse = async () => {
      throw new Error('not used by the intake of wanted events');
    };
    const intake = createWebhookIntake({
      openInbox: () => inbox,
      lanes: {
        dispatch: () => {},
        prefetch: () => {},
        forget: () => {},
        run: refuse,
        drain: async () => true,
        tracked: () => ({ event_lanes: 0, event_prefetches: 0 }),
      },
      identity: () => ({ id: 'bot-id', email: 'bot@webex.bot', displayName: 'Bot' }),
      send: async () => undefined,
      notices: { answerShortly: { text: 'shortly' }, clickAgain: { text: 'again' } },
      logger: createSilentLogger(),
      now: () => new Date(),
      hold: { retryMs: 20 },
    });
    try {
      for (const id of ['poison', 'first', 'second'])
        expect(await intake.accept(message(id))).toBe('unavailable');
      outage = false;
      await waitFor('the events behind the failing one stored', async () =>
        stored.length === 2 ? stored : undefined,
      );
      expect(stored.sort()).toEqual(['messages/created/first', 'messages/created/second']);
      // The failing one is still held, and still offered again.
      const tries = poisonTries;
      await waitFor('the failing event offered again', async () => (poisonTries > tries ? true : undefined));
    } finally {
      intake.stop();
    }
  });

  it('stores an event that aged behind the others once the database is back, rather than dropping it', async () => {
    const stored: string[] = [];
    const told: string[] = [];
    let down = true;
    let firstTries = 0;
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    // Down at first; the held first event's retry finds it back (and fails once more, so that
    // event goes behind the second); the second then takes long to store.
    const inbox: WebhookInbox = {
      async receive(id) {
        if (id.endsWith('/first')) {
          firstTries += 1;
          if (firstTries === 2) {
            down = false;
            throw new Error('cannot store now');
          }
        }
        if (down) throw new Error('cannot store now');
        if (id.endsWith('/second')) await gate;
        stored.push(id);
        return 'stored';
      },
    };
    const refuse = async () => {
      throw new Error('not used by the intake of wanted events');
    };
    const maxAgeMs = 200;
    const intake = createWebhookIntake({
      openInbox: () => inbox,
      lanes: {
        dispatch: () => {},
        prefetch: () => {},
        forget: () => {},
        run: refuse,
        drain: async () => true,
        tracked: () => ({ event_lanes: 0, event_prefetches: 0 }),
      },
      identity: () => ({ id: 'bot-id', email: 'bot@webex.bot', displayName: 'Bot' }),
      send: async (_target, message) => {
        told.push(message.text);
      },
      notices: { answerShortly: { text: 'shortly' }, clickAgain: { text: 'again' } },
      logger: createSilentLogger(),
      now: () => new Date(),
      hold: { retryMs: 20, maxAgeMs },
    });
    try {
      const heldAt = Date.now();
      for (const id of ['first', 'second']) expect(await intake.accept(message(id))).toBe('unavailable');
      await waitFor('the first event offered again', async () => (firstTries >= 2 ? true : undefined));
      // The second is being stored, slowly: the first, behind it, grows older than its limit.
      await waitFor('the first event past its age', async () =>
        Date.now() - heldAt > maxAgeMs + 50 ? true : undefined,
      );
      openGate();
      await waitFor('both stored', async () => (stored.length === 2 ? stored : undefined));
      expect(stored).toEqual(['messages/created/second', 'messages/created/first']);
      expect(told.filter((text) => text === 'again')).toEqual([]);
    } finally {
      intake.stop();
    }
  });
});
