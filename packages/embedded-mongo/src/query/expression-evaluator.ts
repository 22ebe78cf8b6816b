/**
 * Aggregation expressions (`$expr`, pipeline updates) evaluated by `mingo` over one document.
 */
import type { Aggregator } from 'mingo/aggregator';
import { asMongoError, createMongoError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';
import { toMingoDocument } from './mingo-bridge.js';
import { createMingoAggregator } from './mingo-options.js';

const RESULT_FIELD = '__embedded_mongo_expr__';

/** Compiles an aggregation expression into a function of the document it is evaluated against. */
export function compileExpression(expression: unknown): (doc: unknown) => unknown {
  let aggregator: Aggregator;
  try {
    aggregator = createMingoAggregator([{ $addFields: { [RESULT_FIELD]: expression } }]);
  } catch (error) {
    throw createMongoError(2, error instanceof Error ? error.message : String(error));
  }
  return (doc) => {
    const input = isPlainDocument(doc) ? toMingoDocument(doc) : {};
    try {
      const [out] = aggregator.run([input]);
      return out?.[RESULT_FIELD];
    } catch (error) {
      throw asMongoError(error);
    }
  };
}

/** Evaluates an expression once (compiles each call; use `compileExpression` in loops). */
export function evaluateExpression(expression: unknown, doc: unknown): unknown {
  return compileExpression(expression)(doc);
}
