import { describe, expect, it } from 'vitest';
import { driveSetup } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { waitForOrder } from './conversation-fixture.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('a whole setup through the emulator, as a Webex client', () => {
  const app = useTestApp();

  async function orderFor(orderId: string, email: string, extra: Record<string, unknown> = {}) {
    const created = await app.callApi('POST', '/orders', {
      orderId,
      requestedStartDate: today(),
      provisioningContactEmail: email,
      customerName: 'Novi Kupac',
      ...extra,
    });
    expect(created.status).toBe(201);
  }

  it('takes a partner with an existing partner organization from invitation to completed order', async () => {
    const pat = await app.person('pat@partner.example', 'Pat');
    const client = await driveSetup(pat);
    await orderFor('SUB-HAPPY-1', pat.email);

    const invitation = await client.next();
    expect(invitation.text).toContain('SUB-HAPPY-1');
    await client.click(invitation, { action: 'start' });

    const role = await client.nextStep('role');
    expect(role.text).toMatch(/1\D+7/);
    await client.click(role, { action: 'next', choice: 'partner' });
    const who = await client.nextStep('whoSetsUp');
    await client.click(who, { action: 'next', choice: 'me' });
    const partner = await client.nextStep('partnerOrg');
    await client.click(partner, { action: 'next', choice: 'correct' });
    const admin = await client.nextStep('customerAdmin');
    await client.click(admin, { action: 'next' }, { customerAdminEmail: 'it.admin@novikupac.example' });
    const company = await client.nextStep('company');
    await client.click(company, { action: 'next' }, { companyName: 'Novi Kupac d.o.o.', countryCode: 'HR' });
    const customerOrg = await client.nextStep('customerOrg');
    await client.click(customerOrg, { action: 'next' }, { orgChoice: 'new' });
    const review = await client.nextStep('review');
    expect(review.text).toContain('Novi Kupac d.o.o.');
    await client.click(review, { action: 'next', choice: 'confirm' });

    const success = await client.next();
    expect(success.text ?? '').toMatch(/Getting started with Webex Contact Center/i);
    const order = await waitForOrder(app, 'SUB-HAPPY-1', 'completed', (o) => o.status === 'completed');
    expect(order.history.map((entry) => entry.action)).toContain('completed');
  });
});
