import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorPerson } from '../src/index.js';
import { card, type Harness, startHarness, startReceiver } from './support/harness.js';
import { loadOpenApi, type OpenApi, openApiFile, openApiPresent } from './support/openapi.js';

/**
 * Every endpoint the bot and the framework use, called on the emulator, each answer validated
 * against the response schema Webex's OpenAPI description gives for that status, and each
 * required request parameter checked: leaving it out is refused. The description has no webhook
 * envelope: the webhook fields of one are validated against its `Webhook` schema. What else it
 * leaves out (error bodies, signatures) is tested against the platform reference elsewhere.
 */

const present = openApiPresent();
if (!present) {
  console.warn(
    `Webex OpenAPI conformance skipped: ${openApiFile()} is absent (set WEBEX_OPENAPI_FILE to point elsewhere)`,
  );
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path as the description writes it, e.g. `/rooms/{roomId}`. */
  template: string;
  /** The path called. */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  status: number;
  token?: string;
}

describe.skipIf(!present)('the emulator against Webex’s OpenAPI description', () => {
  let h: Harness;
  let spec: OpenApi;
  let pat: EmulatorPerson;
  let botToken: string;
  const validated = new Set<string>();

  beforeAll(async () => {
    spec = loadOpenApi(openApiFile());
    h = await startHarness();
    pat = await h.emulator.createPerson('pat@partner.example', 'Pat Partner');
    botToken = h.emulator.bot.token;
  });
  afterAll(() => h?.close());

  const url = (call: Call) => {
    const query = new URLSearchParams(call.query ?? {}).toString();
    return `${call.path}${query === '' ? '' : `?${query}`}`;
  };

  /** Makes the call, checks status and body against the description, and answers the body. */
  async function conforming(call: Call): Promise<Record<string, unknown>> {
    const operation = spec.operation(call.method, call.template);
    const result = await h.api(call.token ?? botToken, call.method, url(call), call.body);
    const label = `${call.method} ${call.template} → ${result.status}`;
    expect(result.status, `${label}: ${JSON.stringify(result.json)}`).toBe(call.status);
    expect(operation.documents(result.status), `${label} is not a documented status`).toBe(true);
    const verdict = operation.validate(result.status, result.json);
    expect(verdict.ok, `${label} does not match the description:\n${verdict.errors}`).toBe(true);
    validated.add(`${call.method} ${call.template}`);

    // Each required parameter left out is refused, in Webex's error shape.
    for (const name of operation.requiredQuery) {
      const { [name]: _left, ...query } = call.query ?? {};
      const refused = await h.api(call.token ?? botToken, call.method, url({ ...call, query }), call.body);
      expect(refused.status, `${call.method} ${call.template} without ${name}`).toBe(400);
    }
    for (const name of operation.requiredBody) {
      const { [name]: _left, ...body } = call.body ?? {};
      const refused = await h.api(call.token ?? botToken, call.method, url(call), body);
      expect(refused.status, `${call.method} ${call.template} without ${name}`).toBe(400);
      expect(refused.json).toMatchObject({ message: expect.any(String), trackingId: expect.any(String) });
    }
    return z.record(z.string(), z.unknown()).parse(result.json ?? {});
  }

  const idOf = (body: Record<string, unknown>) => z.string().parse(body.id);

  it('people', async () => {
    await conforming({ method: 'GET', template: '/people/me', path: '/people/me', status: 200 });
    await conforming({
      method: 'GET',
      template: '/people/{personId}',
      path: `/people/${pat.id}`,
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/people',
      path: '/people',
      query: { email: pat.email },
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/people',
      path: '/people',
      query: { id: pat.id },
      status: 200,
    });
  });

  it('messages and attachment actions, 1:1 and in a space', async () => {
    const direct = await conforming({
      method: 'POST',
      template: '/messages',
      path: '/messages',
      body: { toPersonEmail: pat.email, text: 'Pick one', attachments: [card()] },
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/messages/direct',
      path: '/messages/direct',
      query: { personEmail: h.emulator.bot.email },
      token: pat.token,
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/messages/{messageId}',
      path: `/messages/${idOf(direct)}`,
      status: 200,
    });
    const action = await conforming({
      method: 'POST',
      template: '/attachment/actions',
      path: '/attachment/actions',
      body: { type: 'submit', messageId: idOf(direct), inputs: { role: 'partner' } },
      token: pat.token,
      status: 202,
    });
    await conforming({
      method: 'GET',
      template: '/attachment/actions/{id}',
      path: `/attachment/actions/${idOf(action)}`,
      status: 200,
    });

    const plain = await conforming({
      method: 'POST',
      template: '/messages',
      path: '/messages',
      body: { toPersonId: pat.id, markdown: 'Hello **Pat**' },
      status: 200,
    });
    const roomId = z.string().parse(plain.roomId);
    await conforming({
      method: 'PUT',
      template: '/messages/{messageId}',
      path: `/messages/${idOf(plain)}`,
      body: { roomId, text: 'Hello again' },
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/messages',
      path: '/messages',
      query: { roomId },
      status: 200,
    });
    await conforming({
      method: 'DELETE',
      template: '/messages/{messageId}',
      path: `/messages/${idOf(plain)}`,
      status: 204,
    });
  });

  it('rooms and memberships', async () => {
    const room = await conforming({
      method: 'POST',
      template: '/rooms',
      path: '/rooms',
      body: { title: 'Administrators' },
      token: pat.token,
      status: 200,
    });
    const roomId = idOf(room);
    await conforming({ method: 'GET', template: '/rooms', path: '/rooms', token: pat.token, status: 200 });
    await conforming({
      method: 'GET',
      template: '/rooms/{roomId}',
      path: `/rooms/${roomId}`,
      token: pat.token,
      status: 200,
    });
    await conforming({
      method: 'PUT',
      template: '/rooms/{roomId}',
      path: `/rooms/${roomId}`,
      body: { title: 'Operations' },
      token: pat.token,
      status: 200,
    });
    const membership = await conforming({
      method: 'POST',
      template: '/memberships',
      path: '/memberships',
      body: { roomId, personId: h.emulator.bot.id },
      token: pat.token,
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/memberships',
      path: '/memberships',
      query: { roomId },
      status: 200,
    });
    await conforming({
      method: 'GET',
      template: '/memberships/{membershipId}',
      path: `/memberships/${idOf(membership)}`,
      status: 200,
    });
    await conforming({
      method: 'PUT',
      template: '/memberships/{membershipId}',
      path: `/memberships/${idOf(membership)}`,
      body: { isModerator: false, isRoomHidden: false },
      token: pat.token,
      status: 200,
    });
    await conforming({
      method: 'DELETE',
      template: '/memberships/{membershipId}',
      path: `/memberships/${idOf(membership)}`,
      token: pat.token,
      status: 204,
    });
    await conforming({
      method: 'DELETE',
      template: '/rooms/{roomId}',
      path: `/rooms/${roomId}`,
      token: pat.token,
      status: 204,
    });
  });

  it('webhooks', async () => {
    const webhook = await conforming({
      method: 'POST',
      template: '/webhooks',
      path: '/webhooks',
      body: {
        name: 'bot',
        targetUrl: 'http://127.0.0.1:9/webhooks/webex',
        resource: 'attachmentActions',
        event: 'created',
        secret: 'a-secret-of-sixteen-chars',
      },
      status: 200,
    });
    await conforming({ method: 'GET', template: '/webhooks', path: '/webhooks', status: 200 });
    await conforming({
      method: 'GET',
      template: '/webhooks/{webhookId}',
      path: `/webhooks/${idOf(webhook)}`,
      status: 200,
    });
    await conforming({
      method: 'PUT',
      template: '/webhooks/{webhookId}',
      path: `/webhooks/${idOf(webhook)}`,
      body: { name: 'bot again', targetUrl: 'http://127.0.0.1:9/webhooks/webex' },
      status: 200,
    });
    // Setting a disabled webhook active again, as the description's `status` offers.
    const enabled = await conforming({
      method: 'PUT',
      template: '/webhooks/{webhookId}',
      path: `/webhooks/${idOf(webhook)}`,
      body: { name: 'bot again', targetUrl: 'http://127.0.0.1:9/webhooks/webex', status: 'active' },
      status: 200,
    });
    expect(enabled.status).toBe('active');
    await conforming({
      method: 'DELETE',
      template: '/webhooks/{webhookId}',
      path: `/webhooks/${idOf(webhook)}`,
      status: 204,
    });
  });

  it('refuses text or markdown over 7,439 bytes with a documented 400', async () => {
    // The description documents the 400 without a body schema: the body is Webex's error shape.
    const operation = spec.operation('POST', '/messages');
    expect(operation.documents(400)).toBe(true);
    for (const field of ['text', 'markdown']) {
      const body = { toPersonEmail: pat.email, [field]: 'x'.repeat(7440) };
      const refused = await h.api(botToken, 'POST', '/messages', body);
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        message: `${field}: must be at most 7439 bytes (is 7440)`,
        errors: [{ description: `${field}: must be at most 7439 bytes (is 7440)` }],
        trackingId: expect.any(String),
      });
    }
  });

  it('webhook envelopes carry the webhook as the description shapes it, with actorId and data', async () => {
    const receiver = await startReceiver();
    try {
      const created = await h.api(botToken, 'POST', '/webhooks', {
        name: 'bot messages',
        targetUrl: receiver.url,
        resource: 'messages',
        event: 'created',
        filter: 'roomType=direct',
      });
      await h.api(pat.token, 'POST', '/messages', { toPersonEmail: h.emulator.bot.email, text: 'hi' });
      await receiver.waitFor(1);
      const envelope = z.record(z.string(), z.unknown()).parse(receiver.deliveries[0]?.body);
      for (const field of [
        'id',
        'name',
        'resource',
        'event',
        'filter',
        'orgId',
        'createdBy',
        'appId',
        'ownedBy',
        'status',
        'actorId',
        'created',
        'data',
      ]) {
        expect(envelope, `envelope field ${field}`).toHaveProperty(field);
      }
      const { actorId: _actor, data: _data, ...webhookFields } = envelope;
      const verdict = spec.validateComponent('Webhook', webhookFields);
      expect(verdict.ok, verdict.errors).toBe(true);
      await h.api(botToken, 'DELETE', `/webhooks/${z.string().parse((created.json as { id: unknown }).id)}`);
    } finally {
      await receiver.close();
    }
  });

  it('validated every endpoint the bot and the framework use', () => {
    const used = [
      'GET /people/me',
      'GET /people/{personId}',
      'GET /people',
      'POST /messages',
      'GET /messages/direct',
      'GET /messages/{messageId}',
      'GET /messages',
      'POST /attachment/actions',
      'GET /attachment/actions/{id}',
      'GET /rooms/{roomId}',
      'GET /memberships',
      'GET /webhooks',
      'POST /webhooks',
      'PUT /webhooks/{webhookId}',
      'DELETE /webhooks/{webhookId}',
    ];
    for (const endpoint of used) expect(validated, endpoint).toContain(endpoint);
  });
});
