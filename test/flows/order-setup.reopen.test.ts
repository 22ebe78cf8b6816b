import { describe, expect, it } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { currentView, describePosition, isSetupEnded } from '../../flows/order-setup.steps.js';
import { E, expectRejected, PARTNER_ORG, partnerAt, step, TRIAL } from './order-setup.helpers.js';

/** Leaving the two endings: an administrator's resolve, and a completion the directory refused. */

const resolve = (partnerOrg = PARTNER_ORG, trial: typeof TRIAL | null = null): OrderSetupEvent => ({
  type: 'RESOLVE',
  facts: { partnerOrg, trial },
});

describe('RESOLVE: back to the step that raised the attention', () => {
  it('a wrong partner organization goes back to the partner organization step with the fresh facts', () => {
    const waiting = step(partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }), {
      type: 'PARTNER_ORG_INCORRECT',
    });
    expect(isSetupEnded(waiting)).toBe(true);
    const corrected = { ...PARTNER_ORG, name: 'Partner d.o.o. (corrected)' };
    const result = advanceOrderSetup(waiting, resolve(corrected));
    expect(result.kind).toBe('advanced');
    if (result.kind !== 'advanced') return;
    expect(result.snapshot.value).toBe('partnerOrg');
    expect(isSetupEnded(result.snapshot)).toBe(false);
    expect(result.snapshot.context).toMatchObject({ attention: null, partnerOrgFound: corrected });
    expect(result.snapshot.context.answers.role).toBe('partner');
    expect(describePosition(result.snapshot)).toMatchObject({ kind: 'step', step: 'partnerOrg', n: 3 });
  });

  it('a wrong customer organization goes back to choosing it, answers kept', () => {
    const confirm = step(partnerAt('customerOrg'), {
      type: 'SUBMIT_CUSTOMER_ORG',
      choice: 'existing',
      facts: { belongsTo: { orgId: 'org-9', name: 'Kupac', kind: 'customer' }, trial: null },
    });
    const waiting = step(confirm, { type: 'EXISTING_ORG_INCORRECT' });
    expect(waiting.context.attention).toBe('customer_org_incorrect');
    const reopened = step(waiting, resolve(PARTNER_ORG, TRIAL));
    expect(currentView(reopened)).toBe('customerOrg');
    expect(reopened.context.answers).toMatchObject({
      customerAdminEmail: E.customerAdmin.email,
      company: { name: 'Kupac d.d.' },
    });
    expect(reopened.context.trial).toEqual(TRIAL);
    expect(reopened.context.attention).toBeNull();
  });

  it('a setup whose completion was refused goes back to the review', () => {
    const done = step(partnerAt('review'), E.confirm);
    expect(step(done, resolve()).value).toBe('review');
  });

  it('an ended setup takes no other event, and a setup under way takes no RESOLVE', () => {
    const done = step(partnerAt('review'), E.confirm);
    for (const event of [E.back, { type: 'RESTART' }, { type: 'REASSIGN', email: 'x@partner.example' }])
      expectRejected(done, event as OrderSetupEvent);
    expectRejected(partnerAt('company'), resolve());
    expectRejected(partnerAt('company'), { type: 'COMPLETION_REFUSED', field: 'customerAdmin' });
  });
});

describe('COMPLETION_REFUSED: the administrator email again', () => {
  it('returns to the customer administrator step as an edit, with the answers kept', () => {
    const done = step(partnerAt('review'), E.confirm);
    const reopened = step(done, { type: 'COMPLETION_REFUSED', field: 'customerAdmin' });
    expect(reopened.value).toBe('customerAdmin');
    expect(reopened.context.editing).toBe('customerAdmin');
    expect(reopened.context.answers.customerAdminEmail).toBe(E.customerAdmin.email);
    // A new address re-confirms the organization (it depends on the administrator), then review.
    const next = step(reopened, { ...E.customerAdmin, email: 'other@kupac.example' });
    expect(currentView(next)).toBe('customerOrg');
    expect(step(next, E.newOrg).value).toBe('review');
  });
});
