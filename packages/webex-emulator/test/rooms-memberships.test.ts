import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorPerson } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';
import { errorShape, listOf, membershipShape, messageShape, roomShape } from './support/shapes.js';

let h: Harness;
let alice: EmulatorPerson;
let bob: EmulatorPerson;

beforeAll(async () => {
  h = await startHarness();
  alice = await h.emulator.createPerson('alice@example.com', 'Alice Adams');
  bob = await h.emulator.createPerson('bob@example.com', 'Bob Brown');
});
afterAll(() => h.close());

describe('group rooms', () => {
  it('creates, reads, renames and deletes a room; members only', async () => {
    const created = await h.api(alice.token, 'POST', '/rooms', { title: 'Orders' });
    expect(created.status).toBe(200);
    const room = roomShape.parse(created.json);
    expect(room).toMatchObject({ title: 'Orders', type: 'group', isLocked: false, creatorId: alice.id });

    expect((await h.api(bob.token, 'GET', `/rooms/${room.id}`)).status).toBe(404);
    const renamed = await h.api(alice.token, 'PUT', `/rooms/${room.id}`, { title: 'Orders 2' });
    expect(roomShape.parse(renamed.json).title).toBe('Orders 2');
    expect((await h.api(alice.token, 'DELETE', `/rooms/${room.id}`)).status).toBe(204);
    expect((await h.api(alice.token, 'GET', `/rooms/${room.id}`)).status).toBe(404);
  });

  it('names the missing field in a 400', async () => {
    const response = await h.api(alice.token, 'POST', '/rooms', {});
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message).toMatch(/^title: /);
  });

  it('adds and removes members; a second add is a 409', async () => {
    const room = roomShape.parse((await h.api(alice.token, 'POST', '/rooms', { title: 'Team' })).json);
    const added = await h.api(alice.token, 'POST', '/memberships', {
      roomId: room.id,
      personEmail: bob.email,
    });
    const membership = membershipShape.parse(added.json);
    expect(membership).toMatchObject({
      roomId: room.id,
      personId: bob.id,
      personEmail: bob.email,
      roomType: 'group',
    });
    expect(
      (await h.api(alice.token, 'POST', '/memberships', { roomId: room.id, personId: bob.id })).status,
    ).toBe(409);

    const members = listOf(membershipShape).parse(
      (await h.api(bob.token, 'GET', `/memberships?roomId=${room.id}`)).json,
    );
    expect(members.items.map((m) => m.personEmail).sort()).toEqual([alice.email, bob.email]);
    const onlyBob = await h.api(
      alice.token,
      'GET',
      `/memberships?roomId=${room.id}&personEmail=${bob.email}`,
    );
    expect(listOf(membershipShape).parse(onlyBob.json).items).toHaveLength(1);

    expect((await h.api(alice.token, 'DELETE', `/memberships/${membership.id}`)).status).toBe(204);
    expect((await h.api(bob.token, 'GET', `/rooms/${room.id}`)).status).toBe(404);
  });

  it('requires roomId when filtering memberships by person', async () => {
    const response = await h.api(alice.token, 'GET', `/memberships?personId=${bob.id}`);
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message).toMatch(/^roomId: /);
  });
});

describe('direct rooms', () => {
  it('are created with both memberships by the first message to a person, and reused after', async () => {
    const carol = await h.emulator.createPerson('carol@example.com', 'Carol Cole');
    const first = messageShape.parse(
      (await h.api(carol.token, 'POST', '/messages', { toPersonEmail: bob.email, text: 'hello' })).json,
    );
    expect(first.roomType).toBe('direct');
    const second = messageShape.parse(
      (await h.api(bob.token, 'POST', '/messages', { toPersonId: carol.id, text: 'hi back' })).json,
    );
    expect(second.roomId).toBe(first.roomId);

    const members = listOf(membershipShape).parse(
      (await h.api(bob.token, 'GET', `/memberships?roomId=${first.roomId}`)).json,
    );
    expect(members.items.map((m) => m.personId).sort()).toEqual([bob.id, carol.id].sort());
    expect(members.items.every((m) => m.roomType === 'direct')).toBe(true);

    // A direct room is titled with the other person's name, from where each one stands.
    expect(roomShape.parse((await h.api(carol.token, 'GET', `/rooms/${first.roomId}`)).json).title).toBe(
      'Bob Brown',
    );
    expect(roomShape.parse((await h.api(bob.token, 'GET', `/rooms/${first.roomId}`)).json).title).toBe(
      'Carol Cole',
    );
    const direct = listOf(roomShape).parse((await h.api(carol.token, 'GET', '/rooms?type=direct')).json);
    expect(direct.items.map((r) => r.id)).toEqual([first.roomId]);
  });

  it('refuses a message to an address nobody created, as Webex does, and creates nobody', async () => {
    const refused = await h.api(h.emulator.bot.token, 'POST', '/messages', {
      toPersonEmail: 'new.person@example.org',
      text: 'Welcome',
    });
    expect(refused.status).toBe(404);
    expect(refused.json).toEqual({
      message: 'Failed to get one on one conversation',
      errors: [{ description: 'Failed to get one on one conversation' }],
      trackingId: expect.any(String),
    });
    const people = z.object({ items: z.array(z.object({ email: z.string() })) });
    const listed = people.parse((await h.admin('GET', '/people')).json).items.map((p) => p.email);
    expect(listed).not.toContain('new.person@example.org');
    const signIn = await h.admin('POST', '/people', { email: 'new.person@example.org' });
    const sent = await h.api(h.emulator.bot.token, 'POST', '/messages', {
      toPersonEmail: 'new.person@example.org',
      text: 'Welcome',
    });
    expect(sent.status).toBe(200);
    const { token } = z.object({ token: z.string() }).parse(signIn.json);
    const inbox = await h.api(token, 'GET', `/messages/direct?personEmail=${h.emulator.bot.email}`);
    expect(
      listOf(messageShape)
        .parse(inbox.json)
        .items.map((m) => m.text),
    ).toEqual(['Welcome']);
  });

  it('refuses a message to oneself', async () => {
    const response = await h.api(alice.token, 'POST', '/messages', {
      toPersonEmail: alice.email,
      text: 'me',
    });
    expect(response.status).toBe(400);
  });
});

describe('paging', () => {
  it('honours max and links the next page with an absolute URL', async () => {
    const dave = await h.emulator.createPerson('dave@example.com');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(roomShape.parse((await h.api(dave.token, 'POST', '/rooms', { title: `Room ${i}` })).json).id);
    }
    const seen: string[] = [];
    let url: string | undefined = `${h.apiUrl}/rooms?max=2&sortBy=created`;
    let pages = 0;
    while (url !== undefined) {
      const page = await h.api(dave.token, 'GET', url);
      const items = listOf(roomShape).parse(page.json).items;
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((room) => room.id));
      const link = page.headers.get('link');
      url = link === null ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
      if (url !== undefined) expect(url.startsWith(h.apiUrl)).toBe(true);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers 400 for a max that is not a positive integer', async () => {
    expect((await h.api(alice.token, 'GET', '/rooms?max=0')).status).toBe(400);
    expect((await h.api(alice.token, 'GET', '/rooms?max=abc')).status).toBe(400);
  });
});
