import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBotLatencyBench } from './bot-latency.bench.js';
import { runEmbeddedMongoBench } from './embedded-mongo.bench.js';
import { runLoadBench } from './load.bench.js';
import { runMemoryBench } from './memory.bench.js';
import { runOrdersBench } from './orders.bench.js';
import { runOverheadBench } from './overhead.bench.js';
import { type RoundName, runProcsBench } from './procs.bench.js';
import { runStartupBench } from './startup.bench.js';
import { runTraceBench } from './trace.bench.js';

/**
 * `npm run bench`: every benchmark in turn, printed as one table per part and written to
 * `bench/results.json`. Figures are for comparing runs on one machine; nothing here is asserted.
 * `npm run bench -- <part> ...` runs some parts; `BENCH_QUICK=1` runs smaller sizes (about a third
 * of the time). The README's Performance section says what each figure means.
 */
const quick = process.env.BENCH_QUICK === '1';
const log = (line: string) => process.stderr.write(`${line}\n`);

const parts: Record<string, () => Promise<Record<string, number>>> = {
  overhead: () => runOverheadBench({ rounds: quick ? 2 : 3, clicksPerRound: 36 }),
  // The same against a durable database (files and fsync, as `npm start` keeps its data).
  'overhead-durable': async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-durable-'));
    try {
      return await runOverheadBench({ rounds: quick ? 2 : 3, clicksPerRound: 36, dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  load: () => runLoadBench({ sizes: quick ? [100, 300] : [100, 1_000], seconds: quick ? 30 : 60, log }),
  // The bot, the emulator and the database in processes of their own; see procs.bench.ts.
  procs: () =>
    runProcsBench({
      conversations: quick ? 100 : 1_000,
      burstConversations: quick ? 100 : 300,
      rounds: ['human-1', 'burst-1', 'burst-2'] satisfies RoundName[],
      // The quick smoke clicks at a fifth of human pace.
      thinkMs: quick ? [1_000, 3_000] : [5_000, 15_000],
      log,
    }),
  // One bot process as deployed (the production build), 10,000 completed conversations, its
  // resident set after every 1,000.
  'procs-memory': () =>
    runProcsBench({
      rounds: ['memory'],
      built: true,
      memoryConversations: quick ? 600 : 10_000,
      memoryEvery: quick ? 100 : 1_000,
      // A busy machine may take hours for 10,000: BENCH_MEMORY_MINUTES starts no batch after that.
      ...(process.env.BENCH_MEMORY_MINUTES === undefined
        ? {}
        : { memoryMinutes: Number(process.env.BENCH_MEMORY_MINUTES) }),
      log,
    }),
  // Completed conversations: what the process keeps after the first 1,000, and after 1,500.
  memory: () => runMemoryBench({ checkpoints: quick ? [150, 300] : [1_000, 1_500], log }),
  orders: async () => {
    const result = await runOrdersBench({
      orders: quick ? 2_000 : 10_000,
      limitedOrders: quick ? 150 : 300,
      allowedPerSecond: 10,
      log,
    });
    const flat: Record<string, number> = {};
    for (const [phase, values] of Object.entries(result)) {
      for (const [key, value] of Object.entries(values))
        if (typeof value === 'number') flat[`${phase}.${key}`] = value;
    }
    return flat;
  },
  mongo: runEmbeddedMongoBench,
  startup: () => runStartupBench({ runs: quick ? 1 : 5 }),
  trace: () => runTraceBench({ log }),
  latency: () => runBotLatencyBench(),
};

/**
 * Run only when named, to keep the whole bench under 10 minutes: `load` (everything in the bench's
 * process; `procs` measures the same as deployed), `memory` (1,500 completed conversations,
 * about 6 minutes) and `procs-memory` (10,000 through one bot process: about 11 minutes per
 * 1,000 on a 2-core machine busy with other work).
 */
const NAMED_ONLY = new Set(['load', 'memory', 'procs-memory']);

function print(name: string, results: Record<string, number>): void {
  const width = Math.max(...Object.keys(results).map((key) => key.length), 11);
  process.stdout.write(`\n## ${name}\n`);
  for (const [key, value] of Object.entries(results)) {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 100 ? 2 : 0);
    process.stdout.write(`${key.padEnd(width)}  ${shown.padStart(12)}\n`);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in parts));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown bench part(s): ${unknown.join(', ')}. Parts: ${Object.keys(parts).join(', ')}\n`,
    );
    process.exit(2);
  }
  const began = performance.now();
  const report: {
    date: string;
    quick: boolean;
    machine: { cpus: number; node: string; loadAverageAtStart: number[] };
    seconds: Record<string, number>;
    results: Record<string, Record<string, number>>;
  } = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: loadavg() },
    seconds: {},
    results: {},
  };
  for (const [name, run] of Object.entries(parts)) {
    if (wanted.length > 0 ? !wanted.includes(name) : NAMED_ONLY.has(name)) continue;
    const started = performance.now();
    const results = await run();
    report.seconds[name] = Math.round((performance.now() - started) / 100) / 10;
    report.results[name] = results;
    print(name, results);
  }
  report.seconds.total = Math.round((performance.now() - began) / 100) / 10;
  for (const [part, database] of [
    ['overhead', 'in-memory database'],
    ['overhead-durable', 'durable database'],
  ] as const) {
    const overhead = report.results[part];
    if (overhead !== undefined)
      process.stdout.write(
        `\noverhead ratio over the bare framework (${database}): p50 ${overhead.ratio_p50?.toFixed(2)}, p99 ${overhead.ratio_p99?.toFixed(2)}\n`,
      );
  }
  process.stdout.write(
    `\nload average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} on ${cpus().length} cores; ${report.seconds.total} s in all\n`,
  );
  await writeFile(
    fileURLToPath(new URL('results.json', import.meta.url)),
    `${JSON.stringify(report, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
