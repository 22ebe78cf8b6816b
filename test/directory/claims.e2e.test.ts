import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cardWords,
  startSetup,
  uniqueSuffix,
  waitForOrder,
  walkTo,
} from '../conversation/conversation-fixture.js';
import { submitActions } from '../support/setup-client.js';
import { type TestPerson, type WebexMessage, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * "Domains are earned, not typed", on the whole bot in local mode (the emulator, the real framework
 * over HTTP, the real driver): a setup claims only its owner's domain; the domain and the address of
 * an administrator it names wait for an operator (the alert's buttons, typed commands, the API).
 */

const ADMIN = 'ops.claims@admins.example';
const app = useTestApp({ admins: [ADMIN] });

let operator: TestPerson;
beforeAll(async () => {
  operator = await app.person(ADMIN);
});

const claimSchema = z.looseObject({
  claimId: z.string(),
  kind: z.enum(['domain', 'email']),
  value: z.string(),
  orgId: z.string(),
  status: z.string(),
});
const partnerSchema = z.looseObject({ emailDomains: z.array(z.string()), memberEmails: z.array(z.string()) });

async function pendingClaims() {
  const listed = await app.callApi('GET', '/claims?limit=200');
  expect(listed.status).toBe(200);
  return z.object({ items: z.array(claimSchema) }).parse(listed.body).items;
}

async function partnerOrg(orgId: string) {
  const read = await app.callApi('GET', `/partner-orgs/${orgId}`);
  expect(read.status).toBe(200);
  return partnerSchema.parse(read.body);
}

/** The operator's first message from the bot after `seen` that says `expected`. */
async function operatorMessage(seen: number, expected: string): Promise<WebexMessage> {
  return waitFor(`a message to the operator saying "${expected}"`, async () =>
    (await operator.messagesFromBot()).slice(seen).find((m) => (m.text ?? '').includes(expected)),
  );
}

/** A first order of `owner` that creates a partner organization naming `adminEmail`; its org id. */
async function createPartnerThroughSetup(owner: string, adminEmail: string, name: string) {
  const x = uniqueSuffix();
  const orderId = `CLAIM-${x}`;
  const { client, role } = await startSetup(app, owner, orderId);
  const form = await walkTo(client, role, 'partnerOrg');
  expect(cardWords(form)).toContain('This is your first order');
  await client.click(form, { action: 'next' }, { partnerAdminEmail: adminEmail, partnerCompanyName: name });
  const next = await client.nextStep('customerAdmin');
  const review = await walkTo(client, next, 'review', { customerAdminEmail: `it@cust-${x}.example` });
  await client.click(review, { action: 'next', choice: 'confirm' });
  expect((await client.next()).text).toContain('Order setup complete');
  const order = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
  const details = order.history.find((entry) => entry.action === 'completed')?.details;
  return { orderId, orgId: z.string().parse(details?.partnerOrgId) };
}

describe('who may claim a domain', () => {
  it('claims only the owner’s domain: a typed administrator’s domain belongs to nobody until approved', async () => {
    const x = uniqueSuffix();
    const victim = `victim-${x}.example`;
    const seen = (await operator.messagesFromBot()).length;
    const { orgId } = await createPartnerThroughSetup(
      `lead@attacker-${x}.example`,
      `it-admin@${victim}`,
      'Victim Partner Inc',
    );
    const created = await partnerOrg(orgId);
    expect(created.emailDomains).toEqual([`attacker-${x}.example`]);
    expect(created.memberEmails).toEqual([`lead@attacker-${x}.example`]);

    // The operators are asked, with the two buttons.
    const alert = await operatorMessage(seen, `the domain ${victim}`);
    expect(alert.text).toContain('Approval needed: an email domain');
    const decisions = submitActions(alert.attachments?.[0]?.content).map((a) => a.data?.decision);
    expect(decisions).toEqual(['approve', 'refuse']);
    const held = (await pendingClaims()).filter((claim) => claim.orgId === orgId);
    expect(held.map((claim) => `${claim.kind} ${claim.value}`).sort()).toEqual([
      `domain ${victim}`,
      `email it-admin@${victim}`,
    ]);

    // Meanwhile the domain is nobody's: its real company's contact creates their own organization.
    const buyer = await startSetup(app, `buyer@${victim}`, `CLAIM-VICTIM-${x}`);
    const theirs = await walkTo(buyer.client, buyer.role, 'partnerOrg');
    expect(cardWords(theirs)).toContain('This is your first order');
    expect(cardWords(theirs)).not.toContain('Victim Partner Inc');
    const real = await app.callApi('POST', '/partner-orgs', {
      name: 'Victim Real',
      adminEmail: `boss@${victim}`,
      emailDomains: [victim],
    });
    expect(real.status).toBe(201);

    // An approval now is refused: the domain has its owner.
    const domainClaim = held.find((claim) => claim.kind === 'domain');
    const approved = await app.callApi('POST', `/claims/${domainClaim?.claimId}/approve`);
    expect(approved.status).toBe(409);
    expect(JSON.stringify(approved.body)).toContain('already belongs to organization');
    expect((await partnerOrg(orgId)).emailDomains).toEqual([`attacker-${x}.example`]);
  });

  it('changes nothing when someone who is not an administrator submits the Approve button’s data', async () => {
    const x = uniqueSuffix();
    const corp = `forged-${x}.example`;
    const seen = (await operator.messagesFromBot()).length;
    const { orgId } = await createPartnerThroughSetup(`lead@own-${x}.example`, `admin@${corp}`, `Own ${x}`);
    const alert = await operatorMessage(seen, `domain ${corp}`);
    const approve = submitActions(alert.attachments?.[0]?.content).find(
      (a) => a.data?.decision === 'approve',
    );
    if (approve?.data === undefined) throw new Error('no Approve button');

    // The same inputs, forged on a card of the bot in the forger's own space.
    const forger = await app.person(`mallory@own-${x}.example`);
    await forger.say('help');
    const [help] = await forger.waitForMessages(1);
    if (help === undefined) throw new Error('no answer to help');
    await forger.submit(help.id, approve.data);
    const [, answer] = await forger.waitForMessages(2);
    expect(answer?.text ?? '').not.toContain('Approved');

    const claim = (await pendingClaims()).find((c) => c.kind === 'domain' && c.value === corp);
    expect(claim?.status).toBe('pending');
    expect((await partnerOrg(orgId)).emailDomains).toEqual([`own-${x}.example`]);
    expect(
      (await operator.messagesFromBot()).some((m) => (m.text ?? '').includes(`${corp} now belongs to`)),
    ).toBe(false);
  });

  it('ties an approved domain with the alert’s button, refuses an address typed, and decides through the API', async () => {
    const x = uniqueSuffix();
    const corp = `corp-${x}.example`;
    const seen = (await operator.messagesFromBot()).length;
    const { orgId } = await createPartnerThroughSetup(`lead@sub-${x}.example`, `admin@${corp}`, `Corp ${x}`);
    const alert = await operatorMessage(seen, `domain ${corp}`);
    const approve = submitActions(alert.attachments?.[0]?.content).find(
      (a) => a.data?.decision === 'approve',
    );
    if (approve?.data === undefined) throw new Error('no Approve button');
    const before = (await operator.messagesFromBot()).length;
    await operator.submit(alert.id, approve.data);
    expect((await operatorMessage(before, `${corp} now belongs to`)).text).toContain('Approved');
    expect((await partnerOrg(orgId)).emailDomains.sort()).toEqual([corp, `sub-${x}.example`].sort());

    const held = (await pendingClaims()).filter((claim) => claim.orgId === orgId);
    const address = held.find((claim) => claim.value === `admin@${corp}`);
    if (address === undefined) throw new Error('the administrator address is not held');
    const typed = (await operator.messagesFromBot()).length;
    await operator.say(`refuse ${address.claimId.toUpperCase()}`);
    expect((await operatorMessage(typed, 'stays with nobody')).text).toContain('Refused');
    const again = await app.callApi('POST', `/claims/${address.claimId}/approve`);
    expect(again.status).toBe(409);
    expect((await partnerOrg(orgId)).memberEmails).toEqual([`lead@sub-${x}.example`]);

    // The customer administrator the setup named is held too; the API approves it.
    const customer = (await pendingClaims()).find(
      (claim) => claim.kind === 'email' && claim.value.startsWith('it@cust-'),
    );
    if (customer === undefined) throw new Error('the customer administrator is not held');
    const done = await app.callApi('POST', `/claims/${customer.claimId}/approve`);
    expect(done.status).toBe(200);
    expect(claimSchema.parse(done.body).status).toBe('approved');
    const org = await app.callApi('GET', `/customer-orgs/${customer.orgId}`);
    expect(z.looseObject({ memberEmails: z.array(z.string()) }).parse(org.body).memberEmails).toEqual([
      customer.value,
    ]);
    expect((await app.callApi('POST', '/claims/CL-nothex!!!!/approve')).status).toBe(400);
    expect((await app.callApi('POST', '/claims/CL-0000000000/refuse')).status).toBe(404);
    const listed = await operator.messagesFromBot();
    await operator.say('claims');
    const list = await operatorMessage(listed.length, 'Waiting for approval');
    expect(list.text).not.toContain(customer.claimId);
  });
});

describe('who may see a customer organization, and whose address is whose', () => {
  async function twoPartners(x: string) {
    for (const p of ['pa', 'pb']) {
      const made = await app.callApi('POST', '/partner-orgs', {
        orgId: undefined,
        name: `Partner ${p} ${x}`,
        adminEmail: `admin@${p}-${x}.example`,
        emailDomains: [`${p}-${x}.example`],
      });
      expect(made.status).toBe(201);
    }
    const partners = z.object({ items: z.array(z.looseObject({ orgId: z.string(), name: z.string() })) });
    const all = partners.parse((await app.callApi('GET', '/partner-orgs?limit=200')).body).items;
    const idOf = (p: string) => all.find((org) => org.name === `Partner ${p} ${x}`)?.orgId ?? '';
    return { a: idOf('pa'), b: idOf('pb') };
  }

  it('shows another partner’s customer as an unknown address, and its own partner the details', async () => {
    const x = uniqueSuffix();
    const { a } = await twoPartners(x);
    const customer = await app.callApi('POST', '/customer-orgs', {
      name: `Secret Customer ${x}`,
      adminEmail: `boss@sc-${x}.example`,
      countryCode: 'HR',
      partnerOrgId: a,
    });
    expect(customer.status).toBe(201);
    const customerOrgId = z.looseObject({ orgId: z.string() }).parse(customer.body).orgId;

    const existingFor = async (owner: string, orderId: string, adminEmail: string) => {
      const { client, role } = await startSetup(app, owner, orderId);
      const card = await walkTo(client, role, 'customerOrg', { customerAdminEmail: adminEmail });
      await client.click(card, { action: 'next' }, { orgChoice: 'existing' });
      return cardWords(await client.next()).replaceAll(orderId, '<order>');
    };
    const other = await existingFor(`lead@pb-${x}.example`, `SEE-B-${x}`, `boss@sc-${x}.example`);
    const unknown = await existingFor(`lead2@pb-${x}.example`, `SEE-U-${x}`, `nobody@unknown-${x}.example`);
    expect(other).not.toContain(`Secret Customer ${x}`);
    expect(other).not.toContain(customerOrgId);
    expect(other).toContain('No existing Webex organization was found');
    expect(other).toBe(unknown);

    const own = await existingFor(`lead@pa-${x}.example`, `SEE-A-${x}`, `boss@sc-${x}.example`);
    expect(own).toContain(`Secret Customer ${x}`);

    // One that no partner manages is shown to no partner: knowing its administrator is not enough.
    const loose = await app.callApi('POST', '/customer-orgs', {
      name: `Loose Customer ${x}`,
      adminEmail: `boss@lc-${x}.example`,
      countryCode: 'HR',
    });
    expect(loose.status).toBe(201);
    const looseOrgId = z.looseObject({ orgId: z.string() }).parse(loose.body).orgId;
    const adopted = await existingFor(`lead3@pa-${x}.example`, `SEE-L-${x}`, `boss@lc-${x}.example`);
    expect(adopted).not.toContain(`Loose Customer ${x}`);
    expect(adopted).not.toContain(looseOrgId);
    expect(adopted).toBe(unknown);
  });

  it('adds no address to an existing organization a setup completes with', async () => {
    const x = uniqueSuffix();
    const { a } = await twoPartners(x);
    const made = await app.callApi('POST', '/customer-orgs', {
      name: `Kept Customer ${x}`,
      adminEmail: `boss@kc-${x}.example`,
      countryCode: 'HR',
      partnerOrgId: a,
    });
    expect(made.status).toBe(201);
    const customerOrgId = z.looseObject({ orgId: z.string() }).parse(made.body).orgId;
    const orderId = `KEEP-${x}`;
    const { client, role } = await startSetup(app, `lead@pa-${x}.example`, orderId);
    const card = await walkTo(client, role, 'customerOrg', { customerAdminEmail: `Boss@kc-${x}.example` });
    await client.click(card, { action: 'next' }, { orgChoice: 'existing' });
    const confirm = await client.nextStep('customerOrgConfirm');
    await client.click(confirm, { action: 'next', choice: 'correct' });
    const review = await client.nextStep('review');
    await client.click(review, { action: 'next', choice: 'confirm' });
    expect((await client.next()).text).toContain('Order setup complete');
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    const org = await app.callApi('GET', `/customer-orgs/${customerOrgId}`);
    expect(z.looseObject({ memberEmails: z.array(z.string()) }).parse(org.body).memberEmails).toEqual([
      `boss@kc-${x}.example`,
    ]);
    expect((await pendingClaims()).filter((claim) => claim.orgId === customerOrgId)).toEqual([]);
  });

  it('does not let a partner who names someone’s address as their customer’s administrator block it', async () => {
    const x = uniqueSuffix();
    await twoPartners(x);
    const address = `real@sq-${x}.example`;
    const complete = async (owner: string, orderId: string) => {
      const { client, role } = await startSetup(app, owner, orderId);
      const review = await walkTo(client, role, 'review', { customerAdminEmail: address, orgChoice: 'new' });
      await client.click(review, { action: 'next', choice: 'confirm' });
      expect((await client.next()).text).toContain('Order setup complete');
      return waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    };
    await complete(`lead@pb-${x}.example`, `SQ-B-${x}`);
    // The address is held for partner B's customer, not listed on it: its real partner goes on.
    const real = await complete(`lead@pa-${x}.example`, `SQ-A-${x}`);
    expect(real.status).toBe('completed');
  });
});
