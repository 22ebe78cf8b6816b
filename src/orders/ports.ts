import type { EffectStore } from '../effects/effects.port.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import type { OrderDocument, OrderListPosition, OrderStatus, OrderUpdate } from './order.model.js';
import type { OrderView, ReminderKind } from './order-view.js';

/** Where orders are kept; every change is a compare-and-set on `rev` with its effects (see `effects/`). */
export interface OrdersRepository extends EffectStore<OrderDocument, OrderUpdate> {
  ensureIndexes(): Promise<void>;
  get(id: string): Promise<OrderDocument | undefined>;
  /** The orders of these ids that exist, in one read. */
  getMany(ids: readonly string[]): Promise<OrderDocument[]>;
  /** Scheduled orders whose invitation is due (their start date has begun), oldest first. */
  findDueInvitations(now: Date, limit: number): Promise<OrderDocument[]>;
  findDueReminders(now: Date, limit: number): Promise<OrderDocument[]>;
  findPastDeadline(now: Date, limit: number): Promise<OrderDocument[]>;
  /** One page, newest activity first; `after` is the last item of the previous page. */
  list(
    statuses: readonly OrderStatus[] | undefined,
    limit: number,
    after: OrderListPosition | undefined,
  ): Promise<OrderDocument[]>;
  countByStatus(): Promise<Record<OrderStatus, number>>;
}

/** Something administrators should know about: invitation failures, orders needing a person, expiries, completions. */
export interface AdminAlert {
  /** Idempotency key: the same alert raised twice (two instances, a retry) is sent once. */
  key: string;
  kind:
    | 'invitation_failed'
    | 'needs_attention'
    | 'expired'
    | 'completed'
    | 'completion_refused'
    | 'claim'
    | 'other';
  orderId?: string;
  message: OutgoingMessage;
}

/** Tells administrators; the admin side implements it. */
export interface AdminAlerts {
  raise(alert: AdminAlert): Promise<void>;
}

export type OrderAlertKind =
  | 'invitation_failed'
  | 'needs_attention'
  | 'expired'
  | 'completed'
  | 'completion_refused';

/** Builds the messages the order life cycle sends; the app passes the real cards, tests the defaults. */
export interface OrderMessages {
  renderInvitation(order: OrderView): OutgoingMessage;
  renderReminder(order: OrderView, kind: ReminderKind): OutgoingMessage;
  renderAlert(order: OrderView, kind: OrderAlertKind, reason: string | null): OutgoingMessage;
}
