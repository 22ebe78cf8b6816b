import { z } from 'zod';
import type { IncomingCardSubmit, IncomingText } from './gateway.js';
import type { BotIdentity } from './rest.gateway.js';

/**
 * Turns what the framework fetched and emitted into the bot's typed events, validating it on the
 * way. `dropped` means the framework lost an event it should have emitted (a spawn race, a failed
 * fetch): the lanes replay those. `ignored` is final.
 */
export type MappedOutcome<E> =
  | { kind: 'event'; event: E }
  | { kind: 'ignored'; reason: string }
  | { kind: 'dropped'; reason: string };

const messageSchema = z.object({
  id: z.string().min(1),
  roomId: z.string().min(1),
  roomType: z.enum(['direct', 'group']),
  personId: z.string().min(1),
  personEmail: z.string().min(1),
  text: z.string().optional(),
  html: z.string().optional(),
  mentionedPeople: z.array(z.string()).optional(),
});

const attachmentActionSchema = z.object({
  id: z.string().min(1),
  type: z.literal('submit'),
  messageId: z.string().min(1),
  personId: z.string().min(1),
  roomId: z.string().min(1),
  inputs: z.record(z.string(), z.unknown()),
});

const personSchema = z.object({ id: z.string().min(1), emails: z.array(z.string().min(1)).min(1) });

/** The uuid inside a Webex id (`base64("ciscospark://us/PEOPLE/<uuid>")`), or the id itself. */
function innerUuid(id: string): string {
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  return decoded.startsWith('ciscospark://') ? (decoded.split('/').pop() ?? id) : id;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The names under which the bot is @mentioned in a message's html (`<spark-mention>` elements). */
function mentionNames(html: string | undefined, bot: BotIdentity): string[] {
  if (html === undefined) return [];
  const botIds = new Set([bot.id, innerUuid(bot.id)]);
  const names: string[] = [];
  const pattern = /<spark-mention\b([^>]*)>([\s\S]*?)<\/spark-mention>/gi;
  for (const match of html.matchAll(pattern)) {
    const objectId = /data-object-id="([^"]*)"/i.exec(match[1] ?? '')?.[1];
    if (objectId !== undefined && botIds.has(objectId)) names.push(decodeEntities(match[2] ?? ''));
  }
  return names;
}

/**
 * The message text without the bot's @mention, trimmed. The mention's rendered name comes from the
 * html; without html, a leading display name (or its first word, as clients shorten it) is removed.
 */
export function stripBotMention(text: string, html: string | undefined, bot: BotIdentity): string {
  const join = (before: string, after: string) => `${before.trimEnd()} ${after.trimStart()}`.trim();
  for (const name of mentionNames(html, bot)) {
    const at = name === '' ? -1 : text.indexOf(name);
    if (at >= 0) return join(text.slice(0, at), text.slice(at + name.length));
  }
  const trimmed = text.trim();
  const firstWord = bot.displayName.split(/\s+/)[0] ?? '';
  for (const name of [bot.displayName, firstWord]) {
    if (name !== '' && trimmed.toLowerCase().startsWith(name.toLowerCase())) {
      const rest = trimmed.slice(name.length);
      if (rest === '' || /^\s/.test(rest)) return rest.trim();
    }
  }
  return trimmed;
}

/** A `messages/created` webhook, after the framework's processing. */
export function mapMessage(
  observation: { fetched: unknown; trigger: { item: unknown } | undefined },
  bot: BotIdentity,
): MappedOutcome<IncomingText> {
  const source = observation.trigger?.item ?? observation.fetched;
  if (source === undefined) return { kind: 'dropped', reason: 'the framework could not fetch the message' };
  const parsed = messageSchema.safeParse(source);
  if (!parsed.success)
    return { kind: 'ignored', reason: `unexpected message shape: ${parsed.error.message}` };
  const message = parsed.data;
  if (message.personId === bot.id) return { kind: 'ignored', reason: 'the bot’s own message' };
  if (message.text === undefined || message.text.trim() === '') return { kind: 'ignored', reason: 'no text' };
  if (message.roomType === 'group' && !(message.mentionedPeople ?? []).includes(bot.id)) {
    return { kind: 'ignored', reason: 'group message that does not mention the bot' };
  }
  if (observation.trigger === undefined)
    return { kind: 'dropped', reason: 'the framework did not emit the message' };
  return {
    kind: 'event',
    event: {
      kind: 'text',
      messageId: message.id,
      roomId: message.roomId,
      roomType: message.roomType,
      personId: message.personId,
      personEmail: message.personEmail.toLowerCase(),
      text: stripBotMention(message.text, message.html, bot),
    },
  };
}

/** An `attachmentActions/created` webhook, after the framework's processing. */
export function mapCardSubmit(
  observation: { trigger: { item: unknown; person: unknown } | undefined },
  bot: BotIdentity,
): MappedOutcome<IncomingCardSubmit> {
  if (observation.trigger === undefined) {
    return { kind: 'dropped', reason: 'the framework did not emit the attachment action' };
  }
  const action = attachmentActionSchema.safeParse(observation.trigger.item);
  if (!action.success)
    return { kind: 'ignored', reason: `unexpected attachment action: ${action.error.message}` };
  const person = personSchema.safeParse(observation.trigger.person);
  if (!person.success) return { kind: 'ignored', reason: `unexpected person: ${person.error.message}` };
  if (action.data.personId === bot.id) return { kind: 'ignored', reason: 'the bot’s own action' };
  const email = person.data.emails[0];
  if (email === undefined) return { kind: 'ignored', reason: 'person without email' };
  return {
    kind: 'event',
    event: {
      kind: 'cardSubmit',
      actionId: action.data.id,
      messageId: action.data.messageId,
      roomId: action.data.roomId,
      personId: action.data.personId,
      personEmail: email.toLowerCase(),
      inputs: action.data.inputs,
    },
  };
}
