import fc from 'fast-check';
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

describe('CSV writer, read by a spreadsheet that splits on ";" or ","', () => {
  /** Every cell such a spreadsheet would make of the written field, quotes and spaces ignored. */
  const cellStarts = (written: string) => written.split(/[;,]/).map((part) => part.replace(/^[\s"]*/, ''));

  it('defuses a formula after each separator, not only at the start', () => {
    expect(csvField("Evil;=cmd|' /C calc'!A0")).toBe("Evil;'=cmd|' /C calc'!A0");
    expect(csvField(';=1')).toBe(`;'=1`);
    expect(csvField("'=1+1;@SUM(2+2)")).toBe(`'=1+1;'@SUM(2+2)`);
    expect(csvField('a, -2')).toBe(`"a, '-2"`);
    expect(csvField('x;\t=1')).toBe("x;\t'=1");
  });

  it('never lets a cell start with = + - @ (property over texts of separators and formula characters)', () => {
    const unit = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      ';',
      ',',
      '\t',
      '\r',
      '\n',
      ' ',
      '"',
      "'",
      'a',
      '1',
      '|',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (value) => {
        for (const start of cellStarts(csvField(value))) expect(start).not.toMatch(/^[=+\-@]/);
        // A text without a formula character is written as it was (only quoted when it must be).
        if (value !== '' && !/[=+\-@\t\r]/.test(value))
          expect(parseCsv(`${csvField(value)}\r\n`).records[0]?.fields).toEqual([value]);
      }),
      { seed: 20130013, numRuns: 2000 },
    );
  });
});
