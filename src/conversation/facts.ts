import type { Membership, PartnerOrgFound, Trial } from '../../flows/order-setup.schemas.js';
import { isTrialExpired } from '../directory/trial.js';
import type { ConversationContext } from './conversation-deps.js';

/** Directory look-ups, turned into the plain facts the flow's rules decide on. */

export async function lookUpMembership(ctx: ConversationContext, email: string): Promise<Membership | null> {
  const found = await ctx.directory.findMembership(email);
  return found === null ? null : { orgId: found.orgId, name: found.orgName, kind: found.kind };
}

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
    adminEmail: org.trial.adminEmail,
    expired: isTrialExpired(org, ctx.now()),
  };
}
