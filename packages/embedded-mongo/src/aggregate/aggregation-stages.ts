/**
 * `$unwind` and `$lookup`, run natively so joins compare values with MongoDB's equality.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { toMingoDocument } from '../query/mingo-bridge.js';
import { createMingoAggregator } from '../query/mingo-options.js';
import { compileFilter } from '../query/query-matcher.js';
import { isNumeric, isPlainDocument } from '../values/bson-value.js';
import { collectPathValues, MISSING, splitPath } from '../values/document-path.js';

type Doc = Record<string, unknown>;

/** Where `$lookup` finds its foreign collection. */
export type CollectionSource = (name: string) => readonly Doc[];

export function unwindStage(docs: Doc[], spec: unknown): Doc[] {
  const options = typeof spec === 'string' ? { path: spec } : isPlainDocument(spec) ? spec : {};
  const path = options.path;
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw createMongoError(28818, "path option to $unwind stage should be prefixed with a '$'");
  }
  const field = path.slice(1);
  const keepEmpty = options.preserveNullAndEmptyArrays === true;
  const indexField = typeof options.includeArrayIndex === 'string' ? options.includeArrayIndex : undefined;
  const out: Doc[] = [];
  for (const doc of docs) {
    const value = collectPathValues(doc, splitPath(field))[0];
    if (Array.isArray(value) && value.length > 0) {
      value.forEach((element, i) => {
        const copy = setTopPath(doc, field, element);
        out.push(indexField ? { ...copy, [indexField]: i } : copy);
      });
    } else if (Array.isArray(value) || value === MISSING || value === null) {
      if (keepEmpty) out.push(indexField ? { ...doc, [indexField]: null } : doc);
    } else {
      out.push(indexField ? { ...doc, [indexField]: null } : doc);
    }
  }
  return out;
}

function setTopPath(doc: Doc, path: string, value: unknown): Doc {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return doc;
  if (rest.length === 0) return { ...doc, [head]: value };
  const child = doc[head];
  return { ...doc, [head]: setTopPath(isPlainDocument(child) ? child : {}, rest.join('.'), value) };
}

export function lookupStage(docs: Doc[], spec: unknown, source: CollectionSource): Doc[] {
  if (!isPlainDocument(spec) || typeof spec.from !== 'string' || typeof spec.as !== 'string') {
    throw createMongoError(9, "$lookup requires 'from' and 'as' fields");
  }
  const foreign = source(spec.from);
  const as = spec.as;
  if (Array.isArray(spec.pipeline)) {
    const pipeline = spec.pipeline;
    const letSpec = isPlainDocument(spec.let) ? spec.let : {};
    return docs.map((doc) => {
      const variables = evaluateLet(letSpec, doc);
      let matched = foreign;
      if (typeof spec.localField === 'string' && typeof spec.foreignField === 'string') {
        matched = equalityMatches(doc, spec.localField, spec.foreignField, foreign);
      }
      const joined = createMingoAggregator(pipeline.filter(isPlainDocument), { variables }).run(
        matched.map(toMingoDocument),
      );
      return setTopPath(doc, as, joined);
    });
  }
  if (typeof spec.localField !== 'string' || typeof spec.foreignField !== 'string') {
    throw createMongoError(9, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField'");
  }
  const { localField, foreignField } = spec;
  return docs.map((doc) => setTopPath(doc, as, equalityMatches(doc, localField, foreignField, foreign)));
}

function equalityMatches(doc: Doc, localField: string, foreignField: string, foreign: readonly Doc[]): Doc[] {
  const locals = collectPathValues(doc, splitPath(localField)).flatMap((v) =>
    v === MISSING ? [null] : Array.isArray(v) ? v : [v],
  );
  const test = compileFilter({ [foreignField]: { $in: locals.length > 0 ? locals : [null] } });
  return foreign.filter((f) => test(f));
}

function evaluateLet(letSpec: Doc, doc: Doc): Doc {
  if (Object.keys(letSpec).length === 0) return {};
  const [out] = createMingoAggregator([{ $project: { _id: 0, ...wrapLiterals(letSpec) } }]).run([
    toMingoDocument(doc),
  ]);
  return isPlainDocument(out) ? out : {};
}

function wrapLiterals(spec: Doc): Doc {
  return Object.fromEntries(
    Object.entries(spec).map(([k, v]) => [k, isNumeric(v) || typeof v === 'boolean' ? { $literal: v } : v]),
  );
}
