import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/directory/demo-directory.seed.js';
import {
  cardWords,
  getOrder,
  mustLoadSetup,
  startSetup,
  uniqueSuffix,
  waitForOrder,
  walkTo,
} from '../conversation/conversation-fixture.js';
import { driveSetup, stepOf, submitActions } from '../support/setup-client.js';
import { type TestPerson, type WebexMessage, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * The ways out of "needs attention", on the whole bot in local mode (the in-process emulator, the
 * real framework over HTTP, the real driver): `resolve` (typed, and the buttons of the status and
 * alert cards), `reassign` of a waiting setup, and `cancel` with a reason.
 */

const ADMIN = 'ops.resolver@admins.example';
const app = useTestApp({ admins: [ADMIN] });

let adminPerson: TestPerson;
beforeAll(async () => {
  adminPerson = await app.person(ADMIN);
});

/**
 * The administrator's side. Alerts arrive 1:1 too (there is no administrators' space here), in
 * between answers, so an answer is the first message after the question that says `expected`.
 */
async function answerSaying(seen: number, what: string, expected: string): Promise<WebexMessage> {
  return waitFor(`answer to "${what}" saying "${expected}"`, async () =>
    (await adminPerson.messagesFromBot()).slice(seen).find((m) => (m.text ?? '').includes(expected)),
  );
}
const admin = {
  async ask(text: string, expected: string): Promise<WebexMessage> {
    const seen = (await adminPerson.messagesFromBot()).length;
    await adminPerson.say(text);
    return answerSaying(seen, text, expected);
  },
  async click(message: WebexMessage, name: string, expected: string): Promise<WebexMessage> {
    const data = submitActions(message.attachments?.[0]?.content).find((a) => a.data?.admin === name)?.data;
    if (data === undefined) throw new Error(`no ${name} button on "${message.text?.slice(0, 60)}"`);
    const seen = (await adminPerson.messagesFromBot()).length;
    await adminPerson.submit(message.id, data);
    return answerSaying(seen, name, expected);
  },
};

/** A setup stopped at its partner organization step: the partner said the organization is wrong. */
async function stuckAtPartnerOrg(orderId: string, email: string) {
  const started = await startSetup(app, email, orderId);
  const partnerCard = await walkTo(started.client, started.role, 'partnerOrg');
  await started.client.click(partnerCard, { action: 'next', choice: 'notCorrect' });
  const refusal = await started.client.next();
  expect(refusal.text).toContain('Please contact your Cisco representative');
  await waitForOrder(app, orderId, 'needs attention', (order) => order.status === 'needs_attention');
  return started;
}

/** The alert about `orderId` of a given title, among what the administrator received. */
async function alertAbout(orderId: string, title: string) {
  return waitFor(`alert "${title}" for ${orderId}`, async () => {
    const messages = await adminPerson.messagesFromBot();
    return messages.find((m) => (m.text ?? '').includes(orderId) && (m.text ?? '').startsWith(title));
  });
}

describe('resolving an order that needs attention', () => {
  it('returns the setup to the step that raised the attention, tells the owner, and records who did it', async () => {
    const x = uniqueSuffix();
    const orderId = `RES-PARTNER-${x}`;
    const { client, person } = await stuckAtPartnerOrg(orderId, `stuck.${x}@partner.example`);

    // Before: the contact hears the same refusal, and a reminder is refused with the way out.
    const seen = (await person.messagesFromBot()).length;
    await person.say('resume');
    expect((await person.waitForMessages(seen + 1))[seen]?.text ?? '').toContain('Cisco representative');
    await client.next();
    const remind = await admin.ask(`remind ${orderId}`, 'No reminder sent');
    expect(remind.text).toContain('the partner said the partner organization details are wrong');
    expect(remind.text).toContain(`resolve ${orderId}`);

    // The alert says why in words and carries Resolve.
    const alert = await alertAbout(orderId, 'Order needs attention');
    expect(alert.text).toContain('Why: the partner said the partner organization details are wrong');
    expect(alert.text).not.toContain('partner_org_incorrect');

    // Resolve from the status card.
    const status = await admin.ask(`status ${orderId}`, `Order ${orderId}`);
    const answer = await admin.click(status, 'resolve', 'Order resolved');
    expect(answer.text).toContain(`stuck.${x}@partner.example has the step "Partner organization" again`);

    const resolved = await client.next();
    expect(resolved.text).toContain('The issue was resolved');
    const step = await client.nextStep('partnerOrg');
    const order = await waitForOrder(app, orderId, 'in progress', (o) => o.status === 'in_progress');
    expect(order.statusReason).toBeNull();
    const entry = order.history.find((e) => e.action === 'attention_resolved');
    expect(entry).toMatchObject({ by: ADMIN, details: { reason: 'partner_org_incorrect' } });
    expect((await mustLoadSetup(app, orderId)).status).toBe('active');

    // The history on the status card reads as sentences; the setup goes on from there.
    const after = await admin.ask(`status ${orderId}`, 'Recent history');
    expect(after.text).toContain('Resolved (the partner said the partner organization details are wrong)');
    expect(after.text).toContain(`by ${ADMIN}`);
    await client.click(step, { action: 'next', choice: 'correct' });
    expect(stepOf(await client.next())).toBe('customerAdmin');
  });

  it('resolves from the alert card, and a wrong customer organization is chosen again with the answers kept', async () => {
    const x = uniqueSuffix();
    const orderId = `RES-CUSTOMER-${x}`;
    const { client, role } = await startSetup(app, `cust.${x}@partner.example`, orderId);
    const orgCard = await walkTo(client, role, 'customerOrg', {
      customerAdminEmail: `it.${x}@kupac.example`,
      companyName: `Kupac ${x}`,
    });
    // The administrator's address already has an organization: the existing one is shown to confirm.
    const existing = await app.callApi('POST', '/customer-orgs', {
      name: `Kupac old ${x}`,
      adminEmail: `it.${x}@kupac.example`,
      countryCode: 'HR',
      // Managed by the contact's partner: only its partner sees it.
      partnerOrgId: DEMO_ORG_IDS.northwind,
    });
    expect(existing.status).toBe(201);
    await client.click(orgCard, { action: 'next' }, { orgChoice: 'existing' });
    const confirm = await client.next();
    await client.click(confirm, { action: 'next', choice: 'notCorrect' });
    expect((await client.next()).text).toContain('customer organization details are not correct');
    await waitForOrder(app, orderId, 'needs attention', (o) => o.statusReason === 'customer_org_incorrect');

    const alert = await alertAbout(orderId, 'Order needs attention');
    const answer = await admin.click(alert, 'resolve', 'Order resolved');
    expect(answer.text).toContain(`Order ${orderId} is in progress again`);
    expect((await client.next()).text).toContain('The issue was resolved');
    const again = await client.nextStep('customerOrg');
    expect(cardWords(again)).toContain('Step 6 of 7');
    const stored = await mustLoadSetup(app, orderId);
    expect(stored.snapshotJson).toContain(`Kupac ${x}`);
    // Resolving twice changes nothing more.
    expect((await admin.ask(`resolve ${orderId}`, 'Not resolved')).text).toContain(
      'there is nothing to resolve',
    );
  });

  it('reassigns a waiting setup: the new owner gets the step again and the order is in progress', async () => {
    const x = uniqueSuffix();
    const orderId = `RES-MOVE-${x}`;
    await stuckAtPartnerOrg(orderId, `first.${x}@partner.example`);
    const colleague = await driveSetup(await app.person(`second.${x}@partner.example`));
    const answer = await admin.ask(`reassign ${orderId} second.${x}@partner.example`, 'Setup reassigned');
    expect(answer.text).toContain(`to second.${x}@partner.example`);
    expect(await colleague.nextStep('partnerOrg')).toBeDefined();
    const order = await waitForOrder(
      app,
      orderId,
      'moved',
      (o) => o.status === 'in_progress' && o.setup?.ownerEmail === `second.${x}@partner.example`,
    );
    expect(order.history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['attention_resolved', 'owner_reassigned']),
    );
  });

  it('cancels an order with a reason, only for administrators, and a bare "cancel" mid-setup stays the setup\'s', async () => {
    const x = uniqueSuffix();
    const orderId = `RES-CANCEL-${x}`;
    const { person, client } = await stuckAtPartnerOrg(orderId, `cancel.${x}@partner.example`);
    expect((await admin.ask(`cancel ${orderId}`, 'Try it this way')).text).toContain(
      'cancel <order id> <reason>',
    );
    expect((await getOrder(app, orderId)).status).toBe('needs_attention');

    const seen = (await person.messagesFromBot()).length;
    await person.say(`cancel ${orderId} not wanted`);
    expect((await person.waitForMessages(seen + 1))[seen]?.text).toContain('Only administrators');
    await person.say('cancel');
    expect((await person.waitForMessages(seen + 2))[seen + 1]?.text).not.toContain('Only administrators');
    await client.next();
    await client.next();

    const answer = await admin.ask(`cancel ${orderId} duplicate of another order`, 'Order cancelled');
    expect(answer.text).toContain(`Order ${orderId} is cancelled: duplicate of another order`);
    const order = await getOrder(app, orderId);
    expect(order).toMatchObject({ status: 'cancelled', statusReason: 'duplicate of another order' });
    const status = await admin.ask(`status ${orderId}`, 'Recent history');
    expect(status.text).toContain('Order cancelled: duplicate of another order');
    expect((await admin.ask(`cancel ${orderId} again`, 'Not cancelled')).text).toContain(
      'was already cancelled',
    );
  });
});
