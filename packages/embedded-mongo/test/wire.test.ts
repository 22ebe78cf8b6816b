import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { BSON } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedMongo, startEmbeddedMongo } from '../src/index.js';

let server: EmbeddedMongo;
beforeAll(async () => {
  server = await startEmbeddedMongo();
});
afterAll(async () => {
  await server.close();
});

async function open(): Promise<Socket> {
  const socket = connect(server.port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

function opMsg(
  requestId: number,
  body: object,
  sequence?: { name: string; docs: object[] },
  flags = 0,
): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  if (sequence) {
    const docs = Buffer.concat(sequence.docs.map((d) => Buffer.from(BSON.serialize(d))));
    const name = Buffer.from(`${sequence.name}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + name.length + docs.length);
    parts.push(Buffer.from([1]), size, name, docs);
  }
  const flagBits = Buffer.alloc(4);
  flagBits.writeUInt32LE(flags);
  const checksum = flags & 1 ? Buffer.alloc(4) : Buffer.alloc(0);
  const payload = Buffer.concat([flagBits, ...parts, checksum]);
  return Buffer.concat([header(16 + payload.length, requestId, 2013), payload]);
}

/** Reads one whole reply message from the socket. */
async function readReply(socket: Socket): Promise<Buffer> {
  let data = Buffer.alloc(0);
  for (;;) {
    if (data.length >= 4 && data.length >= data.readInt32LE(0)) return data.subarray(0, data.readInt32LE(0));
    const [chunk] = await once(socket, 'data');
    data = Buffer.concat([data, chunk]);
  }
}

function opMsgBody(reply: Buffer): Record<string, unknown> {
  expect(reply.readInt32LE(12)).toBe(2013);
  expect(reply.readUInt8(20)).toBe(0);
  return BSON.deserialize(reply.subarray(21));
}

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY hello with OP_REPLY', async () => {
    const socket = await open();
    try {
      const query = Buffer.concat([
        Buffer.alloc(4),
        Buffer.from('admin.$cmd\0'),
        Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
        Buffer.from(BSON.serialize({ isMaster: 1, helloOk: true })),
      ]);
      socket.write(Buffer.concat([header(16 + query.length, 7, 2004), query]));
      const reply = await readReply(socket);
      expect(reply.readInt32LE(8)).toBe(7);
      expect(reply.readInt32LE(12)).toBe(1);
      expect(reply.readInt32LE(32)).toBe(1);
      expect(BSON.deserialize(reply.subarray(36))).toMatchObject({
        ismaster: true,
        maxWireVersion: 21,
        ok: 1,
      });
    } finally {
      socket.destroy();
    }
  });

  it('folds a kind 1 document sequence into the command and honours the checksum flag', async () => {
    const socket = await open();
    try {
      const insert = opMsg(
        1,
        { insert: 'seq', $db: 'wire_test' },
        { name: 'documents', docs: [{ _id: 1 }, { _id: 2 }] },
        1,
      );
      socket.write(insert);
      expect(opMsgBody(await readReply(socket))).toMatchObject({ n: 2, ok: 1 });
      socket.write(opMsg(2, { count: 'seq', $db: 'wire_test' }));
      expect(opMsgBody(await readReply(socket))).toMatchObject({ n: 2, ok: 1 });
    } finally {
      socket.destroy();
    }
  });

  it('sends no reply for moreToCome and answers the next request', async () => {
    const socket = await open();
    try {
      socket.write(opMsg(1, { insert: 'quiet', documents: [{ _id: 1 }], $db: 'wire_test' }, undefined, 2));
      socket.write(opMsg(2, { count: 'quiet', $db: 'wire_test' }));
      const reply = await readReply(socket);
      expect(reply.readInt32LE(8)).toBe(2);
      expect(opMsgBody(reply)).toMatchObject({ n: 1 });
    } finally {
      socket.destroy();
    }
  });

  it('closes the connection when a message announces more than 48 MB', async () => {
    const socket = await open();
    const closed = once(socket, 'close');
    socket.write(header(49_000_000, 1, 2013));
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
