import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findAction } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, storedContext, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

const partnerOrgsSchema = z.object({
  items: z.array(
    z.looseObject({
      orgId: z.string(),
      name: z.string(),
      adminEmail: z.string(),
      emailDomains: z.array(z.string()),
    }),
  ),
});
const customerOrgsSchema = z.object({
  items: z.array(
    z.looseObject({
      name: z.string(),
      adminEmail: z.string(),
      partnerOrgId: z.string().nullable().optional(),
    }),
  ),
});

describe('the partner organization step', () => {
  const app = useTestApp();

  it("creates the partner organization on a partner's first order", async () => {
    const x = uniqueSuffix();
    const domain = `first-${x}.example`;
    const orderId = `SUB-FIRST-${x}`;
    const { client, role } = await startSetup(app, `lead@${domain}`, orderId);
    const form = await walkTo(client, role, 'partnerOrg');
    expect(cardWords(form)).toContain('This is your first order');

    await client.click(
      form,
      { action: 'next' },
      {
        partnerAdminEmail: `admin@${domain}`,
        partnerCompanyName: `First ${x} Partners`,
      },
    );
    const admin = await client.nextStep('customerAdmin');
    const review = await walkTo(client, admin, 'review', { customerAdminEmail: `it@customer-${x}.example` });
    expect(cardWords(review)).toContain(`First ${x} Partners (new; administrator admin@${domain})`);
    await client.click(review, { action: 'next', choice: 'confirm' });
    const success = await client.next();
    expect(success.text).toContain('Order setup complete');

    const order = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    const completed = order.history.find((entry) => entry.action === 'completed');
    const partnerOrgId = z.string().parse(completed?.details?.partnerOrgId);

    const partners = partnerOrgsSchema.parse((await app.callApi('GET', '/partner-orgs?limit=200')).body);
    const created = partners.items.find((org) => org.orgId === partnerOrgId);
    expect(created).toMatchObject({ name: `First ${x} Partners`, adminEmail: `admin@${domain}` });
    expect(created?.emailDomains).toEqual([domain]);
    const customers = customerOrgsSchema.parse(
      (await app.callApi('GET', `/customer-orgs?partnerOrgId=${encodeURIComponent(partnerOrgId)}`)).body,
    );
    expect(customers.items.map((org) => org.adminEmail)).toEqual([`it@customer-${x}.example`]);
  });

  it('refuses a new partner administrator who already belongs to an organization, keeping the values', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-FIRSTBAD-${x}`;
    const { client, role } = await startSetup(app, `lead@first-${x}.example`, orderId);
    const form = await walkTo(client, role, 'partnerOrg');
    const before = await mustLoadSetup(app, orderId);

    await client.click(
      form,
      { action: 'next' },
      {
        partnerAdminEmail: 'someone@partner.example',
        partnerCompanyName: 'Taken Admin Ltd',
      },
    );
    const again = await client.next();
    expect(findAction(again, { action: 'next' })).toMatchObject({ step: 'partnerOrg', rev: before.rev });
    expect(cardWords(again)).toContain('already belongs to a Webex organization');
    expect(cardWords(again)).toContain('input partnerAdminEmail=someone@partner.example');
    expect(cardWords(again)).toContain('input partnerCompanyName=Taken Admin Ltd');
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, snapshot: after.snapshotJson }).toEqual({
      rev: before.rev,
      snapshot: before.snapshotJson,
    });
  });

  it('"Not correct" on an existing partner organization stops for the Cisco representative', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-WRONGPARTNER-${x}`;
    const { client, role } = await startSetup(app, `wrong.${x}@partner.example`, orderId);
    const card = await walkTo(client, role, 'partnerOrg');
    expect(cardWords(card)).toContain('Northwind Collaboration Partners');

    await client.click(card, { action: 'next', choice: 'notCorrect' });
    const attention = await client.next();
    expect(attention.text).toContain('Please contact your Cisco representative');
    expect(attention.text).toContain('partner organization details are not correct');

    const order = await waitForOrder(app, orderId, 'needs attention', (o) => o.status === 'needs_attention');
    expect(order.statusReason).toBe('partner_org_incorrect');
    const setup = await mustLoadSetup(app, orderId);
    expect(setup.status).toBe('needs_attention');
    expect(storedContext(setup).answers.role).toBe('partner');
  });
});
