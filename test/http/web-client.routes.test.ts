import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningApp } from '../../src/app.js';
import { startAppFromEnv, webexModeEnv } from '../support/app-from-env.js';
import { useTestApp, useTestDatabase } from '../support/use-test-app.js';

const configSchema = z.object({
  botEmail: z.string(),
  ordersApiToken: z.string(),
  people: z.array(z.object({ email: z.string(), displayName: z.string(), role: z.string() })),
});

describe('the web client in local mode', () => {
  const app = useTestApp({ admins: ['ops@wxcc.example'] });

  it('serves the page, its modules and the Adaptive Cards browser build', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/vendor/adaptivecards/adaptivecards.min.js');
    const module = await fetch(`${app.url}/app.js`);
    expect(module.headers.get('content-type')).toContain('javascript');
    const sdk = await fetch(`${app.url}/vendor/adaptivecards/adaptivecards.min.js`);
    expect(sdk.status).toBe(200);
    expect((await sdk.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${app.url}/vendor/adaptivecards/missing.js`)).status).toBe(404);
  });

  it('hands the page the bot, the orders token and the people to offer, administrators included', async () => {
    const response = await fetch(`${app.url}/local/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const config = configSchema.parse(await response.json());
    expect(config.botEmail).toBe(app.emulator?.bot.email);
    expect(config.ordersApiToken).toBe(app.ordersApiToken);
    expect(config.people.map((p) => [p.email, p.role])).toEqual([
      ['pat@partner.example', 'contact'],
      ['sam@partner.example', 'colleague'],
      ['ops@wxcc.example', 'admin'],
    ]);
  });
});

describe("local mode's clock", () => {
  const app = useTestApp();
  const clockSchema = z.object({ now: z.iso.datetime(), offsetMs: z.number() });
  const call = (method: string, body?: unknown, token: string | null = app.ordersApiToken) =>
    fetch(`${app.url}/local/clock`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('moves forward by days and hours, never back, behind the orders token, saying what was wrong', async () => {
    const before = clockSchema.parse(await (await call('GET')).json());
    const moved = await call('POST', { days: 2, hours: 3 });
    expect(moved.status).toBe(200);
    const after = clockSchema.parse(await moved.json());
    expect(after.offsetMs - before.offsetMs).toBe((2 * 24 + 3) * 3_600_000);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(51 * 3_600_000);

    for (const [body, path] of [
      [{ days: -1 }, 'body.days'],
      [{ days: 0 }, 'body'],
      [{ weeks: 1 }, 'body'],
      [{ days: 'two' }, 'body.days'],
    ] as const) {
      const refused = await call('POST', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      const problem = z
        .object({ error: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })) })
        .parse(await refused.json());
      expect(problem.error).toContain('not moved');
      expect(problem.issues[0]?.path, JSON.stringify(body)).toBe(path);
    }
    expect((await call('POST', { days: 1 }, null)).status).toBe(401);
    expect((await call('POST', { days: 1 }, 'wrong')).status).toBe(401);
    // Nothing refused moved it.
    expect(clockSchema.parse(await (await call('GET')).json()).offsetMs).toBe(after.offsetMs);
  });
});

describe('the web client with real Webex (a bot token)', () => {
  const database = useTestDatabase({ label: 'webclient' });
  let webex: EmulatorServer;
  let app: RunningApp;
  beforeAll(async () => {
    webex = await startEmulatorServer({ port: 0 });
    app = await startAppFromEnv({
      ...webexModeEnv(
        { apiUrl: webex.apiUrl, botToken: webex.emulator.bot.token, port: 0 },
        'an-orders-api-token',
      ),
      // Webhooks go nowhere: this test reads only the page.
      PUBLIC_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
      WEBEX_LOG_LEVEL: 'silent',
      MONGODB_URI: database.uri,
      MONGODB_DB: database.dbName,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await webex?.close();
  });

  it('is not served: the page, its files and the orders token are all 404', async () => {
    expect(app.emulator).toBeUndefined();
    for (const path of [
      '/',
      '/index.html',
      '/app.js',
      '/local/config.json',
      '/local/clock',
      '/vendor/adaptivecards/adaptivecards.min.js',
    ]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('an-orders-api-token');
    }
  });

  it('refuses to move the clock: POST /local/clock is a 404, even with the orders token', async () => {
    const response = await fetch(`${app.url}/local/clock`, {
      method: 'POST',
      headers: { authorization: 'Bearer an-orders-api-token', 'content-type': 'application/json' },
      body: JSON.stringify({ days: 2 }),
    });
    expect(response.status).toBe(404);
  });
});
