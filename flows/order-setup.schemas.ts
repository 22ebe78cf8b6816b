import { z } from 'zod';
import { countryCodeText } from './countries.js';
import { normalizeName, refuseBadName } from './name-text.js';

/**
 * Schemas of everything the order-setup machine holds or receives from outside: the order facts the
 * conversation passes as `input`, the directory facts it looks up before an event, and the context.
 * The context schema is also what a stored snapshot is checked against before it is restored.
 */

export const LOCALES = ['en', 'hr'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Email addresses are compared lower-case and trimmed everywhere. 254 is the SMTP path limit. */
export const emailSchema = z
  .string({ error: 'error.required' })
  .trim()
  .toLowerCase()
  .min(1, 'error.required')
  .max(254, 'error.emailTooLong')
  .pipe(z.email('error.emailInvalid'));

/**
 * Company names as typed on a card: required, at most 120 characters (the card's own limit); mention
 * markup and hidden control characters are refused, zero-width characters removed (name-text.ts).
 */
export const companyNameSchema = z
  .string({ error: 'error.required' })
  .superRefine(
    refuseBadName({
      mention: 'error.nameMention',
      control: 'error.nameHidden',
      bidi: 'error.nameHidden',
      link: 'error.nameLink',
    }),
  )
  .overwrite(normalizeName)
  .min(1, 'error.required')
  .max(120, 'error.textTooLong');

const idText = z.string().trim().min(1).max(200);
const nameText = z.string().trim().max(200);

/** A Webex organization as the directory reports it. */
export const orgRefSchema = z.object({ orgId: idText, name: nameText });
export type OrgRef = z.infer<typeof orgRefSchema>;

/**
 * A customer organization's data-residency region, as the directory reports it; null when it does
 * not say, absent in snapshots stored before regions were kept.
 */
const orgRegionSchema = idText.nullable().optional();

/** A customer organization that already exists: it keeps its own data-residency region. */
export const customerOrgRefSchema = orgRefSchema.extend({ regionCode: orgRegionSchema });
export type CustomerOrgRef = z.infer<typeof customerOrgRefSchema>;

/** The partner organization the directory found for a person (the owner, or a hand-off colleague). */
export const partnerOrgFoundSchema = orgRefSchema.extend({ adminEmail: emailSchema });
export type PartnerOrgFound = z.infer<typeof partnerOrgFoundSchema>;

/** The Webex Contact Center trial an order maps to. */
export const trialSchema = customerOrgRefSchema.extend({ adminEmail: emailSchema, expired: z.boolean() });
export type Trial = z.infer<typeof trialSchema>;

/**
 * The organization an email address already belongs to. `kind` says whether it is a partner
 * organization (never acceptable as the customer's organization) or a customer organization.
 */
export const membershipSchema = customerOrgRefSchema.extend({
  kind: z.enum(['partner', 'customer']),
  /**
   * A customer organization managed by another partner: the asker learns that the address is taken,
   * never which organization has it (its id and name are placeholders).
   */
  hidden: z.literal(true).optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** Facts for a customer-administrator email: the organization it belongs to, and the order's trial. */
export const customerFactsSchema = z.object({
  belongsTo: membershipSchema.nullable(),
  trial: trialSchema.nullable(),
});
export type CustomerFacts = z.infer<typeof customerFactsSchema>;

export const ROLES = ['partner', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** What the conversation knows about the order when the conversation starts (the machine's `input`). */
export const orderSetupInputSchema = z.object({
  orderId: idText,
  locale: localeSchema,
  /** The provisioning contact email from the order. */
  contactEmail: emailSchema,
  /** Who drives the setup now; normally the contact. */
  ownerEmail: emailSchema,
  partnerName: nameText.nullable(),
  customerName: nameText.nullable(),
  /** The partner organization found for the owner, or null on a partner's first order. */
  partnerOrg: partnerOrgFoundSchema.nullable(),
  /** The trial the order maps to, or null. */
  trial: trialSchema.nullable(),
});
export type OrderSetupInput = z.infer<typeof orderSetupInputSchema>;

const partnerOrgAnswerSchema = z.discriminatedUnion('mode', [
  partnerOrgFoundSchema.extend({ mode: z.literal('existing') }),
  z.object({ mode: z.literal('create'), adminEmail: emailSchema, companyName: nameText.min(1) }),
]);

const customerOrgAnswerSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('new') }),
  customerOrgRefSchema.extend({ choice: z.literal('existing') }),
]);

/** Everything typed so far; `RESTART` resets exactly this. */
export const answersSchema = z.object({
  role: z.enum(ROLES).nullable(),
  whoSetsUp: z.enum(['me', 'colleague']).nullable(),
  partnerOrg: partnerOrgAnswerSchema.nullable(),
  customerAdminEmail: emailSchema.nullable(),
  company: z.object({ name: nameText.min(1), countryCode: countryCodeText, regionCode: idText }).nullable(),
  customerOrg: customerOrgAnswerSchema.nullable(),
  /** The existing organization shown for confirmation, before it is confirmed. */
  pendingOrg: customerOrgRefSchema.nullable(),
});
export type Answers = z.infer<typeof answersSchema>;

export const EDIT_SECTIONS = ['partner', 'customerAdmin', 'company'] as const;
export type EditSection = (typeof EDIT_SECTIONS)[number];

export const ATTENTION_REASONS = [
  'partner_org_incorrect',
  'customer_org_incorrect',
  'trial_expired',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export const orderSetupContextSchema = z.object({
  orderId: idText,
  locale: localeSchema,
  contactEmail: emailSchema,
  ownerEmail: emailSchema,
  /** Owners before each hand-off, oldest first. */
  previousOwners: z.array(emailSchema).max(50),
  partnerName: nameText.nullable(),
  customerName: nameText.nullable(),
  partnerOrgFound: partnerOrgFoundSchema.nullable(),
  trial: trialSchema.nullable(),
  answers: answersSchema,
  /** Set while a review section is being edited, so the flow returns to review afterwards. */
  editing: z.enum(EDIT_SECTIONS).nullable(),
  attention: z.enum(ATTENTION_REASONS).nullable(),
});
export type OrderSetupContext = z.infer<typeof orderSetupContextSchema>;

export const EMPTY_ANSWERS: Answers = {
  role: null,
  whoSetsUp: null,
  partnerOrg: null,
  customerAdminEmail: null,
  company: null,
  customerOrg: null,
  pendingOrg: null,
};

/** Builds the first context from the order facts. */
export function createInitialContext(input: OrderSetupInput): OrderSetupContext {
  return {
    orderId: input.orderId,
    locale: input.locale,
    contactEmail: input.contactEmail,
    ownerEmail: input.ownerEmail,
    previousOwners: [],
    partnerName: input.partnerName,
    customerName: input.customerName,
    partnerOrgFound: input.partnerOrg,
    trial: input.trial,
    answers: EMPTY_ANSWERS,
    editing: null,
    attention: null,
  };
}
