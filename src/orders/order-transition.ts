import { z } from 'zod';
import type { AdminAlerts } from '../admin/alerts.js';
import type { Logger } from '../log/logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type {
  OrderChange,
  OrderDocument,
  OrderEffect,
  OrderExpectation,
  OrderStatus,
  OrdersRepository,
} from '../storage/orders.repository.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import { type OrderView, type ReminderKind, toOrderView } from './order-view.js';

export type OrderAlertKind = 'invitation_failed' | 'needs_attention' | 'expired' | 'completed';

/** Builds the messages the order life cycle sends; the app passes the real cards, tests the defaults. */
export interface OrderMessages {
  renderInvitation(order: OrderView): OutgoingMessage;
  renderReminder(order: OrderView, kind: ReminderKind): OutgoingMessage;
  renderAlert(order: OrderView, kind: OrderAlertKind, reason: string | null): OutgoingMessage;
}

export interface OrderTransitionDeps {
  repository: OrdersRepository;
  outbox: Outbox;
  alerts: AdminAlerts;
  messages: OrderMessages;
  now: () => Date;
  /** Names this process in leases; unique per instance. */
  workerId: string;
  /** How long an order's effects stay reserved for the process that added them. */
  leaseMs: number;
  logger: Logger;
}

/** What a transition decides after looking at the order: change it, or answer without changing it. */
export type Decision<R> = { change: OrderChange; expect?: OrderExpectation } | { result: R };

export type Applied<R> = { kind: 'applied'; order: OrderDocument } | { kind: 'not_found' } | R;

const alertKindSchema = z.enum(['invitation_failed', 'needs_attention', 'expired', 'completed']);
const REMINDABLE: readonly OrderStatus[] = ['invited', 'in_progress'];
const MAX_ATTEMPTS = 8;

/**
 * Read, decide, compare-and-set: the transition applies only if the order still has the status
 * (and contact version) it was decided on, so two instances can never both apply one. A lost race
 * is decided again on the fresh order.
 */
export function createOrderTransitions(deps: OrderTransitionDeps) {
  const log = deps.logger.child({ component: 'orders' });

  async function runEffect(order: OrderDocument, effect: OrderEffect): Promise<void> {
    const view = toOrderView(order);
    if (effect.type === 'invitation') {
      // A newer contact has its own invitation; a closed order needs none.
      if (effect.contactVersion !== order.contactVersion || view.status === 'completed') return;
      if (view.status === 'expired' || view.status === 'cancelled') return;
      await deps.outbox.sendMessage(
        effect.id,
        { toPersonEmail: order.provisioningContactEmail },
        deps.messages.renderInvitation(view),
        { kind: 'invitation', orderId: order._id, contactVersion: effect.contactVersion },
      );
    } else if (effect.type === 'reminder') {
      if (!REMINDABLE.includes(order.status)) return;
      const kind: ReminderKind = effect.reminder === 'after_invite' ? 'after_invite' : 'before_deadline';
      await deps.outbox.sendMessage(
        effect.id,
        { toPersonEmail: order.setup?.ownerEmail ?? order.provisioningContactEmail },
        deps.messages.renderReminder(view, kind),
        { kind: 'reminder', orderId: order._id, reminder: kind },
      );
    } else {
      const kind = alertKindSchema.safeParse(effect.alert);
      await deps.alerts.raise({
        key: effect.id,
        kind: kind.success ? kind.data : 'other',
        orderId: order._id,
        message: deps.messages.renderAlert(view, kind.success ? kind.data : 'needs_attention', effect.reason),
      });
    }
  }

  /** Writes the order's pending effects to the outbox (idempotent by key), then drops them. */
  async function runEffects(order: OrderDocument): Promise<void> {
    const done: string[] = [];
    try {
      for (const effect of order.effects) {
        await runEffect(order, effect);
        done.push(effect.id);
      }
    } finally {
      // Effects not done stay, and are picked up again once the lease runs out.
      await deps.repository.finishEffects(order._id, done, deps.workerId);
    }
  }

  /** Decides on `snapshot` first when given (read moments ago), then on fresh reads after a lost race. */
  async function apply<R>(
    orderId: string,
    decide: (order: OrderDocument) => Decision<R>,
    snapshot?: OrderDocument,
  ): Promise<Applied<R>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const order = attempt === 0 && snapshot !== undefined ? snapshot : await deps.repository.get(orderId);
      if (order === undefined) return { kind: 'not_found' };
      const decision = decide(order);
      if ('result' in decision) return decision.result;
      const now = deps.now();
      const { change } = decision;
      const hasEffects = (change.effects?.length ?? 0) > 0;
      const after = await deps.repository.transition(
        orderId,
        { statuses: [order.status], contactVersion: order.contactVersion, ...decision.expect },
        {
          ...change,
          set: { updatedAt: now, lastActivityAt: now, ...change.set },
          ...(hasEffects
            ? { lease: { by: deps.workerId, until: new Date(now.getTime() + deps.leaseMs) } }
            : {}),
        },
      );
      if (after === undefined) continue;
      if (hasEffects) await runEffects(after);
      return { kind: 'applied', order: after };
    }
    log.warn({ orderId }, 'order kept changing under a transition; gave up');
    throw new Error(`Order ${orderId} kept changing; try again`);
  }

  /** Finishes effects whose holder's lease ran out (a crash between a transition and the outbox). */
  async function sweepEffects(limit: number): Promise<number> {
    const now = deps.now();
    let swept = 0;
    for (const stranded of await deps.repository.findStrandedEffects(now, limit)) {
      const until = new Date(now.getTime() + deps.leaseMs);
      const order = await deps.repository.claimLease(stranded._id, now, until, deps.workerId);
      if (order === undefined) continue;
      await runEffects(order);
      swept += 1;
    }
    return swept;
  }

  return { apply, runEffects, sweepEffects, log };
}

export type OrderTransitions = ReturnType<typeof createOrderTransitions>;

/** A history entry for a status change. */
export function statusChange(
  at: Date,
  by: string,
  action: string,
  from: OrderStatus,
  to: OrderStatus,
  details?: Record<string, unknown>,
) {
  return { at, by, action, from, to, ...(details === undefined ? {} : { details }) };
}
