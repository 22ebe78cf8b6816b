import { describe, expect, it } from 'vitest';
import {
  buildDemoDirectory,
  DEMO_ORG_IDS,
  DEMO_TRIAL_DAYS,
  seedDemoDirectory,
} from '../../src/directory/demo-directory.seed.js';
import { trialStatus } from '../../src/directory/trial.js';
import { openTestDirectory, useTestDirectory } from './directory-test-db.js';

const now = new Date('2026-06-15T08:00:00Z');
const regions: Record<string, string> = { HR: 'eu', DE: 'eu', GB: 'uk', US: 'us' };
const regionOf = (code: string) => regions[code];

describe('demo directory data', () => {
  it('has one running and one expired trial relative to the day it is built', () => {
    const demo = buildDemoDirectory(now);
    const trials = demo.customers.map((c) => ({ orgId: c.orgId, trial: c.trial }));
    const statusOf = (orgId: string) => {
      const trial = trials.find((t) => t.orgId === orgId)?.trial;
      return trialStatus(
        { trial: trial === undefined ? null : { expiresOn: trial.expiresOn, adminEmail: 'x@y.example' } },
        now,
      );
    };
    expect(statusOf(DEMO_ORG_IDS.fabrikam)).toBe('active');
    expect(statusOf(DEMO_ORG_IDS.tailspin)).toBe('expired');
    expect(statusOf(DEMO_ORG_IDS.contoso)).toBe('none');
    expect(demo.customers.find((c) => c.orgId === DEMO_ORG_IDS.fabrikam)?.trial?.expiresOn).toBe(
      '2026-07-15',
    );
    expect(DEMO_TRIAL_DAYS.tailspin).toBeLessThan(0);
    expect(demo.partners.flatMap((p) => p.emailDomains)).toEqual(['partner.example', 'integrator.example']);
  });
});

describe('seeding the demo directory', () => {
  const db = useTestDirectory('directory_seed');

  it('creates every demo organization once, then leaves them alone', async () => {
    const first = await seedDemoDirectory(db.directory, { now, regionOf });
    expect(first.created).toHaveLength(6);
    expect(first.conflicts).toEqual([]);

    // A later start, on another day: trial dates would differ, and nothing is overwritten.
    const later = new Date('2026-06-20T08:00:00Z');
    const second = await seedDemoDirectory(db.directory, { now: later, regionOf });
    expect(second).toEqual({ created: [], existing: first.created, conflicts: [] });
    expect(await db.storage.db.collection('directory_orgs').countDocuments()).toBe(6);

    const fabrikam = await db.directory.getCustomerOrg(DEMO_ORG_IDS.fabrikam);
    expect(fabrikam).toMatchObject({
      region: 'eu',
      partnerOrgId: DEMO_ORG_IDS.northwind,
      trial: { expiresOn: '2026-07-15', adminEmail: 'cc.admin@fabrikam.example.com' },
    });
  });

  it('answers the setup questions for the demo people', async () => {
    expect(await db.directory.findPartnerOrgForEmail('anyone@partner.example')).toMatchObject({
      kind: 'found',
      via: 'domain',
      org: { orgId: DEMO_ORG_IDS.northwind },
    });
    expect(await db.directory.findCustomerOrgByAdminEmail('wxcc.trial@globex.example.com')).toMatchObject({
      orgId: DEMO_ORG_IDS.globex,
    });
    expect(await db.directory.findMembership('admin@tailspin.example.com')).toMatchObject({
      kind: 'customer',
      orgId: DEMO_ORG_IDS.tailspin,
    });
  });

  it('reports a demo organization whose email real data already holds', async () => {
    const other = await openTestDirectory('directory_seed_conflict');
    try {
      const taken = await other.directory.createCustomerOrg(
        { name: 'Real', adminEmail: 'it.admin@contoso.example.com', countryCode: 'HR' },
        now,
      );
      expect(taken.kind).toBe('created');
      const report = await seedDemoDirectory(other.directory, { now, regionOf });
      expect(report.conflicts).toEqual([{ orgId: DEMO_ORG_IDS.contoso, reason: 'email_taken' }]);
      expect(report.created).toHaveLength(5);
    } finally {
      await other.close();
    }
  });
});
