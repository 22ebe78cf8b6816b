import { describe, expect, it } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { answersOfStored, describeAnswers, hasNoAnswers } from '../../src/setups/setup-answers.js';
import { stateOf } from '../../src/setups/setup-envelope.js';
import type { SetupDocument } from '../../src/storage/setups.repository.js';
import { E, PARTNER_ORG, partnerAt, start, walk } from '../flows/order-setup.helpers.js';

const AT = new Date('2026-03-02T09:00:00Z');

function storedAs(snapshotJson: string, base = stateOf(start())): SetupDocument {
  return { _id: 'CCW-1001', ...base, snapshotJson, rev: 3, pendingEffects: [], createdAt: AT, updatedAt: AT };
}

describe('describeAnswers', () => {
  it('reads nothing answered at the first step', () => {
    const answers = describeAnswers(start());
    expect(hasNoAnswers(answers)).toBe(true);
    expect(answers.role).toBeNull();
  });

  it('reads every answer of a partner who creates the partner organization, at the review', () => {
    expect(describeAnswers(partnerAt('review'))).toEqual({
      role: 'partner',
      whoSetsUp: 'me',
      partnerOrg: { mode: 'create', name: 'Partner d.o.o.', adminEmail: 'admin@partner.example' },
      customerAdminEmail: 'it@kupac.example',
      company: 'Kupac d.d.',
      countryCode: 'HR',
      region: 'eu',
      customerOrg: { mode: 'new' },
    });
  });

  it('reads an existing partner organization and a confirmed existing customer organization', () => {
    const existing = { orgId: 'org-cust-9', name: 'Kupac d.d.', kind: 'customer' as const };
    const events: OrderSetupEvent[] = [
      E.partner,
      E.myself,
      E.partnerOrgCorrect,
      { ...E.customerAdmin, facts: { belongsTo: existing, trial: null } },
      E.company,
      { type: 'SUBMIT_CUSTOMER_ORG', choice: 'existing', facts: { belongsTo: existing, trial: null } },
    ];
    const pending = walk(start({ partnerOrg: PARTNER_ORG }), events);
    // Shown for confirmation only: not an answer yet.
    expect(describeAnswers(pending).customerOrg).toBeNull();
    const confirmed = walk(pending, [{ type: 'CONFIRM_EXISTING_ORG' }]);
    const answers = describeAnswers(confirmed);
    expect(answers.partnerOrg).toEqual({ mode: 'existing', ...PARTNER_ORG });
    expect(answers.customerOrg).toEqual({ mode: 'existing', orgId: 'org-cust-9', name: 'Kupac d.d.' });
  });
});

describe('answersOfStored', () => {
  it('is null without a stored setup, and reads a stored envelope back', () => {
    expect(answersOfStored(undefined)).toBeNull();
    const state = stateOf(partnerAt('company'));
    const answers = answersOfStored(storedAs(state.snapshotJson, state));
    expect(answers?.customerAdminEmail).toBe('it@kupac.example');
    expect(answers?.company).toBeNull();
  });

  it('reads an unreadable snapshot as nothing answered, as the setup itself starts over', () => {
    const answers = answersOfStored(storedAs('{"not":"a snapshot"'));
    expect(answers).not.toBeNull();
    expect(answers !== null && hasNoAnswers(answers)).toBe(true);
  });
});
