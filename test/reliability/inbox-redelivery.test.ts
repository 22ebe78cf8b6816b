import { signBody } from '@wxcc-order-setup/webex-emulator';
import { describe, expect, it } from 'vitest';
import { mustLoadSetup, uniqueSuffix } from '../conversation/conversation-fixture.js';
import { startSetup } from '../conversation/setup-walk.js';
import { stepOf } from '../support/setup-client.js';
import type { TestApp } from '../support/test-app.js';
import { useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';

/**
 * The inbox: every text and card submit is stored under its Webex id before it is answered 200,
 * so a redelivery is recognised after a restart and by another instance.
 */
const SECRET = 'inbox-test-webhook-secret';
// The clock every instance reads: moved past the double-click window before a replay, so that a
// replay that were processed again would be answered ("that card is out of date").
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

async function latestActionId(app: TestApp): Promise<string> {
  const docs = await app.storage.db
    .collection<{ _id: string; receivedAt: Date }>('inbox')
    .find({ _id: { $regex: '^attachmentActions/created/' } })
    .sort({ receivedAt: -1 })
    .limit(1)
    .toArray();
  const id = docs[0]?._id;
  if (id === undefined) throw new Error('no card submit in the inbox');
  return id.slice('attachmentActions/created/'.length);
}

/** Posts a webhook body to an instance, signed as Webex signs it. */
async function deliver(app: TestApp, body: Record<string, unknown>): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${app.url}/webhooks/webex`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(raw, SECRET) },
    body: raw,
  });
  return response.status;
}

describe('the inbox', () => {
  const database = useTestDatabase({ label: 'inbox' });
  const { start, stop } = useTestAppInstances({ database, now, env: { WEBEX_WEBHOOK_SECRET: SECRET } });

  it('processes a card submit once, however often and wherever it is delivered again', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-INBOX-${x}`;
    const first = await start();
    const started = await startSetup(first, `inbox.${x}@partner.example`, orderId);
    await started.client.click(started.role, { action: 'next', choice: 'partner' });
    const next = await started.client.next();
    const actionId = await latestActionId(first);
    const rev = (await mustLoadSetup(first, orderId)).rev;
    const inbox = first.storage.db.collection('inbox');
    const stored = await inbox.findOne({ _id: `attachmentActions/created/${actionId}` } as never);
    expect(stored).not.toBeNull();

    offsetMs = 60_000;
    const body = {
      id: 'redelivered',
      name: 'order setup cards',
      resource: 'attachmentActions',
      event: 'created',
      data: { id: actionId, roomId: next.roomId, personId: 'someone' },
    };
    expect(await deliver(first, body)).toBe(200);
    await stop(first);
    const second = await start();
    expect(await deliver(second, body)).toBe(200);

    // A later event of the same space is handled after any earlier one: its answer comes last.
    const person = await second.person(started.person.email);
    const before = (await person.messagesFromBot()).length;
    await person.say('resume');
    const messages = await person.waitForMessages(before + 1);
    expect(stepOf(messages.at(-1) ?? next)).toBe(stepOf(next));
    expect(messages).toHaveLength(before + 1);
    expect((await mustLoadSetup(second, orderId)).rev).toBe(rev);
    const answers = await second.storage.db
      .collection('outbox')
      .countDocuments({ _id: { $regex: `^reply:submit:${actionId}:` } } as never);
    expect(answers).toBe(0);
    await stop(second);
    offsetMs = 0;
  });
});
