import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorPerson } from '../src/index.js';
import { card, type Harness, type Receiver, startHarness, startReceiver } from './support/harness.js';
import {
  envelopeShape,
  errorShape,
  listOf,
  messageShape,
  roomShape,
  webhookShape,
} from './support/shapes.js';

let h: Harness;
let alice: EmulatorPerson;
let bot: EmulatorPerson;
const receivers: Receiver[] = [];

beforeAll(async () => {
  h = await startHarness({ webhookRetry: { attempts: 3, baseDelayMs: 20 } });
  alice = await h.emulator.createPerson('alice@example.com', 'Alice Adams');
  bot = h.emulator.bot;
});
afterAll(() => h.close());
afterEach(async () => {
  // Each test starts from no webhooks, so deliveries of one never reach another's receiver.
  for (const person of [alice, bot]) {
    const list = listOf(webhookShape).parse((await h.api(person.token, 'GET', '/webhooks')).json);
    for (const webhook of list.items) await h.api(person.token, 'DELETE', `/webhooks/${webhook.id}`);
  }
  await h.emulator.webhooksIdle();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(respond?: (index: number, body: unknown) => number): Promise<Receiver> {
  const started = await startReceiver(respond);
  receivers.push(started);
  return started;
}

async function hook(token: string, body: Record<string, unknown>) {
  const response = await h.api(token, 'POST', '/webhooks', body);
  expect(response.status).toBe(200);
  return webhookShape.parse(response.json);
}

describe('webhook CRUD', () => {
  it('creates, lists, reads, updates and deletes, with Webex fields', async () => {
    const created = await hook(bot.token, {
      name: 'firehose',
      targetUrl: 'http://127.0.0.1:9/hook',
      resource: 'all',
      event: 'all',
      secret: 'a-secret-of-16-chars',
    });
    expect(created).toMatchObject({
      status: 'active',
      ownedBy: 'creator',
      createdBy: bot.id,
      secret: 'a-secret-of-16-chars',
    });
    expect(listOf(webhookShape).parse((await h.api(bot.token, 'GET', '/webhooks')).json).items).toHaveLength(
      1,
    );
    expect((await h.api(alice.token, 'GET', `/webhooks/${created.id}`)).status).toBe(404);
    const updated = await h.api(bot.token, 'PUT', `/webhooks/${created.id}`, {
      name: 'renamed',
      targetUrl: 'http://127.0.0.1:9/x',
    });
    expect(webhookShape.parse(updated.json)).toMatchObject({
      name: 'renamed',
      secret: 'a-secret-of-16-chars',
    });
    expect((await h.api(bot.token, 'DELETE', `/webhooks/${created.id}`)).status).toBe(204);
    expect((await h.api(bot.token, 'GET', `/webhooks/${created.id}`)).status).toBe(404);
  });

  it.each([
    ['resource', { resource: 'teleports' }],
    ['targetUrl', { targetUrl: 'not a url' }],
    ['filter', { filter: 'roomId' }],
  ])('answers 400 naming %s', async (field, patch) => {
    const body = {
      name: 'x',
      targetUrl: 'http://127.0.0.1:9/',
      resource: 'messages',
      event: 'created',
      ...patch,
    };
    const response = await h.api(bot.token, 'POST', '/webhooks', body);
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message.startsWith(`${field}: `)).toBe(true);
  });
});

describe('webhook delivery', () => {
  it('signs the exact body bytes with HMAC-SHA1 of the secret, and sends ids only', async () => {
    const target = await receiver();
    const secret = 'sixteen-chars-secret';
    const webhook = await hook(bot.token, {
      name: 'n',
      targetUrl: target.url,
      resource: 'messages',
      event: 'created',
      secret,
    });
    const sent = messageShape.parse(
      (await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'secret text' })).json,
    );
    await target.waitFor(1);
    const delivery = target.deliveries[0];
    expect(delivery?.headers['x-spark-signature']).toBe(
      createHmac('sha1', secret)
        .update(delivery?.raw ?? '')
        .digest('hex'),
    );
    const body = envelopeShape.parse(delivery?.body);
    expect(body).toMatchObject({
      id: webhook.id,
      name: 'n',
      resource: 'messages',
      event: 'created',
      actorId: alice.id,
    });
    expect(body.data).toMatchObject({
      id: sent.id,
      roomId: sent.roomId,
      roomType: 'direct',
      personId: alice.id,
      personEmail: alice.email,
    });
    expect(delivery?.raw).not.toContain('secret text');
  });

  it('omits the signature without a secret', async () => {
    const target = await receiver();
    await hook(bot.token, { name: 'n', targetUrl: target.url, resource: 'messages', event: 'created' });
    await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'x' });
    await target.waitFor(1);
    expect(target.deliveries[0]?.headers).not.toHaveProperty('x-spark-signature');
  });

  it('announces a new direct room and both memberships with its first message', async () => {
    const target = await receiver();
    await hook(bot.token, { name: 'all', targetUrl: target.url, resource: 'all', event: 'all' });
    const newcomer = await h.emulator.createPerson('newcomer@example.com');
    await h.api(newcomer.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'first' });
    await target.waitFor(4);
    // Delivered concurrently, as Webex does: they may arrive in any order.
    const bodies = target.deliveries.map((d) => envelopeShape.parse(d.body));
    expect(bodies.map((b) => `${b.resource}/${b.event}`).sort()).toEqual([
      'memberships/created',
      'memberships/created',
      'messages/created',
      'rooms/created',
    ]);
    const memberIds = bodies.filter((b) => b.resource === 'memberships').map((b) => b.data.personId);
    expect(memberIds.sort()).toEqual([bot.id, newcomer.id].sort());
  });

  it('delivers the bot its own messages on all/all (the framework ignores them)', async () => {
    const target = await receiver();
    await hook(bot.token, { name: 'all', targetUrl: target.url, resource: 'all', event: 'all' });
    const sent = messageShape.parse(
      (await h.api(bot.token, 'POST', '/messages', { toPersonEmail: alice.email, text: 'out' })).json,
    );
    await target.waitFor(1);
    expect(envelopeShape.parse(target.deliveries.at(-1)?.body).data).toMatchObject({
      id: sent.id,
      personId: bot.id,
    });
  });

  it('sends attachment actions only to attachmentActions webhooks, with no inputs', async () => {
    const firehose = await receiver();
    const cards = await receiver();
    await hook(bot.token, { name: 'fw', targetUrl: firehose.url, resource: 'all', event: 'all' });
    await hook(bot.token, {
      name: 'fw',
      targetUrl: cards.url,
      resource: 'attachmentActions',
      event: 'created',
    });
    const sent = messageShape.parse(
      (
        await h.api(bot.token, 'POST', '/messages', {
          toPersonEmail: alice.email,
          text: 'card',
          attachments: [card()],
        })
      ).json,
    );
    await firehose.waitFor(1);
    const action = await h.api(alice.token, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: sent.id,
      inputs: { role: 'partner' },
    });
    expect(action.status).toBe(202);
    await cards.waitFor(1);
    await h.emulator.webhooksIdle();
    const body = envelopeShape.parse(cards.deliveries[0]?.body);
    expect(body).toMatchObject({ resource: 'attachmentActions', event: 'created', actorId: alice.id });
    expect(body.data).toMatchObject({
      type: 'submit',
      messageId: sent.id,
      personId: alice.id,
      roomId: sent.roomId,
    });
    expect(body.data).not.toHaveProperty('inputs');
    expect(firehose.deliveries.map((d) => envelopeShape.parse(d.body).resource)).toEqual(['messages']);
  });

  it('retries a failing target with backoff until it is delivered', async () => {
    // Fails the first two tries of the first message's delivery, then accepts everything.
    let refused = 0;
    let firstId = '';
    const target = await receiver((_index, body) => {
      const { id } = envelopeShape.parse(body).data;
      if (firstId === '') firstId = id;
      if (id !== firstId || refused >= 2) return 200;
      refused += 1;
      return 503;
    });
    await hook(bot.token, { name: 'n', targetUrl: target.url, resource: 'messages', event: 'created' });
    const first = messageShape.parse(
      (await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: '1' })).json,
    );
    const second = messageShape.parse(
      (await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: '2' })).json,
    );
    await target.waitFor(2);
    expect(target.requests()).toBe(4);
    expect(firstId).toBe(first.id);
    expect(target.deliveries.map((d) => envelopeShape.parse(d.body).data.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    const admin = await h.admin('GET', '/webhooks');
    expect(JSON.stringify(admin.json)).toContain('"delivered":2');
  });

  it('gives up after the configured attempts and goes on with the next delivery', async () => {
    let lostId = '';
    const target = await receiver((_index, body) => {
      const { id } = envelopeShape.parse(body).data;
      if (lostId === '') lostId = id;
      return id === lostId ? 500 : 200;
    });
    await hook(bot.token, { name: 'n', targetUrl: target.url, resource: 'messages', event: 'created' });
    await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'lost' });
    const kept = messageShape.parse(
      (await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'kept' })).json,
    );
    await target.waitFor(1);
    await h.emulator.webhooksIdle();
    expect(target.requests()).toBe(4);
    expect(target.deliveries.map((d) => envelopeShape.parse(d.body).data.id)).toEqual([kept.id]);
  });
});

describe('webhook filters and visibility', () => {
  it.each([
    ['roomType=direct', (_room: string) => 'roomType=direct', ['direct']],
    ['roomId', (room: string) => `roomId=${room}`, ['group']],
    [
      'personEmail (URL-encoded)',
      (_room: string) => `personEmail=${encodeURIComponent('alice@example.com')}`,
      ['direct', 'group'],
    ],
    ['mentionedPeople=me', (_room: string) => 'mentionedPeople=me', ['group']],
  ])('filter %s', async (_name, filterFor, expected) => {
    const room = roomShape.parse((await h.api(alice.token, 'POST', '/rooms', { title: 'Group' })).json);
    await h.api(alice.token, 'POST', '/memberships', { roomId: room.id, personId: bot.id });
    const target = await receiver();
    await hook(bot.token, {
      name: 'f',
      targetUrl: target.url,
      resource: 'messages',
      event: 'created',
      filter: filterFor(room.id),
    });
    await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'direct' });
    await h.api(alice.token, 'POST', '/messages', {
      roomId: room.id,
      markdown: `<@personId:${bot.id}|Order Setup> group`,
    });
    await h.emulator.webhooksIdle();
    expect(target.deliveries.map((d) => envelopeShape.parse(d.body).data.roomType)).toEqual(expected);
  });

  it('a bot hears group-room messages only when mentioned; a person hears them all', async () => {
    const room = roomShape.parse((await h.api(alice.token, 'POST', '/rooms', { title: 'Group' })).json);
    await h.api(alice.token, 'POST', '/memberships', { roomId: room.id, personId: bot.id });
    const botTarget = await receiver();
    const aliceTarget = await receiver();
    await hook(bot.token, { name: 'b', targetUrl: botTarget.url, resource: 'messages', event: 'created' });
    await hook(alice.token, {
      name: 'a',
      targetUrl: aliceTarget.url,
      resource: 'messages',
      event: 'created',
    });
    await h.api(alice.token, 'POST', '/messages', { roomId: room.id, text: 'chatter' });
    const mention = messageShape.parse(
      (
        await h.api(alice.token, 'POST', '/messages', {
          roomId: room.id,
          markdown: `<@personEmail:${bot.email}> hi`,
        })
      ).json,
    );
    await h.emulator.webhooksIdle();
    expect(botTarget.deliveries.map((d) => envelopeShape.parse(d.body).data.id)).toEqual([mention.id]);
    expect(aliceTarget.deliveries).toHaveLength(2);
  });
});
