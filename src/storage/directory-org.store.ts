import type { Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';
import type { CustomerOrg, Org, Page, PageRequest, PartnerOrg } from '../directory/directory.js';
import { emailDomain, normalizeEmail } from '../directory/emails.js';
import type { EmailFacts } from '../directory/membership.js';
import { newOrgId } from '../directory/org-id.js';
import type { Logger } from '../log/logger.js';
import { type ConflictScope, conflictFilter } from './directory-org.conflicts.js';
import { isDuplicateKeyError, parseStored } from './documents.js';

/**
 * Partner and customer organizations share one collection so that one unique index on
 * `memberEmails` can enforce "a user belongs to only one Webex organization" across both kinds:
 * two concurrent creations claiming one email cannot both succeed, whatever their kinds.
 */
const commonFields = {
  _id: z.string(),
  name: z.string(),
  adminEmail: z.string(),
  // Absent when empty (an organization whose administrator is still held for an operator): the
  // unique index on it is sparse, and an empty array would be a key of its own.
  memberEmails: z.array(z.string()).default([]),
  createdAt: z.date(),
  updatedAt: z.date(),
};

const orgSchema = z.discriminatedUnion('kind', [
  z.object({ ...commonFields, kind: z.literal('partner'), emailDomains: z.array(z.string()).default([]) }),
  z.object({
    ...commonFields,
    kind: z.literal('customer'),
    countryCode: z.string(),
    region: z.string().nullable(),
    trial: z.object({ expiresOn: z.string(), adminEmail: z.string() }).nullable(),
    partnerOrgId: z.string().nullable(),
    mappings: z.array(z.object({ orderId: z.string(), partnerOrgId: z.string(), recordedAt: z.date() })),
  }),
]);

export type OrgDocument = z.infer<typeof orgSchema>;

const COLLECTION = 'directory_orgs';
const MAX_PAGE = 200;

function toOrg(doc: OrgDocument): Org {
  const { _id, ...rest } = doc;
  return { orgId: _id, ...rest };
}

function toDocument(org: Org): OrgDocument {
  const { orgId, ...rest } = org;
  const doc: Record<string, unknown> = { _id: orgId, ...rest };
  // Empty arrays are left out: each unique index over them is sparse (see the repository's indexes).
  if (org.memberEmails.length === 0) delete doc.memberEmails;
  if (org.kind === 'partner' && org.emailDomains.length === 0) delete doc.emailDomains;
  return doc as OrgDocument;
}

export const isPartner = (org: Org): org is PartnerOrg => org.kind === 'partner';
export const isCustomer = (org: Org): org is CustomerOrg => org.kind === 'customer';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The reads and the guarded insert every directory operation is built from, over the one
 * collection of organizations.
 */
export function createOrgStore(db: Db, logger: Logger | undefined) {
  const collection: Collection<OrgDocument> = db.collection<OrgDocument>(COLLECTION);
  const parse = (doc: unknown): Org => toOrg(parseStored(orgSchema, COLLECTION, doc));

  async function findOrg(filter: Filter<OrgDocument>): Promise<Org | null> {
    const doc = await collection.findOne(filter);
    return doc === null ? null : parse(doc);
  }

  async function getPartnerOrg(orgId: string): Promise<PartnerOrg | null> {
    const org = await findOrg({ _id: orgId });
    return org?.kind === 'partner' ? org : null;
  }

  async function getCustomerOrg(orgId: string): Promise<CustomerOrg | null> {
    const org = await findOrg({ _id: orgId });
    return org?.kind === 'customer' ? org : null;
  }

  /** Partner organizations claiming a domain: more than one is a data problem, never chosen between. */
  async function partnersClaiming(domain: string): Promise<PartnerOrg[]> {
    if (domain === '') return [];
    const docs = await collection.find({ kind: 'partner', emailDomains: domain }).limit(5).toArray();
    return docs.map(parse).filter(isPartner);
  }

  /** Who lists the address, and which partners claim its domain: one query, read in memory. */
  async function factsAbout(email: string): Promise<EmailFacts> {
    const address = normalizeEmail(email);
    const domain = emailDomain(address);
    const filter: Filter<OrgDocument> =
      domain === ''
        ? { memberEmails: address }
        : { $or: [{ memberEmails: address }, { kind: 'partner', emailDomains: domain }] };
    const orgs = (await collection.find(filter).limit(6).toArray()).map(parse);
    const listedOn = orgs.find((org) => org.memberEmails.includes(address)) ?? null;
    // More than one is a data problem, never chosen between (at most five are read, as before).
    const claimers =
      listedOn === null
        ? orgs
            .filter(isPartner)
            .filter((org) => org.emailDomains.includes(domain))
            .slice(0, 5)
        : [];
    if (claimers.length > 1) {
      logger?.warn(
        { domain: emailDomain(address), orgIds: claimers.map((org) => org.orgId) },
        'email domain claimed by more than one partner organization; fix the directory data',
      );
    }
    return { email: address, listedOn, claimers };
  }

  /** Another organization the email belongs to, explicitly or through a partner's domain. */
  async function ownerOf(email: string, exceptOrgId: string | undefined): Promise<string | undefined> {
    const filter: Filter<OrgDocument> = { memberEmails: email };
    if (exceptOrgId !== undefined) filter._id = { $ne: exceptOrgId };
    const member = await collection.findOne(filter, { projection: { _id: 1 } });
    if (member !== null) return member._id;
    const claimers = await partnersClaiming(emailDomain(email));
    return claimers.find((org) => org.orgId !== exceptOrgId)?.orgId;
  }

  async function firstTakenEmail(emails: string[], exceptOrgId: string | undefined) {
    for (const email of emails) {
      const orgId = await ownerOf(email, exceptOrgId);
      if (orgId !== undefined) return { kind: 'email_taken' as const, email, orgId };
    }
    return undefined;
  }

  /** A domain another organization claims, or has users at: claiming it would put them in two. */
  async function firstTakenDomain(domains: string[], exceptOrgId: string) {
    for (const domain of domains) {
      const holder = await collection.findOne(
        {
          _id: { $ne: exceptOrgId },
          $or: [{ emailDomains: domain }, { memberEmails: { $regex: `@${escapeRegExp(domain)}$` } }],
        },
        { projection: { _id: 1 } },
      );
      if (holder !== null) return { kind: 'domain_taken' as const, domain, orgId: holder._id };
    }
    return undefined;
  }

  /**
   * Creates an organization, or explains why not. Conflicts are looked for first, for a precise
   * answer; the unique indexes settle races between the look and the insert, and a duplicate key is
   * then explained by looking again. One race no index covers: an email at a domain that a partner
   * claims at the same moment (an email and a domain are different keys). It needs two people
   * creating organizations for the same company within milliseconds; accepted, and not worth a lock.
   */
  async function createOrg<O extends Org, R>(plan: {
    requestedId: string | undefined;
    build: (orgId: string) => O;
    isReplay: (existing: Org) => existing is O;
    /** Where conflicts may be (one query finds them all, the requested id's holder included). */
    scope: ConflictScope;
    conflictIn: (orgs: readonly Org[], orgId: string) => R | undefined;
  }): Promise<R | { kind: 'created' | 'unchanged'; org: O } | { kind: 'id_taken'; orgId: string }> {
    const orgId = plan.requestedId ?? newOrgId();
    const look = async () => {
      const scope = { ...plan.scope, ids: [...plan.scope.ids, orgId] };
      const docs = await collection.find(conflictFilter(scope) as Filter<OrgDocument>).toArray();
      const orgs = docs.map(parse);
      const existing = orgs.find((org) => org.orgId === orgId);
      if (existing !== undefined)
        return plan.isReplay(existing)
          ? { kind: 'unchanged' as const, org: existing }
          : { kind: 'id_taken' as const, orgId };
      return plan.conflictIn(orgs, orgId);
    };
    const early = await look();
    if (early !== undefined) return early;
    const org = plan.build(orgId);
    try {
      await collection.insertOne(toDocument(org));
      return { kind: 'created', org };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const late = await look();
      if (late !== undefined) return late;
      throw error;
    }
  }

  async function page<O extends Org>(
    filter: Filter<OrgDocument> & { kind: O['kind'] },
    request: PageRequest,
    isKind: (org: Org) => org is O,
  ): Promise<Page<O>> {
    const limit = Math.min(Math.max(1, Math.trunc(request.limit)), MAX_PAGE);
    const query: Filter<OrgDocument> =
      request.after === undefined ? filter : { ...filter, _id: { $gt: request.after } };
    const docs = await collection
      .find(query)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .toArray();
    const items = docs.slice(0, limit).map(parse).filter(isKind);
    const last = items.at(-1);
    return { items, next: docs.length > limit && last !== undefined ? last.orgId : null };
  }

  return {
    collection,
    findOrg,
    getPartnerOrg,
    getCustomerOrg,
    factsAbout,
    firstTakenEmail,
    firstTakenDomain,
    createOrg,
    page,
  };
}

export type OrgStore = ReturnType<typeof createOrgStore>;
