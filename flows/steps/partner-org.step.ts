import { z } from 'zod';
import type { FieldErrorKey } from '../order-setup.errors.js';
import { companyNameSchema, emailSchema, type Membership, membershipSchema } from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  NO_FACTS,
  need,
  parseInputs,
  readEvent,
  type StepEventArgs,
  type StepUpdate,
  UNSUPPORTED,
  unlessError,
} from './setup-step.js';

/** Step 3 (partners only): confirm the partner organization found, or create it on a first order. */

export const PARTNER_ORG_INPUTS = {
  partnerAdminEmail: 'partnerAdminEmail',
  partnerCompanyName: 'partnerCompanyName',
} as const;

const submitPartnerOrgEventSchema = z.object({
  type: z.literal('SUBMIT_PARTNER_ORG'),
  adminEmail: emailSchema,
  companyName: companyNameSchema,
  facts: z.object({ belongsTo: membershipSchema.nullable() }),
});
export const partnerOrgEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('PARTNER_ORG_CORRECT') }),
  z.object({ type: z.literal('PARTNER_ORG_INCORRECT') }),
  submitPartnerOrgEventSchema,
]);
export type PartnerOrgEvent = z.infer<typeof partnerOrgEventSchema>;
type SubmitPartnerOrgEvent = z.infer<typeof submitPartnerOrgEventSchema>;

const partnerOrgInputSchema = z.object({
  [PARTNER_ORG_INPUTS.partnerAdminEmail]: emailSchema,
  [PARTNER_ORG_INPUTS.partnerCompanyName]: companyNameSchema,
});

/** A new partner organization's administrator must not already be in an organization. */
export function checkPartnerAdmin(belongsTo: Membership | null): FieldErrorKey | null {
  return belongsTo === null ? null : 'error.partnerAdminInAnotherOrg';
}

const isSubmitPartnerOrg = isEventOf<SubmitPartnerOrgEvent>('SUBMIT_PARTNER_ORG');

export const partnerOrgGuards = {
  hasPartnerOrgFound: ({ context }: StepEventArgs) => context.partnerOrgFound !== null,
  canCreatePartnerOrg: ({ context, event }: StepEventArgs) =>
    context.partnerOrgFound === null &&
    isSubmitPartnerOrg(event) &&
    checkPartnerAdmin(event.facts.belongsTo) === null,
};

export const partnerOrgAnswers = {
  assignExistingPartnerOrg: ({ context }: StepEventArgs) => ({
    answers: {
      ...context.answers,
      partnerOrg:
        context.partnerOrgFound === null ? null : { mode: 'existing' as const, ...context.partnerOrgFound },
    },
  }),
  assignCreatedPartnerOrg: ({ context, event }: StepEventArgs) => {
    if (!isSubmitPartnerOrg(event)) return {};
    const { adminEmail, companyName } = event;
    return {
      answers: { ...context.answers, partnerOrg: { mode: 'create' as const, adminEmail, companyName } },
    };
  },
} satisfies Record<string, StepUpdate>;

export const partnerOrgStep = defineStep({
  id: 'partnerOrg',
  views: ['partnerOrg'],
  inputIds: Object.values(PARTNER_ORG_INPUTS),
  eventSchema: partnerOrgEventSchema,
  shownTo: (role) => role !== 'customer',
  readNext({ choice, inputs }, context) {
    if (context.partnerOrgFound !== null) {
      if (choice === 'correct') return readEvent<PartnerOrgEvent>({ type: 'PARTNER_ORG_CORRECT' });
      return choice === 'notCorrect'
        ? readEvent<PartnerOrgEvent>({ type: 'PARTNER_ORG_INCORRECT' })
        : UNSUPPORTED;
    }
    const parsed = parseInputs(partnerOrgInputSchema, inputs);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const { partnerAdminEmail: adminEmail, partnerCompanyName: companyName } = parsed.data;
    return {
      kind: 'read',
      facts: { ...NO_FACTS, membershipOf: adminEmail },
      toEvent: (facts) => {
        const belongsTo = need(facts, 'belongsTo');
        return unlessError<PartnerOrgEvent>(
          PARTNER_ORG_INPUTS.partnerAdminEmail,
          checkPartnerAdmin(belongsTo),
          {
            type: 'SUBMIT_PARTNER_ORG',
            adminEmail,
            companyName,
            facts: { belongsTo },
          },
        );
      },
    };
  },
});
