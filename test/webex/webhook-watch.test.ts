import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestApp, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * Webex disables a webhook whose deliveries keep failing and never enables it again; the bot
 * mends its webhooks while it runs. The whole app in local mode: its webhooks are set inactive or
 * deleted through the emulator's public Webex API with the bot's token, as Webex would leave them.
 */

const ADMIN = 'ops@example.com';
const hookShape = z.object({
  id: z.string(),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  status: z.string(),
});

async function webex(app: TestApp, method: string, path: string, body?: unknown): Promise<unknown> {
  const token = app.emulator?.bot.token ?? '';
  const response = await fetch(`${app.emulatorApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return response.status === 204 ? null : response.json();
}

async function hooks(app: TestApp) {
  return z.object({ items: z.array(hookShape) }).parse(await webex(app, 'GET', '/webhooks')).items;
}

async function setAllInactive(app: TestApp) {
  const listed = await hooks(app);
  expect(listed.map((h) => `${h.resource}/${h.event}`).sort()).toEqual([
    'all/all',
    'attachmentActions/created',
  ]);
  for (const hook of listed) {
    await webex(app, 'PUT', `/webhooks/${hook.id}`, {
      name: hook.name,
      targetUrl: hook.targetUrl,
      status: 'inactive',
    });
  }
  return listed;
}

const allActive = async (app: TestApp) => {
  const listed = await hooks(app);
  const needed = ['all/all', 'attachmentActions/created'];
  const ok = needed.every((key) =>
    listed.some((h) => `${h.resource}/${h.event}` === key && h.status === 'active'),
  );
  return ok ? listed : undefined;
};

const readyz = async (app: TestApp) => (await fetch(`${app.url}/readyz`)).status;

async function metric(app: TestApp, name: string): Promise<string> {
  const response = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${app.ordersApiToken}` },
  });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .join('\n');
}

describe('the webhook watch, on its timer', () => {
  const app = useTestApp({ admins: [ADMIN], people: [ADMIN], env: { WEBHOOK_CHECK_INTERVAL_MS: '300' } });

  it('waits while another instance holds the lease, with /readyz not ready, then sets them active again and tells the administrators once', async () => {
    // Another instance is mending: this one must not act until its lease is gone.
    const locks = app.storage.db.collection<{ _id: string; holder: string; expiresAt: Date }>('locks');
    await locks.insertOne({
      _id: 'webhook-watch',
      holder: 'another-instance',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await waitFor('a first check of the webhooks', async () =>
      (await metric(app, 'wxcc_webhooks_broken')) === 'wxcc_webhooks_broken 0' ? true : undefined,
    );
    const started = Date.now();
    try {
      await setAllInactive(app);

      // A check may land between the two PUTs and see one: wait for the check that sees both.
      await waitFor('both webhooks seen inactive', async () =>
        (await metric(app, 'wxcc_webhooks_broken')) === 'wxcc_webhooks_broken 2' ? true : undefined,
      );
      const noticedMs = Date.now() - started;
      expect(await readyz(app)).toBe(503);
      expect((await hooks(app)).every((h) => h.status === 'inactive')).toBe(true);
      console.info(`webhook watch: noticed both inactive in ${noticedMs} ms`);
    } finally {
      // Never left behind for the next test, whatever failed.
      await locks.deleteOne({ _id: 'webhook-watch' });
    }
    const released = Date.now();
    await waitFor('both webhooks active again', () => allActive(app));
    const mendedMs = Date.now() - released;
    await waitFor('/readyz to answer 200', async () => ((await readyz(app)) === 200 ? true : undefined));

    const admin = await app.person(ADMIN);
    const [alert] = await admin.waitForMessages(1);
    expect(alert?.text).toContain('Webhooks mended');
    expect(alert?.text).toContain('messages (all/all) was inactive (Webex had disabled it)');
    expect(alert?.text).toContain('card clicks (attachmentActions/created) was inactive');
    expect(alert?.text).toMatch(/last seen active \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, noticed/);
    expect(await metric(app, 'wxcc_webhook_mends_total')).toContain(
      'wxcc_webhook_mends_total{action="reactivated"} 2',
    );
    expect(await metric(app, 'wxcc_webhooks_broken')).toContain('wxcc_webhooks_broken 0');

    // And the bot hears again.
    const pat = await app.person('pat@example.com');
    await pat.say('help');
    await pat.waitForMessages(1);
    expect(await admin.messagesFromBot()).toHaveLength(1);
    console.info(`webhook watch: mended ${mendedMs} ms after the lease was free`);
  });

  it('creates a deleted webhook again', async () => {
    const [firehose] = (await hooks(app)).filter((h) => h.resource === 'all');
    if (firehose === undefined) throw new Error('no all/all webhook');
    await webex(app, 'DELETE', `/webhooks/${firehose.id}`);
    const listed = await waitFor('the all/all webhook created again', () => allActive(app));
    const again = listed.find((h) => h.resource === 'all');
    expect(again?.id).not.toBe(firehose.id);
    expect(again?.targetUrl).toBe(firehose.targetUrl);
    expect(await metric(app, 'wxcc_webhook_mends_total')).toContain(
      'wxcc_webhook_mends_total{action="recreated"} 1',
    );
    const pat = await app.person('pat2@example.com');
    await pat.say('help');
    await pat.waitForMessages(1);
  });
});

describe('the webhook watch, after the bot answered a webhook with anything but 2xx', () => {
  // A check every hour: only the refused webhook can make it look now.
  const app = useTestApp({ admins: [ADMIN], people: [ADMIN], env: { WEBHOOK_CHECK_INTERVAL_MS: '3600000' } });

  it('checks at once and mends within seconds', async () => {
    await setAllInactive(app);
    const refused = await fetch(`${app.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const started = Date.now();
    await waitFor('both webhooks active again', () => allActive(app), 10_000);
    console.info(`webhook watch: mended ${Date.now() - started} ms after a refused webhook`);
  });
});
