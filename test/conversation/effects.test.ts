import { describe, expect, it } from 'vitest';
import { type Effect, parseStoredEffect } from '../../src/conversation/setup-effects.js';
import { identifyEffects } from '../../src/effects/document-effects.js';

const send: Effect = {
  kind: 'send',
  key: 'setup:O-1:3:step',
  target: { toPersonEmail: 'ana@partner.example' },
  message: { text: 'Step 3 of 7', card: { type: 'AdaptiveCard', $schema: 'x', 'a.b': 1 } },
  purpose: { kind: 'setup', orderId: 'O-1' },
};

describe('stored effects', () => {
  it('names each effect of a transition by order, revision and position', () => {
    const at = new Date('2025-06-01T08:00:00Z');
    const stored = identifyEffects('O-1', 3, [send, { kind: 'orderStarted', orderId: 'O-1', by: 'ana' }], at);
    expect(stored.map((entry) => entry.id)).toEqual(['O-1:3:0', 'O-1:3:1']);
    expect(stored.map((entry) => entry.at)).toEqual([at, at]);
    expect(stored.map((entry) => parseStoredEffect(entry.json))).toEqual([
      send,
      { kind: 'orderStarted', orderId: 'O-1', by: 'ana' },
    ]);
  });

  it.each([
    ['not JSON', '{'],
    ['JSON of another shape', '{"kind":"launchRockets"}'],
    ['a send without a target', JSON.stringify({ ...send, target: undefined })],
    ['null', 'null'],
  ])('reports %s as unreadable instead of throwing', (_what, json) => {
    expect(parseStoredEffect(json)).toBeUndefined();
  });

  it('still reads a completion saved before completions carried their messages', () => {
    const completion = {
      partner: { mode: 'none' },
      customer: { mode: 'new' },
      customerAdminEmail: 'it@kupac.example',
      companyName: 'Kupac',
      countryCode: 'HR',
      regionCode: 'eu',
      ownerEmail: 'ana@partner.example',
      contactEmail: 'ana@partner.example',
      locale: 'en',
    };
    const json = JSON.stringify({ kind: 'complete', orderId: 'O-1', completion, by: 'ana' });
    expect(parseStoredEffect(json)).toMatchObject({ kind: 'complete', orderId: 'O-1' });
    expect(parseStoredEffect(json)).not.toHaveProperty('notify');
  });
});
