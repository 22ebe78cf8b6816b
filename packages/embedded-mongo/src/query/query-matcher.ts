/**
 * Compiles a MongoDB filter document into a predicate over stored documents. Top-level logical
 * operators and `$expr` are handled here; field conditions in `query-operators.ts`.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';
import { collectPathValues, splitPath } from '../values/document-path.js';
import { compileExpression } from './expression-evaluator.js';
import { compileCondition } from './query-operators.js';

/** A compiled filter. */
export type DocumentPredicate = (doc: unknown) => boolean;

function compileClauses(name: string, operand: unknown): DocumentPredicate[] {
  if (!Array.isArray(operand)) throw createMongoError(2, `${name} must be an array`);
  if (operand.length === 0) throw createMongoError(2, `${name}/$or/$nor entries need to be full objects`);
  return operand.map((clause) => {
    if (!isPlainDocument(clause))
      throw createMongoError(2, `${name}/$or/$nor entries need to be full objects`);
    return compileFilter(clause);
  });
}

/** Compiles a filter; throws a `MongoCommandError` (BadValue) for malformed operators. */
export function compileFilter(filter: unknown): DocumentPredicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainDocument(filter)) throw createMongoError(2, 'filter must be an object');
  const predicates: DocumentPredicate[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      predicates.push(compileTopLevel(key, condition));
      continue;
    }
    const parts = splitPath(key);
    const test = compileCondition(condition, compileFilter);
    predicates.push((doc) => test(collectPathValues(doc, parts)));
  }
  if (predicates.length === 1) return predicates[0] ?? (() => true);
  return (doc) => predicates.every((p) => p(doc));
}

function compileTopLevel(key: string, operand: unknown): DocumentPredicate {
  switch (key) {
    case '$and': {
      const all = compileClauses('$and', operand);
      return (doc) => all.every((p) => p(doc));
    }
    case '$or': {
      const any = compileClauses('$or', operand);
      return (doc) => any.some((p) => p(doc));
    }
    case '$nor': {
      const none = compileClauses('$nor', operand);
      return (doc) => !none.some((p) => p(doc));
    }
    case '$expr': {
      const evaluate = compileExpression(operand);
      return (doc) => isTruthy(evaluate(doc));
    }
    case '$comment':
      return () => true;
    default:
      throw createMongoError(2, `unknown top level operator: ${key}`);
  }
}

/** MongoDB truthiness for `$expr`: false, null, missing and 0 are false. */
function isTruthy(value: unknown): boolean {
  if (value === false || value === null || value === undefined) return false;
  if (typeof value === 'number') return value !== 0;
  return true;
}
