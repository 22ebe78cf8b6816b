import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WebexCallError, type WebexGateway } from '../../src/webex/gateway.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, createRestGateway } from '../../src/webex/rest.gateway.js';
import type { RetryOptions } from '../../src/webex/retry.policy.js';
import { createWebexHttpClient } from '../../src/webex/webex-http.client.js';
import { createCapturingLogger } from './support/capturing-logger.js';
import { type Actor, actAs } from './support/webex-harness.js';

/** The gateway's sends and reads against the emulator over HTTP, with injected faults. */

let server: EmulatorServer;
const logger = createCapturingLogger();

function gatewayWith(retry: Partial<RetryOptions> = {}, memberPageSize?: number): WebexGateway {
  const bot = server.emulator.bot;
  const http = createWebexHttpClient({
    apiUrl: server.apiUrl,
    accessToken: bot.token,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000, ...retry },
    requestTimeoutMs: 5_000,
    logger,
  });
  return createRestGateway({
    http,
    identity: () => ({ id: bot.id, email: bot.email, displayName: bot.displayName }),
    logger,
    ...(memberPageSize === undefined ? {} : { memberPageSize }),
  });
}

async function person(email: string): Promise<Actor> {
  return actAs(server, await server.emulator.createPerson(email));
}

async function textsSeenBy(actor: Actor, text: string): Promise<number> {
  return (await actor.directWithBot()).filter((message) => message.text === text).length;
}

beforeAll(async () => {
  server = await startEmulatorServer();
});

afterAll(() => server.close());

afterEach(() => {
  server.emulator.faults.clear();
  logger.entries.length = 0;
});

describe('sendMessage', () => {
  it('gives up at once, as a refusal about the recipient, when the address has no Webex account', async () => {
    const gateway = gatewayWith();
    const before = server.emulator.stats().requests.byRoute['POST /messages'] ?? 0;
    const error = await gateway
      .sendMessage({ toPersonEmail: 'ghost@partner.example' }, { text: 'Hello' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(WebexCallError);
    if (!(error instanceof WebexCallError)) return;
    expect(error).toMatchObject({ status: 404, retryable: false, refusal: 'recipient_not_on_webex' });
    expect(error.webexMessage).toBe('Failed to get one on one conversation');
    expect((server.emulator.stats().requests.byRoute['POST /messages'] ?? 0) - before).toBe(1);
  });

  it('does not take another 4xx of a send for a missing account', async () => {
    const gateway = gatewayWith();
    const error = await gateway.sendMessage({ roomId: 'not-a-room' }, { text: 'Hello' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WebexCallError);
    expect(error).toMatchObject({ status: 404, retryable: false, refusal: undefined });
  });

  it('waits out a 429 with Retry-After and delivers exactly one message', async () => {
    const gateway = gatewayWith();
    const ivo = await person('ivo@partner.example');
    // Long enough that the send surely falls in the same window, even on a slow machine.
    server.emulator.faults.setRateLimit({ requests: 1, windowMs: 2_500 });
    await gateway.listDirectMessages(ivo.person.email, 1); // spends the window's only request
    const before = server.emulator.stats().rateLimited;

    const sent = await gateway.sendMessage({ toPersonEmail: ivo.person.email }, { text: 'after the limit' });

    server.emulator.faults.clear();
    expect(server.emulator.stats().rateLimited).toBeGreaterThan(before);
    const retries = logger.entries.filter((e) => e.msg === 'webex call failed, retrying');
    expect(retries.map((e) => e.failure)).toContain('rateLimited');
    expect(retries.every((e) => typeof e.delayMs === 'number' && e.delayMs >= 1_000)).toBe(true);
    expect(await textsSeenBy(ivo, 'after the limit')).toBe(1);
    expect(sent.id).not.toBe('');
  });

  it('retries 5xx answers and delivers exactly one message', async () => {
    const gateway = gatewayWith();
    const eva = await person('eva@partner.example');
    server.emulator.faults.setFailures({ status: 503, count: 2, method: 'POST', path: '^/messages$' });

    await gateway.sendMessage({ toPersonEmail: eva.person.email }, { text: 'after two 503s' });

    expect(server.emulator.stats().injectedFailures).toBeGreaterThanOrEqual(2);
    expect(await textsSeenBy(eva, 'after two 503s')).toBe(1);
  });

  it('gives up with a retryable WebexCallError when 5xx persist, having sent nothing', async () => {
    const gateway = gatewayWith({ maxAttempts: 3 });
    const ole = await person('ole@partner.example');
    server.emulator.faults.setFailures({ status: 502, method: 'POST', path: '^/messages$' });

    const failure = await gateway
      .sendMessage({ toPersonEmail: ole.person.email }, { text: 'never' })
      .catch((e) => e);

    server.emulator.faults.clear();
    expect(failure).toBeInstanceOf(WebexCallError);
    expect(failure).toMatchObject({ status: 502, retryable: true });
    expect(await textsSeenBy(ole, 'never')).toBe(0);
  });

  it('gives up at once, retryable, when Retry-After is longer than it waits in-process', async () => {
    const gateway = gatewayWith({ maxRetryAfterMs: 500 });
    const ada = await person('ada@partner.example');
    server.emulator.faults.setRateLimit({ requests: 1, windowMs: 30_000 });
    await gateway.listDirectMessages(ada.person.email, 1);

    const failure = await gateway
      .sendMessage({ toPersonEmail: ada.person.email }, { text: 'later' })
      .catch((e) => e);

    server.emulator.faults.clear();
    expect(failure).toMatchObject({ name: 'WebexCallError', status: 429, retryable: true });
    expect(await textsSeenBy(ada, 'later')).toBe(0);
  });

  it('fails without retrying on a 4xx, as not retryable', async () => {
    const gateway = gatewayWith();
    const failure = await gateway.sendMessage({ roomId: 'no-such-room' }, { text: 'lost' }).catch((e) => e);
    expect(failure).toBeInstanceOf(WebexCallError);
    expect(failure.retryable).toBe(false);
    expect(logger.entries.filter((e) => e.msg === 'webex call failed, retrying')).toEqual([]);
  });

  it('refuses text over 7,439 bytes before calling Webex', async () => {
    const gateway = gatewayWith();
    const failure = await gateway
      .sendMessage({ toPersonEmail: 'x@partner.example' }, { text: 'é'.repeat(3_720) })
      .catch((e) => e);
    expect(failure).toMatchObject({ name: 'WebexCallError', retryable: false });
    expect(failure.message).toContain('7439');
  });

  it('sends a card as an adaptive-card attachment with its text fallback, in a thread', async () => {
    const gateway = gatewayWith();
    const kim = await person('kim@partner.example');
    const root = await gateway.sendMessage({ toPersonEmail: kim.person.email }, { text: 'thread root' });
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Hi' }] };

    const sent = await gateway.sendMessage(
      { roomId: root.roomId },
      { text: 'Hi (fallback)', markdown: '**Hi**', card, parentId: root.id },
    );

    const { json } = await kim.call('GET', `/messages/${sent.id}`);
    const message = z
      .object({
        text: z.string(),
        markdown: z.string(),
        parentId: z.string(),
        attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })),
      })
      .parse(json);
    expect(message).toMatchObject({ text: 'Hi (fallback)', markdown: '**Hi**', parentId: root.id });
    expect(message.attachments).toEqual([{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }]);
  });
});

describe('reads', () => {
  it('lists the 1:1 messages with a person, newest first, at most max', async () => {
    const gateway = gatewayWith();
    const una = await person('una@partner.example');
    await gateway.sendMessage({ toPersonEmail: una.person.email }, { text: 'one' });
    await una.sendToBot('two');
    await gateway.sendMessage({ toPersonEmail: una.person.email }, { text: 'three' });

    const listed = await gateway.listDirectMessages(una.person.email, 2);

    expect(listed.map((m) => m.text)).toEqual(['three', 'two']);
  });

  it('lists a space’s member emails across pages, without the bot', async () => {
    const gateway = gatewayWith({}, 2);
    const owner = await person('Owner@Partner.example');
    const room = await owner.createRoom('Admins');
    for (const email of ['a1@partner.example', 'a2@partner.example', 'a3@partner.example']) {
      await server.emulator.createPerson(email);
      await owner.addToRoom(room.id, email);
    }
    await owner.addToRoom(room.id, server.emulator.bot.email);

    const emails = await gateway.listRoomMemberEmails(room.id);

    expect(emails.sort()).toEqual([
      'a1@partner.example',
      'a2@partner.example',
      'a3@partner.example',
      'owner@partner.example',
    ]);
  });
});
