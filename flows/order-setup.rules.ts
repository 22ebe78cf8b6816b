import type { FieldErrorKey } from './order-setup.errors.js';
import type { CustomerFacts } from './order-setup.events.js';
import type { AttentionReason, Membership, OrderSetupContext, OrgRef } from './order-setup.schemas.js';

/**
 * The business rules of each step, as pure functions. `validateSubmit` uses them to tell a person
 * what is wrong before anything is saved, and the machine's guards use the same functions, so a
 * forged event meets the same rules (defence in depth). Inputs are already trimmed and lower-cased.
 */

/** The part after the last `@`, lower-case. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Hand-off to a colleague: not the owner, and on the owner's domain unless that rule is off. */
export function checkHandOff(
  email: string,
  ownerEmail: string,
  sameDomainRequired: boolean,
): FieldErrorKey | null {
  if (email === ownerEmail) return 'error.handoffSameAsOwner';
  if (sameDomainRequired && domainOf(email) !== domainOf(ownerEmail)) return 'error.handoffOtherDomain';
  return null;
}

/** A new partner organization's administrator must not already be in an organization. */
export function checkPartnerAdmin(belongsTo: Membership | null): FieldErrorKey | null {
  return belongsTo === null ? null : 'error.partnerAdminInAnotherOrg';
}

/**
 * The customer administrator. A person belongs to one Webex organization at a time, so an address
 * in a partner organization, or (for an order mapped to a trial) in any organization but the
 * trial's, is refused; with a trial it must be the trial's administrator address. The org's name is
 * deliberately not shown: it belongs to someone else.
 */
export function checkCustomerAdmin(
  email: string,
  context: OrderSetupContext,
  facts: CustomerFacts,
): FieldErrorKey | null {
  const { answers } = context;
  if (answers.role === 'partner') {
    const partnerAdmin = answers.partnerOrg?.adminEmail;
    if (email === context.ownerEmail || email === partnerAdmin) return 'error.customerAdminIsPartner';
  }
  const { belongsTo, trial } = facts;
  if (trial !== null && email !== trial.adminEmail) return 'error.customerAdminNotTrialAdmin';
  if (
    belongsTo !== null &&
    (belongsTo.kind === 'partner' || (trial !== null && belongsTo.orgId !== trial.orgId))
  )
    return 'error.customerAdminInAnotherOrg';
  return null;
}

/** What choosing New or Existing organization leads to. */
export type CustomerOrgDecision =
  | { kind: 'error'; key: FieldErrorKey }
  | { kind: 'attention'; reason: AttentionReason }
  | { kind: 'new' }
  | { kind: 'confirmExisting'; org: OrgRef };

/**
 * New or Existing customer organization. An expired trial needs Cisco whatever the choice. An order
 * mapped to a trial must use the trial's organization; an administrator who is already in an
 * organization cannot get a new one; Existing shows the trial's organization, else the
 * administrator's.
 */
export function decideCustomerOrg(choice: 'new' | 'existing', facts: CustomerFacts): CustomerOrgDecision {
  const { belongsTo, trial } = facts;
  if (trial?.expired === true) return { kind: 'attention', reason: 'trial_expired' };
  if (choice === 'new') {
    if (trial !== null) return { kind: 'error', key: 'error.customerOrgTrialNeedsExisting' };
    if (belongsTo !== null) return { kind: 'error', key: 'error.customerOrgAdminHasOrg' };
    return { kind: 'new' };
  }
  if (trial !== null) return { kind: 'confirmExisting', org: { orgId: trial.orgId, name: trial.name } };
  if (belongsTo !== null && belongsTo.kind === 'customer')
    return { kind: 'confirmExisting', org: { orgId: belongsTo.orgId, name: belongsTo.name } };
  return { kind: 'error', key: 'error.customerOrgNoneFound' };
}
