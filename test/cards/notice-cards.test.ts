import { describe, expect, it } from 'vitest';
import { byteLength, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import { type CardSpec, renderCardMessage } from '../../cards/card-messages.js';
import { buildSuccessModel } from '../../cards/notices/success.card.js';
import { buildStepCardModel } from '../../cards/step-card.model.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { describePosition } from '../../flows/order-setup.steps.js';
import { E, partnerAt, start, step, walk } from '../flows/order-setup.helpers.js';
import { elements, sdkProblems, shapeProblems, submitActions, TEST_COUNTRIES } from './card-checks.js';

const done = step(partnerAt('review'), E.confirm);
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
  ['success (partner)', { kind: 'success', model: buildSuccessModel(done.context, TEST_COUNTRIES) }],
  ['success (customer)', { kind: 'success', model: buildSuccessModel(customerDone.context, TEST_COUNTRIES) }],
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
    const partner = texts({ kind: 'success', model: buildSuccessModel(done.context, TEST_COUNTRIES) });
    const customer = texts({
      kind: 'success',
      model: buildSuccessModel(customerDone.context, TEST_COUNTRIES),
    });
    expect(partner).toContain('Getting started with Webex Contact Center');
    expect(partner).toContain(
      "before you hand contact-center administration tasks to the customer's administrators",
    );
    expect(partner).toContain('European Union');
    expect(customer).not.toContain('hand contact-center administration');
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
