import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localDateOf } from '../../src/orders/start-date.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

const ZONE = 'Europe/Zagreb';
const ADMIN = 'ops@example.com';
const orderShape = z.looseObject({
  status: z.string(),
  statusReason: z.string().nullable(),
  history: z.array(z.looseObject({ action: z.string() })),
});

const orderFor = (orderId: string, email: string) => ({
  orderId,
  requestedStartDate: localDateOf(new Date(), ZONE),
  provisioningContactEmail: email,
  customerName: 'Acme d.o.o.',
  timeZone: ZONE,
});

describe('an order whose contact has no Webex account (whole app in local mode)', () => {
  const app = useTestApp({
    env: { SCHEDULER_INTERVAL_MS: '200', ADMIN_EMAILS: ADMIN },
    people: [ADMIN],
  });

  const orderOf = async (orderId: string) =>
    orderShape.parse((await app.callApi('GET', `/orders/${orderId}`)).body);
  const sendsSoFar = () => app.emulator?.stats().requests.byRoute['POST /messages'] ?? 0;

  it('needs attention after one try, tells the administrators with the email, and a new contact re-invites', async () => {
    const admin = await app.person(ADMIN);
    const before = sendsSoFar();
    const created = await app.callApi('POST', '/orders', orderFor('NOWEBEX-1', 'ghost@partner.example'));
    expect(created.status).toBe(201);

    const order = await waitFor('the order to need attention', async () => {
      const current = await orderOf('NOWEBEX-1');
      return current.status === 'needs_attention' ? current : undefined;
    });
    expect(order.statusReason).toBe('contact_not_on_webex');
    expect(order.history.filter((entry) => entry.action === 'invitation_failed')).toHaveLength(1);

    const [alert] = await admin.waitForMessages(1);
    expect(alert?.text).toContain('NOWEBEX-1');
    expect(alert?.text).toContain('the contact has no Webex account');
    expect(alert?.text).toContain('ghost@partner.example');
    // Exactly one send for the invitation (the alert is the other), and nobody was created.
    expect(sendsSoFar() - before).toBe(2);
    for (let round = 0; round < 3; round += 1) await app.runSchedulerOnce();
    expect(sendsSoFar() - before).toBe(2);
    expect(await app.emulator?.stats().requests.byStatus['404']).toBe(1);

    const contact = await app.person('real@partner.example');
    const changed = await app.callApi('PATCH', '/orders/NOWEBEX-1', {
      provisioningContactEmail: contact.email,
    });
    expect(changed.status).toBe(200);
    const [invitation] = await contact.waitForMessages(1);
    expect(invitation?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    await waitFor('the order to be invited', async () =>
      (await orderOf('NOWEBEX-1')).status === 'invited' ? true : undefined,
    );
  });

  it('invites a contact of another organization and hears their click: no look-up by email is needed', async () => {
    const contact = await app.person('pat@customer.example', 'Pat', { orgId: 'customer.example' });
    expect(contact.email).toBe('pat@customer.example');
    await app.callApi('POST', '/orders', orderFor('OTHERORG-1', contact.email));
    const [invitation] = await contact.waitForMessages(1);
    const actions = z
      .object({ actions: z.array(z.looseObject({ data: z.record(z.string(), z.unknown()).optional() })) })
      .parse(invitation?.attachments?.[0]?.content);
    const start = actions.actions.find((action) => action.data?.action === 'start');
    expect(start?.data).toBeDefined();
    await contact.submit(invitation?.id ?? '', { ...start?.data });
    await contact.waitForMessages(2);
    await waitFor('the setup to start', async () =>
      (await orderOf('OTHERORG-1')).status === 'in_progress' ? true : undefined,
    );
  });
});
