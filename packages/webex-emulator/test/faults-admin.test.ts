import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorPerson } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';
import { errorShape } from './support/shapes.js';

let h: Harness;
let alice: EmulatorPerson;
let bob: EmulatorPerson;

beforeAll(async () => {
  h = await startHarness();
  alice = await h.emulator.createPerson('alice@example.com');
  bob = await h.emulator.createPerson('bob@example.com');
});
afterAll(() => h.close());
afterEach(() => h.emulator.faults.clear());

const statsShape = z.object({
  requests: z.object({
    total: z.number(),
    byRoute: z.record(z.string(), z.number()),
    byStatus: z.record(z.string(), z.number()),
  }),
  rateLimited: z.number(),
  injectedFailures: z.number(),
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and Webex’s body once a token passes its limit, per token', async () => {
    h.emulator.faults.setRateLimit({ requests: 2, windowMs: 60_000 });
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(200);
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(200);
    const limited = await h.api(alice.token, 'GET', '/people/me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(errorShape.parse(limited.json).message).toMatch(/Too many requests/);
    expect((await h.api(bob.token, 'GET', '/people/me')).status).toBe(200);
    expect(statsShape.parse((await h.admin('GET', '/stats')).json).rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('lets requests through again once the window has passed', async () => {
    h.emulator.faults.setRateLimit({ requests: 1, windowMs: 1_000 });
    await h.api(alice.token, 'GET', '/people/me');
    const limited = await h.api(alice.token, 'GET', '/people/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    const limitedAt = performance.now();
    let status = 429;
    while (status === 429 && performance.now() - limitedAt < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await h.api(alice.token, 'GET', '/people/me')).status;
    }
    expect(status).toBe(200);
  });
});

describe('injected failures and latency', () => {
  it('fails the next N requests matching a method and path, then recovers', async () => {
    h.emulator.faults.setFailures({ status: 503, count: 2, method: 'POST', path: '^/messages$' });
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(200);
    const body = { toPersonEmail: bob.email, text: 'x' };
    const failed = await h.api(alice.token, 'POST', '/messages', body);
    expect(failed.status).toBe(503);
    errorShape.parse(failed.json);
    expect((await h.api(alice.token, 'POST', '/messages', body)).status).toBe(503);
    expect((await h.api(alice.token, 'POST', '/messages', body)).status).toBe(200);
    expect(h.emulator.faults.current()).toEqual({});
  });

  it('fails a fraction of requests (all of them at 1, none at 0)', async () => {
    h.emulator.faults.setFailures({ status: 500, fraction: 1 });
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(500);
    h.emulator.faults.setFailures({ status: 500, fraction: 0 });
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(200);
  });

  it('adds latency', async () => {
    h.emulator.faults.setLatency({ ms: 150 });
    const started = performance.now();
    await h.api(alice.token, 'GET', '/people/me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('is driven over HTTP too: POST, GET and DELETE /_admin/faults, with 400 for bad settings', async () => {
    const set = await h.admin('POST', '/faults', { failures: { count: 1, status: 502 } });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ failures: { count: 1, status: 502 } });
    expect((await h.api(alice.token, 'GET', '/people/me')).status).toBe(502);
    const bad = await h.admin('POST', '/faults', {
      rateLimit: { requests: 0, windowMs: 10 },
      failures: { path: '(' },
    });
    expect(bad.status).toBe(400);
    const message = errorShape.parse(bad.json).message;
    expect(message).toContain('rateLimit.requests');
    expect(message).toContain('failures.path');
    await h.admin('POST', '/faults', { latency: { ms: 5 } });
    expect((await h.admin('DELETE', '/faults')).status).toBe(204);
    expect((await h.admin('GET', '/faults')).json).toEqual({});
  });

  it('counts requests per route and status', async () => {
    await h.admin('DELETE', '/stats');
    await h.api(alice.token, 'GET', '/people/me');
    await h.api(alice.token, 'GET', `/people/${bob.id}`);
    await h.api('bad-token', 'GET', '/people/me');
    const stats = statsShape.parse((await h.admin('GET', '/stats')).json);
    expect(stats.requests.byRoute).toEqual({ 'GET /people/me': 2, 'GET /people/:personId': 1 });
    expect(stats.requests.byStatus).toEqual({ '200': 2, '401': 1 });
  });
});

describe('admin API', () => {
  it('creates people idempotently and returns their token', async () => {
    const first = await h.admin('POST', '/people', { email: 'Zoe@Example.com', displayName: 'Zoe Z' });
    const again = await h.admin('POST', '/people', { email: 'zoe@example.com' });
    const shape = z.object({ id: z.string(), email: z.string(), displayName: z.string(), token: z.string() });
    expect(shape.parse(first.json)).toEqual(shape.parse(again.json));
    expect(shape.parse(first.json)).toMatchObject({ email: 'zoe@example.com', displayName: 'Zoe Z' });
    const listed = z
      .object({ items: z.array(z.object({ email: z.string() })) })
      .parse((await h.admin('GET', '/people')).json);
    expect(listed.items.map((p) => p.email)).toContain('zoe@example.com');
  });

  it('answers 400 naming the field for a bad person', async () => {
    const response = await h.admin('POST', '/people', { email: 'nope' });
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message).toMatch(/^email: /);
  });

  it('shows the bot without its token', async () => {
    const response = await h.admin('GET', '/bot');
    expect(response.json).toEqual({
      id: h.emulator.bot.id,
      email: 'order-setup@webex.bot',
      displayName: 'Order Setup',
      orgId: h.emulator.bot.orgId,
    });
  });
});
