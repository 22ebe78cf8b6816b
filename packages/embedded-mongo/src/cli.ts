/**
 * `npm run db -- --port 27017 --dbpath .data/db`: runs the embedded MongoDB-compatible server in
 * the foreground, prints its connection string, and closes cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startEmbeddedMongo } from './index.js';

const USAGE = `Usage: npm run db -- [--port <0-65535>] [--host <address>] [--dbpath <dir>] [--in-memory]
                     [--compact-min-bytes <n>]

  --port              TCP port (default 27017; 0 picks a free port)
  --host              interface to listen on (default 127.0.0.1)
  --dbpath            directory for the journal and snapshot (default .data/db)
  --in-memory         keep data in memory only (ignores --dbpath)
  --compact-min-bytes journal size below which it is never compacted while running (default 16777216)`;

const flagsSchema = z.object({
  port: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n <= 65535, 'must be between 0 and 65535')
    .default(27017),
  host: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  dbpath: z.string().min(1, 'must not be empty').default('.data/db'),
  'in-memory': z.boolean().default(false),
  'compact-min-bytes': z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).optional(),
  help: z.boolean().default(false),
});

function fail(message: string): never {
  process.stderr.write(`embedded-mongo: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        dbpath: { type: 'string' },
        'in-memory': { type: 'boolean' },
        'compact-min-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('\n'));
  }
  const flags = parsed.data;
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const logger = {
    info: (msg: string) => process.stderr.write(`[embedded-mongo] ${msg}\n`),
    warn: (msg: string) => process.stderr.write(`[embedded-mongo] warning: ${msg}\n`),
  };
  const server = await startEmbeddedMongo({
    port: flags.port,
    host: flags.host,
    ...(flags['in-memory'] ? {} : { dbPath: flags.dbpath }),
    ...(flags['compact-min-bytes'] === undefined
      ? {}
      : { journalCompactMinBytes: flags['compact-min-bytes'] }),
    logger,
  });
  process.stdout.write(`${server.uri}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.warn(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded-mongo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
