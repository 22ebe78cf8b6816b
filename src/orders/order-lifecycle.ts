import { z } from 'zod';
import type { OrderDocument } from './order.model.js';
import { SETUP_WINDOW_DAYS } from './order-input.schema.js';
import { type Decision, type OrderTransitions, statusChange } from './order-transition.js';
import { OPEN_STATUSES, type ReminderKind } from './order-view.js';
import { addDays, startOfLocalDay } from './start-date.js';

export interface ReminderSettings {
  reminderAfterInviteDays: number;
  reminderBeforeDeadlineDays: number;
}

const DAY_MS = 86_400_000;
const SCHEDULER = 'scheduler';

/** The reminders of an order invited at `invitedAt`, soonest first; none at or after the deadline. */
export function planReminders(order: OrderDocument, invitedAt: Date, settings: ReminderSettings) {
  const afterInvite = new Date(invitedAt.getTime() + settings.reminderAfterInviteDays * DAY_MS);
  const beforeDeadline = startOfLocalDay(
    addDays(order.requestedStartDate, SETUP_WINDOW_DAYS[order.offer] - settings.reminderBeforeDeadlineDays),
    order.timeZone,
  );
  const planned: Array<{ kind: ReminderKind; dueAt: Date }> = [
    { kind: 'after_invite', dueAt: afterInvite },
    { kind: 'before_deadline', dueAt: beforeDeadline },
  ];
  return planned
    .filter((r) => r.dueAt > invitedAt && r.dueAt < order.deadlineAt)
    .filter((r) => r.kind !== 'after_invite' || afterInvite < beforeDeadline || beforeDeadline <= invitedAt)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Why an invitation failed for good: `contact_not_on_webex` (Webex has no account for the address)
 * or `invitation_failed` (anything else). A new contact (`PATCH`) re-invites after either.
 */
export const INVITATION_FAILURE_REASONS = ['invitation_failed', 'contact_not_on_webex'] as const;
export type InvitationFailureReason = (typeof INVITATION_FAILURE_REASONS)[number];

/** An invitation Webex took: its order, the contact it was for, and the message. */
export interface InvitationDelivered {
  orderId: string;
  contactVersion: number;
  messageId: string | null;
}

/** The scheduler's transitions: queue due invitations, record their outcome, remind, expire. */
export function createOrderLifecycle(
  transitions: OrderTransitions,
  now: () => Date,
  settings: ReminderSettings,
) {
  const skip = { result: { kind: 'skipped' as const } };

  function decideInvitation(order: OrderDocument): Decision<{ kind: 'skipped' }> {
    const at = now();
    if (order.status !== 'scheduled' || order.inviteDueAt === null || order.inviteDueAt > at) return skip;
    const version = order.contactVersion;
    return {
      change: {
        set: { inviteDueAt: null },
        history: [
          {
            at,
            by: SCHEDULER,
            action: 'invitation_queued',
            details: { email: order.provisioningContactEmail },
          },
        ],
        effects: [{ key: `invite:${order._id}:${version}`, type: 'invitation', contactVersion: version }],
      },
    };
  }

  /** How an order takes the delivery of its invitation (to the contact of `contactVersion`). */
  const decideDelivered =
    (contactVersion: number, messageId: string | null) =>
    (order: OrderDocument): Decision<{ kind: 'skipped' }> => {
      if (order.contactVersion !== contactVersion || !OPEN_STATUSES.includes(order.status)) return skip;
      // Recorded once per message: a delivery reported again (after a batch write that could not
      // tell it applied, or a retry) finds its entry there.
      const recorded = (entry: OrderDocument['history'][number]) =>
        entry.action === 'invitation_delivered' && entry.details?.messageId === messageId;
      if (messageId !== null && order.history.some(recorded)) return skip;
      const at = now();
      const details = { email: order.provisioningContactEmail, messageId };
      if (order.status !== 'scheduled')
        return {
          change: {
            set: { invitedAt: at },
            history: [{ at, by: SCHEDULER, action: 'invitation_delivered', details }],
          },
        };
      const reminders = planReminders(order, at, settings);
      return {
        change: {
          set: {
            status: 'invited',
            statusReason: null,
            invitedAt: at,
            reminders,
            nextReminderAt: reminders[0]?.dueAt ?? null,
          },
          history: [statusChange(at, SCHEDULER, 'invitation_delivered', 'scheduled', 'invited', details)],
        },
      };
    };

  return {
    /** Turns a scheduled order whose start date has come into a queued invitation. */
    queueInvitation: (orderId: string, snapshot?: OrderDocument) =>
      transitions.apply(orderId, decideInvitation, snapshot),

    /** The same for many orders read moments ago, in a few writes; how many were queued. */
    queueInvitations: (orders: readonly OrderDocument[]) => transitions.applyMany(orders, decideInvitation),

    /** The invitation reached the contact: the order is invited and its reminders are planned. */
    recordInvitationDelivered: (orderId: string, contactVersion: number, messageId: string | null) =>
      transitions.apply(orderId, decideDelivered(contactVersion, messageId)),

    /**
     * The same for invitations delivered at about the same moment, in one read and one write (an
     * order changed meanwhile is done alone). One delivery per order: the caller sends any other.
     */
    recordInvitationsDelivered: (delivered: readonly InvitationDelivered[]) =>
      transitions.applyEach(
        new Map(delivered.map((d) => [d.orderId, decideDelivered(d.contactVersion, d.messageId)])),
      ),

    /**
     * The outbox gave up on the invitation: a person must look at the contact address. `reason`
     * is `contact_not_on_webex` when Webex has no account for it (the alert then names the address).
     */
    recordInvitationFailed: (
      orderId: string,
      contactVersion: number,
      error: string,
      reason: InvitationFailureReason = 'invitation_failed',
    ) =>
      transitions.apply(orderId, (order) => {
        if (order.contactVersion !== contactVersion) return skip;
        if (!['scheduled', 'invited', 'in_progress'].includes(order.status)) return skip;
        const at = now();
        const alertReason =
          reason === 'contact_not_on_webex' ? `${reason}: ${order.provisioningContactEmail}` : error;
        return {
          change: {
            set: { status: 'needs_attention', statusReason: reason },
            history: [
              statusChange(at, SCHEDULER, 'invitation_failed', order.status, 'needs_attention', {
                email: order.provisioningContactEmail,
                error,
                reason,
              }),
            ],
            effects: [
              {
                key: `invitation_failed:${orderId}:${contactVersion}`,
                type: 'alert',
                alert: 'invitation_failed',
                reason: alertReason,
              },
            ],
          },
        };
      }),

    /** Queues the reminder that is due; when several are (after downtime) only the latest is sent. */
    queueReminder: (orderId: string, snapshot?: OrderDocument) =>
      transitions.apply(
        orderId,
        (order) => {
          const at = now();
          if (!['invited', 'in_progress'].includes(order.status) || order.nextReminderAt === null)
            return skip;
          if (order.nextReminderAt > at) return skip;
          const due = order.reminders.filter((r) => r.dueAt <= at);
          const rest = order.reminders.filter((r) => r.dueAt > at);
          const send = due.at(-1);
          return {
            change: {
              set: { reminders: rest, nextReminderAt: rest[0]?.dueAt ?? null },
              history:
                send === undefined
                  ? []
                  : [{ at, by: SCHEDULER, action: 'reminder_queued', details: { kind: send.kind } }],
              effects:
                send === undefined
                  ? []
                  : [{ key: `remind:${orderId}:${send.kind}`, type: 'reminder', reminder: send.kind }],
            },
          };
        },
        snapshot,
      ),

    /** The setup window closed before the order was mapped: Cisco closes the order line. */
    expire: (orderId: string, snapshot?: OrderDocument) =>
      transitions.apply(
        orderId,
        (order) => {
          const at = now();
          if (!OPEN_STATUSES.includes(order.status) || order.deadlineAt > at) return skip;
          const reason = 'setup_window_elapsed';
          return {
            change: {
              set: {
                status: 'expired',
                statusReason: reason,
                inviteDueAt: null,
                reminders: [],
                nextReminderAt: null,
              },
              history: [
                statusChange(at, SCHEDULER, 'expired', order.status, 'expired', {
                  deadlineAt: order.deadlineAt.toISOString(),
                }),
              ],
              effects: [{ key: `expired:${orderId}`, type: 'alert', alert: 'expired', reason }],
            },
          };
        },
        snapshot,
      ),
  };
}

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>;

/** The purpose the scheduler gives invitations in the outbox; delivery callbacks are matched on it. */
export const invitationPurposeSchema = z.object({
  kind: z.literal('invitation'),
  orderId: z.string(),
  contactVersion: z.number().int(),
});
