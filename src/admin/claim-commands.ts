import type { AdminCardMessage } from '../../cards/admin/admin-card.types.js';
import { renderClaimAlert, renderClaimList, renderClaimOutcome } from '../../cards/admin/claim.card.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { ClaimDecision, ClaimHolder, DirectoryClaims } from '../directory/claims.js';
import type { Logger } from '../log/logger.js';
import type { AdminAlerts } from '../orders/ports.js';

/** How many pending claims `claims` lists (the oldest). */
export const CLAIM_LIST_LIMIT = 20;

/** The answer to `claims`. */
export async function listClaims(claims: DirectoryClaims, locale: Locale): Promise<AdminCardMessage> {
  return renderClaimList(await claims.listPending(CLAIM_LIST_LIMIT), locale);
}

/** An operator's approval or refusal, carried out; the answer says what it came to. */
export async function decideClaim(
  deps: { claims: DirectoryClaims; now: () => Date; logger: Logger },
  claimId: string,
  decision: ClaimDecision,
  by: string,
  locale: Locale,
): Promise<AdminCardMessage> {
  const outcome = await deps.claims.decide(claimId, decision, by, deps.now());
  deps.logger.info({ claimId, decision, outcome: outcome.kind }, 'claim decided');
  return renderClaimOutcome(outcome, locale);
}

/**
 * What a setup uses to hold what it named but did not earn: the claim is stored, and while it is
 * pending the administrators get the alert with Approve and Refuse (once per claim: the alert's key).
 */
export function createClaimHolder(options: {
  claims: DirectoryClaims;
  alerts: AdminAlerts;
  locale: Locale;
  now: () => Date;
}): ClaimHolder {
  return {
    async hold(input) {
      const { claim } = await options.claims.request(input, options.now());
      if (claim.status !== 'pending') return;
      await options.alerts.raise({
        key: `claim:${claim.claimId}`,
        kind: 'claim',
        orderId: claim.orderId,
        message: (({ card, text }) => ({ text, card: { ...card } }))(renderClaimAlert(claim, options.locale)),
      });
    },
  };
}
