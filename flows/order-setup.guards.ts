import {
  type EventOf,
  type OrderSetupEvent,
  type OrderSetupEventType,
  orderSetupEventSchema,
} from './order-setup.events.js';
import {
  checkCustomerAdmin,
  checkHandOff,
  checkPartnerAdmin,
  decideCustomerOrg,
} from './order-setup.rules.js';
import type { OrderSetupContext } from './order-setup.schemas.js';

/**
 * Guards and the event parsing they share with actions. Every guard parses the event again with its
 * zod schema: the dispatcher builds events with `validateSubmit`, but the machine does not trust it.
 */

function isType<T extends OrderSetupEventType>(event: OrderSetupEvent, type: T): event is EventOf<T> {
  return event.type === type;
}

/** The event, normalised by its schema (trimmed, lower-cased), or null if it is not a valid `type`. */
export function parseEvent<T extends OrderSetupEventType>(event: unknown, type: T): EventOf<T> | null {
  const parsed = orderSetupEventSchema.safeParse(event);
  if (!parsed.success || !isType(parsed.data, type)) return null;
  return parsed.data;
}

type GuardArgs = { context: OrderSetupContext; event: OrderSetupEvent };

export const orderSetupGuards = {
  isPartner: ({ context }: GuardArgs) => context.answers.role === 'partner',
  isEditing: ({ context }: GuardArgs) => context.editing !== null,
  isEditingCustomerAdmin: ({ context }: GuardArgs) => context.editing === 'customerAdmin',
  isValidRole: ({ event }: GuardArgs) => parseEvent(event, 'CHOOSE_ROLE') !== null,
  isValidLocale: ({ event }: GuardArgs) => parseEvent(event, 'SET_LOCALE') !== null,
  canReassign: ({ context, event }: GuardArgs) => {
    const e = parseEvent(event, 'REASSIGN');
    return e !== null && e.email !== context.ownerEmail;
  },
  canHandOff: ({ context, event }: GuardArgs) => {
    const e = parseEvent(event, 'HAND_OFF');
    return e !== null && checkHandOff(e.email, context.ownerEmail, e.sameDomainRequired) === null;
  },
  hasPartnerOrgFound: ({ context }: GuardArgs) => context.partnerOrgFound !== null,
  canCreatePartnerOrg: ({ context, event }: GuardArgs) => {
    const e = parseEvent(event, 'SUBMIT_PARTNER_ORG');
    return context.partnerOrgFound === null && e !== null && checkPartnerAdmin(e.facts.belongsTo) === null;
  },
  canSetCustomerAdmin: ({ context, event }: GuardArgs) => {
    const e = parseEvent(event, 'SUBMIT_CUSTOMER_ADMIN');
    return e !== null && checkCustomerAdmin(e.email, context, e.facts) === null;
  },
  canSetCompany: ({ event }: GuardArgs) => parseEvent(event, 'SUBMIT_COMPANY') !== null,
  customerOrgTrialExpired: ({ event }: GuardArgs) => customerOrgDecision(event)?.kind === 'attention',
  customerOrgIsNew: ({ event }: GuardArgs) => customerOrgDecision(event)?.kind === 'new',
  customerOrgNeedsConfirmation: ({ event }: GuardArgs) =>
    customerOrgDecision(event)?.kind === 'confirmExisting',
  hasPendingOrg: ({ context }: GuardArgs) => context.answers.pendingOrg !== null,
  canEdit: ({ context, event }: GuardArgs) => {
    const e = parseEvent(event, 'EDIT');
    return e !== null && (e.section !== 'partner' || context.answers.role === 'partner');
  },
  editsPartner: ({ event }: GuardArgs) => parseEvent(event, 'EDIT')?.section === 'partner',
  editsCustomerAdmin: ({ event }: GuardArgs) => parseEvent(event, 'EDIT')?.section === 'customerAdmin',
  editsCompany: ({ event }: GuardArgs) => parseEvent(event, 'EDIT')?.section === 'company',
};

/** The decision for a `SUBMIT_CUSTOMER_ORG` event, or null for any other event. */
export function customerOrgDecision(event: OrderSetupEvent) {
  const e = parseEvent(event, 'SUBMIT_CUSTOMER_ORG');
  return e === null ? null : decideCustomerOrg(e.choice, e.facts);
}
