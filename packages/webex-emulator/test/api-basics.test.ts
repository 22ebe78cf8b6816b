import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness.js';
import { errorShape, listOf, personShape } from './support/shapes.js';

let h: Harness;
let aliceToken: string;

beforeAll(async () => {
  h = await startHarness();
  aliceToken = (await h.emulator.createPerson('alice.smith@example.com')).token;
});
afterAll(() => h.close());

describe('authentication and errors', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'Bearer not-a-token'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ])('answers 401 with Webex’s error body for %s', async (_name, authorization) => {
    const response = await fetch(`${h.apiUrl}/people/me`, {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(response.status).toBe(401);
    const body = errorShape.parse(await response.json());
    expect(body.message).toMatch(/valid access token/);
    expect(response.headers.get('trackingid')).toBe(body.trackingId);
  });

  it('echoes the client’s trackingid header and sets one otherwise', async () => {
    const sent = await fetch(`${h.apiUrl}/people/me`, {
      headers: { authorization: `Bearer ${aliceToken}`, trackingid: 'webex-js-sdk_abc_1' },
    });
    expect(sent.headers.get('trackingid')).toBe('webex-js-sdk_abc_1');
    const own = await h.api(aliceToken, 'GET', '/people/me');
    expect(own.headers.get('trackingid')).toMatch(/^EMULATOR_/);
  });

  it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
    const missing = await h.api(aliceToken, 'GET', '/teleporters');
    expect(missing.status).toBe(404);
    errorShape.parse(missing.json);
    const wrong = await h.api(aliceToken, 'PATCH', '/messages');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('POST');
    errorShape.parse(wrong.json);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${h.apiUrl}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(response.status).toBe(400);
    expect(errorShape.parse(await response.json()).message).toMatch(/JSON/);
  });
});

describe('people', () => {
  it('GET /people/me describes the bot as a bot, with its email first', async () => {
    const me = personShape.parse((await h.api(h.emulator.bot.token, 'GET', '/people/me')).json);
    expect(me).toMatchObject({ id: h.emulator.bot.id, emails: ['order-setup@webex.bot'], type: 'bot' });
    expect(me.displayName).toBe('Order Setup');
  });

  it('describes people with names derived from the email', async () => {
    const me = personShape.parse((await h.api(aliceToken, 'GET', '/people/me')).json);
    expect(me).toMatchObject({
      emails: ['alice.smith@example.com'],
      displayName: 'Alice Smith',
      firstName: 'Alice',
      lastName: 'Smith',
      type: 'person',
    });
  });

  it("issues tokens in Webex's shape (the holder's organization last) and ids without base64 padding", async () => {
    const bob = await h.emulator.createPerson('bob@example.com', 'Bob Builder');
    const [random, cluster, org] = bob.token.split('_');
    expect(random).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(cluster).toBe('PF84');
    expect(Buffer.from(bob.orgId, 'base64').toString()).toBe(`ciscospark://us/ORGANIZATION/${org}`);
    expect(bob.id).not.toMatch(/=/);
    expect(Buffer.from(bob.id, 'base64').toString()).toMatch(
      /^ciscospark:\/\/us\/PEOPLE\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('answers U2C discovery with an empty host map, without a token, as the SDK asks at start', async () => {
    for (const path of ['/limited/catalog?orgId=x&format=hostmap', '/catalog?format=hostmap']) {
      const response = await fetch(`${h.apiUrl}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ serviceLinks: {}, hostCatalog: {}, format: 'hostmap' });
    }
  });

  it('createPerson is idempotent by email (same id and token)', async () => {
    const first = await h.emulator.createPerson('carol@example.com');
    const again = await h.emulator.createPerson('CAROL@example.com', 'Someone Else');
    expect(again).toEqual(first);
  });

  it('finds people by email, by id and by a batch of ids as the SDK sends it', async () => {
    const bob = await h.emulator.createPerson('bob@example.com');
    const byEmail = listOf(personShape).parse(
      (await h.api(aliceToken, 'GET', '/people?email=bob@example.com')).json,
    );
    expect(byEmail.items.map((p) => p.id)).toEqual([bob.id]);
    const byId = personShape.parse((await h.api(aliceToken, 'GET', `/people/${bob.id}`)).json);
    expect(byId.emails).toEqual(['bob@example.com']);
    // The SDK's batcher asks `people/?id=a,b&showAllTypes=false` (note the slash).
    const batch = await h.api(
      aliceToken,
      'GET',
      `/people/?id=${bob.id},${h.emulator.bot.id}&showAllTypes=false`,
    );
    expect(
      listOf(personShape)
        .parse(batch.json)
        .items.map((p) => p.id),
    ).toEqual([bob.id, h.emulator.bot.id]);
  });

  it('accepts a bare uuid where a person id is expected, as Webex does', async () => {
    const bob = await h.emulator.createPerson('bob@example.com');
    const uuid = Buffer.from(bob.id, 'base64').toString().split('/').pop() ?? '';
    const found = personShape.parse((await h.api(aliceToken, 'GET', `/people/${uuid}`)).json);
    expect(found.id).toBe(bob.id);
  });

  it('reports unknown ids of a batch in notFoundIds, 404 for one unknown id, 400 without a query', async () => {
    const unknown = Buffer.from('ciscospark://us/PEOPLE/00000000-0000-4000-8000-000000000000').toString(
      'base64',
    );
    const batch = await h.api(aliceToken, 'GET', `/people?id=${unknown}`);
    expect(batch.json).toEqual({ items: [], notFoundIds: [unknown] });
    expect((await h.api(aliceToken, 'GET', `/people/${unknown}`)).status).toBe(404);
    const none = await h.api(aliceToken, 'GET', '/people');
    expect(none.status).toBe(400);
  });
});
