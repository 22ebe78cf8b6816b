import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../src/webex/webhook-signature.js';
import { useTestApp } from '../support/use-test-app.js';
import { deeplyNested, storedState } from './reliability-support.js';

/**
 * Edges of the HTTP intake: a signed webhook nested far too deep is refused (400) with nothing
 * stored or held, 404s never echo a decoded path, and every answer says `nosniff`.
 */

const SECRET = 'http-edges-webhook-secret-0123456789';
const app = useTestApp({ env: { WEBEX_WEBHOOK_SECRET: SECRET } });

/** A raw request, so that the path goes out exactly as written (percent-encoding kept). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; nosniff: unknown }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, nosniff: res.headers['x-content-type-options'] }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP edges', () => {
  it('refuses a signed webhook nested 50,000 deep with 400, storing and holding nothing', async () => {
    const state = await storedState(app);
    const raw = JSON.stringify({
      id: 'hook-deep',
      name: 'deep',
      resource: 'messages',
      event: 'created',
      data: { id: 'deep-message', roomId: 'deep-room', personId: 'someone' },
    }).replace('"someone"}', `"someone","extra":${deeplyNested(50_000)}}`);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${app.url}/webhooks/webex`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signWebhookBody(raw, SECRET) },
        body: raw,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('nested more than 32 levels deep');
    }
    expect(await storedState(app)).toBe(state);
    // Nothing held: the bot stays ready, with no event waiting for the database.
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it.each(['/nope%00x%E2%80%AEgnp.exe', '/api/orders/A%00x%E2%80%AEgnp.exe'])(
    'answers a 404 for %s without echoing the decoded path (NUL, U+202E)',
    async (path) => {
      const answer = await rawGet(path, { authorization: `Bearer ${app.ordersApiToken}` });
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('\u0000');
      expect(answer.body).not.toContain('\\u0000');
      expect(answer.body).not.toContain('\u202e');
    },
  );

  it.each([
    '/healthz',
    '/readyz',
    '/nope',
    '/api/orders',
    '/metrics',
    '/',
    '/local/config.json',
    '/emulator/_admin/bot',
    '/webhooks/webex',
  ])('says nosniff on %s', async (path) => {
    expect((await rawGet(path)).nosniff).toBe('nosniff');
  });
});
