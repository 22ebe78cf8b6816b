import { runBotLatencyBench } from './bot-latency.bench.js';
import { runEmbeddedMongoBench } from './embedded-mongo.bench.js';
import { runOrdersBench } from './orders.bench.js';
import { runOverheadBench } from './overhead.bench.js';

/**
 * `npm run bench`: every benchmark in turn, printed as one table per part. Figures are for
 * comparing runs on one machine; nothing here is asserted. `npm run bench -- <part>` runs one part
 * (`mongo`, `orders`, `latency`).
 */
const parts: Record<string, () => Promise<Record<string, number>>> = {
  mongo: runEmbeddedMongoBench,
  orders: async () => {
    const result = await runOrdersBench({ log: (line) => process.stderr.write(`${line}\n`) });
    const flat: Record<string, number> = {};
    for (const [phase, values] of Object.entries(result)) {
      for (const [key, value] of Object.entries(values))
        if (typeof value === 'number') flat[`${phase}.${key}`] = value;
    }
    return flat;
  },
  latency: () => runBotLatencyBench(),
  overhead: () => runOverheadBench(),
};

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
  for (const [name, run] of Object.entries(parts)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    print(name, await run());
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
