import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { mustLoadSetup, uniqueSuffix } from '../conversation/conversation-fixture.js';
import { startSetup } from '../conversation/setup-walk.js';
import { stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';

// The clock every instance reads: moved a minute on before the re-run, far past the double-click window.
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

interface InboxDoc {
  _id: string;
  receivedAt: Date;
  pendingEffects: unknown[];
}

const ACTION_PREFIX = 'attachmentActions/created/';

/** The click stored last, once its processing is marked done. */
async function lastClick(inbox: Collection<InboxDoc>): Promise<InboxDoc> {
  const [clicked] = await inbox
    .find({ _id: { $regex: `^${ACTION_PREFIX}` } })
    .sort({ receivedAt: -1 })
    .limit(1)
    .toArray();
  if (clicked === undefined) throw new Error('no click in the inbox');
  await processed(inbox, clicked, 'the click marked done');
  return clicked;
}

/** Waits until the inbox entry's processing is done (again). */
async function processed(inbox: Collection<InboxDoc>, clicked: InboxDoc, what: string): Promise<void> {
  await waitFor(what, async () =>
    (await inbox.findOne({ _id: clicked._id }))?.pendingEffects.length === 0 ? true : undefined,
  );
}

/** What a crash between a click's transition and its inbox entry's "done" leaves: its effect pending. */
async function leaveUndone(inbox: Collection<InboxDoc>, clicked: InboxDoc, roomId: string, x: string) {
  const actionId = clicked._id.slice(ACTION_PREFIX.length);
  const body = {
    id: `webhook-${x}`,
    name: 'order setup cards',
    resource: 'attachmentActions',
    event: 'created',
    data: { id: actionId, roomId },
  };
  const effect = {
    kind: 'process',
    body: JSON.stringify(body),
    receivedAt: clicked.receivedAt.toISOString(),
  };
  const pending = [{ id: `${clicked._id}:0:0`, json: JSON.stringify(effect), at: clicked.receivedAt }];
  await inbox.updateOne({ _id: clicked._id }, { $set: { pendingEffects: pending } });
  return actionId;
}

/**
 * A crash (or a database outage) after a click's transition was saved and before its inbox entry
 * was marked done leaves the click to be processed again, possibly long after, and possibly after
 * later clicks. That re-run is the click that made the transition: it stays silent.
 */
describe('a click processed again after it was applied', () => {
  const database = useTestDatabase({ label: 'inbox_rerun' });
  const { start, stop } = useTestAppInstances({ database, now });
  const inbox = () => database.db.collection<InboxDoc>('inbox');
  const repliesTo = (actionId: string) =>
    database.db
      .collection('outbox')
      .countDocuments({ _id: { $regex: `^reply:submit:${actionId}:` } } as never);

  it('changes nothing and says nothing, however late it runs', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RERUN-${x}`;
    const first = await start();
    const started = await startSetup(first, `rerun.${x}@partner.example`, orderId);
    await started.client.click(started.role, { action: 'next', choice: 'partner' });
    const next = await started.client.nextStep('whoSetsUp');
    const clicked = await lastClick(inbox());
    const rev = (await mustLoadSetup(first, orderId)).rev;
    await stop(first);

    const actionId = await leaveUndone(inbox(), clicked, next.roomId ?? '', x);
    offsetMs = 60_000;
    const second = await start();
    await processed(inbox(), clicked, 'the click processed again');
    expect((await mustLoadSetup(second, orderId)).rev).toBe(rev);
    expect(await repliesTo(actionId)).toBe(0);

    // The next message is the answer to a later one: nothing was said in between.
    const person = await second.person(started.person.email);
    const before = (await person.messagesFromBot()).length;
    await person.say('resume');
    const messages = await person.waitForMessages(before + 1);
    expect(messages).toHaveLength(before + 1);
    expect(stepOf(messages.at(-1) ?? next)).toBe('whoSetsUp');
    expect(messages.filter((m) => (m.text ?? '').includes('out of date'))).toEqual([]);
    await stop(second);
    offsetMs = 0;
  }, 60_000);

  it('keeps "Set up now" silent when it runs again after the next click moved the setup on', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RERUN-START-${x}`;
    const first = await start();
    const started = await startSetup(first, `rerun.start.${x}@partner.example`, orderId);
    const setUpNow = await lastClick(inbox());
    await started.client.click(started.role, { action: 'next', choice: 'partner' });
    const next = await started.client.nextStep('whoSetsUp');
    await lastClick(inbox());
    const rev = (await mustLoadSetup(first, orderId)).rev;
    await stop(first);

    // Treated as a new click, it would resume the setup: the current step a second time.
    const actionId = await leaveUndone(inbox(), setUpNow, next.roomId ?? '', x);
    const second = await start();
    await processed(inbox(), setUpNow, '"Set up now" processed again');
    expect((await mustLoadSetup(second, orderId)).rev).toBe(rev);
    expect(await repliesTo(actionId)).toBe(0);
    const person = await second.person(started.person.email);
    const before = (await person.messagesFromBot()).length;
    await person.say('resume');
    const messages = await person.waitForMessages(before + 1);
    expect(messages.filter((m) => stepOf(m) === 'whoSetsUp')).toHaveLength(2);
    await stop(second);
  }, 60_000);
});
