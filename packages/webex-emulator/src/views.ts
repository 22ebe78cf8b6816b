import type {
  AttachmentActionRecord,
  MembershipRecord,
  MessageRecord,
  PersonRecord,
  RoomRecord,
  WebhookRecord,
} from './records.js';
import type { EmulatorState } from './state.js';
import { appIdFor } from './webhooks/events.js';

/**
 * Webex JSON for each object. Webex leaves out empty optional fields (no `html` without markdown,
 * no `mentionedPeople` without mentions), and so do these.
 */

export function renderPerson(person: PersonRecord) {
  return {
    id: person.id,
    emails: [person.email],
    phoneNumbers: [],
    displayName: person.displayName,
    nickName: person.nickName,
    ...(person.firstName === undefined ? {} : { firstName: person.firstName }),
    ...(person.lastName === undefined ? {} : { lastName: person.lastName }),
    ...(person.avatar === undefined ? {} : { avatar: person.avatar }),
    orgId: person.orgId,
    created: person.created,
    status: 'unknown',
    type: person.type,
  };
}

/** A direct room is titled with the other person's name, so its title depends on who asks. */
export function renderRoom(state: EmulatorState, room: RoomRecord, viewerId: string) {
  let title = room.title;
  if (room.type === 'direct') {
    const other = state.membersOf(room.id).find((member) => member.personId !== viewerId);
    title = (other === undefined ? undefined : state.people.get(other.personId)?.displayName) ?? title;
  }
  return {
    id: room.id,
    title,
    type: room.type,
    isLocked: room.isLocked,
    lastActivity: room.lastActivity,
    creatorId: room.creatorId,
    created: room.created,
    ownerId: room.ownerId,
    isPublic: false,
    isReadOnly: false,
  };
}

export function renderMembership(state: EmulatorState, membership: MembershipRecord) {
  const person = state.people.get(membership.personId);
  const room = state.rooms.get(membership.roomId);
  return {
    id: membership.id,
    roomId: membership.roomId,
    personId: membership.personId,
    personEmail: person?.email ?? '',
    personDisplayName: person?.displayName ?? '',
    personOrgId: person?.orgId ?? '',
    isModerator: membership.isModerator,
    isMonitor: false,
    isRoomHidden: false,
    roomType: room?.type ?? 'group',
    created: membership.created,
  };
}

export function renderMessage(state: EmulatorState, message: MessageRecord) {
  return {
    id: message.id,
    ...(message.parentId === undefined ? {} : { parentId: message.parentId }),
    roomId: message.roomId,
    roomType: state.rooms.get(message.roomId)?.type ?? 'group',
    ...(message.text === undefined ? {} : { text: message.text }),
    ...(message.markdown === undefined ? {} : { markdown: message.markdown }),
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.files === undefined ? {} : { files: message.files }),
    ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
    personId: message.personId,
    personEmail: state.people.get(message.personId)?.email ?? '',
    ...(message.mentionedPeople === undefined ? {} : { mentionedPeople: message.mentionedPeople }),
    created: message.created,
    ...(message.updated === undefined ? {} : { updated: message.updated }),
  };
}

/** The `data` of a message webhook: ids and metadata only, never the text. */
export function messageEventData(state: EmulatorState, message: MessageRecord) {
  return {
    id: message.id,
    roomId: message.roomId,
    roomType: state.rooms.get(message.roomId)?.type ?? 'group',
    personId: message.personId,
    personEmail: state.people.get(message.personId)?.email ?? '',
    ...(message.mentionedPeople === undefined ? {} : { mentionedPeople: message.mentionedPeople }),
    ...(message.files === undefined ? {} : { files: message.files }),
    ...(message.parentId === undefined ? {} : { parentId: message.parentId }),
    created: message.created,
  };
}

export function renderAttachmentAction(action: AttachmentActionRecord) {
  return {
    id: action.id,
    type: action.type,
    messageId: action.messageId,
    inputs: action.inputs,
    personId: action.personId,
    roomId: action.roomId,
    created: action.created,
  };
}

export function renderWebhook(state: EmulatorState, webhook: WebhookRecord) {
  const owner = state.people.get(webhook.ownerId);
  return {
    id: webhook.id,
    name: webhook.name,
    targetUrl: webhook.targetUrl,
    resource: webhook.resource,
    event: webhook.event,
    ...(webhook.filter === undefined ? {} : { filter: webhook.filter }),
    ...(webhook.secret === undefined ? {} : { secret: webhook.secret }),
    status: webhook.status,
    created: webhook.created,
    orgId: owner?.orgId ?? '',
    createdBy: webhook.ownerId,
    appId: appIdFor(webhook.ownerId),
    ownedBy: 'creator',
  };
}
