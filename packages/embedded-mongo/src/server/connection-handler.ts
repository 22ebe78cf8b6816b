/**
 * One client connection: frames the byte stream, decodes each message, runs it through the command
 * router and writes the reply (OP_REPLY for legacy OP_QUERY, OP_MSG otherwise). Messages of one
 * connection are answered in order.
 */
import type { Socket } from 'node:net';
import type { CommandRouter } from '../commands/command-router.js';
import { toErrorReply } from '../errors/mongo-error.js';
import { decodeRequest } from '../wire/message-decoder.js';
import { encodeOpMsgReply, encodeOpReply } from '../wire/message-encoder.js';
import { MessageFramer, OversizedMessageError } from '../wire/message-framer.js';
import { MSG_MORE_TO_COME, OP_QUERY } from '../wire/wire-constants.js';

/** Logger subset the server uses. */
export interface ServerLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** Serves one socket until it closes. */
export function handleConnection(
  socket: Socket,
  router: CommandRouter,
  connectionId: number,
  logger: ServerLogger,
): void {
  const framer = new MessageFramer();
  let queue: Promise<void> = Promise.resolve();
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch (error) {
      const reason = error instanceof OversizedMessageError ? error.message : String(error);
      logger.warn(`closing connection ${connectionId}: ${reason}`);
      socket.destroy();
      return;
    }
    for (const message of messages) {
      // A failure must not break the chain, or every later message of this connection would hang.
      queue = queue
        .then(() => respond(socket, router, message, connectionId, logger))
        .catch((error: unknown) => {
          logger.warn(`connection ${connectionId}: ${String(error)}`);
          socket.destroy();
        });
    }
  });
  socket.on('error', () => socket.destroy());
}

async function respond(
  socket: Socket,
  router: CommandRouter,
  message: Buffer,
  connectionId: number,
  logger: ServerLogger,
): Promise<void> {
  let requestId = message.readInt32LE(4);
  let legacy = message.readInt32LE(12) === OP_QUERY;
  let reply: Record<string, unknown>;
  let silent = false;
  try {
    const request = decodeRequest(message);
    requestId = request.requestId;
    legacy = request.opCode === OP_QUERY;
    silent = (request.flags & MSG_MORE_TO_COME) !== 0;
    reply = await router.run(request.db, request.body, connectionId);
  } catch (error) {
    reply = toErrorReply(error);
  }
  if (silent || socket.destroyed) return;
  try {
    socket.write(legacy ? encodeOpReply(requestId, reply) : encodeOpMsgReply(requestId, reply));
  } catch (error) {
    logger.warn(`failed to encode reply on connection ${connectionId}: ${String(error)}`);
    socket.write(encodeOpMsgReply(requestId, toErrorReply(error)));
  }
}
