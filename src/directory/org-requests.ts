import type { CustomerOrg, NewCustomerOrg, NewPartnerOrg, PartnerOrg, Trial } from './directory.js';
import { normalizeEmail } from './emails.js';

/** A partner request with every default applied and every email and domain in canonical form. */
export interface PartnerOrgRequest {
  orgId: string | undefined;
  name: string;
  adminEmail: string;
  emailDomains: string[];
  memberEmails: string[];
}

/** A customer request with every default applied and every email in canonical form. */
export interface CustomerOrgRequest {
  orgId: string | undefined;
  name: string;
  adminEmail: string;
  countryCode: string;
  region: string | null;
  trial: Trial | null;
  partnerOrgId: string | undefined;
  memberEmails: string[];
  forOrderId: string | undefined;
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** Canonical form of a new partner organization: the administrator is its first member. */
export function toPartnerOrgRequest(input: NewPartnerOrg): PartnerOrgRequest {
  const adminEmail = normalizeEmail(input.adminEmail);
  return {
    orgId: input.orgId,
    name: input.name.trim(),
    adminEmail,
    emailDomains: sortedUnique(input.emailDomains.map(normalizeEmail)),
    memberEmails: sortedUnique((input.memberEmails ?? [adminEmail]).map(normalizeEmail)),
  };
}

/**
 * Canonical form of a new customer organization. The trial's administrator defaults to the
 * organization's, and both are members: each of them is a user of this organization.
 */
export function toCustomerOrgRequest(input: NewCustomerOrg): CustomerOrgRequest {
  const adminEmail = normalizeEmail(input.adminEmail);
  const trial =
    input.trial === undefined
      ? null
      : {
          expiresOn: input.trial.expiresOn,
          adminEmail: normalizeEmail(input.trial.adminEmail ?? adminEmail),
        };
  return {
    orgId: input.orgId,
    name: input.name.trim(),
    adminEmail,
    countryCode: input.countryCode.trim().toUpperCase(),
    region: input.region ?? null,
    trial,
    partnerOrgId: input.partnerOrgId,
    forOrderId: input.forOrderId,
    memberEmails: [
      ...new Set([
        ...(input.adminHeld === true ? [] : [adminEmail]),
        ...(trial === null ? [] : [trial.adminEmail]),
      ]),
    ],
  };
}

/**
 * True when the stored organization is what the request asks for, so replaying the request (same
 * `orgId`) is answered as done rather than as a conflict. Members added later do not count.
 */
export function matchesPartnerRequest(org: PartnerOrg, request: PartnerOrgRequest): boolean {
  return (
    org.name === request.name &&
    org.adminEmail === request.adminEmail &&
    sortedUnique(org.emailDomains).join(' ') === request.emailDomains.join(' ')
  );
}

/**
 * Same as `matchesPartnerRequest` for customers. A request without `partnerOrgId` matches whatever
 * partner was recorded since (the mapping step sets it), one with it must name the same partner.
 */
export function matchesCustomerRequest(org: CustomerOrg, request: CustomerOrgRequest): boolean {
  return (
    org.name === request.name &&
    org.adminEmail === request.adminEmail &&
    org.countryCode === request.countryCode &&
    org.region === request.region &&
    org.trial?.expiresOn === request.trial?.expiresOn &&
    org.trial?.adminEmail === request.trial?.adminEmail &&
    (request.partnerOrgId === undefined || org.partnerOrgId === request.partnerOrgId)
  );
}
