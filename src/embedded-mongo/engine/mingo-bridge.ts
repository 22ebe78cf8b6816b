/**
 * Adapts stored values for `mingo`, which knows JS numbers but not the bson number classes: Long,
 * Decimal128, Int32 and Double become JS numbers (exact below 2^53) before mingo sees them. Other
 * bson classes (ObjectId, Binary, Timestamp) pass through; mingo compares them by `toString()`.
 */
import { isNumeric, isPlainDocument, toComparableNumber } from './bson-value.js';

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
