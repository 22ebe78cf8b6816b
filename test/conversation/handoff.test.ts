import { describe, expect, it } from 'vitest';
import { driveSetup, stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import {
  mustLoadSetup,
  storedContext,
  uniqueSuffix,
  waitForOrder,
  waitForSettled,
} from './conversation-fixture.js';
import { cardWords, startSetup, takeMessages, walkTo } from './setup-walk.js';

describe('handing the setup to a colleague', () => {
  const app = useTestApp();

  it('passes the setup on; the colleague finishes it and the first contact can no longer change it', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-HANDOFF-${x}`;
    const first = await startSetup(app, `first.${x}@partner.example`, orderId);
    const colleague = await app.person(`colleague.${x}@partner.example`);
    const colleagueClient = await driveSetup(colleague);
    const who = await walkTo(first.client, first.role, 'whoSetsUp');

    await first.client.click(
      who,
      { action: 'next', choice: 'colleague' },
      { handoffEmail: colleague.email.toUpperCase() },
    );
    const [notice] = await takeMessages(first.client, 1);
    expect(notice?.text).toContain(`You handed the setup of order ${orderId} to ${colleague.email}`);
    // One card for the colleague: the invitation; its Continue setup shows the step.
    const invite = await colleagueClient.next();
    expect(invite.text).toContain('asked you to set up');
    expect(invite.text).toContain(first.person.email);
    expect(stepOf(invite)).toBe('notice');
    const handedOver = await waitForOrder(
      app,
      orderId,
      'owned by the colleague, at the partner organization step',
      // The order follows the cards: it records the new owner, then the step, after they are sent.
      (o) => o.setup?.ownerEmail === colleague.email && o.setup.step === 'partnerOrg',
    );
    expect(handedOver.setup).toMatchObject({ step: 'partnerOrg', stepNumber: 3, totalSteps: 7 });
    await waitForSettled(app, orderId);
    expect(await colleague.messagesFromBot()).toHaveLength(1);

    await colleagueClient.click(invite, { action: 'resume' });
    const resumed = await colleagueClient.next();
    expect(stepOf(resumed)).toBe('partnerOrg');
    expect(cardWords(resumed)).toContain('Northwind Collaboration Partners');

    await colleagueClient.click(resumed, { action: 'next', choice: 'correct' });
    const admin = await colleagueClient.nextStep('customerAdmin');
    const review = await walkTo(colleagueClient, admin, 'review', {
      customerAdminEmail: `admin.${x}@kupac.example`,
    });
    expect(cardWords(review)).toContain(`Set up by: ${colleague.email}`);
    await colleagueClient.click(review, { action: 'next', choice: 'confirm' });
    const success = await colleagueClient.next();
    expect(success.text).toContain('Order setup complete');
    // The provisioning contact is told too: the order was theirs.
    const [contactSuccess] = await takeMessages(first.client, 1);
    expect(contactSuccess?.text).toContain('Order setup complete');
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');

    // The first contact's old cards are refused and change nothing.
    const before = await mustLoadSetup(app, orderId);
    await first.client.click(who, { action: 'next', choice: 'me' });
    const refused = await first.client.next();
    expect(refused.text).toContain(`${colleague.email} is setting up this order now`);
    await first.client.click(first.invitation, { action: 'start' });
    const refusedAgain = await first.client.next();
    expect(refusedAgain.text).toContain(`${colleague.email} is setting up this order now`);
    const after = await mustLoadSetup(app, orderId);
    expect(after.rev).toBe(before.rev);
    expect(after.snapshotJson).toBe(before.snapshotJson);
  });

  it.each([
    [
      'an address on another domain',
      (x: string) => `someone.${x}@elsewhere.example`,
      'The person must be in your company',
    ],
    ['their own address', (x: string) => `own.${x}@partner.example`, 'This is your own address'],
  ])('refuses a hand-off to %s, on the same card with the value kept', async (_what, address, error) => {
    const x = uniqueSuffix();
    const orderId = `SUB-HANDOFFBAD-${x}`;
    const { client, role } = await startSetup(app, `own.${x}@partner.example`, orderId);
    const who = await walkTo(client, role, 'whoSetsUp');
    const before = await mustLoadSetup(app, orderId);

    await client.click(who, { action: 'next', choice: 'colleague' }, { handoffEmail: address(x) });
    const again = await client.next();
    expect(stepOf(again)).toBe('whoSetsUp');
    expect(cardWords(again)).toContain(error);
    expect(cardWords(again)).toContain(`input handoffEmail=${address(x)}`);
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
    expect(storedContext(after).ownerEmail).toBe(`own.${x}@partner.example`);

    // The corrected card still works.
    await client.click(again, { action: 'next', choice: 'me' });
    expect(stepOf(await client.next())).toBe('partnerOrg');
  });
});
