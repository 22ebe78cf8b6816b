import type { Directory, NewCustomerOrg, NewPartnerOrg } from './directory.js';
import { webexOrgId } from './org-id.js';
import { addDays, calendarDate } from './trial.js';

/** Fixed ids, so the demo organizations are the same on every machine and every run. */
export const DEMO_ORG_IDS = {
  northwind: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a01'),
  adriatic: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a02'),
  contoso: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a11'),
  fabrikam: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a12'),
  tailspin: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a13'),
  globex: webexOrgId('5b0f3c2e-7a41-4c8e-9d2a-1f6b8e4c7a14'),
} as const;

/** Days from the seeding day to each demo trial's last day. */
export const DEMO_TRIAL_DAYS = { fabrikam: 30, tailspin: -14, globex: 60 } as const;

export interface DemoDirectory {
  partners: NewPartnerOrg[];
  customers: NewCustomerOrg[];
}

/**
 * The demo organizations, with trial dates relative to `now` (UTC days): Fabrikam's and Globex's
 * trials are running, Tailspin's has expired, Contoso has none. Regions are
 * left to the seeder, which knows the countries list.
 */
export function buildDemoDirectory(now: Date): DemoDirectory {
  const today = calendarDate(now, 'UTC');
  const expiresIn = (days: number) => addDays(today, days);
  return {
    partners: [
      {
        orgId: DEMO_ORG_IDS.northwind,
        name: 'Northwind Collaboration Partners',
        adminEmail: 'provisioning@partner.example',
        emailDomains: ['partner.example'],
      },
      {
        orgId: DEMO_ORG_IDS.adriatic,
        name: 'Adriatic Cloud Integrators d.o.o.',
        adminEmail: 'ana.horvat@integrator.example',
        emailDomains: ['integrator.example'],
      },
    ],
    customers: [
      {
        orgId: DEMO_ORG_IDS.contoso,
        name: 'Contoso Retail d.o.o.',
        adminEmail: 'it.admin@contoso.example.com',
        countryCode: 'HR',
        partnerOrgId: DEMO_ORG_IDS.northwind,
      },
      {
        orgId: DEMO_ORG_IDS.fabrikam,
        name: 'Fabrikam Health GmbH',
        adminEmail: 'cc.admin@fabrikam.example.com',
        countryCode: 'DE',
        trial: { expiresOn: expiresIn(DEMO_TRIAL_DAYS.fabrikam) },
        partnerOrgId: DEMO_ORG_IDS.northwind,
      },
      {
        orgId: DEMO_ORG_IDS.tailspin,
        name: 'Tailspin Travel Ltd',
        adminEmail: 'admin@tailspin.example.com',
        countryCode: 'GB',
        trial: { expiresOn: expiresIn(DEMO_TRIAL_DAYS.tailspin) },
        partnerOrgId: DEMO_ORG_IDS.northwind,
      },
      {
        orgId: DEMO_ORG_IDS.globex,
        name: 'Globex Logistics Inc.',
        adminEmail: 'helpdesk@globex.example.com',
        countryCode: 'US',
        trial: { expiresOn: expiresIn(DEMO_TRIAL_DAYS.globex), adminEmail: 'wxcc.trial@globex.example.com' },
        partnerOrgId: DEMO_ORG_IDS.adriatic,
      },
    ],
  };
}

export interface SeedOptions {
  now: Date;
  /** The data-residency region of a country (from the countries list); unknown stays `null`. */
  regionOf?: (countryCode: string) => string | undefined;
}

export interface SeedReport {
  created: string[];
  /** Already there: this seed ran before (perhaps on another day, with other trial dates). */
  existing: string[];
  /** Not seeded because real data holds an email or domain the demo uses. */
  conflicts: Array<{ orgId: string; reason: string }>;
}

/**
 * Loads the demo organizations for local mode. Idempotent: an organization that exists is left as
 * it is (never overwritten), so running it at every start is safe.
 */
export async function seedDemoDirectory(directory: Directory, options: SeedOptions): Promise<SeedReport> {
  const demo = buildDemoDirectory(options.now);
  const report: SeedReport = { created: [], existing: [], conflicts: [] };
  const note = (orgId: string, outcome: { kind: string }) => {
    if (outcome.kind === 'created') report.created.push(orgId);
    else if (outcome.kind === 'unchanged' || outcome.kind === 'id_taken') report.existing.push(orgId);
    else report.conflicts.push({ orgId, reason: outcome.kind });
  };
  // Partners first: trial customers name them.
  for (const partner of demo.partners) {
    note(partner.orgId ?? partner.name, await directory.createPartnerOrg(partner, options.now));
  }
  for (const customer of demo.customers) {
    const region = options.regionOf?.(customer.countryCode);
    const outcome = await directory.createCustomerOrg({ ...customer, region }, options.now);
    note(customer.orgId ?? customer.name, outcome);
  }
  return report;
}
