import { describe, expect, it } from 'vitest';
import type { CustomerOrg, PartnerOrg } from '../../src/directory/directory.js';
import { decodeOrgId } from '../../src/directory/org-id.js';
import { isTrialExpired } from '../../src/directory/trial.js';
import { createDirectoryRepository } from '../../src/storage/directory.repository.js';
import { type TestDirectory, useTestDirectory } from './directory-test-db.js';

const now = new Date('2026-02-01T10:00:00Z');
const db = useTestDirectory('directory_repo');

async function partner(name: string, adminEmail: string, emailDomains: string[]): Promise<PartnerOrg> {
  const outcome = await db.directory.createPartnerOrg({ name, adminEmail, emailDomains }, now);
  if (outcome.kind !== 'created') throw new Error(`expected created, got ${outcome.kind}`);
  return outcome.org;
}

async function customer(
  input: Parameters<TestDirectory['directory']['createCustomerOrg']>[0],
): Promise<CustomerOrg> {
  const outcome = await db.directory.createCustomerOrg(input, now);
  if (outcome.kind !== 'created') throw new Error(`expected created, got ${outcome.kind}`);
  return outcome.org;
}

describe('partner organizations', () => {
  it('stores a partner with a generated Webex-style id and finds it by domain and by administrator', async () => {
    const org = await partner('Northwind', 'Boss@Gmail.com', ['lookup.example']);
    expect(decodeOrgId(org.orgId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(org.adminEmail).toBe('boss@gmail.com');
    expect(await db.directory.getPartnerOrg(org.orgId)).toEqual(org);
    expect(await db.directory.getCustomerOrg(org.orgId)).toBeNull();

    expect(await db.directory.findPartnerOrgForEmail('sam@LOOKUP.example')).toEqual({
      kind: 'found',
      org,
      via: 'domain',
    });
    expect(await db.directory.findPartnerOrgForEmail('boss@gmail.com')).toEqual({
      kind: 'found',
      org,
      via: 'member',
    });
    expect(await db.directory.findPartnerOrgForEmail('sam@sub.lookup.example')).toEqual({ kind: 'none' });
    expect(await db.directory.findMembership('sam@lookup.example')).toEqual({
      email: 'sam@lookup.example',
      kind: 'partner',
      orgId: org.orgId,
      orgName: 'Northwind',
      via: 'domain',
    });
  });

  it('lets the administrator listed on one partner win over the domain another partner claims', async () => {
    const claimer = await partner('Claimer', 'admin@claimed.example', ['claimed.example']);
    const other = await partner('Other', 'owner@other.example', ['other.example']);
    expect(await db.directory.addMember(other.orgId, 'guest@claimed.example', now)).toEqual({
      kind: 'email_taken',
      email: 'guest@claimed.example',
      orgId: claimer.orgId,
    });
    const lookup = await db.directory.findPartnerOrgForEmail('owner@other.example');
    expect(lookup).toMatchObject({ kind: 'found', via: 'member', org: { orgId: other.orgId } });
  });

  it('gives one domain to one partner only', async () => {
    const first = await partner('First', 'a@first.example', ['shared-domain.example']);
    const second = await db.directory.createPartnerOrg(
      {
        name: 'Second',
        adminEmail: 'b@second.example',
        emailDomains: ['second.example', 'shared-domain.example'],
      },
      now,
    );
    expect(second).toEqual({ kind: 'domain_taken', domain: 'shared-domain.example', orgId: first.orgId });
  });

  it('answers ambiguous, and logs, when data written elsewhere gives one domain to two partners', async () => {
    const warnings: unknown[] = [];
    const collection = db.storage.db.collection<{ _id: string }>('directory_orgs');
    // Written by hand, as a data import could: the unique index must be dropped to allow it at all.
    await collection.dropIndex('one_partner_per_domain');
    const doc = (id: string) => ({
      _id: id,
      kind: 'partner',
      name: id,
      adminEmail: `${id}@admins.example`,
      emailDomains: ['twice.example'],
      memberEmails: [`${id}@admins.example`],
      createdAt: now,
      updatedAt: now,
    });
    await collection.insertMany([doc('dup-a'), doc('dup-b')]);
    const logger = {
      debug() {},
      info() {},
      warn: (obj: object) => warnings.push(obj),
      error() {},
      child: () => logger,
    };
    const directory = createDirectoryRepository(db.storage.db, { logger });
    expect(await directory.findPartnerOrgForEmail('x@twice.example')).toEqual({
      kind: 'ambiguous',
      domain: 'twice.example',
      orgIds: ['dup-a', 'dup-b'],
    });
    expect(await directory.findMembership('x@twice.example')).toBeNull();
    expect(warnings).toHaveLength(2);
    await collection.deleteMany({ _id: { $in: ['dup-a', 'dup-b'] } });
    await db.directory.ensureIndexes();
  });

  it('replays an identical creation with the same orgId and refuses different details', async () => {
    const input = {
      orgId: 'replay-partner',
      name: 'Replay',
      adminEmail: 'r@replay.example',
      emailDomains: ['replay.example'],
    };
    const created = await db.directory.createPartnerOrg(input, now);
    expect(created.kind).toBe('created');
    const again = await db.directory.createPartnerOrg(
      { ...input, adminEmail: 'R@Replay.Example' },
      new Date(),
    );
    expect(again).toEqual({ kind: 'unchanged', org: created.kind === 'created' ? created.org : undefined });
    expect(await db.directory.createPartnerOrg({ ...input, name: 'Renamed' }, now)).toEqual({
      kind: 'id_taken',
      orgId: 'replay-partner',
    });
  });

  it('pages through partner organizations in id order', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await db.directory.listPartnerOrgs({ limit: 2, after });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((org) => org.orgId));
      after = page.next ?? undefined;
    } while (after !== undefined);
    const all = await db.storage.db.collection('directory_orgs').find({ kind: 'partner' }).toArray();
    expect(all.length).toBeGreaterThan(2);
    expect(seen).toEqual(all.map((doc) => String(doc._id)).sort());
  });
});

describe('one organization per user', () => {
  it('refuses a customer administrator who is already a member elsewhere or at a claimed domain', async () => {
    const owner = await partner('Owner', 'lead@owner.example', ['owner.example']);
    expect(
      await db.directory.createCustomerOrg(
        { name: 'C', adminEmail: 'lead@owner.example', countryCode: 'HR' },
        now,
      ),
    ).toEqual({ kind: 'email_taken', email: 'lead@owner.example', orgId: owner.orgId });
    expect(
      await db.directory.createCustomerOrg(
        { name: 'C', adminEmail: 'someone@owner.example', countryCode: 'HR' },
        now,
      ),
    ).toEqual({ kind: 'email_taken', email: 'someone@owner.example', orgId: owner.orgId });
  });

  it('refuses a partner domain where users of another organization already are', async () => {
    const existing = await customer({ name: 'Early', adminEmail: 'it@early.example.com', countryCode: 'HR' });
    expect(
      await db.directory.createPartnerOrg(
        { name: 'Late', adminEmail: 'boss@late.example', emailDomains: ['early.example.com'] },
        now,
      ),
    ).toEqual({ kind: 'domain_taken', domain: 'early.example.com', orgId: existing.orgId });
  });

  it('lets exactly one of 20 concurrent creations claim one email', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? db.directory.createCustomerOrg(
              { name: `Race ${i}`, adminEmail: 'race@contested.example.com', countryCode: 'HR' },
              now,
            )
          : db.directory.createPartnerOrg(
              {
                name: `Race ${i}`,
                adminEmail: 'race@contested.example.com',
                emailDomains: [`race${i}.example`],
              },
              now,
            ),
      ),
    );
    const created = outcomes.filter((outcome) => outcome.kind === 'created');
    expect(created).toHaveLength(1);
    const winner = created[0]?.kind === 'created' ? created[0].org.orgId : undefined;
    for (const outcome of outcomes.filter((o) => o.kind !== 'created')) {
      expect(outcome).toEqual({ kind: 'email_taken', email: 'race@contested.example.com', orgId: winner });
    }
    expect(
      await db.storage.db
        .collection('directory_orgs')
        .countDocuments({ memberEmails: 'race@contested.example.com' }),
    ).toBe(1);
  });

  it('adds members once and refuses them to a second organization', async () => {
    const org = await customer({ name: 'Members', adminEmail: 'it@members.example.com', countryCode: 'HR' });
    const other = await customer({ name: 'Others', adminEmail: 'it@others.example.com', countryCode: 'HR' });
    expect(await db.directory.addMember(org.orgId, 'Agent@Members.example.com', now)).toEqual({
      kind: 'added',
    });
    expect(await db.directory.addMember(org.orgId, 'agent@members.example.com', now)).toEqual({
      kind: 'already_member',
    });
    expect(await db.directory.addMember(other.orgId, 'agent@members.example.com', now)).toEqual({
      kind: 'email_taken',
      email: 'agent@members.example.com',
      orgId: org.orgId,
    });
    expect(await db.directory.addMember('no-such-org', 'x@members.example.com', now)).toEqual({
      kind: 'org_not_found',
    });
    expect(await db.directory.findMembership('AGENT@members.example.com')).toMatchObject({
      orgId: org.orgId,
      via: 'member',
    });
  });
});

describe('customer organizations and trials', () => {
  it('finds a trial customer by the trial administrator and tells an expired trial', async () => {
    const org = await customer({
      name: 'Globex',
      adminEmail: 'helpdesk@globex-test.example.com',
      countryCode: 'US',
      region: 'us',
      trial: { expiresOn: '2026-01-31', adminEmail: 'trial@globex-test.example.com' },
    });
    expect(org.trial).toEqual({ expiresOn: '2026-01-31', adminEmail: 'trial@globex-test.example.com' });
    expect(await db.directory.findCustomerOrgByAdminEmail('TRIAL@globex-test.example.com')).toEqual(org);
    expect(await db.directory.findCustomerOrgByAdminEmail('helpdesk@globex-test.example.com')).toEqual(org);
    expect(isTrialExpired(org, now)).toBe(true);
    expect(isTrialExpired(org, new Date('2026-01-31T23:00:00Z'))).toBe(false);
    expect(await db.directory.findCustomerOrgByAdminEmail('nobody@globex-test.example.com')).toBeNull();
  });

  it('refuses a customer naming a partner that does not exist', async () => {
    expect(
      await db.directory.createCustomerOrg(
        { name: 'Orphan', adminEmail: 'it@orphan.example.com', countryCode: 'HR', partnerOrgId: 'missing' },
        now,
      ),
    ).toEqual({ kind: 'partner_not_found', partnerOrgId: 'missing' });
    expect(await db.directory.findMembership('it@orphan.example.com')).toBeNull();
  });

  it('records a mapping once, keeps one partner per customer and one customer per order', async () => {
    const p1 = await partner('Mapper', 'admin@mapper.example', ['mapper.example']);
    const p2 = await partner('Rival', 'admin@rival.example', ['rival.example']);
    const c1 = await customer({ name: 'Mapped', adminEmail: 'it@mapped.example.com', countryCode: 'HR' });
    const c2 = await customer({ name: 'Second', adminEmail: 'it@second.example.com', countryCode: 'HR' });
    const request = { customerOrgId: c1.orgId, partnerOrgId: p1.orgId, orderId: 'ORD-100' };

    const recorded = await db.directory.recordCustomerMapping(request, now);
    expect(recorded).toMatchObject({ kind: 'recorded', org: { partnerOrgId: p1.orgId } });
    expect(recorded.kind === 'recorded' ? recorded.org.mappings : []).toEqual([
      { orderId: 'ORD-100', partnerOrgId: p1.orgId, recordedAt: now },
    ]);
    const again = await db.directory.recordCustomerMapping(request, new Date());
    expect(again.kind).toBe('already_recorded');
    expect(again.kind === 'already_recorded' ? again.org.mappings : []).toHaveLength(1);

    expect(
      await db.directory.recordCustomerMapping(
        { ...request, partnerOrgId: p2.orgId, orderId: 'ORD-101' },
        now,
      ),
    ).toEqual({
      kind: 'other_partner',
      partnerOrgId: p1.orgId,
    });
    expect(await db.directory.recordCustomerMapping({ ...request, customerOrgId: c2.orgId }, now)).toEqual({
      kind: 'order_mapped_elsewhere',
      customerOrgId: c1.orgId,
    });
    expect(await db.directory.recordCustomerMapping({ ...request, customerOrgId: 'nope' }, now)).toEqual({
      kind: 'customer_not_found',
    });
    expect(await db.directory.recordCustomerMapping({ ...request, partnerOrgId: 'nope' }, now)).toEqual({
      kind: 'partner_not_found',
    });
  });

  it('records an order’s mapping with the customer organization created for it, in the same write', async () => {
    const p = await partner('Oneshot', 'admin@oneshot.example', ['oneshot.example']);
    const created = await customer({
      name: 'Mapped At Birth',
      adminEmail: 'it@born.example',
      countryCode: 'HR',
      partnerOrgId: p.orgId,
      forOrderId: 'ORD-BORN',
    });
    expect(created.mappings).toEqual([{ orderId: 'ORD-BORN', partnerOrgId: p.orgId, recordedAt: now }]);
    expect(created.partnerOrgId).toBe(p.orgId);
    const request = { customerOrgId: created.orgId, partnerOrgId: p.orgId, orderId: 'ORD-BORN' };
    expect((await db.directory.recordCustomerMapping(request, now)).kind).toBe('already_recorded');
    // An order mapped already elsewhere: the organization is created, its mapping refused as before.
    const other = await customer({
      name: 'Second Birth',
      adminEmail: 'it@second-born.example',
      countryCode: 'HR',
      partnerOrgId: p.orgId,
      forOrderId: 'ORD-BORN',
    });
    expect(other.mappings).toEqual([]);
    expect(await db.directory.recordCustomerMapping({ ...request, customerOrgId: other.orgId }, now)).toEqual(
      { kind: 'order_mapped_elsewhere', customerOrgId: created.orgId },
    );
  });

  it('lists customers of one partner', async () => {
    const p = await partner('Lister', 'admin@lister.example', ['lister.example']);
    const a = await customer({
      name: 'A',
      adminEmail: 'it@a-list.example.com',
      countryCode: 'HR',
      partnerOrgId: p.orgId,
    });
    const b = await customer({
      name: 'B',
      adminEmail: 'it@b-list.example.com',
      countryCode: 'DE',
      partnerOrgId: p.orgId,
    });
    const page = await db.directory.listCustomerOrgs({ limit: 10, partnerOrgId: p.orgId });
    expect(page.items.map((org) => org.orgId).sort()).toEqual([a.orgId, b.orgId].sort());
    expect(page.next).toBeNull();
  });
});
