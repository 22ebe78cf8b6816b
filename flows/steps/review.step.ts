import { z } from 'zod';
import { EDIT_SECTIONS } from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  readEvent,
  type StepEventArgs,
  type StepUpdate,
  UNSUPPORTED,
} from './setup-step.js';

/** Step 7: everything at a glance, an Edit button per section, and Confirm. */

const editEventSchema = z.object({ type: z.literal('EDIT'), section: z.enum(EDIT_SECTIONS) });
export const reviewEventSchema = z.discriminatedUnion('type', [
  editEventSchema,
  z.object({ type: z.literal('CONFIRM') }),
]);
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
type EditEvent = z.infer<typeof editEventSchema>;

const editClickSchema = z.object({ choice: z.enum(EDIT_SECTIONS) });

const isEdit = isEventOf<EditEvent>('EDIT');
const sectionOf = (event: { type: string }) => (isEdit(event) ? event.section : null);

export const reviewGuards = {
  canEdit: ({ context, event }: StepEventArgs) => {
    const section = sectionOf(event);
    return section !== null && (section !== 'partner' || context.answers.role === 'partner');
  },
  editsPartner: ({ event }: StepEventArgs) => sectionOf(event) === 'partner',
  editsCustomerAdmin: ({ event }: StepEventArgs) => sectionOf(event) === 'customerAdmin',
  editsCompany: ({ event }: StepEventArgs) => sectionOf(event) === 'company',
};

export const reviewAnswers = {
  /** Remembers the section being edited, so the flow comes back to review afterwards. */
  assignEditing: ({ event }: StepEventArgs) => ({ editing: sectionOf(event) }),
} satisfies Record<string, StepUpdate>;

export const reviewStep = defineStep({
  id: 'review',
  views: ['review'],
  inputIds: [],
  eventSchema: reviewEventSchema,
  shownTo: () => true,
  readNext: ({ choice }) =>
    choice === 'confirm' ? readEvent<ReviewEvent>({ type: 'CONFIRM' }) : UNSUPPORTED,
  readEdit(click) {
    const parsed = editClickSchema.safeParse(click);
    return parsed.success
      ? readEvent<ReviewEvent>({ type: 'EDIT', section: parsed.data.choice })
      : UNSUPPORTED;
  },
});
