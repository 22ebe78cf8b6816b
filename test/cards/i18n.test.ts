import { describe, expect, it } from 'vitest';
import { byteLength, MAX_TEXT_BYTES, toFallbackText } from '../../cards/card-kit.js';
import { en } from '../../cards/i18n/en.js';
import { hr } from '../../cards/i18n/hr.js';
import { formatDate, interpolate, translate } from '../../cards/i18n/translate.js';
import { FIELD_ERROR_KEYS } from '../../flows/order-setup.errors.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('hr has exactly the keys of en', () => {
    expect(Object.keys(hr).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(en))('%s has the same placeholders in hr, and no empty text', (key, text) => {
    const croatian = new Map(Object.entries(hr)).get(key) ?? '';
    expect(placeholders(croatian)).toEqual(placeholders(text));
    expect(text.trim()).not.toBe('');
    expect(croatian.trim()).not.toBe('');
  });

  it('every field error the flow can report has a message', () => {
    const keys = new Set(Object.keys(en));
    expect(FIELD_ERROR_KEYS.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('reuses the wording of the Croatian wizard', () => {
    expect([hr['role.partner'], hr['whoSetsUp.me'], hr['whoSetsUp.colleague'], hr['common.next']]).toEqual([
      'Ja sam partner',
      'Da, postavit ću',
      'Druga osoba u mojoj tvrtki će postaviti',
      'Sljedeće',
    ]);
  });
});

describe('interpolate and translate', () => {
  it.each([
    ['Order {orderId}', { orderId: 'A-1' }, 'Order A-1'],
    ['{n} of {total}', { n: 2, total: 7 }, '2 of 7'],
    ['{n} and {n}', { n: 1 }, '1 and 1'],
    ['missing {name} stays', {}, 'missing {name} stays'],
    ['no placeholders', { x: 'y' }, 'no placeholders'],
  ])('%s', (template, params, expected) => {
    expect(interpolate(template, params)).toBe(expected);
  });

  it('translates per locale', () => {
    expect(translate('en', 'common.stepOf', { n: 3, total: 7 })).toBe('Step 3 of 7');
    expect(translate('hr', 'common.stepOf', { n: 3, total: 7 })).toBe('Korak 3 od 7');
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-12-01', 'en', 'UTC', '1 December 2026'],
    ['2026-12-01', 'hr', 'UTC', '1. prosinca 2026.'],
    ['2026-12-01', 'en', 'Pacific/Honolulu', '1 December 2026'],
    ['2026-12-31T23:30:00Z', 'en', 'Europe/Zagreb', '1 January 2027'],
    ['2026-12-31T23:30:00Z', 'hr', 'UTC', '31. prosinca 2026.'],
    ['not a date', 'en', 'UTC', 'not a date'],
  ] as const)('%s in %s (%s) is %s', (value, locale, timeZone, expected) => {
    expect(formatDate(value, locale, timeZone)).toBe(expected);
  });
});

describe('fallback text', () => {
  it('is cut to the Webex limit, on a whole character', () => {
    const text = toFallbackText(['č'.repeat(10_000)]);
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toContain('\uFFFD');
  });

  it('drops empty lines', () => {
    expect(toFallbackText(['a', null, '', undefined, 'b'])).toBe('a\nb');
  });
});
