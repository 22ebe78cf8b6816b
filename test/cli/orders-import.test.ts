import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersRouter } from '../../src/http/orders.routes.js';
import { createHttpApp, listen, type RunningHttpServer } from '../../src/http/server.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { newOrderSchema } from '../../src/orders/order-input.schema.js';
import { createSetupReadBack } from '../../src/setups/setup-read-back.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import { useOrdersHarness } from '../orders/support/orders-harness.js';

const TOKEN = 'import-test-token-0123456789';
const CLI = path.resolve('src/cli/orders-import.ts');
const h = useOrdersHarness('import', '2025-05-01T08:00:00Z');
let server: RunningHttpServer;
let dir: string;

beforeAll(async () => {
  const logger = createSilentLogger();
  const readBack = createSetupReadBack(createSetupsRepository(h.storage.db));
  const router = createOrdersRouter({ service: h.service, readBack, apiToken: TOKEN, logger });
  server = await listen(
    createHttpApp({ logger, mounts: [{ path: '/api/orders', router }], readiness: [] }),
    0,
    '127.0.0.1',
  );
  dir = await mkdtemp(path.join(tmpdir(), 'orders-import-'));
});
afterAll(async () => {
  await server?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command, as `npm run orders:import` does, with a clean environment. */
function runImport(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text);
  return full;
}

const withServer = () => ['--url', server.url, '--token', TOKEN];

describe('orders:import', () => {
  it('imports good CSV rows, reports bad ones by line and conflicts, and exits 1', async () => {
    await h.service.createOrder(
      newOrderSchema.parse({
        orderId: 'CSV-4',
        requestedStartDate: '2025-06-01',
        provisioningContactEmail: 'old@p.example',
      }),
      'api',
    );
    const csv = await file(
      'orders.csv',
      [
        'orderId,requestedStartDate,provisioningContactEmail,customerName,offer',
        'CSV-1,2025-06-01,a@p.example,"Acme, Inc.",a-flex',
        'CSV-2,2025-06-31,not-an-email,Beta,',
        'CSV-3,2025-06-02,c@p.example,"Gamma',
        'Two lines",other',
        'CSV-4,2025-06-01,new@p.example,,',
        'CSV-5,2025-06-03,e@p.example',
      ].join('\r\n'),
    );
    const run = await runImport([csv, ...withServer()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'line 3: requestedStartDate is not a real calendar date; provisioningContactEmail must be an email address',
    );
    expect(run.stderr).toContain('line 7: has 3 fields; the header has 5');
    expect(run.stderr).toMatch(
      /line 6: conflict: Order CSV-4 already exists with different provisioningContactEmail/,
    );
    expect(run.stdout).toContain(
      '5 rows: 2 created, 0 unchanged, 1 conflicting, 0 too late, 2 invalid, 0 failed.',
    );
    // A line break in a name becomes a space (names are one line wherever they are shown).
    expect((await h.service.getOrder('CSV-3'))?.customerName).toBe('Gamma Two lines');
    expect((await h.service.getOrder('CSV-1'))?.history[0]?.by).toBe('import');
    expect(await h.service.getOrder('CSV-2')).toBeUndefined();
  });

  it('reports a row whose setup window has closed as too late and stores nothing for it', async () => {
    // The server's clock is 2025-05-01: 2025-03-15 closed on 2025-04-14, 2025-04-10 is open until 2025-05-10.
    const csv = await file(
      'late.csv',
      [
        'orderId,requestedStartDate,provisioningContactEmail,offer',
        'LATE-CSV-1,2025-03-15,late@p.example,other',
        'LATE-CSV-2,2025-04-10,open@p.example,other',
      ].join('\n'),
    );
    const run = await runImport([csv, ...withServer()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'line 2: too late: Order LATE-CSV-1 can no longer be set up: its setup window closed on 2025-04-14.',
    );
    expect(run.stderr).toContain(
      "requestedStartDate is too far in the past: an order other than A-Flex can be set up for 30 days from its start date, so this order's setup window closed at 00:00 on 2025-04-14 (Europe/Zagreb)",
    );
    expect(run.stdout).toContain(
      '2 rows: 1 created, 0 unchanged, 0 conflicting, 1 too late, 0 invalid, 0 failed.',
    );
    expect(await h.service.getOrder('LATE-CSV-1')).toBeUndefined();
    expect((await h.service.getOrder('LATE-CSV-2'))?.status).toBe('scheduled');
  });

  it('imports a JSON array, and a second run finds everything unchanged (exit 0)', async () => {
    const orders = Array.from({ length: 3 }, (_, i) => ({
      orderId: `JSON-${i}`,
      requestedStartDate: '2025-06-10',
      provisioningContactEmail: `c${i}@p.example`,
    }));
    const json = await file('orders.json', JSON.stringify(orders));
    const first = await runImport([json, ...withServer()]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 rows: 3 created, 0 unchanged');
    const second = await runImport([json, ...withServer()]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('3 rows: 0 created, 3 unchanged');
  });

  it('names bad JSON items by number and index', async () => {
    const json = await file(
      'bad.json',
      JSON.stringify([
        { orderId: 'J-OK', requestedStartDate: '2025-06-10', provisioningContactEmail: 'a@p.example' },
        { orderId: 'J-BAD', extra: true },
        'x',
      ]),
    );
    const run = await runImport([json, ...withServer()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'item 2 (index 1): requestedStartDate is required; provisioningContactEmail is required; extra is not a known field',
    );
    expect(run.stderr).toContain('item 3 (index 2): must be an object');
    expect(run.stdout).toContain('3 rows: 1 created');
  });

  it('shows progress for a large file and reads the token from the local-mode token file', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `BULK-${i},2025-07-01,b${i}@p.example`);
    const csv = await file(
      'bulk.csv',
      ['orderId,requestedStartDate,provisioningContactEmail', ...rows].join('\n'),
    );
    await writeFile(path.join(dir, 'orders-api-token'), `${TOKEN}\n`);
    const run = await runImport([csv, '--url', server.url], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/150\/150 rows sent \(100%\)/);
    expect(run.stdout).toContain('150 rows: 150 created');
    expect((await h.service.countByStatus()).scheduled).toBeGreaterThanOrEqual(150);
  });

  it.each([
    ['a missing file', () => [path.join(dir, 'nope.csv'), ...withServer()], 'no such file'],
    ['an unknown flag', () => ['x.csv', '--colour', 'red'], "Unknown option '--colour'"],
    ['no file', () => withServer(), 'give the file to import'],
    ['a bad URL', () => ['x.csv', '--url', 'ftp://host', '--token', TOKEN], '--url must be an http(s) URL'],
    [
      'a wrong token',
      () => [path.join(dir, 'orders.json'), '--url', server.url, '--token', 'wrong'],
      'refused the token (401)',
    ],
    [
      'an unreachable server',
      () => [path.join(dir, 'orders.json'), '--url', 'http://127.0.0.1:9', '--token', TOKEN],
      'cannot reach the orders API',
    ],
    ['no token at all', () => [path.join(dir, 'orders.json'), '--url', server.url], 'no API token'],
    [
      'an unknown CSV column',
      () => [path.join(dir, 'cols.csv'), ...withServer()],
      'unknown column(s) "email"',
    ],
  ])('exits 2 with a clear message for %s', async (_name, args, words) => {
    await writeFile(
      path.join(dir, 'cols.csv'),
      'orderId,requestedStartDate,email\nX,2025-01-01,a@b.example\n',
    );
    const run = await runImport(args(), { DATA_DIR: path.join(dir, 'empty') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(words);
  });
});
