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

/**
 * A crash after a click's transition was saved and before its inbox entry was marked done leaves
 * the click to be processed again, possibly long after. That re-run is the click that made the
 * transition: it is judged by when it was received, and stays silent.
 */
describe('a click processed again long after it was applied', () => {
  const database = useTestDatabase({ label: 'inbox_rerun' });
  const { start, stop } = useTestAppInstances({ database, now });

  it('changes nothing and says nothing, however late it runs', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RERUN-${x}`;
    const first = await start();
    const started = await startSetup(first, `rerun.${x}@partner.example`, orderId);
    await started.client.click(started.role, { action: 'next', choice: 'partner' });
    const next = await started.client.nextStep('whoSetsUp');
    const inbox = database.db.collection<InboxDoc>('inbox');
    const [clicked] = await inbox
      .find({ _id: { $regex: '^attachmentActions/created/' } })
      .sort({ receivedAt: -1 })
      .limit(1)
      .toArray();
    if (clicked === undefined) throw new Error('no click in the inbox');
    await waitFor('the click marked done', async () =>
      (await inbox.findOne({ _id: clicked._id }))?.pendingEffects.length === 0 ? true : undefined,
    );
    const rev = (await mustLoadSetup(first, orderId)).rev;
    await stop(first);

    // What the crash leaves: the click's effect still pending, as it was stored on receipt.
    const body = {
      id: `webhook-${x}`,
      name: 'order setup cards',
      resource: 'attachmentActions',
      event: 'created',
      data: { id: clicked._id.slice('attachmentActions/created/'.length), roomId: next.roomId },
    };
    const effect = {
      kind: 'process',
      body: JSON.stringify(body),
      receivedAt: clicked.receivedAt.toISOString(),
    };
    await inbox.updateOne(
      { _id: clicked._id },
      {
        $set: {
          pendingEffects: [
            { id: `${clicked._id}:0:0`, json: JSON.stringify(effect), at: clicked.receivedAt },
          ],
        },
      },
    );

    offsetMs = 60_000;
    const second = await start();
    await waitFor('the click processed again', async () =>
      (await inbox.findOne({ _id: clicked._id }))?.pendingEffects.length === 0 ? true : undefined,
    );
    expect((await mustLoadSetup(second, orderId)).rev).toBe(rev);
    const stale = await database.db
      .collection('outbox')
      .countDocuments({ _id: { $regex: `^reply:submit:${body.data.id}:` } } as never);
    expect(stale).toBe(0);

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
});
