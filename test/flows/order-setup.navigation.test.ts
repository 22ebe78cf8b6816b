import { describe, expect, it } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import type { CustomerFacts, Membership } from '../../flows/order-setup.schemas.js';
import { describePosition, isSetupEnded } from '../../flows/order-setup.steps.js';
import {
  E,
  expectRejected,
  NO_CUSTOMER_FACTS,
  PARTNER_ORG,
  partnerAt,
  start,
  step,
  TRIAL,
  US_CUSTOMER_ORG,
  walk,
} from './order-setup.helpers.js';

const customerOrg: Membership = { orgId: 'org-c', name: 'Kupac', kind: 'customer' };
const orgChoice = (choice: 'new' | 'existing', facts: CustomerFacts): OrderSetupEvent => ({
  type: 'SUBMIT_CUSTOMER_ORG',
  choice,
  facts,
});

describe('step 6: customer organization', () => {
  it('New goes to review', () => {
    const s = step(partnerAt('customerOrg'), E.newOrg);
    expect(s.value).toBe('review');
    expect(s.context.answers.customerOrg).toEqual({ choice: 'new' });
  });

  it.each<[string, OrderSetupEvent, { orgId: string; name: string; regionCode: string | null }]>([
    [
      "the administrator's organization",
      orgChoice('existing', { belongsTo: customerOrg, trial: null }),
      { ...customerOrg, regionCode: null },
    ],
    [
      "the administrator's organization, with its own region",
      orgChoice('existing', { belongsTo: US_CUSTOMER_ORG, trial: null }),
      US_CUSTOMER_ORG,
    ],
    [
      "the trial's organization",
      orgChoice('existing', { belongsTo: null, trial: { ...TRIAL, regionCode: 'uk' } }),
      { ...TRIAL, regionCode: 'uk' },
    ],
  ])('Existing shows %s to confirm', (_, event, org) => {
    const s = step(partnerAt('customerOrg'), event);
    expect(s.value).toEqual({ customerOrg: 'confirmExisting' });
    expect(s.context.answers.pendingOrg).toEqual({
      orgId: org.orgId,
      name: org.name,
      regionCode: org.regionCode,
    });
    expect(describePosition(s)).toMatchObject({ view: 'customerOrgConfirm', step: 'customerOrg', n: 6 });
  });

  it.each<[string, OrderSetupEvent]>([
    ['Existing with no organization found', orgChoice('existing', NO_CUSTOMER_FACTS)],
    ['New with a trial', orgChoice('new', { belongsTo: null, trial: TRIAL })],
    [
      'New when the administrator already has an organization',
      orgChoice('new', { belongsTo: customerOrg, trial: null }),
    ],
    [
      'Existing with only a partner organization',
      orgChoice('existing', { belongsTo: { ...customerOrg, kind: 'partner' }, trial: null }),
    ],
  ])('stays on the step for %s', (_, event) => {
    expectRejected(partnerAt('customerOrg'), event);
  });

  it.each(['new', 'existing'] as const)(
    'an expired trial ends in needsAttention trial_expired (%s)',
    (choice) => {
      const result = advanceOrderSetup(
        partnerAt('customerOrg'),
        orgChoice(choice, { belongsTo: null, trial: { ...TRIAL, expired: true } }),
      );
      expect(result).toMatchObject({
        kind: 'advanced',
        outcome: { kind: 'needsAttention', reason: 'trial_expired' },
      });
    },
  );

  it('Correct confirms the existing organization; Not correct needs attention; Back returns', () => {
    const confirming = step(
      partnerAt('customerOrg'),
      orgChoice('existing', { belongsTo: customerOrg, trial: null }),
    );
    const confirmed = step(confirming, { type: 'CONFIRM_EXISTING_ORG' });
    expect(confirmed.value).toBe('review');
    expect(confirmed.context.answers.customerOrg).toEqual({
      choice: 'existing',
      orgId: 'org-c',
      name: 'Kupac',
      regionCode: null,
    });
    const wrong = advanceOrderSetup(confirming, { type: 'EXISTING_ORG_INCORRECT' });
    expect(wrong).toMatchObject({ outcome: { kind: 'needsAttention', reason: 'customer_org_incorrect' } });
    expect(step(confirming, E.back).value).toEqual({ customerOrg: 'choose' });
  });

  it('Back from the choice returns to company', () => {
    expect(step(partnerAt('customerOrg'), E.back).value).toBe('company');
  });
});

describe('step 7: review', () => {
  it('Confirm completes the setup', () => {
    const result = advanceOrderSetup(partnerAt('review'), E.confirm);
    expect(result).toMatchObject({ kind: 'advanced', outcome: { kind: 'completed' } });
    if (result.kind !== 'advanced') return;
    expect(isSetupEnded(result.snapshot)).toBe(true);
    expect(advanceOrderSetup(result.snapshot, { type: 'RESTART' })).toEqual({ kind: 'rejected' });
    expect(describePosition(result.snapshot)).toEqual({ kind: 'done' });
  });

  it('Edit partner → partnerOrg → back to review, editing cleared', () => {
    const editing = step(partnerAt('review'), { type: 'EDIT', section: 'partner' });
    expect(editing.value).toBe('partnerOrg');
    expect(editing.context.editing).toBe('partner');
    const edited = step(editing, { ...E.createPartnerOrg, companyName: 'Partner Two' });
    expect(edited.value).toBe('review');
    expect(edited.context.editing).toBeNull();
    expect(edited.context.answers.partnerOrg).toMatchObject({ companyName: 'Partner Two' });
  });

  it('Edit partner with a found organization returns to review on Correct', () => {
    const s = walk(start({ partnerOrg: PARTNER_ORG }), [
      E.partner,
      E.myself,
      E.partnerOrgCorrect,
      E.customerAdmin,
      E.company,
      E.newOrg,
      { type: 'EDIT', section: 'partner' },
      E.partnerOrgCorrect,
    ]);
    expect(s.value).toBe('review');
  });

  it('Edit administrator re-confirms the organization, then returns to review', () => {
    const s1 = step(partnerAt('review'), { type: 'EDIT', section: 'customerAdmin' });
    expect(s1.value).toBe('customerAdmin');
    const s2 = step(s1, { ...E.customerAdmin, email: 'new@kupac.example' });
    expect(s2.value).toEqual({ customerOrg: 'choose' });
    expect(step(s2, E.back).value).toBe('customerAdmin');
    const s3 = step(s2, E.newOrg);
    expect(s3.value).toBe('review');
    expect(s3.context.answers.customerAdminEmail).toBe('new@kupac.example');
  });

  it('Edit company returns straight to review; Back during an edit cancels it', () => {
    const editing = step(partnerAt('review'), { type: 'EDIT', section: 'company' });
    expect(editing.value).toBe('company');
    expect(step(editing, { ...E.company, country: { code: 'DE', regionCode: 'eu' } }).value).toBe('review');
    expect(step(editing, E.back).value).toBe('review');
    const adminEdit = step(partnerAt('review'), { type: 'EDIT', section: 'customerAdmin' });
    expect(step(adminEdit, E.back).value).toBe('review');
    const partnerEdit = step(partnerAt('review'), { type: 'EDIT', section: 'partner' });
    expect(step(partnerEdit, E.back).value).toBe('review');
  });

  it('a customer has no partner section to edit', () => {
    const review = walk(start(), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg]);
    expect(describePosition(review)).toMatchObject({ view: 'review', n: 6, total: 6 });
    expectRejected(review, { type: 'EDIT', section: 'partner' });
  });

  it('Back returns to the organization choice', () => {
    expect(step(partnerAt('review'), E.back).value).toEqual({ customerOrg: 'choose' });
  });
});

describe('restart, language, endings', () => {
  it('Restart wipes the answers and keeps order, owner, hand-off history and locale', () => {
    const handedOff = step(partnerAt('whoSetsUp'), {
      type: 'HAND_OFF',
      email: 'marko@partner.example',
      sameDomainRequired: true,
      facts: { partnerOrg: null },
    });
    const deep = walk(handedOff, [E.createPartnerOrg, E.customerAdmin, { type: 'SET_LOCALE', locale: 'hr' }]);
    const result = advanceOrderSetup(deep, { type: 'RESTART' });
    expect(result).toMatchObject({ kind: 'advanced', outcome: { kind: 'restarted' } });
    if (result.kind !== 'advanced') return;
    const { context, value } = result.snapshot;
    expect(value).toBe('role');
    expect(context.answers).toEqual(start().context.answers);
    expect(context).toMatchObject({
      orderId: 'CCW-1001',
      ownerEmail: 'marko@partner.example',
      previousOwners: ['ana@partner.example'],
      locale: 'hr',
      editing: null,
    });
  });

  it('switching language keeps the step', () => {
    const result = advanceOrderSetup(start(), { type: 'SET_LOCALE', locale: 'hr' });
    expect(result).toMatchObject({ kind: 'advanced', outcome: { kind: 'localeChanged', locale: 'hr' } });
    if (result.kind !== 'advanced') return;
    expect(result.snapshot.value).toBe('role');
  });

  it('refuses an unknown language', () => {
    expectRejected(start(), JSON.parse('{"type":"SET_LOCALE","locale":"de"}'));
  });

  it('ended conversations accept nothing, not even Restart', () => {
    const done = step(partnerAt('review'), E.confirm);
    expectRejected(done, { type: 'RESTART' });
    expectRejected(done, E.back);
  });

  it('a customer switching role from partner drops the partner organization answer', () => {
    const s = walk(partnerAt('customerAdmin'), [E.back, E.back, E.back, E.customer]);
    expect(s.context.answers).toMatchObject({ role: 'customer', partnerOrg: null });
  });

  it('Reassign (administrator) moves the setup to another person and keeps step and answers', () => {
    const before = partnerAt('company');
    const result = advanceOrderSetup(before, { type: 'REASSIGN', email: 'Ops@Elsewhere.example' });
    expect(result).toMatchObject({
      kind: 'advanced',
      outcome: { kind: 'handedOff', from: 'ana@partner.example', to: 'ops@elsewhere.example' },
    });
    if (result.kind !== 'advanced') return;
    expect(result.snapshot.value).toBe('company');
    expect(result.snapshot.context.answers).toEqual(before.context.answers);
    expect(result.snapshot.context.previousOwners).toEqual(['ana@partner.example']);
    expectRejected(before, { type: 'REASSIGN', email: 'ana@partner.example' });
    expectRejected(step(partnerAt('review'), E.confirm), {
      type: 'REASSIGN',
      email: 'ops@elsewhere.example',
    });
  });

  it('keeps at most the 50 latest previous owners, so the snapshot stays valid', () => {
    let s = partnerAt('company');
    for (let i = 0; i < 55; i++) s = step(s, { type: 'REASSIGN', email: `owner${i}@partner.example` });
    expect(s.context.previousOwners).toHaveLength(50);
    expect(s.context.previousOwners.at(-1)).toBe('owner53@partner.example');
  });
});
