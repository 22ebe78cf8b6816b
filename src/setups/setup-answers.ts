import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { SetupDocument } from '../storage/setups.repository.js';
import { restoreSetup } from './setup-envelope.js';

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
  /** Data-residency region implied by the country (a code of `COUNTRIES_FILE`). */
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
    region: answers.company?.regionCode ?? null,
    customerOrg:
      customer === null
        ? null
        : customer.choice === 'new'
          ? { mode: 'new' }
          : { mode: 'existing', orgId: customer.orgId, name: customer.name },
  };
}

/**
 * The answers of a stored setup, or null when the order has none yet. A snapshot that cannot be
 * restored reads as no answers given, as the conversation itself starts it over.
 */
export function answersOfStored(doc: SetupDocument | undefined): SetupAnswers | null {
  return doc === undefined ? null : describeAnswers(restoreSetup(doc).snapshot);
}

/** True when not one question has been answered yet. */
export function hasNoAnswers(answers: SetupAnswers): boolean {
  return Object.values(answers).every((value) => value === null);
}
