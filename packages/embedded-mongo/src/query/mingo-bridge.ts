/**
 * Adapts stored values for `mingo`, which knows JS numbers but not the bson number classes: Long,
 * Decimal128, Int32 and Double become JS numbers (exact below 2^53) before mingo sees them. Other
 * bson classes (ObjectId, Binary, Timestamp) pass through; mingo compares them by `toString()`.
 */
import { isNumeric, isPlainDocument, toComparableNumber, valuesEqual } from '../values/bson-value.js';

/** Deep copy of `value` with every bson number class turned into a JS number. */
export function toMingoValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(toMingoValue);
  if (isNumeric(value)) return Number(toComparableNumber(value));
  if (!isPlainDocument(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toMingoValue(v);
  return out;
}

/** `toMingoValue` for a document. */
export function toMingoDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = toMingoValue(v);
  return out;
}

/**
 * Puts back the original Long/Decimal128 wherever mingo's output still holds the same number, so a
 * pipeline update or `$addFields` does not silently turn untouched longs into doubles.
 */
export function restoreNumberTypes(original: unknown, result: unknown): unknown {
  if (isPlainDocument(original) && isPlainDocument(result)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(result))
      out[k] = Object.hasOwn(original, k) ? restoreNumberTypes(original[k], v) : v;
    return out;
  }
  if (Array.isArray(original) && Array.isArray(result) && original.length === result.length) {
    return result.map((v, i) => restoreNumberTypes(original[i], v));
  }
  if (
    typeof result === 'number' &&
    isNumeric(original) &&
    typeof original === 'object' &&
    valuesEqual(original, result)
  ) {
    return original;
  }
  return result;
}
