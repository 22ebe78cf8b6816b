import { z } from 'zod';
import type { Answers, AttentionReason, OrderSetupContext } from './order-setup.schemas.js';

/**
 * Ordered migrations of stored snapshots, one per version step. Each takes the persisted snapshot of
 * version `from` (plain JSON, unchecked) and returns the persisted snapshot of version `to`, or null
 * when that particular conversation cannot be carried over (it then restarts with an apology).
 * The result is validated against the current schema before it is used, so a migration only has
 * to be right, not defensive about the target shape.
 */
export interface Migration {
  from: number;
  to: number;
  migrate: (persisted: unknown) => unknown | null;
}

/**
 * Version 0 was the first release: flat context, different state names, the region picked in a step
 * of its own (`chooseRegion`, dropped in version 1: the country implies the region), and no record
 * of hand-offs beyond the current owner.
 */
const v0Email = z.string().trim().toLowerCase().pipe(z.email());
const v0OrgRef = z.object({ orgId: z.string().min(1), name: z.string() });
const v0Schema = z.object({
  status: z.enum(['active', 'done']),
  value: z.enum([
    'chooseRole',
    'chooseSetter',
    'partnerOrganization',
    'customerAdministrator',
    'customerCompany',
    'chooseRegion',
    'customerOrganization',
    'summary',
    'finished',
    'escalated',
  ]),
  context: z.object({
    orderId: z.string().min(1),
    lang: z.enum(['en', 'hr']).catch('en'),
    contact: v0Email,
    owner: v0Email,
    partnerName: z.string().nullable().catch(null),
    customerName: z.string().nullable().catch(null),
    role: z.enum(['partner', 'customer']).nullable(),
    partnerOrg: v0OrgRef.extend({ adminEmail: v0Email }).nullable(),
    partnerOrgAnswer: z
      .union([
        v0OrgRef.extend({ adminEmail: v0Email }),
        z.object({ adminEmail: v0Email, companyName: z.string() }),
      ])
      .nullable(),
    customerAdmin: v0Email.nullable(),
    companyName: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    orgChoice: z.enum(['new', 'existing']).nullable(),
    existingOrg: v0OrgRef.nullable(),
    trial: v0OrgRef.extend({ adminEmail: v0Email, expired: z.boolean() }).nullable(),
    escalation: z.enum(['partner', 'customer', 'trial']).nullable(),
  }),
});
type V0 = z.infer<typeof v0Schema>;

const V0_STATES: Record<Exclude<V0['value'], 'chooseRegion'>, unknown> = {
  chooseRole: 'role',
  chooseSetter: 'whoSetsUp',
  partnerOrganization: 'partnerOrg',
  customerAdministrator: 'customerAdmin',
  customerCompany: 'company',
  customerOrganization: { customerOrg: 'choose' },
  summary: 'review',
  finished: 'done',
  escalated: 'needsAttention',
};

const V0_REASONS: Record<NonNullable<V0['context']['escalation']>, AttentionReason> = {
  partner: 'partner_org_incorrect',
  customer: 'customer_org_incorrect',
  trial: 'trial_expired',
};

function migrateAnswers(c: V0['context']): Answers {
  const p = c.partnerOrgAnswer;
  return {
    role: c.role,
    whoSetsUp: c.role === null ? null : c.owner === c.contact ? 'me' : 'colleague',
    partnerOrg: p === null ? null : 'orgId' in p ? { mode: 'existing', ...p } : { mode: 'create', ...p },
    customerAdminEmail: c.customerAdmin,
    company:
      c.companyName !== null && c.country !== null && c.region !== null
        ? { name: c.companyName, countryCode: c.country.toUpperCase(), regionCode: c.region }
        : null,
    customerOrg:
      c.orgChoice === 'new'
        ? { choice: 'new' }
        : c.orgChoice === 'existing' && c.existingOrg !== null
          ? { choice: 'existing', ...c.existingOrg }
          : null,
    pendingOrg: null,
  };
}

function migrateV0(persisted: unknown): unknown | null {
  const parsed = v0Schema.safeParse(persisted);
  if (!parsed.success) return null;
  const { value, context: c } = parsed.data;
  // The separate region step has no counterpart: its answer would have to be asked again anyway.
  if (value === 'chooseRegion') return null;
  const answers = migrateAnswers(c);
  const reviewReady =
    answers.role !== null &&
    answers.customerAdminEmail !== null &&
    answers.company !== null &&
    answers.customerOrg !== null;
  if (value === 'summary' && !reviewReady) return null;
  const attention = value === 'escalated' && c.escalation !== null ? V0_REASONS[c.escalation] : null;
  if (value === 'escalated' && attention === null) return null;
  const context: OrderSetupContext = {
    orderId: c.orderId,
    locale: c.lang,
    contactEmail: c.contact,
    ownerEmail: c.owner,
    previousOwners: c.owner === c.contact ? [] : [c.contact],
    partnerName: c.partnerName,
    customerName: c.customerName,
    partnerOrgFound: c.partnerOrg,
    trial: c.trial,
    answers,
    editing: null,
    attention,
  };
  return { status: parsed.data.status, value: V0_STATES[value], context };
}

/** Every migration, oldest first. Add one whenever `ORDER_SETUP_VERSION` is bumped. */
export const MIGRATIONS: readonly Migration[] = [{ from: 0, to: 1, migrate: migrateV0 }];
