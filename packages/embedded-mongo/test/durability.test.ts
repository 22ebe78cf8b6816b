import { appendFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, type Document, Long, MongoClient, ObjectId } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../src/index.js';
import { runCliToExit, startCli, stopCli } from './cli-process.fixture.js';
import type { LooseDocument } from './embedded-mongo.fixture.js';

let dbPath: string;
beforeEach(async () => {
  dbPath = await mkdtemp(join(tmpdir(), 'embedded-mongo-'));
});
afterEach(async () => {
  await rm(dbPath, { recursive: true, force: true });
});

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

const oid = new ObjectId('65f0a1b2c3d4e5f607182930');

async function writeSample(client: MongoClient): Promise<void> {
  const orders = client.db('app').collection<LooseDocument>('orders');
  await orders.createIndex({ ref: 1 }, { unique: true });
  await orders.insertOne({
    _id: oid,
    ref: 'A-1',
    placedAt: new Date('2024-05-06T07:08:09Z'),
    qty: Long.fromString('9007199254740993'),
  });
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      orders.insertOne({ _id: i, ref: `R-${i}`, price: Decimal128.fromString('9.99') }),
    ),
  );
  await orders.updateOne({ _id: 5 }, { $set: { status: 'shipped' }, $inc: { version: 1 } });
  await orders.deleteOne({ _id: 6 });
  const push: Document = { $push: { history: 'x' } };
  await orders.findOneAndUpdate({ _id: 7 }, push);
}

async function expectSample(client: MongoClient): Promise<void> {
  const orders = client.db('app').collection<LooseDocument>('orders');
  const first = await orders.findOne({ _id: oid }, { promoteLongs: false });
  expect(first?.placedAt).toEqual(new Date('2024-05-06T07:08:09Z'));
  expect(first?.qty).toEqual(Long.fromString('9007199254740993'));
  expect(await orders.countDocuments()).toBe(40);
  expect(await orders.findOne({ _id: 5 })).toMatchObject({ status: 'shipped', version: 1 });
  expect(await orders.findOne({ _id: 6 })).toBeNull();
  expect(await orders.findOne({ _id: 7 })).toMatchObject({ history: ['x'] });
  expect(String((await orders.findOne({ _id: 3 }))?.price)).toBe('9.99');
  await expect(orders.insertOne({ ref: 'R-1' })).rejects.toMatchObject({ code: 11000 });
}

describe('durability with dbPath', () => {
  it('keeps every acknowledged write across kill -9', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath]);
    await withClient(first.uri, writeSample);
    expect(await stopCli(first, 'SIGKILL')).toBeNull();
    const second = await startCli(['--port', '0', '--dbpath', dbPath]);
    try {
      await withClient(second.uri, expectSample);
    } finally {
      expect(await stopCli(second, 'SIGTERM')).toBe(0);
    }
  });

  it('compacts to a snapshot at clean shutdown and loads it again', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath]);
    await withClient(first.uri, writeSample);
    expect(await stopCli(first, 'SIGINT')).toBe(0);
    const files = await readdir(dbPath);
    expect(files).toContain('snapshot.bin');
    expect(files).not.toContain('mongod.lock');
    const journal = files.find((f) => f.startsWith('journal-'));
    expect(journal && (await stat(join(dbPath, journal))).size).toBe(0);
    const server = await startEmbeddedMongo({ dbPath });
    try {
      await withClient(server.uri, expectSample);
    } finally {
      await server.close();
    }
  });

  it('drops a torn last record, logs a warning and keeps the data before it', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath]);
    await withClient(first.uri, writeSample);
    await stopCli(first, 'SIGKILL');
    const journal = (await readdir(dbPath)).find((f) => f.startsWith('journal-'));
    if (!journal) throw new Error('no journal file');
    const journalPath = join(dbPath, journal);
    const intactSize = (await stat(journalPath)).size;
    // Half of a record: a header announcing 200 bytes, then only 50 of them.
    const header = Buffer.alloc(8);
    header.writeUInt32LE(200, 0);
    header.writeUInt32LE(0xdeadbeef, 4);
    await appendFile(journalPath, Buffer.concat([header, Buffer.alloc(50, 7)]));
    const warnings: string[] = [];
    const server = await startEmbeddedMongo({
      dbPath,
      logger: { info: () => {}, warn: (m) => warnings.push(m) },
    });
    try {
      expect(warnings.join('\n')).toMatch(/cut short/);
      expect((await stat(journalPath)).size).toBe(intactSize);
      await withClient(server.uri, expectSample);
    } finally {
      await server.close();
    }
  });

  it('compacts while running once the journal outgrows the data, and survives kill -9 after it', async () => {
    const first = await startCli(['--port', '0', '--dbpath', dbPath, '--compact-min-bytes', '20000']);
    await withClient(first.uri, async (client) => {
      await writeSample(client);
      const counters = client.db('app').collection<LooseDocument>('counters');
      await counters.insertOne({ _id: 'c', n: 0, pad: 'p'.repeat(500) });
      const journalGeneration = async () =>
        Math.max(...(await readdir(dbPath)).map((f) => Number(/^journal-(\d+)\.bin$/.exec(f)?.[1] ?? 0)));
      // Each update journals the whole document, so the journal soon passes 2x the live data.
      for (let i = 0; (await journalGeneration()) < 2; i++) {
        if (i > 5000) throw new Error('no compaction after 5000 updates');
        await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } });
      }
      await counters.updateOne({ _id: 'c' }, { $inc: { n: 1000 } });
    });
    await stopCli(first, 'SIGKILL');
    const second = await startCli(['--port', '0', '--dbpath', dbPath]);
    try {
      await withClient(second.uri, async (client) => {
        await expectSample(client);
        const counter = await client.db('app').collection<LooseDocument>('counters').findOne({ _id: 'c' });
        expect(Number(counter?.n)).toBeGreaterThan(1000);
      });
    } finally {
      await stopCli(second, 'SIGTERM');
    }
  });

  it('refuses a second server on the same dbPath', async () => {
    const server = await startEmbeddedMongo({ dbPath });
    try {
      await expect(startEmbeddedMongo({ dbPath })).rejects.toThrow(/already in use/);
    } finally {
      await server.close();
    }
    const again = await startEmbeddedMongo({ dbPath });
    await again.close();
  });
});

describe('CLI arguments', () => {
  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('rejects %j with a clear message', async (args, message) => {
    const { code, stderr } = await runCliToExit(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: npm run db/);
  });
});
