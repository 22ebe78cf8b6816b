import type { OrderDocument, OrderEffect } from './order.model.js';
import type { NewOrder } from './order-input.schema.js';
import { setupDeadline } from './setup-window.js';
import { startOfLocalDay } from './start-date.js';

/**
 * A new order as stored: due at 00:00 of its start date in its time zone, closing 7 or 30 days
 * later. An order already due is created with its invitation as an effect, run at once.
 */
export function buildOrderDocument(
  input: NewOrder,
  by: string,
  at: Date,
): { doc: Omit<OrderDocument, 'rev' | 'pendingEffects'>; effects: OrderEffect[] } {
  const { orderId, ...fields } = input;
  const dueAt = startOfLocalDay(input.requestedStartDate, input.timeZone);
  const deadlineAt = setupDeadline(input);
  const due = dueAt.getTime() <= at.getTime();
  const doc: Omit<OrderDocument, 'rev' | 'pendingEffects'> = {
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
    history: [{ at, by, action: 'created', to: 'scheduled' }],
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
  };
  const invitation: OrderEffect = { key: `invite:${orderId}:0`, type: 'invitation', contactVersion: 0 };
  return { doc, effects: due ? [invitation] : [] };
}
