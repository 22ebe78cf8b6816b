/**
 * Value tests for `$regex` and the `$bits*` operators.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { isNumeric, toComparableNumber } from '../values/bson-value.js';

/** A test of one value. */
export type ValueTest = (value: unknown) => boolean;

/** Builds a RegExp from a `$regex` operand and `$options`. */
export function buildRegex(pattern: unknown, options: unknown): RegExp {
  const flags = typeof options === 'string' ? options : '';
  if (options !== undefined && typeof options !== 'string')
    throw createMongoError(2, '$options has to be a string');
  const source = pattern instanceof RegExp ? pattern.source : pattern;
  if (typeof source !== 'string') throw createMongoError(2, '$regex has to be a string');
  const merged = new Set([...(pattern instanceof RegExp ? pattern.flags : ''), ...flags]);
  const jsFlags = [...merged].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(source, jsFlags);
  } catch (error) {
    throw createMongoError(51091, `Regular expression is invalid: ${String(error)}`);
  }
}

export const regexTest =
  (re: RegExp): ValueTest =>
  (v) => {
    if (typeof v !== 'string') return v instanceof RegExp && v.source === re.source && v.flags === re.flags;
    re.lastIndex = 0;
    return re.test(v);
  };

/** `$bitsAllSet`/`$bitsAnySet`/`$bitsAllClear`/`$bitsAnyClear` over integer values. */
export function bitsTest(name: string, operand: unknown): ValueTest {
  let mask = 0n;
  if (Array.isArray(operand)) {
    for (const p of operand) mask |= 1n << BigInt(Number(toComparableNumber(p)));
  } else if (isNumeric(operand)) {
    mask = BigInt(Math.trunc(Number(toComparableNumber(operand))));
  } else {
    throw createMongoError(
      2,
      `${name} takes an Array, a number, or a BinData but received: ${String(operand)}`,
    );
  }
  return (v) => {
    if (!isNumeric(v)) return false;
    const n = toComparableNumber(v);
    if (typeof n === 'number' && !Number.isInteger(n)) return false;
    const bits = BigInt.asUintN(64, BigInt(n));
    const hit = bits & mask;
    if (name === '$bitsAllSet') return hit === mask;
    if (name === '$bitsAnySet') return hit !== 0n;
    if (name === '$bitsAllClear') return hit === 0n;
    return hit !== mask;
  };
}
