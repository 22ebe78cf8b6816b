import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mustLoadSetup, uniqueSuffix } from '../conversation/conversation-fixture.js';
import { startSetup, walkTo } from '../conversation/setup-walk.js';
import { cardText, stepOf } from '../support/setup-client.js';
import { type TestApp, type WebexMessage, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * While the bot's webhooks are inactive Webex delivers nothing, and never delivers it later. Once
 * the watch has mended them, what the person typed meanwhile is read back and answered once, and
 * a click (which cannot be read back) gets the current step again with a notice. The whole app in
 * local mode; the webhooks are set inactive through the emulator's public API with the bot's token.
 */

const hookShape = z.object({ id: z.string(), name: z.string(), targetUrl: z.string(), status: z.string() });

async function webex(app: TestApp, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${app.emulatorApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${app.emulator?.bot.token ?? ''}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return response.json();
}

async function setAllInactive(app: TestApp): Promise<void> {
  const listed = z.object({ items: z.array(hookShape) }).parse(await webex(app, 'GET', '/webhooks')).items;
  expect(listed).toHaveLength(2);
  for (const hook of listed) {
    await webex(app, 'PUT', `/webhooks/${hook.id}`, {
      name: hook.name,
      targetUrl: hook.targetUrl,
      status: 'inactive',
    });
  }
}

const readyz = async (app: TestApp) => (await fetch(`${app.url}/readyz`)).status;

/** The webhooks the watch last saw broken, from `/metrics`. */
async function brokenWebhooks(app: TestApp): Promise<number> {
  const response = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${app.ordersApiToken}` },
  });
  const line = (await response.text()).split('\n').find((l) => l.startsWith('wxcc_webhooks_broken '));
  return Number(line?.slice('wxcc_webhooks_broken '.length) ?? -1);
}

const isNotice = (m: WebexMessage) => (m.text ?? '').startsWith('I may have missed your answer');
const isStatus = (m: WebexMessage) => (m.text ?? '').includes('Status: In progress');
const isHelp = (m: WebexMessage) => (m.text ?? '').includes('What I can do');

describe('what was missed while the webhooks were inactive', () => {
  const app = useTestApp({ env: { WEBHOOK_CHECK_INTERVAL_MS: '300' } });

  it('answers what was typed once, in order, and sends the current step with a notice for a lost click', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-MISSED-${x}`;
    const { client, role, person } = await startSetup(app, `missed.${x}@partner.example`, orderId);
    const card = await walkTo(client, role, 'partnerOrg');
    const before = await mustLoadSetup(app, orderId);
    await waitFor('a first check of the webhooks', async () =>
      (await readyz(app)) === 200 ? true : undefined,
    );

    // Another instance holds the watch's lease: the webhooks stay inactive while the person acts.
    const locks = app.storage.db.collection<{ _id: string; holder: string; expiresAt: Date }>('locks');
    await locks.insertOne({
      _id: 'webhook-watch',
      holder: 'another-instance',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await setAllInactive(app);
    await waitFor('/readyz to answer 503', async () => ((await readyz(app)) === 503 ? true : undefined));
    const seen = client.seen();
    // Two commands whose answers differ, typed in this order: their answers must come in it.
    await person.say('help');
    await person.say('status');
    await client.click(card, { action: 'next', choice: 'correct' });
    expect((await person.messagesFromBot()).length).toBe(seen);

    const released = Date.now();
    await locks.deleteOne({ _id: 'webhook-watch' });
    const after = (await person.waitForMessages(seen + 4, 20_000)).slice(seen);
    const caughtUpMs = Date.now() - released;
    expect(after.filter(isStatus)).toHaveLength(1);
    expect(after.filter(isHelp)).toHaveLength(1);
    expect(after.findIndex(isHelp)).toBeLessThan(after.findIndex(isStatus));
    const notice = after.find(isNotice);
    expect(notice?.text).toMatch(/between \d\d:\d\d and \d\d:\d\d \(UTC\)/);
    expect(notice?.text).toContain(orderId);
    // The notice first, then the step it speaks of.
    const stepAt = after.findIndex((m) => stepOf(m) === 'partnerOrg');
    expect(stepAt).toBeGreaterThan(after.findIndex(isNotice));
    // The click was lost, not taken: the setup did not move.
    expect((await mustLoadSetup(app, orderId)).rev).toBe(before.rev);

    // A second incident reads the same messages again: the one typed before is a duplicate now.
    const count = (await person.messagesFromBot()).length;
    await setAllInactive(app);
    await person.waitForMessages(count + 2, 20_000);
    await person.say('help');
    const help = await waitFor('the answer to help', async () => {
      const all = await person.messagesFromBot();
      return all.slice(count).some((m) => cardText(m).includes('resume') || (m.text ?? '').includes('help'))
        ? all
        : undefined;
    });
    expect(help.filter(isStatus)).toHaveLength(1);
    expect(help.filter(isNotice)).toHaveLength(2);
    console.info(`missed while inactive: caught up ${caughtUpMs} ms after the lease was free`);
  });
});

describe('the alert of mended webhooks, when the catch-up keeps failing', () => {
  const ADMIN = 'ops.missed@example.com';
  const app = useTestApp({ admins: [ADMIN], env: { WEBHOOK_CHECK_INTERVAL_MS: '300' } });

  /** The admin's messages from the bot, read by room (`/messages/direct` is the path made to fail). */
  async function adminMessages(token: string): Promise<{ text?: string | undefined }[]> {
    const call = async (path: string) => {
      const response = await fetch(`${app.emulatorApi}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
      return response.json();
    };
    const rooms = z
      .object({ items: z.array(z.object({ id: z.string() })) })
      .parse(await call('/rooms')).items;
    const messages: { text?: string | undefined }[] = [];
    for (const room of rooms) {
      const listed = z
        .object({ items: z.array(z.looseObject({ text: z.string().optional() })) })
        .parse(await call(`/messages?roomId=${encodeURIComponent(room.id)}`));
      messages.push(...listed.items);
    }
    return messages;
  }

  it('tells the administrators at once, and catches up once Webex answers again', async () => {
    const admin = await app.person(ADMIN);
    const x = uniqueSuffix();
    const { person } = await startSetup(app, `failing.${x}@partner.example`, `SUB-FAILING-${x}`);
    await waitFor('a first check of the webhooks', async () =>
      (await readyz(app)) === 200 ? true : undefined,
    );
    const emulator = app.emulator;
    if (emulator === undefined) throw new Error('no emulator');
    // Reading a person's messages back fails every time: every catch-up run fails.
    emulator.faults.setFailures({ status: 500, fraction: 1, method: 'GET', path: '^/messages/direct$' });
    // Both set inactive while another instance holds the lease, so that one check sees both: one
    // incident, one alert (a check between the two changes would make two).
    const locks = app.storage.db.collection<{ _id: string; holder: string; expiresAt: Date }>('locks');
    await locks.insertOne({
      _id: 'webhook-watch',
      holder: 'another-instance',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    try {
      try {
        await setAllInactive(app);
        await waitFor('both webhooks seen inactive', async () =>
          (await brokenWebhooks(app)) === 2 ? true : undefined,
        );
      } finally {
        await locks.deleteOne({ _id: 'webhook-watch' });
      }
      const alerts = await waitFor(
        'the administrators alerted',
        async () => {
          const mine = (await adminMessages(admin.token)).filter((m) =>
            (m.text ?? '').includes('Webhooks mended'),
          );
          return mine.length > 0 ? mine : undefined;
        },
        20_000,
      );
      expect(alerts).toHaveLength(1);
      await person.say('status');
    } finally {
      emulator.faults.clear();
    }
    // Webex answers again: the bot answers, and the alert, reported again with each failed run, stays one.
    await waitFor(
      'status answered',
      async () => ((await person.messagesFromBot()).some(isStatus) ? true : undefined),
      20_000,
    );
    const mended = (await admin.messagesFromBot()).filter((m) => (m.text ?? '').includes('Webhooks mended'));
    expect(mended).toHaveLength(1);
  });
});
