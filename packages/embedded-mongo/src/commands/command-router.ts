/**
 * Finds and runs the handler of a command, refuses what a standalone mongod refuses (transactions),
 * and holds write replies until the journal has made them durable.
 */
import { createMongoError, toErrorReply } from '../errors/mongo-error.js';
import { aggregateCommand } from './aggregate.command.js';
import { COLLECTION_COMMANDS } from './collection.commands.js';
import type { CommandHandler, ServerState } from './command-context.js';
import { deleteCommand } from './delete.command.js';
import { FIND_COMMANDS } from './find.commands.js';
import { findAndModifyCommand } from './find-and-modify.command.js';
import { HANDSHAKE_COMMANDS } from './handshake.commands.js';
import { INDEX_COMMANDS } from './index.commands.js';
import { insertCommand } from './insert.command.js';
import { updateCommand } from './update.command.js';

/** What the router needs from the journal (absent when running in memory). */
export interface Durability {
  /** Count of mutations appended so far. */
  appended(): number;
  /** Resolves once every mutation up to `count` is on disk. */
  waitDurable(count: number): Promise<void>;
}

const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  ...HANDSHAKE_COMMANDS,
  ...FIND_COMMANDS,
  ...COLLECTION_COMMANDS,
  ...INDEX_COMMANDS,
  insert: insertCommand,
  update: updateCommand,
  delete: deleteCommand,
  findAndModify: findAndModifyCommand,
  findandmodify: findAndModifyCommand,
  aggregate: aggregateCommand,
};

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

/** Runs commands against one server's state. */
export class CommandRouter {
  readonly #state: ServerState;
  readonly #durability: Durability | undefined;

  constructor(state: ServerState, durability?: Durability) {
    this.#state = state;
    this.#durability = durability;
  }

  /** Runs one command and returns its reply body (`ok` included), never throwing. */
  async run(
    db: string,
    body: Record<string, unknown>,
    connectionId: number,
  ): Promise<Record<string, unknown>> {
    const before = this.#durability?.appended() ?? 0;
    let reply: Record<string, unknown>;
    try {
      reply = { ...this.#dispatch(db, body, connectionId), ok: 1 };
    } catch (error) {
      reply = toErrorReply(error);
    }
    const after = this.#durability?.appended() ?? 0;
    if (this.#durability && after !== before) {
      try {
        await this.#durability.waitDurable(after);
      } catch (error) {
        return toErrorReply(
          createMongoError(
            1,
            `journal write failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
    return reply;
  }

  #dispatch(db: string, body: Record<string, unknown>, connectionId: number): Record<string, unknown> {
    const name = Object.keys(body)[0];
    if (name === undefined) throw createMongoError(59, "no such command: ''");
    if (
      body.txnNumber !== undefined ||
      body.startTransaction !== undefined ||
      body.autocommit !== undefined ||
      TRANSACTION_COMMANDS.has(name)
    ) {
      throw createMongoError(20, 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    if (!handler) throw createMongoError(59, `no such command: '${name}'`);
    return handler({ server: this.#state, db, name, body, connectionId });
  }
}
