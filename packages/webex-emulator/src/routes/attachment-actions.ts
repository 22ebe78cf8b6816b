import { z } from 'zod';
import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, notFound, parseInput } from '../errors.js';
import { newId } from '../ids.js';
import { canSeeMessage } from '../message-visibility.js';
import type { AttachmentActionRecord, PersonRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import { renderAttachmentAction } from '../views.js';

const createActionSchema = z.object({
  type: z.literal('submit', { message: 'must be "submit"' }),
  messageId: z.string({ message: 'is required' }).min(1, 'is required'),
  inputs: z.record(z.string(), z.unknown(), { message: 'must be an object' }),
});

/** The actor and the card's author may read an action; so may people (not bots) in its room. */
function canSeeAction(state: EmulatorState, action: AttachmentActionRecord, person: PersonRecord): boolean {
  if (action.personId === person.id) return true;
  if (state.messages.get(action.messageId)?.personId === person.id) return true;
  return person.type === 'person' && state.isMember(action.roomId, person.id);
}

export function registerAttachmentActionRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.post('/attachment/actions', async ({ req, caller, publish }) => {
    const input = parseInput(createActionSchema, req.body);
    const message = state.messages.get(input.messageId);
    if (message === undefined || !canSeeMessage(state, message, caller)) {
      throw notFound('Could not find a message with provided ID.');
    }
    if (message.attachments === undefined || message.attachments.length === 0) {
      throw badRequest('messageId: the message has no card to submit');
    }
    const action: AttachmentActionRecord = {
      id: newId('ATTACHMENT_ACTION'),
      type: 'submit',
      messageId: message.id,
      personId: caller.id,
      roomId: message.roomId,
      inputs: input.inputs,
      created: state.now(),
    };
    const write = state.commit({ upsert: { attachmentActions: [action] }, remove: {} });
    const { inputs: _inputs, ...data } = renderAttachmentAction(action);
    publish({
      resource: 'attachmentActions',
      event: 'created',
      actorId: caller.id,
      // Webhooks carry ids only; the receiver fetches the inputs, as with Webex.
      data,
      visibleTo: (owner) => canSeeAction(state, action, owner),
    });
    await write;
    // Webex accepts a submit for processing: 202, with the action as it was stored.
    return { status: 202, body: renderAttachmentAction(action) };
  });

  routes.get('/attachment/actions/:actionId', ({ req, caller }) => {
    const action = state.attachmentActions.get(String(req.params.actionId));
    if (action === undefined || !canSeeAction(state, action, caller)) throw notFound();
    return { body: renderAttachmentAction(action) };
  });
}
