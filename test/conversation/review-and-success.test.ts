import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_ORG_IDS } from '../../src/directory/demo-directory.seed.js';
import { cardOf, stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

const GUIDE = 'https://guide.example.com/wxcc/getting-started';
const SECRET = 'provisioning-secret-for-tests-0123';

/** A provisioning endpoint that keeps the raw body of every POST. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = z.custom<AddressInfo>((a) => typeof a === 'object' && a !== null).parse(server.address());
  return {
    url: `http://127.0.0.1:${port}/hooks/wxcc-order`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const openUrlSchema = z.object({ type: z.literal('Action.OpenUrl'), title: z.string(), url: z.string() });
const cardActionsSchema = z.looseObject({ actions: z.array(z.looseObject({ type: z.string() })).optional() });

/** The Action.OpenUrl buttons of a message's card. */
function openUrls(message: Parameters<typeof cardOf>[0]) {
  const actions = cardActionsSchema.parse(cardOf(message) ?? {}).actions ?? [];
  return actions.flatMap((action) => {
    const parsed = openUrlSchema.safeParse(action);
    return parsed.success ? [parsed.data] : [];
  });
}

describe('what the review and the success card say', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });
  const app = useTestApp({
    env: () => ({
      PROVISIONING_WEBHOOK_URL: receiver.url,
      PROVISIONING_WEBHOOK_SECRET: SECRET,
      GETTING_STARTED_URL: GUIDE,
    }),
  });

  it('words an order without names naturally and shows the names the setup collected on the review', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NONAME-${x}`;
    const noNames = { partnerName: undefined, customerName: undefined };
    const { client, role, invitation } = await startSetup(
      app,
      `noname.${x}@partner.example`,
      orderId,
      noNames,
    );
    const words = [cardWords(invitation), cardWords(role)].join('\n');
    expect(words).not.toMatch(/no name|\(/);
    expect(cardWords(invitation)).not.toMatch(/^(Partner|Customer):/m);
    expect(cardWords(role)).toContain(`Let's set up order ${orderId}. Are you the partner or the customer?`);

    const review = await walkTo(client, role, 'review', { companyName: `Bez Imena ${x} d.o.o.` });
    const reviewWords = cardWords(review);
    // The partner organization found at its step, and the company from the company step.
    expect(reviewWords).toContain('Partner organization: Northwind Collaboration Partners');
    expect(reviewWords).toContain(`Company name: Bez Imena ${x} d.o.o.`);
    expect(reviewWords).not.toContain('not given yet');

    await client.click(review, { action: 'next', choice: 'confirm' });
    const success = await client.next();
    expect(success.text).toContain(`Order ${orderId} for Bez Imena ${x} d.o.o. is set up.`);
  });

  it('words a Croatian order without names naturally too', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-BEZIMENA-${x}`;
    const extra = { partnerName: undefined, customerName: undefined, locale: 'hr' };
    const { role, invitation } = await startSetup(app, `bezimena.${x}@partner.example`, orderId, extra);
    expect(cardWords(role)).toContain(`Postavimo narudžbu ${orderId}. Jeste li partner ili kupac?`);
    expect([cardWords(invitation), cardWords(role)].join('\n')).not.toMatch(/naziv nije|\(/);
  });

  it("keeps an existing organization's region on the cards and in the completion, and links the guide", async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-REGION-${x}`;
    const adminEmail = `admin.${x}@britco.example`;
    // An organization in the United Kingdom region; the order's country of operation is Croatia (EU).
    const created = await app.callApi('POST', '/customer-orgs', {
      name: `Brit Co ${x} Ltd`,
      adminEmail,
      countryCode: 'GB',
      // Managed by the contact's partner: only its partner sees it.
      partnerOrgId: DEMO_ORG_IDS.northwind,
    });
    expect(created.status).toBe(201);
    const orgId = z.object({ orgId: z.string(), region: z.literal('uk') }).parse(created.body).orgId;

    const { client, role } = await startSetup(app, `region.${x}@partner.example`, orderId);
    const org = await walkTo(client, role, 'customerOrg', {
      customerAdminEmail: adminEmail,
      countryCode: 'HR',
    });
    await client.click(org, { action: 'next' }, { orgChoice: 'existing' });
    const confirm = await client.next();
    expect(stepOf(confirm)).toBe('customerOrgConfirm');
    const kept = `Brit Co ${x} Ltd is an existing organization and keeps its data residency region, United Kingdom. The Contact Center data location defaults to the region of the country of operation, European Union; you can change it in the Contact Center tab of the setup wizard.`;
    expect(cardWords(confirm)).toContain('Data residency: United Kingdom');
    expect(cardWords(confirm)).toContain(kept);

    await client.click(confirm, { action: 'next', choice: 'correct' });
    const review = await client.nextStep('review');
    expect(cardWords(review)).toContain('Data residency: United Kingdom');
    expect(cardWords(review)).not.toContain('Data residency: European Union');
    expect(cardWords(review)).toContain(kept);

    await client.click(review, { action: 'next', choice: 'confirm' });
    const success = await client.next();
    const successWords = cardWords(success);
    expect(successWords).toContain('Data residency: United Kingdom');
    expect(successWords).toContain(kept);
    // Who does what next, and the guide one click away.
    expect(successWords).toContain(
      `1. The customer administrator, ${adminEmail}, receives a welcome email from Cisco`,
    );
    expect(successWords).toContain('2. You, as the partner, complete the services setup wizard');
    expect(openUrls(success)).toEqual([
      { type: 'Action.OpenUrl', title: 'Getting started with Webex Contact Center', url: GUIDE },
    ]);

    const order = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    const completed = order.history.find((entry) => entry.action === 'completed');
    expect(completed?.details).toMatchObject({
      customerOrgId: orgId,
      newCustomerOrg: false,
      countryCode: 'HR',
      region: 'uk',
      contactCenterRegion: 'eu',
    });
    const body = await waitFor('provisioning notification', async () =>
      receiver.bodies.find((raw) => raw.includes(orderId)),
    );
    expect(JSON.parse(body)).toMatchObject({
      orderId,
      customerOrgId: orgId,
      region: 'uk',
      contactCenterRegion: 'eu',
    });
    // The directory's organization keeps its region.
    const stored = await app.callApi('GET', `/customer-orgs/${encodeURIComponent(orgId)}`);
    expect(stored.body).toMatchObject({ orgId, region: 'uk' });
  });

  it('records the country region for a new organization, and tells a customer to use the administrator account', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NEWREGION-${x}`;
    const { client, role } = await startSetup(app, `customer.${x}@kupac.example`, orderId);
    await client.click(role, { action: 'next', choice: 'customer' });
    let card = await client.next();
    const adminEmail = `it.${x}@kupac.example`;
    const answers: Record<string, () => Promise<void>> = {
      whoSetsUp: () => client.click(card, { action: 'next', choice: 'me' }),
      customerAdmin: () => client.click(card, { action: 'next' }, { customerAdminEmail: adminEmail }),
      company: () =>
        client.click(card, { action: 'next' }, { companyName: `Kupac ${x} d.d.`, countryCode: 'DE' }),
      customerOrg: () => client.click(card, { action: 'next' }, { orgChoice: 'new' }),
      review: () => client.click(card, { action: 'next', choice: 'confirm' }),
    };
    for (;;) {
      const answer = answers[stepOf(card) ?? ''];
      if (answer === undefined) break;
      await answer();
      card = await client.next();
    }
    const words = cardWords(card);
    expect(words).toContain('Order setup complete');
    expect(words).toContain('Data residency: European Union');
    expect(words).toContain('with the customer administrator account');
    expect(words).not.toContain('keeps its data residency region');
    expect(openUrls(card).map((action) => action.url)).toEqual([GUIDE]);
    const order = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    const completed = order.history.find((entry) => entry.action === 'completed');
    expect(completed?.details).toMatchObject({
      newCustomerOrg: true,
      region: 'eu',
      contactCenterRegion: 'eu',
    });
  });
});
