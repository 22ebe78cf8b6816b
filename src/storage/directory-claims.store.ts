import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import {
  type ClaimDecision,
  claimIdOf,
  type DecideClaimOutcome,
  type DirectoryClaim,
  type DirectoryClaims,
  type NewClaim,
} from '../directory/claims.js';
import { normalizeEmail } from '../directory/emails.js';
import type { OrgStore } from './directory-org.store.js';
import { addMember } from './directory-org.writes.js';
import { isDuplicateKeyError, parseStored } from './documents.js';

const COLLECTION = 'directory_claims';

const claimSchema = z.object({
  _id: z.string(),
  kind: z.enum(['domain', 'email']),
  value: z.string(),
  orgId: z.string(),
  orgKind: z.enum(['partner', 'customer']),
  orgName: z.string(),
  orderId: z.string(),
  requestedBy: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedBy: z.string().nullable(),
});
type ClaimDocument = z.infer<typeof claimSchema>;

function toClaim(doc: unknown): DirectoryClaim {
  const { _id, ...rest } = parseStored(claimSchema, COLLECTION, doc);
  return { claimId: _id, ...rest };
}

/** Ties an approved claim's value to its organization, or says who holds it already. */
async function tie(store: OrgStore, claim: DirectoryClaim, now: Date): Promise<DecideClaimOutcome | null> {
  if (claim.kind === 'email') {
    const added = await addMember(store, claim.orgId, claim.value, now);
    if (added.kind === 'org_not_found') return { kind: 'org_missing', claim };
    if (added.kind === 'email_taken') return { kind: 'taken', claim, orgId: added.orgId };
    return null;
  }
  if ((await store.getPartnerOrg(claim.orgId)) === null) return { kind: 'org_missing', claim };
  const taken = await store.firstTakenDomain([claim.value], claim.orgId);
  if (taken !== undefined) return { kind: 'taken', claim, orgId: taken.orgId };
  try {
    await store.collection.updateOne(
      { _id: claim.orgId, kind: 'partner' },
      { $addToSet: { emailDomains: claim.value }, $set: { updatedAt: now } },
    );
  } catch (error) {
    // Another partner claimed it at the same moment: the unique index settled it.
    if (!isDuplicateKeyError(error)) throw error;
    const late = await store.firstTakenDomain([claim.value], claim.orgId);
    if (late === undefined) throw error;
    return { kind: 'taken', claim, orgId: late.orgId };
  }
  return null;
}

/** The MongoDB implementation of the held claims, over the organizations' store. */
export function createClaimsStore(db: Db, store: OrgStore) {
  const collection: Collection<ClaimDocument> = db.collection<ClaimDocument>(COLLECTION);

  async function get(claimId: string): Promise<DirectoryClaim | null> {
    const doc = await collection.findOne({ _id: claimId });
    return doc === null ? null : toClaim(doc);
  }

  const claims: DirectoryClaims = {
    get,

    async request(input: NewClaim, now: Date) {
      const value = normalizeEmail(input.value);
      const claimId = claimIdOf(input.orgId, input.kind, value);
      const doc: ClaimDocument = {
        _id: claimId,
        ...input,
        value,
        requestedBy: normalizeEmail(input.requestedBy),
        status: 'pending',
        requestedAt: now,
        decidedAt: null,
        decidedBy: null,
      };
      const result = await collection.updateOne({ _id: claimId }, { $setOnInsert: doc }, { upsert: true });
      const stored = await get(claimId);
      if (stored === null) throw new Error(`Claim ${claimId} vanished right after it was written`);
      return { claim: stored, created: result.upsertedCount === 1 };
    },

    async listPending(limit: number) {
      const docs = await collection
        .find({ status: 'pending' })
        .sort({ requestedAt: 1, _id: 1 })
        .limit(Math.min(Math.max(1, Math.trunc(limit)), 200))
        .toArray();
      return docs.map(toClaim);
    },

    async decide(claimId: string, decision: ClaimDecision, by: string, now: Date) {
      const claim = await get(claimId);
      if (claim === null) return { kind: 'not_found', claimId };
      if (claim.status !== 'pending') return { kind: 'already_decided', claim };
      if (decision === 'approve') {
        const refused = await tie(store, claim, now);
        if (refused !== null) return refused;
      }
      const status = decision === 'approve' ? 'approved' : 'refused';
      const decided = await collection.findOneAndUpdate(
        { _id: claimId, status: 'pending' },
        { $set: { status, decidedAt: now, decidedBy: normalizeEmail(by) } },
        { returnDocument: 'after' },
      );
      if (decided === null) {
        const late = await get(claimId);
        return late === null ? { kind: 'not_found', claimId } : { kind: 'already_decided', claim: late };
      }
      const after = toClaim(decided);
      return decision === 'approve' ? { kind: 'approved', claim: after } : { kind: 'refused', claim: after };
    },
  };

  return {
    ...claims,
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([{ key: { status: 1, requestedAt: 1 }, name: 'pending_oldest_first' }]);
    },
  };
}
