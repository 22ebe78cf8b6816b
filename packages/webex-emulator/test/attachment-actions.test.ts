import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorPerson } from '../src/index.js';
import { card, type Harness, startHarness } from './support/harness.js';
import { actionShape, errorShape, messageShape } from './support/shapes.js';

let h: Harness;
let alice: EmulatorPerson;
let mallory: EmulatorPerson;
let cardMessageId: string;
let plainMessageId: string;

beforeAll(async () => {
  h = await startHarness();
  alice = await h.emulator.createPerson('alice@example.com');
  mallory = await h.emulator.createPerson('mallory@example.com');
  const bot = h.emulator.bot.token;
  const withCard = await h.api(bot, 'POST', '/messages', {
    toPersonEmail: alice.email,
    text: 'fallback',
    attachments: [card()],
  });
  cardMessageId = messageShape.parse(withCard.json).id;
  plainMessageId = messageShape.parse(
    (await h.api(bot, 'POST', '/messages', { toPersonEmail: alice.email, text: 'plain' })).json,
  ).id;
});
afterAll(() => h.close());

describe('attachment actions', () => {
  it('records a submit and lets the bot read it back with its inputs', async () => {
    const inputs = { role: 'partner', step: 'role' };
    const created = await h.api(alice.token, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: cardMessageId,
      inputs,
    });
    expect(created.status).toBe(202);
    const action = actionShape.parse(created.json);
    expect(action).toMatchObject({ messageId: cardMessageId, personId: alice.id, inputs });
    const read = await h.api(h.emulator.bot.token, 'GET', `/attachment/actions/${action.id}`);
    expect(actionShape.parse(read.json)).toEqual(action);
    expect((await h.api(mallory.token, 'GET', `/attachment/actions/${action.id}`)).status).toBe(404);
  });

  it('answers 404 for a message the caller cannot see, and 400 for a message without a card', async () => {
    const outsider = await h.api(mallory.token, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: cardMessageId,
      inputs: {},
    });
    expect(outsider.status).toBe(404);
    const plain = await h.api(alice.token, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: plainMessageId,
      inputs: {},
    });
    expect(plain.status).toBe(400);
    expect(errorShape.parse(plain.json).message).toMatch(/^messageId: /);
  });

  it.each([
    ['type', { type: 'click', messageId: 'x', inputs: {} }],
    ['inputs', { type: 'submit', messageId: 'x', inputs: 'yes' }],
    ['messageId', { type: 'submit', inputs: {} }],
  ])('answers 400 naming %s', async (field, body) => {
    const response = await h.api(alice.token, 'POST', '/attachment/actions', body);
    expect(response.status).toBe(400);
    expect(errorShape.parse(response.json).message.startsWith(`${field}: `)).toBe(true);
  });
});
