/**
 * Find projections: inclusion and exclusion trees over dotted paths (through arrays of documents),
 * `$slice`, `$elemMatch`, and aggregation expressions (evaluated by mingo).
 */
import type { Aggregator } from 'mingo/aggregator';
import { asMongoError, createMongoError } from '../errors/mongo-error.js';
import { isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { restoreNumberTypes, toMingoDocument } from './mingo-bridge.js';
import { createMingoAggregator } from './mingo-options.js';
import { compileFilter } from './query-matcher.js';

type Tree = { [key: string]: Tree | true };
/** A compiled projection. */
export type Projector = (doc: Record<string, unknown>) => Record<string, unknown>;

const isFlag = (v: unknown): boolean => typeof v === 'boolean' || isNumeric(v);
const flagValue = (v: unknown): boolean => (typeof v === 'boolean' ? v : Number(toComparableNumber(v)) !== 0);

function addPath(tree: Tree, path: string): void {
  const parts = path.split('.');
  let node = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] ?? '';
    const next = node[key];
    if (next === true) return;
    if (next === undefined) node[key] = {};
    const child = node[key];
    if (child === true || child === undefined) return;
    node = child;
  }
  node[parts[parts.length - 1] ?? ''] = true;
}

function include(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) {
    return value.filter((e) => isPlainDocument(e) || Array.isArray(e)).map((e) => include(e, tree));
  }
  if (!isPlainDocument(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const node = tree[k];
    if (node === true) out[k] = v;
    else if (node && (isPlainDocument(v) || Array.isArray(v))) out[k] = include(v, node);
  }
  return out;
}

function exclude(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value))
    return value.map((e) => (isPlainDocument(e) || Array.isArray(e) ? exclude(e, tree) : e));
  if (!isPlainDocument(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const node = tree[k];
    if (node === true) continue;
    out[k] = node ? exclude(v, node) : v;
  }
  return out;
}

function sliceArray(array: unknown[], spec: unknown): unknown[] {
  if (Array.isArray(spec)) {
    const skip = Number(toComparableNumber(spec[0]));
    const limit = Number(toComparableNumber(spec[1]));
    if (limit <= 0) throw createMongoError(2, '$slice limit must be positive');
    const start = skip < 0 ? Math.max(0, array.length + skip) : skip;
    return array.slice(start, start + limit);
  }
  const n = Number(toComparableNumber(spec));
  return n >= 0 ? array.slice(0, n) : array.slice(Math.max(0, array.length + n));
}

/** Compiles a projection; returns undefined when there is nothing to project. */
export function compileProjection(spec: unknown): Projector | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainDocument(spec)) throw createMongoError(2, 'projection must be an object');
  const entries = Object.entries(spec);
  if (entries.length === 0) return undefined;
  const special: Array<[string, Record<string, unknown>]> = [];
  let expressions = false;
  const includeTree: Tree = {};
  const excludeTree: Tree = {};
  let mode: 'include' | 'exclude' | undefined;
  let keepId = true;
  for (const [path, value] of entries) {
    if (isPlainDocument(value) && ('$slice' in value || '$elemMatch' in value || '$meta' in value)) {
      special.push([path, value]);
      // $elemMatch selects the field like an inclusion; $slice alone keeps the other fields.
      if ('$elemMatch' in value && mode !== 'exclude') {
        mode = 'include';
        addPath(includeTree, path);
      }
      continue;
    }
    if (!isFlag(value)) {
      expressions = true;
      continue;
    }
    const on = flagValue(value);
    if (path === '_id') {
      keepId = on;
      if (on) addPath(includeTree, '_id');
      continue;
    }
    if (mode && mode !== (on ? 'include' : 'exclude')) {
      throw createMongoError(
        on ? 31253 : 31254,
        on
          ? `Cannot do inclusion on field ${path} in exclusion projection`
          : `Cannot do exclusion on field ${path} in inclusion projection`,
      );
    }
    mode = on ? 'include' : 'exclude';
    addPath(on ? includeTree : excludeTree, path);
  }
  if (expressions) return compileExpressionProjection(spec);
  if (!keepId) addPath(excludeTree, '_id');
  if (keepId && mode === 'include') addPath(includeTree, '_id');
  return (doc) => {
    let out: Record<string, unknown>;
    if (mode === 'include') {
      const projected = include(doc, includeTree);
      out = isPlainDocument(projected) ? projected : {};
      if (!keepId) delete out._id;
    } else {
      const projected = exclude(doc, excludeTree);
      out = isPlainDocument(projected) ? projected : {};
    }
    for (const [path, op] of special) applySpecial(doc, out, path, op);
    return out;
  };
}

function applySpecial(
  source: Record<string, unknown>,
  out: Record<string, unknown>,
  path: string,
  op: Record<string, unknown>,
): void {
  if ('$slice' in op) {
    const value = out[path] ?? source[path];
    if (Array.isArray(value)) out[path] = sliceArray(value, op.$slice);
    return;
  }
  if ('$elemMatch' in op) {
    const test = compileFilter({ [path]: { $elemMatch: op.$elemMatch } });
    const array = source[path];
    delete out[path];
    if (!Array.isArray(array)) return;
    const hit = array.find((e) => test({ [path]: [e] }));
    if (hit !== undefined) out[path] = [hit];
  }
}

function compileExpressionProjection(spec: Record<string, unknown>): Projector {
  let aggregator: Aggregator;
  try {
    aggregator = createMingoAggregator([{ $project: spec }]);
  } catch (error) {
    throw createMongoError(2, error instanceof Error ? error.message : String(error));
  }
  return (doc) => {
    let out: unknown;
    try {
      out = restoreNumberTypes(doc, aggregator.run([toMingoDocument(doc)])[0]);
    } catch (error) {
      throw asMongoError(error);
    }
    return isPlainDocument(out) ? out : {};
  };
}
