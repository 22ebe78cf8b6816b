import { describe, expect, it } from 'vitest';
import { driveSetup, findAction } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { startSetup, walkTo } from './setup-walk.js';

describe('what people type', () => {
  const app = useTestApp();

  it.each([
    ['help', 'What I can do'],
    ['resume', 'No setup in progress'],
    ['good morning', 'I did not understand that'],
  ])('answers "%s" without a setup', async (typed, answer) => {
    const person = await app.person(`nobody.${uniqueSuffix()}@partner.example`);
    const client = await driveSetup(person);
    await person.say(typed);
    expect((await client.next()).text).toContain(answer);
  });

  it('repeats why a setup waits for the Cisco representative instead of saying there is none', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-WAITING-${x}`;
    const { person, client, role } = await startSetup(app, `waiting.${x}@partner.example`, orderId);
    const partner = await walkTo(client, role, 'partnerOrg');
    await client.click(partner, { action: 'next', choice: 'notCorrect' });
    await client.next();
    await person.say('resume');
    expect((await client.next()).text).toContain('partner organization details are not correct');
  });

  it('a cancelled order: nothing to resume, and its cards change nothing', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-CANCELLED-${x}`;
    const { person, client, role } = await startSetup(app, `cancelled.${x}@partner.example`, orderId);
    const who = await walkTo(client, role, 'whoSetsUp');
    const cancelled = await app.callApi('PATCH', `/orders/${orderId}`, {
      status: 'cancelled',
      reason: 'test',
    });
    expect(cancelled.status).toBe(200);
    const before = await mustLoadSetup(app, orderId);

    await person.say('resume');
    expect((await client.next()).text).toContain('No setup in progress');
    await client.click(who, { action: 'next', choice: 'me' });
    expect((await client.next()).text).toContain('This order is closed');
    expect((await mustLoadSetup(app, orderId)).rev).toBe(before.rev);
  });

  it('a new provisioning contact mid-setup takes it over with the answers kept', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NEWCONTACT-${x}`;
    const { client, role } = await startSetup(app, `old.${x}@partner.example`, orderId);
    const company = await walkTo(client, role, 'company', { customerAdminEmail: `kept.${x}@kupac.example` });
    const successor = await app.person(`new.${x}@partner.example`);
    const successorClient = await driveSetup(successor);

    const changed = await app.callApi('PATCH', `/orders/${orderId}`, {
      provisioningContactEmail: successor.email,
    });
    expect(changed.status).toBe(200);
    const step = await successorClient.nextStep('company');
    expect(findAction(step, { action: 'next' }).rev).toBe((await mustLoadSetup(app, orderId)).rev);
    await waitForOrder(
      app,
      orderId,
      'owned by the new contact',
      (o) => o.setup?.ownerEmail === successor.email,
    );

    await client.click(company, { action: 'next' }, { companyName: 'Too Late', countryCode: 'HR' });
    const refused = await client.next();
    expect(refused.text).toContain(`${successor.email} is setting up this order now`);
  });
});
