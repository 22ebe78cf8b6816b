import { pathToFileURL } from 'node:url';
import { startTestApp } from '../test/support/test-app.js';

/**
 * Round-trip latency of the whole bot in local mode: a person posts `help` to the emulator, the
 * emulator signs and delivers the webhook, the framework fetches the message and the person, the
 * conversation answers through the outbox, and the answer appears in the person's 1:1 space.
 */
export async function runBotLatencyBench(rounds = 40): Promise<Record<string, number>> {
  const app = await startTestApp({ env: { LOG_LEVEL: 'silent' } });
  try {
    const person = await app.person('bench.latency@partner.example', 'Bench');
    const samples: number[] = [];
    let expected = 0;
    for (let i = 0; i < rounds; i += 1) {
      const started = performance.now();
      await person.say('help');
      expected += 1;
      await person.waitForMessages(expected, 30_000);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) =>
      samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
    return {
      help_round_trip_p50_ms: at(0.5),
      help_round_trip_p95_ms: at(0.95),
      help_round_trip_max_ms: samples.at(-1) ?? Number.NaN,
      rss_mb: process.memoryUsage().rss / 1024 / 1024,
    };
  } finally {
    await app.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBotLatencyBench().then(
    (results) => {
      for (const [key, value] of Object.entries(results))
        process.stdout.write(`${key}  ${value.toFixed(1)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
