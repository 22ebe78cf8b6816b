import { z } from 'zod';
import { createDocumentEffects } from '../effects/document-effects.js';
import type { Logger } from '../log/logger.js';
import type { Outbox } from '../outbox/outbox.js';
import { type OrderDocument, type OrderEffect, type OrderStatus, orderEffectSchema } from './order.model.js';
import { type ReminderKind, toOrderView } from './order-view.js';
import type { AdminAlerts, OrderMessages, OrdersRepository } from './ports.js';

export interface OrderEffectsDeps {
  repository: OrdersRepository;
  outbox: Outbox;
  alerts: AdminAlerts;
  messages: OrderMessages;
  now: () => Date;
  logger: Logger;
}

const alertKindSchema = z.enum([
  'invitation_failed',
  'needs_attention',
  'expired',
  'completed',
  'completion_refused',
]);
const REMINDABLE: readonly OrderStatus[] = ['invited', 'in_progress'];

/** Reads a stored order effect; a corrupt one is reported as unreadable, not thrown. */
function parseOrderEffect(json: string): OrderEffect | undefined {
  try {
    const parsed = orderEffectSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The orders' effects: messages written to the outbox and alerts raised, each under its key, so a
 * second run sends nothing more. Each is decided on the order as it is now: an invitation to a
 * contact replaced since, or a reminder of an order no longer open, is dropped.
 */
export function createOrderEffects(deps: OrderEffectsDeps) {
  async function runEffect(order: OrderDocument, effect: OrderEffect): Promise<void> {
    const view = toOrderView(order);
    if (effect.type === 'invitation') {
      // A newer contact has its own invitation; a closed order needs none.
      if (effect.contactVersion !== order.contactVersion || view.status === 'completed') return;
      if (view.status === 'expired' || view.status === 'cancelled') return;
      await deps.outbox.sendMessage(
        effect.key,
        { toPersonEmail: order.provisioningContactEmail },
        deps.messages.renderInvitation(view),
        { kind: 'invitation', orderId: order._id, contactVersion: effect.contactVersion },
      );
    } else if (effect.type === 'reminder') {
      if (!REMINDABLE.includes(order.status)) return;
      const kind: ReminderKind = effect.reminder === 'after_invite' ? 'after_invite' : 'before_deadline';
      await deps.outbox.sendMessage(
        effect.key,
        { toPersonEmail: order.setup?.ownerEmail ?? order.provisioningContactEmail },
        deps.messages.renderReminder(view, kind),
        { kind: 'reminder', orderId: order._id, reminder: kind },
      );
    } else {
      const kind = alertKindSchema.safeParse(effect.alert);
      await deps.alerts.raise({
        key: effect.key,
        kind: kind.success ? kind.data : 'other',
        orderId: order._id,
        message: deps.messages.renderAlert(view, kind.success ? kind.data : 'needs_attention', effect.reason),
      });
    }
  }

  return createDocumentEffects({
    name: 'orders',
    store: deps.repository,
    handler: {
      parse: parseOrderEffect,
      async run(orderId, effect: OrderEffect) {
        const order = await deps.repository.get(orderId);
        if (order !== undefined) await runEffect(order, effect);
      },
    },
    now: deps.now,
    logger: deps.logger.child({ component: 'orders' }),
  });
}

export type OrderEffects = ReturnType<typeof createOrderEffects>;
