import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorPerson } from '../src/index.js';
import { card, type Harness, startHarness } from './support/harness.js';
import { errorShape, listOf, messageShape, personShape, roomShape } from './support/shapes.js';

/** Where Webex is stricter than a lenient fake: the emulator refuses what Webex refuses. */

let h: Harness;
let colleague: EmulatorPerson;
let outsider: EmulatorPerson;
let botToken: string;

beforeAll(async () => {
  h = await startHarness();
  colleague = await h.emulator.createPerson('colleague@partner.example', 'Colleague');
  outsider = await h.emulator.createPerson('outsider@customer.example', 'Outsider', {
    orgId: 'customer.example',
  });
  botToken = h.emulator.bot.token;
});
afterAll(() => h.close());

const adminPerson = z.object({ email: z.string(), orgId: z.string(), token: z.string() });

describe('organizations', () => {
  it("puts people in the bot's organization unless the admin API names another", async () => {
    expect(colleague.orgId).toBe(h.emulator.bot.orgId);
    expect(outsider.orgId).not.toBe(h.emulator.bot.orgId);
    const created = adminPerson.parse(
      (await h.admin('POST', '/people', { email: 'third@other.example', orgId: outsider.orgId })).json,
    );
    expect(created.orgId).toBe(outsider.orgId);
    const listed = z
      .object({ items: z.array(adminPerson.omit({ token: true })) })
      .parse((await h.admin('GET', '/people')).json);
    expect(listed.items.find((p) => p.email === outsider.email)?.orgId).toBe(outsider.orgId);
    const bad = await h.admin('POST', '/people', { email: 'x@y.example', orgId: '' });
    expect(bad.status).toBe(400);
  });

  it('finds people by email only within the caller’s organization', async () => {
    const byEmail = async (token: string, email: string) =>
      listOf(personShape).parse(
        (await h.api(token, 'GET', `/people?email=${encodeURIComponent(email)}`)).json,
      ).items;
    expect((await byEmail(botToken, colleague.email)).map((p) => p.id)).toEqual([colleague.id]);
    expect(await byEmail(botToken, outsider.email)).toEqual([]);
    expect((await byEmail(outsider.token, outsider.email)).map((p) => p.id)).toEqual([outsider.id]);
    expect(await byEmail(outsider.token, colleague.email)).toEqual([]);
    const byName = listOf(personShape).parse((await h.api(botToken, 'GET', '/people?displayName=Out')).json);
    expect(byName.items).toEqual([]);
  });

  it('still finds anyone by id, and still lets the bot message someone of another organization', async () => {
    const byId = listOf(personShape).parse((await h.api(botToken, 'GET', `/people?id=${outsider.id}`)).json);
    expect(byId.items.map((p) => p.id)).toEqual([outsider.id]);
    const sent = await h.api(botToken, 'POST', '/messages', { toPersonEmail: outsider.email, text: 'Hi' });
    expect(sent.status).toBe(200);
  });
});

describe('sending', () => {
  it('echoes toPersonEmail or toPersonId in the answer to a send, and not in listed messages', async () => {
    const byEmail = await h.api(botToken, 'POST', '/messages', { toPersonEmail: colleague.email, text: 'a' });
    expect(byEmail.json).toMatchObject({ toPersonEmail: colleague.email });
    expect(byEmail.json).not.toHaveProperty('toPersonId');
    const byId = await h.api(botToken, 'POST', '/messages', { toPersonId: colleague.id, text: 'b' });
    expect(byId.json).toMatchObject({ toPersonId: colleague.id });
    expect(byId.json).not.toHaveProperty('toPersonEmail');
    const id = messageShape.parse(byId.json).id;
    expect((await h.api(botToken, 'GET', `/messages/${id}`)).json).not.toHaveProperty('toPersonId');
  });

  it('refuses an address with no account with 404 and Webex’s body, creating nobody', async () => {
    const refused = await h.api(botToken, 'POST', '/messages', {
      toPersonEmail: 'nobody@partner.example',
      text: 'Hello',
    });
    expect(refused.status).toBe(404);
    expect(errorShape.parse(refused.json).message).toBe('Failed to get one on one conversation');
    const people = z.object({ items: z.array(z.object({ email: z.string() })) });
    expect(people.parse((await h.admin('GET', '/people')).json).items.map((p) => p.email)).not.toContain(
      'nobody@partner.example',
    );
  });

  it('refuses to add an address with no account to a space', async () => {
    const room = roomShape.parse((await h.api(colleague.token, 'POST', '/rooms', { title: 'Team' })).json);
    const added = await h.api(colleague.token, 'POST', '/memberships', {
      roomId: room.id,
      personEmail: 'nobody@partner.example',
    });
    expect(added.status).toBe(404);
    errorShape.parse(added.json);
  });
});

describe('cards', () => {
  const withVersion = (version: string) => {
    const attachment = card();
    return { ...attachment, content: { ...attachment.content, version } };
  };

  it('accepts versions up to 1.3 and refuses newer ones with a 400 in Webex’s shape', async () => {
    for (const version of ['1.0', '1.2', '1.3']) {
      const sent = await h.api(botToken, 'POST', '/messages', {
        toPersonEmail: colleague.email,
        text: 'card',
        attachments: [withVersion(version)],
      });
      expect(sent.status, version).toBe(200);
    }
    for (const version of ['1.4', '1.5', '2.0', 'latest']) {
      const refused = await h.api(botToken, 'POST', '/messages', {
        toPersonEmail: colleague.email,
        text: 'card',
        attachments: [withVersion(version)],
      });
      expect(refused.status, version).toBe(400);
      expect(errorShape.parse(refused.json).message).toContain('version');
    }
  });

  it('refuses a card over the size limit, and stores nothing', async () => {
    const attachment = card('x'.repeat(30_000));
    const before = listOf(messageShape).parse(
      (await h.api(colleague.token, 'GET', `/messages/direct?personEmail=${h.emulator.bot.email}`)).json,
    ).items.length;
    const refused = await h.api(botToken, 'POST', '/messages', {
      toPersonEmail: colleague.email,
      text: 'big',
      attachments: [attachment],
    });
    expect(refused.status).toBe(400);
    expect(errorShape.parse(refused.json).message).toMatch(/at most \d+/);
    const after = listOf(messageShape).parse(
      (await h.api(colleague.token, 'GET', `/messages/direct?personEmail=${h.emulator.bot.email}`)).json,
    ).items.length;
    expect(after).toBe(before);
  });
});

describe('listing', () => {
  it('refuses max over 100 with mentionedPeople, and allows 100', async () => {
    const room = roomShape.parse((await h.api(colleague.token, 'POST', '/rooms', { title: 'Ops' })).json);
    await h.api(colleague.token, 'POST', '/memberships', { roomId: room.id, personId: h.emulator.bot.id });
    const list = (max: number) =>
      h.api(botToken, 'GET', `/messages?roomId=${room.id}&mentionedPeople=me&max=${max}`);
    expect((await list(100)).status).toBe(200);
    const refused = await list(101);
    expect(refused.status).toBe(400);
    expect(errorShape.parse(refused.json).message).toContain('max');
    const withoutMentions = await h.api(colleague.token, 'GET', `/messages?roomId=${room.id}&max=500`);
    expect(withoutMentions.status).toBe(200);
  });

  it('lists a 1:1 conversation whole, without paging', async () => {
    for (const text of ['1', '2', '3']) {
      await h.api(colleague.token, 'POST', '/messages', { toPersonEmail: h.emulator.bot.email, text });
    }
    const listed = await h.api(
      colleague.token,
      'GET',
      `/messages/direct?personEmail=${h.emulator.bot.email}&max=2`,
    );
    expect(listed.headers.get('link')).toBeNull();
    const texts = listOf(messageShape)
      .parse(listed.json)
      .items.map((m) => m.text);
    expect(texts.slice(0, 3)).toEqual(['3', '2', '1']);
  });
});
