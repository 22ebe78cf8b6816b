import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signWebhookBody } from '../../src/webex/webhook-signature.js';
import { startSetup, walkTo } from '../conversation/setup-walk.js';
import { findAction } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { countCase, runs, storedState, tried } from './reliability-support.js';

/**
 * Who may do what: unsigned, badly signed, malformed and replayed webhooks; the API without or
 * with a wrong token; a stranger's click on an owner's card; a partner asking about another's
 * order. All are refused, and no refusal says anything about the data behind it.
 */

const SECRET = 'reliability-webhook-secret-0123456789';
const ADMIN = 'ops.access@example.com';
const app = useTestApp({ env: { WEBEX_WEBHOOK_SECRET: SECRET }, admins: [ADMIN] });
const webhookUrl = () => `${app.url}/webhooks/webex`;
const OWNER = 'owner.access@partner.example';
const ORDER = 'ACC-1';

afterAll(() => {
  process.stdout.write(`access cases: ${JSON.stringify(tried)}\n`);
});

const postWebhook = (raw: string, signature: string | undefined) =>
  fetch(webhookUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === undefined ? {} : { 'x-spark-signature': signature }),
    },
    body: raw,
  });

const hookSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), resource: z.string() })),
});
const actionSchema = z.looseObject({
  id: z.string(),
  messageId: z.string(),
  personId: z.string(),
  roomId: z.string(),
});

async function webhookOfBot() {
  const response = await fetch(`${app.emulatorApi}/webhooks`, {
    headers: { authorization: `Bearer ${app.emulator?.bot.token ?? ''}` },
  });
  const hooks = hookSchema.parse(await response.json()).items;
  const hook =
    hooks.find((h) => h.resource === 'attachmentActions') ?? hooks.find((h) => h.resource === 'all');
  if (hook === undefined) throw new Error('the bot registered no webhook for card actions');
  return hook;
}

let started: Awaited<ReturnType<typeof startSetup>>;
beforeAll(async () => {
  started = await startSetup(app, OWNER, ORDER);
});

describe('webhooks', () => {
  it('refuses unsigned and badly signed webhooks (401) and processes none of them', async () => {
    const hook = await webhookOfBot();
    const state = await storedState(app);
    const seen = (await started.person.messagesFromBot()).length;
    const body = (id: string) =>
      JSON.stringify({
        id: hook.id,
        name: hook.name,
        resource: 'attachmentActions',
        event: 'created',
        data: { id },
      });
    const signatures = fc.oneof(
      fc.constant(undefined),
      fc.constant(''),
      fc.string({ maxLength: 60 }),
      fc.stringMatching(/^[0-9a-f]{40}$/),
      fc.string().map((s) => signWebhookBody(s, SECRET)),
      fc.string().map((s) => signWebhookBody(body('forged'), `${SECRET}${s}x`)),
    );
    await fc.assert(
      fc.asyncProperty(signatures, fc.string({ maxLength: 20 }), async (signature, id) => {
        countCase('unsigned or badly signed webhooks');
        const response = await postWebhook(body(`forged-${id}`), signature);
        expect(response.status).toBe(401);
        expect(await response.text()).not.toMatch(/forged|stack/);
      }),
      runs(300),
    );
    expect(await storedState(app)).toBe(state);
    expect((await started.person.messagesFromBot()).length).toBe(seen);
  }, 90_000);

  it('answers signed but malformed webhook bodies with a 4xx, never a 5xx, and stays healthy', async () => {
    const hook = await webhookOfBot();
    const state = await storedState(app);
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .record({ id: fc.jsonValue(), name: fc.jsonValue(), resource: fc.jsonValue(), data: fc.jsonValue() })
        .map((value) => JSON.stringify({ ...value, event: 'created' })),
      fc.constant(
        JSON.stringify({
          id: hook.id,
          name: hook.name,
          resource: 'attachmentActions',
          event: 'created',
          data: { id: { $gt: '' } },
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        countCase('signed malformed webhooks');
        const response = await postWebhook(raw, signWebhookBody(raw, SECRET));
        expect(response.status).toBeLessThan(500);
      }),
      runs(400),
    );
    expect(await storedState(app)).toBe(state);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 90_000);

  it('processes a replayed webhook once: no second answer, no second transition', async () => {
    const hook = await webhookOfBot();
    const who = await walkTo(started.client, started.role, 'whoSetsUp');
    const response = await fetch(`${app.emulatorApi}/attachment/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.person.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'submit',
        messageId: who.id,
        inputs: findAction(who, { action: 'next', choice: 'me' }),
      }),
    });
    const action = actionSchema.parse(await response.json());
    const next = await started.client.next();
    const seen = (await started.person.messagesFromBot()).length;
    const state = await storedState(app, ['outbox']);
    const raw = JSON.stringify({
      id: hook.id,
      name: hook.name,
      resource: 'attachmentActions',
      event: 'created',
      actorId: action.personId,
      data: { id: action.id, messageId: action.messageId, personId: action.personId, roomId: action.roomId },
    });
    for (let i = 0; i < 14; i++)
      expect((await postWebhook(raw, signWebhookBody(raw, SECRET))).status).toBeLessThan(300);
    // A later click is answered after the replays (one space, one event at a time): none of them
    // has added a message by then.
    await started.client.click(next, { action: 'saveAndExit' });
    await started.person.waitForMessages(seen + 1);
    expect(await storedState(app, ['outbox'])).toBe(state);
    await app.emulator?.webhooksIdle();
    expect((await started.person.messagesFromBot()).length).toBe(seen + 1);
  }, 60_000);
});

describe('the orders API', () => {
  it('refuses every route without the token or with a wrong one (401), showing no order', async () => {
    const routes = [
      ['GET', '/orders'],
      ['GET', `/orders/${ORDER}`],
      ['POST', '/orders'],
      ['PATCH', `/orders/${ORDER}`],
      ['GET', '/customer-orgs'],
      ['POST', '/partner-orgs'],
    ] as const;
    const token = app.ordersApiToken;
    const wrong = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
      fc.string({ minLength: token.length, maxLength: token.length }).map((s) => `Bearer ${s}`),
      fc.nat({ max: token.length - 1 }).map((n) => `Bearer ${token.slice(0, n)}`),
      fc.constant(`Bearer ${token}x`),
      fc.constant(`Basic ${Buffer.from(`x:${token}`).toString('base64')}`),
      fc.constant(token),
    );
    const state = await storedState(app);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), wrong, async ([method, path], authorization) => {
        countCase('wrong or missing tokens');
        const response = await fetch(`${app.api}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(authorization === undefined ? {} : { authorization }),
          },
          ...(method === 'GET' ? {} : { body: JSON.stringify({ orderId: 'ACC-X' }) }),
        });
        expect(response.status).toBe(401);
        const text = await response.text();
        expect(text).not.toContain(ORDER);
        expect(text).not.toContain(OWNER);
      }),
      runs(400),
    );
    expect(await storedState(app)).toBe(state);
  }, 90_000);
});

describe('people', () => {
  it("refuses a stranger's click on the owner's card, and answers a partner asking about another's order as a missing one", async () => {
    const stranger = await app.person('stranger.access@other.example');
    const [card] = (await started.person.messagesFromBot()).slice(-1);
    if (card === undefined) throw new Error('no card');
    const state = await storedState(app, ['outbox']);
    // Webex refuses a submit on a message of a space the person is not in.
    await expect(
      stranger.submit(card.id, { action: 'next', orderId: ORDER, step: 'role', rev: 1 }),
    ).rejects.toThrow();
    await stranger.say(`status ${ORDER}`);
    await stranger.say('status ACC-DOES-NOT-EXIST');
    const [about, missing] = await stranger.waitForMessages(2);
    expect(about?.text?.replace(ORDER, 'ID')).toBe(missing?.text?.replace('ACC-DOES-NOT-EXIST', 'ID'));
    expect(about?.text ?? '').not.toContain(OWNER);
    await stranger.say('orders');
    const listed = await waitFor('an answer to orders', async () => {
      const messages = await stranger.messagesFromBot();
      return messages.length >= 3 ? messages[2] : undefined;
    });
    expect(JSON.stringify(listed)).not.toContain(ORDER);
    expect(await storedState(app, ['outbox'])).toBe(state);
  }, 60_000);
});
