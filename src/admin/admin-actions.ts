import type {
  CancelOutcomeView,
  ReassignOutcomeView,
  RemindOutcomeView,
  ResolveOutcomeView,
} from '../../cards/admin/admin-notice.card.js';
import { isUndeliveredInvitation } from '../orders/order-attention.changes.js';
import { FINAL_STATUSES, type OrderView } from '../orders/order-view.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { ReassignResult, ResolveSetup } from '../setups/setup-operations.js';

/**
 * What `remind(orderId, by)` reports. The composition root provides it: it re-sends the current
 * step card to the setup's owner (or, before the setup started, the invitation to the contact),
 * records `{ action: 'reminded', by, details: { to, what } }` in the order's history, and says so.
 */
export type RemindResult =
  | { kind: 'reminded'; to: string; what: 'step' | 'invitation' }
  /** Scheduled: the invitation has not gone out, so there is nothing to remind of. */
  | { kind: 'not_started' }
  /** Completed, expired, cancelled, or the setup ended (needs a person). */
  | { kind: 'ended' }
  /** The order or setup changed meanwhile; try again. */
  | { kind: 'busy' }
  | { kind: 'not_found' };

export interface AdminActionDeps {
  orders: Pick<OrdersService, 'changeContact' | 'cancelOrder' | 'resolveAttention'>;
  /** Returns a setup that waits for a person to its step and tells the owner (a setup operation). */
  resolve: ResolveSetup;
  /** Moves an active setup to another person and tells both (a setup operation, given as a port). */
  reassign: (orderId: string, email: string, by: string) => Promise<ReassignResult>;
  /** `requestKey` names the request (the incoming event), so a redelivered one reminds once. */
  remind: (orderId: string, by: string, requestKey: string) => Promise<RemindResult>;
}

/** Re-sends the current step to the owner; the answer for the administrator who asked. */
export async function remindOwner(
  deps: AdminActionDeps,
  order: OrderView,
  by: string,
  requestKey: string,
): Promise<RemindOutcomeView> {
  const { orderId } = order;
  if (FINAL_STATUSES.includes(order.status)) return { kind: 'ended', orderId, status: order.status };
  if (order.status === 'scheduled')
    return { kind: 'notStarted', orderId, startDate: order.requestedStartDate };
  // Sending the same step again changes nothing for an order that waits for a fix: say how out.
  if (order.status === 'needs_attention')
    return { kind: 'needsAttention', orderId, reason: order.statusReason };
  const result = await deps.remind(orderId, by, requestKey);
  switch (result.kind) {
    case 'reminded':
      return { kind: 'reminded', orderId, to: result.to, what: result.what };
    case 'not_started':
      return { kind: 'notStarted', orderId, startDate: order.requestedStartDate };
    case 'ended':
    case 'not_found':
      return { kind: 'ended', orderId, status: order.status };
    case 'busy':
      return { kind: 'busy', orderId };
  }
}

/**
 * Moves an order's setup to another person. A started setup moves with the answers given so far
 * (the conversation tells the previous and the new owner); one that has not started yet has no
 * owner but its provisioning contact, so the contact changes (and is re-invited if the start date
 * has come).
 */
export async function reassignOrder(
  deps: AdminActionDeps,
  order: OrderView,
  email: string,
  by: string,
): Promise<ReassignOutcomeView> {
  const { orderId } = order;
  if (FINAL_STATUSES.includes(order.status)) return { kind: 'ended', orderId, status: order.status };
  const moved = await deps.reassign(orderId, email, by);
  switch (moved.kind) {
    case 'reassigned':
      return { kind: 'reassigned', orderId, from: moved.from, to: moved.to };
    case 'unchanged':
      return { kind: 'unchanged', orderId, to: email };
    case 'ended':
      return { kind: 'ended', orderId, status: order.status };
    case 'busy':
      return { kind: 'busy', orderId };
    case 'no_setup':
      break;
  }
  const changed = await deps.orders.changeContact(orderId, email, by);
  switch (changed.kind) {
    case 'changed':
      return { kind: 'contactChanged', orderId, from: order.provisioningContactEmail, to: email };
    case 'unchanged':
      return { kind: 'unchanged', orderId, to: email };
    case 'not_allowed':
      return { kind: 'refused', orderId, message: changed.message };
    case 'not_found':
      return { kind: 'busy', orderId };
  }
}

/**
 * `resolve`: after the cause was fixed, the setup goes back to the step that raised the attention
 * (its owner is told), or, when no setup began, the invitation goes out again. Either way the
 * order's history says who resolved it.
 */
export async function resolveOrder(
  deps: AdminActionDeps,
  order: OrderView,
  by: string,
): Promise<ResolveOutcomeView> {
  const { orderId } = order;
  if (order.status !== 'needs_attention') return { kind: 'notNeeded', orderId, status: order.status };
  const setup = await deps.resolve(orderId, by);
  if (setup.kind === 'resolved') return { kind: 'resolved', orderId, owner: setup.owner, step: setup.step };
  if (setup.kind === 'busy') return { kind: 'busy', orderId };
  const changed = await deps.orders.resolveAttention(orderId, by);
  switch (changed.kind) {
    case 'changed':
      return isUndeliveredInvitation(order)
        ? { kind: 'reinvited', orderId, to: order.provisioningContactEmail }
        : { kind: 'orderOnly', orderId };
    case 'unchanged':
    case 'not_allowed':
      return { kind: 'notNeeded', orderId, status: changed.order.status };
    case 'not_found':
      return { kind: 'busy', orderId };
  }
}

/** `cancel`: ends an order with a reason, exactly as the API's cancellation does. */
export async function cancelAsAdmin(
  deps: AdminActionDeps,
  order: OrderView,
  reason: string,
  by: string,
): Promise<CancelOutcomeView> {
  const { orderId } = order;
  const cancelled = await deps.orders.cancelOrder(orderId, reason, by);
  switch (cancelled.kind) {
    case 'changed':
      return { kind: 'cancelled', orderId, reason };
    case 'unchanged':
      return { kind: 'unchanged', orderId };
    case 'not_allowed':
      return { kind: 'refused', orderId, status: cancelled.order.status };
    case 'not_found':
      return { kind: 'refused', orderId, status: order.status };
  }
}
