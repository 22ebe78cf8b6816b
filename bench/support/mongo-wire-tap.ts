import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP pass-through in front of a MongoDB server that times every command on the wire: it reads
 * the message headers (length, requestID, responseTo, opCode) and, for OP_MSG, the command's name
 * and collection from the first BSON element. It changes no byte.
 */

export interface WireCommand {
  command: string;
  collection: string;
  start: number;
  end: number;
}

export interface MongoWireTap {
  uri: string;
  /** While set, every answered command is pushed here. */
  record(into: WireCommand[] | undefined): void;
  close(): Promise<void>;
}

const OP_MSG = 2013;

/** The first element of the OP_MSG's body section: `{ find: 'orders', ... }` → find, orders. */
function describe(message: Buffer): { command: string; collection: string } {
  if (message.readInt32LE(12) !== OP_MSG || message[20] !== 0) return { command: 'other', collection: '' };
  let at = 21 + 4; // flags (4) + section kind (1), then the document's size (4)
  const type = message[at];
  at += 1;
  const nameEnd = message.indexOf(0, at);
  const command = message.toString('utf8', at, nameEnd);
  let collection = '';
  if (type === 0x02) {
    const size = message.readInt32LE(nameEnd + 1);
    collection = message.toString('utf8', nameEnd + 5, nameEnd + 4 + size);
  }
  return { command, collection };
}

/** Calls `onMessage` with each whole wire message of a stream. */
function framer(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) return;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

export async function startMongoWireTap(target: { host: string; port: number }): Promise<MongoWireTap> {
  let into: WireCommand[] | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client);
    sockets.add(upstream);
    const open = new Map<number, { command: string; collection: string; start: number }>();
    const fromClient = framer((message) => {
      if (into !== undefined)
        open.set(message.readInt32LE(4), { ...describe(message), start: performance.now() });
    });
    client.on('data', (chunk: Buffer) => {
      fromClient(chunk);
      upstream.write(chunk);
    });
    const fromServer = framer((message) => {
      const request = open.get(message.readInt32LE(8));
      if (request === undefined) return;
      open.delete(message.readInt32LE(8));
      into?.push({ ...request, end: performance.now() });
    });
    upstream.on('data', (chunk: Buffer) => {
      fromServer(chunk);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bench: the wire tap has no address');
  return {
    uri: `mongodb://127.0.0.1:${address.port}`,
    record(list) {
      into = list;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
