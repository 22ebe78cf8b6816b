/**
 * Handshake and server-information commands: what the driver sends on connect, monitoring and
 * close (`hello`/`isMaster`, `ping`, `buildInfo`, `endSessions`, ...).
 */
import { MAX_BSON_OBJECT_SIZE } from '../values/bson-limits.js';
import {
  MAX_MESSAGE_SIZE_BYTES,
  MAX_WIRE_VERSION,
  MAX_WRITE_BATCH_SIZE,
  MIN_WIRE_VERSION,
  SERVER_VERSION,
} from '../wire/wire-constants.js';
import type { CommandContext, CommandHandler } from './command-context.js';

function helloReply(ctx: CommandContext, legacy: boolean): Record<string, unknown> {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    // Announcing sessions makes the driver send lsid and endSessions, which are accepted and ignored.
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: MIN_WIRE_VERSION,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
}

const versionArray = SERVER_VERSION.split('.').map(Number);

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [...versionArray, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  sysInfo: 'deprecated',
});

const empty: CommandHandler = () => ({});

/** Handshake, diagnostics and session commands. */
export const HANDSHAKE_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  hello: (ctx) => helloReply(ctx, false),
  isMaster: (ctx) => helloReply(ctx, true),
  ismaster: (ctx) => helloReply(ctx, true),
  ping: empty,
  buildInfo,
  buildinfo: buildInfo,
  endSessions: empty,
  killSessions: empty,
  killAllSessions: empty,
  refreshSessions: empty,
  startSession: () => ({ id: { id: crypto.randomUUID() }, timeoutMinutes: 30 }),
  whatsmyuri: (ctx) => ({ you: `${ctx.server.host}:0` }),
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {} }),
  getLog: () => ({ totalLinesWritten: 0, log: [] }),
  getParameter: (ctx) =>
    ctx.body.featureCompatibilityVersion !== undefined
      ? { featureCompatibilityVersion: { version: '7.0' } }
      : {},
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  hostInfo: (ctx) => ({ system: { currentTime: new Date(), hostname: ctx.server.host }, os: {}, extra: {} }),
  serverStatus: (ctx) => ({
    host: `${ctx.server.host}:${ctx.server.port()}`,
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
    localTime: new Date(),
    mem: {
      resident: Math.round(process.memoryUsage().rss / 1024 / 1024),
      residentBytes: process.memoryUsage().rss,
    },
    // Not in mongod: lets benchmarks see how many writes each fsync covered (group commit).
    embeddedJournal: ctx.server.journalStats() ?? null,
  }),
};
