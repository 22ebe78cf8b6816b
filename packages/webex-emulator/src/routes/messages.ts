import { z } from 'zod';
import type { ApiCall, ApiRoutes } from '../api-router.js';
import { checkCard } from '../card-rules.js';
import type { EmulatorContext } from '../context.js';
import { emailSchema } from '../directory.js';
import { ApiError, badRequest, forbidden, MESSAGES, notFound, parseInput } from '../errors.js';
import { newId } from '../ids.js';
import { composeContent } from '../message-content.js';
import { canSeeMessage } from '../message-visibility.js';
import { attachmentSchema, type MessageRecord, type PersonRecord, type RoomRecord } from '../records.js';
import { openDirectRoom, roomOfMember } from '../spaces.js';
import type { EmulatorState } from '../state.js';
import { messageEventData, renderMessage } from '../views.js';
import type { ApiEvent } from '../webhooks/events.js';

/** Webex allows a plain message to be edited this many times. */
const MAX_EDITS = 10;

const attachmentInput = z.object({
  contentType: z.literal(attachmentSchema.shape.contentType.value, {
    message: `must be ${attachmentSchema.shape.contentType.value}`,
  }),
  content: z
    .record(z.string(), z.unknown(), { message: 'must be an object (the Adaptive Card)' })
    .refine(
      (card) => card.type === 'AdaptiveCard' && typeof card.version === 'string',
      'must be an Adaptive Card: type "AdaptiveCard" and a version',
    ),
});

const createMessageSchema = z
  .object({
    roomId: z.string().min(1).optional(),
    toPersonId: z.string().min(1).optional(),
    toPersonEmail: emailSchema.optional(),
    text: z.string().optional(),
    markdown: z.string().optional(),
    html: z.string().optional(),
    files: z.array(z.string().url('must be a URL')).max(1, 'at most one file per message').optional(),
    attachments: z.array(attachmentInput).max(1, 'at most one attachment per message').optional(),
    parentId: z.string().min(1).optional(),
  })
  .refine(
    (value) =>
      [value.roomId, value.toPersonId, value.toPersonEmail].filter((target) => target !== undefined)
        .length === 1,
    { message: 'roomId, toPersonId or toPersonEmail: give exactly one' },
  )
  .refine(
    (value) =>
      [value.text, value.markdown, value.html, value.files?.[0], value.attachments?.[0]].some(
        (part) => part !== undefined,
      ),
    { message: 'text, markdown, files or attachments: give at least one' },
  );

const editMessageSchema = z
  .object({
    roomId: z.string({ message: 'is required' }).min(1, 'is required'),
    text: z.string().optional(),
    markdown: z.string().optional(),
    html: z.string().optional(),
  })
  .refine((value) => value.text !== undefined || value.markdown !== undefined || value.html !== undefined, {
    message: 'text or markdown: give at least one',
  });

/** A `messages/*` event, which a bot hears in group rooms only when mentioned. */
export function messageEvent(
  state: EmulatorState,
  message: MessageRecord,
  event: ApiEvent['event'],
  actorId: string,
): ApiEvent {
  return {
    resource: 'messages',
    event,
    actorId,
    data: messageEventData(state, message),
    visibleTo: (owner) => canSeeMessage(state, message, owner),
  };
}

function findPersonFor(state: EmulatorState) {
  return (kind: 'personEmail' | 'personId', value: string) =>
    kind === 'personId' ? state.people.get(value) : state.personByEmail(value);
}

async function targetRoom(
  state: EmulatorState,
  call: ApiCall,
  input: z.infer<typeof createMessageSchema>,
): Promise<RoomRecord> {
  const { caller } = call;
  if (input.roomId !== undefined) return roomOfMember(state, input.roomId, caller.id);
  if (input.toPersonEmail !== undefined) {
    const person = state.personByEmail(input.toPersonEmail);
    // Webex creates nobody: an address without an account cannot have a 1:1 space.
    if (person === undefined) throw new ApiError(404, MESSAGES.noOneOnOne);
    return directRoomWith(state, call, person);
  }
  const person = state.people.get(input.toPersonId ?? '');
  if (person === undefined) throw notFound('Could not find a person with provided ID.');
  return directRoomWith(state, call, person);
}

function directRoomWith(state: EmulatorState, call: ApiCall, person: PersonRecord): Promise<RoomRecord> {
  const { caller } = call;
  if (person.id === caller.id)
    throw badRequest('toPersonId or toPersonEmail: cannot send a message to yourself');
  return openDirectRoom(state, call, caller, person);
}

export function registerMessageRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.post('/messages', async (call) => {
    const { req, caller, publish } = call;
    const input = parseInput(createMessageSchema, req.body);
    for (const attachment of input.attachments ?? []) checkCard(attachment.content);
    const content = composeContent(input, findPersonFor(state));
    const room = await targetRoom(state, call, input);
    if (input.parentId !== undefined) {
      const parent = state.messages.get(input.parentId);
      if (parent === undefined || parent.roomId !== room.id) {
        throw badRequest('parentId: must be a message in the same room');
      }
      if (parent.parentId !== undefined) throw badRequest('parentId: cannot reply to a reply');
    }
    const created = state.now();
    const message: MessageRecord = {
      id: newId('MESSAGE'),
      roomId: room.id,
      personId: caller.id,
      ...content,
      ...(input.files === undefined ? {} : { files: input.files }),
      ...(input.attachments === undefined ? {} : { attachments: input.attachments }),
      ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
      created,
      editCount: 0,
    };
    const write = state.commit({
      upsert: { messages: [message], rooms: [{ ...room, lastActivity: created }] },
      remove: {},
    });
    publish(messageEvent(state, message, 'created', caller.id));
    await write;
    // The answer to a send names the recipient as the request did; listed messages do not.
    const recipient = {
      ...(input.toPersonId === undefined ? {} : { toPersonId: input.toPersonId }),
      ...(input.toPersonEmail === undefined ? {} : { toPersonEmail: input.toPersonEmail }),
    };
    return { body: { ...renderMessage(state, message), ...recipient } };
  });

  routes.put('/messages/:messageId', async ({ req, caller, publish }) => {
    const message = state.messages.get(String(req.params.messageId));
    if (message === undefined || !canSeeMessage(state, message, caller)) throw notFound();
    const input = parseInput(editMessageSchema, req.body);
    if (input.roomId !== message.roomId) throw badRequest('roomId: is not the room of the message');
    if (message.personId !== caller.id) throw forbidden('Only the author can edit a message.');
    if (message.attachments !== undefined) {
      throw badRequest('A message with attachments (a card) cannot be edited.');
    }
    if (message.editCount >= MAX_EDITS)
      throw badRequest(`A message can be edited at most ${MAX_EDITS} times.`);
    const { text: _t, markdown: _m, html: _h, mentionedPeople: _p, ...rest } = message;
    const edited: MessageRecord = {
      ...rest,
      ...composeContent(input, findPersonFor(state)),
      updated: state.now(),
      editCount: message.editCount + 1,
    };
    const write = state.commit({ upsert: { messages: [edited] }, remove: {} });
    publish(messageEvent(state, edited, 'updated', caller.id));
    await write;
    return { body: renderMessage(state, edited) };
  });

  routes.delete('/messages/:messageId', async ({ req, caller, publish }) => {
    const message = state.messages.get(String(req.params.messageId));
    if (message === undefined || !canSeeMessage(state, message, caller)) throw notFound();
    const isModerator = state.membership(message.roomId, caller.id)?.isModerator === true;
    if (message.personId !== caller.id && !isModerator) {
      throw forbidden('Only the author or a moderator can delete a message.');
    }
    const event = messageEvent(state, message, 'deleted', caller.id);
    const write = state.commit({ upsert: {}, remove: { messages: [message.id] } });
    publish(event);
    await write;
    return { status: 204 };
  });
}
