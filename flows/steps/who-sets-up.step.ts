import { z } from 'zod';
import type { FieldErrorKey } from '../order-setup.errors.js';
import { emailSchema, partnerOrgFoundSchema } from '../order-setup.schemas.js';
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

/** Step 2: set up yourself, or hand the setup to a colleague (their email is typed first). */

export const WHO_SETS_UP_INPUTS = { handoffEmail: 'handoffEmail' } as const;

const handOffEventSchema = z.object({
  type: z.literal('HAND_OFF'),
  email: emailSchema,
  /** Whether the colleague must share the owner's email domain (a deployment setting). */
  sameDomainRequired: z.boolean(),
  /** The partner organization found for the colleague (partners only; null otherwise). */
  facts: z.object({ partnerOrg: partnerOrgFoundSchema.nullable() }),
});
export const whoSetsUpEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SET_UP_MYSELF') }),
  handOffEventSchema,
]);
export type WhoSetsUpEvent = z.infer<typeof whoSetsUpEventSchema>;
export type HandOffEvent = z.infer<typeof handOffEventSchema>;

const handOffInputSchema = z.object({ [WHO_SETS_UP_INPUTS.handoffEmail]: emailSchema });

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

const isHandOff = isEventOf<HandOffEvent>('HAND_OFF');

export const whoSetsUpGuards = {
  canHandOff: ({ context, event }: StepEventArgs) =>
    isHandOff(event) && checkHandOff(event.email, context.ownerEmail, event.sameDomainRequired) === null,
};

export const whoSetsUpAnswers = {
  assignSetUpMyself: ({ context }: StepEventArgs) => ({
    answers: { ...context.answers, whoSetsUp: 'me' as const },
  }),
  assignHandOff: ({ context, event }: StepEventArgs) => {
    if (!isHandOff(event)) return {};
    return {
      ownerEmail: event.email,
      // The stored schema caps the history; keep the latest owners rather than break the snapshot.
      previousOwners: [...context.previousOwners, context.ownerEmail].slice(-50),
      partnerOrgFound: context.answers.role === 'partner' ? event.facts.partnerOrg : context.partnerOrgFound,
      answers: { ...context.answers, whoSetsUp: 'colleague' as const },
    };
  },
} satisfies Record<string, StepUpdate>;

export const whoSetsUpStep = defineStep({
  id: 'whoSetsUp',
  views: ['whoSetsUp'],
  inputIds: Object.values(WHO_SETS_UP_INPUTS),
  eventSchema: whoSetsUpEventSchema,
  shownTo: () => true,
  readNext({ choice, inputs }, context, { sameDomainRequired }) {
    if (choice === 'me') return readEvent<WhoSetsUpEvent>({ type: 'SET_UP_MYSELF' });
    if (choice !== 'colleague') return UNSUPPORTED;
    const parsed = parseInputs(handOffInputSchema, inputs);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const email = parsed.data.handoffEmail;
    // A partner's colleague meets the partner organization step next: look theirs up now.
    const isPartner = context.answers.role === 'partner';
    return {
      kind: 'read',
      facts: isPartner ? { ...NO_FACTS, partnerOrgOf: email } : NO_FACTS,
      toEvent: (facts) => {
        const error = checkHandOff(email, context.ownerEmail, sameDomainRequired);
        const partnerOrg = isPartner ? need(facts, 'partnerOrg') : null;
        return unlessError<WhoSetsUpEvent>(WHO_SETS_UP_INPUTS.handoffEmail, error, {
          type: 'HAND_OFF',
          email,
          sameDomainRequired,
          facts: { partnerOrg },
        });
      },
    };
  },
});
