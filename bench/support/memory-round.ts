import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { parseExposition } from '../../test/metrics/exposition.js';
import { BENCH_ORDERS_TOKEN, type Part } from './process-kit.js';
import { placeOrderFor, type RoundParts } from './procs-round.js';
import { startRemoteWalker } from './remote-walker.js';

/**
 * The memory round of the process benchmark: completed conversations (invitation, every step, the
 * success card) go through one bot process, `parallel` at a time with no think time, and after
 * every `every` completed the bot's resident set is read from `/proc/<pid>/status` (`VmRSS`) and
 * its `/metrics` (heap, and `wxcc_tracked_entries`: what it keeps per space, person and event).
 * Conversations in flight finish before each reading (no new one starts until then), so a reading
 * is of the process after exactly that many. The bot runs as deployed, with no flag of the bench's.
 */

export interface MemoryRoundOptions {
  tag: string;
  conversations: number;
  /** Conversations in flight at once. */
  parallel: number;
  /** A reading after every so many completed conversations. */
  every: number;
  /** No new batch of `every` starts after this many minutes (a busy machine's run still ends with its figures). */
  minutes?: number;
  /**
   * The folder the bot writes heap snapshots to when it was started with `--heapsnapshot-signal`
   * (`SIGUSR2`) and `--diagnostic-dir` there: one is taken after each reading, and since writing one
   * collects the whole heap first, the heap is read again after it (`heap_after_gc_mb`).
   */
  snapshotDir?: string;
  log: (line: string) => void;
}

/** The resident set of a process (MB), from `/proc/<pid>/status` (Linux). */
export function residentMbOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const found = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return found === null ? Number.NaN : Number(found[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The figures of the bot's `/metrics` that speak of its memory, keyed as the results name them. */
async function memoryMetrics(botUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${botUrl}/metrics`, {
    headers: { authorization: `Bearer ${BENCH_ORDERS_TOKEN}` },
  });
  if (!response.ok) throw new Error(`bench: GET /metrics → ${response.status}`);
  const out: Record<string, number> = {};
  const mb = (bytes: number) => bytes / 1024 / 1024;
  for (const sample of parseExposition(await response.text())) {
    if (sample.name === 'wxcc_tracked_entries') out[sample.labels.structure ?? '?'] = sample.value;
    else if (sample.name === 'nodejs_heap_size_used_bytes') out.heap_used_mb = mb(sample.value);
    else if (sample.name === 'nodejs_heap_size_total_bytes') out.heap_total_mb = mb(sample.value);
    else if (sample.name === 'nodejs_external_memory_bytes') out.external_mb = mb(sample.value);
  }
  return out;
}

/** Signals the bot to write a heap snapshot; resolves once its `/metrics` answers after it. */
async function heapAfterSnapshot(bot: Part, botUrl: string, dir: string): Promise<number> {
  const before = new Set(await readdir(dir));
  bot.child.kill('SIGUSR2');
  // The snapshot is written on the bot's main thread: a request it answers after the file appeared waited for it.
  for (const deadline = performance.now() + 120_000; ; ) {
    if ((await readdir(dir)).some((name) => !before.has(name))) break;
    if (performance.now() > deadline) throw new Error('bench: no heap snapshot in 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // A kept-alive connection may have been closed by the bot's idle timer meanwhile: asked again.
  const metrics = await memoryMetrics(botUrl).catch(() => memoryMetrics(botUrl));
  return metrics.heap_used_mb ?? Number.NaN;
}

/** The least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** One person invited, clicking through the whole setup; true when its last card says it is complete. */
async function converse(parts: RoundParts, tag: string, i: number): Promise<boolean> {
  const person = await placeOrderFor(parts, tag, i);
  const walker = await startRemoteWalker(parts.apiUrl, parts.tap, person, 600_000);
  while ((await walker.click()) !== undefined) {}
  return walker.done;
}

export async function memoryRound(
  parts: RoundParts,
  bot: Part,
  options: MemoryRoundOptions,
): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const points: { conversations: number; rss: number; heap: number; collected: number }[] = [];
  let completed = 0;
  let failed = 0;
  let next = 0;
  const started = performance.now();
  results.rss_at_start_mb = residentMbOf(bot.child.pid);
  const stopAt = started + (options.minutes ?? Number.POSITIVE_INFINITY) * 60_000;
  for (
    let checkpoint = options.every;
    next < options.conversations && performance.now() < stopAt;
    checkpoint += options.every
  ) {
    const until = Math.min(checkpoint, options.conversations);
    const lane = async () => {
      while (next < until) {
        const i = next++;
        try {
          if (await converse(parts, options.tag, i)) completed += 1;
          else failed += 1;
        } catch (error) {
          failed += 1;
          if (failed <= 3) options.log(`memory: conversation ${i}: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: options.parallel }, lane));
    const rss = residentMbOf(bot.child.pid);
    const metrics = await memoryMetrics(parts.botUrl);
    const heap = metrics.heap_used_mb ?? Number.NaN;
    const collected =
      options.snapshotDir === undefined
        ? Number.NaN
        : await heapAfterSnapshot(bot, parts.botUrl, options.snapshotDir);
    if (options.snapshotDir !== undefined) metrics.heap_after_gc_mb = collected;
    points.push({ conversations: until, rss, heap, collected });
    results[`rss_after_${until}_mb`] = rss;
    for (const [key, value] of Object.entries(metrics)) results[`after_${until}_${key}`] = value;
    const seconds = (performance.now() - started) / 1000;
    options.log(
      `memory: ${until} conversations (${completed} completed, ${failed} failed) in ${seconds.toFixed(0)} s: ` +
        `rss ${rss.toFixed(1)} MB, heap used ${heap.toFixed(1)} MB, tracked ${JSON.stringify(metrics)}`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  Object.assign(results, {
    conversations: next,
    conversations_completed: completed,
    conversations_failed: failed,
    seconds,
    conversations_per_s: completed / seconds,
    rss_max_mb: Math.max(...points.map((p) => p.rss)),
  });
  // Growth from the first reading on (the first conversations warm the process up), per conversation.
  if (points.length >= 2) {
    results.rss_kb_per_conversation_after_first =
      slope(points.map((p) => ({ x: p.conversations, y: p.rss }))) * 1024;
    results.heap_kb_per_conversation_after_first =
      slope(points.map((p) => ({ x: p.conversations, y: p.heap }))) * 1024;
    if (options.snapshotDir !== undefined)
      results.heap_after_gc_kb_per_conversation_after_first =
        slope(points.map((p) => ({ x: p.conversations, y: p.collected }))) * 1024;
  }
  return results;
}
