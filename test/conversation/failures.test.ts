import { describe, expect, it } from 'vitest';
import { sendTo } from '../../src/conversation/transition-effects.js';
import { createEffectRunner } from '../../src/effects/effect-runner.js';
import { createSilentLogger } from '../../src/log/logger.js';
import type { Outbox } from '../../src/outbox/outbox.js';
import { restoreSetup, stateOf } from '../../src/setups/setup-envelope.js';
import { findAction, stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, uniqueSuffix, waitForSettled } from './conversation-fixture.js';
import { createDirectConversation, forgedSubmit } from './direct-conversation.js';
import { startSetup } from './setup-walk.js';

describe('when something fails', () => {
  const app = useTestApp();

  it('answers even when handling fails unexpectedly, and saves nothing', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-BROKEN-${x}`;
    const { person, client, role } = await startSetup(app, `broken.${x}@partner.example`, orderId);
    const working = await createDirectConversation(app);
    const broken = await createDirectConversation(app, {
      setups: {
        ...working.context.setups,
        load: async () => {
          throw new Error('database unavailable');
        },
        loadWithOrder: async () => {
          throw new Error('database unavailable');
        },
      },
    });
    const inputs = findAction(role, { action: 'next', choice: 'partner' });
    await broken.handleEvent(forgedSubmit(person.email, role.id, inputs));
    expect((await client.next()).text).toContain('Something went wrong');
    expect((await mustLoadSetup(app, orderId)).rev).toBe(0);
  });

  it('keeps a click whose effects failed after it was saved, and delivers its card when clicked again', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-LEFTOVER-${x}`;
    const { person, client, role } = await startSetup(app, `leftover.${x}@partner.example`, orderId);
    const working = await createDirectConversation(app);
    let failures = 1;
    const flaky: Outbox = {
      ...working.context.outbox,
      async sendMessage(...args) {
        if (failures > 0) {
          failures -= 1;
          throw new Error('outbox write failed');
        }
        return working.context.outbox.sendMessage(...args);
      },
    };
    const conversation = await createDirectConversation(app, { outbox: flaky });
    const inputs = findAction(role, { action: 'next', choice: 'partner' });

    // Saved, so the click is taken: the person is not told it failed, and the card stays pending.
    await conversation.handleEvent(forgedSubmit(person.email, role.id, inputs));
    const saved = await mustLoadSetup(app, orderId);
    expect(saved.rev).toBe(1);
    expect(saved.pendingEffects.length).toBeGreaterThan(0);

    // Clicking the same card again (a "double click") finishes what was left, if the runner's
    // periodic pass has not yet; either way the card arrives once, and nothing said it failed.
    await conversation.handleEvent(forgedSubmit(person.email, role.id, inputs));
    const next = await client.next();
    expect(stepOf(next)).toBe('whoSetsUp');
    expect(next.text).not.toContain('Something went wrong');
    expect((await waitForSettled(app, orderId)).rev).toBe(1);
  });

  it('applies effects stranded by a crash between saving and applying', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-CRASH-${x}`;
    const { person, client } = await startSetup(app, `crash.${x}@partner.example`, orderId);
    const conversation = await createDirectConversation(app);
    const doc = await mustLoadSetup(app, orderId);
    const loaded = restoreSetup(doc);
    // What a transition saves, as a crashed instance would have left it: state and effects, unapplied.
    const message = conversation.context.views.step(loaded.snapshot, doc.rev + 1);
    const effects = [sendTo(person.email, message, orderId, `setup:${orderId}:${doc.rev + 1}:step`)];
    const write = { kind: 'update', id: orderId, rev: doc.rev, change: stateOf(loaded.snapshot) } as const;
    expect(await conversation.context.effects.commit(write, effects)).toBeDefined();

    // A restarted instance runs what is pending as it starts.
    const runner = createEffectRunner({
      sources: [conversation.context.effects],
      now: () => new Date(),
      logger: createSilentLogger(),
    });
    expect(await runner.recoverAll()).toBeGreaterThanOrEqual(1);
    expect(stepOf(await client.next())).toBe('role');
    expect((await waitForSettled(app, orderId)).pendingEffects).toEqual([]);
  });
});
