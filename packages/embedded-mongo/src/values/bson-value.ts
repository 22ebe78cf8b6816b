/**
 * MongoDB's value semantics over values as the `bson` package decodes them (with `promoteLongs:
 * false`, so Long stays Long; Int32 and Double arrive as JS numbers): type brackets, comparison,
 * equality and a canonical key that is equal exactly when two values compare equal.
 */
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';

/** MongoDB's type brackets, in sort order. */
export const TypeOrder = {
  minKey: 1,
  nullish: 2,
  number: 3,
  string: 4,
  object: 5,
  array: 6,
  binData: 7,
  objectId: 8,
  boolean: 9,
  date: 10,
  timestamp: 11,
  regex: 12,
  maxKey: 13,
} as const;

/** True for a plain object: a sub-document (not an array, Date, RegExp or bson value class). */
export function isPlainDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True for int32/double/long/decimal values. */
export function isNumeric(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Long ||
    value instanceof Decimal128 ||
    value instanceof Int32 ||
    value instanceof Double
  );
}

/** A number or bigint carrying a numeric value's magnitude, for comparisons across types. */
export function toComparableNumber(value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (value instanceof Long) return value.toBigInt();
  if (value instanceof Decimal128) return Number(value.toString());
  if (value instanceof Int32 || value instanceof Double) return value.value;
  return Number.NaN;
}

/** The type bracket of a value; `undefined` (a missing field) sorts with null. */
export function typeOrderOf(value: unknown): number {
  if (value === null || value === undefined) return TypeOrder.nullish;
  if (typeof value === 'string') return TypeOrder.string;
  if (typeof value === 'boolean') return TypeOrder.boolean;
  if (typeof value === 'number' || typeof value === 'bigint') return TypeOrder.number;
  if (Array.isArray(value)) return TypeOrder.array;
  if (value instanceof Date) return TypeOrder.date;
  if (value instanceof RegExp || value instanceof BSONRegExp) return TypeOrder.regex;
  if (isNumeric(value)) return TypeOrder.number;
  if (value instanceof ObjectId) return TypeOrder.objectId;
  if (value instanceof Binary) return TypeOrder.binData;
  if (value instanceof Timestamp) return TypeOrder.timestamp;
  if (value instanceof MinKey) return TypeOrder.minKey;
  if (value instanceof MaxKey) return TypeOrder.maxKey;
  if (value instanceof BSONSymbol) return TypeOrder.string;
  return TypeOrder.object;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

function compareNumbers(a: unknown, b: unknown): number {
  const x = toComparableNumber(a);
  const y = toComparableNumber(b);
  const xNaN = typeof x === 'number' && Number.isNaN(x);
  const yNaN = typeof y === 'number' && Number.isNaN(y);
  // MongoDB sorts NaN below every other number and treats NaN as equal to NaN.
  if (xNaN || yNaN) return xNaN && yNaN ? 0 : xNaN ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return sign(a.length - b.length);
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return sign(d);
  }
  return 0;
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  if (value instanceof BSONRegExp) return [value.pattern, value.options];
  return ['', ''];
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return value instanceof BSONSymbol ? value.value : String(value);
}

function binaryBytes(value: unknown): Uint8Array {
  return value instanceof Binary ? value.buffer.subarray(0, value.position) : new Uint8Array();
}

function compareDocuments(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] ?? '';
    const fb = kb[i] ?? '';
    const t = typeOrderOf(a[fa]) - typeOrderOf(b[fb]);
    if (t !== 0) return sign(t);
    if (fa !== fb) return fa < fb ? -1 : 1;
    const c = compareValues(a[fa], b[fb]);
    if (c !== 0) return c;
  }
  return sign(ka.length - kb.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const t = typeOrderOf(a[i]) - typeOrderOf(b[i]);
    if (t !== 0) return sign(t);
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Compares two values the way MongoDB orders them (no array "min/max element" rules here). */
export function compareValues(a: unknown, b: unknown): number {
  const ta = typeOrderOf(a);
  const tb = typeOrderOf(b);
  if (ta !== tb) return sign(ta - tb);
  switch (ta) {
    case TypeOrder.nullish:
    case TypeOrder.minKey:
    case TypeOrder.maxKey:
      return 0;
    case TypeOrder.number:
      return compareNumbers(a, b);
    case TypeOrder.string: {
      const sa = stringOf(a);
      const sb = stringOf(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    case TypeOrder.boolean:
      return sign(Number(a) - Number(b));
    case TypeOrder.date:
      return a instanceof Date && b instanceof Date ? sign(a.getTime() - b.getTime()) : 0;
    case TypeOrder.objectId:
      return a instanceof ObjectId && b instanceof ObjectId ? compareBytes(a.id, b.id) : 0;
    case TypeOrder.binData: {
      const xb = binaryBytes(a);
      const yb = binaryBytes(b);
      if (xb.length !== yb.length) return sign(xb.length - yb.length);
      const xs = a instanceof Binary ? a.sub_type : 0;
      const ys = b instanceof Binary ? b.sub_type : 0;
      return xs !== ys ? sign(xs - ys) : compareBytes(xb, yb);
    }
    case TypeOrder.timestamp:
      return a instanceof Timestamp && b instanceof Timestamp ? sign(a.t - b.t) || sign(a.i - b.i) : 0;
    case TypeOrder.regex: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return pa < pb ? -1 : pa > pb ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0;
    }
    case TypeOrder.array:
      return Array.isArray(a) && Array.isArray(b) ? compareArrays(a, b) : 0;
    default:
      return isPlainDocument(a) && isPlainDocument(b) ? compareDocuments(a, b) : 0;
  }
}

/** MongoDB equality: same bracket and compares equal (numbers by value across int/long/double). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}
