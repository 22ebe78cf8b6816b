import { describe, expect, it } from 'vitest';
import { mapCardSubmit, mapMessage, stripBotMention } from '../../src/webex/incoming-event.mapper.js';

const botUuid = '7a1f0c3e-1111-4222-8333-944445555666';
const bot = {
  id: Buffer.from(`ciscospark://us/PEOPLE/${botUuid}`).toString('base64'),
  email: 'setup-bot@webex.bot',
  displayName: 'Order Setup',
};
const person = { id: 'P1', emails: ['Jane.Doe@Example.com'] };

function message(overrides: Record<string, unknown>) {
  return {
    id: 'M1',
    roomId: 'R1',
    roomType: 'direct',
    personId: 'P1',
    personEmail: 'Jane.Doe@Example.com',
    text: ' help ',
    ...overrides,
  };
}

describe('stripBotMention', () => {
  it.each([
    [
      'the name in the html, anywhere',
      'hey Order Setup status',
      `hey <spark-mention data-object-type="person" data-object-id="${bot.id}">Order Setup</spark-mention> status`,
      'hey status',
    ],
    [
      'a shortened name, by uuid',
      'Order help',
      `<p><spark-mention data-object-type="person" data-object-id="${botUuid}">Order</spark-mention> help</p>`,
      'help',
    ],
    [
      'someone else’s mention stays',
      'Jane help',
      '<spark-mention data-object-type="person" data-object-id="OTHER">Jane</spark-mention> help',
      'Jane help',
    ],
    ['a leading display name without html', 'Order Setup  restart ', undefined, 'restart'],
    ['a leading first name without html', 'order restart', undefined, 'restart'],
    ['not a prefix of another word', 'Ordering restart', undefined, 'Ordering restart'],
    ['plain text', '  help  ', undefined, 'help'],
  ])('%s', (_case, text, html, expected) => {
    expect(stripBotMention(text, html, bot)).toBe(expected);
  });
});

describe('mapMessage', () => {
  it('maps a 1:1 text, trimmed, with the email lower-cased', () => {
    const outcome = mapMessage({ fetched: message({}), trigger: { item: message({}) } }, bot);
    expect(outcome).toEqual({
      kind: 'event',
      event: {
        kind: 'text',
        messageId: 'M1',
        roomId: 'R1',
        roomType: 'direct',
        personId: 'P1',
        personEmail: 'jane.doe@example.com',
        text: 'help',
      },
    });
  });

  it('ignores the bot’s own messages, empty texts and unmentioned group messages', () => {
    const own = message({ personId: bot.id });
    const empty = message({ text: '  ' });
    const group = message({ roomType: 'group', mentionedPeople: ['SOMEONE'] });
    for (const item of [own, empty, group]) {
      expect(mapMessage({ fetched: item, trigger: { item } }, bot).kind).toBe('ignored');
    }
  });

  it('reports a message the framework fetched but did not emit as dropped', () => {
    expect(mapMessage({ fetched: message({}), trigger: undefined }, bot).kind).toBe('dropped');
    expect(mapMessage({ fetched: undefined, trigger: undefined }, bot).kind).toBe('dropped');
  });

  it('ignores a message of an unexpected shape', () => {
    const item = message({ roomType: 'team' });
    expect(mapMessage({ fetched: item, trigger: { item } }, bot).kind).toBe('ignored');
  });
});

describe('mapCardSubmit', () => {
  const action = {
    id: 'A1',
    type: 'submit',
    messageId: 'M9',
    personId: 'P1',
    roomId: 'R1',
    inputs: { step: 'x', n: 2 },
  };

  it('maps the action with inputs as sent', () => {
    expect(mapCardSubmit({ trigger: { item: action, person } }, bot)).toEqual({
      kind: 'event',
      event: {
        kind: 'cardSubmit',
        actionId: 'A1',
        messageId: 'M9',
        roomId: 'R1',
        personId: 'P1',
        personEmail: 'jane.doe@example.com',
        inputs: { step: 'x', n: 2 },
      },
    });
  });

  it('reports a missing trigger as dropped and bad shapes as ignored', () => {
    expect(mapCardSubmit({ trigger: undefined }, bot).kind).toBe('dropped');
    expect(mapCardSubmit({ trigger: { item: { ...action, inputs: 'x' }, person } }, bot).kind).toBe(
      'ignored',
    );
    expect(mapCardSubmit({ trigger: { item: action, person: { id: 'P1', emails: [] } } }, bot).kind).toBe(
      'ignored',
    );
  });
});
