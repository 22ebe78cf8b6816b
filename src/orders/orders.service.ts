import { buildOrderDocument } from './new-order.document.js';
import type { OrderDocument, OrderListPosition } from './order.model.js';
import { createAttentionChanges } from './order-attention.changes.js';
import {
  diffNewOrders,
  type Locale,
  type NewOrder,
  type NewOrderBody,
  normalizeNewOrder,
} from './order-input.schema.js';
import { INVITATION_FAILURE_REASONS } from './order-lifecycle.js';
import { type ChangeResult, createSetupChanges, notAllowed } from './order-setup.changes.js';
import { createOrderTransitions, type OrderTransitionDeps, statusChange } from './order-transition.js';
import { FINAL_STATUSES, type OrderStatus, type OrderView, toOrderView } from './order-view.js';
import { type ClosedWindow, closedSetupWindow } from './setup-window.js';

export interface OrdersServiceOptions extends OrderTransitionDeps {
  defaults: { locale: Locale; timeZone: string };
}

/** A contact change's outcome: when it applied, with the contact it replaced (the setup follows). */
export type ContactChangeResult =
  | Exclude<ChangeResult, { kind: 'changed' }>
  | { kind: 'changed'; order: OrderView; previousEmail: string };

export type CreateResult =
  | { kind: 'created'; order: OrderView }
  | { kind: 'unchanged'; order: OrderView }
  | { kind: 'conflict'; order: OrderView; differences: FieldDifference[] }
  /** Refused, nothing stored: the setup window closed before the order was created. */
  | { kind: 'window_closed'; window: ClosedWindow };

/** One field of a replayed creation that differs from the order as first created. */
export interface FieldDifference {
  field: keyof NewOrder;
  existing: string | null;
  requested: string | null;
}

export interface OrderListFilter {
  statuses?: readonly OrderStatus[];
}

export interface OrderPage {
  limit: number;
  after?: OrderListPosition;
}

export type { ChangeResult, SetupProgress } from './order-setup.changes.js';

/**
 * The orders' life cycle as the API, the import and the conversation drive it. Every change is a
 * compare-and-set on the status it was decided on, and is written to the order's history.
 */
export function createOrdersService(options: OrdersServiceOptions) {
  const { repository, now } = options;
  const transitions = createOrderTransitions(options);
  const view = toOrderView;

  /** Runs a decision and maps its outcome to a ChangeResult. */
  async function change(
    orderId: string,
    decide: Parameters<typeof transitions.apply<ChangeResult>>[1],
  ): Promise<ChangeResult> {
    const outcome = await transitions.apply<ChangeResult>(orderId, decide);
    return outcome.kind === 'applied' ? { kind: 'changed', order: view(outcome.order) } : outcome;
  }

  return {
    /**
     * Creates an order; the same body again is `unchanged`, a different one a `conflict`. An order
     * whose setup window has closed already is refused, unless it is the replay of one created in time.
     */
    async createOrder(body: NewOrderBody, by: string): Promise<CreateResult> {
      const input = normalizeNewOrder(body, options.defaults);
      const at = now();
      const closed = closedSetupWindow(input, at);
      let existing = closed === undefined ? undefined : await repository.get(input.orderId);
      if (closed !== undefined && existing === undefined) return { kind: 'window_closed', window: closed };
      if (closed === undefined) {
        const { doc, effects } = buildOrderDocument(input, by, at);
        const created = await transitions.effects.commitAndRun({ kind: 'create', doc }, effects);
        if (created !== undefined) return { kind: 'created', order: view(created) };
        existing = await repository.get(input.orderId);
      }
      if (existing === undefined) throw new Error(`Order ${input.orderId} exists and yet cannot be read`);
      const original: NewOrder = { orderId: existing._id, ...existing.input };
      const differences = diffNewOrders(original, input).map((field) => ({
        field,
        existing: original[field],
        requested: input[field],
      }));
      return differences.length === 0
        ? { kind: 'unchanged', order: view(existing) }
        : { kind: 'conflict', order: view(existing), differences };
    },

    /**
     * An order read elsewhere (with its setup, in one round trip): its view, and the order kept
     * for the next change's first try, which then needs no read of its own.
     */
    adoptRead(order: OrderDocument): OrderView {
      transitions.remember(order);
      return view(order);
    },

    async getOrder(orderId: string): Promise<OrderView | undefined> {
      const doc = await repository.get(orderId);
      return doc === undefined ? undefined : view(doc);
    },

    /** A page of orders, newest activity first, and where the next page starts (if any). */
    async listOrders(filter: OrderListFilter, page: OrderPage) {
      const docs = await repository.list(filter.statuses, page.limit + 1, page.after);
      const items = docs.slice(0, page.limit);
      const last = items.at(-1);
      const next: OrderListPosition | undefined =
        docs.length > page.limit && last !== undefined
          ? { lastActivityAt: last.lastActivityAt, id: last._id }
          : undefined;
      return { items: items.map(view), next };
    },

    countByStatus: () => repository.countByStatus(),

    /**
     * Changes the provisioning contact until the order is mapped; an order whose start date has
     * come re-invites the new contact at once (a new invitation under a new key).
     */
    async changeContact(orderId: string, newEmail: string, by: string): Promise<ContactChangeResult> {
      const email = newEmail.trim().toLowerCase();
      let previousEmail = '';
      const result = await change(orderId, (order) => {
        if (FINAL_STATUSES.includes(order.status))
          return { result: notAllowed(order, `The contact of a ${order.status} order cannot be changed.`) };
        if (order.provisioningContactEmail === email)
          return { result: { kind: 'unchanged', order: view(order) } };
        previousEmail = order.provisioningContactEmail;
        const version = order.contactVersion + 1;
        const due = order.inviteDueAt === null;
        const reinvite =
          due &&
          order.status === 'needs_attention' &&
          INVITATION_FAILURE_REASONS.some((reason) => reason === order.statusReason);
        const to: OrderStatus = reinvite ? 'scheduled' : order.status;
        return {
          change: {
            set: {
              provisioningContactEmail: email,
              contactVersion: version,
              ...(reinvite ? { status: to, statusReason: null } : {}),
            },
            history: [
              {
                at: now(),
                by,
                action: 'contact_changed',
                ...(to === order.status ? {} : { from: order.status, to }),
                details: { from: previousEmail, to: email, reinvited: due },
              },
            ],
            effects: due
              ? [{ key: `invite:${orderId}:${version}`, type: 'invitation', contactVersion: version }]
              : [],
          },
        };
      });
      return result.kind === 'changed' ? { ...result, previousEmail } : result;
    },

    /** Cancels an order that is not completed, expired or cancelled already. */
    cancelOrder: (orderId: string, reason: string | null, by: string) =>
      change(orderId, (order) => {
        if (order.status === 'cancelled') return { result: { kind: 'unchanged', order: view(order) } };
        if (FINAL_STATUSES.includes(order.status))
          return { result: notAllowed(order, `A ${order.status} order cannot be cancelled.`) };
        return {
          change: {
            set: {
              status: 'cancelled',
              statusReason: reason,
              inviteDueAt: null,
              nextReminderAt: null,
              reminders: [],
            },
            history: [
              statusChange(
                now(),
                by,
                'cancelled',
                order.status,
                'cancelled',
                reason ? { reason } : undefined,
              ),
            ],
          },
        };
      }),

    ...createSetupChanges(change, now),
    ...createAttentionChanges(change, now),
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
