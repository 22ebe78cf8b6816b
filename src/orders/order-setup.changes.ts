import type { OrderDocument, OrderSetup } from './order.model.js';
import { type Decision, statusChange } from './order-transition.js';
import { FINAL_STATUSES, type OrderView, toOrderView } from './order-view.js';

/** The outcome of a change asked for by a person or the conversation. */
export type ChangeResult =
  | { kind: 'changed'; order: OrderView }
  | { kind: 'unchanged'; order: OrderView }
  | { kind: 'not_found' }
  | { kind: 'not_allowed'; order: OrderView; message: string };

/** Where the setup is, as the conversation reports it after each step. */
export interface SetupProgress {
  step: string;
  stepNumber: number;
  totalSteps: number;
  ownerEmail: string;
  /** The setup's revision at this step: an older report never replaces a newer one. */
  rev?: number | undefined;
}

type Change = (
  orderId: string,
  decide: (order: OrderDocument) => Decision<ChangeResult>,
) => Promise<ChangeResult>;

const view = toOrderView;
/** The answer to a change the order's status does not allow, with the order as it is. */
export const notAllowed = (order: OrderDocument, message: string): ChangeResult => ({
  kind: 'not_allowed',
  order: view(order),
  message,
});

/** The changes the setup conversation makes as the contact goes through the steps. */
export function createSetupChanges(change: Change, now: () => Date) {
  return {
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
        // The same report again (an effect applied twice after a crash) changes nothing, and so
        // does an older one carried out after a newer one.
        const current = order.setup;
        const older = current?.rev !== undefined && progress.rev !== undefined && progress.rev < current.rev;
        if (older) return { result: { kind: 'unchanged', order: view(order) } };
        const same =
          current !== null &&
          order.status === 'in_progress' &&
          current.step === progress.step &&
          current.stepNumber === progress.stepNumber &&
          current.totalSteps === progress.totalSteps &&
          current.ownerEmail === progress.ownerEmail.toLowerCase();
        if (same) return { result: { kind: 'unchanged', order: view(order) } };
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
                key: `needs_attention:${orderId}:${order.history.length}`,
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
            effects: [{ key: `completed:${orderId}`, type: 'alert', alert: 'completed', reason: null }],
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

    /** Adds a history entry that changes nothing else (an administrator's reminder, say). */
    recordEvent: (orderId: string, action: string, details: Record<string, unknown>, by: string) =>
      change(orderId, () => ({ change: { set: {}, history: [{ at: now(), by, action, details }] } })),
  };
}
