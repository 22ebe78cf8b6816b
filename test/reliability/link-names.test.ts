import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { markdownToHtml } from '../../src/http/web-client/markdown.js';
import { cardWords, startSetup, uniqueSuffix, walkTo } from '../conversation/conversation-fixture.js';
import { type TestPerson, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * Names are plain text: link markup in any name field is refused with the field's error (API, card
 * in English and Croatian), and a name stored before that rule never becomes a link where it is
 * shown (the administrators' status card, read through the local client's markdown renderer).
 */

const ADMIN = 'ops.links@admins.example';
const app = useTestApp({ admins: [ADMIN] });
const PHISH = '**ACTION REQUIRED** [Re-verify your Webex admin login](https://evil.example/login)';
const today = () => new Date().toISOString().slice(0, 10);

let operator: TestPerson;
beforeAll(async () => {
  operator = await app.person(ADMIN);
});

const problemSchema = z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) });

describe('link markup in names', () => {
  it('is refused by the orders and directory APIs, naming the field, with nothing stored', async () => {
    const x = uniqueSuffix();
    for (const [field, name] of [
      ['customerName', PHISH],
      ['partnerName', '<https://evil.example/login>'],
      ['customerName', 'Re-verify your login at https://evil.example/login'],
    ] as const) {
      const refused = await app.callApi('POST', '/orders', {
        orderId: `LINK-${field}-${x}`,
        requestedStartDate: today(),
        provisioningContactEmail: `c.${x}@partner.example`,
        [field]: name,
      });
      expect(refused.status).toBe(400);
      expect(problemSchema.parse(refused.body).issues).toContainEqual({
        path: field,
        message: expect.stringContaining('must not contain link markup'),
      });
      expect((await app.callApi('GET', `/orders/LINK-${field}-${x}`)).status).toBe(404);
    }
    const org = await app.callApi('POST', '/partner-orgs', {
      name: PHISH,
      adminEmail: `a@links-${x}.example`,
      emailDomains: [`links-${x}.example`],
    });
    expect(org.status).toBe(400);
    expect(problemSchema.parse(org.body).issues.map((issue) => issue.path)).toContain('name');
    const customer = await app.callApi('POST', '/customer-orgs', {
      name: PHISH,
      adminEmail: `admin@customer-links-${x}.example`,
      countryCode: 'HR',
    });
    expect(customer.status).toBe(400);
    expect(problemSchema.parse(customer.body).issues).toContainEqual({
      path: 'name',
      message: expect.stringContaining('must not contain link markup'),
    });
  });

  it.each([
    ['en', 'Remove the link'],
    ['hr', 'Uklonite poveznicu'],
  ] as const)('is the company field’s error on the card (%s)', async (locale, error) => {
    const x = uniqueSuffix();
    const { client, role } = await startSetup(app, `links.${x}@partner.example`, `LINK-CARD-${x}`, {
      locale,
    });
    const company = await walkTo(client, role, 'company', { customerAdminEmail: `a.${x}@kupac.example` });
    await client.click(company, { action: 'next' }, { companyName: PHISH, countryCode: 'HR' });
    const again = await client.next();
    expect(cardWords(again)).toContain(error);
    expect(cardWords(again)).toContain('input companyName=');
  });

  it('never shows a stored name as a link', async () => {
    const x = uniqueSuffix();
    const orderId = `LINK-OLD-${x}`;
    const created = await app.callApi('POST', '/orders', {
      orderId,
      requestedStartDate: today(),
      provisioningContactEmail: `old.${x}@partner.example`,
      customerName: 'Old Name',
    });
    expect(created.status).toBe(201);
    // As an earlier version could have stored it.
    await app.storage.db
      .collection<{ _id: string }>('orders')
      .updateOne({ _id: orderId }, { $set: { customerName: PHISH, 'input.customerName': PHISH } });
    const seen = (await operator.messagesFromBot()).length;
    await operator.say(`status ${orderId}`);
    const answer = await waitFor('the status card', async () =>
      (await operator.messagesFromBot()).slice(seen).find((m) => (m.text ?? '').includes(orderId)),
    );
    const shown = `${cardWords(answer)}\n${answer.text ?? ''}`;
    expect(shown).toContain('Re-verify your Webex admin login');
    expect(markdownToHtml(shown)).not.toContain('<a ');
    expect(shown).not.toMatch(/\]\(/);
  });
});
