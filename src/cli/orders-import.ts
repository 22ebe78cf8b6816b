import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readImportFile } from '../orders/import/import-rows.js';
import {
  checkImportTarget,
  ImportAbortedError,
  type RowOutcome,
  type RowResult,
  runImport,
} from '../orders/import/import-runner.js';

/**
 * `npm run orders:import -- <file.csv|file.json> [--url URL] [--token TOKEN]`
 *
 * Checks every row with the API's own schema, then sends the good ones through the orders API, so
 * validation and idempotency are the server's. Exit code 0 only when every row was created or was
 * already there unchanged; 1 when some rows were not imported; 2 when the import could not run.
 */

const USAGE = `Usage: npm run orders:import -- <file.csv|file.json> [--url http://127.0.0.1:3000] [--token TOKEN]

  --url    the bot's base URL (default: ORDERS_API_URL, else http://127.0.0.1:\${PORT:-3000})
  --token  the orders API token (default: ORDERS_API_TOKEN, else the token file the app
           writes in local mode, \${DATA_DIR:-.data}/orders-api-token)

CSV: a header row naming the fields (orderId, requestedStartDate, provisioningContactEmail,
partnerName, customerName, offer, trialOrgId, locale, timeZone); empty cells are left out.
JSON: an array of order objects with the same fields.`;

const env = process.env;
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function fail(message: string, showUsage = false): number {
  err(`orders:import: ${message}`);
  if (showUsage) err(`\n${USAGE}`);
  return 2;
}

async function resolveToken(given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  if (env.ORDERS_API_TOKEN !== undefined && env.ORDERS_API_TOKEN.trim() !== '')
    return env.ORDERS_API_TOKEN.trim();
  const file = path.join(env.DATA_DIR ?? '.data', 'orders-api-token');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

function ordersUrlOf(base: string): string | undefined {
  try {
    const url = new URL(base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const trimmed = url.href.replace(/\/+$/, '');
    return trimmed.endsWith('/api/orders') ? trimmed : `${trimmed}/api/orders`;
  } catch {
    return undefined;
  }
}

/** Prints progress to stderr every 5% or every second, for files worth waiting on. */
function progressPrinter(total: number) {
  let lastPercent = 0;
  let lastAt = Date.now();
  return (done: number) => {
    const percent = Math.floor((done * 100) / total);
    if (done === total || percent >= lastPercent + 5 || Date.now() - lastAt >= 1_000) {
      err(`  ${done}/${total} rows sent (${percent}%)`);
      lastPercent = percent;
      lastAt = Date.now();
    }
  };
}

function printSummary(file: string, results: RowResult[], invalidCount: number): void {
  const count = (outcome: RowOutcome) => results.filter((r) => r.outcome === outcome).length;
  for (const result of results)
    if (result.outcome !== 'created' && result.outcome !== 'unchanged')
      err(`${result.label}: ${result.outcome.replace('_', ' ')}: ${result.message ?? ''}`);
  out(
    `${file}: ${results.length + invalidCount} rows: ${count('created')} created, ${count('unchanged')} unchanged, ` +
      `${count('conflict')} conflicting, ${count('too_late')} too late, ` +
      `${invalidCount + count('rejected')} invalid, ${count('failed')} failed.`,
  );
}

const ARG_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine(argv: string[]) {
  try {
    return { ok: true as const, ...parseArgs({ args: argv, options: ARG_OPTIONS, allowPositionals: true }) };
  } catch (error) {
    return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) return fail(parsed.error, true);
  if (parsed.values.help === true) {
    out(USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) return fail('give the file to import', true);
  if (extra.length > 0) return fail(`one file at a time (also got ${extra.join(' ')})`, true);
  const base = parsed.values.url ?? env.ORDERS_API_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}`;
  const ordersUrl = ordersUrlOf(base);
  if (ordersUrl === undefined) return fail(`--url must be an http(s) URL, got ${JSON.stringify(base)}`, true);
  const token = await resolveToken(parsed.values.token);
  if (token === undefined)
    return fail(
      'no API token: pass --token, set ORDERS_API_TOKEN, or start the app in local mode once (it writes .data/orders-api-token)',
    );

  const read = await readImportFile(file);
  if (!read.ok) return fail(read.error);
  for (const row of read.invalid) err(`${row.label}: ${row.problems.join('; ')}`);
  if (read.invalid.length > 0) err(`${read.invalid.length} row(s) are not valid and will not be sent.`);

  const target = { ordersUrl, token };
  try {
    await checkImportTarget(target);
    const total = read.rows.length;
    const results = await runImport(
      target,
      read.rows,
      total > 100 ? { onProgress: progressPrinter(total) } : {},
    );
    printSummary(file, results, read.invalid.length);
    const allGood =
      read.invalid.length === 0 && results.every((r) => r.outcome === 'created' || r.outcome === 'unchanged');
    return allGood ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportAbortedError) return fail(error.message);
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
