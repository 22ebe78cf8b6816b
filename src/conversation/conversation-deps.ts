import type { CountryCatalog } from '../directory/countries.js';
import type { Directory } from '../directory/directory.js';
import type { Logger } from '../log/logger.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { IncomingEvent, MessageTarget, OutgoingMessage } from '../webex/gateway.js';
import { eventKey } from '../webex/incoming-event.key.js';
import type { EffectApplier } from './effect-applier.js';
import type { ConversationViews } from './views.js';

/** What the conversation's handlers share. */
export interface ConversationContext {
  setups: SetupsRepository;
  orders: OrdersService;
  directory: Directory;
  outbox: Outbox;
  views: ConversationViews;
  effects: EffectApplier;
  countries: CountryCatalog;
  handoffSameDomain: boolean;
  now: () => Date;
  logger: Logger;
}

/** Where an answer to an event goes: group spaces get it in the space, everything else 1:1. */
export function replyTarget(event: IncomingEvent): MessageTarget {
  return event.kind === 'text' && event.roomType === 'group'
    ? { roomId: event.roomId }
    : { toPersonEmail: event.personEmail };
}

/** Sends an answer that is not part of a transition, once per incoming event and name. */
export async function reply(
  ctx: ConversationContext,
  event: IncomingEvent,
  name: string,
  message: OutgoingMessage,
  orderId?: string,
): Promise<void> {
  await ctx.outbox.sendMessage(`reply:${eventKey(event)}:${name}`, replyTarget(event), message, {
    kind: 'reply',
    ...(orderId === undefined ? {} : { orderId }),
  });
}
