import { byteLength, cutToBytes, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import type { OutgoingMessage } from '../webex/gateway.js';

/**
 * Keeps a message within Webex's limit of 7,439 bytes for each of `text` and `markdown`: Webex
 * refuses a longer one with a 400, so it would never be sent. Builders keep their texts within it
 * already (card fallbacks, administrators' answers end with a hint that there is more); this is the
 * last guard for everything queued, so a long name or reason can never make a message unsendable.
 * A cut text ends with `…`. Applied when a message is queued, so what is stored is what is sent.
 */
export function fitToWebexLimit(message: OutgoingMessage): OutgoingMessage {
  const fits = (value: string | undefined) => value === undefined || byteLength(value) <= MAX_TEXT_BYTES;
  if (fits(message.text) && fits(message.markdown)) return message;
  return {
    ...message,
    text: cutToBytes(message.text, MAX_TEXT_BYTES),
    ...(message.markdown === undefined ? {} : { markdown: cutToBytes(message.markdown, MAX_TEXT_BYTES) }),
  };
}
