import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, defuseFormula } from '../../../src/orders/export/csv.writer.js';
import { parseCsv } from '../../../src/orders/import/csv.parser.js';

describe('CSV writer', () => {
  it('quotes only fields that need it, doubling quotes, and ends records in CRLF', () => {
    expect(csvRecord(['a', 'b c', null, ''])).toBe('a,b c,,\r\n');
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+381 1', '-2', '@SUM(A1)', '\t=1', '\r=1'])
      expect(defuseFormula(value)).toBe(`'${value}`);
    for (const value of ['Acme', 'a=b', 'x@y.example', "'quoted", ''])
      expect(defuseFormula(value)).toBe(value);
    expect(csvField('=HYPERLINK("http://x.example","click")')).toBe(
      '"\'=HYPERLINK(""http://x.example"",""click"")"',
    );
  });

  it("writes what the project's own RFC 4180 parser reads back unchanged", () => {
    const rows = [
      ['orderId', 'company'],
      ['A-1', 'Novi Kupac d.o.o., "Zagreb"\r\nsecond line'],
      ['A-2', 'Čakovec ćevapi šđž'],
    ];
    const parsed = parseCsv(rows.map(csvRecord).join(''));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.fields)).toEqual(rows);
  });
});
