import { describe, expect, it } from 'vitest';
import { byteLength, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import { type CardSpec, renderCardMessage } from '../../cards/card-messages.js';
import { buildSuccessModel } from '../../cards/notices/success.card.js';
import { buildStepCardModel } from '../../cards/step-card.model.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { describePosition } from '../../flows/order-setup.steps.js';
import { E, partnerAt, start, step, US_CUSTOMER_ORG, walk } from '../flows/order-setup.helpers.js';
import { elements, sdkProblems, shapeProblems, submitActions, TEST_COUNTRIES } from './card-checks.js';

const done = step(partnerAt('review'), E.confirm);
const GUIDE = 'https://help.example.com/wxcc-start';
/** Completed with an existing organization in the US region, for a company in Croatia (EU). */
const existingUsDone = walk(partnerAt('customerOrg'), [
  { type: 'SUBMIT_CUSTOMER_ORG', choice: 'existing', facts: { belongsTo: US_CUSTOMER_ORG, trial: null } },
  { type: 'CONFIRM_EXISTING_ORG' },
  E.confirm,
]);
const customerDone = walk(start(), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg, E.confirm]);

const SPECS: Array<[string, CardSpec]> = [
  [
    'invitation',
    {
      kind: 'invitation',
      model: {
        orderId: 'CCW-1001',
        partnerName: 'Partner d.o.o.',
        customerName: 'Kupac d.d.',
        requestedStartDate: '2026-12-01',
        deadline: '2026-12-31',
      },
    },
  ],
  [
    'stale (in progress)',
    { kind: 'stale', model: { orderId: 'CCW-1001', position: describePosition(partnerAt('company')) } },
  ],
  ['stale (ended)', { kind: 'stale', model: { orderId: 'CCW-1001', position: describePosition(done) } }],
  [
    'resume prompt',
    {
      kind: 'resumePrompt',
      model: { orderId: 'CCW-1001', rev: 4, view: 'company', step: 'company', n: 5, total: 7 },
    },
  ],
  [
    'restart confirmation',
    { kind: 'restartConfirm', model: { orderId: 'CCW-1001', rev: 4, view: 'company' } },
  ],
  ['saved and exited', { kind: 'savedAndExited', model: { orderId: 'CCW-1001', deadline: '2026-12-31' } }],
  [
    'hand-off notice',
    { kind: 'handoffNotice', model: { orderId: 'CCW-1001', toEmail: 'marko@partner.example' } },
  ],
  [
    'hand-off invitation',
    {
      kind: 'handoffInvite',
      model: {
        orderId: 'CCW-1001',
        fromEmail: 'ana@partner.example',
        partnerName: 'Partner d.o.o.',
        customerName: null,
        deadline: new Date('2026-12-31T23:30:00Z'),
        timeZone: 'Europe/Zagreb',
      },
    },
  ],
  ['needs attention', { kind: 'needsAttention', model: { orderId: 'CCW-1001', reason: 'trial_expired' } }],
  ['success (partner)', { kind: 'success', model: buildSuccessModel(done.context, TEST_COUNTRIES, GUIDE) }],
  [
    'success (customer)',
    { kind: 'success', model: buildSuccessModel(customerDone.context, TEST_COUNTRIES, GUIDE) },
  ],
  [
    'success (existing organization in another region)',
    { kind: 'success', model: buildSuccessModel(existingUsDone.context, TEST_COUNTRIES, GUIDE) },
  ],
  [
    'invitation (order without names)',
    {
      kind: 'invitation',
      model: {
        orderId: 'CCW-1001',
        partnerName: null,
        customerName: null,
        requestedStartDate: '2026-12-01',
        deadline: null,
      },
    },
  ],
  [
    'reminder (order without names)',
    {
      kind: 'reminder',
      model: { orderId: 'CCW-1001', customerName: null, deadline: null, progress: { n: 3, total: 6 } },
    },
  ],
  [
    'reminder (not started)',
    {
      kind: 'reminder',
      model: { orderId: 'CCW-1001', customerName: 'Kupac d.d.', deadline: '2026-12-31', progress: null },
    },
  ],
  [
    'reminder (in progress)',
    {
      kind: 'reminder',
      model: {
        orderId: 'CCW-1001',
        customerName: 'Kupac d.d.',
        deadline: null,
        progress: { n: 3, total: 6 },
      },
    },
  ],
  ['upgrade restart', { kind: 'upgradeRestart', model: { orderId: 'CCW-1001' } }],
  ['help', { kind: 'help', model: { isAdmin: false } }],
  ['help (administrator)', { kind: 'help', model: { isAdmin: true } }],
];
const LOCALES: Locale[] = ['en', 'hr'];
const CASES = SPECS.flatMap(([name, spec]) => LOCALES.map((locale) => [name, locale, spec] as const));

describe('notice cards', () => {
  it.each(CASES)('%s (%s) matches its snapshot', (_, locale, spec) => {
    expect(renderCardMessage(spec, locale)).toMatchSnapshot();
  });

  it.each(CASES)('%s (%s) passes the SDK and shape checks, text within the limit', (_, locale, spec) => {
    const { card, text } = renderCardMessage(spec, locale);
    expect(sdkProblems(card)).toEqual([]);
    expect(shapeProblems(card)).toEqual([]);
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(text.length).toBeGreaterThan(20);
  });

  it('the invitation shows the order and starts the setup', () => {
    const { card } = renderCardMessage(SPECS[0]?.[1] ?? { kind: 'help', model: { isAdmin: false } }, 'hr');
    const facts = elements(card).find((e) => e.type === 'FactSet')?.facts;
    expect(facts).toEqual([
      { title: 'Narudžba', value: 'CCW-1001' },
      { title: 'Partner', value: 'Partner d.o.o.' },
      { title: 'Kupac', value: 'Kupac d.d.' },
      { title: 'Traženi datum početka', value: '1. prosinca 2026.' },
      { title: 'Rok za dovršetak', value: '31. prosinca 2026.' },
    ]);
    expect(submitActions(card).map((a) => a.data)).toEqual([
      { orderId: 'CCW-1001', step: 'invite', rev: 0, action: 'start' },
    ]);
  });

  it('dates with a time are shown in the given time zone', () => {
    const spec = SPECS.find(([name]) => name === 'hand-off invitation')?.[1];
    if (spec === undefined) throw new Error('missing spec');
    expect(renderCardMessage(spec, 'en').text).toContain('Finish by: 1 January 2027');
  });

  it('the restart confirmation carries the current step and rev, so an old one is recognised', () => {
    const spec = SPECS.find(([name]) => name === 'restart confirmation')?.[1];
    if (spec === undefined) throw new Error('missing spec');
    const data = submitActions(renderCardMessage(spec, 'en').card).map((a) => a.data);
    expect(data).toEqual([
      { orderId: 'CCW-1001', step: 'company', rev: 4, action: 'restartConfirm' },
      { orderId: 'CCW-1001', step: 'company', rev: 4, action: 'restartCancel' },
    ]);
  });

  it('the success message lists the next steps; partners get the hand-over advice', () => {
    const texts = (spec: CardSpec) => renderCardMessage(spec, 'en').text;
    const partner = texts({ kind: 'success', model: buildSuccessModel(done.context, TEST_COUNTRIES, GUIDE) });
    const customer = texts({
      kind: 'success',
      model: buildSuccessModel(customerDone.context, TEST_COUNTRIES, GUIDE),
    });
    expect(partner).toContain('Getting started with Webex Contact Center');
    expect(partner).toContain(
      "before you hand contact-center administration tasks to the customer's administrators",
    );
    expect(partner).toContain('European Union');
    expect(customer).not.toContain('hand contact-center administration');
  });

  it('links the success message to the getting-started guide and says who does what next', () => {
    const { card, text } = renderCardMessage(
      { kind: 'success', model: buildSuccessModel(done.context, TEST_COUNTRIES, GUIDE) },
      'en',
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Getting started with Webex Contact Center', url: GUIDE },
    ]);
    expect(text).toContain(`Getting started with Webex Contact Center: ${GUIDE}`);
    expect(text).toContain('1. The customer administrator, it@kupac.example, receives a welcome email');
    expect(text).toContain('2. You, as the partner, complete the services setup wizard');
    const hr = renderCardMessage(
      { kind: 'success', model: buildSuccessModel(customerDone.context, TEST_COUNTRIES, GUIDE) },
      'hr',
    );
    expect(hr.card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Započnite s Webex kontakt centrom', url: GUIDE },
    ]);
    expect(hr.text).toContain('s računom administratora korisnika');
  });

  it('the success message of an existing organization shows its own region and the Contact Center default', () => {
    const { text } = renderCardMessage(
      { kind: 'success', model: buildSuccessModel(existingUsDone.context, TEST_COUNTRIES, GUIDE) },
      'en',
    );
    expect(text).toContain('Data residency: United States');
    expect(text).toContain(
      'Kupac Americas Inc. is an existing organization and keeps its data residency region, United States. The Contact Center data location defaults to the region of the country of operation, European Union',
    );
    expect(text).not.toContain('Data residency: European Union');
  });

  it('leaves out the names an order does not give, with no placeholder', () => {
    const spec = (name: string) => SPECS.find(([n]) => n === name)?.[1];
    for (const locale of LOCALES) {
      for (const name of [
        'invitation (order without names)',
        'reminder (order without names)',
        'hand-off invitation',
      ]) {
        const given = spec(name);
        const text = given === undefined ? '' : renderCardMessage(given, locale).text;
        expect(text).toContain('CCW-1001');
        expect(text).not.toMatch(/\(|Customer:|Kupac:/);
      }
    }
    const reminder = spec('reminder (order without names)');
    expect(reminder === undefined ? '' : renderCardMessage(reminder, 'en').text).toContain(
      'Order CCW-1001 is at step 3 of 6.',
    );
  });

  it('writes one period after a customer name that ends with one, in the hand-off invitation', () => {
    const spec: CardSpec = {
      kind: 'handoffInvite',
      model: {
        orderId: 'CCW-1001',
        fromEmail: 'ana@partner.example',
        partnerName: 'Partner d.o.o.',
        customerName: 'Contoso Retail d.o.o.',
        deadline: null,
      },
    };
    const said: Record<Locale, string> = {
      en: 'for Contoso Retail d.o.o. Click Continue setup',
      hr: 'za tvrtku Contoso Retail d.o.o. Kliknite Nastavi postavljanje',
    };
    for (const locale of LOCALES) {
      const { card, text } = renderCardMessage(spec, locale);
      const body = elements(card)
        .map((e) => e.text)
        .find((t) => typeof t === 'string' && t.includes('ana@partner.example'));
      for (const written of [String(body), text]) {
        expect(written, locale).toContain(said[locale]);
        expect(written, locale).not.toContain('..');
      }
    }
  });

  it('help lists administrator commands only to administrators', () => {
    const user = renderCardMessage({ kind: 'help', model: { isAdmin: false } }, 'en').text;
    const admin = renderCardMessage({ kind: 'help', model: { isAdmin: true } }, 'en').text;
    expect(user).not.toContain('funnel');
    expect(admin).toContain('funnel');
    expect(admin).toContain('resume');
  });

  it('the step spec renders through the same entry point', () => {
    const model = buildStepCardModel(start(), { rev: 0, countries: TEST_COUNTRIES });
    if (model === null) throw new Error('ended');
    expect(renderCardMessage({ kind: 'step', model }, 'en').text).toContain('Step 1 of 7');
  });
});
