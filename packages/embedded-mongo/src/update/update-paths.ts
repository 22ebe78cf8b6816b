/**
 * Resolves update paths with positional parts (`$`, `$[]`, `$[ident]`) into the concrete paths of
 * one document, and reads/creates the parent container of a concrete path.
 */

import { createMongoError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';

/** How positional parts resolve for one document. */
export interface PositionalContext {
  /** Index of the array element the query matched, for `$` (undefined when none). */
  readonly matchedIndex: (arrayPath: string) => number | undefined;
  /** Element tests of the `arrayFilters`, by identifier. */
  readonly arrayFilters: ReadonlyMap<string, (element: unknown) => boolean>;
  /** Identifiers used so far, so unused array filters can be reported. */
  readonly usedIdentifiers: Set<string>;
}

const IDENTIFIER = /^\$\[([a-z][a-zA-Z0-9]*)?\]$/;

/** Expands one update path into the concrete paths it names in `doc`. */
export function resolveUpdatePaths(doc: unknown, path: string, ctx: PositionalContext): string[][] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw createMongoError(56, `An empty update path is not valid.`);
  const out: string[][] = [];
  expand(doc, parts, 0, [], ctx, path, out);
  return out;
}

function expand(
  value: unknown,
  parts: readonly string[],
  i: number,
  prefix: string[],
  ctx: PositionalContext,
  fullPath: string,
  out: string[][],
): void {
  if (i === parts.length) {
    out.push(prefix);
    return;
  }
  const part = parts[i] ?? '';
  if (part === '$') {
    const arrayPath = prefix.join('.');
    const index = ctx.matchedIndex(arrayPath);
    if (index === undefined || !Array.isArray(value)) {
      throw createMongoError(2, 'The positional operator did not find the match needed from the query.');
    }
    expand(value[index], parts, i + 1, [...prefix, String(index)], ctx, fullPath, out);
    return;
  }
  const identifier = IDENTIFIER.exec(part);
  if (identifier) {
    if (!Array.isArray(value)) {
      throw createMongoError(
        2,
        `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
      );
    }
    const name = identifier[1];
    let test: (e: unknown) => boolean = () => true;
    if (name !== undefined) {
      const filter = ctx.arrayFilters.get(name);
      if (!filter)
        throw createMongoError(2, `No array filter found for identifier '${name}' in path '${fullPath}'`);
      ctx.usedIdentifiers.add(name);
      test = filter;
    }
    value.forEach((element, index) => {
      if (test(element)) expand(element, parts, i + 1, [...prefix, String(index)], ctx, fullPath, out);
    });
    return;
  }
  const next = Array.isArray(value)
    ? /^\d+$/.test(part)
      ? value[Number(part)]
      : undefined
    : isPlainDocument(value)
      ? value[part]
      : undefined;
  expand(next, parts, i + 1, [...prefix, part], ctx, fullPath, out);
}

/** A container and the key in it that a concrete path names. */
export interface PathSlot {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Finds the parent of `parts` in `doc`, creating missing sub-documents when `create` is set.
 * Returns undefined when the parent is missing and `create` is not set.
 */
export function locateSlot(
  doc: Record<string, unknown>,
  parts: readonly string[],
  create: boolean,
): PathSlot | undefined {
  let current: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] ?? '';
    let next: unknown;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key)) {
        if (!create) return undefined;
        throw createMongoError(
          28,
          `Cannot create field '${key}' in element {${parts.slice(0, i).join('.')}: ${describe(current)}}`,
        );
      }
      next = current[Number(key)];
    } else {
      next = current[key];
    }
    if (next === undefined || next === null) {
      if (!create) return undefined;
      if (next === null) {
        throw createMongoError(28, `Cannot create field '${parts[i + 1]}' in element {${key}: null}`);
      }
      const created: Record<string, unknown> = {};
      setChild(current, key, created);
      current = created;
      continue;
    }
    if (!Array.isArray(next) && !isPlainDocument(next)) {
      if (!create) return undefined;
      throw createMongoError(
        28,
        `Cannot create field '${parts[i + 1]}' in element {${key}: ${describe(next)}}`,
      );
    }
    current = next;
  }
  return { container: current, key: parts[parts.length - 1] ?? '' };
}

/** Reads a child of a container (array index or field). */
export function getChild(container: Record<string, unknown> | unknown[], key: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(key) ? container[Number(key)] : undefined;
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

/** Writes a child, padding arrays with nulls as MongoDB does. */
export function setChild(container: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) throw createMongoError(28, `Cannot create field '${key}' in array`);
    const index = Number(key);
    while (container.length < index) container.push(null);
    container[index] = value;
    return;
  }
  container[key] = value;
}
