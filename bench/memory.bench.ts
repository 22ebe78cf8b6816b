import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseExposition } from '../test/metrics/exposition.js';
import { BENCH_API_TOKEN, type BenchApp, freePort, startBenchApp } from './support/bench-app.js';
import { type ObservedEmulator, startObservedEmulator } from './support/observed-emulator.js';
import { collectGarbage, heapMb, rssMb, startDatabaseProcess } from './support/process-memory.js';
import { createWalker } from './support/setup-walker.js';
import { startWebhookTap } from './support/webhook-tap.js';

/**
 * Memory per completed conversation. Conversations run to the end of the setup (invitation, every
 * step, the success card), `parallel` at a time, and at each checkpoint the process is measured
 * after a full collection: heap, resident set, and what the app keeps per space, person and event
 * (`wxcc_tracked_entries` of its `/metrics`). The database runs as its own process (its documents
 * are data, not the bot's memory); the app and the emulator share this process, so the heap's
 * growth includes what the emulator keeps of every message (`emulator_kb_per_conversation`, the
 * JSON size of the bot's messages it stored). At the end the app is stopped and the heap measured
 * again: the difference is what the running app itself held after all the conversations.
 */

export interface MemoryOptions {
  /** Completed conversations at each measurement, ascending; growth is taken after the first. */
  checkpoints?: number[];
  parallel?: number;
  log?: (line: string) => void;
}

async function trackedEntries(app: BenchApp): Promise<Record<string, number>> {
  const response = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${BENCH_API_TOKEN}` },
  });
  const out: Record<string, number> = {};
  for (const sample of parseExposition(await response.text()))
    if (sample.name === 'wxcc_tracked_entries') out[sample.labels.structure ?? '?'] = sample.value;
  return out;
}

/** One person, invited, clicking through the whole setup. */
async function converse(emulator: ObservedEmulator, app: BenchApp, i: number): Promise<void> {
  const orderId = `BENCH-M-${i}`;
  const email = `memory.${i}@partner.example`;
  const person = await emulator.emulator.createPerson(email, `Memory ${i}`);
  // A busy machine can keep the database from answering in time: the API says 503, try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await app.placeOrder(orderId, email);
      break;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes(': 503 ')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
  const invitation = await emulator.messageAbout(orderId, 300_000);
  const roomId = invitation.record.roomId;
  const index = emulator.botMessages(roomId).indexOf(invitation);
  const walker = createWalker(emulator, person.token, roomId, { index, message: invitation }, 300_000);
  while ((await walker.click()) !== undefined) {}
}

async function stopDatabase(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

export async function runMemoryBench(options: MemoryOptions = {}): Promise<Record<string, number>> {
  const checkpoints = options.checkpoints ?? [1_000, 2_000];
  const parallel = options.parallel ?? 100;
  const log = options.log ?? (() => {});
  const database =
    process.env.MONGODB_URI === undefined ? await startDatabaseProcess(['--in-memory']) : undefined;
  const emulator = await startObservedEmulator();
  const tap = await startWebhookTap();
  const port = await freePort();
  const app = await startBenchApp(emulator, {
    publicUrl: tap.url,
    port,
    ...(database === undefined ? {} : { mongoUri: database.uri }),
  });
  tap.forwardTo(`http://127.0.0.1:${port}`);
  const results: Record<string, number> = {};
  let appStopped = false;
  try {
    await converse(emulator, app, 0);
    collectGarbage();
    results.heap_baseline_mb = heapMb();
    results.rss_baseline_mb = rssMb();
    let done = 0;
    const started = performance.now();
    const points: { conversations: number; heap: number; rss: number; emulatorKb: number }[] = [];
    for (const checkpoint of checkpoints) {
      let next = done + 1;
      const lane = async () => {
        while (next <= checkpoint) await converse(emulator, app, next++);
      };
      await Promise.all(Array.from({ length: parallel }, lane));
      done = checkpoint;
      collectGarbage();
      const point = {
        conversations: done,
        heap: heapMb(),
        rss: rssMb(),
        emulatorKb: emulator.storedBytes() / 1024,
      };
      points.push(point);
      results[`heap_after_${done}_mb`] = point.heap;
      results[`rss_after_${done}_mb`] = point.rss;
      for (const [structure, count] of Object.entries(await trackedEntries(app)))
        results[`after_${done}_${structure}`] = count;
      log(`memory: ${done} conversations, heap ${point.heap.toFixed(1)} MB, rss ${point.rss.toFixed(1)} MB`);
    }
    results.conversations_per_s = done / ((performance.now() - started) / 1000);
    const first = points[0];
    const last = points.at(-1);
    if (first !== undefined && last !== undefined && last.conversations > first.conversations) {
      const span = last.conversations - first.conversations;
      results.heap_kb_per_conversation_after_first = ((last.heap - first.heap) * 1024) / span;
      results.rss_kb_per_conversation_after_first = ((last.rss - first.rss) * 1024) / span;
      results.emulator_kb_per_conversation = (last.emulatorKb - first.emulatorKb) / span;
    }
    // What the running app held: the heap with it, less the heap once it is stopped and collected.
    const withApp = heapMb();
    await app.stop();
    appStopped = true;
    collectGarbage();
    results.app_heap_held_mb = withApp - heapMb();
    return results;
  } finally {
    if (!appStopped) await app.stop();
    await tap.close();
    await emulator.close();
    if (database !== undefined) await stopDatabase(database.child);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runMemoryBench({
    checkpoints: (process.env.BENCH_MEMORY_CHECKPOINTS ?? '1000,2000').split(',').map(Number),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(2)}\n`);
  process.exit(0);
}
