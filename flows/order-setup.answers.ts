import type { OrderSetupSnapshot } from './order-setup.steps.js';
import { answersResidency } from './steps/customer-org.step.js';

/**
 * What a setup has collected so far, as the orders API, its CSV export and the administrators'
 * `status` card read it back. Every field is null until its step is answered; the shape is the
 * API's own, so a change inside the machine's context does not change what callers see.
 */
export interface SetupAnswers {
  role: 'partner' | 'customer' | null;
  /** `me`: the contact sets up; `colleague`: handed off to a colleague. */
  whoSetsUp: 'me' | 'colleague' | null;
  /** The partner organization confirmed (`existing`), or the one to create with its administrator. */
  partnerOrg:
    | { mode: 'existing'; orgId: string; name: string; adminEmail: string }
    | { mode: 'create'; name: string; adminEmail: string }
    | null;
  customerAdminEmail: string | null;
  company: string | null;
  /** ISO 3166-1 alpha-2 code of the country of operation. */
  countryCode: string | null;
  /**
   * Data-residency region (a code of `COUNTRIES_FILE`): the country's for a new organization, the
   * organization's own for an existing one, which keeps its region.
   */
  region: string | null;
  /** A new customer organization, or the existing one chosen (and confirmed). */
  customerOrg: { mode: 'new' } | { mode: 'existing'; orgId: string; name: string } | null;
}

/** The answers held in a snapshot's context, in the read-back shape. */
export function describeAnswers(snapshot: OrderSetupSnapshot): SetupAnswers {
  const { answers } = snapshot.context;
  const partner = answers.partnerOrg;
  const customer = answers.customerOrg;
  return {
    role: answers.role,
    whoSetsUp: answers.whoSetsUp,
    partnerOrg:
      partner === null
        ? null
        : partner.mode === 'existing'
          ? { mode: 'existing', orgId: partner.orgId, name: partner.name, adminEmail: partner.adminEmail }
          : { mode: 'create', name: partner.companyName, adminEmail: partner.adminEmail },
    customerAdminEmail: answers.customerAdminEmail,
    company: answers.company?.name ?? null,
    countryCode: answers.company?.countryCode ?? null,
    region: answersResidency(answers)?.regionCode ?? null,
    customerOrg:
      customer === null
        ? null
        : customer.choice === 'new'
          ? { mode: 'new' }
          : { mode: 'existing', orgId: customer.orgId, name: customer.name },
  };
}

/** True when not one question has been answered yet. */
export function hasNoAnswers(answers: SetupAnswers): boolean {
  return Object.values(answers).every((value) => value === null);
}
