import { z } from 'zod';
import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, forbidden, parseInput } from '../errors.js';
import { newId } from '../ids.js';
import { pageOf, queryMax, queryText } from '../paging.js';
import type { RoomRecord } from '../records.js';
import { membershipEvent, newMembership, roomEvent, roomOfMember } from '../spaces.js';
import { renderRoom } from '../views.js';

const createRoomSchema = z.object({
  title: z.string({ message: 'is required' }).trim().min(1, 'must not be empty').max(256),
  teamId: z.string().optional(),
  isLocked: z.boolean().optional(),
  description: z.string().optional(),
});

const updateRoomSchema = z.object({
  title: z.string({ message: 'is required' }).trim().min(1, 'must not be empty').max(256),
  isLocked: z.boolean().optional(),
});

const SORTS: Record<string, (a: RoomRecord, b: RoomRecord) => number> = {
  id: (a, b) => a.id.localeCompare(b.id),
  lastactivity: (a, b) => b.lastActivity.localeCompare(a.lastActivity),
  created: (a, b) => b.created.localeCompare(a.created),
};

export function registerRoomRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.get('/rooms', ({ req, caller }) => {
    const type = queryText(req, 'type');
    if (type !== undefined && type !== 'direct' && type !== 'group') {
      throw badRequest('type: must be direct or group');
    }
    const sortBy = queryText(req, 'sortBy') ?? 'created';
    const sort = SORTS[sortBy];
    if (sort === undefined) throw badRequest('sortBy: must be id, lastactivity or created');
    const max = queryMax(req, 100, 1000);
    const rooms = [...state.rooms.values()]
      .filter((room) => state.isMember(room.id, caller.id) && (type === undefined || room.type === type))
      .sort(sort);
    const page = pageOf(req, rooms, max);
    return {
      body: { items: page.body.items.map((room) => renderRoom(state, room, caller.id)) },
      headers: page.headers,
    };
  });

  routes.post('/rooms', async ({ req, caller, publish }) => {
    const input = parseInput(createRoomSchema, req.body);
    const created = state.now();
    const isLocked = input.isLocked ?? false;
    const room: RoomRecord = {
      id: newId('ROOM'),
      title: input.title,
      type: 'group',
      isLocked,
      creatorId: caller.id,
      ownerId: caller.orgId,
      created,
      lastActivity: created,
    };
    // The creator of a locked room is its moderator, so someone can still manage it.
    const membership = newMembership(room.id, caller.id, isLocked, created);
    const write = state.commit({ upsert: { rooms: [room], memberships: [membership] }, remove: {} });
    publish(roomEvent(state, room, 'created', caller.id));
    publish(membershipEvent(state, membership, 'created', caller.id));
    await write;
    return { body: renderRoom(state, room, caller.id) };
  });

  routes.get('/rooms/:roomId', ({ req, caller }) => ({
    body: renderRoom(state, roomOfMember(state, String(req.params.roomId), caller.id), caller.id),
  }));

  routes.put('/rooms/:roomId', async ({ req, caller, publish }) => {
    const room = roomOfMember(state, String(req.params.roomId), caller.id);
    const input = parseInput(updateRoomSchema, req.body);
    if (room.type === 'direct') throw badRequest('title: the title of a direct room cannot be changed');
    if (room.isLocked && state.membership(room.id, caller.id)?.isModerator !== true) {
      throw forbidden('Only a moderator can change a locked room.');
    }
    const updated: RoomRecord = { ...room, title: input.title, isLocked: input.isLocked ?? room.isLocked };
    const write = state.commit({ upsert: { rooms: [updated] }, remove: {} });
    publish(roomEvent(state, updated, 'updated', caller.id));
    await write;
    return { body: renderRoom(state, updated, caller.id) };
  });

  routes.delete('/rooms/:roomId', async ({ req, caller, publish }) => {
    const room = roomOfMember(state, String(req.params.roomId), caller.id);
    if (room.type === 'direct') throw forbidden('A direct room cannot be deleted.');
    if (room.isLocked && state.membership(room.id, caller.id)?.isModerator !== true) {
      throw forbidden('Only a moderator can delete a locked room.');
    }
    const memberships = state.membersOf(room.id);
    const messages = state.messagesOf(room.id).map((message) => message.id);
    const actions = [...state.attachmentActions.values()].filter((action) => action.roomId === room.id);
    const write = state.commit({
      upsert: {},
      remove: {
        rooms: [room.id],
        memberships: memberships.map((membership) => membership.id),
        messages,
        attachmentActions: actions.map((action) => action.id),
      },
    });
    for (const membership of memberships) publish(membershipEvent(state, membership, 'deleted', caller.id));
    await write;
    return { status: 204 };
  });
}
