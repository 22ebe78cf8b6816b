import { describe, expect, it } from 'vitest';
import { ENVELOPE_KEYS, parseCardAction } from '../../flows/card-action.schema.js';
import { INPUT_IDS } from '../../flows/steps/index.js';

describe('parseCardAction', () => {
  it('splits the envelope from the typed inputs', () => {
    const result = parseCardAction({
      orderId: 'CCW-1',
      step: 'customerAdmin',
      rev: 3,
      action: 'next',
      customerAdminEmail: ' IT@Kupac.example ',
      ignoredNumber: 5,
    });
    expect(result).toEqual({
      ok: true,
      envelope: { orderId: 'CCW-1', step: 'customerAdmin', rev: 3, action: 'next' },
      inputs: { customerAdminEmail: ' IT@Kupac.example ' },
    });
  });

  it('accepts rev as text (clients may send data values as strings)', () => {
    expect(parseCardAction({ orderId: 'A', step: 'role', rev: '12', action: 'back' })).toMatchObject({
      ok: true,
      envelope: { rev: 12 },
    });
  });

  it('caps long input values', () => {
    const result = parseCardAction({
      orderId: 'A',
      step: 'company',
      rev: 0,
      action: 'next',
      companyName: 'x'.repeat(10_000),
    });
    expect(result.ok && result.inputs.companyName?.length).toBe(2_000);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'next'],
    ['no orderId', { step: 'role', rev: 0, action: 'next' }],
    ['an unknown step', { orderId: 'A', step: 'payment', rev: 0, action: 'next' }],
    ['an unknown action', { orderId: 'A', step: 'role', rev: 0, action: 'delete' }],
    ['a negative rev', { orderId: 'A', step: 'role', rev: -1, action: 'next' }],
    ['a non-numeric rev', { orderId: 'A', step: 'role', rev: '1e3', action: 'next' }],
    ['an unknown choice', { orderId: 'A', step: 'role', rev: 0, action: 'next', choice: 'admin' }],
    ['an unknown locale', { orderId: 'A', step: 'role', rev: 0, action: 'setLocale', locale: 'de' }],
  ])('refuses %s', (_, submitted) => {
    const result = parseCardAction(submitted);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).not.toHaveLength(0);
  });

  it('no input id collides with an envelope key', () => {
    for (const id of Object.values(INPUT_IDS)) expect(ENVELOPE_KEYS).not.toContain(id);
  });
});
