import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookRouter } from '../../src/webex/webhook.router.js';
import type { WebhookBody } from '../../src/webex/webhook-body.schema.js';
import { signWebhookBody } from '../../src/webex/webhook-signature.js';
import { createCapturingLogger } from './support/capturing-logger.js';
import { listenOnLoopback } from './support/listen.js';

const secret = 'router-test-secret-0123456789';
const received: WebhookBody[] = [];
const logger = createCapturingLogger();
let accepting = true;
let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const app = express();
  app.use(
    '/webhooks/webex',
    createWebhookRouter({
      secret,
      logger,
      isAccepting: () => accepting,
      onWebhook: async (body) => {
        received.push(body);
        return 'accepted';
      },
    }),
  );
  const server = await listenOnLoopback(app);
  url = `${server.baseUrl}/webhooks/webex`;
  close = server.close;
});

afterAll(() => close());

const body = {
  id: 'W1',
  name: 'hook',
  resource: 'messages',
  event: 'created',
  data: { id: 'M1', roomId: 'R1', personEmail: 'secret-person@example.com' },
};

function post(raw: string, headers: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
}

describe('webhook router', () => {
  it('accepts a body signed over its raw bytes and keeps unknown fields', async () => {
    received.length = 0;
    const raw = JSON.stringify({ ...body, filter: 'roomId=R1' }, null, 2);
    const response = await post(raw, { 'x-spark-signature': signWebhookBody(raw, secret) });
    expect(response.status).toBe(200);
    expect(received).toEqual([{ ...body, filter: 'roomId=R1' }]);
  });

  it.each([
    ['unsigned', {}],
    [
      'signed with another secret',
      { 'x-spark-signature': signWebhookBody(JSON.stringify(body), 'another-secret') },
    ],
    [
      'signed over other bytes',
      { 'x-spark-signature': signWebhookBody(JSON.stringify({ ...body, id: 'W2' }), secret) },
    ],
  ])('refuses a body %s with 401, processes nothing, and logs without the body', async (_case, headers) => {
    received.length = 0;
    logger.entries.length = 0;
    const response = await post(JSON.stringify(body), headers);
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
    expect(logger.entries.some((entry) => entry.msg === 'webhook refused: bad signature')).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain('secret-person');
  });

  it('answers 400 with the problems for a signed body of the wrong shape', async () => {
    received.length = 0;
    const raw = JSON.stringify({ ...body, data: {} });
    const response = await post(raw, { 'x-spark-signature': signWebhookBody(raw, secret) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'unexpected webhook body',
      problems: ['data.id: Invalid input: expected string, received undefined'],
    });
    expect(received).toEqual([]);
  });

  it('answers 400 for a signed body that is not JSON', async () => {
    const raw = 'not json';
    const response = await post(raw, { 'x-spark-signature': signWebhookBody(raw, secret) });
    expect(response.status).toBe(400);
  });

  it('answers 503 while not accepting, so that Webex delivers again later', async () => {
    received.length = 0;
    accepting = false;
    const raw = JSON.stringify(body);
    const response = await post(raw, { 'x-spark-signature': signWebhookBody(raw, secret) });
    accepting = true;
    expect(response.status).toBe(503);
    expect(received).toEqual([]);
  });
});
