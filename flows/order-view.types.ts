import type { Locale } from './order-setup.schemas.js';

/**
 * An order as the API returns it and as the cards and the conversation see it: the vocabulary the
 * orders (which store it) and the cards (which show it) share, pure.
 */

export const ORDER_STATUSES = [
  'scheduled',
  'invited',
  'in_progress',
  'needs_attention',
  'completed',
  'expired',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OFFERS = ['a-flex', 'other'] as const;
export type Offer = (typeof OFFERS)[number];

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
