import type { ApiCall } from './api-router.js';
import { notFound } from './errors.js';
import { membershipIdFor, newId } from './ids.js';
import type { MembershipRecord, PersonRecord, RoomRecord } from './records.js';
import { directKeyOf, type EmulatorState } from './state.js';
import { renderMembership, renderRoom } from './views.js';
import type { ApiEvent } from './webhooks/events.js';

/** The room if the person is in it; otherwise 404, as Webex hides rooms from non-members. */
export function roomOfMember(state: EmulatorState, roomId: string, personId: string): RoomRecord {
  const room = state.rooms.get(roomId);
  if (room === undefined || !state.isMember(roomId, personId)) {
    throw notFound('Could not find a room with provided ID.');
  }
  return room;
}

export function newMembership(
  roomId: string,
  personId: string,
  isModerator: boolean,
  created: string,
): MembershipRecord {
  return { id: membershipIdFor(personId, roomId), roomId, personId, isModerator, created };
}

/** A membership event; the person concerned hears it even after leaving the room. */
export function membershipEvent(
  state: EmulatorState,
  membership: MembershipRecord,
  event: ApiEvent['event'],
  actorId: string,
): ApiEvent {
  return {
    resource: 'memberships',
    event,
    actorId,
    data: renderMembership(state, membership),
    visibleTo: (owner) => owner.id === membership.personId || state.isMember(membership.roomId, owner.id),
  };
}

export function roomEvent(
  state: EmulatorState,
  room: RoomRecord,
  event: ApiEvent['event'],
  actorId: string,
): ApiEvent {
  return {
    resource: 'rooms',
    event,
    actorId,
    data: renderRoom(state, room, actorId),
    visibleTo: (owner) => state.isMember(room.id, owner.id),
  };
}

/**
 * The direct room of two people, created with both memberships on first use, as Webex does when
 * the first message is sent to a person (and tells webhooks about the new room and memberships).
 */
export async function openDirectRoom(
  state: EmulatorState,
  call: ApiCall,
  from: PersonRecord,
  to: PersonRecord,
): Promise<RoomRecord> {
  const existingId = state.directRoomId(from.id, to.id);
  const existing = existingId === undefined ? undefined : state.rooms.get(existingId);
  if (existing !== undefined) return existing;
  const created = state.now();
  const room: RoomRecord = {
    id: newId('ROOM'),
    title: to.displayName,
    type: 'direct',
    isLocked: false,
    creatorId: from.id,
    ownerId: from.orgId,
    created,
    lastActivity: created,
    directKey: directKeyOf(from.id, to.id),
  };
  const memberships = [
    newMembership(room.id, from.id, false, created),
    newMembership(room.id, to.id, false, created),
  ];
  const write = state.commit({ upsert: { rooms: [room], memberships }, remove: {} });
  call.publish(roomEvent(state, room, 'created', from.id));
  for (const membership of memberships) call.publish(membershipEvent(state, membership, 'created', from.id));
  await write;
  return room;
}
