import { pathToFileURL } from 'node:url';
import { type BenchApp, freePort, startBenchApp } from './support/bench-app.js';
import { type ObservedEmulator, startObservedEmulator } from './support/observed-emulator.js';
import { collectGarbage, rssMb } from './support/process-memory.js';
import { createWalker, percentile, type Walker } from './support/setup-walker.js';
import { startWebhookTap, type WebhookTap } from './support/webhook-tap.js';

/**
 * Load: N conversations in progress at once, every person clicking through the setup as soon as
 * their next card arrives (no think time: the harshest case). Client side, a click lasts from
 * posting the submission to the emulator storing the next card; server side, from the webhook
 * reaching the app (through a pass-through tap) to that card. Bounded in time: what was reached
 * is reported. Memory: resident set after all of them, after a full garbage collection, and the
 * same projected to 10,000 conversations from the growth per conversation.
 */

export interface LoadOptions {
  sizes?: number[];
  /** Clicking time allowed per size, after the invitations are out. */
  seconds?: number;
  log?: (line: string) => void;
}

async function openConversations(
  emulator: ObservedEmulator,
  app: BenchApp,
  count: number,
  tag: string,
): Promise<Walker[]> {
  const walkers: Walker[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const orderId = `BENCH-${tag}-${i}`;
      const email = `load.${tag.toLowerCase()}.${i}@partner.example`;
      const person = await emulator.emulator.createPerson(email, `Load ${i}`);
      await app.placeOrder(orderId, email);
      const invitation = await emulator.messageAbout(orderId, 300_000);
      const roomId = invitation.record.roomId;
      const index = emulator.botMessages(roomId).indexOf(invitation);
      walkers.push(createWalker(emulator, person.token, roomId, { index, message: invitation }, 300_000));
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, 50) }, lane));
  return walkers;
}

async function loadRound(
  emulator: ObservedEmulator,
  tap: WebhookTap,
  walkers: Walker[],
  seconds: number,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const client: number[] = [];
  const server: number[] = [];
  let finished = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + seconds * 1000;
  await Promise.all(
    walkers.map(async (walker) => {
      while (performance.now() < deadline) {
        const latency = await walker.click();
        if (latency === undefined) {
          finished += 1;
          return;
        }
        client.push(latency);
        const webhookAt = tap.lastSubmission(walker.roomId);
        const card = emulator.botMessages(walker.roomId).at(-1);
        if (webhookAt !== undefined && card !== undefined) server.push(card.at - webhookAt);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const repeats = walkers.reduce((sum, walker) => sum + walker.repeats, 0);
  const sample = walkers.find((walker) => walker.repeats > 0);
  if (sample !== undefined) log(`a conversation with repeated cards: ${sample.steps.join(' → ')}`);
  return {
    repeated_cards: repeats,
    webhook_forward_failures: tap.failures(),
    transitions: client.length,
    transitions_per_s: client.length / elapsed,
    // The whole process (app, emulator, embedded database, clients): one core is 1000 ms/s.
    cpu_ms_per_transition: (cpu.user + cpu.system) / 1000 / Math.max(1, client.length),
    cpu_share_of_one_core: (cpu.user + cpu.system) / 1e6 / elapsed,
    setups_completed: finished,
    seconds: elapsed,
    client_p50_ms: percentile(client, 0.5),
    client_p99_ms: percentile(client, 0.99),
    server_p50_ms: percentile(server, 0.5),
    server_p99_ms: percentile(server, 0.99),
  };
}

export async function runLoadBench(options: LoadOptions = {}): Promise<Record<string, number>> {
  const sizes = options.sizes ?? [100, 1_000];
  const seconds = options.seconds ?? 60;
  const log = options.log ?? (() => {});
  const emulator = await startObservedEmulator();
  const tap = await startWebhookTap();
  const port = await freePort();
  const app = await startBenchApp(emulator, { publicUrl: tap.url, port });
  tap.forwardTo(`http://127.0.0.1:${port}`);
  const results: Record<string, number> = {};
  try {
    // Warm-up: one setup, then the baseline of memory.
    const [warm] = await openConversations(emulator, app, 1, 'LWARM');
    while (warm !== undefined && (await warm.click()) !== undefined) {}
    collectGarbage();
    results.rss_baseline_mb = rssMb();
    let conversations = 0;
    const points: { conversations: number; rss: number; heap: number }[] = [];
    for (const size of sizes) {
      const opened = performance.now();
      const walkers = await openConversations(emulator, app, size, `L${size}`);
      results[`n${size}_invitations_s`] = (performance.now() - opened) / 1000;
      for (const [key, value] of Object.entries(await loadRound(emulator, tap, walkers, seconds, log)))
        results[`n${size}_${key}`] = value;
      conversations += size;
      collectGarbage();
      const heap = process.memoryUsage().heapUsed / 1024 / 1024;
      points.push({ conversations, rss: rssMb(), heap });
      results[`rss_after_${conversations}_mb`] = rssMb();
      results[`heap_after_${conversations}_mb`] = heap;
    }
    // Growth per conversation between the first and the last point (the warm-up's one-off costs
    // are behind both), projected to 10,000. The emulator shares the process and keeps every
    // message it stored (each card ~3 kB), so this overstates the bot's own share.
    const first = points[0];
    const last = points.at(-1);
    if (first !== undefined && last !== undefined && last.conversations > first.conversations) {
      const perConversation = (last.rss - first.rss) / (last.conversations - first.conversations);
      results.rss_per_conversation_kb = perConversation * 1024;
      results.rss_projected_10k_mb = last.rss + perConversation * (10_000 - last.conversations);
      const heapPer = (last.heap - first.heap) / (last.conversations - first.conversations);
      results.heap_per_conversation_kb = heapPer * 1024;
      results.heap_projected_10k_mb = last.heap + heapPer * (10_000 - last.conversations);
    }
    results.conversations = conversations;
    // What the emulator keeps of the bot's messages (it shares the process): part of the growth.
    results.emulator_messages_kb_per_conversation = emulator.storedBytes() / 1024 / (conversations + 1);
    return results;
  } finally {
    await app.stop();
    await tap.close();
    await emulator.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runLoadBench({
    sizes: (process.env.BENCH_LOAD_SIZES ?? '100,1000').split(',').map(Number),
    seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 60),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(2)}\n`);
  process.exit(0);
}
