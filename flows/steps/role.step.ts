import { z } from 'zod';
import { ROLES } from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  readEvent,
  type StepEventArgs,
  type StepUpdate,
  UNSUPPORTED,
} from './setup-step.js';

/** Step 1: partner or customer, chosen by button. */

export const roleEventSchema = z.object({ type: z.literal('CHOOSE_ROLE'), role: z.enum(ROLES) });
export type RoleEvent = z.infer<typeof roleEventSchema>;

const roleClickSchema = z.object({ choice: z.enum(ROLES) });

const isChooseRole = isEventOf<RoleEvent>('CHOOSE_ROLE');

export const roleAnswers = {
  assignRole: ({ context, event }: StepEventArgs) => {
    const role = isChooseRole(event) ? event.role : context.answers.role;
    // A customer has no partner organization step: drop what a partner answer left behind.
    const partnerOrg = role === 'partner' ? context.answers.partnerOrg : null;
    return { answers: { ...context.answers, role, partnerOrg } };
  },
} satisfies Record<string, StepUpdate>;

export const roleStep = defineStep({
  id: 'role',
  views: ['role'],
  inputIds: [],
  eventSchema: roleEventSchema,
  shownTo: () => true,
  readNext(click) {
    const parsed = roleClickSchema.safeParse(click);
    return parsed.success
      ? readEvent<RoleEvent>({ type: 'CHOOSE_ROLE', role: parsed.data.choice })
      : UNSUPPORTED;
  },
});
