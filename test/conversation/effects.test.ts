import { describe, expect, it } from 'vitest';
import {
  type Effect,
  identifyEffects,
  parseStoredEffect,
  revisionOfEffect,
  strandedEffects,
} from '../../src/conversation/effects.js';

const send: Effect = {
  kind: 'send',
  key: 'setup:O-1:3:step',
  target: { toPersonEmail: 'ana@partner.example' },
  message: { text: 'Step 3 of 7', card: { type: 'AdaptiveCard', $schema: 'x', 'a.b': 1 } },
  purpose: { kind: 'setup', orderId: 'O-1' },
};

describe('stored effects', () => {
  it('names each effect of a transition by order, revision and position', () => {
    const stored = identifyEffects('O-1', 3, [send, { kind: 'orderStarted', orderId: 'O-1', by: 'ana' }]);
    expect(stored.map((entry) => entry.id)).toEqual(['O-1:3:0', 'O-1:3:1']);
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

  it.each([
    ['O-1', 'O-1:3:0', 3],
    ['O-1', 'O-1:12:4', 12],
    ['A:B', 'A:B:2:1', 2],
    ['O-1', 'O-2:3:0', undefined],
    ['O-1', 'O-1:x:0', undefined],
    ['O-1', 'O-1:3', undefined],
  ])('reads the revision of effect id %s / %s', (orderId, id, rev) => {
    expect(revisionOfEffect(orderId, id)).toBe(rev);
  });

  it("leaves the latest transition's effects to the handler that saved them", () => {
    const pending = ['O-1:1:0', 'O-1:2:1', 'O-1:3:0', 'garbage'].map((id) => ({ id, json: '{}' }));
    expect(strandedEffects({ _id: 'O-1', rev: 3, pendingEffects: pending }).map((e) => e.id)).toEqual([
      'O-1:1:0',
      'O-1:2:1',
    ]);
    expect(strandedEffects({ _id: 'O-1', rev: 0, pendingEffects: pending })).toEqual([]);
  });
});
