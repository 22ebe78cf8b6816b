import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWebexHttpClient } from '../../src/webex/webex-http.client.js';
import { createWebhookRegistry } from '../../src/webex/webhook-registry.js';
import { createWebhookWatch, type WebhookRepair } from '../../src/webex/webhook-watch.js';
import { waitFor } from '../support/test-app.js';
import { createCapturingLogger } from './support/capturing-logger.js';

/**
 * Webex may disable the webhooks while no instance runs (its deliveries failed); the framework's
 * start then replaces them, and the watch would never see them inactive. Looked at before the
 * start, they are reported as recreated at the first check, so that what was missed is caught up.
 * The watch over the REST client, against the emulator; the start's replacement done as the
 * framework does it (delete, create).
 */

let server: EmulatorServer;
const SECRET = 'watch-start-secret-0123456789';
const hookSchema = z.object({ id: z.string(), name: z.string(), targetUrl: z.string() });

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.emulator.bot.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return response.status === 204 ? null : response.json();
}

async function createHooks(targetUrl: string) {
  const made = [];
  for (const [resource, event] of [
    ['all', 'all'],
    ['attachmentActions', 'created'],
  ] as const)
    made.push(
      hookSchema.parse(
        await call('POST', '/webhooks', { name: 'bot', targetUrl, resource, event, secret: SECRET }),
      ),
    );
  return made;
}

function watchOf(targetUrl: string, repairs: WebhookRepair[], checks: number[] = []) {
  const logger = createCapturingLogger();
  const http = createWebexHttpClient({
    apiUrl: server.apiUrl,
    accessToken: server.emulator.bot.token,
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 1_000 },
    requestTimeoutMs: 5_000,
    logger,
  });
  return createWebhookWatch({
    registry: createWebhookRegistry({ http, webhookUrl: targetUrl, webhookSecret: SECRET }),
    intervalMs: 60_000,
    lease: { acquire: async () => true, release: async () => undefined },
    onRepaired: async (reported) => {
      repairs.push(...reported);
    },
    onChecked: (broken) => checks.push(broken),
    logger,
    now: () => new Date(),
  });
}

beforeAll(async () => {
  server = await startEmulatorServer();
});

afterAll(() => server.close());

describe('webhooks looked at before the start', () => {
  it('reports the ones Webex disabled while no instance ran, once the start has replaced them', async () => {
    const target = 'https://bot.example/webhooks/webex/disabled';
    for (const hook of await createHooks(target))
      await call('PUT', `/webhooks/${hook.id}`, { name: hook.name, targetUrl: target, status: 'inactive' });
    const repairs: WebhookRepair[] = [];
    const watch = watchOf(target, repairs);
    await watch.inspectBeforeStart();
    // The start replaces them, as the framework does: the old ones deleted, new ones created.
    const listed = z.object({ items: z.array(hookSchema) }).parse(await call('GET', '/webhooks')).items;
    for (const hook of listed.filter((h) => h.targetUrl === target))
      await call('DELETE', `/webhooks/${hook.id}`);
    await createHooks(target);
    watch.start();
    try {
      await waitFor('the repairs reported', async () => (repairs.length === 2 ? repairs : undefined));
      expect(repairs.map((r) => [r.action, `${r.resource}/${r.event}`, r.lastSeenActiveAt]).sort()).toEqual([
        ['recreated', 'all/all', undefined],
        ['recreated', 'attachmentActions/created', undefined],
      ]);
    } finally {
      await watch.stop();
    }
  });

  it('reports nothing for webhooks that were missing (a first start) or active', async () => {
    const missing = 'https://bot.example/webhooks/webex/first';
    const active = 'https://bot.example/webhooks/webex/active';
    await createHooks(active);
    const repairs: WebhookRepair[] = [];
    const checks: number[] = [];
    const first = watchOf(missing, repairs, checks);
    const running = watchOf(active, repairs, checks);
    await first.inspectBeforeStart();
    await running.inspectBeforeStart();
    await createHooks(missing);
    for (const [n, watch] of [first, running].entries()) {
      watch.start();
      // Its first check found nothing broken; a repair would be reported in that same check.
      await waitFor('a first check', async () => (checks.length > n ? true : undefined));
      await watch.stop();
    }
    expect(checks).toEqual([0, 0]);
    expect(repairs).toEqual([]);
  });
});
