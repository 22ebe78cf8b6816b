import type { Db } from 'mongodb';
import type {
  CreateCustomerOrgOutcome,
  CreatePartnerOrgOutcome,
  CustomerOrg,
  Directory,
  Membership,
  NewCustomerOrg,
  PartnerOrg,
  PartnerOrgLookup,
} from '../directory/directory.js';
import { normalizeEmail } from '../directory/emails.js';
import { toMembership, toPartnerOrgLookup } from '../directory/membership.js';
import {
  matchesCustomerRequest,
  matchesPartnerRequest,
  toCustomerOrgRequest,
  toPartnerOrgRequest,
} from '../directory/org-requests.js';
import type { Logger } from '../log/logger.js';
import { createClaimsStore } from './directory-claims.store.js';
import { takenDomainIn, takenEmailIn } from './directory-org.conflicts.js';
import { createOrgStore, isCustomer, isPartner } from './directory-org.store.js';
import { addMember, recordMapping } from './directory-org.writes.js';
import { isDuplicateKeyError } from './documents.js';

export interface DirectoryRepositoryOptions {
  /** Told about data problems (a domain claimed by two partner organizations). */
  logger?: Logger;
}

/** The MongoDB implementation of the `Directory` port. */
export function createDirectoryRepository(db: Db, options: DirectoryRepositoryOptions = {}) {
  const store = createOrgStore(db, options.logger);
  const { collection, findOrg, getPartnerOrg, getCustomerOrg, factsAbout } = store;
  const { createOrg, page } = store;
  const claims = createClaimsStore(db, store);

  const directory: Directory = {
    getPartnerOrg,
    getCustomerOrg,

    async findMembership(email: string): Promise<Membership | null> {
      return toMembership(await factsAbout(email));
    },

    async findPartnerOrgForEmail(email: string): Promise<PartnerOrgLookup> {
      return toPartnerOrgLookup(await factsAbout(email));
    },

    async findCustomerOrgByAdminEmail(email: string): Promise<CustomerOrg | null> {
      const address = normalizeEmail(email);
      const org = await findOrg({
        kind: 'customer',
        memberEmails: address,
        $or: [{ adminEmail: address }, { 'trial.adminEmail': address }],
      });
      return org?.kind === 'customer' ? org : null;
    },

    listPartnerOrgs: (request) => page({ kind: 'partner' }, request, isPartner),

    listCustomerOrgs: (request) =>
      page(
        request.partnerOrgId === undefined
          ? { kind: 'customer' }
          : { kind: 'customer', partnerOrgId: request.partnerOrgId },
        request,
        isCustomer,
      ),

    async createPartnerOrg(input, now): Promise<CreatePartnerOrgOutcome> {
      const request = toPartnerOrgRequest(input);
      return createOrg<PartnerOrg, CreatePartnerOrgOutcome>({
        requestedId: request.orgId,
        build: (orgId) => ({
          kind: 'partner',
          orgId,
          name: request.name,
          adminEmail: request.adminEmail,
          emailDomains: request.emailDomains,
          memberEmails: request.memberEmails,
          createdAt: now,
          updatedAt: now,
        }),
        isReplay: (existing): existing is PartnerOrg =>
          existing.kind === 'partner' && matchesPartnerRequest(existing, request),
        scope: { ids: [], emails: request.memberEmails, domains: request.emailDomains },
        conflictIn: (orgs, orgId) =>
          takenEmailIn(orgs, request.memberEmails, orgId) ?? takenDomainIn(orgs, request.emailDomains, orgId),
      });
    },

    async createCustomerOrg(input, now): Promise<CreateCustomerOrgOutcome> {
      try {
        return await createCustomerOrg(input, now);
      } catch (error) {
        // The order is mapped to another organization already (its unique index): created without
        // the mapping, which `recordCustomerMapping` then refuses, saying so.
        if (input.forOrderId === undefined || !isDuplicateKeyError(error)) throw error;
        return createCustomerOrg({ ...input, forOrderId: undefined }, now);
      }
    },

    addMember: (orgId, email, now) => addMember(store, orgId, email, now),

    recordCustomerMapping: (request, now) => recordMapping(store, request, now, 2),
  };

  async function createCustomerOrg(input: NewCustomerOrg, now: Date): Promise<CreateCustomerOrgOutcome> {
    const request = toCustomerOrgRequest(input);
    return createOrg<CustomerOrg, CreateCustomerOrgOutcome>({
      requestedId: request.orgId,
      build: (orgId) => ({
        kind: 'customer',
        orgId,
        name: request.name,
        adminEmail: request.adminEmail,
        countryCode: request.countryCode,
        region: request.region,
        trial: request.trial,
        partnerOrgId: request.partnerOrgId ?? null,
        // Created for an order of a partner: its mapping goes in with it, one write for both.
        mappings:
          request.partnerOrgId === undefined || request.forOrderId === undefined
            ? []
            : [{ orderId: request.forOrderId, partnerOrgId: request.partnerOrgId, recordedAt: now }],
        memberEmails: request.memberEmails,
        createdAt: now,
        updatedAt: now,
      }),
      isReplay: (existing): existing is CustomerOrg =>
        existing.kind === 'customer' && matchesCustomerRequest(existing, request),
      scope: {
        ids: request.partnerOrgId === undefined ? [] : [request.partnerOrgId],
        emails: [...new Set([request.adminEmail, ...request.memberEmails])],
        domains: [],
      },
      conflictIn: (orgs, orgId) => {
        const partnerOrgId = request.partnerOrgId;
        if (partnerOrgId !== undefined && !orgs.some((org) => org.orgId === partnerOrgId && isPartner(org)))
          return { kind: 'partner_not_found' as const, partnerOrgId };
        // A held administrator is not listed, but one who belongs elsewhere is still refused.
        return takenEmailIn(orgs, [...new Set([request.adminEmail, ...request.memberEmails])], orgId);
      },
    });
  }

  return {
    ...directory,
    /** Domains and addresses a setup named, held for an operator (see `directory/claims.ts`). */
    claims,

    async ensureIndexes(): Promise<void> {
      await claims.ensureIndexes();
      // The index was not sparse before administrators could be held: an index keeps its options.
      // (A collection not created yet has no indexes: listing them is an error there.)
      const indexes = await collection.indexes().catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 26) return [];
        throw error;
      });
      if (indexes.some((index) => index.name === 'one_org_per_user' && index.sparse !== true))
        await collection.dropIndex('one_org_per_user');
      await collection.createIndexes([
        // One organization per user, across partners and customers. Sparse: an organization whose
        // only address is held has no `memberEmails` at all.
        { key: { memberEmails: 1 }, name: 'one_org_per_user', unique: true, sparse: true },
        // One partner per claimed domain; customer documents have no `emailDomains` and are skipped.
        { key: { emailDomains: 1 }, name: 'one_partner_per_domain', unique: true, sparse: true },
        // An order is mapped to one customer organization. Customers without mappings are left out:
        // a unique index holds only one document whose array is empty.
        {
          key: { 'mappings.orderId': 1 },
          name: 'one_customer_per_order',
          unique: true,
          partialFilterExpression: { 'mappings.orderId': { $exists: true } },
        },
        { key: { kind: 1, _id: 1 }, name: 'by_kind' },
        { key: { partnerOrgId: 1, _id: 1 }, name: 'by_partner' },
      ]);
    },
  };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
