import type { OrderDocument, OrderListPosition, OrderSetup } from '../storage/orders.repository.js';
import {
  diffNewOrders,
  type Locale,
  type NewOrder,
  type NewOrderBody,
  normalizeNewOrder,
  SETUP_WINDOW_DAYS,
} from './order-input.schema.js';
import { createOrderTransitions, type OrderTransitionDeps, statusChange } from './order-transition.js';
import { FINAL_STATUSES, type OrderStatus, type OrderView, toOrderView } from './order-view.js';
import { addDays, startOfLocalDay } from './start-date.js';

export interface ContactChange {
  order: OrderView;
  previousEmail: string;
  newEmail: string;
  by: string;
}

export interface OrdersServiceOptions extends OrderTransitionDeps {
  defaults: { locale: Locale; timeZone: string };
  /** Called after the provisioning contact changed, so the conversation can move the setup. */
  onContactChanged?: (change: ContactChange) => Promise<void>;
}

export type CreateResult =
  | { kind: 'created'; order: OrderView }
  | { kind: 'unchanged'; order: OrderView }
  | { kind: 'conflict'; order: OrderView; differences: FieldDifference[] };

/** One field of a replayed creation that differs from the order as first created. */
export interface FieldDifference {
  field: keyof NewOrder;
  existing: string | null;
  requested: string | null;
}

/** The outcome of a change asked for by a person or the conversation. */
export type ChangeResult =
  | { kind: 'changed'; order: OrderView }
  | { kind: 'unchanged'; order: OrderView }
  | { kind: 'not_found' }
  | { kind: 'not_allowed'; order: OrderView; message: string };

export interface SetupProgress {
  step: string;
  stepNumber: number;
  totalSteps: number;
  ownerEmail: string;
}

export interface OrderListFilter {
  statuses?: readonly OrderStatus[];
}

export interface OrderPage {
  limit: number;
  after?: OrderListPosition;
}

/**
 * The orders' life cycle as the API, the import and the conversation drive it. Every change is a
 * compare-and-set on the status it was decided on, and is written to the order's history.
 */
export function createOrdersService(options: OrdersServiceOptions) {
  const { repository, now } = options;
  const transitions = createOrderTransitions(options);
  const view = toOrderView;
  const notAllowed = (order: OrderDocument, message: string): ChangeResult => ({
    kind: 'not_allowed',
    order: view(order),
    message,
  });

  /** Runs a decision and maps its outcome to a ChangeResult. */
  async function change(
    orderId: string,
    decide: Parameters<typeof transitions.apply<ChangeResult>>[1],
  ): Promise<ChangeResult> {
    const outcome = await transitions.apply<ChangeResult>(orderId, decide);
    return outcome.kind === 'applied' ? { kind: 'changed', order: view(outcome.order) } : outcome;
  }

  function buildOrder(input: NewOrder, by: string): OrderDocument {
    const at = now();
    const { orderId, ...fields } = input;
    const dueAt = startOfLocalDay(input.requestedStartDate, input.timeZone);
    const deadlineAt = startOfLocalDay(
      addDays(input.requestedStartDate, SETUP_WINDOW_DAYS[input.offer]),
      input.timeZone,
    );
    const due = dueAt.getTime() <= at.getTime();
    return {
      _id: orderId,
      ...fields,
      input: fields,
      status: 'scheduled',
      statusReason: null,
      contactVersion: 0,
      dueAt,
      deadlineAt,
      // An order already due carries its invitation from the start; the scheduler picks up the rest.
      inviteDueAt: due ? null : dueAt,
      invitedAt: null,
      reminders: [],
      nextReminderAt: null,
      setup: null,
      effects: due ? [{ id: `invite:${orderId}:0`, type: 'invitation', contactVersion: 0 }] : [],
      leaseBy: due ? options.workerId : null,
      leaseUntil: due ? new Date(at.getTime() + options.leaseMs) : new Date(0),
      history: [{ at, by, action: 'created', to: 'scheduled' }],
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
    };
  }

  return {
    /** Creates an order; the same body again is `unchanged`, a different one a `conflict`. */
    async createOrder(body: NewOrderBody, by: string): Promise<CreateResult> {
      const input = normalizeNewOrder(body, options.defaults);
      const doc = buildOrder(input, by);
      if (await repository.insert(doc)) {
        if (doc.effects.length > 0) await transitions.runEffects(doc);
        return { kind: 'created', order: view(doc) };
      }
      const existing = await repository.get(input.orderId);
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
    async changeContact(orderId: string, email: string, by: string): Promise<ChangeResult> {
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
          due && order.status === 'needs_attention' && order.statusReason === 'invitation_failed';
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
              ? [{ id: `invite:${orderId}:${version}`, type: 'invitation', contactVersion: version }]
              : [],
          },
        };
      });
      if (result.kind === 'changed')
        await options.onContactChanged?.({ order: result.order, previousEmail, newEmail: email, by });
      return result;
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

    /** The contact pressed "Set up now" (or resumed after a problem). */
    markSetupStarted: (orderId: string, by: string) =>
      change(orderId, (order) => {
        if (order.status === 'in_progress') return { result: { kind: 'unchanged', order: view(order) } };
        if (!['scheduled', 'invited', 'needs_attention'].includes(order.status))
          return { result: notAllowed(order, `The setup of a ${order.status} order cannot start.`) };
        return {
          change: {
            set: { status: 'in_progress', statusReason: null },
            history: [statusChange(now(), by, 'setup_started', order.status, 'in_progress')],
          },
        };
      }),

    /** Records the step the setup has reached and who owns it now. */
    recordSetupProgress: (orderId: string, progress: SetupProgress, by: string) =>
      change(orderId, (order) => {
        if (!['invited', 'in_progress', 'needs_attention'].includes(order.status))
          return { result: notAllowed(order, `A ${order.status} order takes no setup progress.`) };
        const at = now();
        const setup: OrderSetup = {
          ...progress,
          ownerEmail: progress.ownerEmail.toLowerCase(),
          lastActivityAt: at,
        };
        const moved = order.status !== 'in_progress';
        return {
          change: {
            set: { setup, ...(moved ? { status: 'in_progress', statusReason: null } : {}) },
            history: [
              {
                at,
                by,
                action: 'setup_progress',
                ...(moved ? { from: order.status, to: 'in_progress' as const } : {}),
                details: {
                  step: progress.step,
                  stepNumber: progress.stepNumber,
                  totalSteps: progress.totalSteps,
                },
              },
            ],
          },
        };
      }),

    /** Flags an order for a person (a wrong organization, an expired trial...) and tells the admins. */
    markNeedsAttention: (orderId: string, reason: string, by: string) =>
      change(orderId, (order) => {
        if (FINAL_STATUSES.includes(order.status))
          return { result: notAllowed(order, `A ${order.status} order cannot need attention.`) };
        if (order.status === 'needs_attention' && order.statusReason === reason)
          return { result: { kind: 'unchanged', order: view(order) } };
        return {
          change: {
            set: { status: 'needs_attention', statusReason: reason },
            history: [
              statusChange(now(), by, 'needs_attention', order.status, 'needs_attention', { reason }),
            ],
            effects: [
              {
                id: `needs_attention:${orderId}:${order.history.length}`,
                type: 'alert',
                alert: 'needs_attention',
                reason,
              },
            ],
          },
        };
      }),

    /** The order is mapped: the setup finished. Tells the admins; reminders and the deadline stop. */
    markCompleted: (orderId: string, details: Record<string, unknown>, by: string) =>
      change(orderId, (order) => {
        if (order.status === 'completed') return { result: { kind: 'unchanged', order: view(order) } };
        if (FINAL_STATUSES.includes(order.status))
          return { result: notAllowed(order, `A ${order.status} order cannot be completed.`) };
        return {
          change: {
            set: {
              status: 'completed',
              statusReason: null,
              inviteDueAt: null,
              nextReminderAt: null,
              reminders: [],
            },
            history: [statusChange(now(), by, 'completed', order.status, 'completed', details)],
            effects: [{ id: `completed:${orderId}`, type: 'alert', alert: 'completed', reason: null }],
          },
        };
      }),

    /** Records that the setup passed to another person (the conversation moves the setup itself). */
    reassignOwner: (orderId: string, email: string, by: string) =>
      change(orderId, (order) => {
        if (FINAL_STATUSES.includes(order.status))
          return { result: notAllowed(order, `A ${order.status} order cannot change owner.`) };
        const ownerEmail = email.toLowerCase();
        const previous = order.setup?.ownerEmail ?? order.provisioningContactEmail;
        return {
          change: {
            set: order.setup === null ? {} : { setup: { ...order.setup, ownerEmail } },
            history: [
              { at: now(), by, action: 'owner_reassigned', details: { from: previous, to: ownerEmail } },
            ],
          },
        };
      }),

    /** Runs effects left behind by a crashed instance; the scheduler calls it every round. */
    sweepEffects: (limit: number) => transitions.sweepEffects(limit),
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
