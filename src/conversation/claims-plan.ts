import type { ClaimKind } from '../directory/claims.js';
import { emailDomain, isPublicEmailDomain, normalizeEmail } from '../directory/emails.js';

/** What a new partner organization gets at once, and what is held for an operator. */
export interface PartnerClaimsPlan {
  /** The owner's domain, unless it is a public mail domain. */
  domains: string[];
  /** The owner, and the administrator when at the owner's domain (or the owner themself). */
  members: string[];
  /** What the setup named beyond that: the administrator's address and its domain. */
  held: Array<{ kind: ClaimKind; value: string }>;
}

/**
 * Domains are earned, not typed: the setup's owner is a Webex identity the bot has talked to, so
 * their address and their domain are theirs to claim. The administrator address they typed proves
 * nothing, so it, and its domain, wait for an operator (public mail domains are never claimed).
 */
export function planPartnerClaims(ownerEmail: string, adminEmail: string): PartnerClaimsPlan {
  const owner = normalizeEmail(ownerEmail);
  const admin = normalizeEmail(adminEmail);
  const ownerDomain = emailDomain(owner);
  const domains = isPublicEmailDomain(ownerDomain) ? [] : [ownerDomain];
  const adminDomain = emailDomain(admin);
  const adminEarned = admin === owner || domains.includes(adminDomain);
  const held: PartnerClaimsPlan['held'] = [];
  if (!adminEarned) {
    held.push({ kind: 'email', value: admin });
    if (!isPublicEmailDomain(adminDomain) && adminDomain !== ownerDomain)
      held.push({ kind: 'domain', value: adminDomain });
  }
  return { domains, members: adminEarned && admin !== owner ? [owner, admin] : [owner], held };
}
