/**
 * Mutations as BSON payloads, so every BSON type (Date, Long, Decimal128, Binary, ...) survives a
 * restart exactly.
 */
import { BSON } from 'bson';
import type { Mutation } from '../catalog/mutation.js';
import type { IndexSpec } from '../index/collection-index.js';
import { isPlainDocument } from '../values/bson-value.js';
import { DESERIALIZE_OPTIONS } from '../wire/message-decoder.js';

/** Encodes a mutation as a BSON document. */
export function encodeMutation(m: Mutation): Uint8Array {
  return BSON.serialize(m, { ignoreUndefined: true });
}

function text(doc: Record<string, unknown>, field: string): string {
  const value = doc[field];
  if (typeof value !== 'string') throw new Error(`journal record has no string '${field}'`);
  return value;
}

function object(doc: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = doc[field];
  if (!isPlainDocument(value)) throw new Error(`journal record has no document '${field}'`);
  return value;
}

function indexSpec(doc: Record<string, unknown>): IndexSpec {
  const spec = object(doc, 'spec');
  return { ...spec, v: 2, key: object(spec, 'key'), name: text(spec, 'name') };
}

/** Decodes and validates a mutation payload; throws on anything malformed. */
export function decodeMutation(payload: Uint8Array): Mutation {
  const doc = BSON.deserialize(payload, DESERIALIZE_OPTIONS);
  const op = text(doc, 'op');
  const db = text(doc, 'db');
  switch (op) {
    case 'put':
      return { op, db, coll: text(doc, 'coll'), doc: object(doc, 'doc') };
    case 'delete':
      return { op, db, coll: text(doc, 'coll'), id: doc.id };
    case 'createCollection':
      return { op, db, coll: text(doc, 'coll'), options: object(doc, 'options') };
    case 'dropCollection':
      return { op, db, coll: text(doc, 'coll') };
    case 'createIndex':
      return { op, db, coll: text(doc, 'coll'), spec: indexSpec(doc) };
    case 'dropIndex':
      return { op, db, coll: text(doc, 'coll'), name: text(doc, 'name') };
    case 'dropDatabase':
      return { op, db };
    default:
      throw new Error(`unknown journal operation '${op}'`);
  }
}
