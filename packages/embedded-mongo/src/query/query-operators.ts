/**
 * Field-level query operators (`$eq`, `$gt`, `$in`, `$regex`, `$elemMatch`, ...) compiled into
 * predicates over the values a path reaches. MongoDB applies most operators to the value itself and,
 * when it is an array, to each element; negations (`$ne`, `$nin`, `$not`) negate that whole answer.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { bsonTypeNumber, parseTypeSpec } from '../values/bson-type.js';
import {
  compareValues,
  isNumeric,
  isPlainDocument,
  toComparableNumber,
  typeOrderOf,
  valuesEqual,
} from '../values/bson-value.js';
import { MISSING, type PathValue } from '../values/document-path.js';
import { bitsTest, buildRegex, regexTest, type ValueTest } from './query-value-tests.js';

/** A compiled condition over the values one path reaches. */
export type ValuesPredicate = (values: readonly PathValue[]) => boolean;
/** Compiles a whole filter document; injected to break the module cycle with `$elemMatch`. */
export type FilterCompiler = (filter: unknown) => (doc: unknown) => boolean;

const present = (v: unknown): unknown => (v === MISSING ? undefined : v);

/** True when `test` holds for a reached value or, for arrays, any element of it. */
function anyValue(values: readonly PathValue[], test: ValueTest): boolean {
  for (const raw of values) {
    const v = present(raw);
    if (test(v)) return true;
    if (Array.isArray(v) && v.some(test)) return true;
  }
  return false;
}

/** Equality test for a literal operand (regex operands match strings). */
export function equalityTest(operand: unknown): ValueTest {
  if (operand instanceof RegExp) return regexTest(operand);
  return (v) => valuesEqual(v, operand);
}

function comparisonTest(operand: unknown, accept: (c: number) => boolean): ValueTest {
  const bracket = typeOrderOf(operand);
  return (v) => typeOrderOf(v) === bracket && accept(compareValues(v, operand));
}

function requireArray(name: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw createMongoError(2, `${name} needs an array`);
  return operand;
}

function inTest(operand: unknown, name: string): ValueTest {
  const tests = requireArray(name, operand).map((item) => {
    if (isPlainDocument(item) && Object.keys(item).some((k) => k.startsWith('$'))) {
      throw createMongoError(2, 'cannot nest $ under $in');
    }
    return equalityTest(item);
  });
  // A long list of strings (ids) is looked up, not walked: a string equals only the same string.
  const strings = requireArray(name, operand);
  if (strings.length > 8 && strings.every((item) => typeof item === 'string')) {
    const set = new Set(strings);
    return (v) => (typeof v === 'string' ? set.has(v) : tests.some((t) => t(v)));
  }
  return (v) => tests.some((t) => t(v));
}

/** Compiles one `{ $op: operand, ... }` object (or a literal) into a predicate over reached values. */
export function compileCondition(condition: unknown, compileFilter: FilterCompiler): ValuesPredicate {
  if (condition instanceof RegExp) {
    const t = regexTest(condition);
    return (values) => anyValue(values, t);
  }
  if (!isPlainDocument(condition) || !Object.keys(condition).some((k) => k.startsWith('$'))) {
    const t = equalityTest(condition);
    return (values) => anyValue(values, t);
  }
  const parts: ValuesPredicate[] = [];
  for (const [op, operand] of Object.entries(condition)) {
    if (op === '$options') {
      if (!('$regex' in condition)) throw createMongoError(2, '$options needs a $regex');
      continue;
    }
    parts.push(compileOperator(op, operand, condition, compileFilter));
  }
  return (values) => parts.every((p) => p(values));
}

function compileOperator(
  op: string,
  operand: unknown,
  condition: Record<string, unknown>,
  compileFilter: FilterCompiler,
): ValuesPredicate {
  const any =
    (t: ValueTest): ValuesPredicate =>
    (values) =>
      anyValue(values, t);
  switch (op) {
    case '$eq':
      return any(operand instanceof RegExp ? (v) => valuesEqual(v, operand) : equalityTest(operand));
    case '$ne': {
      const eq = any((v) => valuesEqual(v, operand));
      return (values) => !eq(values);
    }
    case '$gt':
      return any(comparisonTest(operand, (c) => c > 0));
    case '$gte':
      return any(comparisonTest(operand, (c) => c >= 0));
    case '$lt':
      return any(comparisonTest(operand, (c) => c < 0));
    case '$lte':
      return any(comparisonTest(operand, (c) => c <= 0));
    case '$in':
      return any(inTest(operand, '$in'));
    case '$nin': {
      const t = any(inTest(operand, '$nin'));
      return (values) => !t(values);
    }
    case '$exists': {
      const want = Boolean(isNumeric(operand) ? Number(toComparableNumber(operand)) : operand);
      return (values) => values.some((v) => v !== MISSING) === want;
    }
    case '$type': {
      const accepts = parseTypeSpec(operand);
      return (values) =>
        values.some((raw) => {
          if (raw === MISSING) return false;
          if (accepts(bsonTypeNumber(raw))) return true;
          return Array.isArray(raw) && raw.some((e) => accepts(bsonTypeNumber(e)));
        });
    }
    case '$regex':
      return any(regexTest(buildRegex(operand, condition.$options)));
    case '$mod': {
      const args = requireArray('$mod', operand);
      if (args.length !== 2 || !args.every(isNumeric)) {
        throw createMongoError(2, 'malformed mod, needs to be an array of two numbers');
      }
      const d = Math.trunc(Number(toComparableNumber(args[0])));
      const r = Math.trunc(Number(toComparableNumber(args[1])));
      if (d === 0) throw createMongoError(2, 'divisor cannot be 0');
      return any((v) => isNumeric(v) && Math.trunc(Number(toComparableNumber(v))) % d === r);
    }
    case '$size': {
      if (!isNumeric(operand)) throw createMongoError(2, '$size needs a number');
      const n = Number(toComparableNumber(operand));
      return (values) => values.some((v) => Array.isArray(v) && v.length === n);
    }
    case '$all': {
      const items = requireArray('$all', operand);
      if (items.length === 0) return () => false;
      const preds = items.map((item) =>
        isPlainDocument(item) && '$elemMatch' in item
          ? compileCondition(item, compileFilter)
          : compileCondition(item instanceof RegExp ? item : { $eq: item }, compileFilter),
      );
      return (values) => preds.every((p) => p(values));
    }
    case '$elemMatch':
      return compileElemMatch(operand, compileFilter);
    case '$not': {
      if (!(operand instanceof RegExp) && !isPlainDocument(operand)) {
        throw createMongoError(2, '$not needs a regex or a document');
      }
      if (isPlainDocument(operand) && Object.keys(operand).length === 0) {
        throw createMongoError(2, '$not cannot be empty');
      }
      const inner = compileCondition(operand, compileFilter);
      return (values) => !inner(values);
    }
    case '$bitsAllSet':
    case '$bitsAnySet':
    case '$bitsAllClear':
    case '$bitsAnyClear':
      return any(bitsTest(op, operand));
    case '$comment':
      return () => true;
    default:
      throw createMongoError(2, `unknown operator: ${op}`);
  }
}

function compileElemMatch(operand: unknown, compileFilter: FilterCompiler): ValuesPredicate {
  if (!isPlainDocument(operand)) throw createMongoError(2, '$elemMatch needs an Object');
  const keys = Object.keys(operand);
  const valueForm =
    keys.length > 0 && keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(k));
  const elementTest: ValueTest = valueForm
    ? (
        (c) => (e: unknown) =>
          c([e])
      )(compileCondition(operand, compileFilter))
    : (
        (f) => (e: unknown) =>
          isPlainDocument(e) && f(e)
      )(compileFilter(operand));
  return (values) => values.some((v) => Array.isArray(v) && v.some(elementTest));
}
