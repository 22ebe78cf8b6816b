import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../../src/webex/gateway.js';
import { type Harness, startHarness } from './support/webex-harness.js';

/**
 * The framework's spawn race: in a brand-new 1:1 space, the first message arrives while the
 * framework is still spawning its bot object for that space, and the framework drops it. Twenty
 * people writing their first message at the same moment must all be answered.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    onEvent: async (event: IncomingEvent, runtime) => {
      if (event.kind !== 'text') return;
      await runtime.gateway.sendMessage({ roomId: event.roomId }, { text: `welcome, ${event.personEmail}` });
    },
  });
});

afterAll(async () => {
  harness.server.emulator.faults.clear();
  await harness.close();
});

describe('first message in a new space', () => {
  it('is answered 20 times out of 20 when 20 new people write at once', async () => {
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => harness.person(`first-${i}@newcustomer.example`)),
    );

    // Widen the race window: spawning a space starts with GET /rooms/{id}.
    harness.server.emulator.faults.setLatency({ ms: 150, method: 'GET', path: '^/rooms/' });

    const sent = await Promise.all(people.map((actor) => actor.sendToBot('hello')));

    const ids = new Set(sent.map((message) => message.id));
    const events = await harness.events.waitFor((e) => ids.has(e.messageId), 20);
    expect(new Set(events.map((e) => e.personEmail))).toEqual(new Set(people.map((p) => p.person.email)));
    await harness.server.emulator.webhooksIdle();
    // The handler's replies may still be on their way when its event has been seen: poll for them.
    const countAnswered = async () => {
      const answered = await Promise.all(
        people.map(async (actor) =>
          (await actor.directWithBot()).some((m) => m.text === `welcome, ${actor.person.email}`),
        ),
      );
      return answered.filter(Boolean).length;
    };
    const deadline = Date.now() + 10_000;
    let answered = await countAnswered();
    while (answered < 20 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answered = await countAnswered();
    }
    expect(answered).toBe(20);
    expect(harness.logger.entries.filter((e) => e.msg === 'webex event lost after replays')).toEqual([]);
  });
});
