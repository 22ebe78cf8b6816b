/**
 * How update errors name values and types, as mongod's messages do.
 */
import { bsonTypeNumber } from '../values/bson-type.js';

const TYPE_NAMES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  8: 'bool',
  9: 'date',
  10: 'null',
  16: 'int',
  18: 'long',
  7: 'objectId',
};
/** MongoDB's type name of a value, for messages. */
export const typeName = (v: unknown): string => TYPE_NAMES[bsonTypeNumber(v)] ?? 'unknown';
/** `{_id: ...}` as messages show the document. */
export const idText = (id: unknown): string => `{_id: ${JSON.stringify(id) ?? String(id)}}`;
