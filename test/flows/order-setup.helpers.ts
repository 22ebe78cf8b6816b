import { expect } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { advanceOrderSetup, startOrderSetup } from '../../flows/order-setup.runtime.js';
import type { OrderSetupInput, Trial } from '../../flows/order-setup.schemas.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';

/** Test data and small drivers shared by the flow and card tests. */

export const ORDER: OrderSetupInput = {
  orderId: 'CCW-1001',
  locale: 'en',
  contactEmail: 'ana@partner.example',
  ownerEmail: 'ana@partner.example',
  partnerName: 'Partner d.o.o.',
  customerName: 'Kupac d.d.',
  partnerOrg: null,
  trial: null,
};

export const PARTNER_ORG = {
  orgId: 'org-partner-1',
  name: 'Partner d.o.o.',
  adminEmail: 'admin@partner.example',
};

export const TRIAL: Trial = {
  orgId: 'org-trial-1',
  name: 'Kupac trial',
  adminEmail: 'it@kupac.example',
  expired: false,
};

export const NO_CUSTOMER_FACTS = { belongsTo: null, trial: null };

/** An existing customer organization whose data lives in the US region, not the EU of Croatia. */
export const US_CUSTOMER_ORG = {
  orgId: 'org-customer-us',
  name: 'Kupac Americas Inc.',
  kind: 'customer' as const,
  regionCode: 'us',
};

export const E = {
  partner: { type: 'CHOOSE_ROLE', role: 'partner' },
  customer: { type: 'CHOOSE_ROLE', role: 'customer' },
  myself: { type: 'SET_UP_MYSELF' },
  createPartnerOrg: {
    type: 'SUBMIT_PARTNER_ORG',
    adminEmail: 'admin@partner.example',
    companyName: 'Partner d.o.o.',
    facts: { belongsTo: null },
  },
  partnerOrgCorrect: { type: 'PARTNER_ORG_CORRECT' },
  customerAdmin: { type: 'SUBMIT_CUSTOMER_ADMIN', email: 'it@kupac.example', facts: NO_CUSTOMER_FACTS },
  company: { type: 'SUBMIT_COMPANY', name: 'Kupac d.d.', country: { code: 'HR', regionCode: 'eu' } },
  newOrg: { type: 'SUBMIT_CUSTOMER_ORG', choice: 'new', facts: NO_CUSTOMER_FACTS },
  back: { type: 'BACK' },
  confirm: { type: 'CONFIRM' },
} satisfies Record<string, OrderSetupEvent>;

/** Applies an event that must be accepted. */
export function step(snapshot: OrderSetupSnapshot, event: OrderSetupEvent): OrderSetupSnapshot {
  const result = advanceOrderSetup(snapshot, event);
  if (result.kind !== 'advanced')
    throw new Error(`event ${event.type} was rejected at ${JSON.stringify(snapshot.value)}`);
  return result.snapshot;
}

export function walk(snapshot: OrderSetupSnapshot, events: OrderSetupEvent[]): OrderSetupSnapshot {
  return events.reduce(step, snapshot);
}

export function start(overrides: Partial<OrderSetupInput> = {}): OrderSetupSnapshot {
  return startOrderSetup({ ...ORDER, ...overrides });
}

/** The events that take a partner (creating the partner organization) to each view. */
export const PARTNER_PATH: Record<string, OrderSetupEvent[]> = {
  role: [],
  whoSetsUp: [E.partner],
  partnerOrg: [E.partner, E.myself],
  customerAdmin: [E.partner, E.myself, E.createPartnerOrg],
  company: [E.partner, E.myself, E.createPartnerOrg, E.customerAdmin],
  customerOrg: [E.partner, E.myself, E.createPartnerOrg, E.customerAdmin, E.company],
  review: [E.partner, E.myself, E.createPartnerOrg, E.customerAdmin, E.company, E.newOrg],
};

export function partnerAt(view: keyof typeof PARTNER_PATH, overrides: Partial<OrderSetupInput> = {}) {
  return walk(start(overrides), PARTNER_PATH[view] ?? []);
}

/** Asserts the event is refused and nothing changes. */
export function expectRejected(snapshot: OrderSetupSnapshot, event: OrderSetupEvent): void {
  expect(advanceOrderSetup(snapshot, event)).toEqual({ kind: 'rejected' });
}
