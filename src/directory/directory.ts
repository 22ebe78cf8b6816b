/**
 * The directory of partner and customer organizations, as the setup conversation sees it.
 *
 * In production this knowledge lives in Control Hub; here it sits behind the `Directory` port so a
 * Control Hub source can replace the MongoDB one (`src/storage/directory.repository.ts`) without
 * touching the conversation. Emails and domains are compared in lower case everywhere.
 */

/** A trial of Webex Contact Center on a customer organization. */
export interface Trial {
  /** The last day of the trial, `YYYY-MM-DD`; the trial runs through the whole of that day. */
  expiresOn: string;
  /** The administrator the trial was created with; an order mapped to the trial must name this email. */
  adminEmail: string;
}

/** A partner organization: the company that orders and provisions Contact Center for customers. */
export interface PartnerOrg {
  kind: 'partner';
  orgId: string;
  name: string;
  adminEmail: string;
  /** Domains this organization has claimed: every address at them belongs to it. */
  emailDomains: string[];
  /** Addresses that belong to this organization explicitly (the administrator among them). */
  memberEmails: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** The record that an order was set up for a customer organization by a partner organization. */
export interface CustomerMapping {
  orderId: string;
  partnerOrgId: string;
  recordedAt: Date;
}

/** A customer organization: the tenant the Contact Center subscription is mapped to. */
export interface CustomerOrg {
  kind: 'customer';
  orgId: string;
  name: string;
  adminEmail: string;
  /** ISO 3166-1 alpha-2 country of operation; it decides where the organization's data lives. */
  countryCode: string;
  /** The data-residency region the country implies; `null` when the source did not say. */
  region: string | null;
  trial: Trial | null;
  /** The partner organization that manages this customer, once known. */
  partnerOrgId: string | null;
  mappings: CustomerMapping[];
  memberEmails: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type Org = PartnerOrg | CustomerOrg;

/** Which organization an email belongs to (a user belongs to only one Webex organization). */
export interface Membership {
  email: string;
  kind: Org['kind'];
  orgId: string;
  orgName: string;
  /** `member`: listed on the organization; `domain`: the address is at a domain a partner claimed. */
  via: 'member' | 'domain';
  /** The customer organization that lists the address, as read with it (its region, its partner). */
  customer?: CustomerOrg | undefined;
}

/**
 * The partner organization for an email. `ambiguous` (a domain claimed by more than one partner
 * organization) is a data problem the directory refuses to guess about: the person should be told to
 * contact their Cisco representative, never offered to create yet another partner organization.
 */
export type PartnerOrgLookup =
  | { kind: 'found'; org: PartnerOrg; via: 'member' | 'domain' }
  | { kind: 'none' }
  | { kind: 'customer_user'; membership: Membership }
  | { kind: 'ambiguous'; domain: string; orgIds: string[] };

export interface NewPartnerOrg {
  /** Generated (Webex-style) when absent. */
  orgId?: string | undefined;
  name: string;
  adminEmail: string;
  emailDomains: string[];
  /**
   * The addresses listed on it from the start; the administrator alone when absent. A setup lists
   * only what it earned (its owner, and the administrator at the owner's domain).
   */
  memberEmails?: string[] | undefined;
}

export interface NewCustomerOrg {
  orgId?: string | undefined;
  name: string;
  adminEmail: string;
  countryCode: string;
  region?: string | undefined;
  /** `adminEmail` of the trial defaults to the organization's administrator. */
  trial?: { expiresOn: string; adminEmail?: string | undefined } | undefined;
  partnerOrgId?: string | undefined;
  /**
   * True when nobody vouched for the administrator's address yet (a setup named it): it is then not
   * listed on the organization until an operator approves it, so it blocks nobody meanwhile.
   */
  adminHeld?: boolean | undefined;
  /**
   * The order this organization is created for, with `partnerOrgId`: the order's mapping to the
   * partner is recorded in the same write (see `recordCustomerMapping`).
   */
  forOrderId?: string | undefined;
}

/** What creating an organization came to; conflicts are answers, not exceptions. */
export type CreateOrgOutcome<O extends Org> =
  | { kind: 'created'; org: O }
  /** The same `orgId` with the same details already exists: a replayed request. */
  | { kind: 'unchanged'; org: O }
  /** The `orgId` is used by an organization with other details (or of the other kind). */
  | { kind: 'id_taken'; orgId: string }
  /** The email already belongs to another organization (`orgId`). */
  | { kind: 'email_taken'; email: string; orgId: string };

export type CreatePartnerOrgOutcome =
  | CreateOrgOutcome<PartnerOrg>
  /** Another organization claims the domain, or has users at it. */
  | { kind: 'domain_taken'; domain: string; orgId: string };

export type CreateCustomerOrgOutcome =
  | CreateOrgOutcome<CustomerOrg>
  | { kind: 'partner_not_found'; partnerOrgId: string };

export type AddMemberOutcome =
  | { kind: 'added' }
  | { kind: 'already_member' }
  | { kind: 'email_taken'; email: string; orgId: string }
  | { kind: 'org_not_found' };

export interface CustomerMappingRequest {
  customerOrgId: string;
  partnerOrgId: string;
  orderId: string;
}

export type RecordMappingOutcome =
  | { kind: 'recorded'; org: CustomerOrg }
  /** This order was already mapped to this customer by this partner: nothing changed. */
  | { kind: 'already_recorded'; org: CustomerOrg }
  | { kind: 'customer_not_found' }
  | { kind: 'partner_not_found' }
  /** The customer organization is managed by another partner organization. */
  | { kind: 'other_partner'; partnerOrgId: string }
  /** The order is already mapped to another customer organization. */
  | { kind: 'order_mapped_elsewhere'; customerOrgId: string };

export interface PageRequest {
  /** At most this many items (1-200). */
  limit: number;
  /** The `next` of the previous page. */
  after?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; `null` on the last page. */
  next: string | null;
}

/** The port the conversation, the API and the demo seed use. */
export interface Directory {
  findPartnerOrgForEmail(email: string): Promise<PartnerOrgLookup>;
  findMembership(email: string): Promise<Membership | null>;
  getPartnerOrg(orgId: string): Promise<PartnerOrg | null>;
  getCustomerOrg(orgId: string): Promise<CustomerOrg | null>;
  /** The customer organization whose administrator, or whose trial's administrator, this email is. */
  findCustomerOrgByAdminEmail(email: string): Promise<CustomerOrg | null>;
  listPartnerOrgs(page: PageRequest): Promise<Page<PartnerOrg>>;
  listCustomerOrgs(page: PageRequest & { partnerOrgId?: string | undefined }): Promise<Page<CustomerOrg>>;
  createPartnerOrg(input: NewPartnerOrg, now: Date): Promise<CreatePartnerOrgOutcome>;
  createCustomerOrg(input: NewCustomerOrg, now: Date): Promise<CreateCustomerOrgOutcome>;
  addMember(orgId: string, email: string, now: Date): Promise<AddMemberOutcome>;
  /** Links a customer organization to its partner and the order set up for it; idempotent. */
  recordCustomerMapping(request: CustomerMappingRequest, now: Date): Promise<RecordMappingOutcome>;
}
