import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, localDateOf } from '../../src/orders/start-date.js';
import { type WebexMessage, waitFor } from '../support/test-app.js';
import { useTestApp, useTestDatabase } from '../support/use-test-app.js';
import { createTestClock, DAY_MS } from './support/orders-harness.js';

const ZONE = 'Europe/Zagreb';
const INTERVAL_MS = 200;
const actionSchema = z.looseObject({
  type: z.string(),
  title: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
const cardSchema = z.looseObject({ actions: z.array(actionSchema).default([]) });

/** The Set up now button of a message's card, if it has one for this order. */
function setUpNowButton(message: WebexMessage, orderId: string) {
  const content = message.attachments?.[0]?.content;
  const card = cardSchema.safeParse(content);
  if (!card.success) return undefined;
  return card.data.actions.find(
    (a) =>
      a.type === 'Action.Submit' &&
      a.title === 'Set up now' &&
      a.data?.orderId === orderId &&
      a.data?.action === 'start',
  );
}

const orderFor = (orderId: string, email: string, requestedStartDate: string) => ({
  orderId,
  requestedStartDate,
  provisioningContactEmail: email,
  customerName: 'Acme d.o.o.',
  timeZone: ZONE,
});

describe('orders end to end (whole app in local mode)', () => {
  const clock = createTestClock(new Date().toISOString());
  const app = useTestApp({ now: clock.now, env: { SCHEDULER_INTERVAL_MS: String(INTERVAL_MS) } });
  const today = () => localDateOf(clock.now(), ZONE);

  it('sends an order due today to its contact as a card with Set up now', async () => {
    const contact = await app.person('today@partner.example');
    const created = await app.callApi('POST', '/orders', orderFor('E2E-TODAY', contact.email, today()));
    expect(created.status).toBe(201);
    const [message] = await contact.waitForMessages(1, 10 * INTERVAL_MS + 5_000);
    expect(message !== undefined && setUpNowButton(message, 'E2E-TODAY')).toBeTruthy();
    await waitFor('the order to be invited', async () => {
      const order = await app.callApi('GET', '/orders/E2E-TODAY');
      return z.object({ status: z.literal('invited') }).safeParse(order.body).success ? true : undefined;
    });
  });

  it('does not invite for a future start date, then invites when that day comes', async () => {
    const contact = await app.person('future@partner.example');
    await app.callApi('POST', '/orders', orderFor('E2E-FUTURE', contact.email, addDays(today(), 1)));
    await app.runSchedulerOnce();
    await app.runSchedulerOnce();
    expect(await contact.messagesFromBot()).toEqual([]);
    clock.advance(DAY_MS);
    const started = Date.now();
    const [message] = await contact.waitForMessages(1, 10_000);
    expect(message !== undefined && setUpNowButton(message, 'E2E-FUTURE')).toBeTruthy();
    // Within a couple of scheduler intervals, plus the send itself.
    expect(Date.now() - started).toBeLessThan(3 * INTERVAL_MS + 2_000);
  });

  it('re-invites a new contact after a contact change', async () => {
    const first = await app.person('first@partner.example');
    const second = await app.person('second@partner.example');
    await app.callApi('POST', '/orders', orderFor('E2E-SWAP', first.email, today()));
    await first.waitForMessages(1);
    const changed = await app.callApi('PATCH', '/orders/E2E-SWAP', {
      provisioningContactEmail: second.email,
    });
    expect(changed.status).toBe(200);
    const [message] = await second.waitForMessages(1);
    expect(message !== undefined && setUpNowButton(message, 'E2E-SWAP')).toBeTruthy();
    expect(await first.messagesFromBot()).toHaveLength(1);
  });
});

describe('two app instances on one database', () => {
  const clock = createTestClock(new Date().toISOString());
  const ORDERS = 30;
  const database = useTestDatabase({ label: 'e2e_two' });
  const options = { database, now: clock.now, env: { SCHEDULER_INTERVAL_MS: String(INTERVAL_MS) } };
  // The contacts exist before B starts, so B's emulator loads them from the shared database.
  const a = useTestApp({
    ...options,
    people: Array.from({ length: ORDERS }, (_, i) => `twin${i}@partner.example`),
  });
  const b = useTestApp(options);

  it('sends exactly one invitation per order', async () => {
    const start = addDays(localDateOf(clock.now(), ZONE), 1);
    for (let i = 0; i < ORDERS; i += 1) {
      const app = i % 2 === 0 ? a : b;
      const created = await app.callApi(
        'POST',
        '/orders',
        orderFor(`TWIN-${i}`, `twin${i}@partner.example`, start),
      );
      expect(created.status).toBe(201);
    }
    clock.advance(DAY_MS);
    // Each instance sends through its own emulator; together they must hold one card per contact.
    const countFor = async (i: number) => {
      const email = `twin${i}@partner.example`;
      const [inA, inB] = await Promise.all([
        (await a.person(email)).messagesFromBot(),
        (await b.person(email)).messagesFromBot(),
      ]);
      return inA.length + inB.length;
    };
    await waitFor(
      'every order to be invited',
      async () => {
        const page = await a.callApi('GET', '/orders?status=invited&limit=200');
        const items = z.object({ items: z.array(z.object({ orderId: z.string() })) }).parse(page.body).items;
        return items.filter((o) => o.orderId.startsWith('TWIN-')).length === ORDERS ? true : undefined;
      },
      30_000,
    );
    const counts = await Promise.all(Array.from({ length: ORDERS }, (_, i) => countFor(i)));
    expect(counts).toEqual(Array.from({ length: ORDERS }, () => 1));
  });
});
