import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { startEmbeddedMongo } from '@wxcc-order-setup/embedded-mongo';
import { z } from 'zod';
import { createLogger } from '../src/log/logger.js';
import { freePort, startBenchApp } from './support/bench-app.js';
import { startMongoWireTap, type WireCommand } from './support/mongo-wire-tap.js';
import { type RequestTiming, startObservedEmulator } from './support/observed-emulator.js';
import { createWalker } from './support/setup-walker.js';
import { startWebhookTap } from './support/webhook-tap.js';

/**
 * Where the time of one click goes. The app runs against an embedded database with a dbPath (an
 * fsync before each write's answer, as `npm start` keeps it) behind a wire tap that times every
 * command, an emulator that times every request it serves, a webhook tap, and the app's own debug
 * logs. One conversation walks the setup; each click's events are printed as a timeline from the
 * moment the submission is posted, and the figures are the medians over the clicks.
 */

const logLineSchema = z.looseObject({ time: z.string(), msg: z.string() });

interface TimelineEntry {
  at: number;
  end?: number;
  what: string;
}

export async function runTraceBench(
  options: { log?: (line: string) => void } = {},
): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const dbPath = await mkdtemp(join(tmpdir(), 'bench-trace-'));
  const mongo = await startEmbeddedMongo({ dbPath });
  const wire = await startMongoWireTap({ host: '127.0.0.1', port: mongo.port });
  const emulator = await startObservedEmulator();
  const tap = await startWebhookTap();
  const logs: { at: number; msg: string }[] = [];
  let capture = false;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (capture) {
        for (const line of chunk.toString().split('\n')) {
          if (line === '') continue;
          const parsed = logLineSchema.safeParse(JSON.parse(line));
          // pino's wall-clock time, moved onto the performance timeline (millisecond resolution).
          if (parsed.success)
            logs.push({ at: Date.parse(parsed.data.time) - performance.timeOrigin, msg: parsed.data.msg });
        }
      }
      done();
    },
  });
  const port = await freePort();
  const app = await startBenchApp(emulator, {
    mongoUri: wire.uri,
    publicUrl: tap.url,
    port,
    logger: createLogger('debug', {}, destination),
  });
  tap.forwardTo(`http://127.0.0.1:${port}`);
  const totals: Record<string, number[]> = {};
  const add = (key: string, value: number) => {
    totals[key] = [...(totals[key] ?? []), value];
  };
  try {
    const person = await emulator.emulator.createPerson('trace@partner.example', 'Trace');
    await app.placeOrder('BENCH-TRACE-1', 'trace@partner.example');
    const invitation = await emulator.messageAbout('BENCH-TRACE-1');
    const walker = createWalker(emulator, person.token, invitation.record.roomId, {
      index: 0,
      message: invitation,
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the invitation's own work settles
    for (;;) {
      const requests: RequestTiming[] = [];
      const commands: WireCommand[] = [];
      logs.length = 0;
      emulator.recordRequests(requests);
      wire.record(commands);
      capture = true;
      const t0 = performance.now();
      const latency = await walker.click();
      await new Promise((resolve) => setTimeout(resolve, 300)); // what the click does after its card
      capture = false;
      emulator.recordRequests(undefined);
      wire.record(undefined);
      if (latency === undefined) break;
      const cardAt = t0 + latency;
      const webhookAt = tap.lastSubmission(walker.roomId) ?? Number.NaN;
      const entries: TimelineEntry[] = [
        ...requests.map((r) => ({
          at: r.start,
          end: r.end,
          what: `emulator ${r.method} ${r.path} ${r.status}`,
        })),
        ...commands.map((c) => ({ at: c.start, end: c.end, what: `db ${c.command} ${c.collection}` })),
        ...logs.map((l) => ({ at: l.at, what: `log "${l.msg}"` })),
        { at: webhookAt, what: 'webhook reaches the app' },
        { at: cardAt, what: 'next card stored' },
      ].sort((a, b) => a.at - b.at);
      log(`\nclick → ${walker.steps.at(-1)} (${latency.toFixed(1)} ms)`);
      for (const e of entries)
        log(
          `  ${(e.at - t0).toFixed(1).padStart(7)} ms ${e.end === undefined ? '        ' : `+${(e.end - e.at).toFixed(1).padStart(6)}`}  ${e.what}`,
        );
      const before = (at: number) => at <= cardAt;
      const onPath = commands.filter((c) => before(c.end));
      add('click_ms', latency);
      add('to_webhook_ms', webhookAt - t0);
      add('webhook_to_card_ms', cardAt - webhookAt);
      add('db_round_trips_before_card', onPath.length);
      add(
        'db_writes_before_card',
        onPath.filter((c) => /insert|update|delete|findAndModify/i.test(c.command)).length,
      );
      add(
        'db_ms_before_card',
        onPath.reduce((sum, c) => sum + (c.end - c.start), 0),
      );
      add('db_round_trips_after_card', commands.length - onPath.length);
      const sdk = requests.filter((r) => before(r.end) && r.start >= webhookAt);
      add('sdk_calls_before_card', sdk.length);
      add(
        'sdk_ms_before_card',
        sdk.reduce((sum, r) => sum + (r.end - r.start), 0),
      );
      const people = sdk.find((r) => r.path.startsWith('/v1/people'));
      if (people !== undefined) add('people_lookup_ms_after_webhook', people.end - webhookAt);
      const send = requests.find((r) => r.method === 'POST' && r.path === '/v1/messages' && before(r.start));
      if (send !== undefined) add('send_card_ms', send.end - send.start);
    }
    const results: Record<string, number> = {};
    for (const [key, values] of Object.entries(totals)) {
      const sorted = [...values].sort((a, b) => a - b);
      results[`median_${key}`] = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    }
    return results;
  } finally {
    await app.stop();
    await tap.close();
    await emulator.close();
    await wire.close();
    await mongo.close();
    await rm(dbPath, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runTraceBench({ log: (line) => process.stderr.write(`${line}\n`) });
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(1)}\n`);
  process.exit(0);
}
