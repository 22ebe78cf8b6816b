import { z } from 'zod';
import {
  EDIT_SECTIONS,
  emailSchema,
  localeSchema,
  membershipSchema,
  partnerOrgFoundSchema,
  ROLES,
  trialSchema,
} from './order-setup.schemas.js';

/**
 * The events the order-setup machine accepts. Directory facts (who belongs where, the trial) are
 * looked up by the dispatcher BEFORE the event is sent and travel inside it, so the machine stays
 * pure and its guards can decide on them. The guards parse each event with these schemas again, so
 * a forged or half-built event cannot move the flow.
 */

const companyNameSchema = z
  .string({ error: 'error.required' })
  .trim()
  .min(1, 'error.required')
  .max(120, 'error.textTooLong');

/** Facts for a customer-administrator email: the organization it belongs to, and the order's trial. */
export const customerFactsSchema = z.object({
  belongsTo: membershipSchema.nullable(),
  trial: trialSchema.nullable(),
});
export type CustomerFacts = z.infer<typeof customerFactsSchema>;

export const orderSetupEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CHOOSE_ROLE'), role: z.enum(ROLES) }),
  z.object({ type: z.literal('SET_UP_MYSELF') }),
  z.object({
    type: z.literal('HAND_OFF'),
    email: emailSchema,
    /** Whether the colleague must share the owner's email domain (a deployment setting). */
    sameDomainRequired: z.boolean(),
    /** The partner organization found for the colleague (partners only; null otherwise). */
    facts: z.object({ partnerOrg: partnerOrgFoundSchema.nullable() }),
  }),
  z.object({ type: z.literal('PARTNER_ORG_CORRECT') }),
  z.object({ type: z.literal('PARTNER_ORG_INCORRECT') }),
  z.object({
    type: z.literal('SUBMIT_PARTNER_ORG'),
    adminEmail: emailSchema,
    companyName: companyNameSchema,
    facts: z.object({ belongsTo: membershipSchema.nullable() }),
  }),
  z.object({ type: z.literal('SUBMIT_CUSTOMER_ADMIN'), email: emailSchema, facts: customerFactsSchema }),
  z.object({
    type: z.literal('SUBMIT_COMPANY'),
    name: companyNameSchema,
    /** Resolved from the allowed-countries list by `validateSubmit`. */
    country: z.object({ code: z.string().regex(/^[A-Z]{2}$/), regionCode: z.string().min(1).max(40) }),
  }),
  z.object({
    type: z.literal('SUBMIT_CUSTOMER_ORG'),
    choice: z.enum(['new', 'existing']),
    /** Facts for the customer administrator chosen earlier, looked up again now. */
    facts: customerFactsSchema,
  }),
  z.object({ type: z.literal('CONFIRM_EXISTING_ORG') }),
  z.object({ type: z.literal('EXISTING_ORG_INCORRECT') }),
  z.object({ type: z.literal('EDIT'), section: z.enum(EDIT_SECTIONS) }),
  z.object({ type: z.literal('CONFIRM') }),
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('RESTART') }),
  z.object({ type: z.literal('SET_LOCALE'), locale: localeSchema }),
  /** An administrator (or a new provisioning contact) takes the setup over; answers are kept. */
  z.object({ type: z.literal('REASSIGN'), email: emailSchema }),
]);

export type OrderSetupEvent = z.infer<typeof orderSetupEventSchema>;
export type OrderSetupEventType = OrderSetupEvent['type'];
export type EventOf<T extends OrderSetupEventType> = Extract<OrderSetupEvent, { type: T }>;

export { companyNameSchema };
