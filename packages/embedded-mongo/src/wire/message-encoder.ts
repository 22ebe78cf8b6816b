/**
 * Encodes replies: OP_REPLY for a legacy OP_QUERY (the handshake), OP_MSG for everything else.
 */
import { BSON } from 'bson';
import { OP_MSG, OP_REPLY } from './wire-constants.js';

const SERIALIZE_OPTIONS = { ignoreUndefined: true } as const;
let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** OP_MSG reply with one kind 0 section. */
export function encodeOpMsgReply(responseTo: number, body: Record<string, unknown>): Buffer {
  const doc = BSON.serialize(body, SERIALIZE_OPTIONS);
  const prefix = Buffer.alloc(5); // flagBits (0) + section kind 0
  return Buffer.concat([header(16 + 5 + doc.length, responseTo, OP_MSG), prefix, doc]);
}

/** OP_REPLY with one document (cursor id 0). */
export function encodeOpReply(responseTo: number, body: Record<string, unknown>): Buffer {
  const doc = BSON.serialize(body, SERIALIZE_OPTIONS);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(16 + 20 + doc.length, responseTo, OP_REPLY), fields, doc]);
}
