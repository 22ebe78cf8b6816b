import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { preloadFramework } from '../../src/webex/framework.adapter.js';
import { createWebexRuntime } from '../../src/webex/webex.runtime.js';
import { signWebhookBody } from '../../src/webex/webhook-signature.js';
import { type Harness, startHarness } from './support/webex-harness.js';

/** start() and stop() against the emulator, with the real framework. */

const webhooksSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), targetUrl: z.string(), resource: z.string(), event: z.string() }),
  ),
});

async function webhooksOf(harness: Harness) {
  return webhooksSchema.parse((await harness.bot.call('GET', '/webhooks')).json).items;
}

let harness: Harness | undefined;

// Loading the framework takes seconds; keep that out of the first test's time budget.
beforeAll(() => preloadFramework());

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('start()', () => {
  it('resolves only once both webhooks exist, even when creating them is slow', async () => {
    harness = await startHarness({ start: false });
    // The framework's own start() resolves before its webhooks exist; make creating them slow.
    harness.server.emulator.faults.setLatency({ ms: 400, method: 'POST', path: '^/webhooks$' });
    expect(harness.runtime.isReady()).toBe(false);

    await harness.runtime.start();

    expect(harness.runtime.isReady()).toBe(true);
    const hooks = await webhooksOf(harness);
    expect(hooks.map((h) => `${h.resource}/${h.event} → ${h.targetUrl}`).sort()).toEqual([
      `all/all → ${harness.webhookUrl}`,
      `attachmentActions/created → ${harness.webhookUrl}`,
    ]);
  });

  it('keeps webhooks of other targets, and replaces its own left over from a run that crashed', async () => {
    harness = await startHarness();
    const other = await harness.bot.call('POST', '/webhooks', {
      name: 'another integration',
      targetUrl: 'https://elsewhere.example/hook',
      resource: 'messages',
      event: 'created',
    });
    expect(other.status).toBe(200);
    // A second process with the same settings starts while the first never stopped.
    const restarted = createWebexRuntime({
      accessToken: harness.server.emulator.bot.token,
      apiUrl: harness.server.apiUrl,
      webhookUrl: harness.webhookUrl,
      webhookSecret: harness.secret,
      sdkLogLevel: 'error',
      logger: harness.logger,
      onEvent: async () => {},
    });
    await restarted.start();

    const hooks = await webhooksOf(harness);
    await restarted.stop();
    expect(hooks.filter((h) => h.targetUrl === harness?.webhookUrl)).toHaveLength(2);
    expect(hooks.filter((h) => h.targetUrl === 'https://elsewhere.example/hook')).toHaveLength(1);
  });

  it('rejects with a clear error when the token is refused, and is not ready', async () => {
    harness = await startHarness({ start: false, runtime: { accessToken: 'not-a-valid-token' } });
    await expect(harness.runtime.start()).rejects.toMatchObject({ name: 'WebexCallError', status: 401 });
    expect(harness.runtime.isReady()).toBe(false);
  });
});

describe('stop()', () => {
  it('keeps its webhooks by default, for the instance that replaces it in a rolling deploy', async () => {
    harness = await startHarness();
    const hooks = await webhooksOf(harness);
    expect(hooks).toHaveLength(2);
    await harness.runtime.stop();
    expect(harness.runtime.isReady()).toBe(false);
    expect((await webhooksOf(harness)).map((hook) => hook.id).sort()).toEqual(
      hooks.map((hook) => hook.id).sort(),
    );
  });

  it('with deleteWebhooksOnStop, deletes its webhooks, stops being ready, and refuses deliveries with 503', async () => {
    harness = await startHarness({ runtime: { deleteWebhooksOnStop: true } });
    const hooks = await webhooksOf(harness);
    expect(hooks).toHaveLength(2);

    await harness.runtime.stop();

    expect(harness.runtime.isReady()).toBe(false);
    expect(await webhooksOf(harness)).toEqual([]);
    const raw = JSON.stringify({
      id: 'W',
      name: 'n',
      resource: 'messages',
      event: 'created',
      data: { id: 'M' },
    });
    const late = await fetch(harness.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-spark-signature': signWebhookBody(raw, harness.secret),
      },
      body: raw,
    });
    expect(late.status).toBe(503);
  });

  it('lets queued events finish before it returns', async () => {
    let release: () => void = () => {};
    const handlerBlocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let handled = 0;
    harness = await startHarness({
      onEvent: async () => {
        await handlerBlocked;
        handled += 1;
      },
    });
    const zoe = await harness.person('zoe@partner.example');
    const sent = await zoe.sendToBot('hello');
    await harness.events.waitFor((e) => e.messageId === sent.id);

    const stopping = harness.runtime.stop();
    release();
    await stopping;

    expect(handled).toBe(1);
  });
});
