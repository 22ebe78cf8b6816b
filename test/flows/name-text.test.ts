import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, unlinkMarkdown } from '../../flows/name-text.js';
import { markdownToHtml } from '../../src/http/web-client/markdown.js';

describe('cleanName', () => {
  it.each([
    ['Novi Kupac d.o.o.', 'Novi Kupac d.o.o.'],
    ['  Čakovec   Žica  ', 'Čakovec Žica'],
    ['Acme 😀 Ltd', 'Acme 😀 Ltd'],
    ['\ufeffNorth\u200bwind\u2060', 'Northwind'],
    ['Contoso\r\nRetail\t', 'Contoso Retail'],
    ['Contoso\u2028Retail\u0085x', 'Contoso Retail x'],
    ['AT&T <Labs>', 'AT&T <Labs>'],
    ['Name @ home', 'Name @ home'],
  ])('keeps %j as %j', (raw, value) => {
    expect(cleanName(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['Acme\u0000', 'control'],
    ['Acme\u001b[31m', 'control'],
    ['Acme\u007f', 'control'],
    ['Acme\u009b', 'control'],
    ['Acme\ud800', 'control'],
    ['\udc00Acme', 'control'],
    ['Acme\u202egnp.exe', 'bidi'],
    ['Acme\u2066x\u2069', 'bidi'],
    ['\u200fAcme', 'bidi'],
    ['Acme <@personEmail:boss@example.com|Boss>', 'mention'],
    ['Acme <@personId:abc>', 'mention'],
    ['<@all> Acme', 'mention'],
    ['Acme <at>all</at>', 'mention'],
    ['Acme < AT >', 'mention'],
    ['<spark-mention data-object-type="groupMention">all</spark-mention>', 'mention'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(cleanName(raw)).toEqual({ ok: false, problem });
  });
});

describe('link markup in names', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '.', '*', '!', '(', ')', ']', '['),
    maxLength: 12,
  });
  const url = fc.constantFrom(
    'https://evil.example/login',
    'http://x.example',
    'mailto:a@b.example',
    'www.x.example',
  );

  it('refuses every name with link markup, whatever surrounds it', () => {
    const linked = fc.oneof(
      fc.tuple(text, text, url).map(([before, label, target]) => `${before}[${label}](${target})`),
      fc.tuple(text, url).map(([before, target]) => `${before}<${target}>`),
      fc.tuple(text, text).map(([before, label]) => `${before}<a href="x">${label}</a>`),
      // A bare web address: Webex clients show it as a link.
      fc
        .tuple(text, fc.constantFrom('https://evil.example/login', 'http://x.example', 'www.x.example'))
        .map(([before, target]) => `${before} ${target}`),
    );
    fc.assert(
      fc.property(linked, text, (name, after) => {
        const cleaned = cleanName(`${name}${after}`);
        expect(cleaned.ok ? 'kept' : cleaned.problem).toMatch(/^(link|mention|control)$/);
        expect(cleaned.ok).toBe(false);
      }),
      { seed: 20130013, numRuns: 1000 },
    );
  });

  it('keeps names that only look a little like links', () => {
    for (const name of [
      'example.com',
      'Booking.com d.o.o.',
      'Acme [EU] (Zagreb)',
      'Foo [Bar] [Baz]',
      'AT&T <Labs>',
      'x < y > z',
      'Www Consulting',
      'Time: 10:30',
    ])
      expect(cleanName(name)).toEqual({ ok: true, value: name });
  });

  it('shows no link once made safe for markdown (property, through the local client’s renderer)', () => {
    const anything = fc.string({
      unit: fc.constantFrom('[', ']', '(', ')', '<', '>', ' ', 'a', 'https://e.example', 'www.', ':', '*'),
      maxLength: 20,
    });
    fc.assert(
      fc.property(anything, (value) => {
        const safe = unlinkMarkdown(value);
        expect(markdownToHtml(safe)).not.toContain('<a ');
        expect(safe.replaceAll('\u200b', '')).toBe(value);
        expect(LINK_SHAPES.some((shape) => shape.test(safe))).toBe(false);
      }),
      { seed: 20130013, numRuns: 2000 },
    );
  });
});

/** What CommonMark renderers turn into a link: `](` and an autolink `<scheme:`. */
const LINK_SHAPES = [/\]\s*\(/, /<\s*(?:[a-z][a-z0-9+.-]*:|www\.)/i];
