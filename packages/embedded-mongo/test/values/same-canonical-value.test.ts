import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKey, sameCanonicalValue } from '../../src/values/canonical-key.js';

/** Values as documents hold them, with the numeric types MongoDB compares by value. */
const scalar = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, 1, -1, 2.5, 'a', 'b', ''),
  fc.integer({ min: -3, max: 3 }).map((n) => new Int32(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => Long.fromNumber(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => new Double(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => Decimal128.fromString(String(n))),
  fc.constantFrom(new Date(0), new Date(1)),
  fc.constantFrom(new ObjectId('650000000000000000000001'), new ObjectId('650000000000000000000002')),
  fc.string({ maxLength: 3 }),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('doc')),
  array: fc.array(tie('any'), { maxLength: 3 }),
  doc: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('any'), { maxKeys: 3 }),
})).any;

describe('sameCanonicalValue', () => {
  it('agrees with comparing canonical keys', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameCanonicalValue(a, b)).toBe(canonicalKey(a) === canonicalKey(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ n: new Int32(1) }, { n: 1 }, true],
    [[1, [2]], [1, [new Long(2)]], true],
    [[1], { 0: 1 }, false],
    [null, undefined, true],
  ])('%j and %j are the same: %s', (a, b, same) => {
    expect(sameCanonicalValue(a, b)).toBe(same);
    expect(canonicalKey(a) === canonicalKey(b)).toBe(same);
  });
});
