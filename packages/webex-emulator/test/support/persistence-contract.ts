import { expect, it } from 'vitest';
import type { EmulatorPersistence } from '../../src/index.js';
import { card, startHarness } from './harness.js';
import { actionShape, listOf, membershipShape, messageShape, roomShape, webhookShape } from './shapes.js';

/**
 * What any EmulatorPersistence must give: an emulator restarted on the same store has the same
 * bot and tokens, rooms, memberships, messages (in order), card actions and webhooks.
 * `open()` returns a fresh adapter over the same store each time, as a restarted process would.
 */
export function describePersistenceContract(open: () => Promise<EmulatorPersistence>): void {
  it('keeps everything across a restart', async () => {
    // `$schema` keys and dotted input names are what a document store may refuse as field names.
    const schemaCard = {
      ...card(),
      content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', ...card().content },
    };
    const first = await startHarness({ persistence: await open() });
    const alice = await first.emulator.createPerson('alice@example.com', 'Alice Adams');
    const bot = first.emulator.bot;
    for (const text of ['one', 'two', 'three']) {
      await first.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text });
    }
    const cardMessage = messageShape.parse(
      (
        await first.api(bot.token, 'POST', '/messages', {
          toPersonEmail: alice.email,
          text: 'pick',
          attachments: [schemaCard],
        })
      ).json,
    );
    const edited = messageShape.parse(
      (await first.api(bot.token, 'POST', '/messages', { toPersonEmail: alice.email, text: 'draft' })).json,
    );
    await first.api(bot.token, 'PUT', `/messages/${edited.id}`, { roomId: edited.roomId, text: 'final' });
    const deleted = messageShape.parse(
      (await first.api(alice.token, 'POST', '/messages', { toPersonEmail: bot.email, text: 'oops' })).json,
    );
    await first.api(alice.token, 'DELETE', `/messages/${deleted.id}`);
    const action = actionShape.parse(
      (
        await first.api(alice.token, 'POST', '/attachment/actions', {
          type: 'submit',
          messageId: cardMessage.id,
          inputs: { 'a.b': 1, $x: 'y' },
        })
      ).json,
    );
    const group = roomShape.parse((await first.api(alice.token, 'POST', '/rooms', { title: 'Ops' })).json);
    await first.api(alice.token, 'POST', '/memberships', { roomId: group.id, personId: bot.id });
    const webhook = webhookShape.parse(
      (
        await first.api(bot.token, 'POST', '/webhooks', {
          name: 'w',
          targetUrl: 'http://127.0.0.1:9/',
          resource: 'all',
          event: 'all',
          secret: 's3cr3t-s3cr3t-s3',
        })
      ).json,
    );
    const before = await first.api(alice.token, 'GET', `/messages/direct?personEmail=${bot.email}`);
    // No graceful shutdown: what was answered must already be stored.
    await first.close();

    const second = await startHarness({ persistence: await open() });
    try {
      expect(second.emulator.bot).toEqual(bot);
      const again = await second.emulator.createPerson('alice@example.com');
      expect(again).toEqual(alice);
      const after = await second.api(alice.token, 'GET', `/messages/direct?personEmail=${bot.email}`);
      expect(listOf(messageShape).parse(after.json)).toEqual(listOf(messageShape).parse(before.json));
      expect(
        listOf(messageShape)
          .parse(after.json)
          .items.map((m) => m.text),
      ).toEqual(['final', 'pick', 'three', 'two', 'one']);
      const readAction = await second.api(bot.token, 'GET', `/attachment/actions/${action.id}`);
      expect(actionShape.parse(readAction.json)).toEqual(action);
      const members = await second.api(bot.token, 'GET', `/memberships?roomId=${group.id}`);
      expect(listOf(membershipShape).parse(members.json).items).toHaveLength(2);
      const hooks = listOf(webhookShape).parse((await second.api(bot.token, 'GET', '/webhooks')).json);
      expect(hooks.items).toEqual([webhook]);
      // The direct room is found again, not created twice.
      const reply = messageShape.parse(
        (await second.api(bot.token, 'POST', '/messages', { toPersonEmail: alice.email, text: 'back' })).json,
      );
      expect(reply.roomId).toBe(cardMessage.roomId);
      const limit = await second.api(bot.token, 'PUT', `/messages/${edited.id}`, {
        roomId: edited.roomId,
        text: 'x',
      });
      expect(limit.status).toBe(200);
    } finally {
      await second.close();
    }
  });
}
