/**
 * Embedded MongoDB benchmark. The server runs as its own process (the CLI, as `npm run db` starts
 * it) so the driver and the server each get a core, as in production where the app is the client.
 * Measures findOneAndUpdate-by-_id at 1k and 100k documents in memory and with a dbPath (fsync
 * before every reply, group-committed), insert throughput, server RSS with 100k documents, and how
 * many writes each fsync covered. Run alone with `npx tsx bench/embedded-mongo.bench.ts`.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Collection, type Db, MongoClient } from 'mongodb';
import { startDatabaseProcess } from './support/process-memory.js';

interface BenchDoc {
  _id: number;
  name: string;
  counter: number;
  tags: string[];
  updatedAt: Date;
}

const MEASURE_MS = 2_000;
const WARMUP_OPS = 2_000;

async function seed(collection: Collection<BenchDoc>, count: number): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < count; start += 1_000) {
    const size = Math.min(1_000, count - start);
    const batch = Array.from({ length: size }, (_, i) => ({
      _id: start + i,
      name: `user-${start + i}`,
      counter: 0,
      tags: ['a', 'b'],
      updatedAt: new Date(),
    }));
    await collection.insertMany(batch);
  }
  return count / ((performance.now() - started) / 1_000);
}

/** `concurrency` loops of `op` for MEASURE_MS (after a warm-up); returns ops/s. */
async function throughput(concurrency: number, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP_OPS / concurrency; i++)
    await Promise.all(Array.from({ length: concurrency }, op));
  let ops = 0;
  const started = performance.now();
  const deadline = started + MEASURE_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await op();
        ops++;
      }
    }),
  );
  return ops / ((performance.now() - started) / 1_000);
}

async function journalStats(db: Db): Promise<{ appends: number; fsyncs: number } | undefined> {
  const status = await db.admin().command({ serverStatus: 1 });
  const stats: unknown = status.embeddedJournal;
  if (typeof stats !== 'object' || stats === null) return undefined;
  const appends = Number(Reflect.get(stats, 'appends'));
  const fsyncs = Number(Reflect.get(stats, 'fsyncs'));
  return { appends, fsyncs };
}

async function measure(
  label: string,
  count: number,
  durable: boolean,
  results: Record<string, number>,
): Promise<void> {
  const dbPath = durable ? await mkdtemp(join(tmpdir(), 'embedded-mongo-bench-')) : undefined;
  const server = await startDatabaseProcess(dbPath ? ['--dbpath', dbPath] : ['--in-memory']);
  const client = await MongoClient.connect(server.uri, { maxPoolSize: 32 });
  try {
    const db = client.db('bench');
    const collection = db.collection<BenchDoc>('docs');
    results[`insertMany_${label}_docs_per_s`] = await seed(collection, count);
    const status = await db.admin().command({ serverStatus: 1 });
    results[`server_rss_mb_${label}`] = Number(status.mem?.residentBytes) / 1024 / 1024;
    const update = () =>
      collection.findOneAndUpdate(
        { _id: Math.floor(Math.random() * count) },
        { $inc: { counter: 1 }, $set: { updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
    results[`findOneAndUpdate_${label}_c1_ops_per_s`] = await throughput(1, update);
    const before = await journalStats(db);
    results[`findOneAndUpdate_${label}_c16_ops_per_s`] = await throughput(16, update);
    const after = await journalStats(db);
    if (before && after && after.fsyncs > before.fsyncs) {
      results[`writes_per_fsync_${label}_c16`] =
        (after.appends - before.appends) / (after.fsyncs - before.fsyncs);
    }
    if (count <= 1_000) {
      let next = 1_000_000;
      const insert = () =>
        collection.insertOne({ _id: next++, name: 'n', counter: 0, tags: [], updatedAt: new Date() });
      results[`insertOne_${label}_c1_ops_per_s`] = await throughput(1, insert);
      results[`insertOne_${label}_c16_ops_per_s`] = await throughput(16, insert);
    }
  } finally {
    await client.close();
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
    if (dbPath) await rm(dbPath, { recursive: true, force: true });
  }
}

/** Runs every measurement; keys name the operation, data size, storage and client concurrency. */
export async function runEmbeddedMongoBench(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  await measure('memory_1k', 1_000, false, results);
  await measure('memory_100k', 100_000, false, results);
  await measure('disk_1k', 1_000, true, results);
  await measure('disk_100k', 100_000, true, results);
  return results;
}

function printTable(results: Record<string, number>): void {
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  process.stdout.write(`${'measurement'.padEnd(width)}  ${'value'.padStart(10)}\n`);
  for (const [key, value] of Object.entries(results)) {
    process.stdout.write(`${key.padEnd(width)}  ${value.toFixed(value < 100 ? 1 : 0).padStart(10)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEmbeddedMongoBench().then(printTable, (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
