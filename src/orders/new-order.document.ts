import type { OrderDocument } from '../storage/orders.repository.js';
import { type NewOrder, SETUP_WINDOW_DAYS } from './order-input.schema.js';
import { addDays, startOfLocalDay } from './start-date.js';

/**
 * A new order as stored: due at 00:00 of its start date in its time zone, closing 7 or 30 days
 * later. An order already due carries its invitation as a pending effect, with the creator holding
 * the lease to run it at once.
 */
export function buildOrderDocument(
  input: NewOrder,
  by: string,
  at: Date,
  lease: { by: string; ms: number },
): OrderDocument {
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
    leaseBy: due ? lease.by : null,
    leaseUntil: due ? new Date(at.getTime() + lease.ms) : new Date(0),
    history: [{ at, by, action: 'created', to: 'scheduled' }],
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
  };
}
