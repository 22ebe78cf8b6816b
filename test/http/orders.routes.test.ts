import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOrdersRouter } from '../../src/http/orders.routes.js';
import { createHttpApp, listen, type RunningHttpServer } from '../../src/http/server.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createSetupReadBack } from '../../src/setups/setup-read-back.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import { orderBody, useOrdersHarness } from '../orders/support/orders-harness.js';

const TOKEN = 'test-orders-token-0123456789';
const h = useOrdersHarness('routes');
let server: RunningHttpServer;
let base: string;

beforeAll(async () => {
  const logger = createSilentLogger();
  const readBack = createSetupReadBack(createSetupsRepository(h.storage.db));
  const router = createOrdersRouter({ service: h.service, readBack, apiToken: TOKEN, logger });
  server = await listen(
    createHttpApp({ logger, mounts: [{ path: '/api/orders', router }], readiness: [] }),
    0,
    '127.0.0.1',
  );
  base = `${server.url}/api/orders`;
});
afterAll(async () => {
  await server?.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = json) =>
  fetch(base, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const patch = (orderId: string, body: unknown) =>
  fetch(`${base}/${orderId}`, { method: 'PATCH', headers: json, body: JSON.stringify(body) });
const get = (path: string) => fetch(`${base}${path}`, { headers: auth });
const problemSchema = z.looseObject({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  fields: z.array(z.string()).optional(),
});
const orderSchema = z.looseObject({
  orderId: z.string(),
  status: z.string(),
  history: z.array(z.looseObject({ action: z.string(), by: z.string() })),
});
const pageSchema = z.object({ items: z.array(orderSchema), nextCursor: z.string().nullable() });
const problemOf = async (response: Response) => problemSchema.parse(await response.json());
const orderOf = async (response: Response) => orderSchema.parse(await response.json());
const issuePaths = async (response: Response) =>
  [...new Set((await problemOf(response)).issues.map((i) => i.path))].sort();
const storedCount = async () => Object.values(await h.service.countByStatus()).reduce((a, b) => a + b, 0);

describe('POST /api/orders', () => {
  it('creates an order (201), answers a replay with 200 and a different body with 409', async () => {
    const body = orderBody({
      orderId: 'API-1',
      requestedStartDate: '2025-07-01',
      offer: 'a-flex',
      timeZone: 'america/new_york',
    });
    const created = await post(body);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/orders/API-1');
    expect(await orderOf(created)).toMatchObject({
      orderId: 'API-1',
      status: 'scheduled',
      timeZone: 'America/New_York',
      setupWindowDays: 7,
    });
    const replay = await post(body);
    expect(replay.status).toBe(200);
    const conflict = await post({ ...body, customerName: 'Other', locale: 'hr' });
    expect(conflict.status).toBe(409);
    const problem = await problemOf(conflict);
    expect(problem.fields).toEqual(['customerName', 'locale']);
    expect(problem.error).toContain('customerName, locale');
    expect((await orderOf(await get('/API-1'))).history).toHaveLength(1);
  });

  it('refuses with 422 an order whose setup window has closed, and stores nothing', async () => {
    // The clock reads 2025-06-01 08:00 UTC (10:00 in Zagreb).
    const before = await storedCount();
    const late = orderBody({ orderId: 'API-LATE', requestedStartDate: '2025-05-25', offer: 'a-flex' });
    const refused = await post(late);
    expect(refused.status).toBe(422);
    const problem = await problemOf(refused);
    expect(problem.error).toBe(
      'Order API-LATE can no longer be set up: its setup window closed on 2025-06-01. It was not stored.',
    );
    expect(problem.issues).toEqual([
      {
        path: 'requestedStartDate',
        message:
          "is too far in the past: an A-Flex order can be set up for 7 days from its start date, so this order's " +
          'setup window closed at 00:00 on 2025-06-01 (Europe/Zagreb); the earliest start date accepted now is 2025-05-26',
      },
    ]);
    expect(await storedCount()).toBe(before);
    expect((await get('/API-LATE')).status).toBe(404);
    // One day later the window is still open: created, and due at once.
    const open = await post({ ...late, requestedStartDate: '2025-05-26' });
    expect(open.status).toBe(201);
  });

  it('answers the replay of an order created in time with 200, even once its window has closed', async () => {
    const body = orderBody({ orderId: 'API-REPLAY-LATE', requestedStartDate: '2025-06-02', offer: 'a-flex' });
    expect((await post(body)).status).toBe(201);
    h.clock.advance(10 * 86_400_000);
    try {
      expect((await post(body)).status).toBe(200);
      expect((await post({ ...body, customerName: 'Other' })).status).toBe(409);
    } finally {
      h.clock.advance(-10 * 86_400_000);
    }
  });

  it.each(['export', 'EXPORT', 'Export'])('refuses the reserved order id %s', async (orderId) => {
    const refused = await post(orderBody({ orderId }));
    expect(refused.status).toBe(400);
    expect((await problemOf(refused)).issues).toEqual([
      {
        path: 'orderId',
        message: 'is reserved (GET /api/orders/export is the CSV export); choose another order id',
      },
    ]);
  });

  it('records who acted from X-Actor', async () => {
    await post(orderBody({ orderId: 'API-ACTOR', requestedStartDate: '2025-07-01' }), {
      ...json,
      'x-actor': 'import',
    });
    expect((await orderOf(await get('/API-ACTOR'))).history[0]?.by).toBe('import');
  });

  it.each([
    ['nothing at all', {}, ['orderId', 'requestedStartDate', 'provisioningContactEmail']],
    ['an order id with a space', orderBody({ orderId: 'A 1' }), ['orderId']],
    ['an order id with a colon', orderBody({ orderId: 'A:1' }), ['orderId']],
    ['an order id of 65 characters', orderBody({ orderId: 'A'.repeat(65) }), ['orderId']],
    ['an order id that is a number', orderBody({ orderId: 12345 }), ['orderId']],
    ['February 30th', orderBody({ requestedStartDate: '2025-02-30' }), ['requestedStartDate']],
    ['a day-first date', orderBody({ requestedStartDate: '01.06.2025' }), ['requestedStartDate']],
    ['month 13', orderBody({ requestedStartDate: '2025-13-01' }), ['requestedStartDate']],
    [
      'a bad email',
      orderBody({ provisioningContactEmail: 'contact at partner' }),
      ['provisioningContactEmail'],
    ],
    ['an unknown offer', orderBody({ offer: 'b-flex' }), ['offer']],
    ['an unknown locale', orderBody({ locale: 'de' }), ['locale']],
    ['an unknown time zone', orderBody({ timeZone: 'Mars/Olympus' }), ['timeZone']],
    ['an offset instead of a zone', orderBody({ timeZone: '+02:00' }), ['timeZone']],
    ['an empty partner name', orderBody({ partnerName: '  ' }), ['partnerName']],
    ['unknown fields', orderBody({ contact: 'x', Offer: 'a-flex' }), ['contact', 'Offer']],
    ['an array', [orderBody()], ['(body)']],
    [
      'everything wrong at once',
      {
        orderId: '',
        requestedStartDate: '2025-6-1',
        provisioningContactEmail: 'x',
        offer: 7,
        locale: 'xx',
        timeZone: 'Nowhere',
        trialOrgId: 'a b',
        extra: 1,
      },
      [
        'orderId',
        'requestedStartDate',
        'provisioningContactEmail',
        'offer',
        'trialOrgId',
        'locale',
        'timeZone',
        'extra',
      ],
    ],
  ])('refuses %s with 400 naming every bad field, storing nothing', async (_name, body, paths) => {
    const before = await storedCount();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await problemOf(response.clone())).error).toBe('The order is not valid.');
    expect(await issuePaths(response)).toEqual([...paths].sort());
    expect(await storedCount()).toBe(before);
  });

  it.each([
    [
      'no token',
      { 'content-type': 'application/json' },
      JSON.stringify(orderBody()),
      401,
      'Missing bearer token',
    ],
    [
      'a wrong token',
      { 'content-type': 'application/json', authorization: 'Bearer nope' },
      JSON.stringify(orderBody()),
      401,
      'Invalid bearer token',
    ],
    ['broken JSON', json, '{"orderId": "X-1",', 400, 'not valid JSON'],
    ['JSON null', json, 'null', 400, 'not valid JSON'],
    ['plain text', { ...auth, 'content-type': 'text/plain' }, 'orderId=X-1', 415, 'application/json'],
    ['no content type', auth, JSON.stringify(orderBody()), 415, 'application/json'],
    [
      'a body over 32 kb',
      json,
      JSON.stringify(orderBody({ partnerName: 'x'.repeat(40_000) })),
      413,
      'larger than 32kb',
    ],
    ['a bad X-Actor', { ...json, 'x-actor': 'somebody' }, JSON.stringify(orderBody()), 400, 'X-Actor'],
  ])(
    'answers %s with the right status and message, storing nothing',
    async (_name, headers, body, status, words) => {
      const before = await storedCount();
      const response = await post(body, headers);
      expect(response.status).toBe(status);
      expect((await problemOf(response)).error).toContain(words);
      expect(await storedCount()).toBe(before);
    },
  );
});

describe('GET /api/orders', () => {
  it('answers 404 for an unknown order', async () => {
    expect((await get('/NO-SUCH-ORDER')).status).toBe(404);
  });

  it('pages newest activity first with an opaque cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(1_000);
      await post(orderBody({ orderId: `LIST-${i}`, requestedStartDate: '2025-09-01' }));
    }
    h.clock.advance(1_000);
    await patch('LIST-2', { status: 'cancelled' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `?status=scheduled,cancelled&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = pageSchema.parse(await (await get(query)).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.orderId).filter((id) => id.startsWith('LIST-')));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['LIST-2', 'LIST-4', 'LIST-3', 'LIST-1', 'LIST-0']);
    const cancelled = pageSchema.parse(await (await get('?status=cancelled')).json());
    expect(cancelled.items.map((o) => o.orderId)).toEqual(['LIST-2']);
  });

  it.each([
    ['limit=0', ['query.limit']],
    ['limit=abc', ['query.limit']],
    ['limit=500', ['query.limit']],
    ['status=done', ['query.status.0']],
    ['cursor=not-a-cursor', ['query.cursor']],
    ['sort=asc', ['query.sort']],
    ['limit=0&status=done&color=red', ['query.limit', 'query.status.0', 'query.color']],
  ])('refuses ?%s with 400 and issues', async (query, paths) => {
    const response = await get(`?${query}`);
    expect(response.status).toBe(400);
    expect(await issuePaths(response)).toEqual([...paths].sort());
  });
});

describe('PATCH /api/orders/{orderId}', () => {
  it('changes the contact of a due order and re-invites the new contact', async () => {
    await post(orderBody({ orderId: 'PATCH-1', requestedStartDate: '2025-06-01' }));
    const response = await patch('PATCH-1', { provisioningContactEmail: 'New.Contact@Partner.example' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      provisioningContactEmail: 'new.contact@partner.example',
      contactVersion: 1,
    });
    const invitations = (await h.outboxItems()).filter((i) => i.purpose.orderId === 'PATCH-1');
    expect(invitations.map((i) => [i._id, i.target])).toEqual([
      ['invite:PATCH-1:0', { toPersonEmail: 'contact@partner.example' }],
      ['invite:PATCH-1:1', { toPersonEmail: 'new.contact@partner.example' }],
    ]);
  });

  it('cancels, then refuses a contact change with 409', async () => {
    await post(orderBody({ orderId: 'PATCH-2', requestedStartDate: '2025-09-01' }));
    const cancelled = await patch('PATCH-2', { status: 'cancelled', reason: 'ordered twice' });
    expect(cancelled.status).toBe(200);
    expect(await orderOf(cancelled)).toMatchObject({ status: 'cancelled', statusReason: 'ordered twice' });
    expect((await patch('PATCH-2', { status: 'cancelled' })).status).toBe(200);
    const refused = await patch('PATCH-2', { provisioningContactEmail: 'x@partner.example' });
    expect(refused.status).toBe(409);
    expect((await problemOf(refused)).error).toContain('cancelled order cannot be changed');
    const { history } = await orderOf(await get('/PATCH-2'));
    expect(history.map((e) => e.action)).toEqual(['created', 'cancelled']);
  });

  it.each([
    ['an empty change', {}, ['(body)']],
    ['both kinds at once', { provisioningContactEmail: 'a@b.example', status: 'cancelled' }, ['(body)']],
    ['another status', { status: 'completed' }, ['status']],
    ['a reason without cancelling', { provisioningContactEmail: 'a@b.example', reason: 'x' }, ['reason']],
    [
      'a bad email and an unknown field',
      { provisioningContactEmail: 'nope', color: 'red' },
      ['provisioningContactEmail', 'color'],
    ],
  ])('refuses %s with 400', async (_name, body, paths) => {
    const response = await patch('PATCH-2', body);
    expect(response.status).toBe(400);
    expect(await issuePaths(response)).toEqual([...paths].sort());
  });

  it('answers 404 for an unknown order', async () => {
    expect((await patch('NO-SUCH', { status: 'cancelled' })).status).toBe(404);
  });
});
