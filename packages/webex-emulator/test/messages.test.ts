import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorPerson } from '../src/index.js';
import { card, type Harness, startHarness } from './support/harness.js';
import { errorShape, listOf, messageShape, roomShape } from './support/shapes.js';

let h: Harness;
let alice: EmulatorPerson;
let bob: EmulatorPerson;
let botToken: string;

beforeAll(async () => {
  h = await startHarness();
  alice = await h.emulator.createPerson('alice@example.com', 'Alice Adams');
  bob = await h.emulator.createPerson('bob@example.com', 'Bob Brown');
  botToken = h.emulator.bot.token;
});
afterAll(() => h.close());

async function send(token: string, body: Record<string, unknown>) {
  return h.api(token, 'POST', '/messages', body);
}

describe('creating messages', () => {
  it('stores text and markdown, deriving plain text and html from markdown', async () => {
    const response = await send(botToken, { toPersonEmail: alice.email, markdown: 'Hello **Alice**' });
    const message = messageShape.parse(response.json);
    expect(message).toMatchObject({
      roomType: 'direct',
      text: 'Hello Alice',
      markdown: 'Hello **Alice**',
      html: '<p>Hello <strong>Alice</strong></p>',
      personEmail: h.emulator.bot.email,
    });
    expect(message).not.toHaveProperty('mentionedPeople');
    expect(messageShape.parse((await h.api(alice.token, 'GET', `/messages/${message.id}`)).json)).toEqual(
      message,
    );
  });

  it('accepts 7,439 bytes of text and refuses 7,440 with a 400 naming the field', async () => {
    // 'é' is two bytes: the limit is in bytes, not characters.
    const fits = `${'é'.repeat(3719)}a`;
    expect((await send(botToken, { toPersonEmail: alice.email, text: fits })).status).toBe(200);
    const tooLong = await send(botToken, { toPersonEmail: alice.email, markdown: 'é'.repeat(3720) });
    expect(tooLong.status).toBe(400);
    expect(errorShape.parse(tooLong.json).message).toMatch(/^markdown: must be at most 7439 bytes/);
    const textTooLong = await send(botToken, { toPersonEmail: alice.email, text: `${fits}b` });
    expect(textTooLong.status).toBe(400);
    expect(errorShape.parse(textTooLong.json)).toMatchObject({
      message: 'text: must be at most 7439 bytes (is 7440)',
      errors: [{ description: 'text: must be at most 7439 bytes (is 7440)' }],
    });
  });

  it.each([
    ['no target', { text: 'x' }, /roomId, toPersonId or toPersonEmail/],
    ['two targets', { text: 'x', toPersonEmail: 'alice@example.com', toPersonId: 'abc' }, /exactly one/],
    ['no content', { toPersonEmail: 'alice@example.com' }, /at least one/],
    ['a bad email', { toPersonEmail: 'not-an-email', text: 'x' }, /^toPersonEmail: /],
    [
      'a wrong card content type',
      { toPersonEmail: 'alice@example.com', attachments: [{ contentType: 'text/plain', content: {} }] },
      /^attachments\.0\.contentType: /,
    ],
    [
      'a card that is not an object',
      {
        toPersonEmail: 'alice@example.com',
        attachments: [{ contentType: card().contentType, content: 'card' }],
      },
      /^attachments\.0\.content: /,
    ],
    [
      'two cards',
      { toPersonEmail: 'alice@example.com', attachments: [card(), card()] },
      /at most one attachment/,
    ],
  ])('answers 400 for %s', async (_name, body, message) => {
    const response = await send(botToken, body);
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message).toMatch(message);
  });

  it('sends a card with a fallback text and answers 404 for a room the sender is not in', async () => {
    const sent = messageShape.parse(
      (await send(botToken, { toPersonEmail: alice.email, text: 'fallback', attachments: [card()] })).json,
    );
    expect(sent.attachments).toEqual([card()]);
    const room = roomShape.parse((await h.api(bob.token, 'POST', '/rooms', { title: 'Private' })).json);
    expect((await send(alice.token, { roomId: room.id, text: 'x' })).status).toBe(404);
  });

  it('threads replies on a parent in the same room, but not replies to replies', async () => {
    const parent = messageShape.parse(
      (await send(alice.token, { toPersonEmail: bob.email, text: 'parent' })).json,
    );
    const reply = messageShape.parse(
      (await send(bob.token, { roomId: parent.roomId, text: 'reply', parentId: parent.id })).json,
    );
    expect(reply.parentId).toBe(parent.id);
    const nested = await send(bob.token, { roomId: parent.roomId, text: 'again', parentId: reply.id });
    expect(nested.status).toBe(400);
  });
});

describe('editing and deleting', () => {
  it('refuses to edit a message that carries a card', async () => {
    const sent = messageShape.parse(
      (await send(botToken, { toPersonEmail: alice.email, text: 'card', attachments: [card()] })).json,
    );
    const edit = await h.api(botToken, 'PUT', `/messages/${sent.id}`, {
      roomId: sent.roomId,
      text: 'changed',
    });
    expect(edit.status).toBe(400);
    expect(errorShape.parse(edit.json).message).toMatch(/attachments/);
  });

  it('allows ten edits of a plain message, then answers 400', async () => {
    const sent = messageShape.parse((await send(botToken, { toPersonEmail: alice.email, text: 'v0' })).json);
    for (let i = 1; i <= 10; i += 1) {
      const edit = await h.api(botToken, 'PUT', `/messages/${sent.id}`, {
        roomId: sent.roomId,
        text: `v${i}`,
      });
      expect(edit.status).toBe(200);
      expect(messageShape.parse(edit.json)).toMatchObject({ text: `v${i}`, updated: expect.any(String) });
    }
    const eleventh = await h.api(botToken, 'PUT', `/messages/${sent.id}`, {
      roomId: sent.roomId,
      text: 'v11',
    });
    expect(eleventh.status).toBe(400);
    expect(messageShape.parse((await h.api(alice.token, 'GET', `/messages/${sent.id}`)).json).text).toBe(
      'v10',
    );
  });

  it('lets only the author edit (403) and delete', async () => {
    const sent = messageShape.parse(
      (await send(botToken, { toPersonEmail: alice.email, text: 'mine' })).json,
    );
    expect(
      (await h.api(alice.token, 'PUT', `/messages/${sent.id}`, { roomId: sent.roomId, text: 'x' })).status,
    ).toBe(403);
    expect((await h.api(alice.token, 'DELETE', `/messages/${sent.id}`)).status).toBe(403);
    expect((await h.api(botToken, 'DELETE', `/messages/${sent.id}`)).status).toBe(204);
    expect((await h.api(alice.token, 'GET', `/messages/${sent.id}`)).status).toBe(404);
  });
});

describe('listing messages', () => {
  it('lists a room newest first, with max, before and beforeMessage paging', async () => {
    const erin = await h.emulator.createPerson('erin@example.com');
    const texts = ['one', 'two', 'three', 'four', 'five'];
    let roomId = '';
    for (const text of texts) {
      roomId = messageShape.parse((await send(erin.token, { toPersonEmail: bob.email, text })).json).roomId;
    }
    const all = listOf(messageShape).parse(
      (await h.api(bob.token, 'GET', `/messages?roomId=${roomId}`)).json,
    );
    expect(all.items.map((m) => m.text)).toEqual([...texts].reverse());

    const first = await h.api(bob.token, 'GET', `/messages?roomId=${roomId}&max=2`);
    expect(
      listOf(messageShape)
        .parse(first.json)
        .items.map((m) => m.text),
    ).toEqual(['five', 'four']);
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    expect(next).toContain('beforeMessage=');
    const second = listOf(messageShape).parse((await h.api(bob.token, 'GET', next)).json);
    expect(second.items.map((m) => m.text)).toEqual(['three', 'two']);

    const three = all.items[2];
    const before = await h.api(bob.token, 'GET', `/messages?roomId=${roomId}&before=${three?.created}`);
    expect(
      listOf(messageShape)
        .parse(before.json)
        .items.map((m) => m.text),
    ).toEqual(['two', 'one']);
  });

  it('GET /messages/direct lists the 1:1 messages with a person, newest first', async () => {
    const frank = await h.emulator.createPerson('frank@example.com');
    await send(frank.token, { toPersonEmail: h.emulator.bot.email, text: 'hi bot' });
    await send(botToken, { toPersonEmail: frank.email, text: 'hi frank' });
    const fromFrank = await h.api(frank.token, 'GET', `/messages/direct?personEmail=${h.emulator.bot.email}`);
    expect(
      listOf(messageShape)
        .parse(fromFrank.json)
        .items.map((m) => m.text),
    ).toEqual(['hi frank', 'hi bot']);
    // Webex's 1:1 listing has no `max` and no paging: the whole conversation comes back.
    const fromBot = await h.api(botToken, 'GET', `/messages/direct?personId=${frank.id}&max=1`);
    expect(
      listOf(messageShape)
        .parse(fromBot.json)
        .items.map((m) => m.text),
    ).toEqual(['hi frank', 'hi bot']);
    expect(fromBot.headers.get('link')).toBeNull();
    const nobody = await h.emulator.createPerson('nobody@example.com');
    expect((await h.api(nobody.token, 'GET', `/messages/direct?personId=${frank.id}`)).json).toEqual({
      items: [],
    });
    expect((await h.api(frank.token, 'GET', '/messages/direct')).status).toBe(400);
  });
});

describe('mentions in group rooms', () => {
  it('turns markdown mentions into mentionedPeople and <spark-mention> html; the bot sees only those', async () => {
    const room = roomShape.parse((await h.api(alice.token, 'POST', '/rooms', { title: 'Setup team' })).json);
    await h.api(alice.token, 'POST', '/memberships', { roomId: room.id, personEmail: h.emulator.bot.email });
    const bot = h.emulator.bot;
    const mention = messageShape.parse(
      (await send(alice.token, { roomId: room.id, markdown: `<@personEmail:${bot.email}|Order Setup> help` }))
        .json,
    );
    expect(mention.mentionedPeople).toEqual([bot.id]);
    expect(mention.text).toBe('Order Setup help');
    expect(mention.html).toBe(
      `<p><spark-mention data-object-type="person" data-object-id="${bot.id}">Order Setup</spark-mention> help</p>`,
    );
    const byId = messageShape.parse(
      (await send(alice.token, { roomId: room.id, markdown: `<@personId:${bot.id}> status` })).json,
    );
    expect(byId).toMatchObject({ mentionedPeople: [bot.id], text: 'Order Setup status' });
    const chatter = messageShape.parse(
      (await send(alice.token, { roomId: room.id, text: 'just chatting' })).json,
    );

    expect((await h.api(botToken, 'GET', `/messages/${chatter.id}`)).status).toBe(404);
    expect((await h.api(botToken, 'GET', `/messages?roomId=${room.id}`)).status).toBe(403);
    const mine = await h.api(botToken, 'GET', `/messages?roomId=${room.id}&mentionedPeople=me`);
    expect(
      listOf(messageShape)
        .parse(mine.json)
        .items.map((m) => m.id),
    ).toEqual([byId.id, mention.id]);
    const everything = listOf(messageShape).parse(
      (await h.api(alice.token, 'GET', `/messages?roomId=${room.id}`)).json,
    );
    expect(everything.items).toHaveLength(3);
  });
});
