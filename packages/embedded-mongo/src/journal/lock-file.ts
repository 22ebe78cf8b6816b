/**
 * The dbPath lock: a Unix domain socket `mongod.lock.sock` bound in the dbPath. Like mongod's OS
 * file lock it dies with its process: the kernel stops accepting connections on a socket whose
 * owner is gone, so a connect answering ECONNREFUSED proves the lock stale, whatever pid was
 * recorded and whoever has that pid now. `mongod.lock` keeps the owner's pid for people to read
 * (and for servers of earlier versions, which refuse a file naming a live pid); it is never trusted.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const LOCK_SOCKET = 'mongod.lock.sock';
export const PID_FILE = 'mongod.lock';
const TAKEOVER_GUARD = 'mongod.lock.takeover';

/** Linux allows 107 bytes in a socket path and macOS 103; longer paths would be cut silently. */
const MAX_SOCKET_PATH_BYTES = 103;
/** A takeover holds its guard for milliseconds; one older than this was left by a dead process. */
const GUARD_STALE_MS = 5_000;
const GUARD_WAIT_MS = 15_000;
const PROBE_TIMEOUT_MS = 2_000;

/** Thrown when another live process holds the dbPath. */
export class DbPathLockedError extends Error {
  constructor(dbPath: string, owner: string) {
    super(
      `dbPath ${dbPath} is already in use by a running server${owner} (its lock ${join(dbPath, LOCK_SOCKET)} accepts connections); stop that server or choose another --dbpath`,
    );
    this.name = 'DbPathLockedError';
  }
}

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The path to bind: as is when short enough, else relative to the working directory if that is. */
function socketAddress(dbPath: string): string {
  const absolute = join(dbPath, LOCK_SOCKET);
  if (Buffer.byteLength(absolute) <= MAX_SOCKET_PATH_BYTES) return absolute;
  const near = relative(process.cwd(), absolute);
  if (Buffer.byteLength(near) <= MAX_SOCKET_PATH_BYTES) return near;
  throw new Error(
    `dbPath ${dbPath} is too long for its lock socket (${Buffer.byteLength(absolute)} bytes; at most ${MAX_SOCKET_PATH_BYTES - LOCK_SOCKET.length - 1} for the directory): choose a shorter --dbpath or start from a directory near it`,
  );
}

type Probe = { state: 'live'; owner: string } | { state: 'stale' } | { state: 'absent' };

/** Connects to the lock socket: a live owner accepts (and says its pid), a dead one cannot. */
function probe(address: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(address);
    let said = '';
    const done = (result: Probe) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done({ state: 'live', owner: '' }));
    socket.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
    });
    socket.on('end', () => {
      const pid = /^\d+$/.test(said.trim()) ? ` (process ${said.trim()})` : '';
      done({ state: 'live', owner: pid });
    });
    socket.on('error', (error) => {
      const code = codeOf(error);
      if (code === 'ECONNREFUSED') return done({ state: 'stale' });
      if (code === 'ENOENT') return done({ state: 'absent' });
      // A socket of another user (EACCES) may well be live: never take it over.
      socket.destroy();
      reject(new Error(`cannot check the lock ${address}: ${String(error)}`));
    });
  });
}

/** Binds the lock socket; resolves false when the name is taken (by a live or a dead owner). */
function bind(address: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer((connection) => {
      connection.on('error', () => {});
      connection.end(`${process.pid}\n`);
    });
    server.once('error', (error) => {
      if (codeOf(error) === 'EADDRINUSE') resolve(undefined);
      else reject(error);
    });
    server.listen(address, () => {
      // The lock must not keep a process alive that has nothing else to do.
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Runs `work` while holding the takeover guard (a directory: mkdir is atomic), so two servers
 * finding the same stale socket cannot both remove it and each bind a fresh one.
 */
async function withTakeoverGuard<T>(dbPath: string, work: () => Promise<T>): Promise<T> {
  const guard = join(dbPath, TAKEOVER_GUARD);
  const deadline = Date.now() + GUARD_WAIT_MS;
  for (;;) {
    try {
      await mkdir(guard);
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > GUARD_STALE_MS) await rm(guard, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`could not take the lock on ${dbPath}: ${guard} stays`);
    else await delay(20);
  }
  try {
    return await work();
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

/** Takes the lock; returns a function that releases it. Throws DbPathLockedError for a live owner. */
export async function acquireDbPathLock(dbPath: string): Promise<() => Promise<void>> {
  const address = socketAddress(dbPath);
  for (let attempt = 0; attempt < 5; attempt++) {
    let server = await bind(address);
    if (server === undefined) {
      const found = await probe(address);
      if (found.state === 'live') throw new DbPathLockedError(dbPath, found.owner);
      server = await withTakeoverGuard(dbPath, async () => {
        // Probed again under the guard: another server may have taken it over meanwhile.
        const again = await probe(address);
        if (again.state === 'live') throw new DbPathLockedError(dbPath, again.owner);
        if (again.state === 'stale') await rm(address, { force: true });
        return bind(address);
      });
    }
    if (server === undefined) continue;
    const owned = server;
    // Overwrites a pid file of an earlier version (or of a dead server): information only.
    await writeFile(join(dbPath, PID_FILE), `${process.pid}\n`);
    return async () => {
      await rm(join(dbPath, PID_FILE), { force: true });
      // Closing unlinks the socket; removing it here could remove a successor's.
      await new Promise<void>((resolve) => owned.close(() => resolve()));
    };
  }
  throw new Error(`could not take the lock on ${dbPath}: its lock socket keeps changing hands`);
}
