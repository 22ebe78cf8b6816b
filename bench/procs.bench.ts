import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { memoryRound } from './support/memory-round.js';
import { type Part, startBotPart, startDatabasePart, startEmulatorPart } from './support/process-kit.js';
import { clickRound, openConversations, type RoundParts } from './support/procs-round.js';
import { startRoomTap } from './support/room-tap.js';

/**
 * Processes: the bot as it runs with Webex, in a process of its own (`npm start` against the
 * emulator as `WEBEX_API_URL`), the emulator in another (`npm run emulator`), the embedded
 * database in a third (`npm run db`, durable), and the people clicking in the bench's process,
 * through the emulator's public REST API. One or two bot processes share the database behind one
 * `PUBLIC_URL` (the tap, a round-robin balancer). Each round reports the CPU time every process
 * spent per transition, from `/proc/<pid>/stat` before and after the clicking.
 *
 * Rounds: `human-1` (every person clicks 5–15 s after each card arrives: about 100 transitions a
 * second offered by 1,000 people), `burst-1` (everyone at once, no think time: how long all the
 * setups take, and what one bot process can serve), and the same two with two bot processes.
 * `memory` (only when named): many completed conversations through one bot process, its resident
 * set read after every 1,000 (see `support/memory-round.ts`).
 */

export const ROUNDS = ['human-1', 'burst-1', 'burst-2', 'human-2', 'memory'] as const;
export type RoundName = (typeof ROUNDS)[number];

export interface ProcsOptions {
  /** Conversations of the human-pace rounds. */
  conversations?: number;
  /** Conversations of the burst rounds (default: as many). */
  burstConversations?: number;
  rounds?: readonly RoundName[];
  thinkMs?: readonly [number, number];
  /** Completed conversations of the `memory` round (default 10,000), `memoryParallel` at a time (200). */
  memoryConversations?: number;
  memoryParallel?: number;
  /** A reading of the `memory` round after every so many conversations (1,000). */
  memoryEvery?: number;
  /** The `memory` round starts no new batch after this many minutes. */
  memoryMinutes?: number;
  /** The `memory` round's bot writes a heap snapshot here after each reading (see `support/memory-round.ts`). */
  heapSnapshotDir?: string;
  /** Runs the bots from the production build (`npm run start:prod`), built first. */
  built?: boolean;
  /** Node options of every bot process (e.g. `--max-old-space-size=160`). */
  botNodeArgs?: string[];
  /** Clicking time allowed per round. */
  limitSeconds?: number;
  /** When set, each bot process writes a CPU profile here (`--cpu-prof`) as it stops. */
  profileDir?: string;
  log?: (line: string) => void;
}

function botNodeArgs(options: ProcsOptions, memory: boolean): string[] {
  const args: string[] = [...(options.botNodeArgs ?? [])];
  if (options.profileDir !== undefined) args.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
  if (memory && options.heapSnapshotDir !== undefined)
    args.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${options.heapSnapshotDir}`);
  return args;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const botSchema = z.looseObject({ id: z.string() });

export async function runProcsBench(options: ProcsOptions = {}): Promise<Record<string, number>> {
  const conversations = options.conversations ?? 1_000;
  const rounds = options.rounds ?? ROUNDS.filter((round) => round !== 'memory');
  const humanThink = options.thinkMs ?? [5_000, 15_000];
  const log = options.log ?? (() => {});
  if (options.built === true) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('bench: npm run build failed');
  }
  const dbDir = await mkdtemp(join(tmpdir(), 'bench-procs-'));
  const started: Part[] = [];
  let tapClose: (() => Promise<void>) | undefined;
  const results: Record<string, number> = {};
  try {
    const database = await startDatabasePart(dbDir);
    started.push(database);
    const emulator = await startEmulatorPart();
    started.push(emulator);
    const baseUrl = emulator.apiUrl.replace(/\/v1$/, '');
    const bot = botSchema.parse(await (await fetch(`${baseUrl}/_admin/bot`)).json());
    const tap = await startRoomTap(() => bot.id);
    tapClose = tap.close;
    for (const round of rounds) {
      const [pace, count = '1'] = round.split('-');
      const tag = round.replace('-', '').toUpperCase();
      const bots = await Promise.all(
        Array.from({ length: Number(count) }, (_, i) =>
          startBotPart({
            apiUrl: emulator.apiUrl,
            botToken: emulator.botToken,
            mongoUri: database.uri,
            dbName: `procs_${tag.toLowerCase()}`,
            publicUrl: tap.url,
            built: options.built === true,
            nodeArgs: botNodeArgs(options, pace === 'memory'),
          }).then((part) => ({ ...part, name: Number(count) === 1 ? 'bot' : `bot${i + 1}` })),
        ),
      );
      try {
        tap.setUpstreams(bots.map((b) => b.url));
        const parts: RoundParts = {
          adminUrl: `${baseUrl}/_admin`,
          apiUrl: emulator.apiUrl,
          tap,
          parts: [...bots, emulator, database],
          botUrl: bots[0]?.url ?? '',
        };
        const roundOptions = {
          tag,
          conversations: pace === 'human' ? conversations : (options.burstConversations ?? conversations),
          thinkMs: pace === 'human' ? humanThink : ([0, 0] as const),
          limitSeconds: options.limitSeconds ?? 300,
          log,
        };
        if (pace === 'memory') {
          const bot = bots[0];
          if (bot === undefined) throw new Error('bench: the memory round has no bot');
          for (const [key, value] of Object.entries(
            await memoryRound(parts, bot, {
              tag,
              conversations: options.memoryConversations ?? 10_000,
              parallel: options.memoryParallel ?? 200,
              every: options.memoryEvery ?? 1_000,
              ...(options.memoryMinutes === undefined ? {} : { minutes: options.memoryMinutes }),
              ...(options.heapSnapshotDir === undefined ? {} : { snapshotDir: options.heapSnapshotDir }),
              log,
            }),
          ))
            results[`${round}_${key}`] = value;
          continue;
        }
        // One setup first: the processes' first-time costs (compiling, connections) are not measured.
        const warm = await openConversations(parts, { ...roundOptions, tag: `${tag}W`, conversations: 1 });
        await clickRound(parts, warm, { ...roundOptions, thinkMs: [0, 0] });
        const opened = performance.now();
        const walkers = await openConversations(parts, roundOptions);
        results[`${round}_invitations_s`] = (performance.now() - opened) / 1000;
        log(`${round}: ${walkers.length} invitations in ${results[`${round}_invitations_s`]?.toFixed(1)} s`);
        for (const [key, value] of Object.entries(await clickRound(parts, walkers, roundOptions)))
          results[`${round}_${key}`] = value;
        log(
          `${round}: ${results[`${round}_transitions`]} transitions in ${results[`${round}_seconds`]?.toFixed(1)} s`,
        );
        if (bots.length > 1) {
          const all = tap.counts();
          const counts = bots.map((b) => all[b.url] ?? 0);
          results[`${round}_webhooks_busiest_bot_share`] =
            Math.max(...counts) / counts.reduce((a, b) => a + b, 0);
        }
      } finally {
        await Promise.all(bots.map((b) => b.stop()));
      }
    }
    const one = results['burst-1_transitions_per_s'];
    const two = results['burst-2_transitions_per_s'];
    if (one !== undefined && two !== undefined) results.burst_two_over_one = two / one;
    return results;
  } finally {
    await tapClose?.();
    for (const part of started.reverse()) await part.stop();
    await rm(dbDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wanted = (process.env.BENCH_PROCS_ROUNDS ?? 'human-1,burst-1,burst-2,human-2').split(',');
  const results = await runProcsBench({
    conversations: Number(process.env.BENCH_PROCS_CONVERSATIONS ?? 1_000),
    burstConversations: Number(
      process.env.BENCH_PROCS_BURST ?? process.env.BENCH_PROCS_CONVERSATIONS ?? 1_000,
    ),
    rounds: ROUNDS.filter((round) => wanted.includes(round)),
    memoryConversations: Number(process.env.BENCH_PROCS_MEMORY ?? 10_000),
    memoryEvery: Number(process.env.BENCH_PROCS_MEMORY_EVERY ?? 1_000),
    ...(process.env.BENCH_PROCS_MEMORY_MINUTES === undefined
      ? {}
      : { memoryMinutes: Number(process.env.BENCH_PROCS_MEMORY_MINUTES) }),
    built: process.env.BENCH_PROCS_BUILT === '1',
    botNodeArgs: (process.env.BENCH_PROCS_BOT_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
    ...(process.env.BENCH_PROCS_HEAP_SNAPSHOTS === undefined
      ? {}
      : { heapSnapshotDir: process.env.BENCH_PROCS_HEAP_SNAPSHOTS }),
    ...(process.env.BENCH_PROCS_PROFILE === undefined ? {} : { profileDir: process.env.BENCH_PROCS_PROFILE }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(2)}\n`);
  process.exit(0);
}
