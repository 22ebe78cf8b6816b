import { createHash } from 'node:crypto';

/**
 * Claims: what a setup named but could not earn. A setup earns only what its owner's Webex identity
 * proves (their own address, and their address's domain unless it is a public mail domain). Any other
 * domain or address it names (the partner administrator's, the customer administrator's) is held as a
 * claim until an operator approves it; until then it belongs to nobody, so it neither blocks nor
 * maps anyone.
 */

/** A domain for a partner organization, or one address for an organization of either kind. */
export type ClaimKind = 'domain' | 'email';
export type ClaimStatus = 'pending' | 'approved' | 'refused';
export type ClaimDecision = 'approve' | 'refuse';

export interface DirectoryClaim {
  /** `CL-` and 10 hex digits, derived from the organization, kind and value (a replay finds it). */
  claimId: string;
  kind: ClaimKind;
  /** The domain or the address, in lower case. */
  value: string;
  orgId: string;
  orgKind: 'partner' | 'customer';
  orgName: string;
  /** The order whose setup named it. */
  orderId: string;
  /** The setup's owner: the person who named it. */
  requestedBy: string;
  status: ClaimStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export type NewClaim = Pick<
  DirectoryClaim,
  'kind' | 'value' | 'orgId' | 'orgKind' | 'orgName' | 'orderId' | 'requestedBy'
>;

export type DecideClaimOutcome =
  | { kind: 'approved'; claim: DirectoryClaim }
  | { kind: 'refused'; claim: DirectoryClaim }
  /** Decided before (by anyone): nothing changed. */
  | { kind: 'already_decided'; claim: DirectoryClaim }
  | { kind: 'not_found'; claimId: string }
  /** Another organization holds the domain or address (or has users at the domain): not approved. */
  | { kind: 'taken'; claim: DirectoryClaim; orgId: string }
  /** The organization it was named for no longer exists. */
  | { kind: 'org_missing'; claim: DirectoryClaim };

/** The port of held claims; the MongoDB implementation is `src/storage/directory-claims.store.ts`. */
export interface DirectoryClaims {
  /** Records a claim (idempotent): the stored one, and whether this call created it. */
  request(claim: NewClaim, now: Date): Promise<{ claim: DirectoryClaim; created: boolean }>;
  get(claimId: string): Promise<DirectoryClaim | null>;
  /** Pending claims, oldest first. */
  listPending(limit: number): Promise<DirectoryClaim[]>;
  /** Approving ties the domain or address to the organization, unless someone else holds it. */
  decide(claimId: string, decision: ClaimDecision, by: string, now: Date): Promise<DecideClaimOutcome>;
}

/** What a setup hands what it named but did not earn: stored, and the operators alerted. */
export interface ClaimHolder {
  hold(claim: NewClaim): Promise<void>;
}

/** What a claim id looks like (typed commands and the API check it before any look-up). */
export const CLAIM_ID_PATTERN = /^CL-[0-9a-f]{10}$/;

/** The claim id of a value named for an organization: the same inputs always give the same id. */
export function claimIdOf(orgId: string, kind: ClaimKind, value: string): string {
  return `CL-${createHash('sha256').update(`${orgId}\n${kind}\n${value}`).digest('hex').slice(0, 10)}`;
}
