import { Decimal128, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { combineNumbers } from '../../src/values/number-arithmetic.js';

const dec = (text: string) => Decimal128.fromString(text);

describe('combineNumbers', () => {
  it.each([
    ['int + int', 2, 3, 'add', 5],
    ['int overflow becomes long', 2147483647, 1, 'add', Long.fromNumber(2147483648)],
    ['long + int', Long.fromNumber(5), 1, 'add', Long.fromNumber(6)],
    ['int + double', 1, 0.5, 'add', 1.5],
    ['int * int', 6, 7, 'mul', 42],
  ] as const)('%s', (_label, a, b, op, expected) => {
    expect(combineNumbers(a, b, op)).toEqual(expected);
  });

  it.each([
    [dec('0.1'), dec('0.2'), 'add', '0.3'],
    [dec('1.10'), 2, 'mul', '2.20'],
    [dec('19.99'), Long.fromNumber(3), 'mul', '59.97'],
    [dec('-5E+3'), dec('0.001'), 'add', '-4999.999'],
  ] as const)('decimal %s %s %s is exactly %s', (a, b, op, expected) => {
    const result = combineNumbers(a, b, op);
    expect(result).toBeInstanceOf(Decimal128);
    expect(String(result)).toBe(expected);
  });
});
