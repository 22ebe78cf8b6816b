/**
 * Aggregation pipelines. Stages whose results depend on exact BSON types and MongoDB ordering
 * ($match, $sort, $skip, $limit, $count, $unwind, $lookup, $facet, $project without expressions)
 * run here; expression stages ($group, $addFields, $replaceRoot, ...) run in mingo on a copy where
 * bson number classes became JS numbers.
 */

import { asMongoError, createMongoError } from '../errors/mongo-error.js';
import { restoreNumberTypes, toMingoDocument } from '../query/mingo-bridge.js';
import { createMingoAggregator } from '../query/mingo-options.js';
import { compileProjection } from '../query/projection.js';
import { compileFilter } from '../query/query-matcher.js';
import { sortDocuments } from '../query/sort-order.js';
import { isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';
import { type CollectionSource, lookupStage, unwindStage } from './aggregation-stages.js';
import { compileNativeGroup } from './group-stage.js';

type Doc = Record<string, unknown>;

export type { CollectionSource };

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
    case '$group':
      return compileNativeGroup(spec);
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
      return (docs) => unwindStage(docs, spec);
    case '$lookup':
      return (docs) => lookupStage(docs, spec, source);
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
