import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningApp, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/log/logger.js';
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

describe('the web client with real Webex (a bot token)', () => {
  const database = useTestDatabase({ label: 'webclient' });
  let webex: EmulatorServer;
  let app: RunningApp;
  beforeAll(async () => {
    webex = await startEmulatorServer({ port: 0 });
    const loaded = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WEBEX_LOG_LEVEL: 'silent',
      MONGODB_URI: database.uri,
      MONGODB_DB: database.dbName,
      WEBEX_ACCESS_TOKEN: webex.emulator.bot.token,
      WEBEX_API_URL: webex.apiUrl,
      PUBLIC_URL: 'http://127.0.0.1:9',
      WEBEX_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length',
      ORDERS_API_TOKEN: 'an-orders-api-token',
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    app = await startApp({ config: loaded.config, logger: createSilentLogger() });
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
      '/vendor/adaptivecards/adaptivecards.min.js',
    ]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('an-orders-api-token');
    }
  });
});
