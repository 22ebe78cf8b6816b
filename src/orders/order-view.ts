import type { OrderDocument, OrderStatus } from './order.model.js';
import { type Locale, type Offer, SETUP_WINDOW_DAYS } from './order-input.schema.js';

export type { OrderStatus } from './order.model.js';
export { ORDER_STATUSES } from './order.model.js';

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['completed', 'expired', 'cancelled'];
/** Statuses of an order that is still waiting for its setup to finish. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'scheduled',
  'invited',
  'in_progress',
  'needs_attention',
];

export type ReminderKind = 'after_invite' | 'before_deadline';

/** Where the setup is, as the conversation last reported it. */
export interface OrderSetupView {
  step: string;
  stepNumber: number;
  totalSteps: number;
  ownerEmail: string;
  lastActivityAt: string;
}

export interface OrderHistoryView {
  at: string;
  /** `'api'`, `'import'`, `'scheduler'`, or the email of the person who acted. */
  by: string;
  action: string;
  from?: OrderStatus;
  to?: OrderStatus;
  details?: Record<string, unknown>;
}

/** An order as the API returns it and as message renderers and the conversation see it. */
export interface OrderView {
  orderId: string;
  requestedStartDate: string;
  provisioningContactEmail: string;
  partnerName: string | null;
  customerName: string | null;
  offer: Offer;
  /** Days after the requested start date until the order line closes (7 for A-Flex, else 30). */
  setupWindowDays: number;
  trialOrgId: string | null;
  locale: Locale;
  timeZone: string;
  status: OrderStatus;
  statusReason: string | null;
  /** Increases with each change of provisioning contact; invitations carry it. */
  contactVersion: number;
  /** 00:00 of the requested start date in the order's time zone. */
  dueAt: string;
  deadlineAt: string;
  invitedAt: string | null;
  setup: OrderSetupView | null;
  history: OrderHistoryView[];
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
}

/** The stored document without its internals (revision, pending effects, the original input). */
export function toOrderView(doc: OrderDocument): OrderView {
  return {
    orderId: doc._id,
    requestedStartDate: doc.requestedStartDate,
    provisioningContactEmail: doc.provisioningContactEmail,
    partnerName: doc.partnerName,
    customerName: doc.customerName,
    offer: doc.offer,
    setupWindowDays: SETUP_WINDOW_DAYS[doc.offer],
    trialOrgId: doc.trialOrgId,
    locale: doc.locale,
    timeZone: doc.timeZone,
    status: doc.status,
    statusReason: doc.statusReason,
    contactVersion: doc.contactVersion,
    dueAt: doc.dueAt.toISOString(),
    deadlineAt: doc.deadlineAt.toISOString(),
    invitedAt: doc.invitedAt?.toISOString() ?? null,
    setup:
      doc.setup === null ? null : { ...doc.setup, lastActivityAt: doc.setup.lastActivityAt.toISOString() },
    history: doc.history.map((entry) => ({
      at: entry.at.toISOString(),
      by: entry.by,
      action: entry.action,
      ...(entry.from === undefined ? {} : { from: entry.from }),
      ...(entry.to === undefined ? {} : { to: entry.to }),
      ...(entry.details === undefined ? {} : { details: entry.details }),
    })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    lastActivityAt: doc.lastActivityAt.toISOString(),
  };
}
