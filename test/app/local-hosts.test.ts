import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/http/loopback-host.guard.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * DNS rebinding in local mode: the pages that hand out tokens (`/local/config.json`, the emulator's
 * admin API, the local client) answer only a loopback `Host`, whatever the port; any other host
 * gets 421 with a clear body, also when the connection itself comes from 127.0.0.1.
 */

const app = useTestApp();

/** A GET with the given `Host` header, over a connection to the app on 127.0.0.1. */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path, method: 'GET', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const PATHS = ['/local/config.json', '/emulator/_admin/people', '/emulator/_admin/bot', '/'];
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const withPort = (name: string, p: number | undefined) => (p === undefined ? name : `${name}:${p}`);

const loopback = fc
  .tuple(fc.constantFrom('localhost', 'LocalHost', '127.0.0.1', '[::1]'), port)
  .map(([name, p]) => withPort(name, p));
const elsewhere = fc
  .tuple(
    fc.oneof(
      fc.domain(),
      fc.ipV4().filter((ip) => ip !== '127.0.0.1'),
      fc.constantFrom(
        'attacker.example',
        'localhost.attacker.example',
        'attacker.localhost.example',
        '127.0.0.1.nip.io',
        '127.0.0.1.attacker.example',
        '[::1].attacker.example',
        '[::ffff:7f00:1]',
        'localhost.',
        '0.0.0.0',
        'evil@127.0.0.1',
      ),
    ),
    port,
  )
  .map(([name, p]) => withPort(name, p));

describe('local mode answers its token-bearing pages only at a loopback host', () => {
  it('serves the config, the admin API and the page for localhost, 127.0.0.1 and [::1] at any port', async () => {
    await fc.assert(
      fc.asyncProperty(loopback, fc.constantFrom(...PATHS), async (host, path) => {
        expect(isLoopbackHost(host)).toBe(true);
        expect((await getWithHost(path, host)).status).toBe(200);
      }),
      { seed: 20130013, numRuns: 60 },
    );
  });

  it('answers 421 with a clear body, and no token, to any other Host (property)', async () => {
    await fc.assert(
      fc.asyncProperty(elsewhere, fc.constantFrom(...PATHS), async (host, path) => {
        expect(isLoopbackHost(host)).toBe(false);
        const answer = await getWithHost(path, host);
        expect(answer.status).toBe(421);
        expect(answer.body).toContain('only at a loopback address');
        expect(answer.body).not.toContain(app.ordersApiToken);
        expect(answer.body).not.toContain(host);
      }),
      { seed: 20130013, numRuns: 150 },
    );
  });

  it('still serves the API and the emulator’s Webex API by their tokens, whatever the host', async () => {
    const orders = await getWithHost('/api/orders', 'attacker.example');
    expect(orders.status).toBe(401);
    expect((await getWithHost('/emulator/v1/people/me', 'attacker.example')).status).toBe(401);
  });
});
