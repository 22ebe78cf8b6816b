import type { IncomingEvent } from './gateway.js';

/**
 * The id a redelivered webhook would repeat (the message, or the card action), so that whatever
 * answers an event can do it once.
 */
export function eventKey(event: IncomingEvent): string {
  return event.kind === 'text' ? `text:${event.messageId}` : `submit:${event.actionId}`;
}
