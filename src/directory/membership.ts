import type {
  CustomerMappingRequest,
  CustomerOrg,
  Membership,
  Org,
  PartnerOrg,
  PartnerOrgLookup,
  RecordMappingOutcome,
} from './directory.js';
import { emailDomain } from './emails.js';

/**
 * The rules that turn raw facts about an email (the organization listing it, the partner
 * organizations claiming its domain) into answers. Pure, so any directory source shares them.
 */
export interface EmailFacts {
  /** The address, normalized. */
  email: string;
  /** The organization that lists the address among its members, if any (at most one). */
  listedOn: Org | null;
  /** Partner organizations that claim the address's domain; more than one is a data problem. */
  claimers: PartnerOrg[];
}

function membershipOf(email: string, org: Org, via: Membership['via']): Membership {
  return { email, kind: org.kind, orgId: org.orgId, orgName: org.name, via };
}

/**
 * Being listed on an organization wins over the domain (the more specific fact); a domain claimed by
 * several partners answers `ambiguous` rather than picking one.
 */
export function toPartnerOrgLookup(facts: EmailFacts): PartnerOrgLookup {
  const { email, listedOn, claimers } = facts;
  if (listedOn?.kind === 'partner') return { kind: 'found', org: listedOn, via: 'member' };
  if (listedOn?.kind === 'customer') {
    return { kind: 'customer_user', membership: membershipOf(email, listedOn, 'member') };
  }
  const [only] = claimers;
  if (only === undefined) return { kind: 'none' };
  if (claimers.length === 1) return { kind: 'found', org: only, via: 'domain' };
  return { kind: 'ambiguous', domain: emailDomain(email), orgIds: claimers.map((org) => org.orgId) };
}

/** The one organization the email belongs to, or `null` (unknown, or a domain claimed twice). */
export function toMembership(facts: EmailFacts): Membership | null {
  const { email, listedOn, claimers } = facts;
  // The customer organization goes with it, for its reader alone to decide what to show of it.
  if (listedOn?.kind === 'customer')
    return { ...membershipOf(email, listedOn, 'member'), customer: listedOn };
  if (listedOn !== null) return membershipOf(email, listedOn, 'member');
  const [only] = claimers;
  return only !== undefined && claimers.length === 1 ? membershipOf(email, only, 'domain') : null;
}

/**
 * Whether an order can be mapped to this customer by this partner: an outcome when the answer is
 * already known (done before, or refused), `undefined` when the mapping should be written.
 */
export function checkCustomerMapping(
  customer: CustomerOrg,
  request: CustomerMappingRequest,
): RecordMappingOutcome | undefined {
  const earlier = customer.mappings.find((mapping) => mapping.orderId === request.orderId);
  if (earlier !== undefined) {
    return earlier.partnerOrgId === request.partnerOrgId
      ? { kind: 'already_recorded', org: customer }
      : { kind: 'other_partner', partnerOrgId: earlier.partnerOrgId };
  }
  // A customer organization is managed by one partner; a second partner is told, not let in.
  if (customer.partnerOrgId !== null && customer.partnerOrgId !== request.partnerOrgId) {
    return { kind: 'other_partner', partnerOrgId: customer.partnerOrgId };
  }
  return undefined;
}
