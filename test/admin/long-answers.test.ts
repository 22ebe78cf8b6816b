import { describe, expect, it } from 'vitest';
import { byteLength, cutToBytes, MAX_TEXT_BYTES, toFallbackText } from '../../cards/card-kit.js';
import { fitToWebexLimit } from '../../src/outbox/message-fit.js';
import { useTestApp } from '../support/use-test-app.js';
import { createAsker } from './support/admin-client.js';

/**
 * Webex refuses text or markdown over 7,439 bytes (the emulator does too), so such a message would
 * never arrive. Administrators' answers over the limit keep whole lines and end with a hint that
 * there is more; anything else queued is cut to fit.
 */

const ADMIN = 'ops@example.com';
const MORE = 'More than fits in one message';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const today = () => new Date().toISOString().slice(0, 10);

describe('the 7,439-byte limit, as text', () => {
  it('keeps whole lines that fit and ends with the hint', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- line ${i} ${'ž'.repeat(20)}`);
    const text = toFallbackText(lines, 'more: ask for the next page');
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    const out = text.split('\n');
    expect(out.at(-1)).toBe('more: ask for the next page');
    expect(out.at(-2)).toBe('…');
    // Every line kept is whole, and they are the first ones, in order.
    expect(out.slice(0, -2)).toEqual(lines.slice(0, out.length - 2));
    expect(out.length - 2).toBeGreaterThan(100);
  });

  it('cuts on a character, never inside a multi-byte one or a surrogate pair', () => {
    for (const unit of ['a', 'ž', '語', '😀']) {
      const cut = cutToBytes(unit.repeat(8000), MAX_TEXT_BYTES);
      expect(byteLength(cut)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
      expect(byteLength(cut)).toBeGreaterThan(MAX_TEXT_BYTES - 8);
      expect(cut.endsWith('…')).toBe(true);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(cut.slice(0, -1).replaceAll(unit, '')).toBe('');
    }
  });

  it('fits every queued message: text and markdown cut, the card untouched, short ones unchanged', () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [] };
    const long = fitToWebexLimit({ text: 'x'.repeat(20_000), markdown: `**${'y'.repeat(20_000)}**`, card });
    expect(byteLength(long.text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(byteLength(long.markdown ?? '')).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(long.card).toBe(card);
    const short = { text: 'hello', markdown: '**hello**' };
    expect(fitToWebexLimit(short)).toBe(short);
  });
});

describe('a long administrators’ answer through Webex', () => {
  const app = useTestApp({ admins: [ADMIN] });

  it('arrives, within the limit, with every order on the card and the hint in the text', async () => {
    // Ten orders with the longest names allowed, in a three-byte script: the list's text is ~20 kB.
    const longName = (i: number, kind: string) => `${kind}${i} ${'語'.repeat(190)}`;
    for (let i = 0; i < 10; i += 1) {
      // Contacts on Webex, so the invitations go out and no alert comes before the answer.
      await app.person(`contact${i}@example.com`);
      const created = await app.callApi('POST', '/orders', {
        orderId: `LONG-${i}`,
        requestedStartDate: today(),
        provisioningContactEmail: `contact${i}@example.com`,
        partnerName: longName(i, 'P'),
        customerName: longName(i, 'C'),
      });
      expect(created.status).toBe(201);
    }
    const admin = await createAsker(await app.person(ADMIN));
    const answer = await admin.ask('orders');
    const text = answer.text ?? '';
    expect(byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(text).toContain(MORE);
    const card = JSON.stringify(answer.attachments?.[0]?.content);
    for (let i = 0; i < 10; i += 1) expect(card).toContain(`LONG-${i}`);
  });
});
