import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sendHttp } from '../../src/webex/http-transport.js';

/** The Webex client's transport against a plain HTTP server on 127.0.0.1. */
describe('sendHttp', () => {
  let server: Server | undefined;

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return new URL(`http://127.0.0.1:${address.port}/v1/messages`);
  }

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    server = undefined;
  });

  it('sends the method, headers and body, and gives the status, text and headers of the answer', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += String(chunk);
      });
      req.on('end', () => {
        seen.push({
          method: req.method,
          auth: req.headers.authorization,
          length: req.headers['content-length'],
          body,
        });
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        res.end('{"message":"slow down"}');
      });
    });
    const body = JSON.stringify({ text: 'Grüße' });
    const answer = await sendHttp(url, {
      method: 'POST',
      headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' },
      body,
      timeoutMs: 5_000,
    });
    expect(answer.status).toBe(429);
    expect(answer.text).toBe('{"message":"slow down"}');
    expect(answer.header('Retry-After')).toBe('7');
    expect(answer.header('link')).toBeNull();
    expect(seen).toEqual([
      { method: 'POST', auth: 'Bearer t0ken', length: String(Buffer.byteLength(body)), body },
    ]);
  });

  it('rejects, naming the wait, when no answer comes in time', async () => {
    const url = await serve(() => {
      // Never answers.
    });
    await expect(sendHttp(url, { method: 'GET', headers: {}, timeoutMs: 200 })).rejects.toThrow(
      'no answer within 200 ms',
    );
  });

  it('rejects when nothing listens', async () => {
    const url = await serve(() => {});
    server?.close();
    server = undefined;
    await expect(sendHttp(url, { method: 'GET', headers: {}, timeoutMs: 5_000 })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
