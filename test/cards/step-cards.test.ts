import { describe, expect, it } from 'vitest';
import { byteLength, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import { en } from '../../cards/i18n/en.js';
import { hr } from '../../cards/i18n/hr.js';
import { renderStepCard, renderStepText } from '../../cards/step.card.js';
import { buildStepCardModel, type StepCardModel } from '../../cards/step-card.model.js';
import type { FieldErrors } from '../../flows/order-setup.errors.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import {
  E,
  PARTNER_ORG,
  partnerAt,
  start,
  step,
  TRIAL,
  US_CUSTOMER_ORG,
  walk,
} from '../flows/order-setup.helpers.js';
import { elements, sdkProblems, shapeProblems, submitActions, TEST_COUNTRIES } from './card-checks.js';

function model(
  snapshot: OrderSetupSnapshot,
  errors: FieldErrors = {},
  values: Record<string, string> = {},
): StepCardModel {
  const built = buildStepCardModel(snapshot, { rev: 3, countries: TEST_COUNTRIES, errors, values });
  if (built === null) throw new Error('the conversation has ended');
  return built;
}

const confirming = () =>
  step(partnerAt('customerOrg', { trial: TRIAL }), {
    type: 'SUBMIT_CUSTOMER_ORG',
    choice: 'existing',
    facts: { belongsTo: null, trial: TRIAL },
  });

/** The confirmation of an existing organization in the US region, for a company in Croatia (EU). */
const confirmingUs = () =>
  step(partnerAt('customerOrg'), {
    type: 'SUBMIT_CUSTOMER_ORG',
    choice: 'existing',
    facts: { belongsTo: US_CUSTOMER_ORG, trial: null },
  });
const NO_NAMES = { partnerName: null, customerName: null };

const SCENARIOS: Array<[string, () => StepCardModel]> = [
  ['role', () => model(start())],
  ['role (order without names)', () => model(start(NO_NAMES))],
  ['whoSetsUp', () => model(partnerAt('whoSetsUp'))],
  [
    'whoSetsUp with an error',
    () =>
      model(
        partnerAt('whoSetsUp'),
        { handoffEmail: 'error.handoffOtherDomain' },
        { handoffEmail: 'marko@gmail.example' },
      ),
  ],
  ['partnerOrg review', () => model(partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }))],
  ['partnerOrg create', () => model(partnerAt('partnerOrg'))],
  ['customerAdmin with a trial', () => model(partnerAt('customerAdmin', { trial: TRIAL }))],
  ['company', () => model(partnerAt('company'))],
  [
    'company with errors',
    () =>
      model(
        partnerAt('company'),
        { companyName: 'error.required', countryCode: 'error.countryNotAllowed' },
        { companyName: ' ', countryCode: 'FR' },
      ),
  ],
  [
    'company edited (saved answer shown)',
    () => model(step(partnerAt('review'), { type: 'EDIT', section: 'company' })),
  ],
  ['customerOrg', () => model(partnerAt('customerOrg'))],
  ['customerOrgConfirm (trial)', () => model(confirming())],
  ['customerOrgConfirm (existing organization in another region)', () => model(confirmingUs())],
  ['review (partner)', () => model(partnerAt('review'))],
  ['review (order without names)', () => model(partnerAt('review', NO_NAMES))],
  [
    'review (existing organization in another region)',
    () => model(step(confirmingUs(), { type: 'CONFIRM_EXISTING_ORG' })),
  ],
  [
    'review (customer)',
    () => model(walk(start(), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg])),
  ],
];
const LOCALES: Locale[] = ['en', 'hr'];
const CASES = SCENARIOS.flatMap(([name, build]) => LOCALES.map((locale) => [name, locale, build] as const));

describe('step cards', () => {
  it.each(CASES)('%s (%s) matches its snapshot', (_, locale, build) => {
    const m = build();
    expect({ card: renderStepCard(m, locale), text: renderStepText(m, locale) }).toMatchSnapshot();
  });

  it.each(CASES)(
    '%s (%s) parses cleanly in the Adaptive Cards SDK and keeps to 1.3 and five buttons',
    (_, locale, build) => {
      const card = renderStepCard(build(), locale);
      expect(sdkProblems(card)).toEqual([]);
      expect(shapeProblems(card)).toEqual([]);
    },
  );

  it.each(CASES)('%s (%s) has a fallback text within the Webex limit', (_, locale, build) => {
    const text = renderStepText(build(), locale);
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(text).toContain(locale === 'en' ? 'Step' : 'Korak');
  });

  it.each(CASES)(
    '%s (%s) carries orderId, step and rev on every action, and offers Save and exit',
    (_, locale, build) => {
      const m = build();
      const actions = submitActions(renderStepCard(m, locale));
      for (const action of actions)
        expect(action.data).toMatchObject({ orderId: 'CCW-1001', step: m.view, rev: 3 });
      expect(
        actions.map((a) => a.data).filter((d) => JSON.stringify(d).includes('"saveAndExit"')),
      ).toHaveLength(1);
    },
  );

  it('shows "Step n of N" and one progress column per step, the current one highlighted', () => {
    const card = renderStepCard(model(partnerAt('company')), 'en');
    expect(elements(card).some((e) => e.text === 'Step 5 of 7')).toBe(true);
    const bar = card.body.find((e) => e.type === 'ColumnSet');
    const label = (c: { items: Array<{ type: string }> }) =>
      c.items[0] as unknown as { text: string; color: string };
    expect(bar?.type === 'ColumnSet' && bar.columns.map((c) => `${label(c).text} ${label(c).color}`)).toEqual(
      ['✓ good', '✓ good', '✓ good', '✓ good', '5 accent', '6 default', '7 default'],
    );
    // No container style: a styled column's padding left its number 4 px at phone width.
    expect(bar?.type === 'ColumnSet' && bar.columns.every((c) => c.style === undefined)).toBe(true);
  });

  it('a customer sees six steps', () => {
    const card = renderStepCard(model(walk(start(), [E.customer, E.myself])), 'hr');
    expect(elements(card).some((e) => e.text === 'Korak 3 od 6')).toBe(true);
  });

  it('puts each error right under its input, in attention colour, and keeps the typed value', () => {
    const card = renderStepCard(
      model(
        partnerAt('company'),
        { countryCode: 'error.countryNotAllowed' },
        { companyName: 'Kupac', countryCode: 'hr' },
      ),
      'en',
    );
    const all = elements(card);
    const country = all.findIndex((e) => e.id === 'countryCode');
    expect(all[country]).toMatchObject({ value: 'HR', label: 'Country of operation' });
    expect(all[country + 1]).toMatchObject({
      type: 'TextBlock',
      color: 'attention',
      text: 'Choose a country from the list.',
    });
    expect(all.find((e) => e.id === 'companyName')).toMatchObject({ value: 'Kupac' });
    expect(all.filter((e) => e.color === 'attention')).toHaveLength(1);
  });

  it('lists countries sorted by their localized name, each with its region', () => {
    const choices = (locale: Locale) => {
      const set = elements(renderStepCard(model(partnerAt('company')), locale)).find(
        (e) => e.id === 'countryCode',
      );
      return set?.choices;
    };
    expect(choices('en')).toEqual([
      { title: 'Chile · United States', value: 'CL' },
      { title: 'Croatia · European Union', value: 'HR' },
      { title: 'Cyprus · European Union', value: 'CY' },
      { title: 'Denmark · European Union', value: 'DK' },
    ]);
    expect(choices('hr')).toEqual([
      { title: 'Cipar · Europska unija', value: 'CY' },
      { title: 'Čile · Sjedinjene Američke Države', value: 'CL' },
      { title: 'Danska · Europska unija', value: 'DK' },
      { title: 'Hrvatska · Europska unija', value: 'HR' },
    ]);
  });

  it('shows the region a chosen country implies and that the Contact Center location can change later', () => {
    const texts = elements(
      renderStepCard(model(step(partnerAt('review'), { type: 'EDIT', section: 'company' })), 'en'),
    ).map((e) => e.text);
    expect(texts).toContain('Croatia: data is stored in the European Union region.');
    expect(texts.some((t) => typeof t === 'string' && t.includes('Contact Center tab'))).toBe(true);
  });

  it('has Back everywhere but the first step and the review, which has Edit per section instead', () => {
    const titles = (m: StepCardModel) => submitActions(renderStepCard(m, 'en')).map((a) => a.title);
    expect(titles(model(start()))).not.toContain('Back');
    expect(titles(model(partnerAt('customerAdmin')))).toContain('Back');
    expect(titles(model(partnerAt('review')))).toEqual([
      'Edit partner details',
      'Edit administrator and organization',
      'Edit company and country',
      'Confirm',
      'Save and exit',
    ]);
  });

  it('lets "I will set up", Back and Start over send no inputs; Save and exit sends them as a draft', () => {
    const actions = submitActions(renderStepCard(model(partnerAt('whoSetsUp')), 'en'));
    const skipping = actions.filter((a) => a.associatedInputs === 'none').map((a) => a.title);
    expect(skipping).toEqual(['Yes, I will set up', 'Back', 'Start over']);
  });

  it('validates nothing on the client, so Save and exit is never blocked by a half-typed card', () => {
    for (const view of ['whoSetsUp', 'customerAdmin', 'company', 'customerOrg'] as const) {
      const inputs = elements(renderStepCard(model(partnerAt(view)), 'en')).filter((e) =>
        String(e.type).startsWith('Input.'),
      );
      expect(inputs.length, view).toBeGreaterThan(0);
      for (const input of inputs) {
        expect(input.isRequired, `${view} ${input.id}`).toBeUndefined();
        expect(input.regex, `${view} ${input.id}`).toBeUndefined();
      }
    }
  });

  it("puts the colleague's email with the colleague's button, after Yes, I will set up", () => {
    const card = renderStepCard(model(partnerAt('whoSetsUp')), 'en');
    const json = JSON.stringify(card);
    const me = json.indexOf('Yes, I will set up');
    const email = json.indexOf('"handoffEmail"');
    const colleague = json.indexOf('Another person in my company will set up');
    expect(me).toBeGreaterThanOrEqual(0);
    expect(me).toBeLessThan(email);
    expect(email).toBeLessThan(colleague);
    const part = (card.body ?? []).find(
      (e) => e.type === 'Container' && JSON.stringify(e).includes('handoffEmail'),
    );
    expect(JSON.stringify(part)).toContain('Another person in my company will set up');
    expect(JSON.stringify(part)).not.toContain('Yes, I will set up');
  });

  it('shows the language switch as a switch, not as a button among the answers', () => {
    const card = renderStepCard(model(start()), 'en');
    const buttons = elements(card)
      .filter((e) => e.type === 'ActionSet')
      .flatMap((e) => (Array.isArray(e.actions) ? (e.actions as Array<{ title?: string }>) : []));
    const titles = [...buttons, ...(card.actions ?? [])].map((a) => a.title);
    expect(titles).not.toContain('Hrvatski');
    expect(elements(card).some((e) => e.text === '🌐 Hrvatski')).toBe(true);
    expect(elements(card).some((e) => e.text === 'Language: English')).toBe(true);
  });

  it('writes one period after a name that ends with one', () => {
    const text = renderStepText(model(start({ customerName: 'Contoso Retail d.o.o.' })), 'en');
    expect(text).toContain('for Contoso Retail d.o.o. Are you the partner');
    expect(text).not.toContain('..');
  });

  it('offers the other language on the first card', () => {
    const data = submitActions(renderStepCard(model(start()), 'hr')).map((a) => a.data);
    expect(data).toContainEqual({
      orderId: 'CCW-1001',
      step: 'role',
      rev: 3,
      action: 'setLocale',
      locale: 'en',
    });
  });

  it('words the cards of an order without names naturally, and the review shows the names collected', () => {
    const role = renderStepText(model(start(NO_NAMES)), 'en');
    expect(role).toContain("Let's set up order CCW-1001. Are you the partner or the customer?");
    const review = renderStepText(model(partnerAt('review', NO_NAMES)), 'en');
    // The partner organization from its step and the company from the company step.
    expect(review).toContain('- Partner organization: Partner d.o.o.');
    expect(review).toContain('- Company name: Kupac d.d.');
    expect(review).not.toContain('not given yet');
    for (const locale of LOCALES) {
      const texts = [start(NO_NAMES), partnerAt('review', NO_NAMES)].map((s) =>
        renderStepText(model(s), locale),
      );
      expect(texts.join('\n')).not.toMatch(/\((no name|naziv nije)/);
    }
    // A customer on an order without a partner name: no partner name row at all.
    const customer = walk(start(NO_NAMES), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg]);
    expect(renderStepText(model(customer), 'en')).not.toContain('- Partner:');
  });

  it("shows an existing organization's own region, and where the Contact Center location defaults", () => {
    const confirm = renderStepText(model(confirmingUs()), 'en');
    expect(confirm).toContain('Data residency: United States');
    const review = renderStepText(model(step(confirmingUs(), { type: 'CONFIRM_EXISTING_ORG' })), 'en');
    expect(review).toContain('- Data residency: United States');
    const note =
      'Kupac Americas Inc. is an existing organization and keeps its data residency region, United States. The Contact Center data location defaults to the region of the country of operation, European Union';
    expect(confirm).toContain(note);
    expect(review).toContain(note);
    const hrReview = renderStepText(model(step(confirmingUs(), { type: 'CONFIRM_EXISTING_ORG' })), 'hr');
    expect(hrReview).toContain('zadržava svoju regiju rezidencije podataka, Sjedinjene Američke Države');
    // A new organization gets the country's region and no such note.
    const fresh = renderStepText(model(partnerAt('review')), 'en');
    expect(fresh).toContain('- Data residency: European Union');
    expect(fresh).not.toContain('keeps its data residency region');
  });

  it('a Croatian card shows no English sentence', () => {
    const cards = JSON.stringify(
      SCENARIOS.map(([, build]) => [renderStepCard(build(), 'hr'), renderStepText(build(), 'hr')]),
    );
    const croatian = new Map(Object.entries(hr));
    const englishOnly = Object.entries(en)
      .filter(([key, value]) => value !== croatian.get(key))
      .flatMap(([, value]) => value.split(/\{\w+\}/))
      .filter((part) => part.trim().length > 12);
    expect(englishOnly.length).toBeGreaterThan(50);
    expect(englishOnly.filter((sentence) => cards.includes(sentence))).toEqual([]);
  });
});
