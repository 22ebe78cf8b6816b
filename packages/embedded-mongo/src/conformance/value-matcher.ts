/**
 * The unified test format's matching rules: special `$$` operators, flexible numerics, extra fields
 * allowed only in root-level documents, key order ignored, arrays matched element by element.
 */
import { Binary, BSON, ObjectId } from 'bson';
import { bsonTypeNumber, TYPE_ALIASES } from '../values/bson-type.js';
import { isNumeric, isPlainDocument, toComparableNumber, valuesEqual } from '../values/bson-value.js';

/** Where a value sits in the actual result, for failure messages. */
type Path = string;

const describe = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

function specialOperator(expected: unknown): [string, unknown] | undefined {
  if (!isPlainDocument(expected)) return undefined;
  const keys = Object.keys(expected);
  const [key] = keys;
  return keys.length === 1 && key?.startsWith('$$') ? [key, expected[key]] : undefined;
}

function typeMatches(spec: unknown, actual: unknown): boolean {
  const names = Array.isArray(spec) ? spec : [spec];
  const actualType = bsonTypeNumber(actual);
  return names.some((name) => {
    if (name === 'number') return [1, 16, 18, 19].includes(actualType);
    // A JS number that is integral may have been a long or double on the wire.
    if (typeof actual === 'number' && (name === 'long' || name === 'double' || name === 'int')) {
      return name === 'double' || Number.isInteger(actual);
    }
    return typeof name === 'string' && TYPE_ALIASES[name] === actualType;
  });
}

/**
 * Re-decodes a value produced by the driver with this module's `bson` build: the driver loads the
 * CommonJS build, whose classes fail `instanceof` against the ESM build, and it sends sort specs as
 * Maps. Longs stay Longs so `$$type: "long"` can be checked.
 */
export function normalizeActual(value: unknown): unknown {
  if (value === undefined) return undefined;
  const wrapped = BSON.deserialize(BSON.serialize({ v: value }, { ignoreUndefined: true }), {
    promoteLongs: false,
  });
  return wrapped.v;
}

/** Matches `actual` against `expected`; returns the mismatches (empty when it matches). */
export function matchValue(expected: unknown, actual: unknown, root: boolean, path: Path = '$'): string[] {
  const special = specialOperator(expected);
  if (special) return matchSpecial(special[0], special[1], actual, root, path);
  if (isPlainDocument(expected)) {
    if (!isPlainDocument(actual)) return [`${path}: expected a document, got ${describe(actual)}`];
    const problems: string[] = [];
    for (const [key, value] of Object.entries(expected)) {
      const childPath = `${path}.${key}`;
      const op = specialOperator(value);
      const present = Object.hasOwn(actual, key) && actual[key] !== undefined;
      if (op && op[0] === '$$exists') {
        if (present !== Boolean(op[1]))
          problems.push(`${childPath}: expected ${op[1] ? 'present' : 'absent'}`);
        continue;
      }
      if (op && op[0] === '$$unsetOrMatches') {
        if (present) problems.push(...matchValue(op[1], actual[key], false, childPath));
        continue;
      }
      if (!present) {
        problems.push(`${childPath}: missing (expected ${describe(value)})`);
        continue;
      }
      problems.push(...matchValue(value, actual[key], false, childPath));
    }
    if (!root) {
      for (const key of Object.keys(actual)) {
        if (!Object.hasOwn(expected, key) && actual[key] !== undefined)
          problems.push(`${path}.${key}: unexpected field`);
      }
    }
    return problems;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${describe(actual)}`];
    if (actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} elements, got ${actual.length}: ${describe(actual)}`];
    }
    return expected.flatMap((e, i) => matchValue(e, actual[i], false, `${path}[${i}]`));
  }
  return matchScalar(expected, actual, path);
}

function matchScalar(expected: unknown, actual: unknown, path: Path): string[] {
  if (isNumeric(expected) || isNumeric(actual)) {
    const same = isNumeric(expected) && isNumeric(actual) && valuesEqual(expected, actual);
    return same ? [] : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
  }
  if (expected instanceof ObjectId || expected instanceof Binary || expected instanceof Date) {
    return valuesEqual(expected, actual)
      ? []
      : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
  }
  return Object.is(expected, actual) ||
    (expected === null && actual === null) ||
    valuesEqual(expected, actual)
    ? []
    : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
}

function matchSpecial(op: string, operand: unknown, actual: unknown, root: boolean, path: Path): string[] {
  switch (op) {
    case '$$type':
      return actual !== undefined && typeMatches(operand, actual)
        ? []
        : [`${path}: expected type ${describe(operand)}, got ${describe(actual)}`];
    case '$$exists':
      return (actual !== undefined) === Boolean(operand)
        ? []
        : [`${path}: expected ${operand ? 'present' : 'absent'}`];
    case '$$unsetOrMatches':
      return actual === undefined ? [] : matchValue(operand, actual, root, path);
    case '$$lte':
      return isNumeric(actual) &&
        isNumeric(operand) &&
        toComparableNumber(actual) <= toComparableNumber(operand)
        ? []
        : [`${path}: expected <= ${describe(operand)}, got ${describe(actual)}`];
    case '$$matchAsRoot':
      return matchValue(operand, actual, true, path);
    case '$$matchAsDocument':
      return typeof actual === 'string'
        ? matchValue(operand, JSON.parse(actual), false, path)
        : [`${path}: expected an Extended JSON string`];
    case '$$matchesHexBytes':
      return typeof actual === 'string' &&
        typeof operand === 'string' &&
        Buffer.from(actual).toString('hex') === operand.toLowerCase()
        ? []
        : [`${path}: bytes differ`];
    default:
      return [`${path}: unsupported special operator ${op}`];
  }
}
