import type { AdminCardMessage } from '../../cards/admin/admin-card.types.js';
import { renderAdminNotice } from '../../cards/admin/admin-notice.card.js';
import type { Outbox } from '../outbox/outbox.js';
import type { IncomingEvent, MessageTarget, OutgoingMessage } from '../webex/gateway.js';
import { eventKey } from '../webex/incoming-event.key.js';

/** Sends the answers of the administrators' commands. */
export interface AdminReplies {
  /** Sends an answer once per incoming event and `name`, where the event says it should go. */
  send(event: IncomingEvent, name: string, message: AdminCardMessage, orderId?: string): Promise<void>;
}

/**
 * Where an answer goes. In the administrators' space, answers stay there (text or button). In any
 * other group space an answer goes to the person 1:1, because it may name orders and people the
 * others there should not see; the space gets a short note. Everything else is answered 1:1.
 */
export function adminReplyTargets(
  event: IncomingEvent,
  adminRoomId: string | undefined,
): { answer: MessageTarget; note?: MessageTarget } {
  if (adminRoomId !== undefined && event.roomId === adminRoomId) return { answer: { roomId: adminRoomId } };
  const direct = { toPersonEmail: event.personEmail };
  if (event.kind === 'text' && event.roomType === 'group')
    return { answer: direct, note: { roomId: event.roomId } };
  return { answer: direct };
}

function toOutgoing(message: AdminCardMessage): OutgoingMessage {
  return { text: message.text, card: { ...message.card } };
}

/** Answers through the persisted outbox, keyed by the incoming event, so a redelivery answers once. */
export function createAdminReplies(options: {
  outbox: Outbox;
  adminRoomId: string | undefined;
}): AdminReplies {
  return {
    async send(event, name, message, orderId) {
      const targets = adminReplyTargets(event, options.adminRoomId);
      const purpose = { kind: 'reply', ...(orderId === undefined ? {} : { orderId }) };
      const key = `reply:${eventKey(event)}:admin-${name}`;
      await options.outbox.sendMessage(key, targets.answer, toOutgoing(message), purpose);
      if (targets.note !== undefined) {
        const note = renderAdminNotice({ kind: 'privateAnswer' }, 'en');
        await options.outbox.sendMessage(`${key}:note`, targets.note, toOutgoing(note), { kind: 'reply' });
      }
    },
  };
}
