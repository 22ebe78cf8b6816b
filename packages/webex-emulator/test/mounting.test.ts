import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulator, type Emulator } from '../src/index.js';
import { listOf, messageShape } from './support/shapes.js';

// The app mounts the router under its own path; links and routes must follow the mount point.
let emulator: Emulator;
let server: Server;
let apiUrl = '';

beforeAll(async () => {
  emulator = await createEmulator();
  const app = express();
  app.use('/emulator', emulator.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  apiUrl = `http://127.0.0.1:${address.port}/emulator/v1`;
});
afterAll(async () => {
  await emulator.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the emulator mounted under /emulator in another express app', () => {
  it('serves the API there and links next pages under the mount path', async () => {
    const person = await emulator.createPerson('pat@example.com');
    const headers = { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' };
    let roomId = '';
    for (const text of ['a', 'b', 'c']) {
      const sent = await fetch(`${apiUrl}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ toPersonEmail: emulator.bot.email, text }),
      });
      roomId = z.object({ roomId: z.string() }).parse(await sent.json()).roomId;
    }
    const first = await fetch(`${apiUrl}/messages?roomId=${roomId}&max=2`, { headers });
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    expect(next.startsWith(`${apiUrl}/messages?`)).toBe(true);
    const second = listOf(messageShape).parse(await (await fetch(next, { headers })).json());
    expect(second.items.map((message) => message.text)).toEqual(['a']);
  });

  it('sends Retry-After with an injected 503 when asked to', async () => {
    const person = await emulator.createPerson('pat@example.com');
    emulator.faults.setFailures({ status: 503, count: 1, retryAfterSeconds: 2 });
    const response = await fetch(`${apiUrl}/people/me`, {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
  });
});
