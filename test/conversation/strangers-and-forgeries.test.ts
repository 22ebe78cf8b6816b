import { describe, expect, it } from 'vitest';
import { driveSetup, findAction } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, outboxKeys, uniqueSuffix } from './conversation-fixture.js';
import { createDirectConversation, forgedSubmit } from './direct-conversation.js';
import { startSetup, walkTo } from './setup-walk.js';

describe('clicks that are not the owner’s, and forged submits', () => {
  const app = useTestApp();

  it("refuses a stranger's submit on the owner's card: Webex does not let it through, and the bot says no", async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-STRANGER-${x}`;
    const { client, role } = await startSetup(app, `owner.${x}@partner.example`, orderId);
    const who = await walkTo(client, role, 'whoSetsUp');
    const stranger = await app.person(`stranger.${x}@elsewhere.example`);
    const strangerClient = await driveSetup(stranger);
    const before = await mustLoadSetup(app, orderId);

    // The card sits in the owner's 1:1 space: anyone else cannot even see the message.
    await expect(stranger.submit(who.id, findAction(who, { action: 'next', choice: 'me' }))).rejects.toThrow(
      /404/,
    );

    // Had it got through (a forged event), the conversation refuses it.
    const conversation = await createDirectConversation(app);
    const inputs = findAction(who, { action: 'next', choice: 'me' });
    await conversation.handleEvent(forgedSubmit(stranger.email, who.id, inputs));
    await conversation.handleEvent(forgedSubmit(stranger.email, who.id, { ...inputs, action: 'resume' }));
    const [notYours, notYoursAgain] = [await strangerClient.next(), await strangerClient.next()];
    // A stranger hears what anyone hears about an order that does not exist.
    expect(notYours.text).toContain('No order found');
    expect(notYoursAgain.text).toContain('No order found');
    // Any click, or Set up now, on someone else's order: the same answer whether or not it exists.
    await conversation.handleEvent(forgedSubmit(stranger.email, who.id, findAction(who, { action: 'back' })));
    await conversation.handleEvent(
      forgedSubmit(stranger.email, who.id, { orderId, step: 'invite', rev: 0, action: 'start' }),
    );
    await conversation.handleEvent(
      forgedSubmit(stranger.email, who.id, { orderId: `NOPE-${x}`, step: 'invite', rev: 0, action: 'start' }),
    );
    await conversation.handleEvent(forgedSubmit(stranger.email, who.id, { ...inputs, orderId: `NOPE-${x}` }));
    const texts: string[] = [];
    for (let i = 0; i < 4; i += 1) texts.push((await strangerClient.next()).text ?? '');
    expect(texts.every((t) => t.startsWith('No order found'))).toBe(true);

    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
  });

  it('answers unreadable and malformed submits, changing nothing', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-FORGED-${x}`;
    const { person, client, role } = await startSetup(app, `forged.${x}@partner.example`, orderId);
    const who = await walkTo(client, role, 'whoSetsUp');
    const before = await mustLoadSetup(app, orderId);
    const conversation = await createDirectConversation(app);
    const current = findAction(who, { action: 'next', choice: 'me' });

    const forgeries: Array<Record<string, unknown>> = [
      { hello: 'no envelope at all' },
      { ...current, rev: 'not a number' },
      { ...current, choice: 'partner' },
      { ...current, action: 'edit', choice: 'company' },
      { ...current, step: 'review', choice: 'confirm' },
      { ...current, action: 'setLocale' },
    ];
    for (const inputs of forgeries)
      await conversation.handleEvent(forgedSubmit(person.email, who.id, inputs));
    // Each forgery gets an answer (a notice, often with the current step again): at least one each.
    const answers = [];
    for (let i = 0; i < forgeries.length; i += 1) answers.push(await client.next());
    expect(answers.every((m) => (m.text ?? '').length > 0)).toBe(true);
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
  });

  it('two instances handling two clicks of one card at once make one transition', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RACE-${x}`;
    const { person, role } = await startSetup(app, `race.${x}@partner.example`, orderId);
    const [one, two] = [await createDirectConversation(app), await createDirectConversation(app)];
    const inputs = findAction(role, { action: 'next', choice: 'partner' });

    await Promise.all([
      one.handleEvent(forgedSubmit(person.email, role.id, inputs)),
      two.handleEvent(forgedSubmit(person.email, role.id, inputs)),
    ]);
    const setup = await mustLoadSetup(app, orderId);
    expect(setup.rev).toBe(1);
    expect(setup.step).toBe('whoSetsUp');
    const keys = (await outboxKeys(app, orderId)).filter((key) => key.startsWith(`setup:${orderId}:1:`));
    expect(keys).toEqual([`setup:${orderId}:1:step`]);
  });
});
