/**
 * BSON type numbers and `$type` aliases, for the `$type` query operator and `$$type` matching.
 */
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { createMongoError } from '../errors/mongo-error.js';
import { isNumeric, isPlainDocument, toComparableNumber } from './bson-value.js';

/** `$type` alias → BSON type number. */
export const TYPE_ALIASES: Readonly<Record<string, number>> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

const NUMBER_TYPES = new Set([1, 16, 18, 19]);

/** The BSON type number a value would be stored as. */
export function bsonTypeNumber(value: unknown): number {
  if (value === null) return 10;
  if (value === undefined) return 6;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 8;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0)
      ? 16
      : 1;
  }
  if (typeof value === 'bigint' || value instanceof Long) return 18;
  if (Array.isArray(value)) return 4;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp || value instanceof BSONRegExp) return 11;
  if (value instanceof ObjectId) return 7;
  if (value instanceof Binary) return 5;
  if (value instanceof Decimal128) return 19;
  if (value instanceof Int32) return 16;
  if (value instanceof Double) return 1;
  if (value instanceof Timestamp) return 17;
  if (value instanceof MinKey) return -1;
  if (value instanceof MaxKey) return 127;
  if (value instanceof BSONSymbol) return 14;
  if (value instanceof Code) return value.scope ? 15 : 13;
  if (value instanceof DBRef || isPlainDocument(value)) return 3;
  return 3;
}

/** Parses a `$type` operand (number, alias or array of them) into a matcher of BSON type numbers. */
export function parseTypeSpec(spec: unknown): (typeNumber: number) => boolean {
  const specs = Array.isArray(spec) ? spec : [spec];
  const wanted = new Set<number>();
  let anyNumber = false;
  for (const s of specs) {
    if (s === 'number') {
      anyNumber = true;
    } else if (typeof s === 'string') {
      const n = TYPE_ALIASES[s];
      if (n === undefined) throw createMongoError(2, `Unknown type name alias: ${s}`);
      wanted.add(n);
    } else if (isNumeric(s)) {
      wanted.add(Number(toComparableNumber(s)));
    } else {
      throw createMongoError(14, 'type must be represented as a number or a string');
    }
  }
  return (t) => wanted.has(t) || (anyNumber && NUMBER_TYPES.has(t));
}
