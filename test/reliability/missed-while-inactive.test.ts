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

const isNotice = (m: WebexMessage) => (m.text ?? '').startsWith('I may have missed your answer');
const isStatus = (m: WebexMessage) => (m.text ?? '').includes('Status: In progress');

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
    await person.say('status');
    await client.click(card, { action: 'next', choice: 'correct' });
    expect((await person.messagesFromBot()).length).toBe(seen);

    const released = Date.now();
    await locks.deleteOne({ _id: 'webhook-watch' });
    const after = (await person.waitForMessages(seen + 3, 20_000)).slice(seen);
    const caughtUpMs = Date.now() - released;
    expect(after.filter(isStatus)).toHaveLength(1);
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
