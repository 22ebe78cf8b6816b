import { describe, expect, it } from 'vitest';
import { cleanName } from '../../flows/name-text.js';

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
