/**
 * Aggregation pipelines. Stages whose results depend on exact BSON types and MongoDB ordering
 * ($match, $sort, $skip, $limit, $count, $unwind, $lookup, $facet, $project without expressions)
 * run here; expression stages ($group, $addFields, $replaceRoot, ...) run in mingo on a copy where
 * bson number classes became JS numbers.
 */

import { isNumeric, isPlainDocument, toComparableNumber } from './bson-value.js';
import { collectPathValues, MISSING, splitPath } from './document-path.js';
import { restoreNumberTypes, toMingoDocument } from './mingo-bridge.js';
import { createMingoAggregator } from './mingo-options.js';
import { asMongoError, createMongoError } from './mongo-error.js';
import { compileProjection } from './projection.js';
import { compileFilter } from './query-matcher.js';
import { sortDocuments } from './sort-order.js';

type Doc = Record<string, unknown>;

/** Where `$lookup` finds its foreign collection. */
export type CollectionSource = (name: string) => readonly Doc[];

const FORBIDDEN_FIRST: Record<string, [number, string]> = {
  $changeStream: [40573, 'The $changeStream stage is only supported on replica sets'],
};

function stageOf(stage: unknown): [string, unknown] {
  if (!isPlainDocument(stage))
    throw createMongoError(14, "Each element of the 'pipeline' array must be an object");
  const keys = Object.keys(stage);
  if (keys.length !== 1 || keys[0] === undefined) {
    throw createMongoError(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  return [keys[0], stage[keys[0]]];
}

function positiveInteger(name: string, value: unknown, allowZero: boolean): number {
  const n = isNumeric(value) ? Number(toComparableNumber(value)) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || (!allowZero && n === 0)) {
    throw createMongoError(15958, `the ${name.slice(1)} must be ${allowZero ? 'non-negative' : 'positive'}`);
  }
  return n;
}

function unwind(docs: Doc[], spec: unknown): Doc[] {
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

function lookup(docs: Doc[], spec: unknown, source: CollectionSource): Doc[] {
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

const ONE_TO_ONE_STAGES = new Set(['$addFields', '$set', '$project', '$unset']);

/** Runs `pipeline` over `input` and returns the result documents. */
export function runPipeline(
  input: readonly Doc[],
  pipeline: readonly unknown[],
  source: CollectionSource,
): Doc[] {
  let docs: Doc[] = [...input];
  let pending: Doc[] = []; // consecutive mingo stages, run together
  const flush = (): void => {
    if (pending.length === 0) return;
    const inputs = docs;
    let outputs: Doc[];
    try {
      outputs = createMingoAggregator(pending).run(inputs.map(toMingoDocument)).filter(isPlainDocument);
    } catch (error) {
      throw asMongoError(error);
    }
    // Stages that map each document to one document keep the input's Long/Decimal128 values.
    const oneToOne = pending.every((stage) => Object.keys(stage).every((k) => ONE_TO_ONE_STAGES.has(k)));
    docs =
      oneToOne && outputs.length === inputs.length
        ? outputs.map((out, i) => {
            const restored = restoreNumberTypes(inputs[i], out);
            return isPlainDocument(restored) ? restored : out;
          })
        : outputs;
    pending = [];
  };
  pipeline.forEach((stage, i) => {
    const [name, spec] = stageOf(stage);
    const forbidden = FORBIDDEN_FIRST[name];
    if (forbidden) throw createMongoError(forbidden[0], forbidden[1]);
    if (name === '$changeStream' && i > 0)
      throw createMongoError(40602, '$changeStream is only valid as the first stage in a pipeline');
    const native = nativeStage(name, spec, source);
    if (!native) {
      pending.push({ [name]: spec });
      return;
    }
    flush();
    docs = native(docs);
  });
  flush();
  return docs;
}

function nativeStage(
  name: string,
  spec: unknown,
  source: CollectionSource,
): ((docs: Doc[]) => Doc[]) | undefined {
  switch (name) {
    case '$match': {
      const test = compileFilter(spec);
      return (docs) => docs.filter((d) => test(d));
    }
    case '$sort':
      if (!isPlainDocument(spec) || Object.keys(spec).length === 0)
        throw createMongoError(15976, '$sort stage must have at least one sort key');
      return (docs) => sortDocuments(docs, spec);
    case '$skip': {
      const n = positiveInteger(name, spec, true);
      return (docs) => docs.slice(n);
    }
    case '$limit': {
      const n = positiveInteger(name, spec, false);
      return (docs) => docs.slice(0, n);
    }
    case '$count': {
      if (typeof spec !== 'string' || spec === '' || spec.startsWith('$') || spec.includes('.')) {
        throw createMongoError(
          40156,
          'the count field must be a non-empty string, not start with $ and not contain .',
        );
      }
      return (docs) => (docs.length > 0 ? [{ [spec]: docs.length }] : []);
    }
    case '$unwind':
      return (docs) => unwind(docs, spec);
    case '$lookup':
      return (docs) => lookup(docs, spec, source);
    case '$facet': {
      if (!isPlainDocument(spec))
        throw createMongoError(15947, "a facet's fields must be specified in an object");
      return (docs) => [
        Object.fromEntries(
          Object.entries(spec).map(([k, sub]) => [
            k,
            runPipeline(docs, Array.isArray(sub) ? sub : [], source),
          ]),
        ),
      ];
    }
    case '$project': {
      const projector = compileProjection(spec);
      return projector ? (docs) => docs.map(projector) : (docs) => docs;
    }
    case '$unset': {
      const fields = typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : [];
      const projector = compileProjection(Object.fromEntries(fields.map((f) => [String(f), 0])));
      return projector ? (docs) => docs.map(projector) : (docs) => docs;
    }
    default:
      return undefined;
  }
}
