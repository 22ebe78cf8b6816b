import type {
  AddMemberOutcome,
  CustomerMappingRequest,
  RecordMappingOutcome,
} from '../directory/directory.js';
import { normalizeEmail } from '../directory/emails.js';
import { checkCustomerMapping } from '../directory/membership.js';
import type { OrgStore } from './directory-org.store.js';
import { isDuplicateKeyError } from './documents.js';

/** Adds a user to an organization, unless another organization has them (one organization per user). */
export async function addMember(
  store: OrgStore,
  orgId: string,
  email: string,
  now: Date,
): Promise<AddMemberOutcome> {
  const address = normalizeEmail(email);
  const org = await store.findOrg({ _id: orgId });
  if (org === null) return { kind: 'org_not_found' };
  if (org.memberEmails.includes(address)) return { kind: 'already_member' };
  const taken = await store.firstTakenEmail([address], orgId);
  if (taken !== undefined) return taken;
  try {
    const result = await store.collection.updateOne(
      { _id: orgId, memberEmails: { $ne: address } },
      { $push: { memberEmails: address }, $set: { updatedAt: now } },
    );
    return result.matchedCount === 1 ? { kind: 'added' } : { kind: 'already_member' };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const late = await store.firstTakenEmail([address], orgId);
    if (late === undefined) throw error;
    return late;
  }
}

/** Records that an order maps a customer organization to a partner, re-checking on a concurrent change. */
export async function recordMapping(
  store: OrgStore,
  request: CustomerMappingRequest,
  now: Date,
  attemptsLeft: number,
): Promise<RecordMappingOutcome> {
  const { customerOrgId, partnerOrgId, orderId } = request;
  const customer = await store.getCustomerOrg(customerOrgId);
  if (customer === null) return { kind: 'customer_not_found' };
  if ((await store.getPartnerOrg(partnerOrgId)) === null) return { kind: 'partner_not_found' };
  const known = checkCustomerMapping(customer, request);
  if (known !== undefined) return known;
  try {
    // The filter repeats what was checked above, so a concurrent change makes this match nothing
    // instead of overwriting it; the checks then run again on the new state.
    const result = await store.collection.updateOne(
      {
        _id: customerOrgId,
        kind: 'customer',
        partnerOrgId: { $in: [null, partnerOrgId] },
        'mappings.orderId': { $ne: orderId },
      },
      {
        $set: { partnerOrgId, updatedAt: now },
        $push: { mappings: { orderId, partnerOrgId, recordedAt: now } },
      },
    );
    if (result.matchedCount === 0) {
      if (attemptsLeft <= 1) throw new Error(`Customer organization ${customerOrgId} keeps changing`);
      return recordMapping(store, request, now, attemptsLeft - 1);
    }
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const holder = await store.collection.findOne(
      { 'mappings.orderId': orderId },
      { projection: { _id: 1 } },
    );
    if (holder === null) throw error;
    return { kind: 'order_mapped_elsewhere', customerOrgId: holder._id };
  }
  const updated = await store.getCustomerOrg(customerOrgId);
  if (updated === null) throw new Error(`Customer organization ${customerOrgId} vanished while mapping`);
  return { kind: 'recorded', org: updated };
}
