import { z } from 'zod';
import { completionRefusedEventSchema, resolveEventSchema } from './order-setup.reopen.js';
import { emailSchema, localeSchema } from './order-setup.schemas.js';
import { companyEventSchema } from './steps/company.step.js';
import { customerAdminEventSchema } from './steps/customer-admin.step.js';
import { customerOrgEventSchema } from './steps/customer-org.step.js';
import { partnerOrgEventSchema } from './steps/partner-org.step.js';
import { reviewEventSchema } from './steps/review.step.js';
import { roleEventSchema } from './steps/role.step.js';
import { whoSetsUpEventSchema } from './steps/who-sets-up.step.js';

/**
 * The events the order-setup machine accepts: each step's own, and those valid on any step.
 * Directory facts travel inside the events (looked up before they are sent), so the machine stays
 * pure. `advanceOrderSetup` checks every event once with this schema; guards and actions trust it.
 */
export const orderSetupEventSchema = z.discriminatedUnion('type', [
  roleEventSchema,
  whoSetsUpEventSchema,
  partnerOrgEventSchema,
  customerAdminEventSchema,
  companyEventSchema,
  customerOrgEventSchema,
  reviewEventSchema,
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('RESTART') }),
  z.object({ type: z.literal('SET_LOCALE'), locale: localeSchema }),
  /** An administrator (or a new provisioning contact) takes the setup over; answers are kept. */
  z.object({ type: z.literal('REASSIGN'), email: emailSchema }),
  resolveEventSchema,
  completionRefusedEventSchema,
]);

export type OrderSetupEvent = z.infer<typeof orderSetupEventSchema>;
export type OrderSetupEventType = OrderSetupEvent['type'];
export type EventOf<T extends OrderSetupEventType> = Extract<OrderSetupEvent, { type: T }>;
