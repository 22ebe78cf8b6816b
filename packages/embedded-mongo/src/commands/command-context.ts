/**
 * What a command handler gets, and typed readers for command fields that answer bad input with
 * MongoDB's TypeMismatch/BadValue errors (the server's boundary validation).
 */

import type { Catalog } from '../catalog/catalog.js';
import type { CursorStore } from '../catalog/cursor-store.js';
import { createMongoError } from '../errors/mongo-error.js';
import { isNumeric, isPlainDocument, toComparableNumber } from '../values/bson-value.js';

/** Server-wide state shared by every connection. */
export interface ServerState {
  readonly catalog: Catalog;
  readonly cursors: CursorStore;
  readonly startedAt: Date;
  readonly host: string;
  readonly port: () => number;
  /** Journal counters (undefined in memory): records appended and fsyncs made. */
  readonly journalStats: () => { appends: number; fsyncs: number } | undefined;
}

/** One command invocation. */
export interface CommandContext {
  readonly server: ServerState;
  readonly db: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly connectionId: number;
}

/** A command handler: returns the reply body (without `ok`, added by the router). */
export type CommandHandler = (ctx: CommandContext) => Record<string, unknown>;

/** The collection named by the command's first field. */
export function collectionName(ctx: CommandContext): string {
  const value = ctx.body[ctx.name];
  if (typeof value !== 'string' || value === '') {
    throw createMongoError(73, `collection name has invalid type ${typeName(value)}`);
  }
  return value;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (isPlainDocument(value)) return 'object';
  return typeof value;
}

function wrongType(ctx: CommandContext, field: string, value: unknown, expected: string): Error {
  return createMongoError(
    14,
    `BSON field '${ctx.name}.${field}' is the wrong type '${typeName(value)}', expected type '${expected}'`,
  );
}

/** A numeric field as a JS number, or undefined when absent. */
export function optionalNumber(ctx: CommandContext, field: string): number | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) throw wrongType(ctx, field, value, 'number');
  return Number(toComparableNumber(value));
}

/** A non-negative integer field (limit, skip, batchSize). */
export function optionalCount(ctx: CommandContext, field: string): number | undefined {
  const n = optionalNumber(ctx, field);
  if (n !== undefined && (n < 0 || !Number.isFinite(n))) {
    throw createMongoError(2, `BSON field '${field}' value must be >= 0, actual value '${n}'`);
  }
  return n === undefined ? undefined : Math.trunc(n);
}

export function optionalDocument(ctx: CommandContext, field: string): Record<string, unknown> | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainDocument(value)) throw wrongType(ctx, field, value, 'object');
  return value;
}

export function optionalBoolean(ctx: CommandContext, field: string): boolean | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (isNumeric(value)) return Number(toComparableNumber(value)) !== 0;
  throw wrongType(ctx, field, value, 'bool');
}

export function requireArray(ctx: CommandContext, field: string): unknown[] {
  const value = ctx.body[field];
  if (value === undefined)
    throw createMongoError(40414, `BSON field '${ctx.name}.${field}' is missing but a required field`);
  if (!Array.isArray(value)) throw wrongType(ctx, field, value, 'array');
  return value;
}

/** Reads a field of a sub-document (a statement of `updates`/`deletes`) with the same rules. */
export function statementContext(ctx: CommandContext, statement: unknown, field: string): CommandContext {
  if (!isPlainDocument(statement))
    throw createMongoError(14, `BSON field '${ctx.name}.${field}' element is the wrong type`);
  return { ...ctx, name: `${ctx.name}.${field}`, body: statement };
}
