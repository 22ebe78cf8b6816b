import type { Filter } from 'mongodb';
import type { Org } from '../directory/directory.js';
import { emailDomain } from '../directory/emails.js';

/**
 * What a new organization may collide with, found in one query instead of one per address and
 * domain: the organizations that list one of the addresses, the partners that claim one of their
 * domains or one of the domains asked for, those with users at one of those domains, and the ids
 * given. The rules are then applied to what came back, in memory, as the separate look-ups did.
 */
export interface ConflictScope {
  ids: readonly string[];
  /** Addresses the new organization lists (each must belong to no other organization). */
  emails: readonly string[];
  /** Domains it claims (each must be claimed by no other partner, nor have users elsewhere). */
  domains: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The one filter of a scope (documents of `directory_orgs`). */
export function conflictFilter(scope: ConflictScope): Filter<{ _id: string }> {
  const emailDomains = [...new Set(scope.emails.map(emailDomain).filter((domain) => domain !== ''))];
  const clauses: Filter<{ _id: string }>[] = [];
  if (scope.ids.length > 0) clauses.push({ _id: { $in: [...scope.ids] } });
  if (scope.emails.length > 0) clauses.push({ memberEmails: { $in: [...scope.emails] } });
  const claimed = [...new Set([...emailDomains, ...scope.domains])];
  if (claimed.length > 0) clauses.push({ emailDomains: { $in: claimed } });
  for (const domain of scope.domains) clauses.push({ memberEmails: { $regex: `@${escapeRegExp(domain)}$` } });
  return clauses.length === 0 ? { _id: { $in: [] } } : { $or: clauses };
}

/** The organization (other than `exceptOrgId`) an address belongs to: listed on it, or at a domain a partner claims. */
function ownerOf(orgs: readonly Org[], email: string, exceptOrgId: string | undefined): string | undefined {
  const others = orgs.filter((org) => org.orgId !== exceptOrgId);
  const member = others.find((org) => org.memberEmails.includes(email));
  if (member !== undefined) return member.orgId;
  const domain = emailDomain(email);
  if (domain === '') return undefined;
  return others.find((org) => org.kind === 'partner' && org.emailDomains.includes(domain))?.orgId;
}

/** The first address that belongs to another organization, as `firstTakenEmail` answers it. */
export function takenEmailIn(
  orgs: readonly Org[],
  emails: readonly string[],
  exceptOrgId: string | undefined,
) {
  for (const email of emails) {
    const orgId = ownerOf(orgs, email, exceptOrgId);
    if (orgId !== undefined) return { kind: 'email_taken' as const, email, orgId };
  }
  return undefined;
}

/** The first domain another organization claims or has users at, as `firstTakenDomain` answers it. */
export function takenDomainIn(orgs: readonly Org[], domains: readonly string[], exceptOrgId: string) {
  for (const domain of domains) {
    const holder = orgs.find(
      (org) =>
        org.orgId !== exceptOrgId &&
        ((org.kind === 'partner' && org.emailDomains.includes(domain)) ||
          org.memberEmails.some((email) => email.endsWith(`@${domain}`))),
    );
    if (holder !== undefined) return { kind: 'domain_taken' as const, domain, orgId: holder.orgId };
  }
  return undefined;
}
