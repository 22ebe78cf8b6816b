import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/orders/import/csv.parser.js';

describe('parseCsv', () => {
  it('reads plain records with their line numbers, CRLF or LF, and skips blank lines', () => {
    const parsed = parseCsv('a,b\r\n1,2\n\n3,4\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps commas, doubled quotes and newlines inside quotes, counting physical lines', () => {
    const parsed = parseCsv('name,note\n"Acme, Inc.","said ""hi""\nand left"\nlast,"x"');
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Acme, Inc.', 'said "hi"\nand left'] },
      { line: 4, fields: ['last', 'x'] },
    ]);
  });

  it('keeps empty fields and a last line without a newline', () => {
    expect(parseCsv('a,,c\n,,').records).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });

  it('drops a byte order mark', () => {
    expect(parseCsv('\uFEFForderId\nx').records[0]).toEqual({ line: 1, fields: ['orderId'] });
  });

  it.each([
    ['a,b\n1,"open\n2,3\n', 2, 'not closed'],
    ['a,b\n1,2"x\n', 2, 'quote inside an unquoted field'],
    ['a,b\n"1"x,2\n', 2, 'text after a closing quote'],
  ])('reports %j at line %i', (text, line, words) => {
    const parsed = parseCsv(text);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(line);
    expect(parsed.problems[0]?.message).toContain(words);
  });

  it('goes on after a bad record', () => {
    const parsed = parseCsv('a,b\n1,2"x\n3,4\n');
    expect(parsed.records.map((r) => r.line)).toEqual([1, 3]);
  });
});
