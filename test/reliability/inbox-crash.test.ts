import { describe, expect, it } from 'vitest';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import { mustLoadSetup, uniqueSuffix } from '../conversation/conversation-fixture.js';
import { startSetup } from '../conversation/setup-walk.js';
import { stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';

/**
 * A card submit acknowledged by one instance that stopped before processing it is processed by
 * the next instance on the same database (at start-up, from the inbox): applied once, answered once.
 */
describe('an acknowledged click after the instance that took it stops', () => {
  const database = useTestDatabase({ label: 'inbox_crash' });
  const { start, stop } = useTestAppInstances({ database });

  it('is applied by the next instance, exactly once, and the person gets the next card once', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-CRASH-${x}`;
    const first = await start();
    const started = await startSetup(first, `crash.${x}@partner.example`, orderId);
    const before = await mustLoadSetup(first, orderId);
    const seen = (await started.person.messagesFromBot()).length;

    // The first instance stores the click and answers 200, but cannot fetch it from Webex: it
    // stops with the click still to be processed, as a crash right after the 200 would leave it.
    first.emulator?.faults.setFailures({ method: 'GET', path: '^/attachment/actions/', fraction: 1 });
    await started.client.click(started.role, { action: 'next', choice: 'partner' });
    const inbox = first.storage.db.collection<{ _id: string; pendingEffects: unknown[] }>('inbox');
    const pending = await waitFor('the click stored in the inbox', async () => {
      const doc = await inbox.findOne({
        _id: { $regex: '^attachmentActions/created/' },
        'pendingEffects.0': { $exists: true },
      });
      return doc ?? undefined;
    });
    expect(pending.pendingEffects).toHaveLength(1);
    await stop(first);
    expect((await createSetupsRepository(database.db).load(orderId))?.rev).toBe(before.rev);

    const second = await start();
    const person = await second.person(started.person.email);
    const cardsAfterClick = async () =>
      (await person.messagesFromBot()).slice(seen).filter((m) => stepOf(m) === 'whoSetsUp');
    await waitFor(
      'the next card',
      async () => ((await cardsAfterClick()).length > 0 ? true : undefined),
      30_000,
    );
    await waitFor('the click processed', async () => {
      const doc = await database.db.collection('inbox').findOne({ _id: pending._id } as never);
      return doc !== null && Array.isArray(doc.pendingEffects) && doc.pendingEffects.length === 0
        ? true
        : undefined;
    });
    expect((await mustLoadSetup(second, orderId)).rev).toBe(before.rev + 1);
    // Whatever else was said (the first instance told the person it would answer shortly), a
    // later message is answered after everything earlier: the next card came once.
    const count = (await person.messagesFromBot()).length;
    await person.say('resume');
    await person.waitForMessages(count + 1, 20_000);
    expect(await cardsAfterClick()).toHaveLength(2);
    expect(stepOf((await person.messagesFromBot())[count] ?? started.role)).toBe('whoSetsUp');
    expect((await mustLoadSetup(second, orderId)).rev).toBe(before.rev + 1);
    const texts = (await person.messagesFromBot()).slice(seen).map((m) => stepOf(m) ?? m.text);
    expect(texts.filter((t) => t !== 'whoSetsUp').length).toBeLessThanOrEqual(1);
    await stop(second);
  }, 90_000);
});
