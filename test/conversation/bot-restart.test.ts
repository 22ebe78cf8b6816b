import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sendTo } from '../../src/conversation/transition-effects.js';
import { messageMarker } from '../../src/outbox/message-marker.js';
import { restoreSetup, stateOf } from '../../src/setups/setup-envelope.js';
import { driveSetup, stepOf } from '../support/setup-client.js';
import type { TestApp } from '../support/test-app.js';
import { useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';
import {
  mustLoadSetup,
  outboxKeys,
  uniqueSuffix,
  waitForOrder,
  waitForSettled,
} from './conversation-fixture.js';
import { createDirectConversation } from './direct-conversation.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

/**
 * Saves the setup's current step card as the pending work of a new revision, as an instance that
 * stops before carrying it out leaves it; the card and its key.
 */
async function savePendingStepCard(app: TestApp, orderId: string, email: string) {
  const conversation = await createDirectConversation(app);
  const doc = await mustLoadSetup(app, orderId);
  const loaded = restoreSetup(doc);
  const key = `setup:${orderId}:${doc.rev + 1}:step`;
  const card = conversation.context.views.step(loaded.snapshot, doc.rev + 1);
  const write = { kind: 'update', id: orderId, rev: doc.rev, change: stateOf(loaded.snapshot) } as const;
  await conversation.context.effects.commit(write, [sendTo(email, card, orderId, key)]);
  // That instance stops here, its work left pending.
  await conversation.close();
  return { key, card };
}

/**
 * The bot stops in the middle of a setup and another instance starts on the same database: the
 * person carries on where they were, with nothing typed lost.
 */
describe('a bot restart in the middle of a setup', () => {
  const database = useTestDatabase({ label: 'restart' });
  const { start, stop } = useTestAppInstances({ database });

  it.each([
    ['types resume', 'resume'],
    ['clicks Set up now on the invitation again', 'invitation'],
    ['clicks the card sent before the restart', 'old card'],
  ])('resumes when the person %s, and finishes', async (_how, how) => {
    const x = uniqueSuffix();
    const orderId = `SUB-RESTARTED-${x}`;
    const email = `restarted.${x}@partner.example`;
    const first = await start();
    const started = await startSetup(first, email, orderId);
    const company = await walkTo(started.client, started.role, 'company', {
      customerAdminEmail: `kept.${x}@kupac.example`,
    });
    const before = await mustLoadSetup(first, orderId);
    await stop(first);

    const second = await start();
    const person = await second.person(email);
    const client = await driveSetup(person);
    expect((await mustLoadSetup(second, orderId)).rev).toBe(before.rev);
    let card = company;
    if (how !== 'old card') {
      if (how === 'resume') await person.say('resume');
      else await client.click(started.invitation, { action: 'start' });
      card = await client.next();
      expect(stepOf(card)).toBe('company');
    }
    await client.click(card, { action: 'next' }, { companyName: `Restarted ${x}`, countryCode: 'HR' });
    const org = await client.nextStep('customerOrg');
    await client.click(org, { action: 'next' }, { orgChoice: 'new' });
    const review = await client.nextStep('review');
    expect(cardWords(review)).toContain(`Administrator: kept.${x}@kupac.example`);
    expect(cardWords(review)).toContain(`Company name: Restarted ${x}`);
    await client.click(review, { action: 'next', choice: 'confirm' });
    expect((await client.next()).text).toContain('Order setup complete');
    await waitForOrder(second, orderId, 'completed', (o) => o.status === 'completed');
    await stop(second);
  });

  it('does not send again on start a card the stopped instance had sent but not yet recorded', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-SENT-${x}`;
    const email = `sent.${x}@partner.example`;
    const first = await start();
    const started = await startSetup(first, email, orderId);
    await waitForSettled(first, orderId);
    const { key, card } = await savePendingStepCard(first, orderId, email);
    // The card went out, as the process that saved it sends it, and the process died before the
    // record: the same card with its marker, posted by the bot.
    const bot = first.emulator?.bot;
    if (bot === undefined) throw new Error('no emulator');
    const sent = await fetch(`${first.emulatorApi}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        toPersonEmail: email,
        text: card.text,
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { ...card.card, wxccMessageKey: messageMarker(key) },
          },
        ],
      }),
    });
    const sentId = z.object({ id: z.string() }).parse(await sent.json()).id;
    const seen = (await started.person.messagesFromBot()).length;
    await stop(first);

    const second = await start();
    const settled = await waitForSettled(second, orderId);
    expect(settled.pendingEffects).toEqual([]);
    // Recorded as sent with the message the person has, and nothing sent again.
    const record = await second.storage.db.collection<{ _id: string }>('outbox').findOne({ _id: key });
    expect(record).toMatchObject({ status: 'sent', messageId: sentId });
    const person = await second.person(email);
    expect((await person.messagesFromBot()).length).toBe(seen);
    await stop(second);
  });

  it('carries out on start what the stopped instance saved but had not carried out', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-CRASHED-${x}`;
    const email = `crashed.${x}@partner.example`;
    const first = await start();
    const started = await startSetup(first, email, orderId);
    // The role card reaches the person before its work is marked done: from then on.
    await waitForSettled(first, orderId);
    // A transition saved with its effects, and the instance gone before running them.
    const { key } = await savePendingStepCard(first, orderId, email);
    const seen = (await started.person.messagesFromBot()).length;
    expect((await mustLoadSetup(first, orderId)).pendingEffects).toHaveLength(1);
    await stop(first);

    const second = await start();
    const person = await second.person(email);
    const messages = await person.waitForMessages(seen + 1);
    expect(messages.slice(seen).map(stepOf)).toEqual(['role']);
    expect((await waitForSettled(second, orderId)).pendingEffects).toEqual([]);
    expect((await outboxKeys(second, orderId)).filter((k) => k === key)).toEqual([key]);
    await stop(second);
  });
});
