import { describe, expect, it } from 'vitest';
import { type ParsedCardAction, parseCardAction } from '../../flows/card-action.schema.js';
import { readSetupClick } from '../../flows/order-setup.click.js';
import type { Membership } from '../../flows/order-setup.schemas.js';
import { currentView, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { NO_FACTS, type StepFacts } from '../../flows/steps/setup-step.js';
import { E, PARTNER_ORG, partnerAt, start, step, TRIAL, walk } from './order-setup.helpers.js';

const OPTIONS = {
  countries: [
    { code: 'HR', region: 'eu' },
    { code: 'GB', region: 'uk' },
  ],
  sameDomainRequired: true,
};
const NONE: StepFacts = { belongsTo: null, trial: null, partnerOrg: null };
const customerOrg: Membership = { orgId: 'org-c', name: 'Kupac', kind: 'customer' };

/** A submit from the current card of `snapshot` (the envelope a real card would carry). */
function submitOn(snapshot: OrderSetupSnapshot, data: Record<string, unknown>): ParsedCardAction {
  const parsed = parseCardAction({
    orderId: 'CCW-1001',
    step: currentView(snapshot),
    rev: 0,
    action: 'next',
    ...data,
  });
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed;
}

/** The click read, with `facts` as the conversation's look-ups when the step asks for some. */
function readWithFacts(snapshot: OrderSetupSnapshot, submit: ParsedCardAction, facts: StepFacts) {
  const reading = readSetupClick(snapshot, submit, OPTIONS);
  return reading.kind === 'read' ? reading.toEvent(facts) : reading;
}

/** The look-ups a click asks for (none when it is not read as far as its facts). */
function factsAskedFor(snapshot: OrderSetupSnapshot, submit: ParsedCardAction) {
  const reading = readSetupClick(snapshot, submit, OPTIONS);
  return reading.kind === 'read' ? reading.facts : NO_FACTS;
}

const confirming = () =>
  step(partnerAt('customerOrg'), {
    type: 'SUBMIT_CUSTOMER_ORG',
    choice: 'existing',
    facts: { belongsTo: customerOrg, trial: null },
  });

describe('readSetupClick: valid submits become events', () => {
  it.each<[string, () => OrderSetupSnapshot, Record<string, unknown>, StepFacts, unknown]>([
    ['role partner', () => start(), { choice: 'partner' }, {}, { type: 'CHOOSE_ROLE', role: 'partner' }],
    [
      'I will set up',
      () => partnerAt('whoSetsUp'),
      { choice: 'me', handoffEmail: 'ignored' },
      {},
      { type: 'SET_UP_MYSELF' },
    ],
    [
      'hand-off (trimmed, lower-cased)',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: ' Marko@Partner.EXAMPLE ' },
      { partnerOrg: PARTNER_ORG },
      {
        type: 'HAND_OFF',
        email: 'marko@partner.example',
        sameDomainRequired: true,
        facts: { partnerOrg: PARTNER_ORG },
      },
    ],
    [
      'partner org create',
      () => partnerAt('partnerOrg'),
      { partnerAdminEmail: 'Admin@Partner.example', partnerCompanyName: '  Partner  ', unknownKey: 'x' },
      { belongsTo: null },
      {
        type: 'SUBMIT_PARTNER_ORG',
        adminEmail: 'admin@partner.example',
        companyName: 'Partner',
        facts: { belongsTo: null },
      },
    ],
    [
      'partner org correct',
      () => partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }),
      { choice: 'correct' },
      {},
      { type: 'PARTNER_ORG_CORRECT' },
    ],
    [
      'partner org not correct',
      () => partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }),
      { choice: 'notCorrect' },
      {},
      { type: 'PARTNER_ORG_INCORRECT' },
    ],
    [
      'customer admin',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: 'it@kupac.example' },
      NONE,
      { type: 'SUBMIT_CUSTOMER_ADMIN', email: 'it@kupac.example', facts: { belongsTo: null, trial: null } },
    ],
    [
      'company (country code lower-case accepted)',
      () => partnerAt('company'),
      { companyName: 'Kupac', countryCode: 'gb' },
      {},
      { type: 'SUBMIT_COMPANY', name: 'Kupac', country: { code: 'GB', regionCode: 'uk' } },
    ],
    [
      'existing organization',
      () => partnerAt('customerOrg'),
      { orgChoice: 'existing' },
      { belongsTo: customerOrg, trial: null },
      { type: 'SUBMIT_CUSTOMER_ORG', choice: 'existing', facts: { belongsTo: customerOrg, trial: null } },
    ],
    [
      'expired trial (the machine ends in needsAttention)',
      () => partnerAt('customerOrg'),
      { orgChoice: 'existing' },
      { belongsTo: null, trial: { ...TRIAL, expired: true } },
      {
        type: 'SUBMIT_CUSTOMER_ORG',
        choice: 'existing',
        facts: { belongsTo: null, trial: { ...TRIAL, expired: true } },
      },
    ],
    ['confirm existing', confirming, { choice: 'correct' }, {}, { type: 'CONFIRM_EXISTING_ORG' }],
    ['existing not correct', confirming, { choice: 'notCorrect' }, {}, { type: 'EXISTING_ORG_INCORRECT' }],
    ['review confirm', () => partnerAt('review'), { choice: 'confirm' }, {}, { type: 'CONFIRM' }],
    [
      'edit',
      () => partnerAt('review'),
      { action: 'edit', choice: 'company' },
      {},
      { type: 'EDIT', section: 'company' },
    ],
    ['back', () => partnerAt('company'), { action: 'back' }, {}, { type: 'BACK' }],
    [
      'language',
      () => start(),
      { action: 'setLocale', locale: 'hr' },
      {},
      { type: 'SET_LOCALE', locale: 'hr' },
    ],
    ['restart confirmed', () => partnerAt('company'), { action: 'restartConfirm' }, {}, { type: 'RESTART' }],
  ])('%s', (_, at, data, facts, expected) => {
    const snapshot = at();
    const result = readWithFacts(snapshot, submitOn(snapshot, data), facts);
    expect(result).toEqual({ kind: 'event', event: expected });
  });
});

describe('readSetupClick: field errors for the same card', () => {
  it.each<[string, () => OrderSetupSnapshot, Record<string, unknown>, StepFacts, Record<string, string>]>([
    [
      'hand-off without email',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague' },
      {},
      { handoffEmail: 'error.required' },
    ],
    [
      'hand-off bad email',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: 'marko@' },
      {},
      { handoffEmail: 'error.emailInvalid' },
    ],
    [
      'hand-off to self',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: 'ANA@partner.example' },
      { partnerOrg: null },
      { handoffEmail: 'error.handoffSameAsOwner' },
    ],
    [
      'hand-off other domain',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: 'x@gmail.example' },
      { partnerOrg: null },
      { handoffEmail: 'error.handoffOtherDomain' },
    ],
    [
      'partner org both empty',
      () => partnerAt('partnerOrg'),
      { partnerAdminEmail: ' ', partnerCompanyName: '' },
      {},
      { partnerAdminEmail: 'error.required', partnerCompanyName: 'error.required' },
    ],
    [
      'partner org name too long',
      () => partnerAt('partnerOrg'),
      { partnerAdminEmail: 'a@b.example', partnerCompanyName: 'x'.repeat(121) },
      {},
      { partnerCompanyName: 'error.textTooLong' },
    ],
    [
      'partner org name with link markup',
      () => partnerAt('partnerOrg'),
      {
        partnerAdminEmail: 'a@b.example',
        partnerCompanyName: '**ACTION REQUIRED** [Re-verify your login](https://evil.example/login)',
      },
      {},
      { partnerCompanyName: 'error.nameLink' },
    ],
    [
      'partner admin taken',
      () => partnerAt('partnerOrg'),
      { partnerAdminEmail: 'a@b.example', partnerCompanyName: 'P' },
      { belongsTo: customerOrg },
      { partnerAdminEmail: 'error.partnerAdminInAnotherOrg' },
    ],
    [
      'customer admin too long',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: `${'a'.repeat(250)}@b.example` },
      {},
      { customerAdminEmail: 'error.emailTooLong' },
    ],
    [
      'customer admin in another org',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: 'x@k.example' },
      { belongsTo: { ...customerOrg, kind: 'partner' }, trial: null },
      { customerAdminEmail: 'error.customerAdminInAnotherOrg' },
    ],
    [
      'customer admin not the trial admin',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: 'x@k.example' },
      { belongsTo: null, trial: TRIAL },
      { customerAdminEmail: 'error.customerAdminNotTrialAdmin' },
    ],
    [
      'customer admin is the partner',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: 'ana@partner.example' },
      NONE,
      { customerAdminEmail: 'error.customerAdminIsPartner' },
    ],
    [
      'country outside the list',
      () => partnerAt('company'),
      { companyName: 'K', countryCode: 'FR' },
      {},
      { countryCode: 'error.countryNotAllowed' },
    ],
    [
      'company missing everything',
      () => partnerAt('company'),
      {},
      {},
      { companyName: 'error.required', countryCode: 'error.required' },
    ],
    ['no organization choice', () => partnerAt('customerOrg'), {}, NONE, { orgChoice: 'error.required' }],
    [
      'forged organization choice',
      () => partnerAt('customerOrg'),
      { orgChoice: 'both' },
      NONE,
      { orgChoice: 'error.required' },
    ],
    [
      'existing, none found',
      () => partnerAt('customerOrg'),
      { orgChoice: 'existing' },
      NONE,
      { orgChoice: 'error.customerOrgNoneFound' },
    ],
    [
      'new with a trial',
      () => partnerAt('customerOrg'),
      { orgChoice: 'new' },
      { belongsTo: null, trial: TRIAL },
      { orgChoice: 'error.customerOrgTrialNeedsExisting' },
    ],
    [
      'new, admin has an org',
      () => partnerAt('customerOrg'),
      { orgChoice: 'new' },
      { belongsTo: customerOrg, trial: null },
      { orgChoice: 'error.customerOrgAdminHasOrg' },
    ],
  ])('%s', (_, at, data, facts, errors) => {
    const snapshot = at();
    const result = readWithFacts(snapshot, submitOn(snapshot, data), facts);
    expect(result).toMatchObject({ kind: 'invalid', errors });
    // The rejected event would also be refused by the machine's guards: nothing to save either way.
    if (result.kind === 'invalid') expect(Object.keys(result.errors)).toEqual(Object.keys(errors));
  });

  it('keeps the typed values of the card (and only those) for re-rendering', () => {
    const snapshot = partnerAt('company');
    const result = readWithFacts(
      snapshot,
      submitOn(snapshot, { companyName: ' Kupac ', countryCode: 'FR', x: 'y' }),
      {},
    );
    expect(result).toEqual({
      kind: 'invalid',
      errors: { countryCode: 'error.countryNotAllowed' },
      values: { companyName: ' Kupac ', countryCode: 'FR' },
    });
  });
});

describe('readSetupClick: everything else', () => {
  it.each(['start', 'resume', 'restart', 'restartCancel', 'saveAndExit'])(
    '%s is for the conversation (navigation)',
    (action) => {
      const snapshot = partnerAt('company');
      expect(readWithFacts(snapshot, submitOn(snapshot, { action }), {})).toEqual({
        kind: 'navigation',
      });
    },
  );

  it('a card of another step is stale', () => {
    const snapshot = partnerAt('company');
    const old = submitOn(partnerAt('customerAdmin'), { customerAdminEmail: 'it@kupac.example' });
    expect(readWithFacts(snapshot, old, NONE)).toEqual({ kind: 'stale' });
    const ended = step(partnerAt('review'), E.confirm);
    expect(readWithFacts(ended, submitOn(partnerAt('review'), { choice: 'confirm' }), {})).toEqual({
      kind: 'stale',
    });
  });

  it.each<[string, () => OrderSetupSnapshot, Record<string, unknown>]>([
    ['a role card without choice', () => start(), {}],
    ['Back on the first step', () => start(), { action: 'back' }],
    ['edit outside review', () => partnerAt('company'), { action: 'edit', choice: 'company' }],
    ['edit without a section', () => partnerAt('review'), { action: 'edit' }],
    ['language without locale', () => start(), { action: 'setLocale' }],
    ['review without confirm', () => partnerAt('review'), {}],
    ['who-sets-up without choice', () => partnerAt('whoSetsUp'), {}],
  ])('%s is unsupported', (_, at, data) => {
    const snapshot = at();
    expect(readWithFacts(snapshot, submitOn(snapshot, data), NONE)).toEqual({
      kind: 'unsupported',
    });
  });

  it('throws when a fact the step asked for is missing (a bug of the conversation)', () => {
    const snapshot = partnerAt('customerAdmin');
    expect(() =>
      readWithFacts(snapshot, submitOn(snapshot, { customerAdminEmail: 'it@kupac.example' }), {}),
    ).toThrow(/fact "belongsTo"/);
  });
});

describe('readSetupClick: the facts a step asks for', () => {
  it.each<[string, () => OrderSetupSnapshot, Record<string, unknown>, unknown]>([
    ['role', () => start(), { choice: 'partner' }, { membershipOf: null, partnerOrgOf: null, trial: false }],
    [
      'partner hand-off',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: 'M@Partner.example' },
      { membershipOf: null, partnerOrgOf: 'm@partner.example', trial: false },
    ],
    [
      'customer hand-off',
      () => walk(start(), [E.customer]),
      { choice: 'colleague', handoffEmail: 'm@partner.example' },
      { membershipOf: null, partnerOrgOf: null, trial: false },
    ],
    [
      'hand-off with a bad email',
      () => partnerAt('whoSetsUp'),
      { choice: 'colleague', handoffEmail: 'm@' },
      { membershipOf: null, partnerOrgOf: null, trial: false },
    ],
    [
      'partner org create',
      () => partnerAt('partnerOrg'),
      { partnerAdminEmail: 'a@p.example', partnerCompanyName: 'P' },
      { membershipOf: 'a@p.example', partnerOrgOf: null, trial: false },
    ],
    [
      'partner org review',
      () => partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }),
      { choice: 'correct' },
      { membershipOf: null, partnerOrgOf: null, trial: false },
    ],
    [
      'customer admin',
      () => partnerAt('customerAdmin'),
      { customerAdminEmail: 'IT@kupac.example' },
      { membershipOf: 'it@kupac.example', partnerOrgOf: null, trial: true },
    ],
    [
      'customer org',
      () => partnerAt('customerOrg'),
      { orgChoice: 'new' },
      { membershipOf: 'it@kupac.example', partnerOrgOf: null, trial: true },
    ],
    [
      'back',
      () => partnerAt('customerOrg'),
      { action: 'back' },
      { membershipOf: null, partnerOrgOf: null, trial: false },
    ],
  ])('%s', (_, at, data, expected) => {
    const snapshot = at();
    expect(factsAskedFor(snapshot, submitOn(snapshot, data))).toEqual(expected);
  });
});
