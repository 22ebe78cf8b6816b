import { isSetupEnded, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { FINAL_STATUSES } from '../orders/order-view.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { OrderMessages } from '../orders/ports.js';
import type { Outbox } from '../outbox/outbox.js';
import { restoreSetup } from '../setups/setup-envelope.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import type { RemindResult } from './admin-actions.js';

export interface RemindDeps {
  orders: Pick<OrdersService, 'getOrder' | 'recordEvent'>;
  setups: Pick<SetupsRepository, 'load'>;
  outbox: Outbox;
  /** The card of a setup's current step (the conversation's views render it). */
  views: { step(snapshot: OrderSetupSnapshot, rev: number): OutgoingMessage };
  messages: Pick<OrderMessages, 'renderInvitation'>;
}

/**
 * An administrator's `remind`: the current step again to whoever owns the setup, or, before the
 * setup started, the invitation again to the contact. Each request sends once (keyed by the request)
 * and is written to the order's history.
 */
export function createRemind(deps: RemindDeps) {
  return async (orderId: string, by: string, requestKey: string): Promise<RemindResult> => {
    const order = await deps.orders.getOrder(orderId);
    if (order === undefined) return { kind: 'not_found' };
    if (FINAL_STATUSES.includes(order.status)) return { kind: 'ended' };
    if (order.status === 'scheduled') return { kind: 'not_started' };
    const key = `remind:admin:${orderId}:${requestKey}`;
    const purpose = { kind: 'admin_remind', orderId };
    const doc = await deps.setups.load(orderId);
    let to: string;
    let what: 'step' | 'invitation';
    if (doc === undefined) {
      to = order.provisioningContactEmail;
      what = 'invitation';
      await deps.outbox.sendMessage(
        key,
        { toPersonEmail: to },
        deps.messages.renderInvitation(order),
        purpose,
      );
    } else {
      const loaded = restoreSetup(doc);
      if (isSetupEnded(loaded.snapshot)) return { kind: 'ended' };
      to = loaded.snapshot.context.ownerEmail;
      what = 'step';
      await deps.outbox.sendMessage(
        key,
        { toPersonEmail: to },
        deps.views.step(loaded.snapshot, loaded.rev),
        purpose,
      );
    }
    const recorded = await deps.orders.recordEvent(orderId, 'reminded', { to, what }, by);
    return recorded.kind === 'not_found' ? { kind: 'not_found' } : { kind: 'reminded', to, what };
  };
}
