import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, localDateOf } from '../../src/orders/start-date.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * Orders created late, through the whole app in local mode. The scheduler runs only once an hour
 * here, so an invitation that arrives within seconds came from the creation itself.
 */

const ZONE = 'Europe/Zagreb';
const problemSchema = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});

describe('orders created after their start date', () => {
  const app = useTestApp({ env: { SCHEDULER_INTERVAL_MS: '3600000' } });
  const daysAgo = (days: number) => addDays(localDateOf(new Date(), ZONE), -days);
  const order = (orderId: string, email: string, requestedStartDate: string, offer: 'a-flex' | 'other') => ({
    orderId,
    requestedStartDate,
    provisioningContactEmail: email,
    customerName: 'Acme d.o.o.',
    offer,
    timeZone: ZONE,
  });

  it('invites at once when the start date has passed but the window is open', async () => {
    const contact = await app.person('late.open@partner.example');
    const started = Date.now();
    const created = await app.callApi(
      'POST',
      '/orders',
      order('LATE-OPEN', contact.email, daysAgo(6), 'a-flex'),
    );
    expect(created.status).toBe(201);
    const [invitation] = await contact.waitForMessages(1, 15_000);
    expect(invitation?.text).toContain('LATE-OPEN');
    await waitFor('the order to be invited', async () => {
      const got = await app.callApi('GET', '/orders/LATE-OPEN');
      return z.object({ status: z.literal('invited') }).safeParse(got.body).success ? true : undefined;
    });
    // Far sooner than the next scheduler round, an hour away.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.each([
    ['an A-Flex order 7 days after its start date', 'a-flex' as const, 7, 'an A-Flex order'],
    ['another offer 30 days after its start date', 'other' as const, 30, 'an order other than A-Flex'],
  ])('refuses %s with 422, stores nothing and invites no one', async (_what, offer, days, wording) => {
    const email = `late.closed.${offer}@partner.example`;
    const contact = await app.person(email);
    const orderId = `LATE-CLOSED-${days}`;
    const start = daysAgo(days);
    const refused = await app.callApi('POST', '/orders', order(orderId, email, start, offer));
    expect(refused.status).toBe(422);
    const problem = problemSchema.parse(refused.body);
    const closedOn = addDays(start, days);
    expect(problem.error).toBe(
      `Order ${orderId} can no longer be set up: its setup window closed on ${closedOn}. It was not stored.`,
    );
    expect(problem.issues).toHaveLength(1);
    expect(problem.issues[0]?.path).toBe('requestedStartDate');
    expect(problem.issues[0]?.message).toContain(
      `${wording} can be set up for ${days} days from its start date, so this order's setup window closed at 00:00 on ${closedOn} (${ZONE})`,
    );
    expect((await app.callApi('GET', `/orders/${orderId}`)).status).toBe(404);
    // One day later it is still open: accepted, and invited at once like any late order.
    const accepted = await app.callApi('POST', '/orders', order(orderId, email, addDays(start, 1), offer));
    expect(accepted.status).toBe(201);
    const messages = await contact.waitForMessages(1, 15_000);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(orderId);
  });
});
