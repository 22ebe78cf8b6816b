/**
 * The update operators (`$set`, `$inc`, `$push`, ...) applied to one concrete path of a document
 * copy. Errors use MongoDB's codes and message shapes.
 */
import { Long, Timestamp } from 'bson';
import { bsonTypeNumber } from './bson-type.js';
import { compareValues, isNumeric, isPlainDocument, toComparableNumber, valuesEqual } from './bson-value.js';
import { cloneDocumentTree } from './document-clone.js';
import { createMongoError } from './mongo-error.js';
import { combineNumbers, zeroLike } from './number-arithmetic.js';
import { compileFilter } from './query-matcher.js';
import { compileCondition } from './query-operators.js';
import { compileSort } from './sort-order.js';
import { getChild, locateSlot, setChild } from './update-paths.js';

/** Applies one operator to one concrete path; `id` is used in error messages. */
export type OperatorApplier = (
  doc: Record<string, unknown>,
  parts: string[],
  operand: unknown,
  id: unknown,
) => void;

const TYPE_NAMES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  8: 'bool',
  9: 'date',
  10: 'null',
  16: 'int',
  18: 'long',
  7: 'objectId',
};
const typeName = (v: unknown): string => TYPE_NAMES[bsonTypeNumber(v)] ?? 'unknown';
const idText = (id: unknown): string => `{_id: ${JSON.stringify(id) ?? String(id)}}`;

function removeChild(container: Record<string, unknown> | unknown[], key: string): void {
  if (Array.isArray(container)) {
    if (/^\d+$/.test(key) && Number(key) < container.length) container[Number(key)] = null;
  } else {
    delete container[key];
  }
}

function arithmetic(name: '$inc' | '$mul'): OperatorApplier {
  return (doc, parts, operand, id) => {
    if (!isNumeric(operand)) {
      const verb = name === '$inc' ? 'increment' : 'multiply';
      throw createMongoError(
        14,
        `Cannot ${verb} with non-numeric argument: {${parts.join('.')}: ${JSON.stringify(operand)}}`,
      );
    }
    const slot = locateSlot(doc, parts, true);
    if (!slot) return;
    const current = getChild(slot.container, slot.key);
    if (current === undefined) {
      setChild(slot.container, slot.key, name === '$inc' ? operand : zeroLike(operand));
      return;
    }
    if (!isNumeric(current)) {
      throw createMongoError(
        14,
        `Cannot apply ${name} to a value of non-numeric type. ${idText(id)} has the field '${slot.key}' of non-numeric type ${typeName(current)}`,
      );
    }
    setChild(slot.container, slot.key, combineNumbers(current, operand, name === '$inc' ? 'add' : 'mul'));
  };
}

function extreme(keepIfLower: boolean): OperatorApplier {
  return (doc, parts, operand) => {
    const slot = locateSlot(doc, parts, true);
    if (!slot) return;
    const current = getChild(slot.container, slot.key);
    const c = current === undefined ? 0 : compareValues(operand, current);
    if (current === undefined || (keepIfLower ? c < 0 : c > 0)) setChild(slot.container, slot.key, operand);
  };
}

function arrayAt(doc: Record<string, unknown>, parts: string[], op: string, id: unknown, create: boolean) {
  const slot = locateSlot(doc, parts, create);
  if (!slot) return undefined;
  const current = getChild(slot.container, slot.key);
  if (current === undefined) {
    if (!create) return undefined;
    const created: unknown[] = [];
    setChild(slot.container, slot.key, created);
    return created;
  }
  if (!Array.isArray(current)) {
    throw createMongoError(
      op === '$push' || op === '$addToSet' ? 2 : 14,
      `The field '${parts.join('.')}' must be an array but is of type ${typeName(current)} in document ${idText(id)}`,
    );
  }
  return current;
}

const eachOf = (operand: unknown): unknown[] | undefined =>
  isPlainDocument(operand) && '$each' in operand
    ? Array.isArray(operand.$each)
      ? operand.$each
      : (() => {
          throw createMongoError(2, `The argument to $each must be an array`);
        })()
    : undefined;

const push: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$push', id, true);
  if (!array) return;
  const each = eachOf(operand);
  const items = (each ?? [operand]).map((v) => cloneDocumentTree(v));
  const mods = isPlainDocument(operand) && each ? operand : {};
  const position = mods.$position === undefined ? array.length : Number(toComparableNumber(mods.$position));
  const at = position < 0 ? Math.max(0, array.length + position) : Math.min(position, array.length);
  array.splice(at, 0, ...items);
  if (mods.$sort !== undefined) {
    const spec = mods.$sort;
    const cmp = isPlainDocument(spec) ? compileSort(spec) : undefined;
    const dir = isNumeric(spec) ? Number(toComparableNumber(spec)) : 1;
    array.sort(cmp ?? ((a, b) => compareValues(a, b) * dir));
  }
  if (mods.$slice !== undefined) {
    const n = Number(toComparableNumber(mods.$slice));
    const kept = n >= 0 ? array.slice(0, n) : array.slice(Math.max(0, array.length + n));
    array.splice(0, array.length, ...kept);
  }
};

const addToSet: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$addToSet', id, true);
  if (!array) return;
  for (const item of eachOf(operand) ?? [operand]) {
    if (!array.some((e) => valuesEqual(e, item))) array.push(cloneDocumentTree(item));
  }
};

const pull: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$pull', id, false);
  if (!array) return;
  let test: (e: unknown) => boolean;
  if (isPlainDocument(operand) && Object.keys(operand).length > 0) {
    const operatorForm = Object.keys(operand).every(
      (k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k),
    );
    if (operatorForm) {
      const c = compileCondition(operand, compileFilter);
      test = (e) => c([e]);
    } else {
      const f = compileFilter(operand);
      test = (e) => isPlainDocument(e) && f(e);
    }
  } else {
    test = (e) => valuesEqual(e, operand);
  }
  const kept = array.filter((e) => !test(e));
  array.splice(0, array.length, ...kept);
};

const pullAll: OperatorApplier = (doc, parts, operand, id) => {
  if (!Array.isArray(operand))
    throw createMongoError(2, `$pullAll requires an array argument but was given a ${typeName(operand)}`);
  const array = arrayAt(doc, parts, '$pullAll', id, false);
  if (!array) return;
  const kept = array.filter((e) => !operand.some((v) => valuesEqual(e, v)));
  array.splice(0, array.length, ...kept);
};

const pop: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$pop', id, false);
  if (!array || array.length === 0) return;
  if (Number(toComparableNumber(operand)) === -1) array.shift();
  else array.pop();
};

const currentDate: OperatorApplier = (doc, parts, operand) => {
  const slot = locateSlot(doc, parts, true);
  if (!slot) return;
  const wantTimestamp = isPlainDocument(operand) && operand.$type === 'timestamp';
  const now = Date.now();
  const value = wantTimestamp ? new Timestamp({ t: Math.floor(now / 1000), i: 1 }) : new Date(now);
  setChild(slot.container, slot.key, value);
};

const bit: OperatorApplier = (doc, parts, operand) => {
  if (!isPlainDocument(operand)) throw createMongoError(2, '$bit needs a document');
  const slot = locateSlot(doc, parts, true);
  if (!slot) return;
  const current = getChild(slot.container, slot.key) ?? 0;
  const isLong = current instanceof Long;
  let v = BigInt(toComparableNumber(current));
  for (const [how, raw] of Object.entries(operand)) {
    const m = BigInt(toComparableNumber(raw));
    v = how === 'and' ? v & m : how === 'or' ? v | m : how === 'xor' ? v ^ m : v;
  }
  setChild(slot.container, slot.key, isLong ? Long.fromBigInt(v) : Number(BigInt.asIntN(32, v)));
};

/** Every supported operator except `$rename` and `$setOnInsert`, handled by the caller. */
export const OPERATORS: Readonly<Record<string, OperatorApplier>> = {
  $set: (doc, parts, operand) => {
    const slot = locateSlot(doc, parts, true);
    if (slot) setChild(slot.container, slot.key, cloneDocumentTree(operand));
  },
  $unset: (doc, parts) => {
    const slot = locateSlot(doc, parts, false);
    if (slot) removeChild(slot.container, slot.key);
  },
  $inc: arithmetic('$inc'),
  $mul: arithmetic('$mul'),
  $min: extreme(true),
  $max: extreme(false),
  $push: push,
  $addToSet: addToSet,
  $pull: pull,
  $pullAll: pullAll,
  $pop: pop,
  $currentDate: currentDate,
  $bit: bit,
};

/** Moves a field (`$rename`); a missing source is a no-op. */
export function renameField(doc: Record<string, unknown>, from: string[], to: string[]): void {
  const source = locateSlot(doc, from, false);
  if (!source || Array.isArray(source.container)) return;
  const value = getChild(source.container, source.key);
  if (value === undefined) return;
  removeChild(source.container, source.key);
  const target = locateSlot(doc, to, true);
  if (target) setChild(target.container, target.key, value);
}
