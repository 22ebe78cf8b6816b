import type { Request } from 'express';
import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { canSeeMessage } from '../message-visibility.js';
import { pageOf, queryMax, queryText } from '../paging.js';
import type { MessageRecord, PersonRecord } from '../records.js';
import { roomOfMember } from '../spaces.js';
import type { EmulatorState } from '../state.js';
import { renderMessage } from '../views.js';

/** Applies `before` (a date) and `beforeMessage` (an id) to messages listed newest first. */
function beforeFilter(state: EmulatorState, req: Request, messages: MessageRecord[]): MessageRecord[] {
  const before = queryText(req, 'before');
  const beforeMessage = queryText(req, 'beforeMessage');
  let out = messages;
  if (before !== undefined) {
    const time = Date.parse(before);
    if (Number.isNaN(time)) throw badRequest('before: must be an ISO 8601 date');
    out = out.filter((message) => Date.parse(message.created) < time);
  }
  if (beforeMessage !== undefined) {
    const anchor = state.messages.get(beforeMessage);
    if (anchor === undefined) throw badRequest('beforeMessage: is not a known message');
    out = out.filter((message) => message.created < anchor.created);
  }
  return out;
}

function mentionFilter(req: Request, caller: PersonRecord): string | undefined {
  const raw = queryText(req, 'mentionedPeople');
  if (raw === undefined) return undefined;
  if (raw !== 'me' && raw !== caller.id) {
    throw badRequest('mentionedPeople: only "me" or your own person id can be given');
  }
  return caller.id;
}

/** Webex's ceiling of `max` when listing with `mentionedPeople`. */
const MAX_WITH_MENTIONS = 100;

export function registerMessageReadRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.get('/messages', ({ req, caller }) => {
    const roomId = queryText(req, 'roomId');
    if (roomId === undefined) throw badRequest('roomId: is required');
    const room = roomOfMember(state, roomId, caller.id);
    const mentioned = mentionFilter(req, caller);
    if (caller.type === 'bot' && room.type === 'group' && mentioned === undefined) {
      throw forbidden('A bot must give mentionedPeople=me to list messages in a group room.');
    }
    const parentId = queryText(req, 'parentId');
    const max = queryMax(req, 50, 1000);
    if (mentioned !== undefined && max > MAX_WITH_MENTIONS) {
      throw badRequest(`max: cannot exceed ${MAX_WITH_MENTIONS} when mentionedPeople is given`);
    }
    const messages = beforeFilter(state, req, state.messagesOf(room.id)).filter(
      (message) =>
        (mentioned === undefined || (message.mentionedPeople?.includes(mentioned) ?? false)) &&
        (parentId === undefined || message.parentId === parentId) &&
        canSeeMessage(state, message, caller),
    );
    const page = pageOf(req, messages, max, 'beforeMessage');
    return {
      body: { items: page.body.items.map((message) => renderMessage(state, message)) },
      headers: page.headers,
    };
  });

  routes.get('/messages/direct', ({ req, caller }) => {
    const personId = queryText(req, 'personId');
    const personEmail = queryText(req, 'personEmail');
    if ((personId === undefined) === (personEmail === undefined)) {
      throw badRequest('personId or personEmail: give exactly one');
    }
    const person =
      personId !== undefined ? state.people.get(personId) : state.personByEmail(personEmail ?? '');
    if (person === undefined) throw notFound('Could not find a person with provided ID or email.');
    const roomId = state.directRoomId(caller.id, person.id);
    const parentId = queryText(req, 'parentId');
    // Webex's 1:1 listing has no `max`, `before` or paging: the whole conversation, newest first.
    const messages =
      roomId === undefined
        ? []
        : state
            .messagesOf(roomId)
            .filter((message) => parentId === undefined || message.parentId === parentId);
    return { body: { items: messages.map((message) => renderMessage(state, message)) } };
  });

  routes.get('/messages/:messageId', ({ req, caller }) => {
    const message = state.messages.get(String(req.params.messageId));
    if (message === undefined || !canSeeMessage(state, message, caller)) throw notFound();
    return { body: renderMessage(state, message) };
  });
}
