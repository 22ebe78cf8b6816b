import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/webex-harness.js';

/**
 * A card submit is fetched straight from the REST API: the action and the person at once, the
 * person from memory on the next click, and never through the SDK's people batcher.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(() => harness.close());

const peopleCalls = () => {
  const byRoute = harness.server.emulator.stats().requests.byRoute;
  return Object.fromEntries(
    Object.entries(byRoute).filter(
      ([route]) => route.startsWith('GET /people') && route !== 'GET /people/me',
    ),
  );
};

describe('card submits', () => {
  it('are delivered with the clicking person, whose email is asked once for several clicks', async () => {
    const pat = await harness.person('pat@partner.example', 'Pat');
    const card = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.3',
        body: [],
        actions: [{ type: 'Action.Submit', title: 'Go' }],
      },
    };
    const sent = await harness.bot.post({
      toPersonEmail: 'pat@partner.example',
      text: 'card',
      attachments: [card],
    });
    const before = peopleCalls();

    // One click after the other, as a person makes them: webhooks are delivered concurrently (as
    // Webex does), so two clicks at once could arrive in either order.
    await pat.submit(sent.id, { choice: 'a' });
    await harness.events.waitFor((event) => event.kind === 'cardSubmit', 1);
    await pat.submit(sent.id, { choice: 'b' });
    const events = await harness.events.waitFor((event) => event.kind === 'cardSubmit', 2);

    expect(events.map((event) => event.kind === 'cardSubmit' && [event.personEmail, event.inputs])).toEqual([
      ['pat@partner.example', { choice: 'a' }],
      ['pat@partner.example', { choice: 'b' }],
    ]);
    const after = peopleCalls();
    const asked = Object.keys(after).filter((route) => after[route] !== before[route]);
    // One look-up of the person by id for both clicks, and no batched list look-up.
    expect(asked).toEqual(['GET /people/:personId']);
    expect((after['GET /people/:personId'] ?? 0) - (before['GET /people/:personId'] ?? 0)).toBe(1);
  });
});

describe("the bot's own messages", () => {
  it('come back through the webhook and are dropped without a fetch, while a person’s text is fetched', async () => {
    const sam = await harness.person('sam@partner.example', 'Sam');
    const { emulator } = harness.server;
    const fetches = () => emulator.stats().requests.byRoute['GET /messages/:messageId'] ?? 0;
    const before = fetches();
    for (const text of ['one', 'two', 'three'])
      await harness.bot.post({ toPersonEmail: 'sam@partner.example', text });
    // Each came back to the bot's webhook and was answered.
    await emulator.webhooksIdle();
    // A space's events are handled in order: once Sam's text is handled, so were the bot's own.
    await sam.sendToBot('hello');
    await harness.events.waitFor((event) => event.kind === 'text' && event.text === 'hello', 1);
    expect(fetches() - before).toBe(1);
  });
});
