/**
 * Decodes request messages: the 16-byte header, legacy OP_QUERY (used only for the first `hello`
 * of a connection) and OP_MSG with kind 0 (body) and kind 1 (document sequence) sections. Kind 1
 * sequences are folded into the body under their identifier, as mongod does.
 */
import { BSON } from 'bson';
import { createMongoError } from '../errors/mongo-error.js';
import { isPlainDocument } from '../values/bson-value.js';
import { MSG_CHECKSUM_PRESENT, OP_MSG, OP_QUERY } from './wire-constants.js';

/** Deserialization that keeps Long as Long (Int32 and Double become JS numbers). */
export const DESERIALIZE_OPTIONS = { promoteLongs: false, promoteValues: true } as const;

/** The parts of a request every op code shares. */
export interface DecodedRequest {
  readonly requestId: number;
  readonly opCode: number;
  /** OP_MSG flag bits (0 for OP_QUERY). */
  readonly flags: number;
  /** Database the command runs against. */
  readonly db: string;
  /** The command document (kind 1 sequences merged in). */
  readonly body: Record<string, unknown>;
}

function readDocument(buffer: Buffer, offset: number): { doc: Record<string, unknown>; size: number } {
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) throw createMongoError(9, 'invalid BSON document length');
  const doc = BSON.deserialize(buffer.subarray(offset, offset + size), DESERIALIZE_OPTIONS);
  return { doc, size };
}

function readCString(buffer: Buffer, offset: number): { text: string; next: number } {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw createMongoError(9, 'unterminated cstring');
  return { text: buffer.toString('utf8', offset, end), next: end + 1 };
}

function decodeOpMsg(message: Buffer, requestId: number): DecodedRequest {
  const flags = message.readUInt32LE(16);
  const end = flags & MSG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = 20;
  let body: Record<string, unknown> | undefined;
  const sequences: Array<[string, Record<string, unknown>[]]> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const { doc, size } = readDocument(message, offset);
      body = doc;
      offset += size;
    } else if (kind === 1) {
      const sectionSize = message.readInt32LE(offset);
      const sectionEnd = offset + sectionSize;
      const { text, next } = readCString(message, offset + 4);
      const docs: Record<string, unknown>[] = [];
      let cursor = next;
      while (cursor < sectionEnd) {
        const { doc, size } = readDocument(message, cursor);
        docs.push(doc);
        cursor += size;
      }
      sequences.push([text, docs]);
      offset = sectionEnd;
    } else {
      throw createMongoError(9, `unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw createMongoError(9, 'OP_MSG has no body section');
  for (const [name, docs] of sequences) body[name] = docs;
  const db = typeof body.$db === 'string' ? body.$db : 'admin';
  return { requestId, opCode: OP_MSG, flags, db, body };
}

function decodeOpQuery(message: Buffer, requestId: number): DecodedRequest {
  const { text: namespace, next } = readCString(message, 20);
  const { doc } = readDocument(message, next + 8);
  // Legacy drivers wrap the command as { $query: {...}, $readPreference }.
  const inner = doc.$query;
  const body = isPlainDocument(inner) ? { ...inner } : doc;
  const db = namespace.split('.')[0] ?? 'admin';
  return { requestId, opCode: OP_QUERY, flags: 0, db, body };
}

/** Decodes one complete message (header included). */
export function decodeRequest(message: Buffer): DecodedRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return decodeOpMsg(message, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(message, requestId);
  throw createMongoError(9, `unsupported wire protocol op code ${opCode}`);
}
