import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorPerson } from '../src/index.js';
import { type Harness, type Receiver, startHarness, startReceiver } from './support/harness.js';
import { envelopeShape, listOf, webhookShape } from './support/shapes.js';

/**
 * Webex delivers concurrently and disables a webhook whose deliveries fail 100 times within five
 * minutes; one set active again within five minutes of that is disabled by its next failure.
 */

let h: Harness;
let alice: EmulatorPerson;
let bot: EmulatorPerson;
/** Moves the disabling rule's clock forward. */
let shiftMs = 0;
const receivers: Receiver[] = [];
const FIVE_MINUTES = 5 * 60_000;

beforeAll(async () => {
  h = await startHarness({
    webhookRetry: { attempts: 1, baseDelayMs: 1 },
    clock: () => Date.now() + shiftMs,
  });
  alice = await h.emulator.createPerson('alice@example.com', 'Alice');
  bot = h.emulator.bot;
});
afterAll(() => h.close());
afterEach(async () => {
  const list = listOf(webhookShape).parse((await h.api(bot.token, 'GET', '/webhooks')).json);
  for (const webhook of list.items) await h.api(bot.token, 'DELETE', `/webhooks/${webhook.id}`);
  await h.emulator.webhooksIdle();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const adminView = z.object({
  items: z.array(
    webhookShape.extend({
      deliveries: z.object({
        delivered: z.number(),
        maxInFlight: z.number(),
        recentFailures: z.number(),
        disabled: z.number(),
        disabledAt: z.string().optional(),
        onProbation: z.boolean(),
      }),
    }),
  ),
});

async function adminWebhook(id: string) {
  const found = adminView.parse((await h.admin('GET', '/webhooks')).json).items.find((w) => w.id === id);
  if (found === undefined) throw new Error(`webhook ${id} not in the admin list`);
  return found;
}

async function hookTo(url: string) {
  const created = await h.api(bot.token, 'POST', '/webhooks', {
    name: 'bot',
    targetUrl: url,
    resource: 'messages',
    event: 'created',
  });
  return webhookShape.parse(created.json);
}

/** Alice sends `count` messages to the bot, then every delivery they cause has ended. */
async function sendMessages(count: number) {
  for (let i = 0; i < count; i += 1) {
    const sent = await h.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: `m${i}` });
    expect(sent.status).toBe(200);
  }
  await h.emulator.webhooksIdle();
}

async function failingReceiver(): Promise<Receiver & { failing: { on: boolean } }> {
  const failing = { on: true };
  const receiver = await startReceiver(() => (failing.on ? 500 : 200));
  receivers.push(receiver);
  return { ...receiver, failing };
}

describe('concurrent delivery', () => {
  it('has several deliveries of one webhook in flight at once, at most 8', async () => {
    // Holds every request open until 8 are open together: one-at-a-time delivery never gets there.
    const held: ServerResponse[] = [];
    let open = 0;
    let answered = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        open += 1;
        held.push(res);
        if (open >= 8 || answered >= 8) {
          for (const waiting of held.splice(0)) {
            waiting.end();
            answered += 1;
            open -= 1;
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = z.object({ port: z.number() }).parse(server.address());
    try {
      const webhook = await hookTo(`http://127.0.0.1:${port}/hook`);
      await sendMessages(12);
      const view = await adminWebhook(webhook.id);
      expect(view.deliveries.delivered).toBe(12);
      expect(view.deliveries.maxInFlight).toBe(8);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('disabling a webhook whose deliveries fail', () => {
  it('stays active through 99 failures within five minutes, and is disabled by the 100th', async () => {
    const target = await failingReceiver();
    const webhook = await hookTo(target.url);
    await sendMessages(99);
    expect((await adminWebhook(webhook.id)).deliveries.recentFailures).toBe(99);
    expect(webhookShape.parse((await h.api(bot.token, 'GET', `/webhooks/${webhook.id}`)).json).status).toBe(
      'active',
    );
    await sendMessages(1);
    const disabled = webhookShape.parse((await h.api(bot.token, 'GET', `/webhooks/${webhook.id}`)).json);
    expect(disabled.status).toBe('inactive');
    const view = await adminWebhook(webhook.id);
    expect(view.deliveries).toMatchObject({ disabled: 1, recentFailures: 0, disabledAt: expect.any(String) });

    // Inactive: no deliveries at all, also once the target would answer again.
    target.failing.on = false;
    await sendMessages(3);
    expect(target.requests()).toBe(100);
    expect(target.deliveries).toHaveLength(0);
  });

  it('counts only the failures of the last five minutes', async () => {
    const target = await failingReceiver();
    const webhook = await hookTo(target.url);
    await sendMessages(60);
    shiftMs += FIVE_MINUTES + 1_000;
    await sendMessages(60);
    const view = await adminWebhook(webhook.id);
    expect(view.status).toBe('active');
    expect(view.deliveries.recentFailures).toBe(60);
  });

  it('set active again within five minutes, is disabled again by its next failure', async () => {
    const target = await failingReceiver();
    const webhook = await hookTo(target.url);
    await sendMessages(100);
    expect((await adminWebhook(webhook.id)).status).toBe('inactive');

    const put = await h.api(bot.token, 'PUT', `/webhooks/${webhook.id}`, {
      name: webhook.name,
      targetUrl: webhook.targetUrl,
      status: 'active',
    });
    expect(webhookShape.parse(put.json).status).toBe('active');
    expect((await adminWebhook(webhook.id)).deliveries.onProbation).toBe(true);
    await sendMessages(1);
    const again = await adminWebhook(webhook.id);
    expect(again.status).toBe('inactive');
    expect(again.deliveries.disabled).toBe(2);
    expect(target.requests()).toBe(101);
  });

  it('set active again later than five minutes, takes 100 failures again; and delivers once the target answers', async () => {
    const target = await failingReceiver();
    const webhook = await hookTo(target.url);
    await sendMessages(100);
    shiftMs += FIVE_MINUTES + 1_000;
    await h.api(bot.token, 'PUT', `/webhooks/${webhook.id}`, {
      name: webhook.name,
      targetUrl: webhook.targetUrl,
      status: 'active',
    });
    await sendMessages(5);
    const view = await adminWebhook(webhook.id);
    expect(view.status).toBe('active');
    expect(view.deliveries).toMatchObject({ recentFailures: 5, onProbation: false, disabled: 1 });

    target.failing.on = false;
    await sendMessages(1);
    expect(target.deliveries.map((d) => envelopeShape.parse(d.body).id)).toEqual([webhook.id]);
  });

  it('disables a webhook whose target is unreachable', async () => {
    const target = await failingReceiver();
    await target.close();
    const webhook = await hookTo(target.url);
    await sendMessages(100);
    expect((await adminWebhook(webhook.id)).status).toBe('inactive');
  });
});
