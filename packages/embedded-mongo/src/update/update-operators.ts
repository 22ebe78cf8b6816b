/**
 * The update operators (`$set`, `$inc`, `$push`, ...) applied to one concrete path of a document
 * copy. Errors use MongoDB's codes and message shapes.
 */
import { Long, Timestamp } from 'bson';
import { createMongoError } from '../errors/mongo-error.js';
import { compareValues, isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { cloneDocumentTree } from '../values/document-clone.js';
import { combineNumbers, zeroLike } from '../values/number-arithmetic.js';
import type { OperatorApplier } from './operator-applier.js';
import {
  addToSetOperator,
  popOperator,
  pullAllOperator,
  pullOperator,
  pushOperator,
} from './update-array-operators.js';
import { idText, typeName } from './update-errors.js';
import { getChild, locateSlot, setChild } from './update-paths.js';

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
  $push: pushOperator,
  $addToSet: addToSetOperator,
  $pull: pullOperator,
  $pullAll: pullAllOperator,
  $pop: popOperator,
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
