import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type BoundPort, bindPort } from '../../src/http/bound-port.js';

/** The port is bound before the routes exist: what a request meets in between, and after. */
describe('a port bound before its routes', () => {
  let port: BoundPort | undefined;
  afterEach(async () => {
    await port?.close();
    port = undefined;
  });

  it('answers 503 with Retry-After until served, then the routes; and serves only once', async () => {
    port = await bindPort(0, '127.0.0.1');
    expect(port.url).toBe(`http://127.0.0.1:${port.port}`);
    const early = await fetch(`${port.url}/readyz`);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toEqual({ error: 'Starting; try again shortly.' });

    const app = express();
    app.get('/readyz', (_req, res) => {
      res.json({ status: 'ready' });
    });
    port.serve(app);
    const later = await fetch(`${port.url}/readyz`);
    expect(later.status).toBe(200);
    expect(await later.json()).toEqual({ status: 'ready' });
    expect(() => port?.serve(app)).toThrow('the port already serves its routes');
  });

  it('refuses a port that is taken, with the error of the bind', async () => {
    port = await bindPort(0, '127.0.0.1');
    await expect(bindPort(port.port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
  });
});
