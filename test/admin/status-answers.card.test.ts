import { describe, expect, it } from 'vitest';
import { renderOrderStatus } from '../../cards/admin/order-status.card.js';
import { byteLength, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import type { SetupAnswers } from '../../src/setups/setup-answers.js';
import { TEST_COUNTRIES } from '../cards/card-checks.js';
import { cardText, sdkIssues } from './support/card-sdk.js';
import { hour, orderAtStep } from './support/order-fixtures.js';

const NOW = new Date(hour(30));
const order = orderAtStep('ORD-ANS', 'customerOrg', 6);

const CREATE_AND_EXISTING: SetupAnswers = {
  role: 'partner',
  whoSetsUp: 'colleague',
  partnerOrg: { mode: 'create', name: 'Partner d.o.o.', adminEmail: 'admin@partner.example' },
  customerAdminEmail: 'it@kupac.example',
  company: 'Kupac d.d.',
  countryCode: 'HR',
  region: 'eu',
  customerOrg: { mode: 'existing', orgId: 'org-cust-9', name: 'Kupac d.d.' },
};

const render = (
  answers: SetupAnswers | null,
  locale: 'en' | 'hr' = 'en',
  audience: 'admin' | 'partner' = 'admin',
) => renderOrderStatus({ order, audience, now: NOW, answers }, locale);

describe('answers on the order status card', () => {
  it('lists every answer, in the order the steps ask them, on the card and in its text', () => {
    const { card, text } = render(CREATE_AND_EXISTING);
    const expected = [
      'Role: Partner',
      'Who sets up: a colleague of the contact',
      'Partner organization: to create: Partner d.o.o.',
      'Partner administrator: admin@partner.example',
      'Customer administrator: it@kupac.example',
      'Company: Kupac d.d.',
      'Country of operation: HR',
      'Data residency region: EU',
      'Customer organization: existing: Kupac d.d.',
    ];
    expect(text).toContain(`Answers so far:\n${expected.join('\n')}\n`);
    // Ids are in the details part, at the end.
    expect(text).toContain('Details:\nCustomer organization ID: org-cust-9');
    expect(text.indexOf('Details:')).toBeGreaterThan(text.indexOf('Recent history:'));
    const words = cardText(card);
    for (const line of expected) for (const part of line.split(': ')) expect(words).toContain(part);
    expect(sdkIssues(card)).toEqual([]);
  });

  it('leaves out questions not answered yet, and names an existing partner organization with its id', () => {
    const { text } = render({
      ...CREATE_AND_EXISTING,
      whoSetsUp: 'me',
      partnerOrg: { mode: 'existing', orgId: 'org-p-1', name: 'Northwind', adminEmail: 'p@partner.example' },
      company: null,
      countryCode: null,
      region: null,
      customerOrg: null,
    });
    expect(text).toContain('Partner organization: Northwind\n');
    expect(text).toContain('Partner organization ID: org-p-1');
    expect(text).toContain('Who sets up: the contact');
    expect(text).not.toContain('Company:');
    expect(text).not.toContain('Customer organization:');
  });

  it('says when nothing is answered yet, with or without a started setup', () => {
    const empty: SetupAnswers = {
      role: null,
      whoSetsUp: null,
      partnerOrg: null,
      customerAdminEmail: null,
      company: null,
      countryCode: null,
      region: null,
      customerOrg: null,
    };
    expect(render(empty).text).toContain('Answers so far:\nNo question answered yet.');
    expect(render(null).text).toContain('Answers so far:\nNo question answered yet.');
    expect(render(null, 'hr').text).toContain(
      'Dosadašnji odgovori:\nJoš nije odgovoreno ni na jedno pitanje.',
    );
  });

  it('speaks Croatian, to administrators and partners alike', () => {
    for (const audience of ['admin', 'partner'] as const) {
      const { card, text } = render(CREATE_AND_EXISTING, 'hr', audience);
      expect(text).toContain('Dosadašnji odgovori:');
      expect(text).toContain('Tko postavlja: kolega kontakta');
      expect(text).toContain('Partnerska organizacija: za kreiranje: Partner d.o.o.');
      expect(text).toContain('Organizacija korisnika: postojeća: Kupac d.d.\n');
      expect(text).toContain('ID organizacije korisnika: org-cust-9');
      expect(text).toContain('Regija pohrane podataka: EU');
      expect(sdkIssues(card)).toEqual([]);
    }
  });

  it('names countries and regions, says which customer name wins, and shortens Webex org ids to their UUID', () => {
    const uuid = '3f2b8c1e-9d4a-4b6e-8f7a-1c2d3e4f5a6b';
    const orgId = btoa(`ciscospark://us/ORGANIZATION/${uuid}`).replace(/=+$/, '');
    const answers: SetupAnswers = {
      ...CREATE_AND_EXISTING,
      company: 'Fabrikam',
      customerOrg: { mode: 'existing', orgId, name: 'Fabrikam' },
    };
    const { card, text } = renderOrderStatus(
      { order, audience: 'admin', now: NOW, answers, countries: TEST_COUNTRIES },
      'en',
    );
    expect(text).toContain('Country of operation: Croatia (HR)');
    expect(text).toContain('Data residency region: European Union');
    expect(text).toContain('Customer: Fabrikam\nCustomer name on the order: Customer Ltd');
    expect(text).toContain(`Customer organization ID: ${uuid}`);
    expect(text).not.toContain(orgId);
    expect(cardText(card)).not.toContain(orgId);
  });

  it('keeps the text within the Webex limit with long answers', () => {
    const long = 'y'.repeat(2_000);
    const { text } = render(
      {
        ...CREATE_AND_EXISTING,
        company: long,
        partnerOrg: { mode: 'create', name: long, adminEmail: 'a@b.example' },
      },
      'hr',
    );
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
  });
});
