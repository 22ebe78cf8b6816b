import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type {
  CreateCustomerOrgOutcome,
  CreatePartnerOrgOutcome,
  CustomerOrg,
  Directory,
  Org,
} from '../directory/directory.js';
import { newCustomerOrgSchema, newPartnerOrgSchema, orgIdSchema } from '../directory/org-input.schemas.js';
import { trialStatus } from '../directory/trial.js';
import type { Logger } from '../log/logger.js';
import { requireBearerToken } from './bearer-auth.js';
import { type RequestIssue, sendProblem } from './problems.js';

export interface DirectoryRouterOptions {
  directory: Directory;
  /** The bearer token of the API (the same one as the orders API). */
  apiToken: string;
  /** Whether a country may be named as country of operation (from the countries list). */
  isKnownCountry: (code: string) => boolean;
  /** The data-residency region a known country implies. */
  regionOf: (code: string) => string | undefined;
  logger: Logger;
  clock?: () => Date;
  /** The zone in which a trial's last day is judged (the operator's default time zone). */
  timeZone?: string;
}

const BODY_LIMIT = '16kb';

const listQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
  after: orgIdSchema.optional(),
});
const orgIdParamsSchema = z.object({ orgId: orgIdSchema });
const customerListQuerySchema = listQuerySchema.extend({ partnerOrgId: orgIdSchema.optional() });

/** zod issues as `{ path, message }`, with each unknown field named on its own. */
function toIssues(error: z.ZodError): RequestIssue[] {
  const join = (parts: PropertyKey[]) => parts.map(String).join('.') || '(body)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: join(issue.path), message: issue.message }],
  );
}

/** Parses with `schema` or answers 400 (415 when the body was not JSON at all) and returns undefined. */
function parseOr400<S extends z.ZodType>(
  res: Response,
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendProblem(res, 400, `${what} is not valid.`, toIssues(parsed.error));
  return undefined;
}

type Conflict = Exclude<
  CreatePartnerOrgOutcome | CreateCustomerOrgOutcome,
  { kind: 'created' | 'unchanged' }
>;

/** The answer to a creation that did not happen: which field collides with what, and with whom. */
function describeConflict(
  outcome: Conflict,
  body: { adminEmail: string; emailDomains?: string[] },
): { status: number; error: string; issues: RequestIssue[] } {
  switch (outcome.kind) {
    case 'id_taken':
      return {
        status: 409,
        error: `Organization ${outcome.orgId} already exists with other details.`,
        issues: [{ path: 'orgId', message: 'is used by an organization with other details' }],
      };
    case 'email_taken':
      return {
        status: 409,
        error: `${outcome.email} already belongs to organization ${outcome.orgId}; a user belongs to only one Webex organization.`,
        issues: [
          {
            path: outcome.email === body.adminEmail ? 'adminEmail' : 'trial.adminEmail',
            message: `already belongs to organization ${outcome.orgId}`,
          },
        ],
      };
    case 'domain_taken':
      return {
        status: 409,
        error: `The domain ${outcome.domain} is claimed by, or has users in, organization ${outcome.orgId}.`,
        issues: [
          {
            path: `emailDomains.${Math.max(0, body.emailDomains?.indexOf(outcome.domain) ?? 0)}`,
            message: `is claimed by, or has users in, organization ${outcome.orgId}`,
          },
        ],
      };
    case 'partner_not_found':
      return {
        status: 400,
        error: 'Customer organization is not valid.',
        issues: [{ path: 'partnerOrgId', message: 'no partner organization has this id' }],
      };
  }
}

function requireJsonBody(req: Request, res: Response): boolean {
  if (req.body !== undefined) return true;
  sendProblem(res, 415, 'Send the body as JSON, with Content-Type: application/json.');
  return false;
}

/**
 * The directory API, mounted under `/api`: `POST|GET /partner-orgs`, `GET /partner-orgs/:orgId`,
 * `POST|GET /customer-orgs`, `GET /customer-orgs/:orgId`. A POST that names an `orgId` can be
 * replayed: the same details answer 200 with the stored organization, other details 409.
 */
export function createDirectoryRouter(options: DirectoryRouterOptions): Router {
  const { directory, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const customerBodySchema = newCustomerOrgSchema(options.isKnownCountry);
  const router = express.Router();
  // Scoped to this router's paths so requests for other routers mounted at /api pass untouched.
  router.use(
    ['/partner-orgs', '/customer-orgs'],
    requireBearerToken(options.apiToken),
    express.json({ limit: BODY_LIMIT }),
  );

  const customerView = (org: CustomerOrg) => ({
    ...org,
    trialStatus: trialStatus(org, clock(), options.timeZone),
  });
  const view = (org: Org) => (org.kind === 'customer' ? customerView(org) : org);

  const answerCreated = (
    req: Request,
    res: Response,
    outcome: { kind: 'created' | 'unchanged'; org: Org },
  ): void => {
    const { org } = outcome;
    const collection = org.kind === 'partner' ? 'partner-orgs' : 'customer-orgs';
    res.setHeader('location', `${req.baseUrl}/${collection}/${org.orgId}`);
    if (outcome.kind === 'created') logger.info({ orgId: org.orgId, kind: org.kind }, 'organization created');
    res.status(outcome.kind === 'created' ? 201 : 200).json(view(org));
  };

  router.post('/partner-orgs', async (req, res) => {
    if (!requireJsonBody(req, res)) return;
    const body = parseOr400(res, newPartnerOrgSchema, req.body, 'Partner organization');
    if (body === undefined) return;
    const outcome = await directory.createPartnerOrg(body, clock());
    if (outcome.kind === 'created' || outcome.kind === 'unchanged') return answerCreated(req, res, outcome);
    const problem = describeConflict(outcome, body);
    sendProblem(res, problem.status, problem.error, problem.issues);
  });

  router.post('/customer-orgs', async (req, res) => {
    if (!requireJsonBody(req, res)) return;
    const body = parseOr400(res, customerBodySchema, req.body, 'Customer organization');
    if (body === undefined) return;
    const region = options.regionOf(body.countryCode);
    const outcome = await directory.createCustomerOrg({ ...body, region }, clock());
    if (outcome.kind === 'created' || outcome.kind === 'unchanged') return answerCreated(req, res, outcome);
    const problem = describeConflict(outcome, body);
    sendProblem(res, problem.status, problem.error, problem.issues);
  });

  router.get('/partner-orgs', async (req, res) => {
    const query = parseOr400(res, listQuerySchema, req.query, 'Query');
    if (query === undefined) return;
    res.json(await directory.listPartnerOrgs(query));
  });

  router.get('/customer-orgs', async (req, res) => {
    const query = parseOr400(res, customerListQuerySchema, req.query, 'Query');
    if (query === undefined) return;
    const page = await directory.listCustomerOrgs(query);
    res.json({ items: page.items.map(customerView), next: page.next });
  });

  router.get('/partner-orgs/:orgId', async (req, res) => {
    const params = parseOr400(res, orgIdParamsSchema, req.params, 'Organization id');
    if (params === undefined) return;
    const { orgId } = params;
    const org = await directory.getPartnerOrg(orgId);
    if (org === null) return sendProblem(res, 404, `No partner organization has the id ${orgId}.`);
    res.json(org);
  });

  router.get('/customer-orgs/:orgId', async (req, res) => {
    const params = parseOr400(res, orgIdParamsSchema, req.params, 'Organization id');
    if (params === undefined) return;
    const { orgId } = params;
    const org = await directory.getCustomerOrg(orgId);
    if (org === null) return sendProblem(res, 404, `No customer organization has the id ${orgId}.`);
    res.json(customerView(org));
  });

  return router;
}
