/**
 * Applies an update (operator document, replacement document or aggregation pipeline) to a copy of
 * a stored document, with MongoDB's validation: unknown modifiers, conflicting paths, immutable `_id`.
 */

import { asMongoError, createMongoError } from '../errors/mongo-error.js';
import { restoreNumberTypes, toMingoDocument } from '../query/mingo-bridge.js';
import { createMingoAggregator } from '../query/mingo-options.js';
import { isPlainDocument, valuesEqual } from '../values/bson-value.js';
import { cloneDocumentTree } from '../values/document-clone.js';
import { splitPath } from '../values/document-path.js';
import { OPERATORS, renameField } from './update-operators.js';
import { resolveUpdatePaths } from './update-paths.js';
import { buildPositionalContext } from './update-positional.js';

/** What an update needs besides the document and the update itself. */
export interface UpdateContext {
  /** The query that selected the document (for the positional `$`). */
  readonly filter?: unknown;
  readonly arrayFilters?: readonly unknown[] | undefined;
  /** True while building an upserted document: `$setOnInsert` applies. */
  readonly isInsert?: boolean;
}

/** The kinds of update MongoDB accepts. */
export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies an update document; throws FailedToParse for a mix of operators and fields. */
export function classifyUpdate(update: unknown): UpdateKind {
  if (Array.isArray(update)) return 'pipeline';
  if (!isPlainDocument(update))
    throw createMongoError(9, 'Update argument must be either an object or an array');
  const keys = Object.keys(update);
  if (keys.length > 0 && keys[0]?.startsWith('$')) return 'operators';
  return 'replacement';
}

const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Returns the updated copy of `doc`; `doc` itself is never changed. */
export function applyUpdate(
  doc: Record<string, unknown>,
  update: unknown,
  ctx: UpdateContext = {},
): Record<string, unknown> {
  const kind = classifyUpdate(update);
  let next: Record<string, unknown>;
  if (kind === 'replacement' && isPlainDocument(update)) next = applyReplacement(doc, update);
  else if (kind === 'pipeline' && Array.isArray(update)) next = applyPipeline(doc, update);
  else if (isPlainDocument(update)) next = applyOperators(doc, update, ctx);
  else throw createMongoError(9, 'Update argument must be either an object or an array');
  if (doc._id !== undefined && !valuesEqual(next._id, doc._id)) {
    throw createMongoError(
      66,
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return next;
}

function applyReplacement(
  doc: Record<string, unknown>,
  replacement: Record<string, unknown>,
): Record<string, unknown> {
  for (const key of Object.keys(replacement)) {
    if (key.startsWith('$'))
      throw createMongoError(
        52,
        `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document.`,
      );
  }
  if (doc._id !== undefined && replacement._id !== undefined && !valuesEqual(doc._id, replacement._id)) {
    throw createMongoError(
      66,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(replacement._id)}`,
    );
  }
  const out: Record<string, unknown> = doc._id === undefined ? {} : { _id: doc._id };
  for (const [k, v] of Object.entries(replacement))
    if (k !== '_id' || doc._id === undefined) out[k] = cloneDocumentTree(v);
  return out;
}

function applyPipeline(doc: Record<string, unknown>, stages: unknown[]): Record<string, unknown> {
  for (const stage of stages) {
    const name = isPlainDocument(stage) ? Object.keys(stage)[0] : undefined;
    if (name === undefined || !PIPELINE_STAGES.has(name)) {
      throw createMongoError(72, `${name ?? 'stage'} is not allowed to be used within an update`);
    }
  }
  let result: unknown;
  try {
    const [out] = createMingoAggregator(stages.filter(isPlainDocument)).run([toMingoDocument(doc)]);
    result = restoreNumberTypes(doc, out);
  } catch (error) {
    throw asMongoError(error);
  }
  if (!isPlainDocument(result)) return doc;
  const { _id, ...rest } = result;
  return doc._id === undefined
    ? { ...(_id === undefined ? {} : { _id }), ...rest }
    : { _id: _id ?? doc._id, ...rest };
}

function checkConflicts(paths: string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] ?? '';
    const cur = sorted[i] ?? '';
    if (cur === prev || cur.startsWith(`${prev}.`)) {
      throw createMongoError(40, `Updating the path '${cur}' would create a conflict at '${prev}'`);
    }
  }
}

function applyOperators(
  doc: Record<string, unknown>,
  update: Record<string, unknown>,
  ctx: UpdateContext,
): Record<string, unknown> {
  const out = cloneDocumentTree(doc);
  const positional = buildPositionalContext(doc, ctx);
  const allPaths: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$') || (!(op in OPERATORS) && op !== '$rename' && op !== '$setOnInsert')) {
      throw createMongoError(
        9,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainDocument(fields)) {
      throw createMongoError(
        9,
        `Modifiers operate on fields but we found type ${typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(fields)}}`,
      );
    }
    allPaths.push(...Object.keys(fields));
    if (op === '$rename') allPaths.push(...Object.values(fields).map(String));
  }
  checkConflicts(allPaths);
  for (const [op, fields] of Object.entries(update)) {
    if (!isPlainDocument(fields)) continue;
    for (const [path, operand] of Object.entries(fields)) {
      if (op === '$setOnInsert') {
        if (ctx.isInsert) OPERATORS.$set?.(out, splitPath(path), operand, doc._id);
        continue;
      }
      if (op === '$rename') {
        if (typeof operand !== 'string')
          throw createMongoError(
            2,
            `The 'to' field for $rename must be a string: ${path}: ${JSON.stringify(operand)}`,
          );
        if (operand === path)
          throw createMongoError(
            2,
            `The source and target field for $rename must differ: ${path}: "${operand}"`,
          );
        renameField(out, splitPath(path), splitPath(operand));
        continue;
      }
      const apply = OPERATORS[op];
      if (!apply) continue;
      // Positional parts resolve against the document as the query saw it.
      for (const parts of resolveUpdatePaths(doc, path, positional)) apply(out, parts, operand, doc._id);
    }
  }
  for (const name of positional.arrayFilters.keys()) {
    if (!positional.usedIdentifiers.has(name)) {
      throw createMongoError(
        9,
        `The array filter for identifier '${name}' was not used in the update ${JSON.stringify(update)}`,
      );
    }
  }
  return out;
}
