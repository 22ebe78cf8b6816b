import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/log/logger.js';
import { createEventIntake, type WebhookInbox } from '../../src/webex/event-intake.js';
import type { WebhookBody } from '../../src/webex/webhook-body.schema.js';
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
    // The inbox of the test: down for everything during the outage, and for ever for one event.
    const inbox: WebhookInbox = {
      async receive(id) {
        if (outage || id.endsWith('/poison')) throw new Error('cannot store now');
        stored.push(id);
        return 'stored';
      },
    };
    const refuse = async () => {
      throw new Error('not used by the intake of wanted events');
    };
    const intake = createEventIntake({
      openInbox: () => inbox,
      dispatcher: {
        dispatch: () => {},
        prefetch: () => {},
        forget: () => {},
        run: refuse,
        drain: async () => true,
        tracked: () => ({ dispatcher_lanes: 0, dispatcher_prefetches: 0 }),
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
      expect(intake.heldCount()).toBe(3);
      outage = false;
      await waitFor('the events behind the failing one stored', async () =>
        stored.length === 2 ? stored : undefined,
      );
      expect(stored.sort()).toEqual(['messages/created/first', 'messages/created/second']);
      expect(intake.heldCount()).toBe(1);
    } finally {
      intake.stop();
    }
  });
});
