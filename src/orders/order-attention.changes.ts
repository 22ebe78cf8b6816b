import type { OrderDocument } from './order.model.js';
import type { ChangeResult } from './order-setup.changes.js';
import { type Decision, statusChange } from './order-transition.js';
import { toOrderView } from './order-view.js';

type Change = (
  orderId: string,
  decide: (order: OrderDocument) => Decision<ChangeResult>,
) => Promise<ChangeResult>;

const view = toOrderView;

/** The reason an order needs attention because its invitation never arrived. */
export const INVITATION_FAILED = 'invitation_failed';

/** Whether resolving the order means inviting its contact again: the invitation failed and no setup began. */
export function isUndeliveredInvitation(order: { statusReason: string | null; setup: unknown }): boolean {
  return order.statusReason === INVITATION_FAILED && order.setup === null;
}

/**
 * The ways out of "needs attention" that administrators take, and the directory's refusal of a
 * completion that sends the setup back to its owner. Each is one transition, in the history.
 */
export function createAttentionChanges(change: Change, now: () => Date) {
  return {
    /**
     * An administrator fixed the cause: the order is in progress again (the conversation returns
     * the setup to its step). An invitation that never arrived is sent again instead, under a new
     * contact version so that its delivery is told apart from the failed one.
     */
    resolveAttention: (orderId: string, by: string) =>
      change(orderId, (order) => {
        if (order.status !== 'needs_attention')
          return {
            result: {
              kind: 'not_allowed',
              order: view(order),
              message: `Order ${orderId} is ${order.status}: only an order that needs attention can be resolved.`,
            },
          };
        const at = now();
        const reason = order.statusReason;
        if (isUndeliveredInvitation(order)) {
          const version = order.contactVersion + 1;
          return {
            change: {
              set: { status: 'scheduled', statusReason: null, contactVersion: version },
              history: [
                statusChange(at, by, 'attention_resolved', order.status, 'scheduled', {
                  reason,
                  reinvited: order.provisioningContactEmail,
                }),
              ],
              effects: [{ key: `invite:${orderId}:${version}`, type: 'invitation', contactVersion: version }],
            },
          };
        }
        return {
          change: {
            set: { status: 'in_progress', statusReason: null },
            history: [statusChange(at, by, 'attention_resolved', order.status, 'in_progress', { reason })],
          },
        };
      }),

    /**
     * The directory refused what the setup confirmed (the administrator email was taken meanwhile):
     * the setup is back with its owner, so the order stays in progress; administrators are told.
     */
    recordCompletionRefused: (orderId: string, reason: string, by: string) =>
      change(orderId, (order) => {
        const last = order.history.at(-1);
        // The same refusal again (its effect run twice after a crash) changes nothing.
        if (last?.action === 'completion_refused' && last.details?.reason === reason)
          return { result: { kind: 'unchanged', order: view(order) } };
        if (order.status !== 'in_progress' && order.status !== 'invited')
          return {
            result: {
              kind: 'not_allowed',
              order: view(order),
              message: `A ${order.status} order cannot go back to its setup.`,
            },
          };
        return {
          change: {
            set: {},
            history: [{ at: now(), by, action: 'completion_refused', details: { reason } }],
            effects: [
              {
                key: `completion_refused:${orderId}:${order.history.length}`,
                type: 'alert',
                alert: 'completion_refused',
                reason,
              },
            ],
          },
        };
      }),
  };
}
