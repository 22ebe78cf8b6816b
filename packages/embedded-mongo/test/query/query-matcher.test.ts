import { Decimal128, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/query/query-matcher.js';
import { sortDocuments } from '../../src/query/sort-order.js';
import { compareValues } from '../../src/values/bson-value.js';
import { canonicalKey } from '../../src/values/canonical-key.js';

const id = new ObjectId('65f0a1b2c3d4e5f607182930');
const doc = {
  _id: id,
  n: 5,
  long: Long.fromNumber(5),
  dec: Decimal128.fromString('2.5'),
  s: 'hello',
  nil: null,
  arr: [1, 5, 9],
  objs: [
    { k: 'a', v: 1 },
    { k: 'b', v: 2 },
  ],
  sub: { deep: { x: 1 } },
  when: new Date('2024-01-01T00:00:00Z'),
};

describe('compileFilter', () => {
  it.each([
    [{ _id: new ObjectId(id.toHexString()) }, true],
    [{ n: 5.0 }, true],
    [{ n: Long.fromNumber(5) }, true],
    [{ long: 5 }, true],
    [{ long: { $gte: 4.5, $lt: 6 } }, true],
    [{ dec: { $gt: 2 } }, true],
    [{ n: '5' }, false],
    [{ n: { $gt: '4' } }, false],
    [{ missing: null }, true],
    [{ nil: null }, true],
    [{ nil: { $exists: true } }, true],
    [{ missing: { $exists: false } }, true],
    [{ arr: 5 }, true],
    [{ arr: [1, 5, 9] }, true],
    [{ arr: [5, 1, 9] }, false],
    [{ arr: { $gt: 8 } }, true],
    [{ arr: { $all: [9, 1] } }, true],
    [{ arr: { $size: 3 } }, true],
    [{ arr: { $elemMatch: { $gt: 4, $lt: 6 } } }, true],
    [{ 'arr.1': 5 }, true],
    [{ 'objs.k': 'b' }, true],
    [{ objs: { $elemMatch: { k: 'a', v: 2 } } }, false],
    [{ 'objs.v': { $in: [7, 2] } }, true],
    [{ arr: { $nin: [5] } }, false],
    [{ arr: { $ne: 4 } }, true],
    [{ s: /^HEL/i }, true],
    [{ s: { $regex: 'l+o$' } }, true],
    [{ s: { $not: /^h/ } }, false],
    [{ 'sub.deep.x': 1 }, true],
    [{ sub: { deep: { x: 1 } } }, true],
    [{ sub: { deep: { x: 1, y: 2 } } }, false],
    [{ when: { $lt: new Date('2025-01-01') } }, true],
    [{ long: { $type: 'long' } }, true],
    [{ n: { $type: 'number' } }, true],
    [{ n: { $mod: [4, 1] } }, true],
    [{ $or: [{ n: 1 }, { s: 'hello' }] }, true],
    [{ $nor: [{ n: 5 }] }, false],
    [{ $and: [{ n: 5 }, { s: 'x' }] }, false],
    [{ $expr: { $gt: ['$n', 4] } }, true],
  ])('%j matches: %s', (filter, expected) => {
    expect(compileFilter(filter)(doc)).toBe(expected);
  });

  it.each([
    [{ a: { $bogus: 1 } }],
    [{ $bogus: 1 }],
    [{ $or: [] }],
    [{ a: { $in: 5 } }],
    [{ a: { $size: 'x' } }],
  ])('rejects %j with BadValue', (filter) => {
    expect(() => compileFilter(filter)).toThrow(expect.objectContaining({ code: 2 }));
  });
});

describe('ordering and keys', () => {
  it('orders values by type bracket, then value', () => {
    const values = [true, 'a', id, null, 2, { a: 1 }, [1], new Date(0), Long.fromNumber(1)];
    expect([...values].sort(compareValues)).toEqual([
      null,
      Long.fromNumber(1),
      2,
      'a',
      { a: 1 },
      [1],
      id,
      true,
      new Date(0),
    ]);
  });

  it('gives numerically equal values the same canonical key', () => {
    expect(canonicalKey(1)).toBe(canonicalKey(Long.fromNumber(1)));
    expect(canonicalKey({ a: 1.0 })).toBe(canonicalKey({ a: Long.fromNumber(1) }));
    expect(canonicalKey(Long.fromString('9007199254740993'))).not.toBe(canonicalKey(9007199254740992));
    expect(canonicalKey('1')).not.toBe(canonicalKey(1));
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
  });

  it('sorts arrays by their smallest element ascending and largest descending', () => {
    const docs = [{ _id: 1, a: [3, 10] }, { _id: 2, a: 5 }, { _id: 3 }];
    expect(sortDocuments(docs, { a: 1 }).map((d) => d._id)).toEqual([3, 1, 2]);
    expect(sortDocuments(docs, { a: -1 }).map((d) => d._id)).toEqual([1, 2, 3]);
  });
});
