/**
 * Options for every mingo call: mingo's own `$toString`, `$type` and `$toObjectId` do not know the
 * bson classes (an ObjectId is "an object" to them), so those expression operators are replaced
 * with versions that answer like MongoDB.
 */
import { ObjectId } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';

/** mingo's expression operator signature (its own exported type is too complex for tsc to check). */
type ExpressionOperator = (obj: Record<string, unknown>, expr: unknown, options: Options) => unknown;

import { createMongoError } from '../errors/mongo-error.js';
import { bsonTypeNumber, TYPE_ALIASES } from '../values/bson-type.js';

const TYPE_NAMES = new Map(Object.entries(TYPE_ALIASES).map(([name, n]) => [n, name]));

function toMongoString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ObjectId) return value.toHexString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof RegExp) return String(value);
  const tag = bsonTypeNumber(value);
  if (tag === 19 || tag === 18) return String(value);
  throw createMongoError(
    241,
    `Unsupported conversion from ${TYPE_NAMES.get(tag) ?? 'object'} to string in $convert with no onError value`,
  );
}

const $toString: ExpressionOperator = (obj, expr, options) => toMongoString(evalExpr(obj, expr, options));

const $type: ExpressionOperator = (obj, expr, options) => {
  const value = evalExpr(obj, expr, options);
  return value === undefined ? 'missing' : (TYPE_NAMES.get(bsonTypeNumber(value)) ?? 'object');
};

const $toObjectId: ExpressionOperator = (obj, expr, options) => {
  const value = evalExpr(obj, expr, options);
  if (value === null || value === undefined) return null;
  if (value instanceof ObjectId) return value;
  if (typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value)) return new ObjectId(value);
  throw createMongoError(
    241,
    `Failed to parse objectId '${String(value)}' in $convert with no onError value`,
  );
};

// Context.from keeps the first definition of an operator, so the overrides go first.
const context = Context.from(
  Context.init({ expression: { $toString, $type, $toObjectId } }),
  Context.init({
    accumulator: accumulatorOperators,
    expression: expressionOperators,
    pipeline: pipelineOperators,
    projection: projectionOperators,
    query: queryOperators,
    window: windowOperators,
  }),
);

/** A mingo aggregator with every operator and the bson-aware overrides above. */
export function createMingoAggregator(
  pipeline: Record<string, unknown>[],
  extra: Partial<Options> = {},
): Aggregator {
  return new Aggregator(pipeline, { ...extra, context });
}
