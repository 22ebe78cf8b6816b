import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Harness, type Receiver, startHarness, startReceiver } from './support/harness.js';
import { listOf, webhookShape } from './support/shapes.js';

/** The bit of webex-node-bot-framework this test drives (the package has no types). */
interface StartableFramework {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  isBotAccount: boolean;
  email: string;
}
type FrameworkConstructor = new (options: {
  token: string;
  webhookUrl: string;
  webhookSecret: string;
}) => StartableFramework;
type SdkInit = (attributes: { config?: Record<string, unknown> }) => unknown;

let h: Harness;
let target: Receiver;
const requireHere = createRequire(import.meta.url);
// The framework resolves its own copy of `webex`; wrap `init` on that copy to point it at the emulator.
const sdk: { init: SdkInit } = createRequire(requireHere.resolve('webex-node-bot-framework'))('webex');
const Framework: FrameworkConstructor = requireHere('webex-node-bot-framework');
const originalInit = sdk.init;

beforeAll(async () => {
  h = await startHarness();
  target = await startReceiver();
  sdk.init = (attributes) =>
    originalInit.call(sdk, {
      ...attributes,
      config: { ...attributes.config, services: { discovery: { hydra: h.apiUrl, u2c: h.apiUrl } } },
    });
});
afterAll(async () => {
  sdk.init = originalInit;
  await target.close();
  await h.close();
});

const routesShape = z.object({ requests: z.object({ byRoute: z.record(z.string(), z.number()) }) });

async function routeCount(route: string): Promise<number> {
  return routesShape.parse((await h.admin('GET', '/stats')).json).requests.byRoute[route] ?? 0;
}

/** Polls an awaited condition: the framework's start() resolves before its webhooks exist. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the real webex-node-bot-framework against the emulator', () => {
  it('reads GET /people/me, recognises a bot, and creates its two webhooks; stop() removes them', async () => {
    const secret = 'a-secret-of-sixteen-chars';
    const framework = new Framework({
      token: h.emulator.bot.token,
      webhookUrl: target.url,
      webhookSecret: secret,
    });
    await framework.start();
    expect(await routeCount('GET /people/me')).toBe(1);
    expect(framework.isBotAccount).toBe(true);
    expect(framework.email).toBe(h.emulator.bot.email);

    await eventually(async () => (await routeCount('POST /webhooks')) === 2);
    const hooks = listOf(webhookShape).parse(
      (await h.api(h.emulator.bot.token, 'GET', '/webhooks')).json,
    ).items;
    expect(hooks.map((hook) => `${hook.resource}/${hook.event}`).sort()).toEqual([
      'all/all',
      'attachmentActions/created',
    ]);
    expect(new Set(hooks.map((hook) => hook.name)).size).toBe(1);
    expect(hooks.every((hook) => hook.targetUrl === target.url && hook.secret === secret)).toBe(true);

    await framework.stop();
    await eventually(
      async () =>
        listOf(webhookShape).parse((await h.api(h.emulator.bot.token, 'GET', '/webhooks')).json).items
          .length === 0,
    );
  });
});
