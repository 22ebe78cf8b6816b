/**
 * `$inc`/`$mul` arithmetic with MongoDB's type promotion: int op int stays int unless it overflows
 * (then long), any long makes long, any double makes double, any decimal makes decimal.
 */
import { Decimal128, Double, Int32, Long } from 'bson';
import { toComparableNumber } from './bson-value.js';
import { combineDecimals } from './decimal-arithmetic.js';

type NumberKind = 0 | 1 | 2 | 3; // int, long, double, decimal

function kindOf(value: unknown): NumberKind {
  if (value instanceof Decimal128) return 3;
  if (value instanceof Long || typeof value === 'bigint') return 1;
  if (value instanceof Int32) return 0;
  if (value instanceof Double) return 2;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 0 : 2;
  }
  return 2;
}

function decimalText(value: unknown): string {
  if (value instanceof Decimal128 || value instanceof Long) return value.toString();
  return String(toComparableNumber(value));
}

function toBigInt(value: unknown): bigint {
  const n = toComparableNumber(value);
  return typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
}

/** Applies `op` to two numeric values and returns a value of MongoDB's result type. */
export function combineNumbers(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const kind = Math.max(kindOf(a), kindOf(b));
  if (kind === 3) {
    const exact = combineDecimals(decimalText(a), decimalText(b), op);
    if (exact) return exact;
    const x = Number(toComparableNumber(a));
    const y = Number(toComparableNumber(b));
    return Decimal128.fromString(String(op === 'add' ? x + y : x * y));
  }
  if (kind === 2) {
    const x = Number(toComparableNumber(a));
    const y = Number(toComparableNumber(b));
    return op === 'add' ? x + y : x * y;
  }
  const x = toBigInt(a);
  const y = toBigInt(b);
  const result = BigInt.asIntN(64, op === 'add' ? x + y : x * y);
  if (kind === 0 && result >= -2147483648n && result <= 2147483647n) return Number(result);
  return Long.fromBigInt(result);
}

/** Zero of the same numeric type as `like` (for `$mul` on a missing field). */
export function zeroLike(like: unknown): unknown {
  const kind = kindOf(like);
  if (kind === 3) return Decimal128.fromString('0');
  if (kind === 1) return Long.fromNumber(0);
  return 0;
}
