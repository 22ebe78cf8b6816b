import { describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/directory/demo-directory.seed.js';
import { findAction, stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

describe('customer administrator, company and organization', () => {
  const app = useTestApp();

  /** Submits `inputs` on `card` and expects the same card back with `error`, and nothing saved. */
  async function expectRefused(
    started: Awaited<ReturnType<typeof startSetup>>,
    orderId: string,
    card: Awaited<ReturnType<typeof walkTo>>,
    inputs: Record<string, string>,
    error: string,
  ) {
    const before = await mustLoadSetup(app, orderId);
    await started.client.click(card, { action: 'next' }, inputs);
    const again = await started.client.next();
    expect(stepOf(again)).toBe(stepOf(card));
    expect(findAction(again, { action: 'next' }).rev).toBe(before.rev);
    expect(cardWords(again)).toContain(error);
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
    return again;
  }

  it("maps a trial order: only the trial's administrator email is accepted, then the trial's organization", async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-TRIAL-${x}`;
    const started = await startSetup(app, `trial.${x}@partner.example`, orderId, {
      trialOrgId: DEMO_ORG_IDS.fabrikam,
    });
    const admin = await walkTo(started.client, started.role, 'customerAdmin');
    expect(cardWords(admin)).toContain('This order maps to a Webex Contact Center trial');

    const again = await expectRefused(
      started,
      orderId,
      admin,
      { customerAdminEmail: `someone.${x}@fabrikam.example.com` },
      'enter the administrator email address that was used when the trial was created',
    );
    expect(cardWords(again)).toContain(`input customerAdminEmail=someone.${x}@fabrikam.example.com`);

    const org = await walkTo(started.client, again, 'customerOrg', {
      customerAdminEmail: 'CC.Admin@fabrikam.example.com ',
    });
    await started.client.click(org, { action: 'next' }, { orgChoice: 'existing' });
    const confirm = await started.client.next();
    expect(stepOf(confirm)).toBe('customerOrgConfirm');
    expect(cardWords(confirm)).toContain('Fabrikam Health GmbH');
    await started.client.click(confirm, { action: 'next', choice: 'correct' });
    const review = await started.client.nextStep('review');
    expect(cardWords(review)).toContain('Administrator: cc.admin@fabrikam.example.com');
    await started.client.click(review, { action: 'next', choice: 'confirm' });
    expect((await started.client.next()).text).toContain('Order setup complete');
    const order = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    const completed = order.history.find((entry) => entry.action === 'completed');
    expect(completed?.details).toMatchObject({ customerOrgId: DEMO_ORG_IDS.fabrikam, newCustomerOrg: false });
  });

  it('stops for the Cisco representative when the trial has expired', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-EXPIRED-${x}`;
    const started = await startSetup(app, `expired.${x}@partner.example`, orderId, {
      trialOrgId: DEMO_ORG_IDS.tailspin,
    });
    const org = await walkTo(started.client, started.role, 'customerOrg', {
      customerAdminEmail: 'admin@tailspin.example.com',
      countryCode: 'GB',
    });
    await started.client.click(org, { action: 'next' }, { orgChoice: 'existing' });
    const attention = await started.client.next();
    expect(attention.text).toContain('Please contact your Cisco representative');
    expect(attention.text).toContain('trial this order maps to has expired');
    const order = await waitForOrder(app, orderId, 'needs attention', (o) => o.status === 'needs_attention');
    expect(order.statusReason).toBe('trial_expired');
    expect((await mustLoadSetup(app, orderId)).status).toBe('needs_attention');

    // Set up now again repeats why the setup waits, and changes nothing.
    await started.client.click(started.invitation, { action: 'start' });
    expect((await started.client.next()).text).toContain('trial this order maps to has expired');
  });

  it('refuses an administrator who already belongs to another organization, with the reason', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-TAKEN-${x}`;
    const started = await startSetup(app, `taken.${x}@partner.example`, orderId);
    const admin = await walkTo(started.client, started.role, 'customerAdmin');
    const again = await expectRefused(
      started,
      orderId,
      admin,
      { customerAdminEmail: 'ana.horvat@integrator.example' },
      'already belongs to another Webex organization',
    );
    // Someone at the partner's own company is refused as the customer's administrator too.
    await expectRefused(
      started,
      orderId,
      again,
      { customerAdminEmail: `taken.${x}@partner.example` },
      'This is a partner address',
    );
  });

  it('refuses a new organization for an administrator who has one, and offers that organization', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-HASORG-${x}`;
    const started = await startSetup(app, `hasorg.${x}@partner.example`, orderId);
    const org = await walkTo(started.client, started.role, 'customerOrg', {
      customerAdminEmail: 'it.admin@contoso.example.com',
    });
    const again = await expectRefused(
      started,
      orderId,
      org,
      { orgChoice: 'new' },
      'already belongs to a Webex organization, so a new one cannot be created',
    );
    await started.client.click(again, { action: 'next' }, { orgChoice: 'existing' });
    const confirm = await started.client.next();
    expect(cardWords(confirm)).toContain('Contoso Retail d.o.o.');
  });

  it.each([
    [
      'a country that is not sold',
      { companyName: 'Forged Ltd', countryCode: 'KP' },
      'Choose a country from the list',
    ],
    ['an empty company name', { companyName: '   ', countryCode: 'HR' }, 'Please fill this in'],
    ['a company name too long', { companyName: 'x'.repeat(121), countryCode: 'HR' }, 'This is too long'],
  ])('refuses %s (a forged submit) on the company card', async (_what, inputs, error) => {
    const x = uniqueSuffix();
    const orderId = `SUB-COUNTRY-${x}`;
    const started = await startSetup(app, `country.${x}@partner.example`, orderId);
    const company = await walkTo(started.client, started.role, 'company');
    await expectRefused(started, orderId, company, inputs, error);
  });
});
