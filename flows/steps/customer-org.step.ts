import { z } from 'zod';
import type { FieldErrorKey } from '../order-setup.errors.js';
import {
  type Answers,
  type AttentionReason,
  type CustomerFacts,
  type CustomerOrgRef,
  customerFactsSchema,
} from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  need,
  parseInputs,
  readEvent,
  type StepEventArgs,
  type StepOutcome,
  type StepUpdate,
  UNSUPPORTED,
} from './setup-step.js';

/**
 * Step 6: a new or an existing customer organization. Existing shows the organization found on a
 * second card (`customerOrgConfirm`) of the same step, to confirm.
 */

export const CUSTOMER_ORG_INPUTS = { orgChoice: 'orgChoice' } as const;

const submitCustomerOrgEventSchema = z.object({
  type: z.literal('SUBMIT_CUSTOMER_ORG'),
  choice: z.enum(['new', 'existing']),
  /** Facts for the customer administrator chosen earlier, looked up again now. */
  facts: customerFactsSchema,
});
export const customerOrgEventSchema = z.discriminatedUnion('type', [
  submitCustomerOrgEventSchema,
  z.object({ type: z.literal('CONFIRM_EXISTING_ORG') }),
  z.object({ type: z.literal('EXISTING_ORG_INCORRECT') }),
]);
export type CustomerOrgEvent = z.infer<typeof customerOrgEventSchema>;
type SubmitCustomerOrgEvent = z.infer<typeof submitCustomerOrgEventSchema>;

const customerOrgInputSchema = z.object({
  [CUSTOMER_ORG_INPUTS.orgChoice]: z.enum(['new', 'existing'], { error: 'error.required' }),
});

/** What choosing New or Existing organization leads to. */
export type CustomerOrgDecision =
  | { kind: 'error'; key: FieldErrorKey }
  | { kind: 'attention'; reason: AttentionReason }
  | { kind: 'new' }
  | { kind: 'confirmExisting'; org: CustomerOrgRef };

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
  const existing = (org: CustomerOrgRef): CustomerOrgDecision => ({
    kind: 'confirmExisting',
    org: { orgId: org.orgId, name: org.name, regionCode: org.regionCode ?? null },
  });
  if (trial !== null) return existing(trial);
  // Another partner's customer looks exactly like an unknown address.
  if (belongsTo !== null && belongsTo.kind === 'customer' && belongsTo.hidden !== true)
    return existing(belongsTo);
  return { kind: 'error', key: 'error.customerOrgNoneFound' };
}

const isSubmitCustomerOrg = isEventOf<SubmitCustomerOrgEvent>('SUBMIT_CUSTOMER_ORG');

/** The decision for a `SUBMIT_CUSTOMER_ORG` event, or null for any other event. */
export function customerOrgDecision(event: { type: string }): CustomerOrgDecision | null {
  return isSubmitCustomerOrg(event) ? decideCustomerOrg(event.choice, event.facts) : null;
}

export const customerOrgGuards = {
  customerOrgTrialExpired: ({ event }: StepEventArgs) => customerOrgDecision(event)?.kind === 'attention',
  customerOrgIsNew: ({ event }: StepEventArgs) => customerOrgDecision(event)?.kind === 'new',
  customerOrgNeedsConfirmation: ({ event }: StepEventArgs) =>
    customerOrgDecision(event)?.kind === 'confirmExisting',
  hasPendingOrg: ({ context }: StepEventArgs) => context.answers.pendingOrg !== null,
};

export const customerOrgAnswers = {
  assignNewCustomerOrg: ({ context }: StepEventArgs) => ({
    answers: { ...context.answers, customerOrg: { choice: 'new' as const }, pendingOrg: null },
  }),
  assignPendingOrg: ({ context, event }: StepEventArgs) => {
    const decision = customerOrgDecision(event);
    if (decision?.kind !== 'confirmExisting') return {};
    return { answers: { ...context.answers, pendingOrg: decision.org } };
  },
  assignExistingCustomerOrg: ({ context }: StepEventArgs) => {
    const org = context.answers.pendingOrg;
    if (org === null) return {};
    return { answers: { ...context.answers, customerOrg: { choice: 'existing' as const, ...org } } };
  },
} satisfies Record<string, StepUpdate>;

export const customerOrgStep = defineStep({
  id: 'customerOrg',
  views: ['customerOrg', 'customerOrgConfirm'],
  inputIds: Object.values(CUSTOMER_ORG_INPUTS),
  eventSchema: customerOrgEventSchema,
  shownTo: () => true,
  readNext({ view, choice, inputs }, context) {
    if (view === 'customerOrgConfirm') {
      if (choice === 'correct') return readEvent<CustomerOrgEvent>({ type: 'CONFIRM_EXISTING_ORG' });
      return choice === 'notCorrect'
        ? readEvent<CustomerOrgEvent>({ type: 'EXISTING_ORG_INCORRECT' })
        : UNSUPPORTED;
    }
    const parsed = parseInputs(customerOrgInputSchema, inputs);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const { orgChoice } = parsed.data;
    return {
      kind: 'read',
      facts: { membershipOf: context.answers.customerAdminEmail, partnerOrgOf: null, trial: true },
      toEvent: (facts): StepOutcome<CustomerOrgEvent> => {
        const customerFacts = { belongsTo: need(facts, 'belongsTo'), trial: need(facts, 'trial') };
        const decision = decideCustomerOrg(orgChoice, customerFacts);
        if (decision.kind === 'error')
          return { kind: 'invalid', errors: { [CUSTOMER_ORG_INPUTS.orgChoice]: decision.key } };
        return {
          kind: 'event',
          event: { type: 'SUBMIT_CUSTOMER_ORG', choice: orgChoice, facts: customerFacts },
        };
      },
    };
  },
});

/**
 * Where the customer organization's data lives. A new organization is created in the region of
 * the country of operation; an existing one keeps its own region, whatever the country. Either
 * way, the Contact Center data location defaults to the country's region (changeable in the
 * setup wizard). Null until the company step is answered.
 */
export interface DataResidency {
  /** The organization's data-residency region. */
  regionCode: string;
  /** The country's region: where the Contact Center data location defaults to. */
  contactCenterRegionCode: string;
  /** An existing organization whose region differs from the country's. */
  keptByExistingOrg: boolean;
}

/** The data residency of `org` (the chosen or shown existing organization, or null for a new one). */
export function dataResidencyOf(
  company: { regionCode: string } | null,
  org: { regionCode?: string | null | undefined } | null,
): DataResidency | null {
  if (company === null) return null;
  const own = org?.regionCode ?? null;
  return {
    regionCode: own ?? company.regionCode,
    contactCenterRegionCode: company.regionCode,
    keptByExistingOrg: own !== null && own !== company.regionCode,
  };
}

/** The data residency of the setup's answers: the confirmed organization, else the one shown. */
export function answersResidency(answers: Answers): DataResidency | null {
  const org = answers.customerOrg;
  if (org === null) return dataResidencyOf(answers.company, answers.pendingOrg);
  return dataResidencyOf(answers.company, org.choice === 'existing' ? org : null);
}
