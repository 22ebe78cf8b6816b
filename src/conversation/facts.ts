import type { Membership, PartnerOrgFound, Trial } from '../../flows/order-setup.schemas.js';
import type { FactsRequest, StepFacts } from '../../flows/steps/setup-step.js';
import type { CustomerOrg } from '../directory/directory.js';
import { isTrialExpired } from '../directory/trial.js';
import type { ConversationContext } from './conversation-deps.js';

/** Directory look-ups, turned into the plain facts the flow's rules decide on. */

/**
 * Answers what a setup step asked to know before its event is built; only the requested facts are
 * looked up. `trialOrgId` is the order's trial, looked up again because it may have expired.
 */
export async function lookUpFacts(
  ctx: ConversationContext,
  request: FactsRequest,
  viewer: FactsViewer,
): Promise<StepFacts> {
  // Independent reads, made at once: the person waits for the slowest, not for their sum.
  const [belongsTo, partnerOrg, trial] = await Promise.all([
    request.membershipOf === null ? undefined : lookUpMembership(ctx, request.membershipOf, viewer),
    request.partnerOrgOf === null ? undefined : lookUpPartnerOrg(ctx, request.partnerOrgOf),
    request.trial ? lookUpTrial(ctx, viewer.trialOrgId) : undefined,
  ]);
  const facts: StepFacts = {};
  if (belongsTo !== undefined) facts.belongsTo = belongsTo;
  if (partnerOrg !== undefined) facts.partnerOrg = partnerOrg;
  if (trial !== undefined) facts.trial = trial;
  return facts;
}

/** Who asks: the answers of the directory depend on it. */
export interface FactsViewer {
  /** The setup's owner. */
  ownerEmail: string;
  /** The partner organization the setup confirmed (an existing one), or null. */
  partnerOrgId: string | null;
  /** The order's trial organization, or null. */
  trialOrgId: string | null;
}

/**
 * Whether the asker may see a customer organization's details: its own partner, its own users, or
 * the order that names it as its trial. One that no partner manages is shown to no partner: knowing
 * its administrator's address must not be enough to see it, or to become its partner.
 */
export function maySeeCustomerOrg(org: CustomerOrg, viewer: FactsViewer): boolean {
  return (
    org.orgId === viewer.trialOrgId ||
    org.partnerOrgId === viewer.partnerOrgId ||
    org.memberEmails.includes(viewer.ownerEmail.toLowerCase())
  );
}

/** What another partner's customer organization looks like: taken, and nothing more. */
const HIDDEN_CUSTOMER: Membership = {
  kind: 'customer',
  orgId: '(hidden)',
  name: '',
  regionCode: null,
  hidden: true,
};

/** The organization an address already belongs to, if any, as far as the asker may know. */
export async function lookUpMembership(
  ctx: ConversationContext,
  email: string,
  viewer: FactsViewer,
): Promise<Membership | null> {
  const found = await ctx.directory.findMembership(email);
  if (found === null) return null;
  const membership = { orgId: found.orgId, name: found.orgName, kind: found.kind };
  if (found.kind !== 'customer') return membership;
  // An existing customer organization keeps its region, so the setup must know it (read with the
  // membership when the organization lists the address).
  const org = found.customer ?? (await ctx.directory.getCustomerOrg(found.orgId));
  if (org !== null && !maySeeCustomerOrg(org, viewer)) return HIDDEN_CUSTOMER;
  return { ...membership, regionCode: org?.region ?? null };
}

/** The partner organization that claims the address's domain, if exactly one does. */
export async function lookUpPartnerOrg(
  ctx: ConversationContext,
  email: string,
): Promise<PartnerOrgFound | null> {
  const lookup = await ctx.directory.findPartnerOrgForEmail(email);
  if (lookup.kind === 'ambiguous') {
    ctx.logger.warn(
      { domain: lookup.domain, orgIds: lookup.orgIds },
      'email domain claimed by several partner orgs',
    );
  }
  return lookup.kind === 'found'
    ? { orgId: lookup.org.orgId, name: lookup.org.name, adminEmail: lookup.org.adminEmail }
    : null;
}

/** The order's trial as it stands now (it may have expired since the order was placed). */
export async function lookUpTrial(
  ctx: ConversationContext,
  trialOrgId: string | null,
): Promise<Trial | null> {
  if (trialOrgId === null) return null;
  const org = await ctx.directory.getCustomerOrg(trialOrgId);
  if (org === null || org.trial === null) return null;
  return {
    orgId: org.orgId,
    name: org.name,
    regionCode: org.region,
    adminEmail: org.trial.adminEmail,
    expired: isTrialExpired(org, ctx.now()),
  };
}
