import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../src/index.js';
import { acquireDbPathLock, DbPathLockedError, LOCK_SOCKET, PID_FILE } from '../src/journal/lock-file.js';
import { runCliToExit, startCli, stopCli } from './cli-process.fixture.js';

let dbPath: string;
beforeEach(async () => {
  dbPath = await mkdtemp(join(tmpdir(), 'em-lock-'));
});
afterEach(async () => {
  await rm(dbPath, { recursive: true, force: true });
});

async function insertAndCount(uri: string, n: number): Promise<number> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const docs = client.db('app').collection<{ _id: number }>('restarts');
    await docs.insertOne({ _id: n });
    return await docs.countDocuments();
  } finally {
    await client.close();
  }
}

/** A socket file left behind as kill -9 leaves it: bound by a process that no longer runs. */
async function leaveStaleSocket(path: string): Promise<void> {
  const script = `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('bound'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  expect((await stat(path)).isSocket()).toBe(true);
}

describe('the dbPath lock', () => {
  it('lets the server start again right after kill -9, 20 times in a row, keeping every write', async () => {
    for (let run = 1; run <= 20; run++) {
      // Started before the killed process has even been reaped (its pid may still be visible).
      const cli = await startCli(['--port', '0', '--dbpath', dbPath]);
      expect(await insertAndCount(cli.uri, run)).toBe(run);
      expect((await readFile(join(dbPath, PID_FILE), 'utf8')).trim()).toBe(String(cli.child.pid));
      cli.child.kill('SIGKILL');
    }
    const last = await startCli(['--port', '0', '--dbpath', dbPath]);
    try {
      expect(await insertAndCount(last.uri, 21)).toBe(21);
    } finally {
      expect(await stopCli(last, 'SIGTERM')).toBe(0);
    }
    const left = await readdir(dbPath);
    expect(left).not.toContain(LOCK_SOCKET);
    expect(left).not.toContain(PID_FILE);
  }, 240_000);

  it('refuses a second live server on the same dbPath, naming the path, and leaves the first serving', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath]);
    try {
      const second = await runCliToExit(['--port', '0', '--dbpath', dbPath]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`dbPath ${dbPath} is already in use by a running server`);
      expect(second.stderr).toContain(`(process ${String(first.child.pid)})`);
      expect(second.stderr).toContain(join(dbPath, LOCK_SOCKET));
      expect(await insertAndCount(first.uri, 1)).toBe(1);
    } finally {
      expect(await stopCli(first, 'SIGTERM')).toBe(0);
    }
  }, 60_000);

  it('refuses a live owner that is stopped (SIGSTOP): the kernel still takes its connections', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath]);
    first.child.kill('SIGSTOP');
    try {
      await expect(acquireDbPathLock(dbPath)).rejects.toBeInstanceOf(DbPathLockedError);
    } finally {
      first.child.kill('SIGCONT');
    }
    // Serving again (and still the owner) before it is asked to stop: a signal sent while it is
    // still waking up would race its handlers.
    expect(await insertAndCount(first.uri, 1)).toBe(1);
    expect(await stopCli(first, 'SIGTERM')).toBe(0);
  }, 60_000);

  it('takes over the pid file of an earlier version even when that pid is alive (a recycled pid)', async () => {
    // Earlier versions trusted this file; the pid here is of a running process (this test's own).
    await writeFile(join(dbPath, PID_FILE), `${process.pid}\n`);
    const cli = await startCli(['--port', '0', '--dbpath', dbPath]);
    try {
      expect(await insertAndCount(cli.uri, 1)).toBe(1);
      expect((await readFile(join(dbPath, PID_FILE), 'utf8')).trim()).toBe(String(cli.child.pid));
    } finally {
      expect(await stopCli(cli, 'SIGTERM')).toBe(0);
    }
  }, 60_000);

  it('gives a stale socket to exactly one of two servers taking it over at once', async () => {
    await leaveStaleSocket(join(dbPath, LOCK_SOCKET));
    const results = await Promise.allSettled([acquireDbPathLock(dbPath), acquireDbPathLock(dbPath)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.reason)).toEqual([expect.any(DbPathLockedError)]);
    for (const r of won) await r.value();
    expect(await readdir(dbPath)).toEqual([]);
  });

  it('refuses a second server in the same process and releases the lock at close', async () => {
    const server = await startEmbeddedMongo({ dbPath });
    await expect(startEmbeddedMongo({ dbPath })).rejects.toThrow(/already in use by a running server/);
    await server.close();
    const again = await startEmbeddedMongo({ dbPath });
    await again.close();
  });

  it('says clearly when the dbPath is too long for a socket path', async () => {
    const deep = join(dbPath, 'd'.repeat(60), 'e'.repeat(60));
    await expect(acquireDbPathLock(deep)).rejects.toThrow(/too long for its lock socket/);
  });
});
