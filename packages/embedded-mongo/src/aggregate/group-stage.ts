/**
 * A native `$group` for the common shapes (`_id` a constant, a field path or a document of them;
 * accumulators `$sum $avg $min $max $first $last $push $addToSet $count` over a field path or a
 * constant). It keeps BSON types (a sum of longs stays a long) and avoids copying every document
 * for mingo; any other shape returns undefined and runs in mingo.
 */
import { compareValues, isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { canonicalKey } from '../values/canonical-key.js';
import { combineNumbers } from '../values/number-arithmetic.js';

type Doc = Record<string, unknown>;
type Getter = (doc: Doc) => unknown;

/** MongoDB expression semantics for `$a.b`: arrays of documents map to arrays of values. */
function readPath(value: unknown, parts: readonly string[], i = 0): unknown {
  if (i === parts.length) return value;
  if (Array.isArray(value)) {
    return value
      .filter(isPlainDocument)
      .map((e) => readPath(e, parts, i))
      .filter((v) => v !== undefined);
  }
  if (!isPlainDocument(value)) return undefined;
  return readPath(value[parts[i] ?? ''], parts, i + 1);
}

function compileGetter(expr: unknown): Getter | undefined {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return undefined;
    if (!expr.startsWith('$')) return () => expr;
    const parts = expr.slice(1).split('.');
    return (doc) => readPath(doc, parts);
  }
  if (expr === null || typeof expr === 'number' || typeof expr === 'boolean' || isNumeric(expr))
    return () => expr;
  if (isPlainDocument(expr)) {
    const keys = Object.keys(expr);
    if (keys.some((k) => k.startsWith('$'))) return undefined;
    const getters = keys.map((k) => [k, compileGetter(expr[k])] as const);
    if (getters.some(([, g]) => g === undefined)) return undefined;
    return (doc) => Object.fromEntries(getters.map(([k, g]) => [k, g?.(doc) ?? null]));
  }
  return undefined;
}

interface Accumulator {
  add(doc: Doc): void;
  result(): unknown;
}

function compileAccumulator(spec: unknown): (() => Accumulator) | undefined {
  if (!isPlainDocument(spec)) return undefined;
  const [op, ...more] = Object.keys(spec);
  if (op === undefined || more.length > 0) return undefined;
  if (op === '$count') return isPlainDocument(spec.$count) ? sumOf(() => 1) : undefined;
  const get = compileGetter(spec[op]);
  if (!get) return undefined;
  switch (op) {
    case '$sum':
      return sumOf(get);
    case '$avg':
      return () => {
        let total = 0;
        let n = 0;
        return {
          add: (doc) => {
            const v = get(doc);
            if (isNumeric(v)) {
              total += Number(toComparableNumber(v));
              n++;
            }
          },
          result: () => (n === 0 ? null : total / n),
        };
      };
    case '$min':
    case '$max':
      return () => {
        let best: unknown;
        return {
          add: (doc) => {
            const v = get(doc);
            if (v === undefined || v === null) return;
            const c = best === undefined ? 0 : compareValues(v, best);
            if (best === undefined || (op === '$min' ? c < 0 : c > 0)) best = v;
          },
          result: () => best ?? null,
        };
      };
    case '$first':
    case '$last':
      return () => {
        let seen = false;
        let value: unknown = null;
        return {
          add: (doc) => {
            if (op === '$first' && seen) return;
            seen = true;
            value = get(doc) ?? null;
          },
          result: () => value,
        };
      };
    case '$push':
    case '$addToSet':
      return () => {
        const values: unknown[] = [];
        const keys = new Set<string>();
        return {
          add: (doc) => {
            const v = get(doc);
            if (v === undefined) return;
            if (op === '$addToSet') {
              const k = canonicalKey(v);
              if (keys.has(k)) return;
              keys.add(k);
            }
            values.push(v);
          },
          result: () => values,
        };
      };
    default:
      return undefined;
  }
}

function sumOf(get: Getter): () => Accumulator {
  return () => {
    // Plain JS numbers are summed directly; bson numbers go through the typed arithmetic.
    let plain = 0;
    let typed: unknown = 0;
    return {
      add: (doc) => {
        const v = get(doc);
        if (typeof v === 'number') plain += v;
        else if (isNumeric(v)) typed = combineNumbers(typed, v, 'add');
      },
      result: () => combineNumbers(typed, plain, 'add'),
    };
  };
}

/** A native `$group` runner for `spec`, or undefined when the shape needs mingo. */
export function compileNativeGroup(spec: unknown): ((docs: Doc[]) => Doc[]) | undefined {
  if (!isPlainDocument(spec) || !('_id' in spec)) return undefined;
  const idGetter = compileGetter(spec._id);
  if (!idGetter) return undefined;
  const accumulators: Array<[string, () => Accumulator]> = [];
  for (const [field, accSpec] of Object.entries(spec)) {
    if (field === '_id') continue;
    const make = compileAccumulator(accSpec);
    if (!make) return undefined;
    accumulators.push([field, make]);
  }
  return (docs) => {
    const groups = new Map<string, { id: unknown; accs: Array<[string, Accumulator]> }>();
    for (const doc of docs) {
      const id = idGetter(doc) ?? null;
      const key = canonicalKey(id);
      let group = groups.get(key);
      if (!group) {
        group = { id, accs: accumulators.map(([f, make]) => [f, make()]) };
        groups.set(key, group);
      }
      for (const [, acc] of group.accs) acc.add(doc);
    }
    return [...groups.values()].map((g) => ({
      _id: g.id,
      ...Object.fromEntries(g.accs.map(([f, acc]) => [f, acc.result()])),
    }));
  };
}
