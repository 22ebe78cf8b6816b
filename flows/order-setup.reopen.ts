import { z } from 'zod';
import { partnerOrgFoundSchema, trialSchema } from './order-setup.schemas.js';
import { isEventOf, type StepEventArgs, type StepUpdate } from './steps/setup-step.js';

/**
 * The ways out of the two endings, for what happens outside the conversation: an administrator
 * who fixed the cause of "needs attention" resolves it (`RESOLVE`), and the directory may refuse
 * a confirmed setup's organizations (`COMPLETION_REFUSED`). Both keep every answer given so far.
 */

/** States a setup waits in, reached by the last step or by "needs attention": nothing but these events leaves them. */
export const ENDED_TAG = 'ended';

/**
 * An administrator resolved the order. The facts are looked up again by the conversation, since the
 * fix is usually in the directory (a corrected partner organization, a renewed trial).
 */
export const resolveEventSchema = z.object({
  type: z.literal('RESOLVE'),
  facts: z.object({ partnerOrg: partnerOrgFoundSchema.nullable(), trial: trialSchema.nullable() }),
});
export type ResolveEvent = z.infer<typeof resolveEventSchema>;

/** The directory refused the confirmed customer administrator (another organization took it meanwhile). */
export const completionRefusedEventSchema = z.object({
  type: z.literal('COMPLETION_REFUSED'),
  field: z.literal('customerAdmin'),
});

/** The events that may leave an ended state. */
export const REOPEN_EVENTS: ReadonlySet<string> = new Set(['RESOLVE', 'COMPLETION_REFUSED']);

const isResolve = isEventOf<ResolveEvent>('RESOLVE');

export const reopenGuards = {
  /** The partner organization raised the attention: back to that step, not to the customer's. */
  attentionOnPartnerOrg: ({ context }: StepEventArgs) => context.attention === 'partner_org_incorrect',
};

export const reopenAnswers = {
  /** Fresh directory facts, and no attention any more; the answers and an edit under way stay. */
  assignResolved: ({ event }: StepEventArgs) =>
    isResolve(event)
      ? { partnerOrgFound: event.facts.partnerOrg, trial: event.facts.trial, attention: null }
      : {},
  /** The administrator is entered again as an edit, so the flow re-confirms the organization and returns to review. */
  assignRefusedAdmin: () => ({ editing: 'customerAdmin' as const }),
} satisfies Record<string, StepUpdate>;
