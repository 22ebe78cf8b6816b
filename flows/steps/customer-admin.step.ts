import { z } from 'zod';
import type { FieldErrorKey } from '../order-setup.errors.js';
import {
  type CustomerFacts,
  customerFactsSchema,
  emailSchema,
  type OrderSetupContext,
} from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  need,
  parseInputs,
  type StepEventArgs,
  type StepUpdate,
  unlessError,
} from './setup-step.js';

/** Step 4: the customer organization's administrator email. */

export const CUSTOMER_ADMIN_INPUTS = { customerAdminEmail: 'customerAdminEmail' } as const;

export const customerAdminEventSchema = z.object({
  type: z.literal('SUBMIT_CUSTOMER_ADMIN'),
  email: emailSchema,
  facts: customerFactsSchema,
});
export type CustomerAdminEvent = z.infer<typeof customerAdminEventSchema>;

const customerAdminInputSchema = z.object({ [CUSTOMER_ADMIN_INPUTS.customerAdminEmail]: emailSchema });

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

const isCustomerAdmin = isEventOf<CustomerAdminEvent>('SUBMIT_CUSTOMER_ADMIN');

export const customerAdminGuards = {
  canSetCustomerAdmin: ({ context, event }: StepEventArgs) =>
    isCustomerAdmin(event) && checkCustomerAdmin(event.email, context, event.facts) === null,
};

export const customerAdminAnswers = {
  assignCustomerAdmin: ({ context, event }: StepEventArgs) =>
    isCustomerAdmin(event) ? { answers: { ...context.answers, customerAdminEmail: event.email } } : {},
} satisfies Record<string, StepUpdate>;

export const customerAdminStep = defineStep({
  id: 'customerAdmin',
  views: ['customerAdmin'],
  inputIds: Object.values(CUSTOMER_ADMIN_INPUTS),
  eventSchema: customerAdminEventSchema,
  shownTo: () => true,
  readNext({ inputs }, context) {
    const parsed = parseInputs(customerAdminInputSchema, inputs);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const email = parsed.data.customerAdminEmail;
    return {
      kind: 'read',
      facts: { membershipOf: email, partnerOrgOf: null, trial: true },
      toEvent: (facts) => {
        const customerFacts = { belongsTo: need(facts, 'belongsTo'), trial: need(facts, 'trial') };
        const error = checkCustomerAdmin(email, context, customerFacts);
        return unlessError<CustomerAdminEvent>(CUSTOMER_ADMIN_INPUTS.customerAdminEmail, error, {
          type: 'SUBMIT_CUSTOMER_ADMIN',
          email,
          facts: customerFacts,
        });
      },
    };
  },
});
