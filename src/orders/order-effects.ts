import { z } from 'zod';
import { createDocumentEffects } from '../effects/document-effects.js';
import type { PendingWork } from '../effects/effects.port.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { Outbox, QueuedMessage } from '../outbox/outbox.js';
import { type OrderDocument, type OrderEffect, type OrderStatus, orderEffectSchema } from './order.model.js';
import { type ReminderKind, toOrderView } from './order-view.js';
import type { AdminAlerts, OrderMessages, OrdersRepository } from './ports.js';

export interface OrderEffectsDeps {
  repository: OrdersRepository;
  outbox: Outbox;
  alerts: AdminAlerts;
  messages: OrderMessages;
  /** This instance, the owner of the work it commits. */
  owners: Owners;
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
  /** The invitation an effect asks for, or undefined when the order as it is now needs none. */
  function invitation(order: OrderDocument, effect: OrderEffect): QueuedMessage | undefined {
    const view = toOrderView(order);
    // A newer contact has its own invitation; a closed order needs none.
    if (effect.type !== 'invitation' || effect.contactVersion !== order.contactVersion) return undefined;
    if (view.status === 'completed' || view.status === 'expired' || view.status === 'cancelled')
      return undefined;
    return {
      key: effect.key,
      target: { toPersonEmail: order.provisioningContactEmail },
      message: deps.messages.renderInvitation(view),
      purpose: { kind: 'invitation', orderId: order._id, contactVersion: effect.contactVersion },
    };
  }

  async function runEffect(order: OrderDocument, effect: OrderEffect): Promise<void> {
    const view = toOrderView(order);
    if (effect.type === 'invitation') {
      const queued = invitation(order, effect);
      if (queued !== undefined)
        await deps.outbox.sendMessage(queued.key, queued.target, queued.message, queued.purpose);
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

  const documents = createDocumentEffects({
    name: 'orders',
    store: deps.repository,
    owners: deps.owners,
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

  /**
   * Commits many orders' changes in one write, then queues their invitations in one write and
   * clears them in one more; an order with any other effect pending runs as one alone. Changes
   * that lost a race are not applied (the caller finds those orders again); how many applied.
   */
  /** Commits every write it can in one, runs what they caused; the ids of the orders changed. */
  async function commitAndRunMany(writes: Parameters<typeof documents.commitMany>[0]): Promise<string[]> {
    const applied = await documents.commitMany(writes);
    const bulk: Array<{ work: PendingWork; message: QueuedMessage | undefined }> = [];
    const alone: Array<{ work: PendingWork; fresh: ReadonlySet<string> }> = [];
    for (const { doc, fresh } of applied) {
      const work = { id: doc._id, effects: doc.pendingEffects };
      const effects = work.effects.map((entry) =>
        fresh.has(entry.id) ? parseOrderEffect(entry.json) : undefined,
      );
      // Only this commit's invitations go in bulk; anything older or else keeps its order alone.
      if (effects.every((effect) => effect?.type === 'invitation') && effects.length === 1)
        bulk.push({ work, message: effects[0] === undefined ? undefined : invitation(doc, effects[0]) });
      else alone.push({ work, fresh });
    }
    const messages = bulk.flatMap(({ message }) => (message === undefined ? [] : [message]));
    await deps.outbox.sendMessages(messages);
    await documents.markDoneMany(bulk.map(({ work }) => work));
    for (const { work, fresh } of alone) await documents.run(work, fresh);
    return applied.map(({ doc }) => doc._id);
  }

  return { ...documents, commitAndRunMany };
}

export type OrderEffects = ReturnType<typeof createOrderEffects>;
