import { z } from 'zod';
import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { emailSchema } from '../directory.js';
import { badRequest, conflict, forbidden, notFound, parseInput } from '../errors.js';
import { pageOf, queryMax, queryText } from '../paging.js';
import type { MembershipRecord, PersonRecord } from '../records.js';
import { membershipEvent, newMembership, roomOfMember } from '../spaces.js';
import type { EmulatorState } from '../state.js';
import { renderMembership } from '../views.js';

const createMembershipSchema = z
  .object({
    roomId: z.string({ message: 'is required' }).min(1, 'is required'),
    personId: z.string().min(1).optional(),
    personEmail: emailSchema.optional(),
    isModerator: z.boolean().optional(),
  })
  .refine((value) => (value.personId === undefined) !== (value.personEmail === undefined), {
    message: 'personId or personEmail: give exactly one',
  });

const updateMembershipSchema = z.object({
  isModerator: z.boolean({ message: 'is required' }),
  isRoomHidden: z.boolean({ message: 'is required' }),
});

function membershipOfMember(state: EmulatorState, id: string, callerId: string): MembershipRecord {
  const membership = state.memberships.get(id);
  if (membership === undefined || !state.isMember(membership.roomId, callerId)) {
    throw notFound('Could not find a membership with provided ID.');
  }
  return membership;
}

function requireModeratorOfLocked(state: EmulatorState, roomId: string, callerId: string): void {
  const room = state.rooms.get(roomId);
  if (room?.isLocked === true && state.membership(roomId, callerId)?.isModerator !== true) {
    throw forbidden('Only a moderator can change the members of a locked room.');
  }
}

export function registerMembershipRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.get('/memberships', ({ req, caller }) => {
    const roomId = queryText(req, 'roomId');
    const personId = queryText(req, 'personId');
    const personEmail = queryText(req, 'personEmail')?.toLowerCase();
    const max = queryMax(req, 100, 1000);
    let items: MembershipRecord[];
    if (roomId === undefined) {
      if (personId !== undefined || personEmail !== undefined) {
        throw badRequest('roomId: is required when filtering by personId or personEmail');
      }
      items = [...state.memberships.values()].filter((membership) => membership.personId === caller.id);
    } else {
      roomOfMember(state, roomId, caller.id);
      items = state.membersOf(roomId).filter((membership) => {
        if (personId !== undefined && membership.personId !== personId) return false;
        const email = state.people.get(membership.personId)?.email;
        return personEmail === undefined || email === personEmail;
      });
    }
    const page = pageOf(req, items, max);
    return {
      body: { items: page.body.items.map((membership) => renderMembership(state, membership)) },
      headers: page.headers,
    };
  });

  routes.get('/memberships/:membershipId', ({ req, caller }) => ({
    body: renderMembership(state, membershipOfMember(state, String(req.params.membershipId), caller.id)),
  }));

  routes.post('/memberships', async ({ req, caller, publish }) => {
    const input = parseInput(createMembershipSchema, req.body);
    const room = roomOfMember(state, input.roomId, caller.id);
    if (room.type === 'direct') throw forbidden('People cannot be added to a direct room.');
    requireModeratorOfLocked(state, room.id, caller.id);
    let person: PersonRecord | undefined;
    if (input.personId !== undefined) {
      person = state.people.get(input.personId);
      if (person === undefined) throw notFound('Could not find a person with provided ID.');
    } else {
      // People exist only once the admin API created them; see the README's differences.
      person = state.personByEmail(input.personEmail ?? '');
      if (person === undefined) throw notFound('Could not find a person with provided email.');
    }
    if (state.isMember(room.id, person.id)) throw conflict('The person is already a member of the room.');
    const membership = newMembership(room.id, person.id, input.isModerator ?? false, state.now());
    const write = state.commit({ upsert: { memberships: [membership] }, remove: {} });
    publish(membershipEvent(state, membership, 'created', caller.id));
    await write;
    return { body: renderMembership(state, membership) };
  });

  routes.put('/memberships/:membershipId', async ({ req, caller, publish }) => {
    const membership = membershipOfMember(state, String(req.params.membershipId), caller.id);
    const input = parseInput(updateMembershipSchema, req.body);
    requireModeratorOfLocked(state, membership.roomId, caller.id);
    const updated: MembershipRecord = { ...membership, isModerator: input.isModerator };
    const write = state.commit({ upsert: { memberships: [updated] }, remove: {} });
    publish(membershipEvent(state, updated, 'updated', caller.id));
    await write;
    return { body: renderMembership(state, updated) };
  });

  routes.delete('/memberships/:membershipId', async ({ req, caller, publish }) => {
    const membership = membershipOfMember(state, String(req.params.membershipId), caller.id);
    if (state.rooms.get(membership.roomId)?.type === 'direct') {
      throw forbidden('Nobody can leave a direct room.');
    }
    if (membership.personId !== caller.id) requireModeratorOfLocked(state, membership.roomId, caller.id);
    const event = membershipEvent(state, membership, 'deleted', caller.id);
    const write = state.commit({ upsert: {}, remove: { memberships: [membership.id] } });
    publish(event);
    await write;
    return { status: 204 };
  });
}
