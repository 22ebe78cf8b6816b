/**
 * A string encoding of a value such that two values get the same key exactly when MongoDB considers
 * them equal: numbers by value across int/long/double/decimal, objects by field order and values.
 * Index maps and `$group`-style look-ups key on it.
 */
import { Binary, BSONRegExp, BSONSymbol, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { isNumeric, isPlainDocument, toComparableNumber } from './bson-value.js';

function encodeNumber(value: unknown): string {
  const n = toComparableNumber(value);
  if (typeof n === 'bigint') {
    // A long that a double can hold exactly must key like that double.
    const asNumber = Number(n);
    return BigInt(asNumber) === n ? `n${String(asNumber)}` : `n${n.toString()}`;
  }
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return `n${BigInt(n).toString()}`;
  return `n${String(n)}`;
}

/** The canonical key of one value (`undefined` keys like null, as in a MongoDB index). */
export function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'number':
    case 'bigint':
      return encodeNumber(value);
    default:
      break;
  }
  if (isNumeric(value)) return encodeNumber(value);
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).map(quote).join(',')}]`;
  if (value instanceof Binary) {
    return `x${value.sub_type}:${Buffer.from(value.buffer.subarray(0, value.position)).toString('base64')}`;
  }
  if (value instanceof Timestamp) return `t${value.t}:${value.i}`;
  if (value instanceof RegExp) return `r${value.source}/${value.flags}`;
  if (value instanceof BSONRegExp) return `r${value.pattern}/${value.options}`;
  if (value instanceof BSONSymbol) return `s${value.value}`;
  if (value instanceof MinKey) return 'm';
  if (value instanceof MaxKey) return 'M';
  if (isPlainDocument(value)) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) parts.push(`${quote(k)}:${quote(canonicalKey(v))}`);
    }
    return `{${parts.join(',')}}`;
  }
  return `?${String(value)}`;
}

/**
 * Whether two values have the same canonical key, without building the keys: an update's result
 * is compared with the document before it (to count it as modified or not), and the keys of a
 * large document nest quoted copies of every string in it.
 */
export function sameCanonicalValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameCanonicalValue(item, b[i]));
  }
  if (isPlainDocument(a) && isPlainDocument(b)) {
    // Fields holding undefined are left out of a key, so they are skipped here too.
    const left = Object.entries(a).filter(([, v]) => v !== undefined);
    const right = Object.entries(b).filter(([, v]) => v !== undefined);
    if (left.length !== right.length) return false;
    return left.every(([key, value], i) => {
      const other = right[i];
      return other !== undefined && other[0] === key && sameCanonicalValue(value, other[1]);
    });
  }
  if (isPlainDocument(a) || isPlainDocument(b)) return false;
  return canonicalKey(a) === canonicalKey(b);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
