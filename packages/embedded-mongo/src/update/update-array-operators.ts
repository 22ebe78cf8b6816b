/**
 * The array update operators: `$push` (with `$each`, `$position`, `$sort`, `$slice`), `$addToSet`,
 * `$pull`, `$pullAll` and `$pop`.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { compileFilter } from '../query/query-matcher.js';
import { compileCondition } from '../query/query-operators.js';
import { compileSort } from '../query/sort-order.js';
import {
  compareValues,
  isNumeric,
  isPlainDocument,
  toComparableNumber,
  valuesEqual,
} from '../values/bson-value.js';
import { cloneDocumentTree } from '../values/document-clone.js';
import type { OperatorApplier } from './operator-applier.js';
import { idText, typeName } from './update-errors.js';
import { getChild, locateSlot, setChild } from './update-paths.js';

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

export const pushOperator: OperatorApplier = (doc, parts, operand, id) => {
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

export const addToSetOperator: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$addToSet', id, true);
  if (!array) return;
  for (const item of eachOf(operand) ?? [operand]) {
    if (!array.some((e) => valuesEqual(e, item))) array.push(cloneDocumentTree(item));
  }
};

/** `$pull` conditions compiled once per update, not once per document it changes. */
const pullTests = new WeakMap<object, (e: unknown) => boolean>();

function pullTest(operand: unknown): (e: unknown) => boolean {
  if (!isPlainDocument(operand) || Object.keys(operand).length === 0) return (e) => valuesEqual(e, operand);
  const cached = pullTests.get(operand);
  if (cached !== undefined) return cached;
  let test: (e: unknown) => boolean;
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
  pullTests.set(operand, test);
  return test;
}

export const pullOperator: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$pull', id, false);
  if (!array) return;
  const test = pullTest(operand);
  const kept = array.filter((e) => !test(e));
  array.splice(0, array.length, ...kept);
};

export const pullAllOperator: OperatorApplier = (doc, parts, operand, id) => {
  if (!Array.isArray(operand))
    throw createMongoError(2, `$pullAll requires an array argument but was given a ${typeName(operand)}`);
  const array = arrayAt(doc, parts, '$pullAll', id, false);
  if (!array) return;
  const kept = array.filter((e) => !operand.some((v) => valuesEqual(e, v)));
  array.splice(0, array.length, ...kept);
};

export const popOperator: OperatorApplier = (doc, parts, operand, id) => {
  const array = arrayAt(doc, parts, '$pop', id, false);
  if (!array || array.length === 0) return;
  if (Number(toComparableNumber(operand)) === -1) array.shift();
  else array.pop();
};
