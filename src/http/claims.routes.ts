import express, { type Router } from 'express';
import { z } from 'zod';
import { CLAIM_ID_PATTERN, type DecideClaimOutcome, type DirectoryClaims } from '../directory/claims.js';
import type { Logger } from '../log/logger.js';
import { requireBearerToken } from './bearer-auth.js';
import { sendProblem, toRequestIssues } from './problems.js';

export interface ClaimsRouterOptions {
  claims: DirectoryClaims;
  /** The bearer token of the API (the same one as the orders API). */
  apiToken: string;
  logger: Logger;
  clock?: () => Date;
}

/** Who an API decision is recorded as: the API has one token, not people. */
export const API_DECIDER = 'orders-api';

const paramsSchema = z.object({
  claimId: z.string().regex(CLAIM_ID_PATTERN, 'must be CL- and 10 lower-case hex digits'),
});
const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
});

/** The answer to a decision: 200 with the claim when done, otherwise the status that says why. */
function answerOf(outcome: DecideClaimOutcome): { status: number; body: unknown } {
  switch (outcome.kind) {
    case 'approved':
    case 'refused':
      return { status: 200, body: outcome.claim };
    case 'not_found':
      return { status: 404, body: { error: `No claim has the id ${outcome.claimId}.` } };
    case 'already_decided':
      return {
        status: 409,
        body: { error: `The claim was already ${outcome.claim.status}.`, claim: outcome.claim },
      };
    case 'taken':
      return {
        status: 409,
        body: {
          error: `${outcome.claim.value} already belongs to organization ${outcome.orgId}: not approved.`,
          claim: outcome.claim,
        },
      };
    case 'org_missing':
      return {
        status: 409,
        body: { error: `Organization ${outcome.claim.orgId} no longer exists.`, claim: outcome.claim },
      };
  }
}

/**
 * The held claims, mounted under `/api` behind the API token: `GET /claims` (pending, oldest
 * first), `GET /claims/:claimId`, `POST /claims/:claimId/approve`, `POST /claims/:claimId/refuse`.
 */
export function createClaimsRouter(options: ClaimsRouterOptions): Router {
  const { claims, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const router = express.Router();
  router.use('/claims', requireBearerToken(options.apiToken));

  router.get('/claims', async (req, res) => {
    const query = listQuerySchema.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'Query is not valid.', toRequestIssues(query.error));
    res.json({ items: await claims.listPending(query.data.limit) });
  });

  router.get('/claims/:claimId', async (req, res) => {
    const params = paramsSchema.safeParse(req.params);
    if (!params.success)
      return sendProblem(res, 400, 'Claim id is not valid.', toRequestIssues(params.error));
    const claim = await claims.get(params.data.claimId);
    if (claim === null) return sendProblem(res, 404, `No claim has the id ${params.data.claimId}.`);
    res.json(claim);
  });

  for (const decision of ['approve', 'refuse'] as const) {
    router.post(`/claims/:claimId/${decision}`, async (req, res) => {
      const params = paramsSchema.safeParse(req.params);
      if (!params.success)
        return sendProblem(res, 400, 'Claim id is not valid.', toRequestIssues(params.error));
      const outcome = await claims.decide(params.data.claimId, decision, API_DECIDER, clock());
      logger.info({ claimId: params.data.claimId, decision, outcome: outcome.kind }, 'claim decided');
      const answer = answerOf(outcome);
      res.status(answer.status).json(answer.body);
    });
  }
  return router;
}
