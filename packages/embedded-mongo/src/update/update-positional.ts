/**
 * How positional update paths resolve for one document: the array index the query matched (for
 * `$`) and the element tests of `arrayFilters` (for `$[identifier]`).
 */

import { createMongoError } from '../errors/mongo-error.js';
import { compileFilter } from '../query/query-matcher.js';
import { isPlainDocument } from '../values/bson-value.js';
import { cloneDocumentTree } from '../values/document-clone.js';
import { getPathValue, MISSING, splitPath } from '../values/document-path.js';
import { locateSlot, type PositionalContext, setChild } from './update-paths.js';

/** The parts of an update's context positional paths need. */
export interface PositionalSource {
  readonly filter?: unknown;
  readonly arrayFilters?: readonly unknown[] | undefined;
}

/** Builds the positional context of `doc` (the document as the query saw it). */
export function buildPositionalContext(
  doc: Record<string, unknown>,
  ctx: PositionalSource,
): PositionalContext {
  const arrayFilters = new Map<string, (element: unknown) => boolean>();
  for (const filter of ctx.arrayFilters ?? []) {
    if (!isPlainDocument(filter))
      throw createMongoError(9, 'Cannot use an expression without a top-level field name in arrayFilters');
    const identifiers = new Set(Object.keys(filter).map((k) => k.split('.')[0] ?? ''));
    const [identifier] = identifiers;
    if (identifiers.size !== 1 || identifier === undefined) {
      throw createMongoError(
        9,
        'Error parsing array filter :: caused by :: Expected a single top-level field name',
      );
    }
    if (arrayFilters.has(identifier))
      throw createMongoError(
        9,
        `Found multiple array filters with the same top-level field name ${identifier}`,
      );
    const test = compileFilter(filter);
    arrayFilters.set(identifier, (element) => test({ [identifier]: element }));
  }
  return {
    arrayFilters,
    usedIdentifiers: new Set(),
    matchedIndex: (arrayPath) => findMatchedIndex(doc, arrayPath, ctx.filter),
  };
}

function findMatchedIndex(
  doc: Record<string, unknown>,
  arrayPath: string,
  filter: unknown,
): number | undefined {
  if (!isPlainDocument(filter)) return undefined;
  const clauses: Array<[string, unknown]> = [];
  const gather = (f: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.filter(isPlainDocument).forEach(gather);
      else if (k === arrayPath || k.startsWith(`${arrayPath}.`)) clauses.push([k, v]);
    }
  };
  gather(filter);
  const array = getPathValue(doc, splitPath(arrayPath));
  if (clauses.length === 0 || array === MISSING || !Array.isArray(array)) return undefined;
  const test = compileFilter(Object.fromEntries(clauses));
  for (let i = 0; i < array.length; i++) {
    const probe = cloneDocumentTree(doc);
    const slot = locateSlot(probe, splitPath(arrayPath), true);
    if (slot) setChild(slot.container, slot.key, [array[i]]);
    if (test(probe)) return i;
  }
  return undefined;
}
